"""One viewer's path graph (docs/ARCHITECTURE.md), read from the store on demand for graph/paths.py.

The search asks for the people its bound reaches, a frontier per round trip. What the store
answered for a person is kept between queries (Neighbourhoods) until the change journal says a
write touched them, so a write is seen by the next query. Every KNOWS is judged for this
viewer through graph/visibility.py when a query uses it, never when it is kept.

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
import threading

from . import changes
from .paths import Edge, best_edges
from .visibility import HIDDEN, LOCKED, SEEN_BY_ALL, VISIBLE, Directory, Viewer, relationship_access

REPORTS_STRENGTH = 3
LOCKED_STRENGTH = 3
EMPLOYER_STRENGTH = 2
SCHOOL_STRENGTH = 2
HYPER_STRENGTH = max(EMPLOYER_STRENGTH, SCHOOL_STRENGTH)
STRENGTHS = {str(s): s for s in range(1, 6)}  # toString(r.strength) back to the integer
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
    """Stage 1 for one person: direct edges as this viewer ranks them, and memberships, read
    down to ranking strength `least` (weaker edges, memberships below 3, are left out)."""

    direct: dict  # other -> Edge (KNOWS / REPORTS_TO, pair rule applied)
    memberships: Memberships
    least: int = 1
    near: list | None = None
    deferred: list | None = None  # strength-1 KNOWS that a shared organisation may beat


def read_params(people: dict) -> dict:
    """Query parameters for people read down to a least ranking strength each.

    A locked KNOWS ranks 3 whatever its real strength and a REPORTS_TO 3, shared organisations
    2: so below 4 every KNOWS is read (least null) and the real strength can filter only from 4
    up, which needs no visibility decision; reporting lines below 4, memberships below 3."""
    return {"knows": [{"id": p, "least": m if m > REPORTS_STRENGTH else None} for p, m in people.items()],
            "reports": [p for p, m in people.items() if m <= REPORTS_STRENGTH],
            "orgs": [p for p, m in people.items() if m <= HYPER_STRENGTH]}


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

    def replaced(self, old: dict, new: dict) -> "SourceIndex":
        """A copy without the people of `old` (person -> the Memberships indexed for them) and
        with those of `new`: only the organisations they touch are rebuilt (lists are never
        changed in place, the copy shares the others)."""
        out = SourceIndex({})
        out.alumni, out.staff = dict(self.alumni), dict(self.staff)
        gone = old.keys() | new.keys()
        for mine in old.values():
            for school in mine.schools:
                out.alumni[school] = [p for p in out.alumni.get(school, ()) if p not in gone]
            for org, _, _ in mine.positions:
                out.staff[org] = [m for m in out.staff.get(org, ()) if m[0] not in gone]
        for person, mine in new.items():
            for school in mine.schools:
                out.alumni[school] = [*out.alumni.get(school, ()), person]
            for org, start, end in mine.positions:
                out.staff[org] = [*out.staff.get(org, ()), (person, start, end)]
        return out


def _current(memo: dict, key, changed_at: dict, generation: int):
    """memo[key]'s value when it still holds at `generation`, else None. memo holds (value,
    generation decided); changed_at, the latest generation whose patch changed what the value
    was decided from: a value holds while nothing changed since min(decided, asked)."""
    found = memo.get(key)
    if found is not None:
        last = changed_at.get(key, 0)
        if last <= found[1] and last <= generation:
            return found[0]
    return None


def _remember(memo: dict, key, value, changed_at: dict, generation: int) -> None:
    """Keep a value decided at `generation`, unless a later patch has already changed its inputs
    (a query still running on an older side must not leave its answer for newer ones)."""
    if changed_at.get(key, 0) <= generation:
        memo[key] = (value, generation)


class Filtered:
    """An organisation -> members table seen through `keep(person)`, filtered once per
    organisation on first use (members are person ids or (person, start, end)); `seen` keeps
    the filtered lists across patches while `touched_at` says their organisation is unchanged."""

    def __init__(self, members: dict, keep, kept: set = frozenset(), seen: dict | None = None,
                 generation: int = 0, touched_at: dict | None = None):
        self.members = members
        self.keep = keep
        self.kept = kept  # people known to be kept: no call to keep() for them
        self.seen: dict = seen if seen is not None else {}
        self.generation = generation
        self.touched_at: dict = touched_at if touched_at is not None else {}

    def get(self, org, default=()):
        found = _current(self.seen, org, self.touched_at, self.generation)
        if found is None:
            keep, kept = self.keep, self.kept
            found = [m for m in self.members.get(org, default)
                     if (p := m if isinstance(m, str) else m[0]) in kept or keep(p)]
            _remember(self.seen, org, found, self.touched_at, self.generation)
        return found


class Access:
    """relationship_access for one viewer, decided once per (owner, level)."""

    def __init__(self, viewer: Viewer, directory: Directory):
        self.viewer, self.directory = viewer, directory
        self._decided: dict = {}

    def __call__(self, owner, level) -> str | None:
        key = (owner, level)
        found = self._decided.get(key)
        if found is None:
            found = self._decided[key] = relationship_access(self.viewer, owner, level,
                                                             self.directory.owner_team(owner))
        return found


def _seen_by_all(links: dict) -> tuple[set, set]:
    """The people with a strong link that every viewer sees, and those with one of exactly STRONG."""
    seen, sure = set(), set()
    for person, person_links in links.items():
        for _, level, exact in person_links:
            if level in SEEN_BY_ALL:
                seen.add(person)
                if exact:
                    sure.add(person)
    return seen, sure


def _orgs(memberships) -> set:
    """Every organisation (school or employer) in some Memberships."""
    return {org for mine in memberships for org in (*mine.schools, *(p[0] for p in mine.positions))}


class Decisions:
    """One viewer's decisions on a lineage of strong sides, each stamped with its generation."""

    def __init__(self, access: "Access"):
        self.access = access
        self.strong: dict = {}  # person -> (has a strong link the viewer sees, generation)
        self.sure: dict = {}  # person -> (has one of exactly STRONG, generation)
        self.alumni: dict = {}  # school -> (its strong alumni the viewer sees, generation)
        self.staff: dict = {}  # organisation -> (its strong staff the viewer sees, generation)


