"""Introduction requests: a user who meets a locked hop (another user's exclusive relationship,
or another team's team-level one) asks its owner for an introduction; the owner accepts or
declines. Accepting opens the contact's details to the requester for 30 days through an
ordinary AccessGrant (graph.visibility reads it), credits the owner, and tells the requester.

Which relationship may be asked about (the rule, also in the README): it must be visible to the
requester as *locked* — hidden ones (others' private) answer 404 exactly like unknown ones, and
visible ones (one's own, one's team's, a manager's teams') need no introduction — and it must
either have the target at one end or be a locked hop on one of the requester's routes to the
target (any of the k ≤ 20 best routes of up to 5 hops the paths page can show). The contact is
the far end of the hop: the target itself, or the hop's end nearer the target.

Each decision is one compare-and-set statement (status 'pending' → decided, grant created in
the same statement), so concurrent deciders get exactly one transition and a 409 for the rest."""

from __future__ import annotations

import datetime as _dt

from .. import validation as v
from ..clock import new_id
from ..errors import Conflict, Forbidden, NotFound, ValidationError
from ..messages import N_
from ..model import MAX_NOTES
from ..visibility import HIDDEN, LOCKED, VISIBLE, Viewer, access_of
from .grants import DAY_MS, GRANT_DAYS
from .paths import DEFAULT_MAX_HOPS, MAX_K
from .people import rel_row

STATUSES = ("pending", "accepted", "declined")
DECISIONS = {"accept": "accepted", "decline": "declined"}
ROUTE_HOPS = (DEFAULT_MAX_HOPS, 5, 3, 2, 1)  # every route length the paths page offers, usual first
LIST_LIMIT = 200
LINK = "/intros"
FIELDS = ("id", "requester", "requester_name", "owner", "owner_name", "relationship_id", "target_id", "target_name",
          "contact_id", "contact_name", "via_id", "via_name", "message", "status", "decision_message",
          "grant_expires_at", "created_at", "decided_at")


