"""One viewer's path graph (DESIGN.md), read from the store on demand for graph/paths.py.

Nothing is held between calls: the search asks for the people its bound reaches, a frontier
per round trip, so a write is seen by the next query without any cache to invalidate. Every
KNOWS is judged for this viewer through graph/visibility.py as it is read.

Schoolmates and former colleagues are hyperedges (a school with thousands of alumni would be a
clique of millions of pairs): a person's schools and positions come with the person (stage 1),
the members of those organisations only when the search needs them (stage 2), with the
period-overlap rule applied then. Edges to the sources through a shared organisation are
worked out in stage 1 from the sources' own memberships (a small table), so stage 2 only ever
yields edges of strength ≤ 2 to people who are not sources, as graph/paths.py requires.

The strong side (`StrongSide`, optional) lists everyone with a strength-5 KNOWS to a source and
their memberships. It makes the bound tight without a read: nobody else can finish a path
with a hop better than 4, and the strong members of an organisation are found in memory, so a
school of thousands need not be read just to look for the few who know a colleague well."""

from __future__ import annotations

import dataclasses

from .paths import Edge, best_edges
from .visibility import HIDDEN, LOCKED, VISIBLE, Directory, Viewer, relationship_access

REPORTS_STRENGTH = 3
LOCKED_STRENGTH = 3
EMPLOYER_STRENGTH = 2
SCHOOL_STRENGTH = 2
HYPER_STRENGTH = max(EMPLOYER_STRENGTH, SCHOOL_STRENGTH)
STRONG = 5  # the only strength a hop to a source can have that the strong side does not list


def former_colleagues(a_start, a_end, b_start, b_end) -> bool:
    """Two positions at one organisation whose periods overlap, at least one of them ended.

    A missing start or end is open-ended; ISO dates compare as strings; a shared day counts."""
    if a_end is None and b_end is None:
        return False
    return (a_end is None or b_start is None or str(b_start) <= str(a_end)) and \
           (b_end is None or a_start is None or str(a_start) <= str(b_end))


@dataclasses.dataclass
class Memberships:
    """A person's schools (sorted ids) and positions ((organisation, start, end), by organisation)."""

    schools: list = dataclasses.field(default_factory=list)
    positions: list = dataclasses.field(default_factory=list)

    def add(self, kind: str, org: str, start=None, end=None) -> None:
        if kind == "school":
            if org not in self.schools:
                self.schools.append(org)
                self.schools.sort()
        else:
            self.positions.append((org, start, end))
            self.positions.sort(key=lambda p: p[0])

    def __bool__(self) -> bool:
        return bool(self.schools or self.positions)


def shared_edges(person: str, mine: Memberships, alumni: dict, staff: dict) -> dict[str, Edge]:
    """Best school/employer edge from `person` to each member of its organisations.

    alumni: school -> [person]; staff: organisation -> [(person, start, end)]. Schools and
    positions are walked in id order so an equal tie keeps the smallest organisation id."""
    edges = []
    for school in mine.schools:
        edges.extend(Edge(other, SCHOOL_STRENGTH, "school", via=school)
                     for other in alumni.get(school, ()) if other != person)
    for org, start, end in mine.positions:
        edges.extend(Edge(other, EMPLOYER_STRENGTH, "employer", via=org)
                     for other, o_start, o_end in staff.get(org, ())
                     if other != person and former_colleagues(start, end, o_start, o_end))
    return best_edges(edges)


@dataclasses.dataclass
class Known:
    """Stage 1 for one person: direct edges as this viewer ranks them, and memberships."""

    direct: dict  # other -> Edge (KNOWS / REPORTS_TO, pair rule applied)
    memberships: Memberships
    near: list | None = None
    deferred: list | None = None  # strength-1 KNOWS that a shared organisation may beat


class SourceIndex:
    """The sources' memberships by organisation, to find shared-organisation edges to them."""

    def __init__(self, memberships: dict):
        self.alumni: dict = {}
        self.staff: dict = {}
        for person, mine in memberships.items():
            for school in mine.schools:
                self.alumni.setdefault(school, []).append(person)
            for org, start, end in mine.positions:
                self.staff.setdefault(org, []).append((person, start, end))

    def edges(self, person: str, mine: Memberships) -> dict[str, Edge]:
        return shared_edges(person, mine, self.alumni, self.staff)


class StrongSide:
    """Everyone with a KNOWS of strength ≥ STRONG to a source (any visibility: the viewer's
    access is decided per query), and those people's memberships."""

    def __init__(self, links: dict, memberships: dict):
        self.links = links  # person -> [(owner, level)]
        self.memberships = memberships  # person -> Memberships
        self.index = SourceIndex(memberships)

    @staticmethod
    def empty() -> "StrongSide":
        return StrongSide({}, {})


