"""Organisations and their PART_OF hierarchy. Organisations are public to every user."""

from __future__ import annotations

from .. import searchtext
from .. import validation as v
from ..clock import new_id
from ..errors import NotFound, ValidationError
from ..messages import N_
from ..model import MAX_NAME, ORG_KINDS
from ..visibility import Viewer

PAGE_SIZE = 50
SUGGESTIONS = 8  # a search-as-you-type list stays short (choice lists ≤ 20)
LABEL_SEP = " — "


def resolve_reference(text, ref_id, by_id, by_name, label, what: str, field: str) -> str | None:
    """The id a form's free-text reference names, so no page needs a huge select.

    Accepts the id a suggestion list filled in (kept while the text still names it), a pasted
    id, an exact name (case-insensitive) or a suggestion label "name — detail". Empty means
    none; no match is NotFound and several are a ValidationError listing them, both on `field`."""
    text = v.text(field, text, max_len=MAX_NAME + 200)
    if not text:
        return None
    if isinstance(ref_id, str) and ref_id:
        row = by_id(ref_id)
        if row and text in (row["name"], label(row)):
            return row["id"]
    if len(text) <= 64:
        row = by_id(text)
        if row:
            return row["id"]
    name = text.split(LABEL_SEP)[0].strip()
    rows = by_name(name)
    exact = [r for r in rows if label(r) == text]
    if len(exact) == 1:
        return exact[0]["id"]
    if len(rows) == 1:
        return rows[0]["id"]
    if not rows:
        raise NotFound(N_("unknown %(what)s: %(name)s", what=v.named(what), name=name), field)
    raise ValidationError(N_("several %(what)ss are called %(name)s; pick one: %(options)s", what=v.named(what),
                             name=name, options="; ".join(label(r) for r in rows)), field)


def org_label(row: dict) -> str:
    detail = ", ".join(x for x in (row.get("kind"), row.get("country")) if x)
    return row["name"] + (LABEL_SEP + detail if detail else "")


def org_chart(staff: list[dict]) -> list[dict]:
    """Current staff as a forest along REPORTS_TO: bosses outside the organisation (or none)
    make roots; a reporting loop, should one exist, is cut where it is first met."""
    by_id = {p["id"]: p for p in staff}
    children: dict = {}
    for p in staff:
        if p.get("reports_to") in by_id and p["reports_to"] != p["id"]:
            children.setdefault(p["reports_to"], []).append(p)
    placed: set = set()

    def node(p):
        placed.add(p["id"])
        kids = [node(c) for c in children.get(p["id"], []) if c["id"] not in placed]
        return {"id": p["id"], "name": p["name"], "title": p.get("title"), "reports": kids}

    roots = [node(p) for p in staff if p.get("reports_to") not in by_id or p["reports_to"] == p["id"]]
    for p in staff:  # members of a loop with no root above them
        if p["id"] not in placed:
            roots.append(node(p))
    return roots


class OrganisationService:
    def __init__(self, store, clock):
        self.store = store
        self.clock = clock

    def get(self, viewer: Viewer, org_id) -> dict:
        if not isinstance(org_id, str):
            raise NotFound(N_("unknown organisation"))
        rows = self.store.read("organisations/get_organisation", id=org_id)
        if not rows or rows[0]["organisation"] is None:
            raise NotFound(N_("unknown organisation"))
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

    def page(self, viewer: Viewer, org_id: str) -> dict:
        """The organisation page: overview plus the org chart of its current staff."""
        data = self.overview(viewer, org_id)
        data["chart"] = org_chart(data["staff"])
        return data

    def suggest(self, viewer: Viewer, q, kind=None, limit: int = SUGGESTIONS) -> list[dict]:
        """A few organisations whose name contains `q`, labelled to tell namesakes apart."""
        q = v.text("q", q, max_len=100)
        kind = v.choice("kind", kind, ORG_KINDS, required=False)
        if not q:
            return []
        rows = self.store.read("organisations/list_organisations", q=q, kind=kind, skip=0,
                               limit=min(int(limit), 20))
        return [{"id": r["id"], "name": r["name"], "label": org_label(r)} for r in rows]

    def resolve(self, viewer: Viewer, text, ref_id=None, field: str = "organisation_id") -> str | None:
        """The organisation id a form field names (see resolve_reference)."""
        def by_id(i):
            rows = self.store.read("organisations/find_by_id", id=i)
            return rows[0] if rows else None

        def by_name(name):
            return self.store.read("organisations/find_by_name", wanted=name, limit=10)

        return resolve_reference(text, ref_id, by_id, by_name, org_label, "organisation", field)

    def label(self, viewer: Viewer, org_id) -> str | None:
        """How a form shows an already chosen organisation."""
        if not org_id:
            return None
        rows = self.store.read("organisations/find_by_id", id=org_id)
        return org_label(rows[0]) if rows else None

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
            raise NotFound(N_("unknown parent organisation"), "parent_id")
        if own_id is not None:
            ancestors = self.store.read("organisations/ancestors", id=parent_id)[0]["ancestor_ids"]
            if parent_id == own_id or own_id in ancestors:
                raise ValidationError(N_("an organisation cannot be part of itself"), "parent_id")
        return parent_id

    def create(self, viewer: Viewer, data: dict) -> dict:
        v.only_fields(data, ("name", "kind", "sector", "country", "parent_id"))
        fields = self._fields(data)
        parent_id = self._parent(data.get("parent_id"))
        now = self.clock.now_ms()
        org = {k: val for k, val in fields.items() if val is not None}
        org.update(id=new_id(), created_by=viewer.user_id, created_at=now)
        org.update(searchtext.record_fields(org["name"], org.get("sector"), org.get("country")))
        self.store.write("organisations/create_organisation", organisation=org, parent_id=parent_id)
        return self.get(viewer, org["id"])

    def update(self, viewer: Viewer, org_id: str, data: dict) -> dict:
        v.only_fields(data, ("name", "kind", "sector", "country", "parent_id"))
        self.get(viewer, org_id)
        fields = self._fields(data)
        parent_id = self._parent(data.get("parent_id"), own_id=org_id)
        fields["updated_at"] = self.clock.now_ms()
        fields.update(searchtext.record_fields(fields["name"], fields["sector"], fields["country"]))
        self.store.write("organisations/update_organisation", id=org_id, props=fields, parent_id=parent_id)
        return self.get(viewer, org_id)

    def patch(self, viewer: Viewer, org_id: str, data: dict) -> dict:
        """A partial edit (API PATCH): fields left out keep their current value."""
        v.only_fields(data, ("name", "kind", "sector", "country", "parent_id"))
        current = self.get(viewer, org_id)
        merged = {k: current.get(k) for k in ("name", "kind", "sector", "country", "parent_id")}
        merged.update(data)
        return self.update(viewer, org_id, merged)
