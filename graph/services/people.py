"""People: records, positions, reporting lines, education — shaped for the viewer."""

from __future__ import annotations

from .. import changes, searchtext
from .. import validation as v
from ..clock import new_id
from ..errors import NotFound, ValidationError
from ..messages import N_
from ..model import MAX_NAME, MAX_NOTES
from ..visibility import (PERSON_DETAIL_FIELDS, Viewer, can_modify_relationship, credit_details, readable_details,
                          shape_person, shape_relationship, visible_relationships)
from .organisations import LABEL_SEP, SUGGESTIONS, resolve_reference

PAGE_SIZE = 50


def rel_row(row: dict) -> dict:
    """A KNOWS row from cypher (rel map + end points) as one flat dict."""
    rel = dict(row["rel"])
    rel.update(person_id=row["person_id"], person_name=row.get("person_name"),
               other_id=row["other_id"], other_name=row.get("other_name"))
    if "other_title" in row:
        rel["other_title"] = row["other_title"]
    return rel


def person_label(row: dict) -> str:
    return row["name"] + (LABEL_SEP + row["organisation"] if row.get("organisation") else "")


class PeopleService:
    on_grant_view = None  # set by Services: audits a view of details that only a grant opens
    alerts = None  # AlertService, set by Services: a position with an end date may mean "leaving soon"

    def __init__(self, store, clock, users):
        self.store = store
        self.clock = clock
        self.users = users

    # -- reads ---------------------------------------------------------------------------------
    def get(self, viewer: Viewer, person_id: str) -> dict:
        """The person as the viewer may see them (CONTRACT fields plus page extras)."""
        row = self._row(person_id)
        touching = [rel_row(r) for r in self._touching(person_id)]
        return self._shape(viewer, row, touching, self.users.directory())

    def _touching(self, person_id: str) -> list[dict]:
        """Every KNOWS with the person at one end, unfiltered (visibility decides per viewer)."""
        return self.store.read("relationships/list_touching", id=person_id)

    def shape_details(self, viewer: Viewer, person: dict, touching: list[dict], directory) -> dict:
        """The person with contact details nulled unless the viewer may see them; a view that
        only a grant opens is audited. Pages, API and exports all shape details here."""
        shaped = shape_person(viewer, person, touching, directory)
        if self.on_grant_view and person.get("id") in viewer.granted_person_ids and not viewer.is_admin:
            without = readable_details(viewer, person, touching, directory, grants=False)
            if any(person.get(f) is not None and f not in without for f in PERSON_DETAIL_FIELDS):
                self.on_grant_view(viewer, person)
        return shaped

    def _shape(self, viewer: Viewer, row: dict, touching: list[dict], directory) -> dict:
        person = self.shape_details(viewer, row["person"], touching, directory)
        current = [c for c in row["current"] if c and c.get("id")]
        person.update(
            organisation_id=current[0]["id"] if current else None,
            organisation=current[0]["name"] if current else None,
            current_positions=current,
            reports_to=row["reports_to"],
            reports_to_name=row["reports_to_name"],
            user_id=row["user_id"],
            is_colleague=row["user_id"] is not None,
        )
        if not viewer.is_admin:
            person.pop("created_by", None)
        return person

    def profile(self, viewer: Viewer, person_id: str) -> dict:
        """Everything the person page shows: person, positions, education, reports, relationships."""
        return self._profile(viewer, person_id)[0]

    def _profile(self, viewer: Viewer, person_id: str):
        """The profile, plus the raw KNOWS rows and the directory it was built from (page reuses
        them rather than reading them again)."""
        row = self._row(person_id)
        rows = self._touching(person_id)
        touching = [rel_row(r) for r in rows]
        directory = self.users.directory()
        data = {"person": self._shape(viewer, row, touching, directory), **self._lists(person_id),
                "relationships": visible_relationships(viewer, touching, directory)}
        return data, rows, directory

    def _lists(self, person_id: str) -> dict:
        """Positions (current first, then by end and start, latest first), education (latest
        first) and direct reports (by name), in one read."""
        rows = self.store.read("people/get_profile_lists", id=person_id)
        row = rows[0] if rows else {}

        def latest(value, missing):
            return missing if value is None else value

        def pick(items, *keys):
            return [{k: item.get(k) for k in keys} for item in items or () if item]
        positions = pick(row.get("positions"), "id", "organisation_id", "organisation", "title", "department",
                         "start", "end")
        positions.sort(key=lambda w: (latest(w["end"], "9999"), latest(w["start"], "")), reverse=True)
        education = pick(row.get("education"), "id", "school_id", "school", "start", "end")
        education.sort(key=lambda e: latest(e["end"], "9999"), reverse=True)
        reports = pick(row.get("reports"), "id", "name", "title")
        reports.sort(key=lambda r: (r["name"] or "").lower())
        return {"positions": positions, "education": education, "reports": reports}

    def page(self, viewer: Viewer, person_id: str) -> dict:
        """The person page: the profile, their relationships split by who recorded whom, each
        with whether the viewer may change it, and the viewer's own link to this person."""
        data, rows, directory = self._profile(viewer, person_id)
        knows, known_by, mine = [], [], None
        for row in rows:
            raw = rel_row(row)
            shaped = shape_relationship(viewer, raw, directory)
            if shaped is None:
                continue
            shaped["can_edit"] = can_modify_relationship(viewer, raw, directory)
            (knows if row["outgoing"] else known_by).append(shaped)
            if viewer.person_id and raw["other_id"] == viewer.person_id and raw.get("owner") == viewer.user_id:
                mine = shaped  # the viewer's own (a colleague may record the same pair)
        data.update(knows=knows, known_by=known_by, mine=mine,
                    is_self=bool(viewer.person_id) and viewer.person_id == person_id)
        return data

    def suggest(self, viewer: Viewer, q, limit: int = SUGGESTIONS) -> list[dict]:
        """A few people whose name or organisation contains `q` (names and titles are public)."""
        q = v.text("q", q, max_len=100)
        if not q:
            return []
        rows = self.store.read("people/list_people", q=q, skip=0, limit=min(int(limit), 20))
        return [{"id": r["id"], "name": r["name"], "label": person_label(r)} for r in rows]

    def resolve(self, viewer: Viewer, text, ref_id=None, field: str = "reports_to") -> str | None:
        """The person id a form field names (see organisations.resolve_reference)."""
        def by_id(i):
            rows = self.store.read("people/find_by_id", id=i)
            return rows[0] if rows else None

        def by_name(name):
            return self.store.read("people/find_by_name", wanted=name, limit=10)

        return resolve_reference(text, ref_id, by_id, by_name, person_label, "person", field)

    def label(self, viewer: Viewer, person_id) -> str | None:
        """How a form shows an already chosen person."""
        if not person_id:
            return None
        rows = self.store.read("people/find_by_id", id=person_id)
        return person_label(rows[0]) if rows else None

    def list(self, viewer: Viewer, q=None, page: int = 1) -> dict:
        q = v.text("q", q, max_len=100)
        page = v.integer("page", page, low=1, high=100000, default=1)
        rows = self.store.read("people/list_people", q=q, skip=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        total = self.store.read("people/count_people", q=q)[0]["total"]
        return {"items": rows, "total": total, "page": page, "pages": max(1, -(-total // PAGE_SIZE)), "q": q}

    def _row(self, person_id) -> dict:
        if not isinstance(person_id, str):
            raise NotFound(N_("unknown person"))
        rows = self.store.read("people/get_person", id=person_id)
        if not rows or rows[0]["person"] is None or rows[0]["person"].get("id") is None:
            raise NotFound(N_("unknown person"))
        return rows[0]

    def require(self, *ids: str, field: str = "person_id") -> None:
        """Every id names an existing person (people are public, so no visibility here)."""
        wanted = {i for i in ids if i}
        found = {r["id"] for r in self.store.read("people/person_exists", ids=list(wanted))}
        for i in ids:
            if i and i not in found:
                raise NotFound(N_("unknown person"), field)

    # -- writes --------------------------------------------------------------------------------
    def _fields(self, data: dict, *, partial: bool) -> dict:
        out = {}
        if not partial or "name" in data:
            out["name"] = v.text("name", data.get("name"), required=True, max_len=MAX_NAME)
        for key in ("title",):
            if not partial or key in data:
                out[key] = v.text(key, data.get(key))
        if not partial or "email" in data:
            out["email"] = v.email(data.get("email"))
        if not partial or "phone" in data:
            out["phone"] = v.phone(data.get("phone"))
        if not partial or "notes" in data:
            out["notes"] = v.text("notes", data.get("notes"), max_len=MAX_NOTES)
        return out

    def create(self, viewer: Viewer, data: dict) -> dict:
        v.only_fields(data, ("name", "title", "email", "phone", "notes", "organisation_id", "reports_to"))
        fields = self._fields(data, partial=False)
        org_id = v.identifier("organisation_id", data.get("organisation_id"), required=False)
        boss_id = v.identifier("reports_to", data.get("reports_to"), required=False)
        if org_id and not self.store.read("organisations/get_organisation", id=org_id):
            raise NotFound(N_("unknown organisation"), "organisation_id")
        if boss_id:
            self.require(boss_id, field="reports_to")
        now = self.clock.now_ms()
        person = credit_details({k: val for k, val in fields.items() if val is not None}, viewer.user_id)
        person.update(id=new_id(), created_by=viewer.user_id, created_at=now, updated_at=now)
        person.update(searchtext.record_fields(person["name"], person.get("title")))
        self.store.write("people/create_person", person=person, organisation_id=org_id, reports_to=boss_id,
                         title=fields.get("title"), position_id=new_id(), now=now,
                         change=changes.new_person(person["id"], boss_id))
        return self.get(viewer, person["id"])

    def update(self, viewer: Viewer, person_id: str, data: dict) -> dict:
        """Edit name/title/details. A detail is written only by someone who may read it (an
        empty one included), and its writer becomes its contributor; a detail whose value does
        not change keeps its contributor."""
        v.only_fields(data, ("name", "title", "email", "phone", "notes", "reports_to"))
        row = self._row(person_id)
        touching = [rel_row(r) for r in self._touching(person_id)]
        directory = self.users.directory()
        current = self._shape(viewer, row, touching, directory)
        fields = self._fields(data, partial=True)
        raw = row["person"]
        readable = readable_details(viewer, raw, touching, directory)
        if any(f in fields and f not in readable for f in PERSON_DETAIL_FIELDS):  # checked before comparing
            raise NotFound(N_("unknown person"))  # values: not theirs to see, so not to edit (nor to guess)
        for field in [f for f in PERSON_DETAIL_FIELDS if f in fields and fields[f] == raw.get(f)]:
            del fields[field]  # unchanged: nothing to write, nobody to credit
        fields = credit_details(fields, viewer.user_id)
        if "reports_to" in data:
            boss_id = v.identifier("reports_to", data.get("reports_to"), required=False)
            if boss_id:
                if boss_id == person_id:
                    raise ValidationError(N_("a person cannot report to themself"), "reports_to")
                self.require(boss_id, field="reports_to")
                if self.store.read("people/reports_chain", boss_id=boss_id, id=person_id)[0]["cycle"]:
                    raise ValidationError(N_("that would make a reporting loop"), "reports_to")
            self.store.write("people/set_reports_to", id=person_id, reports_to=boss_id)
        if fields:
            fields["updated_at"] = self.clock.now_ms()
            if "name" in fields or "title" in fields:  # keep the search fields in step
                fields.update(searchtext.record_fields(fields.get("name", current["name"]),
                                                       fields.get("title", current.get("title"))))
            self.store.write("people/update_person", id=person_id, props=fields)
        return self.get(viewer, person_id)

    def add_position(self, viewer: Viewer, person_id: str, data: dict) -> dict:
        v.only_fields(data, ("organisation_id", "title", "department", "start", "end"))
        self._row(person_id)
        org_id = v.identifier("organisation_id", data.get("organisation_id"))
        if not self.store.read("organisations/get_organisation", id=org_id):
            raise NotFound(N_("unknown organisation"), "organisation_id")
        start, end = v.period("start", data.get("start"), "end", data.get("end"))
        position = {"id": new_id(), "title": v.text("title", data.get("title")),
                    "department": v.text("department", data.get("department")),
                    "start": start, "end": end, "created_at": self.clock.now_ms()}
        self.store.write("people/add_position", id=person_id, organisation_id=org_id,
                         position={k: val for k, val in position.items() if val is not None})
        if end is not None and self.alerts is not None:  # leaving soon: tell who knows them
            self.alerts.check_person(person_id)
        position["organisation_id"] = org_id
        position["person_id"] = person_id
        return position

    def add_education(self, viewer: Viewer, person_id: str, data: dict) -> dict:
        v.only_fields(data, ("school_id", "start", "end"))
        self._row(person_id)
        school_id = v.identifier("school_id", data.get("school_id"))
        rows = self.store.read("organisations/get_organisation", id=school_id)
        if not rows:
            raise NotFound(N_("unknown school"), "school_id")
        if rows[0]["organisation"]["kind"] != "school":
            raise ValidationError(N_("that organisation is not a school"), "school_id")
        start, end = v.period("start", data.get("start"), "end", data.get("end"))
        education = {"id": new_id(), "start": start, "end": end, "created_at": self.clock.now_ms()}
        self.store.write("people/add_education", id=person_id, school_id=school_id,
                         education={k: val for k, val in education.items() if val is not None})
        education.update(school_id=school_id, person_id=person_id)
        return education
