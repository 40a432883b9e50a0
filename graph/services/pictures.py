"""The data behind the network pictures: which people, organisations and links a viewer may see.

Pictures obey the same rules as every other read: each KNOWS goes through
graph.visibility (others' private ones vanish with any contact reachable only through them;
locked ones keep the owner's name but lose strength and context). Names, titles,
organisations, PART_OF and REPORTS_TO are public. Drawing is the web layer's job (pyvis
lives there); this returns plain dicts."""

from __future__ import annotations

from ..errors import NotFound
from ..paths import knows_preference
from ..visibility import Viewer, visible_relationships
from .people import rel_row

# Beyond this many people a picture stops being readable (and slows the browser down).
MAX_PEOPLE = 300

# What a picture may tell about a KNOWS; notes and dates never go into a picture.
KNOWS_FIELDS = ("id", "person_id", "other_id", "strength", "context", "visibility", "owner",
                "owner_name", "locked")


def _knows(rel: dict) -> dict:
    out = {key: rel.get(key) for key in KNOWS_FIELDS}
    if out["locked"]:
        out["strength"] = out["context"] = None
    return out


def _one_per_pair(knows: list[dict]) -> list[dict]:
    """One line per pair of people: several owners may each record the same pair, and the
    picture shows the one the pair rule of paths keeps."""
    best: dict = {}
    for rel in knows:
        key = frozenset((rel["person_id"], rel["other_id"]))
        held = best.get(key)
        if held is None or _preference(rel) < _preference(held):
            best[key] = rel
    return list(best.values())


def _preference(rel: dict) -> tuple:
    return knows_preference(rel["strength"], rel["locked"], rel["owner"])


class PictureService:
    def __init__(self, store, users):
        self.store = store
        self.users = users

    def person_network(self, viewer: Viewer, person_id) -> dict:
        """The person's ego network: the people they know (as far as the viewer may know it),
        their boss and direct reports, the links among all of these, and their current employer."""
        if not isinstance(person_id, str):
            raise NotFound("unknown person")
        if not self.store.read("people/person_exists", ids=[person_id]):
            raise NotFound("unknown person")
        directory = self.users.directory()
        touching = [rel_row(r) for r in self.store.read("relationships/list_touching", id=person_id)]
        known = visible_relationships(viewer, touching, directory)
        lines = self.store.read("pictures/reporting_neighbours", id=person_id)[0]

        ids = [person_id]
        for other in [r["other_id"] for r in known] + lines["bosses"] + lines["reports"]:
            if other and other not in ids:
                ids.append(other)
        truncated = len(ids) > MAX_PEOPLE
        ids = ids[:MAX_PEOPLE]

        cards = {c["id"]: c for c in self.store.read("pictures/people_cards", ids=ids)}
        drawn = set(ids)
        # the focus's own links are already known; add those among the others in the picture
        among = [rel_row(r) for r in self.store.read("pictures/knows_among", ids=ids[1:])]
        knows = [_knows(r) for r in known if r["other_id"] in drawn]
        knows = _one_per_pair(knows + [_knows(r) for r in visible_relationships(viewer, among, directory)])
        people = [self._person(cards[i], focus=i == person_id, viewer=viewer) for i in ids if i in cards]
        current = [c for c in cards[person_id]["current"] if c and c.get("id")]
        return {
            "focus_id": person_id,
            "people": people,
            "organisations": [{"id": c["id"], "name": c["name"]} for c in current],
            "works_at": [{"person_id": person_id, "organisation_id": c["id"], "title": c.get("title")}
                         for c in current],
            "knows": knows,
            "reports_to": self.store.read("pictures/reporting_lines", ids=ids),
            "truncated": truncated,
        }

    def organisation_chart(self, viewer: Viewer, org_id) -> dict:
        """The organisation, its sub-organisations and their current staff with reporting lines."""
        if not isinstance(org_id, str):
            raise NotFound("unknown organisation")
        rows = self.store.read("organisations/get_organisation", id=org_id)
        if not rows or rows[0]["organisation"] is None:
            raise NotFound("unknown organisation")
        root = rows[0]["organisation"]
        subs = self.store.read("pictures/sub_organisations", id=org_id)
        org_ids = [org_id] + [s["id"] for s in subs]
        staff_rows = self.store.read("pictures/current_staff", org_ids=org_ids, limit=MAX_PEOPLE * 2 + 1)
        people, seen = [], set()
        for row in staff_rows:  # someone with two current posts in the group is drawn once
            if row["id"] not in seen:
                seen.add(row["id"])
                people.append(row)
        truncated = len(people) > MAX_PEOPLE or len(staff_rows) > MAX_PEOPLE * 2
        people = people[:MAX_PEOPLE]
        ids = [p["id"] for p in people]
        return {
            "organisation": {"id": root["id"], "name": root["name"], "kind": root.get("kind")},
            "organisations": [{"id": root["id"], "name": root["name"], "kind": root.get("kind"), "parent_id": None}]
            + subs,
            "people": people,
            "reports_to": self.store.read("pictures/reporting_lines", ids=ids) if ids else [],
            "truncated": truncated,
        }

    @staticmethod
    def _person(card: dict, *, focus: bool, viewer: Viewer) -> dict:
        current = [c for c in card.get("current") or [] if c and c.get("id")]
        return {
            "id": card["id"],
            "name": card["name"],
            "title": card.get("title"),
            "organisation": current[0]["name"] if current else None,
            "is_colleague": card.get("user_id") is not None,
            "is_viewer": viewer.person_id is not None and card["id"] == viewer.person_id,
            "focus": focus,
        }
