"""The pure path engine against a plain brute force, and its ranking rules by hand."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.pathgraph import former_colleagues
from graph.paths import Edge, best_edges, best_per_target, path_key, top_paths


def graph_of(pairs):
    """{person: [Edge]} from (a, b, strength, kind, locked) tuples, undirected."""
    adj = {}
    for a, b, s, kind, locked in pairs:
        adj.setdefault(a, []).append(Edge(b, s, kind, locked))
        adj.setdefault(b, []).append(Edge(a, s, kind, locked))
    return lambda v: adj.get(v, [])


def exact(strengths):
    score = Fraction(1)
    for s in strengths:
        score *= Fraction(s, 5)
    return score * Fraction(17, 20) ** (len(strengths) - 1)


def brute(pairs, sources, target, k, max_hops, inner_ok):
    adj = {}
    for a, b, s, _, _ in pairs:
        adj.setdefault(a, {})[b] = s
        adj.setdefault(b, {})[a] = s
    found = []

    def walk(nodes, strengths):
        v = nodes[-1]
        if v == target and strengths:
            found.append((-exact(strengths), len(strengths), list(nodes)))
            return
        if len(strengths) == max_hops:
            return
        for u, s in adj.get(v, {}).items():
            if u in nodes or (u != target and not inner_ok(u)):
                continue
            walk(nodes + [u], strengths + [s])

    for s in sorted(sources):
        if s != target:
            walk([s], [])
    found.sort()
    return [(-f[0], f[2]) for f in found[:k]]


NODES = list("abcdefg")


@st.composite
def graphs(draw):
    pairs = {}
    for _ in range(draw(st.integers(0, 16))):
        a, b = draw(st.sampled_from(NODES)), draw(st.sampled_from(NODES))
        if a != b:
            pairs[tuple(sorted((a, b)))] = draw(st.integers(1, 5))
    return [(a, b, s, "knows", False) for (a, b), s in pairs.items()]


@settings(max_examples=300, deadline=None)
@given(graphs(), st.sets(st.sampled_from(NODES), min_size=1, max_size=3), st.sampled_from(NODES),
       st.integers(1, 6), st.integers(1, 5), st.booleans(), st.integers(0, 50))
def test_matches_brute_force(pairs, sources, target, k, max_hops, block_sources, budget):
    inner_ok = (lambda v: v not in sources) if block_sources else (lambda v: True)
    got = top_paths(graph_of(pairs), sources, target, k=k, max_hops=max_hops, inner_ok=inner_ok, budget=budget)
    expected = brute(pairs, sources, target, k, max_hops, inner_ok)
    assert [(exact([e.strength for e in p.edges]), list(p.nodes)) for p in got] == expected


class Lazy:
    """A Graph that behaves like the store does: it hands out only what was read, and a person
    read down to `least` may leave out or mislabel any hop weaker than that (the engine must
    never need one). reach is the true best hop to a source or 5; sure is that hop or 0."""

    def __init__(self, pairs, sources, tight, sure, garble):
        self.adj = {}
        for a, b, s, kind, locked in pairs:
            self.adj.setdefault(a, []).append(Edge(b, s, kind, locked))
            self.adj.setdefault(b, []).append(Edge(a, s, kind, locked))
        self.sources, self.tight, self.sure_people, self.garble = sources, tight, sure, garble
        self.loaded, self.probed = {}, {}

    def _best_to_source(self, v):
        return max((e.strength for e in self.adj.get(v, ()) if e.to in self.sources), default=0)

    def _edges(self, v, least):
        out = []
        for e in self.adj.get(v, ()):
            if e.strength >= least:
                out.append(e)
            elif self.garble and e.strength > 1:
                out.append(e._replace(strength=e.strength - 1))  # a weak hop may come back wrong
        return out

    def load(self, people):
        for p, least in people.items():
            assert least < self.loaded.get(p, 9), "read again without need"
            self.loaded[p] = least

    def is_loaded(self, person, least=1):
        return self.loaded.get(person, 9) <= least

    def probe(self, people):
        for p, least in people.items():
            self.probed[p] = min(least, self.probed.get(p, 9))

    def is_probed(self, person, least=1):
        return self.is_loaded(person, least) or self.probed.get(person, 9) <= least

    def near(self, person):
        return self._edges(person, self.loaded[person])

    def source_edges(self, person):
        least = min(self.loaded.get(person, 9), self.probed.get(person, 9))
        assert least < 9, "never read"
        return [e for e in self._edges(person, least) if e.to in self.sources]

    def far_strength(self, person):
        return 0

    def load_far(self, people):
        raise AssertionError("no far edges here")

    def is_far_loaded(self, person):
        return True

    def far(self, person):
        return ()

    def reach(self, person):
        return max(self._best_to_source(person), 1) if person in self.tight else 5

    def far_reach(self, person):
        return 5

    def sure(self, person):
        return self._best_to_source(person) if person in self.sure_people else 0


@settings(max_examples=400, deadline=None)
@given(graphs(), st.sets(st.sampled_from(NODES), min_size=1, max_size=3), st.sampled_from(NODES),
       st.integers(1, 6), st.integers(1, 5), st.booleans(), st.sets(st.sampled_from(NODES)),
       st.sets(st.sampled_from(NODES)), st.booleans())
def test_reading_only_what_the_bound_needs_stays_exact(pairs, sources, target, k, max_hops, block_sources,
                                                       tight, sure, garble):
    """Partial reads (least), tight reach, sure hops: the answer is still the brute force's."""
    inner_ok = (lambda v: v not in sources) if block_sources else (lambda v: True)
    graph = Lazy(pairs, sources - {target}, tight, sure, garble)
    got = top_paths(graph, sources, target, k=k, max_hops=max_hops, inner_ok=inner_ok)
    expected = brute(pairs, sources, target, k, max_hops, inner_ok)
    assert [(exact([e.strength for e in p.edges]), list(p.nodes)) for p in got] == expected


