"""The path benchmark: times services.paths.find through the store against the naive baseline.

One run measures everything it compares (machines are shared and noisy, so the figures that
matter are ratios taken in the same run): the cold load of the per-process path cache, then
warm queries for several viewers over random outsider targets, the app+store memory, and the
networkx baseline on a sample of the same queries."""

from __future__ import annotations

import contextlib
import gc
import os
import random
import signal
import threading
import time
from typing import Callable

from .baseline import Baseline, OutOfTime

TARGETS = {"p95_ms": 50.0, "speedup": 50.0, "rss_mib": 1.5 * 1024}


MEMORY_LIMIT_MIB = 8 * 1024  # a runaway query is stopped before it starves the machine
CHECK_EVERY_S = 0.25


class QueryTimeout(Exception):
    """A query ran past its time or memory limit (counted as not found, at the time it took)."""


@contextlib.contextmanager
def limits(seconds: float | None, memory_mib: float | None = MEMORY_LIMIT_MIB):
    """Interrupt the block after `seconds` or once this process's RSS passes `memory_mib`.

    A SIGALRM timer checks both every CHECK_EVERY_S (main thread only, else no limit)."""
    if not (seconds or memory_mib) or threading.current_thread() is not threading.main_thread():
        yield
        return
    deadline = time.monotonic() + seconds if seconds else None

    def check(signum, frame):
        if deadline is not None and time.monotonic() >= deadline:
            raise QueryTimeout("time")
        if memory_mib and (rss_mib() or 0) > memory_mib:
            raise QueryTimeout("memory")

    previous = signal.signal(signal.SIGALRM, check)
    period = min(CHECK_EVERY_S, seconds) if seconds else CHECK_EVERY_S
    signal.setitimer(signal.ITIMER_REAL, period, period)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(call: Callable, timeout: float | None, memory_mib: float | None = MEMORY_LIMIT_MIB):
    """(milliseconds, result, None) or (milliseconds, None, "time" | "memory") when stopped
    (by the signal limits, or by the call's own deadline raising baseline.OutOfTime)."""
    started = time.perf_counter()
    stopped = None
    try:
        with limits(timeout, memory_mib):
            result = call()
    except QueryTimeout as exc:
        result, stopped = None, exc.args[0]
    except OutOfTime:
        result, stopped = None, "time"
    return (time.perf_counter() - started) * 1000, result, stopped


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def summary(ms: list[float]) -> dict:
    if not ms:
        return {"queries": 0}
    return {"queries": len(ms), "p50_ms": round(percentile(ms, 50), 3), "p95_ms": round(percentile(ms, 95), 3),
            "p99_ms": round(percentile(ms, 99), 3), "mean_ms": round(sum(ms) / len(ms), 3),
            "max_ms": round(max(ms), 3)}