class Lineage:
    """What a side and the sides patched from it share: each viewer's decisions, and the latest
    generation whose patch moved each person or touched each organisation. A decision stays
    good across patches that leave its person (or organisation) alone, so after a write a
    viewer decides again only what the write moved, with nothing copied."""

    VIEWS_KEPT = 64  # viewers whose decisions are kept
    MOVES_KEPT = 50_000  # people moved before a patch starts a new lineage (decided afresh)

    def __init__(self):
        self.decisions: dict = {}  # viewer -> Decisions
        self.moved_at: dict = {}  # person -> generation
        self.touched_at: dict = {}  # organisation -> generation
        self.lock = threading.Lock()

    def note(self, generation: int, moved: set, orgs: set) -> None:
        with self.lock:
            self.moved_at.update(dict.fromkeys(moved, generation))
            self.touched_at.update(dict.fromkeys(orgs, generation))

    def of(self, viewer: Viewer, directory: Directory) -> Decisions:
        with self.lock:
            found = self.decisions.get(viewer)
            if found is None:
                if len(self.decisions) >= self.VIEWS_KEPT:
                    self.decisions.clear()
                found = self.decisions[viewer] = Decisions(Access(viewer, directory))
            return found


class StrongSide:
    """Everyone with a KNOWS of strength ≥ STRONG to a source (any visibility: the viewer's
    access is decided per query), and those people's memberships."""

    def __init__(self, links: dict, memberships: dict):
        self.links = links  # person -> [(owner, level, exact)], exact: the strength is the integer STRONG
        self.memberships = memberships  # person -> Memberships
        self.index = SourceIndex(memberships)
        # Links every viewer sees decide most people once for all viewers.
        self.seen_by_all, self.sure_for_all = _seen_by_all(links)
        self.lineage, self.generation = Lineage(), 0

    def patched(self, moved: set, links: dict, memberships: dict) -> "StrongSide":
        """This side with the `moved` people's links replaced by `links` (person -> links; a moved
        person left out of it has no strong link any more), `memberships` giving theirs. Costs
        what the moved people touch, not a rebuild (which would follow every edit)."""
        out = StrongSide.__new__(StrongSide)
        out.links, out.memberships = dict(self.links), dict(self.memberships)
        old = {p: self.memberships[p] for p in moved if p in self.memberships}
        for person in moved:
            out.links.pop(person, None)
            out.memberships.pop(person, None)
        out.links.update(links)
        out.memberships.update((p, memberships[p]) for p in links)
        new = {p: memberships[p] for p in links}
        out.index = self.index.replaced(old, new)
        seen, sure = _seen_by_all(links)
        out.seen_by_all, out.sure_for_all = (self.seen_by_all - moved) | seen, (self.sure_for_all - moved) | sure
        out.generation = self.generation + 1
        out.lineage = self.lineage if len(self.lineage.moved_at) < Lineage.MOVES_KEPT else Lineage()
        out.lineage.note(out.generation, moved, _orgs(old.values()) | _orgs(new.values()))
        return out

    @staticmethod
    def empty() -> "StrongSide":
        return StrongSide({}, {})

    def view(self, viewer: Viewer, directory: Directory) -> "StrongView":
        """What `viewer` sees of this side, with the viewer's decisions kept on the lineage."""
        return StrongView(self, self.lineage.of(viewer, directory))


