"""Seeding a "hostile world" through the real web forms: one payload in every free-text field.

Each write is the POST a browser would send (same form fields, CSRF token, session cookie),
made from the actor's browser context without rendering, so the accumulated flash messages
(which quote names) are shown by the actor's next rendered page. Ids are read back in-process
from the same graph; nothing is written around the app. A new form with free text: post it in
build(), add the id its page needs to `ids`, and read its fields back in stored()."""

from __future__ import annotations

import csv
import dataclasses
import datetime as _dt
import io
import re
from urllib.parse import urlsplit

from graph.visibility import SYSTEM
from tests.conftest import PASSWORD

from .conftest import csrf_of, http_login
from .payloads import email_of

RENEWAL = "Win the renewal: "
_FIELD_ERROR = re.compile(r'class="[^"]*\berror\b[^"]*"[^>]*>\s*([^<]{1,300}?)\s*<')


class Actor:
    """One signed-in user posting forms over HTTP from a browser context (whose pages then show
    the flash messages those posts left). Owns the context only when it signed in itself."""

    def __init__(self, site, username: str, context=None, password: str | None = None):
        self.site = site
        self.username = username
        self.owned = context is None
        self.context = context or site.context()
        if self.owned:
            http_login(self.context.request, site.base_url, username, password or PASSWORD)
        self.request = self.context.request
        answer = self.request.get(site.url("/"))  # the session's CSRF token (valid for every form)
        assert answer.ok, f"{username}: home page {answer.status}"
        self.token = csrf_of(answer.text())

    def post(self, path: str, files: dict | None = None, **form) -> str:
        """POST the form (multipart when it carries `files`: name -> (filename, bytes)); returns
        the path it redirects to (a refused form fails the test)."""
        fields = {k: "" if v is None else str(v) for k, v in form.items()}
        fields["csrf_token"] = self.token
        if files:
            fields.update({k: {"name": name, "mimeType": "text/csv", "buffer": data}
                           for k, (name, data) in files.items()})
            answer = self.request.post(self.site.url(path), multipart=fields, max_redirects=0)
        else:
            answer = self.request.post(self.site.url(path), form=fields, max_redirects=0)
        if answer.status not in (302, 303):
            errors = _FIELD_ERROR.findall(answer.text())
            raise AssertionError(f"{self.username} POST {path}: {answer.status} {errors}")
        location = urlsplit(answer.headers["location"]).path
        assert location != "/login", f"{self.username} POST {path}: signed out (session cookie lost?)"
        return location

    def close(self) -> None:
        if self.owned and self.context is not None:
            self.context.close()
            self.context = None


