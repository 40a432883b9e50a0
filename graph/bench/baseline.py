"""The naive baseline the path engine is measured against: the whole graph in networkx.

It loads every KNOWS (as the viewer may use it: visible = its strength, locked = 3, others'
private = absent), REPORTS_TO (3), and school and employer memberships, weights each hop
-log(strength/5) - log(0.85) (so a lighter path is exactly a higher path score, graph/paths.py), then runs
nx.shortest_simple_paths from each colleague's person to the target and keeps the first k
simple paths of at most max_hops hops.

Schools and employers are hub nodes (person - hub - person counts as one hop of strength 2)
because materialising every same-school / former-colleague pair would not fit in memory at
100k people; hubs also ignore the period-overlap rule. It is a speed reference, not an
oracle: exactness is tested against brute force in the engine's own tests."""

from __future__ import annotations

import heapq
import math
import time
from typing import Callable

import networkx as nx

from ..visibility import HIDDEN, LOCKED, relationship_access

HOP_DECAY = 0.85
LOCKED_STRENGTH = 3
REPORTS_STRENGTH = 3
MEMBERSHIP_STRENGTH = 2
PATHS_PER_SOURCE = 25  # Yen's iterations tried per source before giving up on it (bounds a query)
# KNOWS are read in slices of start id (hex); the last bound is the highest ASCII character
# because FalkorDB finds no string below a non-ASCII bound ("f" < "\uffff" read nothing, which
# silently dropped every KNOWS starting at an "f…" id)
ID_RANGES = [("", "1")] + [(c, n) for c, n in zip("123456789abcde", "23456789abcdef")] + [("f", "\x7f")]


CHECK_EVERY = 1024  # edge weighings between two looks at the clock


class OutOfTime(Exception):
    """A baseline query ran past its deadline."""


def hop_weight(strength: float) -> float:
    return -math.log(strength / 5) - math.log(HOP_DECAY)


def deadline_weight(deadline: float | None) -> str | Callable:
    """networkx's edge weight, reading the clock every CHECK_EVERY edges once a deadline is set.

    Dijkstra weighs an edge through a Python call anyway (networkx wraps a weight name in a
    lambda), so the deadline costs the baseline nothing measurable, needs no signal (SIGALRM
    works only in the main thread and only between bytecodes) and stops within milliseconds."""
    if deadline is None:
        return "w"
    calls = 0

    def weight(u, v, data):
        nonlocal calls
        calls += 1
        if not calls % CHECK_EVERY and time.monotonic() >= deadline:
            raise OutOfTime()
        return data["w"]

    return weight


class Baseline:
    """One viewer's path graph in networkx; colleagues are kept aside and added one at a time."""

    def __init__(self, store, viewer, colleagues: list[dict]):
        started = time.perf_counter()
        self.viewer = viewer
        self.colleague_people = {c["person_id"] for c in colleagues}
        team_of = {c["user_id"]: c["team_id"] for c in colleagues}
        self.graph = nx.Graph()
        self.colleague_edges: dict[str, dict] = {p: {} for p in self.colleague_people}
        for lo, hi in ID_RANGES:
            for row in store.read("bench/baseline_knows", lo=lo, hi=hi):
                access = relationship_access(viewer, row["owner"], row["visibility"], team_of.get(row["owner"]))
                if access is HIDDEN:
                    continue
                strength = LOCKED_STRENGTH if access == LOCKED else row["strength"]
                self._edge(row["a"], row["b"], hop_weight(strength))
        for row in store.read("bench/baseline_reports"):
            self._edge(row["a"], row["b"], hop_weight(REPORTS_STRENGTH))
        half = hop_weight(MEMBERSHIP_STRENGTH) / 2
        for row in store.read("bench/baseline_memberships"):
            self._edge(row["person"], ("hub", row["organisation"]), half)
        self.load_seconds = time.perf_counter() - started

    def _edge(self, a, b, weight: float) -> None:
        a_col, b_col = a in self.colleague_people, b in self.colleague_people
        if a_col and b_col:
            return  # a colleague never sits inside a path, so colleague-colleague hops are useless
        if b_col:
            a, b, a_col = b, a, True
        if a_col:
            edges = self.colleague_edges[a]
            if weight < edges.get(b, math.inf):
                edges[b] = weight
            return
        current = self.graph.get_edge_data(a, b)
        if current is None or weight < current["w"]:
            self.graph.add_edge(a, b, w=weight)

    @property
    def size(self) -> dict:
        return {"nodes": self.graph.number_of_nodes(), "edges": self.graph.number_of_edges(),
                "colleague_edges": sum(len(e) for e in self.colleague_edges.values())}

    def find(self, target: str, k: int = 5, max_hops: int = 4,
             timeout: float | None = None) -> list[tuple[float, list]]:
        """The k best (score, person path) from any colleague to `target`, best first.

        Raises OutOfTime once `timeout` seconds have passed (checked inside Dijkstra too)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        weight = deadline_weight(deadline)
        best: list[tuple[float, int, list]] = []  # max-heap on weight via negation
        graph = self.graph
        for source in sorted(self.colleague_people):
            edges = self.colleague_edges[source]
            if not edges or target not in graph:
                continue
            if deadline is not None and time.monotonic() >= deadline:
                raise OutOfTime()
            graph.add_node(source)
            graph.add_edges_from((source, nbr, {"w": w}) for nbr, w in edges.items())
            try:
                tried = 0
                for path in nx.shortest_simple_paths(graph, source, target, weight=weight):
                    tried += 1
                    weight = nx.path_weight(graph, path, "w")
                    if len(best) == k and weight >= -best[0][0]:
                        break  # paths come lightest first: nothing better from this source
                    people = [n for n in path if not isinstance(n, tuple)]
                    hops = len(path) - 1 - (len(path) - len(people))
                    if hops <= max_hops:
                        heapq.heappush(best, (-weight, tried, people))
                        if len(best) > k:
                            heapq.heappop(best)
                    if tried >= PATHS_PER_SOURCE:
                        break
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                pass
            finally:
                graph.remove_node(source)
        ranked = sorted(best, key=lambda item: -item[0])
        return [(math.exp(w - math.log(HOP_DECAY)), people) for w, _, people in ranked]