class StrongView:
    """One viewer's strong side: whether a person has a strength-5 hop to a source that the
    viewer sees, whether one is of exactly 5 (a sure hop), and the strong members of each
    organisation (sources are never listed: the side leaves colleagues out).

    Decided person by person when a query asks, and kept on the lineage (see Lineage): a view
    built whole (every listed person), or decided again from nothing
    after each write, would be paid by every viewer after every write."""

    def __init__(self, strong: StrongSide, decisions: Decisions):
        self.links = strong.links
        self.seen_by_all, self.sure_for_all = strong.seen_by_all, strong.sure_for_all
        self.generation, self.moved_at = strong.generation, strong.lineage.moved_at
        self.access = decisions.access
        self._strong, self._sure = decisions.strong, decisions.sure
        touched_at = strong.lineage.touched_at
        self.alumni = Filtered(strong.index.alumni, self.is_strong, self.seen_by_all, decisions.alumni,
                               self.generation, touched_at)
        self.staff = Filtered(strong.index.staff, self.is_strong, self.seen_by_all, decisions.staff,
                              self.generation, touched_at)

    def is_strong(self, person) -> bool:
        return person in self.seen_by_all or self._decide(person, self._strong, exact_only=False)

    def is_sure(self, person) -> bool:
        return person in self.sure_for_all or self._decide(person, self._sure, exact_only=True)

    def _decide(self, person, memo: dict, exact_only: bool) -> bool:
        """Whether the viewer sees one of the person's links (of exactly STRONG only, if asked)."""
        links = self.links.get(person)
        if links is None:
            return False  # most people: nothing to decide, nothing to keep
        found = _current(memo, person, self.moved_at, self.generation)
        if found is None:
            access = self.access
            found = any((exact or not exact_only) and access(owner, level) == VISIBLE for owner, level, exact in links)
            _remember(memo, person, found, self.moved_at, self.generation)
        return found


def _unpack(rows: list, knows: dict) -> bool:
    """Add the packed KNOWS of expand rows to `knows` (person -> [(strength, level, owner,
    other)]); False when a batch must be reread."""
    for row in rows:
        if row["kind"] != "knows":
            continue
        a, items = row["a"], row["items"]
        if len(items) != row["n"]:
            return False  # a null strength, level, owner or id dropped an item
        found = knows[a]
        for item in items:
            parts = item.split(" ")
            if len(parts) != 4:
                return False
            strength, level, owner, b = parts
            if b != a:
                found.append((STRENGTHS.get(strength, strength), level, owner, b))
    return True


