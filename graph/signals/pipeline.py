"""The signals pipeline: stores what a rep's own sources say, scores it, and suggests.

Every source (a connection or an uploaded file) hands its records (graph/signals/records.py)
to `ingest`, keyed by (user, source, uid or Message-ID, counterpart address), so a second
ingest of the same records writes nothing. Only metadata is kept: the counterpart's address,
when, which kind (meeting, message, card) and which direction.

Signals are the user's alone: every read takes the viewer's own user id and nothing else, so
no colleague, manager or admin reads them (a "see as colleague" preview sees none either).
Addresses are attributed to people only through what the viewer may already read: their own
aliases and a person's e-mail the viewer may read (a locked detail is never matched, else an
upload would reveal it). Only a suggestion the user accepts writes to the shared graph, through
the people and relationship services, so the relationship keeps its own visibility."""

from __future__ import annotations

import datetime as _dt
import hashlib
from email.utils import parseaddr

from .. import changes
from .. import validation as v
from ..errors import Conflict, NotFound, ValidationError
from ..messages import N_
from ..visibility import Viewer, readable_details
from . import files, score
from .records import Card, Meeting, Message

DAY_MS = 86_400_000
HOUR_MS = 3_600_000
BATCH = 2000  # signal rows per write
MAX_PARTICIPANTS = 50  # a meeting or message with more people is a broadcast, not a relationship
MAX_SOURCE_ID = 200
MAX_SUGGESTIONS = 200
KINDS = ("new_contact", "strength", "last_contact")
DECISIONS = ("accept", "dismiss")
UPLOAD_SOURCE = "upload"  # every uploaded file is one source: a file uploaded twice counts once


def address(value) -> tuple[str, str | None]:
    """('someone@example.com', 'Display Name' or None) from an address as written; ('', None)
    when it holds no address."""
    if not isinstance(value, str):
        return "", None
    name, addr = parseaddr(value)
    addr = addr.strip().lower()
    if "@" not in addr or len(addr) > 254 or any(c.isspace() for c in addr):
        return "", None
    return addr, (name.strip()[:200] or None)


def domain(addr: str) -> str:
    return addr.rsplit("@", 1)[-1]


def suggestion_id(owner: str, kind: str, target: str, value) -> str:
    """Stable for the same advice: dismissed once, the same advice never comes back; new
    figures (another strength, a later contact) make a new suggestion."""
    return hashlib.sha256(f"{owner}\0{kind}\0{target}\0{value}".encode()).hexdigest()[:24]


def iso_day(ms: int | None) -> str | None:
    if ms is None:
        return None
    return _dt.datetime.fromtimestamp(ms / 1000, _dt.timezone.utc).date().isoformat()


