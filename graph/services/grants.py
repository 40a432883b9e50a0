"""Time-limited grants: an approved nomination lets the nominator and the event's manager see
the contact's details through the event date + 30 days, and never beyond the approval day + 90
days (event_grant_expiry); an accepted introduction request (source "intro") lets the requester
see the contact's details for 30 days.

A grant is active while `expires_at` is after the clock's now, so it ends by itself with no job;
`expire_due` only marks lapsed grants once, to audit the expiry and tell the holder."""

from __future__ import annotations

from ..messages import N_
from ..visibility import Viewer

GRANT_DAYS = 30
MAX_GRANT_DAYS = 90  # no grant outlives the day it was given by more than this
DAY_MS = 24 * 3600 * 1000


def _midnight_after(day_start_ms: int, days: int) -> int:
    return day_start_ms - day_start_ms % DAY_MS + (days + 1) * DAY_MS


def event_grant_expiry(event_day_ms: int, now_ms: int) -> int:
    """When an event grant given at `now_ms` ends: at the earlier of the midnight UTC closing the
    event date + GRANT_DAYS and the one closing the approval day + MAX_GRANT_DAYS, so an event
    dated far ahead never buys a long grant."""
    return min(_midnight_after(event_day_ms, GRANT_DAYS), _midnight_after(now_ms, MAX_GRANT_DAYS))


def active_person_ids(store, user_id: str | None, now_ms: int) -> tuple[tuple, int | None]:
    """What `user_id`'s active grants open, as (people, people opened by governed sharing, (person,
    granter) pairs), and the instant the first of those grants ends (None: none does).

    An approved nomination opens the details of everyone who put the contact into governed
    sharing (visibility.granting_contributors); an accepted introduction carries its granter and
    opens only what that one owner entered: the other holders were not asked."""
    if not user_id:
        return (frozenset(), frozenset(), frozenset()), None
    rows = store.read("grants/active_person_ids", user=user_id, now=now_ms)
    row = rows[0] if rows else {}
    ids = frozenset(i for i in (row.get("ids") or []) if i)
    governed = frozenset(i for i in (row.get("governed_ids") or []) if i)
    granters = frozenset((p, g) for p, g in (row.get("granters") or []) if p and g)
    return (ids, governed, granters), row.get("until")


def _expiry_reason(grant: dict) -> str:
    if grant.get("source") == "intro":
        return f"{GRANT_DAYS} days after the introduction was accepted"
    return f"{GRANT_DAYS} days after the event, at most {MAX_GRANT_DAYS} days after the approval"


def _for_what(grant: dict) -> str:
    if grant.get("source") == "intro":
        return N_("through the introduction")
    return N_("for %(event)s", event=grant.get("event_name"))


def _grant_link(grant: dict) -> str:
    return "/intros" if grant.get("source") == "intro" else f"/events/{grant.get('event_id')}"


class GrantService:
    def __init__(self, store, clock, audit, notifications):
        self.store = store
        self.clock = clock
        self.audit = audit
        self.notifications = notifications

    def mine(self, viewer: Viewer) -> list[dict]:
        if viewer.user_id is None:
            return []
        return [r["grant"] for r in self.store.read("grants/list_for_user", user=viewer.user_id,
                                                    now=self.clock.now_ms())]

    def expire_due(self) -> list[dict]:
        """Mark every lapsed grant expired (once), audit it and tell its holder."""
        now = self.clock.now_ms()
        if not self.store.read("grants/any_due", now=now):  # a GET must not bump the change counter
            return []
        rows = [r["grant"] for r in self.store.write("grants/expire_due", now=now)]
        if rows:
            self.audit.write([self.audit.entry(None, "grant.expire", users=(g["user_id"],), user_id=g["user_id"],
                                               person_id=g.get("person_id"), person_name=g.get("person_name"),
                                               event_id=g.get("event_id"), event_name=g.get("event_name"),
                                               nomination_id=g.get("nomination_id"), intro_id=g.get("intro_id"),
                                               reason=_expiry_reason(g)) for g in rows])
            self.notifications.send([self.notifications.item(
                g["user_id"], "grant", N_("Your access to %(name)s's details %(what)s has expired.",
                                          name=g.get("person_name"), what=_for_what(g)),
                link=_grant_link(g)) for g in rows])
        return rows

    def record_view(self, viewer: Viewer, person: dict) -> None:
        """Audit a view of details the viewer sees only through a grant."""
        self.audit.record(viewer, "grant.view", person_id=person.get("id"), person_name=person.get("name"),
                          reason="details seen through a grant (event or introduction)")
