"""KNOWS relationships, read through visibility.

Each user records their own knowledge of a pair of people: a pair holds at most one KNOWS per
owner, and several owners may each hold one (paths, plans and pictures take the best per pair
that the viewer may use). Recording a relationship therefore conflicts only with the caller's
own for that pair: whatever a colleague recorded, at any level, never changes the answer (a
private relationship must not be detectable, nor block anyone). The creating statement
(relationships/create_knows) checks the rule and stores the owner-qualified `pair` key that a
unique constraint holds on Neo4j (model.pair_key)."""

from __future__ import annotations

from .. import changes, searchtext
from .. import validation as v
from ..clock import new_id
from ..errors import Conflict, Forbidden, NotFound, ValidationError
from ..messages import N_
from ..model import CONTEXTS, DEFAULT_VISIBILITY, MAX_NOTES, VISIBILITIES
from ..visibility import Viewer, can_modify_relationship, shape_relationship, visible_relationships
from .people import rel_row

EDITABLE = ("strength", "context", "since", "last_contact", "notes", "visibility")
ALREADY = N_("you already have a relationship between these two people; edit it instead")


class RelationshipService:
    policy = None  # PolicyService, set by Services: decides visibility when none is given
    audit = None  # AuditService, set by Services: visibility changes are audited

    def __init__(self, store, clock, users):
        self.store = store
        self.clock = clock
        self.users = users

    def _fields(self, data: dict, *, partial: bool) -> dict:
        out = {}
        if not partial or "strength" in data:
            out["strength"] = v.integer("strength", data.get("strength"), low=1, high=5)
        if not partial or "context" in data:
            out["context"] = v.choice("context", data.get("context"), CONTEXTS, required=False)
        if not partial or "visibility" in data:
            out["visibility"] = v.choice("visibility", data.get("visibility"), VISIBILITIES,
                                         required=partial,
                                         default=None if partial or self.policy else DEFAULT_VISIBILITY)
        for key in ("since", "last_contact"):
            if not partial or key in data:
                out[key] = v.iso_date(key, data.get(key))
        if not partial or "notes" in data:
            out["notes"] = v.text("notes", data.get("notes"), max_len=MAX_NOTES)
        return out

    def _load(self, rel_id) -> dict | None:
        if not isinstance(rel_id, str):
            return None
        rows = self.store.read("relationships/get_relationship", id=rel_id)
        return rel_row(rows[0]) if rows else None

    def get(self, viewer: Viewer, rel_id) -> dict:
        rel = self._load(rel_id)
        shaped = shape_relationship(viewer, rel, self.users.directory()) if rel else None
        if shaped is None:
            raise NotFound(N_("unknown relationship"))
        return shaped

    def touching(self, viewer: Viewer, person_id: str) -> list[dict]:
        rows = self.store.read("relationships/list_touching", id=person_id)
        return visible_relationships(viewer, [rel_row(r) for r in rows], self.users.directory())

    def create(self, viewer: Viewer, data: dict) -> dict:
        """Record that two people know each other, owned by the viewer."""
        if viewer.user_id is None:
            raise Forbidden(N_("only a user can own a relationship"))
        v.only_fields(data, ("person_id", "other_id") + EDITABLE)
        a = v.identifier("person_id", data.get("person_id"))
        b = v.identifier("other_id", data.get("other_id"))
        if a == b:
            raise ValidationError(N_("a person cannot know themself"), "other_id")
        fields = self._fields(data, partial=False)
        self.users_people_exist(a, b)
        if any(r["owner"] == viewer.user_id for r in self.store.read("relationships/find_between",
                                                                      person_id=a, other_id=b)):
            raise Conflict(ALREADY, "other_id")
        rule = None
        if self.policy:  # the first matching rule gives the level, or checks the rep's own choice
            fields["visibility"], rule, fields["visibility_source"] = self.policy.decide(
                viewer, a, b, fields["strength"], fields.get("visibility"))
            fields["policy_rule_id"] = rule.get("id")
        now = self.clock.now_ms()
        rel = {k: val for k, val in fields.items() if val is not None}
        rel.update(id=new_id(), owner=viewer.user_id, created_at=now, updated_at=now)  # the statement keys it
        rel.update(searchtext.note_fields(rel.get("notes"), rel.get("context")))
        try:
            rows = self.store.write("relationships/create_knows", rows=[{"person_id": a, "other_id": b, "props": rel}],
                                    change=changes.knows(a, b))
        except Conflict:  # Neo4j's constraint on the key: a concurrent request of the same owner won
            rows = []
        if not rows or not rows[0]["created"]:  # the viewer recorded the pair between our check and our write
            raise Conflict(ALREADY, "other_id")
        out = self.get(viewer, rel["id"])
        if rule is not None and fields["visibility_source"] == "policy":  # the rule chose the level
            out["policy_rule"] = {"id": rule.get("id"), "name": rule.get("name"), "reason": rule.get("reason")}
        return out

    def rekey(self, batch: int = 5000) -> int:
        """Give every KNOWS the owner-qualified key of its owner and ends (graph data written when
        the key named the pair alone, or odd rows); idempotent, `graph init` runs it. Returns how
        many were keyed again."""
        total = 0
        while n := self.store.write("relationships/rekey_knows", limit=batch)[0]["n"]:
            total += n
        return total

    def users_people_exist(self, a: str, b: str) -> None:
        found = {r["id"] for r in self.store.read("people/person_exists", ids=[a, b])}
        if a not in found:
            raise NotFound(N_("unknown person"), "person_id")
        if b not in found:
            raise NotFound(N_("unknown person"), "other_id")

    def update(self, viewer: Viewer, rel_id, data: dict) -> dict:
        rel = self._modifiable(viewer, rel_id)
        v.only_fields(data, EDITABLE)
        fields = self._fields(data, partial=True)
        if not fields:
            raise ValidationError(N_("nothing to change"), "strength")
        wanted = fields.get("visibility")
        if wanted is not None and wanted != rel.get("visibility") and self.policy:  # a forced rule holds on edits too
            self.policy.decide(viewer if rel["owner"] == viewer.user_id else self.users.viewer(rel["owner"]) or viewer,
                               rel["person_id"], rel["other_id"], fields.get("strength", rel.get("strength")),
                               wanted)
        fields["updated_at"] = self.clock.now_ms()
        if "notes" in fields or "context" in fields:  # keep the search field in step
            fields.update(searchtext.note_fields(fields.get("notes", rel.get("notes")),
                                                 fields.get("context", rel.get("context"))))
        # One statement writes and tells the level it replaced: concurrent edits each audit the
        # change they really made (`rel` above may already be stale), and none is lost.
        rows = self.store.write("relationships/update_relationship", id=rel["id"], props=fields, visibility=wanted,
                                change=changes.knows(rel["person_id"], rel["other_id"]))
        previous = rows[0]["previous_visibility"] if rows else wanted
        if wanted is not None and previous != wanted and self.audit:
            self.audit.record(viewer, "relationship.visibility", users=(rel["owner"],), user_id=rel["owner"],
                              relationship_id=rel["id"], person_id=rel["other_id"], person_name=rel.get("other_name"),
                              detail=f"{previous} → {wanted}")
        return self.get(viewer, rel["id"])

    def for_edit(self, viewer: Viewer, rel_id, person_id: str | None = None) -> dict:
        """The relationship as the viewer sees it, when they may change it (else Forbidden).

        `person_id`, when given (a page address names one), must be one of its two ends."""
        rel = self._modifiable(viewer, rel_id, person_id)
        return shape_relationship(viewer, rel, self.users.directory())

    def delete(self, viewer: Viewer, rel_id, person_id: str | None = None) -> None:
        rel = self._modifiable(viewer, rel_id, person_id)
        self.store.write("relationships/delete_relationship", id=rel["id"],
                         change=changes.knows(rel["person_id"], rel["other_id"]))

    def _modifiable(self, viewer: Viewer, rel_id, person_id: str | None = None) -> dict:
        rel = self._load(rel_id)
        directory = self.users.directory()
        if rel is None or shape_relationship(viewer, rel, directory) is None:
            raise NotFound(N_("unknown relationship"))
        if person_id is not None and person_id not in (rel["person_id"], rel["other_id"]):
            raise NotFound(N_("unknown relationship"))
        if not can_modify_relationship(viewer, rel, directory):
            raise Forbidden(N_("only the owner, their manager or an admin may change this relationship"))
        return rel

    def owned_page(self, viewer: Viewer, page=1, per_page: int = 100) -> dict:
        """One page of the viewer's address book, by contact name (a synthetic or imported
        book can hold thousands: the home page must not render them all)."""
        page = v.integer("page", page, low=1, high=1_000_000, default=1)
        if viewer.user_id is None:
            return {"items": [], "page": 1, "pages": 1, "total": 0, "per_page": per_page}
        total = self.store.read("relationships/count_owned", owner=viewer.user_id)[0]["total"]
        pages = max(1, -(-total // per_page))
        page = min(page, pages)
        rows = self.store.read("relationships/list_owned_page", owner=viewer.user_id,
                               skip=(page - 1) * per_page, limit=per_page)
        items = visible_relationships(viewer, [rel_row(r) for r in rows], self.users.directory())
        return {"items": items, "page": page, "pages": pages, "total": total, "per_page": per_page}

    def owned(self, viewer: Viewer) -> list[dict]:
        """The viewer's own address book (every relationship they recorded)."""
        if viewer.user_id is None:
            return []
        rows = self.store.read("relationships/list_owned", owner=viewer.user_id)
        return visible_relationships(viewer, [rel_row(r) for r in rows], self.users.directory())
