"""Exact top-k warm-introduction paths (docs/ARCHITECTURE.md, "Warm introduction paths").

Pure: no store. The caller hands in a `Graph` for one viewer's undirected path graph that
fetches neighbourhoods in batches (graph/pathgraph.py reads them from the store and decides
visibility through graph/visibility.py). No floats in decisions: a path with strengths s1..sn
has the integer key Π(17·s_i)·100^(5−n), which is score × 17·10^10 / 20 exactly, so equal
paths compare equal and ties are decided only by hops and the id sequence.

Search: best-first from the target outward over partial paths, keyed by an exact upper bound
of any completion (each extra hop multiplies by at most 17·5/100 = 0.85, so an extension can
only lower the key). Complete paths therefore come out in non-increasing key order; the k-th
key is then known and every path tying with it is collected before the final sort. Only the
people the bound reaches are ever fetched, a whole frontier per store round trip, so there is
no whole-graph copy to keep or invalidate."""

from __future__ import annotations

import dataclasses
import heapq
from fractions import Fraction
from typing import Callable, Iterable, Iterator, NamedTuple, Protocol

MAX_HOPS = 5
LOCKED_RANK = 3  # a locked KNOWS ranks as strength 3, whatever its real strength
KIND_ORDER = {"knows": 0, "reports_to": 1, "employer": 2, "school": 3}
HOP_FACTOR = 17  # a hop of strength s multiplies the key by 17·s (and divides by 100)
SCALE = 100
TOP = HOP_FACTOR * 5  # the best a hop can do: ×85/100
BATCH_LIMIT = 400  # people per store round trip
# A round fetches every pending person whose bound is ≥ the top bound × this: a round trip
# costs about as much as reading a few people, so fetch close to the top (probes are cheaper).
BATCH_RATIO = {1: (3, 4), 2: (3, 4), 3: (1, 2)}


class Edge(NamedTuple):
    """One usable hop from the caller's person to `to`, as the viewer ranks it (a tuple: a
    search makes thousands, and a tuple of plain values is quick to build and not tracked by
    the garbage collector)."""

    to: str
    strength: int  # ranking strength: 3 for a locked KNOWS, whose real strength is never used
    kind: str  # knows, reports_to, employer, school
    locked: bool = False
    owner: str | None = None  # the KNOWS owner's user id
    via: str | None = None  # organisation id of an employer/school hop


def rank(edge: Edge) -> tuple:
    """Higher is better: strength, then unlocked, then knows > reports_to > employer > school."""
    return (edge.strength, not edge.locked, -KIND_ORDER[edge.kind])


def knows_preference(strength, locked: bool, owner) -> tuple:
    """The pair rule among KNOWS shown outside paths (plan coverage, pictures), lower is better:
    the ranking strength (3 when locked), then unlocked, then the smaller owner id."""
    return -(LOCKED_RANK if locked else int(strength or 0)), bool(locked), owner or ""


def best_edges(edges: Iterable[Edge]) -> dict[str, Edge]:
    """Keep, for each neighbour, the single edge the pair rule prefers. A pair may hold one KNOWS
    per owner: between two of one rank the smaller owner id wins, so the answer does not depend
    on the order the store returns them in (other ties keep the first)."""
    out: dict[str, Edge] = {}
    for edge in edges:
        current = out.get(edge.to)
        if current is None:
            out[edge.to] = edge
            continue
        mine, theirs = rank(edge), rank(current)
        if mine > theirs or (mine == theirs and edge.owner is not None and current.owner is not None
                             and edge.owner < current.owner):
            out[edge.to] = edge
    return out


def path_key(strengths: Iterable[int]) -> int:
    """The exact integer ordering key of a path with these hop strengths."""
    strengths = list(strengths)
    key = SCALE ** (MAX_HOPS - len(strengths))
    for s in strengths:
        key *= HOP_FACTOR * s
    return key


def key_score(key: int) -> Fraction:
    """Π(s_i/5)·0.85^(n−1) as an exact fraction (score = 20·key / (17·10^10))."""
    return Fraction(20 * key, HOP_FACTOR * SCALE ** MAX_HOPS)