class Neighbourhoods:
    """Each person's KNOWS, reporting lines and memberships as the store gave them (before any
    viewer's visibility decision), kept in the process between queries: path searches from
    different targets and viewers read the same hubs again and again, and that read is most
    of a search's cost in the graph server.

    Kept by the change journal (graph/changes.py): a KNOWS edit or a new person drops the
    people it names, anything else drops everything. A read is kept only if no change touched
    its people after the change key it began at (a query still running on an older key must
    not leave stale data for newer ones)."""

    EDGES_KEPT = 400_000  # KNOWS held at most (then everything is dropped, ~70 MB)
    DROPS_KEPT = 100_000

    def __init__(self):
        self._held: dict = {}  # person -> (least read down to, (knows, reports, orgs))
        self._edges = 0
        self._key: tuple = ("", 0)  # the change key the held data is good for
        self._cleared: tuple = ("", 0)  # reads that began before this key are not kept
        self._dropped: dict = {}  # person -> change counter that last dropped them
        self._lock = threading.Lock()

    def synced(self, store) -> tuple:
        """Bring the held data up to the store's change key, and return that key (the one the
        caller's reads begin at)."""
        key = store.current()
        if key == self._key:
            return key
        with self._lock:
            now, changed = store.changes_since(self._key)
            if now[0] != self._key[0] or changed is None or any(c.kind not in changes.SETTLED for c in changed):
                self._drop_all(now)
            else:
                for change in changed:
                    for person in change.ids:
                        found = self._held.pop(person, None)
                        if found is not None:
                            self._edges -= len(found[1][0])
                        self._dropped[person] = now[1]
                if len(self._dropped) > self.DROPS_KEPT:
                    self._drop_all(now)
            self._key = now
        return key

    def _drop_all(self, now: tuple) -> None:
        self._held, self._edges, self._dropped, self._cleared = {}, 0, {}, now

    def get(self, person, least: int):
        """(least read down to, raw) when held and read down to `least` at least, else None."""
        found = self._held.get(person)
        return found if found is not None and found[0] <= least else None

    def put(self, read: dict, people: dict, began: tuple) -> None:
        """Keep `read` (person -> raw, read down to people[person]) of a query that began at `began`."""
        with self._lock:
            if began[0] != self._key[0] or (began[0] == self._cleared[0] and began[1] < self._cleared[1]):
                return
            if self._edges > self.EDGES_KEPT:
                self._held, self._edges = {}, 0
            dropped = self._dropped
            for person, raw in read.items():
                if dropped.get(person, 0) > began[1]:
                    continue
                old = self._held.get(person)
                if old is not None:
                    self._edges -= len(old[1][0])
                self._held[person] = (people[person], raw)
                self._edges += len(raw[0])


