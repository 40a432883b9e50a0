"""Events and nominations: managers create events, anyone nominates a contact, the holders whose
sharing the approval would widen consent, a decider approves or rejects, and approval grants the
nominator and the event's manager the contact's details for a bounded time. From the event date
on, the manager records each approved guest's outcome and feedback, which the owners of the
contact's exclusive or team relationships see (shared contacts are treated with care).

The rules of governed sharing:
- Nobody decides a nomination they made. The deciders are the event's manager and the admins,
  minus the nominator; so when a manager nominates for their own event an admin decides (and
  is told), and an admin's nomination goes to the event's manager or another admin.
- A grant's length is bounded: it ends at the earlier of the event date + 30 days and the
  approval day + 90 days (grants.event_grant_expiry), and an event may be dated at most
  MAX_LEAD_DAYS ahead (400 on `date`).
- Consent is asked of every other holder whose relationship the approval opens to the grant's
  holders: each exclusive owner (the use of an exclusive contact stays with its owner), and each
  team-level owner whose relationship the nominator or the event's manager sees locked (another
  team's). Company-level holders have shared already.
- A private relationship changes nothing anyone else sees: its holders are told in their own
  inbox, never asked, never stored on the nomination, and the status (pending_owner or
  pending_manager), the owners listed and every notification and audit line to others are the
  same as without it.

Each transition is one conditional Cypher statement (MATCH ... WHERE status = expected SET ...),
so concurrent deciders get exactly one transition and a 409 for the rest.

Every write first resolves its object (404) and checks the role (403), and only then reads the
input (400): the require_* methods are that first half, which the routes call before parsing a
body or a form."""

from __future__ import annotations

import datetime as _dt

from .. import validation as v
from ..clock import new_id
from ..errors import Conflict, Forbidden, NotFound, ValidationError
from ..messages import N_
from ..model import MAX_NAME, MAX_NOTES
from ..visibility import LOCKED, Viewer, relationship_access
from .grants import event_grant_expiry

STATUSES = ("pending_owner", "pending_manager", "approved", "rejected")
DECISIONS = {"approve": "approved", "reject": "rejected"}
CONSENTS = ("consent", "refuse")
OUTCOMES = ("attended", "declined", "no_show")
OUTCOME_WORDS = {"attended": N_("attended"), "declined": N_("declined on the day"), "no_show": N_("did not show up")}
SHARED_LEVELS = ("exclusive", "team")  # holders at these levels follow how their contact is treated
FATIGUE_EVENTS = 3  # a person approved for this many events ...
FATIGUE_DAYS = 90  # ... within this many days of another is not nominated again
MAX_CAPACITY = 100_000
MAX_LEAD_DAYS = 365  # an event is dated at most this many days ahead


def day_ms(date: str) -> int:
    """Midnight UTC of an ISO date, in epoch milliseconds."""
    d = _dt.date.fromisoformat(date)
    return int(_dt.datetime(d.year, d.month, d.day, tzinfo=_dt.timezone.utc).timestamp() * 1000)


def admin_ids(store) -> list[str]:
    """The active admins: who decides a nomination its event's manager made."""
    return [u["id"] for u in store.read("users/list_users") if u["role"] == "admin" and u.get("active") is not False]


def deciders(manager: str | None, nominator: str | None, admins) -> list[str]:
    """Who is asked to decide a nomination: the event's manager, or the admins when the manager
    made it; never the nominator."""
    wanted = [manager] if manager and manager != nominator else sorted(admins)
    return [u for u in wanted if u and u != nominator]