@dataclasses.dataclass(frozen=True)
class Path:
    nodes: tuple  # person ids, source first, target last
    edges: tuple  # Edge per hop (edges[i] goes from nodes[i] to nodes[i+1])
    key: int

    @property
    def hops(self) -> int:
        return len(self.edges)

    @property
    def score(self) -> float:
        return round(float(key_score(self.key)), 6)

    def order(self) -> tuple:
        return (-self.key, len(self.edges), list(self.nodes))


class Graph(Protocol):
    """A viewer's path graph, fetched on demand in two stages per person.

    Stage 1 (`load`) gives the `near` edges: final under the pair rule; `probe` gives only the
    near edges to sources (all the search needs of a person one hop short of max_hops), and
    is cheaper. Both take {person: least}: only edges of ranking strength ≥ least are needed
    (the others cannot reach the k-th key any more), so a graph may leave them out, and a
    person read with a higher least than a later caller needs is not loaded for it.
    Stage 2 (`load_far`)
    gives the `far` edges, each of strength ≤ `far_strength(person)` and never to a source
    (the engine's bound relies on both). Edges are the ones leaving `person`. A source ends a
    path where it is reached (it may also sit inside one, if inner_ok allows).

    `reach(person)`, known before any load, bounds the strength of the person's best edge to a
    source (5 when nothing is known); `far_reach(person)` bounds it for every far neighbour.
    `sure(person)`, also known before any load, is the reverse: a person reached through near
    edges certainly has a hop of that ranking strength to a source (0 when nothing is known);
    the engine only uses it when no source may sit inside a path."""

    def load(self, people: dict) -> None: ...
    def is_loaded(self, person, least: int = 1) -> bool: ...
    def probe(self, people: dict) -> None: ...
    def is_probed(self, person, least: int = 1) -> bool: ...
    def source_edges(self, person) -> Iterable[Edge]: ...
    def near(self, person) -> Iterable[Edge]: ...
    def far_strength(self, person) -> int: ...
    def load_far(self, people: list) -> None: ...
    def is_far_loaded(self, person) -> bool: ...
    def far(self, person) -> Iterable[Edge]: ...
    def reach(self, person) -> int: ...
    def far_reach(self, person) -> int: ...
    def sure(self, person) -> int: ...


class Plain:
    """A Graph over a plain `neighbors(person) -> edges` function (everything is near)."""

    def __init__(self, neighbors: Callable[[str], Iterable[Edge]]):
        self.neighbors = neighbors

    def load(self, people):
        pass

    def is_loaded(self, person, least=1):
        return True

    probe = load
    is_probed = is_loaded

    def source_edges(self, person):
        return self.neighbors(person)

    def near(self, person):
        return self.neighbors(person)

    def far_strength(self, person):
        return 0

    def load_far(self, people):
        pass

    def is_far_loaded(self, person):
        return True

    def far(self, person):
        return ()

    def reach(self, person):
        return 5

    def far_reach(self, person):
        return 5

    def sure(self, person):
        return 0


# heap item states: a complete path; a partial one to extend through its last person's near
# edges, through its far edges, or (one hop short of max_hops) only to a source
_DONE, _OPEN, _FAR, _LAST = 0, 1, 2, 3


@dataclasses.dataclass
class SearchStats:
    """What one search cost (for benchmarks and tests of the pruning)."""

    rounds: int = 0
    loaded: int = 0
    probed: int = 0
    far_loaded: int = 0
    popped: int = 0


