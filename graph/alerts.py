"""Proactive alerts: the rules that push what needs doing to the right people.

Pure functions over rows the store returns; graph/services/alerts.py reads the rows, asks
these rules who must hear what, and delivers each (rule, object, user) once. A rule never
names a private relationship to anyone but its owner: coverage counts only non-private
relationships, each ranked as its recipient sees it, and the people told about an account are
its plan's editors and the owners of its members' non-private relationships."""

from __future__ import annotations

import dataclasses
import datetime as _dt

from .messages import N_, dump

STALE_DAYS = 180          # a relationship with no logged contact for this long is stale
STALE_PER_OWNER = 20      # at most this many stale relationships announced per owner and run
LEAVING_DAYS = 60         # a position ending within this many days: "get introduced to the successor"
PENDING_DAYS = 3          # a nomination waiting longer than this reminds whoever it waits for
SNOOZE_DAYS = (1, 7, 30)  # the snooze choices offered
COVERED_STRENGTH = 3      # a decision maker is covered by a relationship of at least this strength
RULES = ("uncovered", "stale", "leaving", "pending", "job_change")
RULE_LABELS = {"uncovered": "Decision maker not covered", "stale": "Relationship going cold",
               "leaving": "Key person leaving", "pending": "Waiting for you", "job_change": "Job change"}
DAY_MS = 86_400_000


@dataclasses.dataclass(frozen=True)
class Alert:
    """One thing one user should hear about. `key` names the (rule, object, state): the same
    key is never delivered twice to the same user."""

    rule: str
    key: str
    user_id: str
    text: str  # a Message (graph/messages.py) from the rules: English, translatable at render
    link: str | None = None

    def as_row(self) -> dict:
        return {"rule": self.rule, "key": f"{self.key}|{self.user_id}", "user_id": self.user_id,
                "text": self.text[:500], "message": dump(self.text), "link": self.link}


def shift(day: str, days: int) -> str:
    """An ISO date moved by `days`."""
    return (_dt.date.fromisoformat(day) + _dt.timedelta(days=days)).isoformat()


def either(names: list[str]) -> str:
    """'A or B or C', the 'or' translatable."""
    out = names[0]
    for name in names[1:]:
        out = N_("%(first)s or %(second)s", first=out, second=name)
    return out


def plan_team(plan: dict) -> set:
    """Who hears about an account: the plan's editors and the owners of its members'
    non-private relationships (the account team)."""
    return {u for u in (plan.get("created_by"), plan.get("updated_by"), *(plan.get("owners") or ())) if u}


def uncovered(rows: list[dict], teams: dict, best_seen) -> list[Alert]:
    """A decision maker whose best non-private relationship with a colleague, as each recipient
    sees it, is below COVERED_STRENGTH. `best_seen(user, coverage)` is that rank for one user
    (graph/visibility decides: a locked relationship ranks as a good contact, like in plans and
    paths, and its strength is never used), so no recipient learns a strength they may not see."""
    out = []
    for r in rows:
        who = {"name": r["name"], "account": r["account_name"]}
        for user in sorted(teams.get(r["plan_id"], ())):
            best = best_seen(user, r.get("coverage") or ())
            if best is not None and best >= COVERED_STRENGTH:
                continue
            text = (N_("%(name)s, decision maker at %(account)s, is not covered: no relationship on the team. "
                       "Find who can introduce you.", **who) if best is None else
                    N_("%(name)s, decision maker at %(account)s, is not covered: only a strength-%(best)s "
                       "relationship on the team. Find who can introduce you.", best=best, **who))
            out.append(Alert("uncovered", f"uncovered:{r['plan_id']}:{r['person_id']}", user, text,
                             f"/people/{r['person_id']}/paths"))
    return out


