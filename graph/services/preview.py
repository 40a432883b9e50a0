""""See as colleague": a manager (for the reps of the teams they manage) or an admin (anyone)
previews a person page, a path answer or an account plan as a given user sees them.

There is no second filtering path: the user's own Viewer is built (graph.visibility.preview_of:
the same rules, minus the user's private relationships and personal grants, which are theirs
alone, and never more than the previewer sees themselves) and the very same service calls run
with it. A manager never previews an admin or another manager, so seeing as someone lends no
one another role's eyes. Every preview is audited; pages built from it are read-only."""

from __future__ import annotations

from ..errors import Forbidden, NotFound
from ..visibility import Viewer, preview_of


class PreviewService:
    def __init__(self, store, users, people, paths, plans, audit):
        self.store = store
        self.users = users
        self._people, self._paths, self._plans = people, paths, plans  # the very services users call
        self.audit = audit

    def candidates(self, viewer: Viewer) -> list[dict]:
        """The users the viewer may look through: the reps of their teams (managers) or everyone
        (admins)."""
        self._require_role(viewer)
        return [{"id": u["id"], "name": u["name"] or u["username"], "username": u["username"], "team": u["team"],
                 "role": u["role"]}
                for u in self.store.read("users/list_users")
                if u["id"] != viewer.user_id and u.get("active") is not False and self._in_scope(viewer, u)]

    def viewer_for(self, viewer: Viewer, user_id) -> tuple[Viewer, dict]:
        """The previewed user's Viewer; the role is checked before the user is looked up."""
        self._require_role(viewer)
        user = self.users.get(user_id) if isinstance(user_id, str) and user_id else None
        if user is None:
            raise NotFound("unknown user", "user")
        if not self._in_scope(viewer, user):
            raise Forbidden("managers preview only the reps of the teams they manage")
        return preview_of(self.users.viewer_of(user), viewer), self.users.public(user)

    def person(self, viewer: Viewer, user_id, person_id) -> dict:
        seen_as, user = self.viewer_for(viewer, user_id)
        page = self._people.page(seen_as, person_id)
        self._audit(viewer, user, "person page", page["person"])
        return {"as": user, **page}

    def paths(self, viewer: Viewer, user_id, person_id, k=None, max_hops=None) -> dict:
        seen_as, user = self.viewer_for(viewer, user_id)
        answer = self._paths.page(seen_as, person_id, k, max_hops)
        names = {pid: p.get("name") for pid, p in answer["people"].items()}
        for key in ("paths", "closest"):
            answer[key] = [dict(p, hops=[dict(h, from_name=names.get(h["from"]), to_name=names.get(h["to"]))
                                         for h in p["hops"]]) for p in answer[key]]
        self._audit(viewer, user, "introduction paths", answer["target_person"])
        return {"as": user, "answer": answer}

    def plan(self, viewer: Viewer, user_id, org_id) -> dict:
        seen_as, user = self.viewer_for(viewer, user_id)
        plan = self._plans.get(seen_as, org_id, cached=False)  # the plan cache is keyed on real viewers
        self._audit(viewer, user, f"account plan of {plan['account']['name']}", None)
        return {"as": user, **plan}

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _require_role(viewer: Viewer) -> None:
        if viewer is None or viewer.user_id is None or viewer.preview or not (viewer.is_admin or viewer.is_manager):
            raise Forbidden("only managers and admins may see Carnet as a colleague")

    @staticmethod
    def _in_scope(viewer: Viewer, user: dict) -> bool:
        team_id = user.get("team_id")
        return viewer.is_admin or (user.get("role") == "rep" and team_id is not None
                                   and team_id in viewer.managed_team_ids)

    def _audit(self, viewer: Viewer, user: dict, what: str, person: dict | None) -> None:
        self.audit.record(viewer, "preview.view", users=(user["id"],), user_id=user["id"],
                          user_name=user.get("name") or user["username"],
                          person_id=(person or {}).get("id"), person_name=(person or {}).get("name"),
                          detail=f"{what} seen as {user.get('name') or user['username']}")