def iter_paths(graph: Graph, sources: Iterable[str], targets: Iterable[str], *, max_hops: int,
               inner_ok: Callable[[str], bool] = lambda v: True, k: int | None = None,
               stats: SearchStats | None = None) -> Iterator[Path]:
    """Every simple path source→target (≥ 1 hop, ≤ max_hops) in non-increasing key order.

    A path ends at the first target it reaches and starts at its only source; the nodes inside
    it satisfy inner_ok. Searches from the targets outward. With `k`, the caller promises to
    stop below the k-th key, so nothing that cannot reach it is fetched or even queued."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError("max_hops out of range")
    targets = set(targets)
    given = set(sources)
    sources = given - targets
    stats = stats if stats is not None else SearchStats()
    if not sources or not targets:
        return
    tail = SCALE ** (MAX_HOPS - max_hops)  # keys are for max_hops hops, rescaled on output
    pw = [SCALE ** i for i in range(MAX_HOPS + 1)]
    reach = graph.reach

    def open_bound(reach, d):
        """Best completion factor of a non-source at depth d: one hop of `reach`, or ≥ 2 hops."""
        one = HOP_FACTOR * reach * pw[max_hops - d - 1]
        return max(one, TOP * TOP * pw[max_hops - d - 2]) if d + 2 <= max_hops else one

    heap: list = []
    done: list = []  # min-heap of the k best complete keys pushed so far
    sure: list = []  # min-heap of the k best keys of complete paths known to exist, not yet found
    # a sure hop ends at a source: it must not be able to close a loop on the path
    hinted = bool(k) and not (given & targets) and not any(inner_ok(s) for s in sources)
    seq = 0

    def floor() -> int:
        """The k-th best key of distinct paths known so far: nothing below it can be an answer.

        Found paths and sure ones are counted apart (one path may be both), each a lower bound."""
        found = done[0] if k and len(done) >= k else 0
        return max(found, sure[0]) if hinted and len(sure) >= k else found

    def keep(best: list, key: int) -> None:
        heapq.heappush(best, key)
        if len(best) > k:
            heapq.heappop(best)

    def least(q, j, low) -> int:
        """The weakest hop from a partial path (q, j hops) that can still reach `low`: a hop
        ending at a source is worth 17·s·100^(max_hops−j−1) and any longer way less."""
        return max(1, -(-low // (q * HOP_FACTOR * pw[max_hops - j - 1]))) if low else 1

    def children(nodes, edges, q, parent_bound, found_edges):
        """Push the extensions of a backward partial path by `found_edges` of its last node."""
        nonlocal seq
        j = len(edges)
        low = floor()
        last = _LAST if j + 2 == max_hops else _OPEN
        deeper = j + 2 <= max_hops
        for edge in found_edges:
            u = edge.to
            child = q * HOP_FACTOR * edge.strength
            if child * pw[max_hops - j - 1] < low or u in nodes:
                continue  # even ending at a source next, it is below the k-th key
            if u in sources:
                key = child * pw[max_hops - j - 1]
                heapq.heappush(heap, (-min(key, parent_bound), seq, _DONE, nodes + (u,), edges + (edge,), child))
                seq += 1
                if k:
                    keep(done, key)
                    low = floor()
            if deeper and u not in targets and inner_ok(u):
                bound = min(child * open_bound(reach(u), j + 1), parent_bound)
                if bound > 0 and bound >= low:
                    heapq.heappush(heap, (-bound, seq, last, nodes + (u,), edges + (edge,), child))
                    seq += 1
                    certain = hinted and graph.sure(u)
                    if certain:  # this very partial path, one sure hop on: a distinct path exists
                        keep(sure, child * HOP_FACTOR * certain * pw[max_hops - j - 2])
                        low = floor()

    for t in sorted(targets):
        heapq.heappush(heap, (-open_bound(reach(t), 0), seq, _LAST if max_hops == 1 else _OPEN, (t,), (), 1))
        seq += 1

    ready = {_OPEN: graph.is_loaded, _LAST: graph.is_probed}
    while heap:
        neg, _, state, nodes, edges, q = heap[0]
        v = nodes[-1]
        low = floor()
        if -neg < low:
            return  # the k best keys are out already: the caller would stop here
        if state == _FAR:
            if not graph.is_far_loaded(v):
                _fetch_far(graph, heap, low, stats)
                continue
        elif state != _DONE and not ready[state](v, least(q, len(edges), low)):
            _fetch(graph, heap, state, ready[state], low, lambda e: least(e[5], len(e[4]), low), stats)
            continue
        heapq.heappop(heap)
        stats.popped += 1
        bound = -neg
        if state == _DONE:
            path_nodes = tuple(reversed(nodes))
            path_edges = tuple(_reverse(e, b) for e, b in zip(reversed(edges), path_nodes[1:]))
            yield Path(path_nodes, path_edges, q * pw[max_hops - len(edges)] * tail)
            continue
        if state == _FAR:
            children(nodes, edges, q, bound, graph.far(v))
            continue
        if state == _LAST:
            children(nodes, edges, q, bound, graph.source_edges(v))
            continue
        children(nodes, edges, q, bound, graph.near(v))
        j = len(edges)
        fs = graph.far_strength(v)
        if fs and j + 2 <= max_hops:
            far_bound = min(q * HOP_FACTOR * fs * open_bound(graph.far_reach(v), j + 1), bound)
            if far_bound >= floor():
                heapq.heappush(heap, (-far_bound, seq, _FAR, nodes, edges, q))
                seq += 1


def _reverse(edge: Edge, to: str) -> Edge:
    """The same hop seen from its other end (the search walks target → source)."""
    return edge if edge.to == to else edge._replace(to=to)


def _wanted(heap: list, state: int, floor: int, ready, least) -> tuple[dict, dict]:
    """The people of the pending `state` entries whose bound is near the top (none below
    `floor`, which no answer can need): person -> best bound, and person -> least strength
    needed by any live entry of theirs (so one read serves them all)."""
    num, den = BATCH_RATIO[state]
    cut = max(floor, -heap[0][0] * num // den)
    best: dict = {}
    need: dict = {}
    for entry in heap:
        if entry[2] != state or -entry[0] < floor:
            continue
        v = entry[3][-1]
        m = least(entry)
        if ready(v, m):
            continue
        if m < need.get(v, 6):
            need[v] = m
        if -entry[0] >= cut and -entry[0] > best.get(v, -1):
            best[v] = -entry[0]
    return best, need


def _fetch(graph: Graph, heap: list, state: int, ready, floor: int, least, stats: SearchStats) -> None:
    """One store round trip: the pending people in `state` whose bound is near the top (the
    top one always included), each read only down to the weakest hop it may still need."""
    best, need = _wanted(heap, state, floor, ready, least)
    people = {p: need[p] for p in sorted(best, key=lambda p: (-best[p], p))[:BATCH_LIMIT]}
    stats.rounds += 1
    if state == _OPEN:
        stats.loaded += len(people)
        graph.load(people)
    else:
        stats.probed += len(people)
        graph.probe(people)


def _fetch_far(graph: Graph, heap: list, floor: int, stats: SearchStats) -> None:
    """One store round trip for the far edges of the pending people near the top."""
    best, _ = _wanted(heap, _FAR, floor, lambda v, m: graph.is_far_loaded(v), lambda e: 1)
    people = sorted(best, key=lambda p: (-best[p], p))[:BATCH_LIMIT]
    stats.rounds += 1
    stats.far_loaded += len(people)
    graph.load_far(people)


def top_paths(graph, sources: Iterable[str], target: str, *, k: int, max_hops: int,
              inner_ok: Callable[[str], bool] = lambda v: True, budget: int | None = None,
              stats: SearchStats | None = None) -> list[Path]:
    """The k best paths: score desc, fewer hops, then the person-id sequence.

    `graph` is a Graph or a plain neighbors function; `budget` is accepted for compatibility."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError("max_hops out of range")
    if callable(graph) and not hasattr(graph, "load"):
        graph = Plain(graph)
    found: list[Path] = []
    for path in iter_paths(graph, sources, [target], max_hops=max_hops, inner_ok=inner_ok, k=k, stats=stats):
        if len(found) >= k and path.key < found[k - 1].key:
            break
        found.append(path)
    found.sort(key=Path.order)
    return found[:k]


def best_per_target(graph, sources: Iterable[str], targets: Iterable[str], *, max_hops: int,
                    limit: int, inner_ok: Callable[[str], bool] = lambda v: True,
                    max_paths: int = 5000) -> list[Path]:
    """The best path to each of up to `limit` targets, best first (a hint, capped in work)."""
    if callable(graph) and not hasattr(graph, "load"):
        graph = Plain(graph)
    best: dict[str, Path] = {}
    for n, path in enumerate(iter_paths(graph, sources, targets, max_hops=max_hops, inner_ok=inner_ok)):
        end = path.nodes[-1]
        if end not in best or path.order() < best[end].order():
            best[end] = path
        if len(best) >= limit or n >= max_paths:
            break
    return sorted(best.values(), key=Path.order)