class StoreGraph:
    """graph/paths.Graph for one viewer and one query, reading cypher/paths/*.cypher."""

    def __init__(self, store, viewer: Viewer, directory: Directory, sources: set,
                 source_memberships: dict | None = None, strong: StrongSide | None = None):
        self.store = store
        self.viewer = viewer
        self.directory = directory
        self.sources = sources
        self.strong = strong
        self.org_names: dict = {}
        self._known: dict = {}
        self._far: dict = {}
        self._access: dict = {}
        self._reach: dict = {}
        self._probed: dict = {}
        if source_memberships is None:  # an explicit source: read it like anyone else
            self.load(sorted(sources))
            source_memberships = {s: self._known[s].memberships for s in sources if s in self._known}
        self._index = SourceIndex(source_memberships)

    # -- visibility ---------------------------------------------------------------------------
    def access(self, owner, level) -> str | None:
        key = (owner, level)
        if key not in self._access:
            self._access[key] = relationship_access(self.viewer, owner, level, self.directory.owner_team(owner))
        return self._access[key]

    def knows_edge(self, other, strength, level, owner) -> Edge | None:
        access = self.access(owner, level)
        if access is HIDDEN:
            return None
        if access == LOCKED:
            return Edge(other, LOCKED_STRENGTH, "knows", locked=True, owner=owner)
        if isinstance(strength, int) and 1 <= strength <= 5:
            return Edge(other, strength, "knows", owner=owner)
        return None

    # -- stage 1 ------------------------------------------------------------------------------
    def load(self, people: list) -> None:
        people = [p for p in people if p not in self._known]
        if people:
            for p, (direct, memberships) in self._read("paths/expand_people", people).items():
                self._known[p] = Known(direct, memberships)

    def probe(self, people: list) -> None:
        """Only the edges to sources (the rows are filtered in the store, so this is cheap)."""
        people = [p for p in people if not self.is_probed(p)]
        if people:
            for p, (direct, memberships) in self._read("paths/probe_people", people, sources=sorted(self.sources)).items():
                shared = self._index.edges(p, memberships) if memberships else {}
                self._probed[p] = list(best_edges(list(direct.values()) + list(shared.values())).values())

    def is_probed(self, person) -> bool:
        return person in self._known or person in self._probed

    def source_edges(self, person) -> list[Edge]:
        if person in self._known:
            return [e for e in self.near(person) if e.to in self.sources]
        return self._probed[person]

    def _read(self, name: str, people: list, **params) -> dict:
        """person -> (best direct edge per neighbour, memberships) from expand/probe rows."""
        edges: dict = {p: [] for p in people}
        memberships: dict = {p: Memberships() for p in people}
        for row in self.store.read(name, ids=people, **params):
            a, b, kind = row["a"], row["b"], row["kind"]
            if kind == "knows":
                if a != b:
                    edge = self.knows_edge(b, row["strength"], row["level"], row["owner"])
                    if edge is not None:
                        edges[a].append(edge)
            elif kind == "reports_to":
                if a != b:
                    edges[a].insert(0, Edge(b, REPORTS_STRENGTH, "reports_to"))
            else:
                memberships[a].add(kind, b, row["start"], row["end"])
                self.org_names[b] = row["name"]
        return {p: (best_edges(edges[p]), memberships[p]) for p in people}

    def is_loaded(self, person) -> bool:
        return person in self._known

    def near(self, person) -> list[Edge]:
        known = self._known[person]
        if known.near is None:
            self._split(person, known)
        return known.near

    def reach(self, person) -> int:
        """Bound of the strength of `person`'s best hop to a source, before reading it."""
        if self.strong is None:
            return STRONG
        found = self._reach.get(person)
        if found is None:
            links = self.strong.links.get(person, ())
            found = STRONG if any(self.access(o, lv) == VISIBLE for o, lv in links) else STRONG - 1
            self._reach[person] = found
        return found

    def _strong(self, person) -> bool:
        """Listed on the strong side with a link this viewer sees (its memberships are known)."""
        return self.strong is not None and self.reach(person) == STRONG

    def far_reach(self, person) -> int:
        return STRONG if self.strong is None else STRONG - 1

    def _split(self, person: str, known: Known) -> None:
        """Near = everything final now; deferred = strength-1 KNOWS a shared organisation may beat."""
        to_sources = self._index.edges(person, known.memberships) if known.memberships else {}
        if self.strong is not None and known.memberships:  # strong members of my organisations
            for other, edge in self.strong.index.edges(person, known.memberships).items():
                if other not in self.sources and self._strong(other):
                    to_sources[other] = edge
        near, deferred = [], []
        for other, edge in known.direct.items():
            if edge.strength > 1:
                near.append(edge)  # even a locked KNOWS (3) or a strength-2 KNOWS beats a shared organisation
            elif other in to_sources:
                near.append(to_sources[other])
            elif other in self.sources or not known.memberships or self._strong(other):
                near.append(edge)  # no shared organisation can beat it (a strong person's are all known)
            else:
                deferred.append(edge)
        near.extend(edge for other, edge in to_sources.items() if other not in known.direct)
        known.near, known.deferred = near, deferred

    def far_strength(self, person) -> int:
        return HYPER_STRENGTH if self._known[person].memberships else 0

    # -- stage 2 ------------------------------------------------------------------------------
    def load_far(self, people: list) -> None:
        people = [p for p in people if p not in self._far]
        if not people:
            return
        schools, ended_only = set(), {}
        for p in people:
            mine = self._known[p].memberships
            schools.update(mine.schools)
            for org, _, end in mine.positions:
                ended_only[org] = ended_only.get(org, True) and end is None
        alumni: dict = {}
        staff: dict = {}
        rows = self.store.read("paths/list_members", schools=sorted(schools),
                               employers=[{"org": o, "ended_only": e} for o, e in sorted(ended_only.items())])
        for row in rows:
            if row["kind"] == "school":
                alumni.setdefault(row["org"], []).append(row["person"])
            else:
                staff.setdefault(row["org"], []).append((row["person"], row["start"], row["end"]))
        for p in people:
            known = self._known[p]
            if known.near is None:
                self._split(p, known)
            shared = shared_edges(p, known.memberships, alumni, staff)
            far = [edge for other, edge in shared.items()
                   if other not in self.sources and not self._strong(other)
                   and (other not in known.direct or known.direct[other].strength == 1)]
            far.extend(edge for edge in known.deferred if edge.to not in shared)
            self._far[p] = far

    def is_far_loaded(self, person) -> bool:
        return person in self._far

    def far(self, person) -> list[Edge]:
        return self._far[person]