def stale(rows: list[dict], today: str, days: int = STALE_DAYS) -> list[Alert]:
    """Relationships with no logged contact for `days`, strongest first, capped per owner.
    The last contact date is part of the key: logging a contact ends the alert, and a later
    lapse raises a new one."""
    per_owner: dict = {}
    for r in sorted(rows, key=lambda r: (-(r.get("strength") or 0), r.get("last_contact") or "", r["id"])):
        per_owner.setdefault(r["owner"], []).append(r)
    out = []
    for owner, mine in sorted(per_owner.items()):
        for r in mine[:STALE_PER_OWNER]:
            last = r.get("last_contact")
            advice = N_("log a contact or lower the rating") if (r.get("strength") or 0) > 1 else N_("log a contact")
            said = {"contact": r["contact_name"], "days": days, "strength": r.get("strength"), "advice": advice}
            text = (N_("No contact logged with %(contact)s since %(last_date)s (more than %(days)s days; rated "
                       "%(strength)s): %(advice)s.", last_date=last, **said) if last else
                    N_("No contact logged with %(contact)s ever (more than %(days)s days; rated %(strength)s): "
                       "%(advice)s.", **said))
            out.append(Alert("stale", f"stale:{r['id']}:{last or 'never'}", owner, text,
                             f"/people/{r['contact_id']}/relationships/{r['id']}/edit"))
    return out


def leaving(rows: list[dict], successors_of: dict) -> list[Alert]:
    """A key person whose position ends soon (or is flagged leaving): tell whoever knows them
    and the account's plan team to get introduced to the successor."""
    out = []
    for r in rows:
        names = [s["name"] for s in successors_of.get((r["person_id"], r["organisation_id"]), [])]
        then = N_("get introduced to %(names)s", names=either(names)) if names else N_("find and meet their successor")
        said = {"name": r["name"], "title": r.get("title") or N_("staff"), "organisation": r["organisation_name"],
                "then": then}
        text = (N_("%(name)s (%(title)s) leaves %(organisation)s on %(end_date)s: %(then)s.", end_date=r["end"], **said)
                if r.get("end") else N_("%(name)s (%(title)s) leaves %(organisation)s soon: %(then)s.", **said))
        key = f"leaving:{r['person_id']}:{r['organisation_id']}:{r.get('end') or 'flagged'}"
        for user in sorted(set(r.get("owners") or ()) | set(r.get("team") or ())):
            out.append(Alert("leaving", key, user, text, f"/people/{r['person_id']}"))
    return out


def pending(rows: list[dict]) -> list[Alert]:
    """Nominations waiting longer than PENDING_DAYS: the owners asked, or its deciders (the
    event's manager, or the admins when the manager made it; never the nominator)."""
    out = []
    for r in rows:
        said = {"person": r["person_name"], "event": r["event_name"], "days": PENDING_DAYS}
        if r["status"] == "pending_owner":
            waiting = r.get("pending_owners") or []
            text = N_("The nomination of %(person)s for %(event)s has waited more than %(days)s days for your "
                      "consent.", **said)
        else:
            waiting = r.get("deciders") or []
            text = N_("The nomination of %(person)s for %(event)s has waited more than %(days)s days for your "
                      "decision.", **said)
        for user in sorted(u for u in waiting if u):
            out.append(Alert("pending", f"pending:{r['id']}:{r['status']}", user, text, f"/events/{r['event_id']}"))
    return out


def job_changes(changes: list[dict], owners_of: dict) -> list[Alert]:
    """A person seen at a new organisation (on import): tell whoever knows them."""
    out = []
    for c in changes:
        said = {"name": c["name"], "new": c["new_organisation"]}
        text = (N_("%(name)s now works at %(new)s (was at %(old)s): update your account plans and contacts.",
                   old=c["old_organisation"], **said) if c.get("old_organisation") else
                N_("%(name)s now works at %(new)s: update your account plans and contacts.", **said))
        key = f"job_change:{c['person_id']}:{c['new_organisation']}"
        for user in sorted(owners_of.get(c["person_id"], ())):
            out.append(Alert("job_change", key, user, text, f"/people/{c['person_id']}"))
    return out