class EventService:
    def __init__(self, store, clock, users, audit, notifications, grants):
        self.store = store
        self.clock = clock
        self.users = users
        self.audit = audit
        self.notifications = notifications
        self.grants = grants

    # -- events --------------------------------------------------------------------------------
    def require_organiser(self, viewer: Viewer) -> None:
        if not (viewer.is_manager or viewer.is_admin) or viewer.user_id is None:
            raise Forbidden(N_("only managers and admins create events"))

    def create(self, viewer: Viewer, data: dict) -> dict:
        """A new event managed by its creator (managers and admins only)."""
        self.require_organiser(viewer)
        v.only_fields(data, ("name", "date", "capacity", "description"))
        event = {"id": new_id(), "name": v.text("name", data.get("name"), required=True, max_len=MAX_NAME),
                 "date": v.iso_date("date", data.get("date"), required=True),
                 "capacity": v.integer("capacity", data.get("capacity"), low=1, high=MAX_CAPACITY, required=False),
                 "description": v.text("description", data.get("description"), max_len=MAX_NOTES),
                 "manager": viewer.user_id, "manager_name": viewer.name or viewer.username,
                 "created_at": self.clock.now_ms()}
        latest = (_dt.date.fromisoformat(self.clock.today()) + _dt.timedelta(days=MAX_LEAD_DAYS)).isoformat()
        if event["date"] > latest:
            raise ValidationError(N_("an event is dated at most a year ahead (%(latest)s)", latest=latest), "date")
        self.store.write("events/create_event", event={k: val for k, val in event.items() if val is not None})
        return self.get(viewer, event["id"])

    def list(self, viewer: Viewer) -> list[dict]:
        self.grants.expire_due()
        return [self._event_row(r) for r in self.store.read("events/list_events")]

    def get(self, viewer: Viewer, event_id) -> dict:
        """The event with the nominations the viewer may see (events themselves are public)."""
        self.grants.expire_due()
        event = self._event(event_id)
        rows = [r["nomination"] for r in self.store.read("events/list_nominations", event_id=event["id"])]
        event["can_decide"] = self._may_decide(viewer, event)
        event["outcomes_open"] = self.clock.today() >= event["date"]
        event["nominations"] = [self._shape(viewer, n, event) for n in rows if self._may_see(viewer, n)]
        return event

    def page(self, viewer: Viewer, event_id) -> dict:
        """The event page: the event, and the viewer's active grants for it."""
        event = self.get(viewer, event_id)
        event["my_grants"] = [g for g in self.grants.mine(viewer) if g.get("event_id") == event["id"]]
        return event

    # -- nominations ---------------------------------------------------------------------------
    def require_nominator(self, viewer: Viewer, event_id) -> dict:
        """The event (404), for a signed-in user (403)."""
        event = self._event(event_id)
        if viewer.user_id is None:
            raise Forbidden(N_("only a user can nominate"))
        return event

    def nominate(self, viewer: Viewer, event_id, data: dict) -> dict:
        event = self.require_nominator(viewer, event_id)
        v.only_fields(data, ("person_id", "reason"))
        person_id = v.identifier("person_id", data.get("person_id"))
        reason = v.text("reason", data.get("reason"), max_len=MAX_NOTES)
        people = self.store.read("people/find_by_id", id=person_id)
        if not people:
            raise NotFound(N_("unknown person"), "person_id")
        person_name = people[0]["name"]
        if event["date"] < self.clock.today():
            raise ValidationError(N_("this event is over; nominations are closed"), "event")
        if self.store.read("events/find_open_nomination", event_id=event["id"], person_id=person_id):
            raise Conflict(N_("%(name)s is already nominated for this event", name=person_name), "person_id")
        self._check_fatigue(person_name, person_id, event)
        holders = [h for h in self.store.read("events/holders", person_id=person_id)
                   if h["owner"] and h["owner"] != viewer.user_id]
        asked = self._asked(viewer, event, holders)
        exclusive = {h["owner"] for h in holders if h["visibility"] == "exclusive"}
        private = sorted({h["owner"] for h in holders if h["visibility"] == "private"} - set(asked))
        now = self.clock.now_ms()
        nomination = {"id": new_id(), "event_id": event["id"], "event_name": event["name"], "person_id": person_id,
                      "person_name": person_name, "nominator": viewer.user_id,
                      "nominator_name": viewer.name or viewer.username, "manager": event["manager"],
                      "status": "pending_owner" if asked else "pending_manager",
                      "pending_owners": asked, "owners": asked, "consented": [],
                      "created_at": now, "updated_at": now}
        if reason:
            nomination["reason"] = reason
        self.store.write("events/create_nomination", nomination=nomination)
        link = f"/events/{event['id']}"
        who = nomination["nominator_name"]
        said = {"who": who, "name": person_name, "event": event["name"], "event_date": event["date"]}
        notes = [self.notifications.item(o, "consent", N_("%(who)s nominated %(name)s, whom you know exclusively, "
                                                          "for %(event)s (%(event_date)s). Do you consent?", **said),
                                         link) for o in asked if o in exclusive]
        notes += [self.notifications.item(o, "consent", N_("%(who)s nominated %(name)s, whom you share with your "
                                                           "team, for %(event)s (%(event_date)s). Do you consent?",
                                                           **said), link) for o in asked if o not in exclusive]
        notes += [self.notifications.item(o, "told", N_("For your information: %(name)s was nominated for "
                                                        "%(event)s (%(event_date)s).", **said), link) for o in private]
        if not asked:
            notes += self._decision_notes(nomination)
        self.notifications.send(notes)
        self.audit.record(viewer, "nomination.create", users=(*asked, event["manager"]),
                          nomination_id=nomination["id"], event_id=event["id"], event_name=event["name"],
                          person_id=person_id, person_name=person_name, reason=reason)
        return self._shape(viewer, nomination)

    def get_nomination(self, viewer: Viewer, nomination_id) -> dict:
        return self._shape(viewer, self._visible(viewer, nomination_id))

    def require_consenter(self, viewer: Viewer, nomination_id) -> dict:
        """The nomination (404 unless visible), for a holder who was asked (403)."""
        n = self._visible(viewer, nomination_id)
        if viewer.user_id is None or viewer.user_id not in (n.get("owners") or []):
            raise Forbidden(N_("only an owner of an exclusive relationship with this person is asked"))
        return n

    def require_decider(self, viewer: Viewer, nomination_id) -> dict:
        """The nomination (404 unless visible), for a decider other than its nominator (403)."""
        return self._for_decider(viewer, nomination_id)[0]

    def require_outcome_recorder(self, viewer: Viewer, nomination_id) -> dict:
        """The nomination (404 unless visible), for its event's manager or an admin (403)."""
        return self._for_organiser(viewer, nomination_id)[0]

    def _for_decider(self, viewer: Viewer, nomination_id) -> tuple[dict, dict]:
        n, event = self._for_organiser(viewer, nomination_id)
        if viewer.user_id == n.get("nominator"):
            raise Forbidden(N_("nobody decides a nomination they made"))
        return n, event

    def _for_organiser(self, viewer: Viewer, nomination_id) -> tuple[dict, dict]:
        n = self._visible(viewer, nomination_id)
        event = self._event(n["event_id"])
        if not self._may_decide(viewer, event):
            raise Forbidden(N_("only the event's manager or an admin decides"))
        return n, event

    def consent(self, viewer: Viewer, nomination_id, data: dict) -> dict:
        """An asked holder's answer: consent (last one → pending_manager) or refuse (→ rejected)."""
        n = self.require_consenter(viewer, nomination_id)
        v.only_fields(data, ("decision", "reason"))
        decision = v.choice("decision", data.get("decision"), CONSENTS)
        reason = v.text("reason", data.get("reason"), max_len=MAX_NOTES)
        now = self.clock.now_ms()
        if decision == "consent":
            rows = self.store.write("events/consent_nomination", id=n["id"], user=viewer.user_id, now=now)
        else:
            rows = self.store.write("events/refuse_nomination", id=n["id"], user=viewer.user_id, now=now,
                                    reason=reason or "the owner declined")
        if not rows:
            raise Conflict(N_("you have already answered, or the nomination is decided"), "decision")
        status = rows[0]["status"]
        self.audit.record(viewer, "nomination.consent" if decision == "consent" else "nomination.refuse",
                          users=(n["nominator"], n["manager"]), user_id=n["nominator"], nomination_id=n["id"],
                          event_id=n["event_id"], event_name=n["event_name"], person_id=n["person_id"],
                          person_name=n["person_name"], reason=reason)
        link = f"/events/{n['event_id']}"
        if status == "pending_manager":
            self.notifications.send(self._decision_notes(n))
        elif status == "rejected":
            self.notifications.notify(n["nominator"], "outcome", N_(
                "%(who)s declined to share %(name)s for %(event)s: %(reason)s.", who=viewer.name or viewer.username,
                name=n["person_name"], event=n["event_name"], reason=reason or N_("no reason given")), link)
        return {"id": n["id"], "status": status}

    def decide(self, viewer: Viewer, nomination_id, data: dict) -> dict:
        """A decider (the event manager or an admin, never the nominator) approves or rejects,
        with a reason stored; a second decision is a 409; approval beyond capacity is refused (409)."""
        n, event = self._for_decider(viewer, nomination_id)
        v.only_fields(data, ("decision", "reason"))
        status = DECISIONS[v.choice("decision", data.get("decision"), tuple(DECISIONS))]
        reason = v.text("reason", data.get("reason"), max_len=MAX_NOTES) or \
            (N_("approved by the event manager") if status == "approved" else N_("rejected by the event manager"))
        now = self.clock.now_ms()
        holders = sorted({n["nominator"], event["manager"]})
        expires = event_grant_expiry(day_ms(event["date"]), now)
        grants = [{"id": new_id(), "user_id": u, "person_id": n["person_id"], "person_name": n["person_name"],
                   "event_id": event["id"], "event_name": event["name"], "nomination_id": n["id"],
                   "created_at": now, "expires_at": expires, "expired": False} for u in holders]
        rows = self.store.write("events/decide_nomination", id=n["id"], status=status, user=viewer.user_id,
                                reason=reason, now=now, grants=grants)
        if not rows:
            current = self._nomination(n["id"])
            if current["status"] == "pending_manager":
                raise Conflict(N_("the event is full (capacity %(capacity)s)", capacity=event["capacity"]), "decision")
            if current["status"] == "pending_owner":
                raise Conflict(N_("waiting for the owners' consent"), "decision")
            raise Conflict(f"this nomination is already {current['status']}", "decision")
        entries = [self.audit.entry(viewer, "nomination.approve" if status == "approved" else "nomination.reject",
                                    users=(n["nominator"], *(n.get("owners") or [])), user_id=n["nominator"],
                                    nomination_id=n["id"], event_id=event["id"], event_name=event["name"],
                                    person_id=n["person_id"], person_name=n["person_name"], reason=reason)]
        if status == "approved":
            until = _dt.datetime.fromtimestamp((expires - 1) / 1000, _dt.timezone.utc).date()
            entries += [self.audit.entry(viewer, "grant.create", users=(g["user_id"],), user_id=g["user_id"],
                                         nomination_id=n["id"], event_id=event["id"], event_name=event["name"],
                                         person_id=n["person_id"], person_name=n["person_name"],
                                         detail=f"details visible until {until}")
                        for g in grants]
        self.audit.write(entries)
        link = f"/events/{event['id']}"
        said = {"name": n["person_name"], "event": event["name"], "reason": reason}
        mine = (N_("Your nomination of %(name)s for %(event)s was approved: %(reason)s", **said) if status == "approved"
                else N_("Your nomination of %(name)s for %(event)s was rejected: %(reason)s", **said))
        notes = [self.notifications.item(n["nominator"], "outcome", mine, link)]
        notes += [self.notifications.item(o, "outcome", N_("%(name)s, whom you shared, was approved for %(event)s. "
                                                           "Thank you; they will be treated with care.", **said), link)
                  for o in (n.get("consented") or []) if status == "approved"]
        self.notifications.send(notes)
        return {"id": n["id"], "status": status}

    # -- outcomes ------------------------------------------------------------------------------
    def record_outcome(self, viewer: Viewer, nomination_id, data: dict) -> dict:
        """From the event date on, the event's manager (or an admin) records how an approved
        guest's evening went; a new record replaces the last (both audited). The owners of the
        contact's exclusive or team relationships may then read it and are told in their inbox."""
        n, event = self._for_organiser(viewer, nomination_id)
        v.only_fields(data, ("outcome", "feedback"))
        outcome = v.choice("outcome", data.get("outcome"), OUTCOMES)
        feedback = v.text("feedback", data.get("feedback"), max_len=MAX_NOTES)
        if self.clock.today() < event["date"]:
            raise Conflict(f"{event['name']} takes place on {event['date']}: outcomes are recorded from "
                           "that day on", "outcome")
        if n["status"] != "approved":
            raise Conflict(f"only an approved guest has an outcome; this nomination is "
                           f"{n['status'].replace('_', ' ')}", "outcome")
        owners = self._shared_owners(n)
        rows = self.store.write("events/record_outcome", id=n["id"], outcome=outcome, feedback=feedback,
                                user=viewer.user_id, now=self.clock.now_ms(), owners=owners)
        if not rows:  # only approved nominations are written, and a decision is never undone
            raise Conflict(N_("only an approved guest has an outcome"), "outcome")
        update = rows[0]["before"] is not None
        self.audit.record(viewer, "outcome.update" if update else "outcome.record",
                          users=(n["nominator"], *owners), user_id=n["nominator"], nomination_id=n["id"],
                          event_id=event["id"], event_name=event["name"], person_id=n["person_id"],
                          person_name=n["person_name"],
                          detail="outcome and feedback changed" if update else "outcome and feedback recorded")
        self._tell_outcome(viewer, n, event, OUTCOME_WORDS[outcome], owners, update)
        return self._shape(viewer, self._nomination(n["id"]), event)

    def _shared_owners(self, n: dict) -> list[str]:
        """The users whose contact this guest is: the exclusive owners asked, those told before, and
        today's holders of an exclusive or team relationship. Private holders never are."""
        holders = self.store.read("events/holders", person_id=n["person_id"])
        shared = {h["owner"] for h in holders if h["visibility"] in SHARED_LEVELS and h["owner"]}
        return sorted(shared | set(n.get("owners") or []) | set(n.get("outcome_owners") or []))

    def _tell_outcome(self, viewer: Viewer, n: dict, event: dict, word: str, owners, update: bool) -> None:
        link = f"/events/{event['id']}"
        said = {"who": viewer.name or viewer.username, "name": n["person_name"], "event": event["name"],
                "event_date": event["date"], "word": word}
        shared = (N_("%(who)s updated how %(name)s, whom you shared, fared at %(event)s (%(event_date)s): %(word)s. "
                     "The feedback is on the event page.", **said) if update else
                  N_("%(who)s recorded how %(name)s, whom you shared, fared at %(event)s (%(event_date)s): %(word)s. "
                     "The feedback is on the event page.", **said))
        notes = [self.notifications.item(o, "outcome", shared, link)
                 for o in owners if o not in (viewer.user_id, n["nominator"])]
        if n["nominator"] != viewer.user_id:
            guest = (N_("%(who)s updated how your guest %(name)s fared at %(event)s: %(word)s.", **said) if update
                     else N_("%(who)s recorded how your guest %(name)s fared at %(event)s: %(word)s.", **said))
            notes.append(self.notifications.item(n["nominator"], "outcome", guest, link))
        self.notifications.send(notes)

    # -- helpers -------------------------------------------------------------------------------
    def _check_fatigue(self, person_name: str, person_id: str, event: dict) -> None:
        here = _dt.date.fromisoformat(event["date"])
        near = [r for r in self.store.read("events/approved_events_of_person", person_id=person_id)
                if r["id"] != event["id"] and r["date"]
                and abs((_dt.date.fromisoformat(r["date"]) - here).days) <= FATIGUE_DAYS]
        if len(near) >= FATIGUE_EVENTS:
            names = ", ".join(f"{r['name']} ({r['date']})" for r in sorted(near, key=lambda r: r["date"]))
            raise ValidationError(f"{person_name} is already approved for {len(near)} events within "
                                  f"{FATIGUE_DAYS} days of this one ({names}); let them rest", "person_id")

    def _asked(self, viewer: Viewer, event: dict, holders: list[dict]) -> list[str]:
        """The holders (the nominator left out) whose consent the approval needs: every exclusive
        owner, and every team-level owner the nominator or the event's manager sees locked."""
        directory = self.users.directory()
        audience = [viewer] + [u for u in [self.users.viewer(event["manager"])]
                               if u is not None and u.user_id != viewer.user_id]
        return sorted({h["owner"] for h in holders if h["visibility"] == "exclusive" or (
            h["visibility"] == "team" and any(relationship_access(u, h["owner"], "team", directory.owner_team(
                h["owner"])) == LOCKED for u in audience))})

    def deciders(self, n: dict) -> list[str]:
        """The users asked to decide `n` (see deciders)."""
        admins = admin_ids(self.store) if n.get("manager") in (None, n.get("nominator")) else ()
        return deciders(n.get("manager"), n.get("nominator"), admins)

    def _decision_notes(self, n: dict) -> list[dict]:
        return [self.notifications.item(u, "decision", N_(
            "%(who)s nominated %(name)s for %(event)s: your decision is needed.", who=n["nominator_name"],
            name=n["person_name"], event=n["event_name"]), f"/events/{n['event_id']}") for u in self.deciders(n)]

    @staticmethod
    def _event_row(row: dict) -> dict:
        event = dict(row["event"])
        event["approved"] = row["approved"]
        cap = event.get("capacity")
        event["places_left"] = None if cap is None else max(0, cap - row["approved"])
        return event

    def _event(self, event_id) -> dict:
        if not isinstance(event_id, str):
            raise NotFound(N_("unknown event"))
        rows = self.store.read("events/get_event", id=event_id)
        if not rows or not rows[0]["event"] or rows[0]["event"].get("id") is None:
            raise NotFound(N_("unknown event"))
        return self._event_row(rows[0])

    def _nomination(self, nomination_id) -> dict | None:
        if not isinstance(nomination_id, str):
            return None
        rows = self.store.read("events/get_nomination", id=nomination_id)
        return rows[0]["nomination"] if rows and rows[0]["nomination"].get("id") else None

    def _visible(self, viewer: Viewer, nomination_id) -> dict:
        n = self._nomination(nomination_id)
        if n is None or not self._may_see(viewer, n):
            raise NotFound(N_("unknown nomination"))
        return n

    @staticmethod
    def _may_see(viewer: Viewer, n: dict) -> bool:
        """Nominator, the event's manager, admins, the holders asked and, once an outcome
        is recorded, the owners of the guest's exclusive or team relationships."""
        if viewer.is_admin:
            return True
        return viewer.user_id is not None and viewer.user_id in (n.get("nominator"), n.get("manager"),
                                                                 *(n.get("owners") or []),
                                                                 *(n.get("outcome_owners") or []))

    @staticmethod
    def _may_decide(viewer: Viewer, event: dict) -> bool:
        return viewer.is_admin or (viewer.user_id is not None and viewer.user_id == event.get("manager"))

    def _shape(self, viewer: Viewer, n: dict, event: dict | None = None) -> dict:
        """A nomination as the viewer may see it; with its event, whether they may record its outcome."""
        names = self.users.directory().name_of
        out = {k: n.get(k) for k in ("id", "event_id", "event_name", "person_id", "person_name", "nominator",
                                     "nominator_name", "reason", "status", "decision_reason", "created_at",
                                     "decided_at", "outcome", "feedback", "outcome_at")}
        out["outcome_by_name"] = names.get(n.get("outcome_by")) if n.get("outcome_by") else None
        out["owners"] = [{"id": o, "name": names.get(o), "consented": o in (n.get("consented") or []),
                          "pending": o in (n.get("pending_owners") or []), "refused": o == n.get("refused_by")}
                         for o in (n.get("owners") or [])]
        out["decided_by_name"] = names.get(n.get("decided_by")) if n.get("decided_by") else None
        out["awaiting_my_consent"] = (n["status"] == "pending_owner"
                                      and viewer.user_id in (n.get("pending_owners") or []))
        out["can_decide"] = (n["status"] == "pending_manager" and viewer.user_id != n.get("nominator")
                             and (viewer.is_admin or viewer.user_id == n.get("manager")))
        if event is not None:
            out["can_record_outcome"] = (n["status"] == "approved" and self._may_decide(viewer, event)
                                         and self.clock.today() >= event["date"])
        return out