def rss_mib(pid: int | str = "self", field: str = "VmRSS") -> float | None:
    """VmRSS (or VmHWM, the peak) of a process in MiB (Linux /proc), None when unknown."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def pick_viewers(colleagues: list[dict], count: int) -> list[dict]:
    """Reps of different teams, a manager of yet another team, the admin, then more reps."""
    reps = [c for c in colleagues if c["role"] == "rep"]
    by_team: dict = {}
    for rep in reps:
        by_team.setdefault(rep["team_id"], rep)
    team_reps = list(by_team.values())
    chosen = team_reps[:2]
    used_teams = {c["team_id"] for c in chosen}
    managers = [c for c in colleagues if c["role"] == "manager"]
    manager = next((m for m in managers if m["team_id"] not in used_teams), managers[0] if managers else None)
    admin = next((c for c in colleagues if c["role"] == "admin"), None)
    chosen += [c for c in (manager, admin) if c is not None]
    for rep in team_reps[2:] + reps:
        if len(chosen) >= count:
            break
        if rep not in chosen:
            chosen.append(rep)
    return chosen[:count]


def run(services, *, targets: int = 200, viewers: int = 4, baseline_sample: int = 10, k: int = 5,
        max_hops: int = 4, seed: int = 1, server_pid: int | None = None,
        query_timeout: float | None = 30.0, cold_timeout: float | None = 300.0,
        time_budget: float | None = 1800.0, baseline_timeout: float | None = 600.0,
        progress: Callable[[str, int], None] | None = None) -> dict:
    """Measure and return the figures as one JSON-ready dict."""
    store = services.store
    colleagues = store.read("bench/list_colleagues")
    outsiders = [r["id"] for r in store.read("bench/list_outsiders")]
    if not colleagues or len(outsiders) < 1:
        raise ValueError("the graph has no colleagues or no other people: run `bench generate` first")
    rnd = random.Random(seed)
    chosen_targets = rnd.sample(outsiders, min(targets, len(outsiders)))
    chosen_viewers = pick_viewers(colleagues, viewers)
    viewer_objs = [services.users.viewer(c["user_id"]) for c in chosen_viewers]
    tick = progress or (lambda stage, n: None)

    def find(viewer, target):
        return lambda: services.paths.find(viewer, target, k=k, max_hops=max_hops)

    cold_ms, _, cold_stopped = timed(find(viewer_objs[0], chosen_targets[0]), cold_timeout)
    for viewer in viewer_objs[1:]:  # each viewer's first query, so the loop below is warm
        timed(find(viewer, chosen_targets[0]), query_timeout)

    samples: list[list[float]] = [[] for _ in viewer_objs]
    found: list[list[bool]] = [[] for _ in viewer_objs]
    stops = {"time": 0, "memory": 0}
    gc.collect()
    deadline = time.monotonic() + time_budget if time_budget else None
    done_targets = 0
    for target in chosen_targets:
        if deadline is not None and time.monotonic() > deadline:
            break
        for i, viewer in enumerate(viewer_objs):
            ms, answer, stopped = timed(find(viewer, target), query_timeout)
            if stopped:
                stops[stopped] += 1
            samples[i].append(ms)
            found[i].append(bool(answer and answer["paths"]))
        done_targets += 1
        tick("service", 1)
    all_ms = [ms for per in samples for ms in per]
    all_found = [f for per in found for f in per]
    service = summary(all_ms)
    service["paths_found_ratio"] = round(sum(all_found) / len(all_found), 4)
    service.update(timeouts=stops["time"], over_memory=stops["memory"], query_timeout_s=query_timeout,
                   truncated_by_time_budget=done_targets < len(chosen_targets))

    app_rss = rss_mib("self")
    store_rss = rss_mib(server_pid) if server_pid else None
    rss = {"app_mib": app_rss, "store_mib": store_rss,
           "total_mib": round(app_rss + store_rss, 1) if app_rss is not None and store_rss is not None else None,
           "app_peak_mib": rss_mib("self", "VmHWM"), "server_pid": server_pid}

    baseline = None
    if baseline_sample > 0:
        baseline = _baseline(store, viewer_objs[0], colleagues, chosen_targets[:baseline_sample],
                             samples[0][:baseline_sample], k, max_hops, tick, baseline_timeout)

    per_viewer = []
    for c, per, hits in zip(chosen_viewers, samples, found):
        row = {"username": c["username"], "role": c["role"], "team": c.get("team")}
        row.update(summary(per))
        row["paths_found_ratio"] = round(sum(hits) / len(hits), 4)
        per_viewer.append(row)
    return {
        "backend": store.backend, "k": k, "max_hops": max_hops, "seed": seed,
        "targets": len(chosen_targets), "targets_timed": done_targets, "viewers": len(viewer_objs),
        "people": len(outsiders) + len(colleagues), "colleagues": len(colleagues),
        "cold_load_ms": round(cold_ms, 1), "cold_load_stopped": cold_stopped,
        "service": service, "per_viewer": per_viewer,
        "baseline": baseline, "rss": rss,
    }


def _baseline(store, viewer, colleagues, targets, service_ms, k, max_hops, tick, timeout) -> dict:
    base = Baseline(store, viewer, colleagues)
    times, timeouts = [], 0
    for target in targets:  # the deadline is checked inside the search; the signal only watches memory
        ms, _, stopped = timed(lambda: base.find(target, k=k, max_hops=max_hops, timeout=timeout), None)
        timeouts += stopped is not None
        times.append(ms)
        tick("baseline", 1)
    out = summary(times)
    out["timeouts"] = timeouts
    out.update(load_s=round(base.load_seconds, 2), graph=base.size, viewer=viewer.username,
               service_p50_ms_same_queries=round(percentile(service_ms, 50), 3) if service_ms else None)
    if service_ms:
        out["speedup"] = round(out["p50_ms"] / max(out["service_p50_ms_same_queries"], 1e-6), 1)
    del base
    gc.collect()
    return out


def targets_met(result: dict) -> dict:
    """Which of the benchmark's targets the run met (None when not measured)."""
    service, baseline, rss = result["service"], result.get("baseline") or {}, result["rss"]
    return {
        "p95_le_50ms": service.get("p95_ms", float("inf")) <= TARGETS["p95_ms"],
        "speedup_ge_50x": baseline["speedup"] >= TARGETS["speedup"] if baseline.get("speedup") else None,
        "rss_le_1_5GiB": rss["total_mib"] <= TARGETS["rss_mib"] if rss.get("total_mib") else None,
    }


def server_pid(data_dir: str | None) -> int | None:
    """The embedded server's pid from DATA_DIR/graph.pid, if there is one."""
    if not data_dir:
        return None
    try:
        with open(os.path.join(data_dir, "graph.pid")) as fh:
            return int(fh.read().strip())
    except (OSError, ValueError):
        return None
