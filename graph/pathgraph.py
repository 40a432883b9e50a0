"""The path graph of DESIGN.md, built from store rows: one raw graph for everyone, then
each viewer's edges decided on the fly through graph/visibility.py.

The raw graph is viewer-independent (so it can be cached per change counter); schoolmates and
former colleagues are kept as groups and expanded only when a person is visited, because a
large school or employer would otherwise be a clique of millions of pairs."""

from __future__ import annotations

import dataclasses

from .paths import Edge, best_edges, rank
from .visibility import HIDDEN, LOCKED, Directory, Viewer, relationship_access

REPORTS_STRENGTH = 3
LOCKED_STRENGTH = 3
EMPLOYER_STRENGTH = 2
SCHOOL_STRENGTH = 2
STATIC_MEMO_LIMIT = 200_000


def former_colleagues(a_start, a_end, b_start, b_end) -> bool:
    """Two positions at one organisation whose periods overlap, at least one of them ended.

    A missing start or end is open-ended; ISO dates compare as strings; a shared day counts."""
    if a_end is None and b_end is None:
        return False
    return (a_end is None or b_start is None or str(b_start) <= str(a_end)) and \
           (b_end is None or a_start is None or str(a_start) <= str(b_end))


@dataclasses.dataclass
class RawGraph:
    """Everything the paths need, before any viewer: plain dicts of ids."""

    knows: dict  # person -> [(other, strength, visibility, owner)]
    reports: dict  # person -> set of persons (both directions)
    schools: dict  # person -> set of school ids
    alumni: dict  # school id -> [person]
    positions: dict  # person -> [(organisation id, start, end)]
    staff: dict  # organisation id -> [(person, start, end)]
    colleagues: dict  # person id -> user id (persons linked to a User)
    org_names: dict  # organisation id -> name
    directory: Directory
    _static: dict = dataclasses.field(default_factory=dict)

    def static_edges(self, person: str) -> dict:
        """Reporting line, schoolmates, former colleagues of `person` (same for every viewer)."""
        memo = self._static.get(person)
        if memo is not None:
            return memo
        edges = [Edge(other, REPORTS_STRENGTH, "reports_to") for other in self.reports.get(person, ())]
        for school in sorted(self.schools.get(person, ())):
            edges.extend(Edge(other, SCHOOL_STRENGTH, "school", via=school)
                         for other in self.alumni.get(school, ()) if other != person)
        for org, start, end in sorted(self.positions.get(person, ()), key=lambda p: p[0]):
            edges.extend(Edge(other, EMPLOYER_STRENGTH, "employer", via=org)
                         for other, o_start, o_end in self.staff.get(org, ())
                         if other != person and former_colleagues(start, end, o_start, o_end))
        memo = best_edges(edges)
        if len(self._static) >= STATIC_MEMO_LIMIT:
            self._static.clear()
        self._static[person] = memo
        return memo


def build_raw(knows_rows, reports_rows, education_rows, position_rows, colleague_rows,
              directory: Directory) -> RawGraph:
    """The raw graph from the rows of cypher/paths/list_*.cypher."""
    knows: dict = {}
    for r in knows_rows:
        if r["a"] == r["b"]:
            continue
        knows.setdefault(r["a"], []).append((r["b"], r["strength"], r["visibility"], r["owner"]))
        knows.setdefault(r["b"], []).append((r["a"], r["strength"], r["visibility"], r["owner"]))
    reports: dict = {}
    for r in reports_rows:
        if r["a"] != r["b"]:
            reports.setdefault(r["a"], set()).add(r["b"])
            reports.setdefault(r["b"], set()).add(r["a"])
    schools: dict = {}
    alumni: dict = {}
    org_names: dict = {}
    for r in education_rows:
        if r["school"] not in schools.setdefault(r["person"], set()):
            schools[r["person"]].add(r["school"])
            alumni.setdefault(r["school"], []).append(r["person"])
        org_names[r["school"]] = r.get("name")
    positions: dict = {}
    staff: dict = {}
    for r in position_rows:
        entry = (r.get("start"), r.get("end"))
        positions.setdefault(r["person"], []).append((r["organisation"],) + entry)
        staff.setdefault(r["organisation"], []).append((r["person"],) + entry)
        org_names[r["organisation"]] = r.get("name")
    colleagues = {r["person_id"]: r["user_id"] for r in colleague_rows}
    return RawGraph(knows, reports, schools, alumni, positions, staff, colleagues, org_names, directory)


class ViewerGraph:
    """One viewer's path graph over a raw graph; `neighbors` feeds graph/paths.py."""

    def __init__(self, raw: RawGraph, viewer: Viewer):
        self.raw = raw
        self.viewer = viewer
        self._memo: dict = {}
        self._access: dict = {}

    def access(self, owner, level) -> str | None:
        key = (owner, level)
        if key not in self._access:
            self._access[key] = relationship_access(self.viewer, owner, level, self.raw.directory.owner_team(owner))
        return self._access[key]

    def knows_edges(self, person: str) -> list[Edge]:
        out = []
        for other, strength, level, owner in self.raw.knows.get(person, ()):
            access = self.access(owner, level)
            if access is HIDDEN:
                continue
            if access == LOCKED:
                out.append(Edge(other, LOCKED_STRENGTH, "knows", locked=True, owner=owner))
            elif isinstance(strength, int) and 1 <= strength <= 5:
                out.append(Edge(other, strength, "knows", owner=owner))
        return out

    def neighbors(self, person: str) -> list[Edge]:
        memo = self._memo.get(person)
        if memo is None:
            merged = dict(self.raw.static_edges(person))
            for edge in best_edges(self.knows_edges(person)).values():
                current = merged.get(edge.to)
                if current is None or rank(edge) > rank(current):
                    merged[edge.to] = edge
            memo = self._memo[person] = list(merged.values())
        return memo