class SignalService:
    """Ingest, purge, per-person summary, suggestions and decisions (module docstring)."""

    def __init__(self, store, clock, users, people, relationships, company_domains=()):
        self.store = store
        self.clock = clock
        self.users = users
        self.people = people
        self.relationships = relationships
        self._kept = changes.Kept(survives=frozenset({changes.LOG, changes.TOKEN}), size=256)
        self.company_domains = frozenset(d.strip().lower().lstrip("@") for d in company_domains if d.strip())

    # -- whose ---------------------------------------------------------------------------------
    @staticmethod
    def _owner(viewer: Viewer) -> str | None:
        """The user whose signals the viewer reads: themself only, never through a preview."""
        if viewer.user_id is None or viewer.preview or viewer.previewer is not None:
            return None
        return viewer.user_id

    def _require_owner(self, viewer: Viewer) -> str:
        owner = self._owner(viewer)
        if owner is None:
            raise NotFound(N_("unknown suggestion"))
        return owner

    def own_addresses(self, viewer: Viewer) -> frozenset:
        """The user's own addresses: their person's e-mail and any they declared."""
        owner = self._owner(viewer)
        if owner is None:
            return frozenset()
        out = {r["email"] for r in self.store.read("signals/list_colleague_emails") if r["user_id"] == owner}
        out |= {r["email"] for r in self.store.read("signals/list_aliases", owner=owner) if r["mine"]}
        return frozenset(out)

    def set_own_addresses(self, viewer: Viewer, addresses) -> list[str]:
        """Declare the user's other addresses (they decide which messages are sent, not received)."""
        owner = self._require_owner(viewer)
        clean = sorted({address(a)[0] for a in addresses or ()} - {""})
        self.store.write("signals/delete_aliases", owner=owner, mine=True, keep=clean)
        if clean:
            self.store.write("signals/merge_aliases", rows=[
                {"key": f"{owner}|{a}", "owner": owner, "email": a, "mine": True} for a in clean])
        return clean

    # -- ingest / purge ------------------------------------------------------------------------
    def ingest(self, viewer: Viewer, source_id: str, meetings=(), messages=(), cards=()) -> dict:
        """Store the records' metadata under the viewer; {meetings, messages, cards}: how many
        records were new (a record already stored from this source counts nothing)."""
        owner = self._require_owner(viewer)
        source_id = self._source(source_id)
        mine = self.own_addresses(viewer)
        counts = {"meetings": 0, "messages": 0, "cards": 0}
        batch: dict[str, dict] = {}
        for row in self._rows(owner, source_id, mine, meetings, messages, cards):
            batch.setdefault(row["key"], row)
            if len(batch) >= BATCH:
                self._write(batch, counts)
                batch = {}
        if batch:
            self._write(batch, counts)
        return counts

    def _write(self, batch: dict, counts: dict) -> None:
        rows = self.store.write("signals/create_signals", rows=list(batch.values()))
        seen = {(r["kind"], r["uid"]) for r in rows}
        for kind, _uid in seen:
            counts[kind + "s"] += 1

    @staticmethod
    def _source(source_id) -> str:
        if not isinstance(source_id, str) or not source_id.strip() or len(source_id) > MAX_SOURCE_ID:
            raise ValidationError(N_("source_id is required"), "source_id")
        return source_id.strip()

    def _rows(self, owner, source_id, mine, meetings, messages, cards):
        def row(kind, uid, at_ms, addr, name, outgoing):
            out = {"key": f"{owner}|{source_id}|{kind}|{uid}|{addr}", "owner": owner, "source_id": source_id,
                   "kind": kind, "uid": uid, "at_ms": int(at_ms), "email": addr, "outgoing": bool(outgoing)}
            if name:
                out["name"] = name
            return out

        for m in meetings:
            if not isinstance(m, Meeting) or not m.uid:
                continue
            organizer, organizer_name = address(m.organizer)
            people = {organizer: organizer_name} if organizer else {}
            for a in m.attendees:
                addr, name = address(a)
                if addr:
                    people.setdefault(addr, name)
            others = {a: n for a, n in people.items() if a not in mine}
            if len(people) > MAX_PARTICIPANTS:
                continue
            outgoing = not organizer or organizer in mine
            for addr, name in others.items():
                yield row("meeting", m.uid[:500], m.start_ms, addr, name, outgoing)
        for msg in messages:
            if not isinstance(msg, Message) or not msg.message_id:
                continue
            sender, sender_name = address(msg.sender)
            recipients = {}
            for r in msg.recipients:
                addr, name = address(r)
                if addr:
                    recipients.setdefault(addr, name)
            if len(recipients) > MAX_PARTICIPANTS:
                continue
            uid = msg.message_id.strip()[:500]
            if sender and sender in mine:
                for addr, name in recipients.items():
                    if addr not in mine:
                        yield row("message", uid, msg.date_ms, addr, name, True)
            elif sender:
                yield row("message", uid, msg.date_ms, sender, sender_name, False)
        for c in cards:
            if not isinstance(c, Card) or not c.uid:
                continue
            emails = [a for a in dict.fromkeys(address(e)[0] for e in c.emails) if a and a not in mine]
            out = {"key": f"{owner}|{source_id}|card|{c.uid}|", "owner": owner, "source_id": source_id,
                   "kind": "card", "uid": c.uid[:500], "email": emails[0] if emails else "", "emails": emails,
                   "name": (c.name or "").strip()[:200] or None, "phones": [p[:50] for p in c.phones][:10],
                   "organisation": (c.organisation or "")[:200] or None, "title": (c.title or "")[:200] or None}
            yield {k: val for k, val in out.items() if val is not None}

    def upload(self, viewer: Viewer, filename: str, data: bytes) -> dict:
        """An uploaded .ics, .mbox, .eml or .vcf file, read (headers only) and ingested."""
        self._require_owner(viewer)
        meetings, messages, cards = files.parse(filename, data)
        return self.ingest(viewer, UPLOAD_SOURCE, meetings=meetings, messages=messages, cards=cards)

    def purge(self, viewer: Viewer, source_id: str) -> int:
        """Delete every signal `source_id` brought; how many were deleted."""
        owner = self._require_owner(viewer)
        source_id = self._source(source_id)
        total = 0
        while n := self.store.write("signals/delete_source", owner=owner, source_id=source_id,
                                    limit=BATCH)[0]["n"]:
            total += n
        return total

    # -- attribution ---------------------------------------------------------------------------
    def _context(self, viewer: Viewer, owner: str) -> dict:
        """What attribution needs: the viewer's own and colleagues' addresses, aliases, cards,
        the viewer's own relationships and the company's domains."""
        colleagues = self.store.read("signals/list_colleague_emails")
        aliases = self.store.read("signals/list_aliases", owner=owner)
        mine = {r["email"] for r in colleagues if r["user_id"] == owner} | {r["email"] for r in aliases if r["mine"]}
        colleague_emails = {r["email"] for r in colleagues} - mine
        domains = set(self.company_domains) | {domain(e) for e in colleague_emails | mine}
        own_knows = {}
        if viewer.person_id:
            for r in self.store.read("signals/list_own_knows", person_id=viewer.person_id, owner=owner):
                own_knows.setdefault(r["person_id"], r)
        return {"mine": mine, "colleagues": colleague_emails, "domains": domains, "own_knows": own_knows,
                "aliases": {r["email"]: r["person_id"] for r in aliases if not r["mine"] and r["person_id"]},
                "cards": self.store.read("signals/list_cards", owner=owner)}

    def _resolve(self, viewer: Viewer, emails, ctx: dict) -> dict:
        """address -> (person id, person name) for the addresses the viewer may attribute."""
        out, names = {}, {}
        emails = set(emails) | {e for card in ctx["cards"] for e in card.get("emails") or ()}
        for e in emails:
            if e in ctx["aliases"]:
                out[e] = ctx["aliases"][e]
        rest = sorted(emails - set(out))
        if rest:
            directory = self.users.directory()
            for r in self.store.read("signals/find_people_by_email", emails=rest):
                person, e = r["person"], r["email"]
                names[person["id"]] = person.get("name")
                if e in out and out[e] in ctx["own_knows"]:
                    continue  # the person the viewer already knows wins
                if self._readable_email(viewer, person, directory):
                    if e not in out or person["id"] in ctx["own_knows"]:
                        out[e] = person["id"]
        for card in ctx["cards"]:  # one card names the same person under each of its addresses
            known = [out[e] for e in card.get("emails") or () if e in out]
            if known:
                for e in card.get("emails") or ():
                    out.setdefault(e, known[0])
        return out, names

    def _readable_email(self, viewer: Viewer, person: dict, directory) -> bool:
        if viewer.is_admin or person.get("email_by") == viewer.user_id:
            return True
        from ..services.people import rel_row  # graph.services builds this service: import at use
        touching = [rel_row(r) for r in self.store.read("relationships/list_touching", id=person["id"])]
        return "email" in readable_details(viewer, person, touching, directory)

    def _activity(self, owner: str, pairs: list[dict]) -> dict:
        """who -> (score.Activity, first_ms, last_ms) over the signals of `pairs` ({email, who})."""
        if not pairs:
            return {}
        now = self.clock.now_ms()
        rows = self.store.read("signals/count_by_contact", owner=owner, pairs=pairs, now=now,
                               d30=now - 30 * DAY_MS, d90=now - 90 * DAY_MS, d365=now - 365 * DAY_MS)
        out = {}
        for r in rows:
            last = r["last_ms"]
            activity = score.Activity(
                meetings_30d=r["meetings_30d"], meetings_90d=r["meetings_90d"], meetings_365d=r["meetings_365d"],
                messages_30d=r["messages_30d"], messages_90d=r["messages_90d"], messages_365d=r["messages_365d"],
                sent=r["sent"], received=r["received"],
                days_since_last=None if last is None else max(0, (now - last) // DAY_MS))
            out[r["who"]] = (activity, r["first_ms"], last)
        return out

    # -- reads ---------------------------------------------------------------------------------
    def person_summary(self, viewer: Viewer, person_id) -> dict:
        """What the viewer's own signals say about one person (zeros when they say nothing)."""
        if not isinstance(person_id, str) or not person_id:
            raise NotFound(N_("unknown person"))
        self.people.require(person_id)
        owner = self._owner(viewer)
        activity, first, last = score.Activity(), None, None
        if owner is not None:
            ctx = self._context(viewer, owner)
            emails = [r["email"] for r in self.store.read("signals/list_emails", owner=owner, now=self.clock.now_ms())]
            resolved, _ = self._resolve(viewer, emails, ctx)
            pairs = [{"email": e, "who": person_id} for e, p in resolved.items() if p == person_id]
            found = self._activity(owner, pairs).get(person_id)
            if found:
                activity, first, last = found
        return self._summary(person_id, activity, first, last)

    @staticmethod
    def _summary(person_id, a: score.Activity, first, last) -> dict:
        seen = last is not None
        return {"person_id": person_id, "first_contact": iso_day(first), "last_contact": iso_day(last),
                "meetings_30d": a.meetings_30d, "meetings_90d": a.meetings_90d, "meetings_365d": a.meetings_365d,
                "messages_30d": a.messages_30d, "messages_90d": a.messages_90d, "messages_365d": a.messages_365d,
                "two_way": a.two_way if seen else False, "days_since_last": a.days_since_last,
                "suggested_strength": score.suggested_strength(a) if seen else None,
                "reason": score.reason(a) if seen else None}

    def suggestions(self, viewer: Viewer) -> list[dict]:
        """The viewer's open suggestions: strength and last-contact changes for their own
        relationships, and people met or written to both ways who are not in their book yet."""
        owner = self._owner(viewer)
        if owner is None:
            return []
        decided = {r["suggestion_id"] for r in self.store.read("signals/list_decisions", owner=owner)}
        return [s for s in self._candidates(viewer, owner) if s["id"] not in decided][:MAX_SUGGESTIONS]

    def for_person(self, viewer: Viewer, person_id) -> dict:
        """The person page's box: the viewer's own figures and open suggestions for the person."""
        summary = self.person_summary(viewer, person_id)
        return {"summary": summary, "suggestions": [s for s in self.suggestions(viewer) if s["person_id"] == person_id]}

    def _candidates(self, viewer: Viewer, owner: str) -> list[dict]:
        """Every suggestion the signals make now (decided ones included), kept per user until
        the next write that is not a log record, or the next hour (callers must not change them)."""
        return self._kept.get(self.store, lambda: self._compute(viewer, owner),
                              (owner, self.clock.now_ms() // HOUR_MS))

    def _compute(self, viewer: Viewer, owner: str) -> list[dict]:
        ctx = self._context(viewer, owner)
        rows = self.store.read("signals/list_emails", owner=owner, now=self.clock.now_ms())
        signal_names = {r["email"]: r["name"] for r in rows}
        resolved, names = self._resolve(viewer, signal_names, ctx)
        pairs = [{"email": e, "who": resolved.get(e, "@" + e)} for e in signal_names]
        activity = self._activity(owner, pairs)
        email_of = {}
        for e in signal_names:
            email_of.setdefault(resolved.get(e, "@" + e), e)
        out = []
        for who, (a, _first, last) in activity.items():
            suggested = score.suggested_strength(a)
            reason = score.reason(a)
            day = iso_day(last)
            base = {"email": email_of.get(who), "suggested_strength": suggested, "reason": reason,
                    "last_contact": day, "weight": score.weight(a)}
            if who.startswith("@"):
                e = who[1:]
                if self._excluded(e, ctx) or not self._notable(a):
                    continue
                out.append(dict(base, id=suggestion_id(owner, "new_contact", e, ""), kind="new_contact",
                                person_id=None, name=signal_names.get(e) or self._card_name(e, ctx) or e))
                continue
            if who == viewer.person_id:
                continue
            rel = ctx["own_knows"].get(who)
            name = (rel or {}).get("name") or names.get(who)
            if rel is None:
                if self._notable(a):
                    out.append(dict(base, id=suggestion_id(owner, "new_contact", who, ""), kind="new_contact",
                                    person_id=who, name=name))
            elif rel.get("strength") != suggested:
                out.append(dict(base, id=suggestion_id(owner, "strength", who, f"{suggested}|{day}"),
                                kind="strength", person_id=who, name=name, relationship_id=rel["id"],
                                strength=rel.get("strength")))
            elif day and (rel.get("last_contact") or "") < day:
                out.append(dict(base, id=suggestion_id(owner, "last_contact", who, day), kind="last_contact",
                                person_id=who, name=name, relationship_id=rel["id"], strength=rel.get("strength")))
        suggested_emails = {s["email"] for s in out}
        for card in ctx["cards"]:  # address-book entries nobody was matched to
            emails = card.get("emails") or []
            if not emails or any(e in resolved or e in suggested_emails for e in emails):
                continue
            if all(self._excluded(e, ctx) for e in emails):
                continue
            out.append({"id": suggestion_id(owner, "new_contact", emails[0], ""), "kind": "new_contact",
                        "person_id": None, "email": emails[0], "name": card.get("name") or emails[0],
                        "suggested_strength": None, "reason": N_("in your address book"), "last_contact": None,
                        "weight": 0, "title": card.get("title"), "phone": (card.get("phones") or [None])[0]})
        order = {k: i for i, k in enumerate(("strength", "last_contact", "new_contact"))}
        out.sort(key=lambda s: (order[s["kind"]], -s["weight"], s["name"] or "", s["id"]))
        return out

    @staticmethod
    def _notable(a: score.Activity) -> bool:
        """Met, or written to both ways: a newsletter or an unanswered cold mail is not a contact."""
        return a.two_way and score.weight(a) >= score.FREQUENCY_STEPS[0]

    @staticmethod
    def _excluded(e: str, ctx: dict) -> bool:
        return e in ctx["mine"] or e in ctx["colleagues"] or domain(e) in ctx["domains"]

    @staticmethod
    def _card_name(e: str, ctx: dict) -> str | None:
        for card in ctx["cards"]:
            if e in (card.get("emails") or ()):
                return card.get("name")
        return None

    # -- decisions -----------------------------------------------------------------------------
    def require(self, viewer: Viewer, suggestion_id_) -> None:
        """NotFound unless the suggestion is the viewer's own (open or decided): checked before
        a request body is read, so a stranger's id answers exactly like an unknown one."""
        owner = self._require_owner(viewer)
        if not isinstance(suggestion_id_, str) or len(suggestion_id_) > 64:
            raise NotFound(N_("unknown suggestion"))
        decided = {r["suggestion_id"] for r in self.store.read("signals/list_decisions", owner=owner)}
        if suggestion_id_ not in decided and not any(s["id"] == suggestion_id_
                                                     for s in self._candidates(viewer, owner)):
            raise NotFound(N_("unknown suggestion"))

    def decide(self, viewer: Viewer, suggestion_id_, decision, strength=None) -> dict:
        """Accept (optionally with the rep's own strength) or dismiss one suggestion, once."""
        owner = self._require_owner(viewer)
        if not isinstance(suggestion_id_, str) or len(suggestion_id_) > 64:
            raise NotFound(N_("unknown suggestion"))
        decision = v.choice("decision", decision, DECISIONS)
        strength = v.integer("strength", strength, low=1, high=5, required=False)
        decided = {r["suggestion_id"] for r in self.store.read("signals/list_decisions", owner=owner)}
        if suggestion_id_ in decided:
            raise Conflict(N_("this suggestion was already decided"), "decision")
        found = [s for s in self._candidates(viewer, owner) if s["id"] == suggestion_id_]
        if not found:
            raise NotFound(N_("unknown suggestion"))
        s = found[0]
        result = {"id": s["id"], "kind": s["kind"], "decision": decision, "person_id": s["person_id"],
                  "relationship_id": s.get("relationship_id")}
        if decision == "accept":
            result.update(self._apply(viewer, s, strength))
        rows = self.store.write("signals/create_decision", decision={
            "key": f"{owner}|{s['id']}", "owner": owner, "suggestion_id": s["id"], "kind": s["kind"],
            "decision": decision, "at_ms": self.clock.now_ms()})
        if not rows or not rows[0]["created"]:
            raise Conflict(N_("this suggestion was already decided"), "decision")
        return result

    def _apply(self, viewer: Viewer, s: dict, strength: int | None) -> dict:
        day = s.get("last_contact")
        if s["kind"] == "last_contact":
            self.relationships.update(viewer, s["relationship_id"], {"last_contact": day})
            return {}
        if s["kind"] == "strength":
            data = {"strength": strength or s["suggested_strength"]}
            if day:
                data["last_contact"] = day
            self.relationships.update(viewer, s["relationship_id"], data)
            return {}
        if not viewer.person_id:
            raise ValidationError(N_("your account has no person record to link this contact to"), "decision")
        person_id = s["person_id"]
        if person_id is None:
            data = {"name": s.get("name") or s["email"], "email": s["email"]}
            for key in ("title", "phone"):
                if s.get(key):
                    data[key] = s[key]
            try:
                person_id = self.people.create(viewer, data)["id"]
            except ValidationError:  # an address book's phone or title the forms would refuse
                person_id = self.people.create(viewer, {"name": data["name"], "email": s["email"]})["id"]
        data = {"person_id": viewer.person_id, "other_id": person_id,
                "strength": strength or s["suggested_strength"] or 1}
        if day:
            data["last_contact"] = day
        rel = self.relationships.create(viewer, data)  # the policy gives the level
        return {"person_id": person_id, "relationship_id": rel["id"]}