class IntroService:
    def __init__(self, store, clock, users, paths, audit, notifications, grants):
        self.store = store
        self.clock = clock
        self.users = users
        self.paths = paths
        self.audit = audit
        self.notifications = notifications
        self.grants = grants

    # -- asking --------------------------------------------------------------------------------
    def form(self, viewer: Viewer, target_id, relationship_id=None, a=None, b=None, owner=None) -> dict:
        """What the "ask for an introduction" form offers: the locked relationships touching the
        target, plus the one named (by id, or by the two ends of a locked hop) when it qualifies."""
        self._require_user(viewer)
        target = self._person(target_id, "target_id")
        directory = self.users.directory()
        if not relationship_id and (a or b):
            relationship_id = self._between(viewer, a, b, owner, directory)
        chosen = self._resolve(viewer, target, relationship_id, directory) if relationship_id else None
        choices = [self._choice(rel, target["id"], target["id"], directory)
                   for rel in (rel_row(r) for r in self.store.read("relationships/list_touching", id=target["id"]))
                   if access_of(viewer, rel, directory) == LOCKED]
        if chosen and all(c["relationship_id"] != chosen["relationship_id"] for c in choices):
            choices.insert(0, chosen)
        selected = chosen["relationship_id"] if chosen else (choices[0]["relationship_id"] if len(choices) == 1 else None)
        return {"target": target, "choices": choices, "selected": selected}

    def request(self, viewer: Viewer, data: dict) -> dict:
        """Ask the owner of a locked relationship for an introduction (CONTRACT POST /api/intro-requests)."""
        self._require_user(viewer)
        v.only_fields(data, ("target_id", "relationship_id", "message"))
        target = self._person(data.get("target_id"), "target_id")
        rel_id = v.identifier("relationship_id", data.get("relationship_id"))
        directory = self.users.directory()
        choice = self._resolve(viewer, target, rel_id, directory)
        message = v.text("message", data.get("message"), max_len=MAX_NOTES)
        now = self.clock.now_ms()
        request = {"id": new_id(), "requester": viewer.user_id, "requester_name": viewer.name or viewer.username,
                   "owner": choice["owner"], "owner_name": choice["owner_name"], "relationship_id": rel_id,
                   "target_id": target["id"], "target_name": target["name"], "contact_id": choice["contact_id"],
                   "contact_name": choice["contact_name"], "via_id": choice["via_id"], "via_name": choice["via_name"],
                   "status": "pending", "created_at": now, "updated_at": now}
        if message:
            request["message"] = message
        request = {k: val for k, val in request.items() if val is not None}
        # Read first, so a refusal writes nothing; the conditional CREATE still settles a race.
        if self.store.read("intros/find_open_request", requester=viewer.user_id, relationship_id=rel_id) \
                or not self.store.write("intros/create_request", request=request):
            raise Conflict(f"you already asked {choice['owner_name']} about this relationship; "
                           "wait for their answer", "relationship_id")
        towards = "" if choice["contact_id"] == target["id"] else f" (on the way to {target['name']})"
        said = f": “{message}”" if message else "."
        self.notifications.notify(choice["owner"], "decision", f"{request['requester_name']} asks you for an "
                                  f"introduction to {choice['contact_name']}{towards}{said}", LINK)
        self.audit.record(viewer, "intro.request", users=(choice["owner"],), user_id=choice["owner"],
                          user_name=choice["owner_name"], person_id=choice["contact_id"],
                          person_name=choice["contact_name"], relationship_id=rel_id, intro_id=request["id"],
                          reason=message)
        return self._shape(viewer, request)

    # -- deciding ------------------------------------------------------------------------------
    def require_decider(self, viewer: Viewer, intro_id) -> dict:
        """The request, when the viewer is its owner (404 when they may not see it, else 403):
        checked before any input is read."""
        intro = self._visible(viewer, intro_id)
        if viewer.user_id != intro["owner"] or viewer.preview:
            raise Forbidden(f"only {intro.get('owner_name') or 'the owner'}, who keeps this contact, decides")
        return intro

    def decide(self, viewer: Viewer, intro_id, data: dict) -> dict:
        """Accept (grant + credit + notice) or decline (notice with the message); once only."""
        intro = self.require_decider(viewer, intro_id)
        v.only_fields(data, ("decision", "message"))
        status = DECISIONS[v.choice("decision", data.get("decision"), tuple(DECISIONS))]
        message = v.text("message", data.get("message"), max_len=MAX_NOTES)
        now = self.clock.now_ms()
        expires = now + GRANT_DAYS * DAY_MS
        grant = {"id": new_id(), "user_id": intro["requester"], "person_id": intro["contact_id"],
                 "person_name": intro["contact_name"], "source": "intro", "intro_id": intro["id"], "granted_by": viewer.user_id,
                 "created_at": now, "expires_at": expires, "expired": False}
        rows = self.store.write("intros/decide_request", id=intro["id"], owner=viewer.user_id, status=status,
                                message=message, now=now, expires=expires, grants=[grant])
        if not rows:
            current = self._load(intro["id"]) or intro
            raise Conflict(f"this request is already {current['status']}", "decision")
        accepted = status == "accepted"
        about = dict(user_id=intro["requester"], user_name=intro["requester_name"], person_id=intro["contact_id"],
                     person_name=intro["contact_name"], relationship_id=intro["relationship_id"], intro_id=intro["id"])
        until = _dt.datetime.fromtimestamp(expires / 1000, _dt.timezone.utc).date().isoformat()
        entries = [self.audit.entry(viewer, "intro.accept" if accepted else "intro.decline",
                                    users=(intro["requester"],), reason=message, **about)]
        if accepted:
            entries.append(self.audit.entry(viewer, "grant.create", users=(intro["requester"],),
                                            detail=f"details visible until {until}", **about))
        self.audit.write(entries)
        who, contact = intro["owner_name"], intro["contact_name"]
        if accepted:
            text = (f"{who} accepted to introduce you to {contact}" + (f": “{message}”" if message else ".")
                    + f" Their details are open to you until {until}.")
        else:
            text = f"{who} declined to introduce you to {contact}: {message or 'no message given'}."
        self.notifications.notify(intro["requester"], "outcome", text, LINK)
        return {"id": intro["id"], "status": status}

    # -- reading -------------------------------------------------------------------------------
    def get(self, viewer: Viewer, intro_id) -> dict:
        return self._shape(viewer, self._visible(viewer, intro_id))

    def mine(self, viewer: Viewer) -> dict:
        """The requests the viewer made and the ones they are asked to decide, newest first."""
        self._require_user(viewer)
        rows = [r["request"] for r in self.store.read("intros/list_requests", user=viewer.user_id, limit=LIST_LIMIT)]
        return {"made": [self._shape(viewer, r) for r in rows if r["requester"] == viewer.user_id],
                "received": [self._shape(viewer, r) for r in rows if r["owner"] == viewer.user_id]}

    def page(self, viewer: Viewer) -> dict:
        """The Requests page: both lists and the details currently open through introductions."""
        self.grants.expire_due()
        out = self.mine(viewer)
        out["grants"] = [g for g in self.grants.mine(viewer) if g.get("source") == "intro"]
        return out

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _require_user(viewer: Viewer) -> None:
        if viewer is None or viewer.user_id is None or viewer.preview:
            raise Forbidden(N_("only a signed-in user asks for or answers introductions"))

    def _person(self, person_id, field: str) -> dict:
        person_id = v.identifier(field, person_id)
        rows = self.store.read("people/find_by_id", id=person_id)
        if not rows:
            raise NotFound(N_("unknown person"), field)
        return rows[0]

    def _between(self, viewer: Viewer, a, b, owner, directory) -> str:
        """The locked relationship a path hop names by its two ends (and its owner: a pair may
        hold one per owner); relationships the viewer may not learn of are never chosen."""
        a, b = v.identifier("a", a), v.identifier("b", b)
        seen = []
        for row in self.store.read("relationships/find_between", person_id=a, other_id=b):
            got = self.store.read("relationships/get_relationship", id=row["id"])
            access = access_of(viewer, rel_row(got[0]), directory) if got else HIDDEN
            if access is not HIDDEN and (not owner or row["owner"] == owner):
                seen.append((access != LOCKED, row["id"]))  # a locked one first: the one to ask about
        if not seen:
            raise NotFound(N_("unknown relationship"), "relationship_id")
        return min(seen)[1]

    def _resolve(self, viewer: Viewer, target: dict, rel_id, directory) -> dict:
        """The relationship as a choice, when the viewer may ask about it for this target."""
        rows = self.store.read("relationships/get_relationship", id=v.identifier("relationship_id", rel_id))
        rel = rel_row(rows[0]) if rows else None
        access = access_of(viewer, rel, directory) if rel else HIDDEN
        if access is HIDDEN:  # unknown, or someone's private relationship: the same answer
            raise NotFound(N_("unknown relationship"), "relationship_id")
        owner_name = directory.owner_name(rel.get("owner")) or "its owner"
        if rel.get("owner") == viewer.user_id:
            raise ValidationError(N_("this relationship is yours: no introduction needed"), "relationship_id")
        if access == VISIBLE:
            raise ValidationError(f"you already see this relationship; ask {owner_name} directly", "relationship_id")
        ends = (rel["person_id"], rel["other_id"])
        contact = target["id"] if target["id"] in ends else self._far_end_on_route(viewer, target["id"], ends)
        if contact is None:
            raise ValidationError(f"this relationship is neither with {target['name']} nor on one of your "
                                  f"routes to them", "relationship_id")
        owner = self.users.get(rel["owner"]) if rel.get("owner") else None
        if owner is None or owner.get("active") is False:
            raise Conflict(f"{owner_name} can no longer be asked", "relationship_id")
        return self._choice(rel, contact, target["id"], directory)

    def _far_end_on_route(self, viewer: Viewer, target_id: str, ends: tuple) -> str | None:
        """The hop's end nearer the target when (a, b) is a locked hop on one of the viewer's
        routes to the target, as the paths page can show them (same engine, same viewer)."""
        pair = set(ends)
        for hops in ROUTE_HOPS:
            for path in self.paths.find(viewer, target_id, k=MAX_K, max_hops=hops)["paths"]:
                for hop in path["hops"]:
                    if hop["locked"] and hop["kind"] == "knows" and {hop["from"], hop["to"]} == pair:
                        return hop["to"]
        return None

    @staticmethod
    def _choice(rel: dict, contact_id: str, target_id: str, directory) -> dict:
        """A locked relationship as the form and the request show it: who keeps it, its two ends
        (names are public), never its strength, context or notes."""
        near_end = rel["other_id"] if contact_id == rel["person_id"] else rel["person_id"]
        names = {rel["person_id"]: rel.get("person_name"), rel["other_id"]: rel.get("other_name")}
        return {"relationship_id": rel["id"], "owner": rel.get("owner"),
                "owner_name": directory.owner_name(rel.get("owner")), "contact_id": contact_id,
                "contact_name": names[contact_id], "via_id": near_end, "via_name": names[near_end],
                "target_id": target_id}

    def _load(self, intro_id) -> dict | None:
        if not isinstance(intro_id, str):
            return None
        rows = self.store.read("intros/get_request", id=intro_id)
        return rows[0]["request"] if rows and rows[0]["request"].get("id") else None

    def _visible(self, viewer: Viewer, intro_id) -> dict:
        """Its requester, its owner and admins see a request; to anyone else it does not exist."""
        intro = self._load(intro_id)
        if intro is None or not (viewer.is_admin or (viewer.user_id is not None
                                                     and viewer.user_id in (intro["requester"], intro["owner"]))):
            raise NotFound(N_("unknown introduction request"))
        return intro

    @staticmethod
    def _shape(viewer: Viewer, intro: dict) -> dict:
        out = {k: intro.get(k) for k in FIELDS}
        out["can_decide"] = intro["status"] == "pending" and viewer.user_id == intro["owner"] and not viewer.preview
        return out
