"""The append-only audit log: who did what, when and why, for every governed-sharing step.

Entries are (:AuditEntry) nodes that are only ever created (no statement updates or deletes
them). Each carries the teams it concerns (the actor's and the affected users'), so a manager
reads their teams' entries and an admin reads all.

Reading goes through one rule (readable): a line about a relationship that is private now, or
about the change that made one private, is read by the relationship's owner alone — not by
their manager, not by an admin, who never see private relationships — so the log never tells
anyone else that a private relationship exists. A change that made it non-private shows from
then on, like the relationship itself."""

from __future__ import annotations

from .. import changes
from .. import validation as v
from ..clock import new_id
from ..errors import Forbidden
from ..visibility import Viewer

ACTIONS = (
    "policy.create", "policy.update", "policy.delete", "policy.move", "policy.reapply",
    "relationship.visibility", "nomination.create", "nomination.consent", "nomination.refuse",
    "nomination.approve", "nomination.reject", "grant.create", "grant.expire", "grant.view",
    "intro.request", "intro.accept", "intro.decline", "preview.view",
    "outcome.record", "outcome.update",
    "review.ask", "review.confirm", "review.release", "review.auto_release", "review.withdraw",
    "import.commit", "person.merge", "user.role", "user.password",
)
MAX_ENTRIES = 500
MAX_PAGES = 10  # pages of entries read to fill one answer when some are not the reader's


def became_private(entry: dict) -> bool:
    """Whether the entry records a change that made a relationship private: a visibility
    change's detail starts "<from> → <to>"."""
    if entry.get("action") != "relationship.visibility":
        return False
    return (entry.get("detail") or "").partition(" → ")[2].split(" ", 1)[0] == "private"


def readable(viewer: Viewer, entry: dict, relationship: dict | None) -> bool:
    """Whether `viewer` may read `entry`, given the relationship it is about as it is now
    ({owner, visibility}; None when it is about none, or the relationship is gone)."""
    if viewer.is_system or not entry.get("relationship_id"):
        return True
    owner = (relationship or {}).get("owner") or entry.get("user_id")
    if viewer.user_id is not None and viewer.user_id == owner:
        return True
    return (relationship or {}).get("visibility") != "private" and not became_private(entry)


class AuditService:
    def __init__(self, store, clock, users):
        self.store = store
        self.clock = clock
        self.users = users

    def entry(self, actor: Viewer | None, action: str, *, users=(), **fields) -> dict:
        """One entry (not yet written). `users` are the ids of users the step affects; their
        teams, and the actor's, decide which managers may read it."""
        assert action in ACTIONS, action
        team_of = self.users.directory().team_of
        actor_id = actor.user_id if actor else None
        teams = {team_of.get(u) for u in (actor_id, *users) if u}
        out = {"id": new_id(), "at": self.clock.now_ms(), "action": action, "actor_id": actor_id,
               "actor_name": (actor.name or actor.username) if actor and actor.user_id else "Carnet",
               "team_ids": sorted(t for t in teams if t)}
        out.update({k: val for k, val in fields.items() if val is not None})
        return out

    def record(self, actor: Viewer | None, action: str, *, users=(), **fields) -> None:
        self.write([self.entry(actor, action, users=users, **fields)])

    def write(self, entries: list[dict]) -> None:
        for start in range(0, len(entries), 2000):
            self.store.write("audit/create_entries", entries=entries[start:start + 2000], change=changes.LOGGED)

    def list(self, viewer: Viewer, person=None, user=None, event=None, limit: int = 200) -> list[dict]:
        """Entries the viewer may read, newest first: admins all, managers their teams', less
        the lines about private relationships that are not theirs (readable)."""
        if not (viewer.is_admin or viewer.is_manager):
            raise Forbidden("only managers and admins may read the audit log")
        query = {"all": viewer.is_admin, "teams": sorted(viewer.managed_team_ids),
                 "person": v.identifier("person", person, required=False),
                 "user": v.identifier("user", user, required=False),
                 "event": v.identifier("event", event, required=False),
                 "limit": v.integer("limit", limit, low=1, high=MAX_ENTRIES, default=200)}
        out, before = [], {"before_at": None, "before_id": None}
        for _ in range(MAX_PAGES):
            rows = [r["entry"] for r in self.store.read("audit/list_entries", **query, **before)]
            out += self._readable(viewer, rows)
            if len(out) >= query["limit"] or len(rows) < query["limit"]:
                break
            before = {"before_at": rows[-1]["at"], "before_id": rows[-1]["id"]}
        return out[:query["limit"]]

    def _readable(self, viewer: Viewer, entries: list[dict]) -> list[dict]:
        ids = sorted({e["relationship_id"] for e in entries if e.get("relationship_id")})
        now = {r["id"]: r for r in self.store.read("audit/relationship_levels", ids=ids)} if ids else {}
        return [e for e in entries if readable(viewer, e, now.get(e.get("relationship_id")))]
