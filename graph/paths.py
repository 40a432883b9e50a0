"""Exact top-k warm-introduction paths (DESIGN.md "Warm introduction paths — exact ranking").

Pure: the caller hands in `neighbors(person) -> iterable of Edge` for one viewer's undirected
path graph (graph/pathgraph.py builds it through graph/visibility.py). No store, no floats in
decisions: a path with strengths s1..sn has the integer key Π(17·s_i)·100^(5−n), which is
score × 17·10^10 / 20 exactly, so equal paths compare equal and ties are decided only by
hops and the id sequence.

Search: best-first over partial paths with an admissible bound. The bound comes from a
backward layered pass from the target (best walk to the target within r hops, never passing
through a node that may not sit inside a path); it grows layer by layer within a work budget,
and past its horizon falls back to 0.85 per missing hop. Children take min(own bound, parent
bound) so complete paths come out in non-increasing key order; the k-th key is then known and
every path tying with it is collected before the final sort."""

from __future__ import annotations

import dataclasses
import heapq
from fractions import Fraction
from typing import Callable, Iterable, Iterator

MAX_HOPS = 5
KIND_ORDER = {"knows": 0, "reports_to": 1, "employer": 2, "school": 3}
HOP_FACTOR = 17  # a hop of strength s multiplies the key by 17·s (and divides by 100)
SCALE = 100
BOUND_BUDGET = 40_000  # edge visits the backward bound may spend before it stops growing


@dataclasses.dataclass(frozen=True)
class Edge:
    """One usable hop from the caller's person to `to`, as the viewer ranks it."""

    to: str
    strength: int  # ranking strength: 3 for a locked KNOWS, whose real strength is never used
    kind: str  # knows, reports_to, employer, school
    locked: bool = False
    owner: str | None = None  # the KNOWS owner's user id
    via: str | None = None  # organisation id of an employer/school hop


def rank(edge: Edge) -> tuple:
    """Higher is better: strength, then unlocked, then knows > reports_to > employer > school."""
    return (edge.strength, not edge.locked, -KIND_ORDER[edge.kind])


def best_edges(edges: Iterable[Edge]) -> dict[str, Edge]:
    """Keep, for each neighbour, the single edge the pair rule prefers."""
    out: dict[str, Edge] = {}
    for edge in edges:
        current = out.get(edge.to)
        if current is None or rank(edge) > rank(current):
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
    edges: tuple  # Edge per hop
    key: int

    @property
    def hops(self) -> int:
        return len(self.edges)

    @property
    def score(self) -> float:
        return round(float(key_score(self.key)), 6)

    def order(self) -> tuple:
        return (-self.key, len(self.edges), list(self.nodes))


Neighbors = Callable[[str], Iterable[Edge]]


def _bounds(neighbors: Neighbors, targets: set, max_hops: int, inner_ok, budget: int) -> list[dict]:
    """layers[r][v] = an upper bound of max over walks v→target of ≤ r hops of Q·100^(r−j)
    (Q = Π 17·s over the j hops). A node missing from layers[r] cannot reach in r hops."""
    layers = [{t: 1 for t in targets}]
    spent = 0
    for _ in range(max_hops):
        prev = layers[-1]
        layer = {v: val * SCALE for v, val in prev.items()}
        for u, val in prev.items():
            if u not in targets and not inner_ok(u):
                continue  # u would sit inside the path
            for edge in neighbors(u):
                spent += 1
                cand = HOP_FACTOR * edge.strength * val
                if cand > layer.get(edge.to, 0):
                    layer[edge.to] = cand
            if spent > budget:
                return layers
        layers.append(layer)
    return layers


def _heuristic(layers: list[dict]):
    horizon = len(layers) - 1
    beyond = (HOP_FACTOR * 5) ** (horizon + 1)  # ≥ horizon+1 hops, each at most 0.85

    def h(v: str, r: int) -> int:
        if r <= horizon:
            return layers[r].get(v, 0)
        return max(layers[horizon].get(v, 0) * SCALE ** (r - horizon), beyond * SCALE ** (r - horizon - 1))

    return h


def iter_paths(neighbors: Neighbors, sources: Iterable[str], targets: Iterable[str], *, max_hops: int,
               inner_ok: Callable[[str], bool] = lambda v: True, budget: int = BOUND_BUDGET) -> Iterator[Path]:
    """Every simple path source→target (≥ 1 hop, ≤ max_hops) in non-increasing key order.

    A path ends at the first target it reaches; nodes inside it satisfy inner_ok."""
    targets = set(targets)
    sources = sorted(set(sources) - targets)
    if not targets or not sources:
        return
    layers = _bounds(neighbors, targets, max_hops, inner_ok, budget)
    h = _heuristic(layers)
    tail = SCALE ** (MAX_HOPS - max_hops)
    heap: list = []
    seq = 0
    for s in sources:
        bound = h(s, max_hops)
        if bound > 0:
            heap.append((-bound, seq, (s,), (), 1))
            seq += 1
    heapq.heapify(heap)
    while heap:
        neg, _, nodes, edges, product = heapq.heappop(heap)
        v = nodes[-1]
        if edges and v in targets:
            yield Path(nodes, edges, product * SCALE ** (max_hops - len(edges)) * tail)
            continue
        remaining = max_hops - len(edges) - 1
        if remaining < 0:
            continue
        for edge in neighbors(v):
            u = edge.to
            if u in nodes or (u not in targets and not inner_ok(u)):
                continue
            child = product * HOP_FACTOR * edge.strength
            bound = min(child * h(u, remaining), -neg)
            if bound > 0:
                heapq.heappush(heap, (-bound, seq, nodes + (u,), edges + (edge,), child))
                seq += 1


def top_paths(neighbors: Neighbors, sources: Iterable[str], target: str, *, k: int, max_hops: int,
              inner_ok: Callable[[str], bool] = lambda v: True, budget: int = BOUND_BUDGET) -> list[Path]:
    """The k best paths: score desc, fewer hops, then the person-id sequence."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError("max_hops out of range")
    found: list[Path] = []
    for path in iter_paths(neighbors, sources, [target], max_hops=max_hops, inner_ok=inner_ok, budget=budget):
        if len(found) >= k and path.key < found[k - 1].key:
            break
        found.append(path)
    found.sort(key=Path.order)
    return found[:k]


def best_per_target(neighbors: Neighbors, sources: Iterable[str], targets: Iterable[str], *, max_hops: int,
                    limit: int, inner_ok: Callable[[str], bool] = lambda v: True,
                    max_paths: int = 5000) -> list[Path]:
    """The best path to each of up to `limit` targets, best first (a hint, capped in work)."""
    best: dict[str, Path] = {}
    for n, path in enumerate(iter_paths(neighbors, sources, targets, max_hops=max_hops, inner_ok=inner_ok)):
        end = path.nodes[-1]
        if end not in best or path.order() < best[end].order():
            best[end] = path
        if len(best) >= limit or n >= max_paths:
            break
    return sorted(best.values(), key=Path.order)
