"""Exports: a people list, an organisation's people and search results as rows for the viewer.

Contact details come through PeopleService.shape_details, so they are empty wherever
graph.visibility locks them (and a view only a grant opens is audited, as on the page).
Routes turn the rows into CSV."""

from __future__ import annotations

from .. import validation as v
from ..visibility import Viewer
from .search import MAX_LIMIT

MAX_ROWS = 5000  # one export; narrow the filter for more
DETAIL_BATCH = 500


class ExportService:
    def __init__(self, store, users, people, organisations, search):
        self.store = store
        self.users = users
        self.people_service = people
        self.organisations = organisations
        self.search_service = search

    def people(self, viewer: Viewer, q=None) -> list[dict]:
        """Every person the /people list shows for `q`, in its order, with contact details."""
        q = v.text("q", q, max_len=100)
        return self._with_details(viewer, self.store.read("people/list_people", q=q, skip=0, limit=MAX_ROWS))

    def organisation_people(self, viewer: Viewer, org_id) -> tuple[dict, list[dict]]:
        """The organisation and its current staff (as on its page), with contact details."""
        org = self.organisations.get(viewer, org_id)
        staff = [dict(row, organisation=org["name"], organisation_id=org["id"])
                 for row in self.store.read("organisations/list_staff", id=org["id"])]
        return org, self._with_details(viewer, staff[:MAX_ROWS])

    def search(self, viewer: Viewer, q) -> dict:
        """Search results (each kind at its longest), people with contact details."""
        found = self.search_service.search(viewer, q, limit=MAX_LIMIT)
        found["people"] = self._with_details(viewer, found["people"])
        return found

    def _with_details(self, viewer: Viewer, rows: list[dict]) -> list[dict]:
        directory = self.users.directory()
        ids = [row["id"] for row in rows]
        shaped = {}
        for start in range(0, len(ids), DETAIL_BATCH):
            for row in self.store.read("exports/person_details", ids=ids[start:start + DETAIL_BATCH]):
                touching = [r for r in row["touching"] if r and r.get("id")]  # OPTIONAL MATCH misses
                person = self.people_service.shape_details(viewer, row["person"], touching, directory)
                shaped[person["id"]] = person
        return [dict(row, email=shaped[row["id"]]["email"], phone=shaped[row["id"]]["phone"],
                     details_locked=shaped[row["id"]]["details_locked"]) for row in rows if row["id"] in shaped]