class StoreGraph:
    """graph/paths.Graph for one viewer and one query, reading cypher/paths/*.cypher."""

    def __init__(self, store, viewer: Viewer, directory: Directory, sources: set,
                 source_index: SourceIndex | None = None, strong: StrongSide | None = None,
                 neighbourhoods: Neighbourhoods | None = None):
        self.store = store
        self.neighbourhoods = neighbourhoods
        self._began = neighbourhoods.synced(store) if neighbourhoods is not None else None
        self.viewer = viewer
        self.directory = directory
        self.sources = sources
        self.strong = strong
        self.org_names: dict = {}
        self._known: dict = {}
        self._far: dict = {}
        self._probed: dict = {}
        self._view = strong.view(viewer, directory) if strong is not None else None
        # the viewer's visibility decisions, shared with their strong view (and its later queries)
        self.access = self._view.access if self._view is not None else Access(viewer, directory)
        if source_index is None:  # an explicit source: read it like anyone else
            self.load({s: 1 for s in sorted(sources)})
            source_index = SourceIndex({s: self._known[s].memberships for s in sources if s in self._known})
        self._index = source_index

    # -- visibility ---------------------------------------------------------------------------
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
    def load(self, people: dict) -> None:
        """Read {person: least}: each person's edges of ranking strength ≥ least (at least)."""
        people = {p: m for p, m in people.items() if not self.is_loaded(p, m)}
        if not people:
            return
        found, missing = self._held(people)
        if missing:
            read = self._raw("paths/expand_people", missing)
            if self.neighbourhoods is not None:
                self.neighbourhoods.put(read, missing, self._began)
            found.update((p, (missing[p], raw)) for p, raw in read.items())
        for p, (least, raw) in found.items():
            direct, memberships = self._decided(raw)
            self._known[p] = Known(direct, memberships, least)

    def probe(self, people: dict) -> None:
        """Only the edges to sources (the rows are filtered in the store, so this is cheap; for
        a person whose neighbourhood is held, filtered here, without a read)."""
        people = {p: m for p, m in people.items() if not self.is_probed(p, m)}
        held, missing = self._held(people)
        sources = self.sources
        found = {p: ([k for k in knows if k[3] in sources], [r for r in reports if r in sources], orgs)
                 for p, (_, (knows, reports, orgs)) in held.items()}  # what the probe would read
        if missing:
            found.update(self._raw("paths/probe_people", missing, sources=sorted(self.sources)))
        for p, raw in found.items():
            direct, memberships = self._decided(raw)
            shared = self._index.edges(p, memberships) if memberships else {}
            self._probed[p] = (people[p], list(best_edges(list(direct.values()) + list(shared.values())).values()))

    def _held(self, people: dict) -> tuple[dict, dict]:
        """({person: (least, raw)} kept by the neighbourhoods, {person: least} still to read)."""
        found = {}
        if self.neighbourhoods is not None:
            get = self.neighbourhoods.get
            for p, m in people.items():
                raw = get(p, m)
                if raw is not None:
                    found[p] = raw
        return found, {p: m for p, m in people.items() if p not in found}

    def is_probed(self, person, least: int = 1) -> bool:
        probed = self._probed.get(person)
        return self.is_loaded(person, least) or (probed is not None and probed[0] <= least)

    def source_edges(self, person) -> list[Edge]:
        probed = self._probed.get(person)
        known = self._known.get(person)
        if known is not None and (probed is None or known.least <= probed[0]):
            return [e for e in self.near(person) if e.to in self.sources]
        return probed[1]

    def _raw(self, name: str, people: dict, **params) -> dict:
        """person -> (KNOWS as (strength, level, owner, other), reporting-line neighbours,
        memberships as (kind, organisation, start, end, name)) from expand/probe rows, before
        any visibility decision (so Neighbourhoods can keep them for every viewer).

        paths/expand_people packs each person's KNOWS into one list of "strength level owner
        other" strings (a row per KNOWS costs the client ten times more to parse); a batch
        whose strings do not split back cleanly (a null, or a space inside a value) is read
        again one row per KNOWS (…_rows), so odd data only costs time."""
        knows: dict = {p: [] for p in people}
        reports: dict = {p: [] for p in people}
        orgs: dict = {p: [] for p in people}
        rows = self.store.read(name, **read_params(people), **params)
        if name == "paths/expand_people" and not _unpack(rows, knows):
            knows = {p: [] for p in people}
            rows = self.store.read(name + "_rows", **read_params(people), **params)
        for row in rows:
            a, b, kind = row["a"], row["b"], row["kind"]
            if kind == "knows":
                if "items" not in row and a != b:
                    knows[a].append((row["strength"], row["level"], row["owner"], b))
            elif kind == "reports_to":
                reports[a].extend(other for other in row.get("items") or [b] if other != a)
            else:
                orgs[a].append((kind, b, row["start"], row["end"], row["name"]))
        return {p: (knows[p], reports[p], orgs[p]) for p in people}

    def _decided(self, raw: tuple) -> tuple[dict, Memberships]:
        """A raw neighbourhood as this viewer ranks it: the best direct edge per neighbour (the
        pair rule), and the memberships."""
        knows, reports, orgs = raw
        edges = [Edge(b, REPORTS_STRENGTH, "reports_to") for b in reversed(reports)]
        knows_edge = self.knows_edge
        for strength, level, owner, b in knows:
            edge = knows_edge(b, strength, level, owner)
            if edge is not None:
                edges.append(edge)
        memberships = Memberships()
        for kind, org, start, end, name in orgs:
            memberships.add(kind, org, start, end)
            self.org_names[org] = name
        return best_edges(edges), memberships

    def is_loaded(self, person, least: int = 1) -> bool:
        known = self._known.get(person)
        return known is not None and known.least <= least

    def near(self, person) -> list[Edge]:
        known = self._known[person]
        if known.near is None:
            self._split(person, known)
        return known.near

    def reach(self, person) -> int:
        """Bound of the strength of `person`'s best hop to a source, before reading it."""
        if self._view is None:
            return STRONG
        return STRONG if self._view.is_strong(person) else STRONG - 1

    def sure(self, person) -> int:
        """STRONG when `person` has a KNOWS of exactly STRONG to a source that this viewer sees
        (the best a pair can have, so it is the hop the pair rule keeps), else 0."""
        return STRONG if self._view is not None and self._view.is_sure(person) else 0

    def _strong(self, person) -> bool:
        """Listed on the strong side with a link this viewer sees (its memberships are known)."""
        return self._view is not None and self._view.is_strong(person)

    def far_reach(self, person) -> int:
        return STRONG if self.strong is None else STRONG - 1

    def _split(self, person: str, known: Known) -> None:
        """Near = everything final now; deferred = strength-1 KNOWS a shared organisation may beat."""
        to_sources = self._index.edges(person, known.memberships) if known.memberships else {}
        if self.strong is not None and known.memberships:  # strong members of my organisations
            to_sources.update(shared_edges(person, known.memberships, self._view.alumni, self._view.staff))
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