def _last(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


@dataclasses.dataclass
class World:
    """What one text was written into; `ids` fills url_map placeholders (see pages.py)."""

    number: int
    text: str
    ids: dict
    hostile: Actor  # the user named by the text, signed in in a context of their own

    def close(self) -> None:
        self.hostile.close()


def build(site, number: int, p: str, actors: dict) -> World:
    """Write the text `p` into every free-text field a form offers, through those forms.

    `actors`: Actor of ada, alice and mona. ada: a team, a user named `p` in it, a sharing
    rule; alice: an account with a subsidiary and a school, two people (one reports to the
    other), a position, an education, her relationship with notes, a plan action; the user
    named `p`: an exclusive relationship (others see their name on locked hops); mona: the plan
    (objectives, members with notes, an influence line), an event with her nomination, which
    ada decides (nobody decides a nomination they made); the owners consent with a message;
    alice uploads an import file (left unapplied: its preview page lists the rows)."""
    cast, s = site.cast, site.services
    ada, alice, mona = actors["ada"], actors["alice"], actors["mona"]
    username, password = f"xss{number}", f"pw-{number}-{PASSWORD}"
    ids: dict = {}

    ada.post("/admin/teams", name=p)
    ids["user_id"] = _last(ada.post("/admin/users/new", username=username, name=p, password=password,
                                    role="rep", team=p))
    ada.post("/policy/new", name=p, org_kind="account", sector=p, country=p, min_strength="", team_id="",
             outcome="exclusive", mode="default", review_days="", reason=p)
    ids["rule_id"] = next(r["id"] for r in s.policy.list(SYSTEM) if r["name"] == p.strip())

    org = {"kind": "account", "sector": p, "country": p, "parent": "", "parent_id": ""}
    ids["org_id"] = _last(alice.post("/organisations/new", name=p, **org))
    ids["subsidiary_id"] = subsidiary = _last(alice.post("/organisations/new", name=p, **(
        org | {"kind": "partner", "parent": p, "parent_id": ids["org_id"]})))
    ids["school_id"] = school = _last(alice.post("/organisations/new", name=p, **(org | {"kind": "school"})))
    # A reference field carries the typed name and the id its suggestion list picked.
    person = {"name": p, "title": p, "email": email_of(p), "phone": "", "notes": p, "organisation": p,
              "organisation_id": ids["org_id"]}
    ids["boss_id"] = boss = _last(alice.post("/people/new", reports_to="", reports_to_id="", **person))
    ids["person_id"] = x = _last(alice.post("/people/new", reports_to=p, reports_to_id=boss, **person))
    alice.post(f"/people/{x}/positions/new", organisation=p, organisation_id=subsidiary, title=p, department=p,
               start="2020-01-01", end="")
    alice.post(f"/people/{x}/education/new", school=p, school_id=school, start="2000-09-01", end="2004-06-30")
    alice.post(f"/people/{x}/know", strength=4, context="client", visibility="")  # the rule decides
    ids["rel_id"] = rel = next(r["id"] for r in s.relationships.touching(SYSTEM, x)
                               if r["owner"] == cast.id("alice"))
    alice.post(f"/people/{x}/relationships/{rel}/edit", strength=4, context="client", visibility="exclusive",
               since="2019-01-01", last_contact="2024-01-01", notes=p)

    hostile = Actor(site, username, password=password)
    hostile.post(f"/people/{x}/know", strength=3, context="event", visibility="exclusive")

    plan = f"/accounts/{ids['org_id']}/plan"
    mona.post(f"{plan}/edit", period_start="2026-01-01", period_end="2026-12-31", status="active",
              objectives=f"{p}\n{RENEWAL}{p}")
    mona.post(f"{plan}/members/new", person_id=x, role="decision_maker", stance="opponent", influence=5, notes=p)
    mona.post(f"{plan}/members/new", person_id=boss, role="champion", stance="ally", influence=3, notes=p)
    mona.post(f"{plan}/influences", from_id=boss, to_id=x)
    alice.post(f"{plan}/actions/new", title=p, owner=cast.id("alice"), due="2026-06-30", status="open", member_id=x)
    ids["action_id"] = s.plans.get(SYSTEM, ids["org_id"], paths=False)["actions"][0]["id"]

    soon = (_dt.date.today() + _dt.timedelta(days=120)).isoformat()  # events are dated at most a year ahead
    ids["event_id"] = event = _last(mona.post("/events/new", name=p, date=soon, capacity=20, description=p))
    mona.post(f"/events/{event}/nominate", person=p, person_id=x, reason=p)
    ids["nomination_id"] = nomination = s.events.get(SYSTEM, event)["nominations"][0]["id"]
    alice.post(f"/nominations/{nomination}/consent", decision="consent", reason=p)
    hostile.post(f"/nominations/{nomination}/consent", decision="consent", reason=p)
    ada.post(f"/nominations/{nomination}/decision", decision="approve", reason=p)  # mona may not decide her own

    ids["import_id"] = _last(alice.post("/imports", files={"file": ("contacts.csv", _csv(p))}, format="",
                                        strength="2", visibility=""))
    return World(number, p, ids, hostile)


def stored(site, ids: dict, p: str) -> dict:
    """Every free-text field the forms wrote, read back from the graph ("where": value); each
    must equal `p` as typed (trimmed)."""
    s, ada = site.services, site.cast.viewer("ada")
    rule = s.policy.get(SYSTEM, ids["rule_id"])
    user = s.users.admin_user(ada, ids["user_id"])
    out = {"team name": user.get("team"), "user name": user["name"],
           **{f"rule {k}": rule[k] for k in ("name", "sector", "country", "reason")}}
    for key in ("org_id", "subsidiary_id", "school_id"):
        org = s.organisations.get(SYSTEM, ids[key])
        out.update({f"{key} {k}": org[k] for k in ("name", "sector", "country")})
    for key in ("person_id", "boss_id"):
        person = s.people.get(SYSTEM, ids[key])
        out.update({f"{key} {k}": person[k] for k in ("name", "title", "notes")})
    page = s.people.page(SYSTEM, ids["person_id"])
    post = next(w for w in page["positions"] if w["organisation_id"] == ids["subsidiary_id"])
    out.update({"position title": post["title"], "position department": post["department"],
                "relationship notes": s.relationships.get(SYSTEM, ids["rel_id"])["notes"]})
    plan = s.plans.get(SYSTEM, ids["org_id"], paths=False)
    typed = [line.strip() for line in f"{p}\n{RENEWAL}{p}".splitlines() if line.strip()]  # one per line
    objectives = plan["plan"]["objectives"]
    out["objectives"] = p.strip() if objectives == typed else objectives
    out.update({f"member notes {m['person_id'] == ids['person_id']}": m["notes"] for m in plan["members"]})
    out["action title"] = plan["actions"][0]["title"]
    event = s.events.get(SYSTEM, ids["event_id"])
    nomination = event["nominations"][0]
    out.update({"event name": event["name"], "event description": event["description"],
                "nomination reason": nomination["reason"], "decision reason": nomination["decision_reason"]})
    return out


def _csv(p: str) -> bytes:
    """An import file whose every text column holds `p` (the second row's profile link is a
    javascript: URL)."""
    out = io.StringIO()
    row = {"name": p, "first_name": "", "last_name": "", "email": "imported." + email_of(p), "phone": "",
           "title": p, "organisation": f"{p} (imported)", "organisation_kind": "account", "department": p,
           "start": "2022-01-01", "strength": "3", "context": "client", "visibility": "", "since": "", "notes": p,
           "linkedin": ""}
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    writer.writerow(row | {"email": "second." + email_of(p), "linkedin": "javascript:window.__xss=99"})
    return out.getvalue().encode()
