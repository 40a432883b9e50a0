"""The bench's networkx baseline stops at its deadline: in any thread, without a signal."""

from __future__ import annotations

import threading
import time

import pytest

from graph.bench import measure
from graph.bench.baseline import CHECK_EVERY, Baseline, OutOfTime, deadline_weight


def test_the_weight_reads_the_clock_once_a_deadline_is_set():
    assert deadline_weight(None) == "w"
    future = deadline_weight(time.monotonic() + 60)
    assert [future("a", "b", {"w": 0.5}) for _ in range(2 * CHECK_EVERY)] == [0.5] * (2 * CHECK_EVERY)
    past = deadline_weight(time.monotonic() - 1)
    with pytest.raises(OutOfTime):
        for _ in range(CHECK_EVERY):
            past("a", "b", {"w": 0.5})


def test_a_baseline_query_past_its_deadline_is_counted_as_stopped_even_off_the_main_thread(services, cast):
    # ids at both ends of the slices the baseline reads KNOWS in (an "f…" id was once never read)
    people = ["0" * 32, "f" * 32, "a" + "0" * 31]
    services.store.write("bench/create_people", rows=[{"id": p, "name": f"P{i}"} for i, p in enumerate(people)])
    chain = [cast.person("alice")] + people
    for a, b in zip(chain, chain[1:]):
        services.relationships.create(cast.viewer("alice"), {"person_id": a, "other_id": b, "strength": 4,
                                                             "visibility": "company"})
    base = Baseline(services.store, cast.viewer("bob"), services.store.read("bench/list_colleagues"))
    target = people[-1]
    [(score, path)] = base.find(target, k=5, max_hops=4)
    assert path == chain and score == pytest.approx(0.8 ** 3 * 0.85 ** 2)
    out = {}

    def worker():  # SIGALRM limits do nothing here: only the search's own deadline can stop it
        out["late"] = measure.timed(lambda: base.find(target, timeout=0), None)
        out["in time"] = measure.timed(lambda: base.find(target, timeout=60), None)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(30)
    assert out["late"][1:] == (None, "time")
    assert out["in time"][1] == [(score, path)] and out["in time"][2] is None