def test_a_known_k_th_key_narrows_what_is_read():
    """Once k paths at 1.0·0.85 are certain (sure hops), the other people are read only for
    the hops that could still tie (5s): least 5, and nothing weaker is asked for."""
    pairs = [("t", f"m{i}", 5, "knows", False) for i in range(3)] + \
            [(f"m{i}", "s", 5, "knows", False) for i in range(3)] + \
            [("t", "w", 2, "knows", False), ("w", "x", 5, "knows", False), ("x", "s", 5, "knows", False)]
    graph = Lazy(pairs, {"s"}, set(), {"m0", "m1", "m2"}, garble=False)
    paths = top_paths(graph, {"s"}, "t", k=3, max_hops=4, inner_ok=lambda v: v != "s")
    assert [list(p.nodes) for p in paths] == [["s", f"m{i}", "t"] for i in range(3)]
    assert "w" not in graph.loaded and "x" not in graph.loaded and "x" not in graph.probed


def test_best_per_target_over_a_lazy_graph():
    """No k (the closest people hint): nothing is cut by a k-th key, every target is reached."""
    pairs = [("s", "a", 5, "knows", False), ("a", "t1", 4, "knows", False), ("s", "t2", 2, "knows", False)]
    graph = Lazy(pairs, {"s"}, set(), {"a"}, garble=False)
    found = best_per_target(graph, {"s"}, {"t1", "t2"}, max_hops=3, limit=5, inner_ok=lambda v: v != "s")
    assert [list(p.nodes) for p in found] == [["s", "a", "t1"], ["s", "t2"]]


def test_score_formula_and_exact_key():
    g = graph_of([("s", "a", 5, "knows", False), ("a", "t", 4, "knows", False)])
    [path] = top_paths(g, {"s"}, "t", k=5, max_hops=4)
    assert path.score == round(1.0 * 0.8 * 0.85, 6)
    assert path_key([5, 4]) == path_key([4, 5])


def test_ties_fewer_hops_then_id_sequence():
    # s→t directly at 2 (0.4); s→x→t and s→w→t at 5,5 → 0.85; s→y→z→t at 5,5,5 → 0.7225
    g = graph_of([("s", "t", 2, "knows", False), ("s", "x", 5, "knows", False), ("x", "t", 5, "knows", False),
                  ("s", "w", 5, "knows", False), ("w", "t", 5, "knows", False),
                  ("s", "y", 5, "knows", False), ("y", "z", 5, "knows", False), ("z", "t", 5, "knows", False)])
    paths = top_paths(g, {"s"}, "t", k=5, max_hops=4)
    assert [list(p.nodes) for p in paths] == [["s", "w", "t"], ["s", "x", "t"], ["s", "y", "z", "t"], ["s", "t"]]
    # equal score, different hops: 1 hop of 3 (0.6) ranks before 2 hops... never equal with 0.85;
    # equal product on the same hop count falls to the id sequence
    g2 = graph_of([("s", "b", 2, "knows", False), ("b", "t", 5, "knows", False),
                   ("s", "a", 5, "knows", False), ("a", "t", 2, "knows", False)])
    assert [list(p.nodes) for p in top_paths(g2, {"s"}, "t", k=2, max_hops=2)] == [["s", "a", "t"], ["s", "b", "t"]]


def test_k_cuts_and_max_hops_limits():
    g = graph_of([("s", "a", 5, "knows", False), ("a", "b", 5, "knows", False), ("b", "t", 5, "knows", False)])
    assert top_paths(g, {"s"}, "t", k=5, max_hops=2) == []
    assert len(top_paths(g, {"s"}, "t", k=5, max_hops=3)) == 1


def test_colleagues_only_at_the_start():
    g = graph_of([("s", "c", 5, "knows", False), ("c", "t", 5, "knows", False)])
    colleagues = {"s", "c"}
    paths = top_paths(g, colleagues, "t", k=5, max_hops=4, inner_ok=lambda v: v not in colleagues)
    assert [list(p.nodes) for p in paths] == [["c", "t"]]


def test_pair_rule_prefers_strength_then_unlocked_then_kind():
    pick = lambda *edges: best_edges(edges)["x"]  # noqa: E731
    assert pick(Edge("x", 3, "knows", locked=True), Edge("x", 3, "reports_to")).kind == "reports_to"
    assert pick(Edge("x", 3, "knows", locked=True), Edge("x", 2, "employer")).locked
    assert pick(Edge("x", 2, "school"), Edge("x", 2, "employer")).kind == "employer"
    assert pick(Edge("x", 3, "reports_to"), Edge("x", 3, "knows")).kind == "knows"
    assert pick(Edge("x", 2, "knows"), Edge("x", 2, "employer")).kind == "knows"
    assert pick(Edge("x", 1, "knows"), Edge("x", 2, "school")).kind == "school"


def test_former_colleagues_periods():
    assert former_colleagues("2010-01-01", "2015-01-01", "2014-01-01", None)
    assert not former_colleagues("2010-01-01", None, "2012-01-01", None)  # both current
    assert not former_colleagues("2010-01-01", "2011-01-01", "2012-01-01", None)  # no overlap
    assert former_colleagues(None, "2011-01-01", None, None)  # open-ended
    assert former_colleagues("2011-01-01", "2012-01-01", "2005-01-01", "2011-01-01")  # shared day
