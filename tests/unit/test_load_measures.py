"""What `bench load` measures with: CPU time of processes (their reaped children included), the
host speed reference sampled during a run, and pinning a run to fewer cores. Real processes and
real affinity masks, no timing assertions: CPU time a child is made to burn is counted."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from graph.bench import load

BURN = "import time\nwhile time.process_time() < {s}: pass\n"


def test_cpu_seconds_counts_children_the_process_has_waited_for():
    """The graph server's index garbage collection runs in forks it waits for: their CPU is its."""
    before = load.cpu_seconds([os.getpid()])
    subprocess.run([sys.executable, "-c", BURN.format(s=0.3)], check=True)
    assert load.cpu_seconds([os.getpid()]) - before >= 0.25


def test_cpu_seconds_of_a_gone_process_is_zero():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert load.cpu_seconds([child.pid]) == 0.0


def test_host_speed_samples_only_while_counting():
    speed = load.HostSpeed(every=0.02)
    speed.start()
    time.sleep(0.15)
    assert speed.samples == []  # not counting yet (the warm-up)
    speed.count()
    deadline = time.monotonic() + 10
    while len(speed.samples) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    figures = speed.stop()
    assert figures["samples"] >= 2 and 0 < figures["median"] <= figures["slowest"]
    assert not speed.is_alive()


def test_host_speed_without_samples_says_so():
    speed = load.HostSpeed(every=60)
    speed.start()
    assert speed.stop() == {"median": None, "slowest": None, "samples": 0}


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores to pin to fewer")
def test_pinned_moves_this_process_its_children_and_running_threads_then_restores_them():
    mine = os.sched_getaffinity(0)
    other = subprocess.Popen([sys.executable, "-c", "import threading, time\n"
                              "threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n"
                              "time.sleep(30)"])
    try:
        deadline = time.monotonic() + 10
        while len(os.listdir(f"/proc/{other.pid}/task")) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        tasks = [int(t) for t in os.listdir(f"/proc/{other.pid}/task")]
        assert len(tasks) == 2
        with load.pinned(1, [other.pid]):
            one = {min(mine)}
            assert os.sched_getaffinity(0) == one
            assert all(os.sched_getaffinity(t) == one for t in tasks)
            started = subprocess.run([sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"],
                                     capture_output=True, text=True, check=True)
            assert started.stdout.strip() == str(sorted(one))
        assert os.sched_getaffinity(0) == mine
        assert all(os.sched_getaffinity(t) == mine for t in tasks)
    finally:
        other.kill()
        other.wait()


def test_pinned_to_nothing_changes_nothing():
    mine = os.sched_getaffinity(0)
    with load.pinned(None, [os.getpid()]):
        assert os.sched_getaffinity(0) == mine
    assert os.sched_getaffinity(0) == mine
