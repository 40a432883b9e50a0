"""Organisations and their PART_OF hierarchy. Organisations are public to every user."""

from __future__ import annotations

from .. import validation as v
from ..clock import new_id
from ..errors import NotFound, ValidationError
from ..model import MAX_NAME, ORG_KINDS
from ..visibility import Viewer

PAGE_SIZE = 50


class OrganisationService:
    def __init__(self, store, clock):
        self.store = store
        self.clock = clock

    def get(self, viewer: Viewer, org_id) -> dict:
        if not isinstance(org_id, str):
            raise NotFound("unknown organisation")
        rows = self.store.read("organisations/get_organisation", id=org_id)
        if not rows or rows[0]["organisation"] is None:
            raise NotFound("unknown organisation")
        org = dict(rows[0]["organisation"])
        org.update(parent_id=rows[0]["parent_id"], parent_name=rows[0]["parent_name"])
        if not viewer.is_admin:
            org.pop("created_by", None)
        return org

    def overview(self, viewer: Viewer, org_id: str) -> dict:
        """The organisation page: the organisation, its sub-organisations and current staff."""
        org = self.get(viewer, org_id)
        return {
            "organisation": org,
            "children": self.store.read("organisations/list_children", id=org_id),
            "staff": self.store.read("organisations/list_staff", id=org_id),
        }

    def list(self, viewer: Viewer, q=None, kind=None, page=1) -> dict:
        q = v.text("q", q, max_len=100)
        kind = v.choice("kind", kind, ORG_KINDS, required=False)
        page = v.integer("page", page, low=1, high=100000, default=1)
        rows = self.store.read("organisations/list_organisations", q=q, kind=kind,
                               skip=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1)
        return {"items": rows[:PAGE_SIZE], "page": page, "has_next": len(rows) > PAGE_SIZE, "q": q, "kind": kind}

    def _fields(self, data: dict) -> dict:
        return {
            "name": v.text("name", data.get("name"), required=True, max_len=MAX_NAME),
            "kind": v.choice("kind", data.get("kind"), ORG_KINDS),
            "sector": v.text("sector", data.get("sector"), max_len=100),
            "country": v.text("country", data.get("country"), max_len=100),
        }

    def _parent(self, parent_id, own_id: str | None = None) -> str | None:
        parent_id = v.identifier("parent_id", parent_id, required=False)
        if not parent_id:
            return None
        if not self.store.read("organisations/get_organisation", id=parent_id):
            raise NotFound("unknown parent organisation", "parent_id")
        if own_id is not None:
            ancestors = self.store.read("organisations/ancestors", id=parent_id)[0]["ancestor_ids"]
            if parent_id == own_id or own_id in ancestors:
                raise ValidationError("an organisation cannot be part of itself", "parent_id")
        return parent_id

    def create(self, viewer: Viewer, data: dict) -> dict:
        v.only_fields(data, ("name", "kind", "sector", "country", "parent_id"))
        fields = self._fields(data)
        parent_id = self._parent(data.get("parent_id"))
        now = self.clock.now_ms()
        org = {k: val for k, val in fields.items() if val is not None}
        org.update(id=new_id(), created_by=viewer.user_id, created_at=now)
        self.store.write("organisations/create_organisation", organisation=org, parent_id=parent_id)
        return self.get(viewer, org["id"])

    def update(self, viewer: Viewer, org_id: str, data: dict) -> dict:
        v.only_fields(data, ("name", "kind", "sector", "country", "parent_id"))
        self.get(viewer, org_id)
        fields = self._fields(data)
        parent_id = self._parent(data.get("parent_id"), own_id=org_id)
        fields["updated_at"] = self.clock.now_ms()
        self.store.write("organisations/update_organisation", id=org_id, props=fields, parent_id=parent_id)
        return self.get(viewer, org_id)
