"""`bench load`: simulated colleagues against a real gunicorn on loopback, driven by Locust.

The command (app/bench_cli.py) writes a scenario file: each simulated user's bearer token and
session cookie, the people, accounts and path targets they visit, and their own relationships
(the ones they edit). `run` then serves the graph with gunicorn on a free 127.0.0.1 port, runs
Locust headless (graph/bench/locustfile.py) for a bounded time, and reads its CSV statistics
back into one JSON-ready dict. Traffic never leaves the loopback address, and every process
started here is stopped here.

`AppServer` is the same gunicorn-in-a-process-group the durability tests kill with SIGKILL."""

from __future__ import annotations

import contextlib
import csv
import os
import pathlib
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

LOCUSTFILE = pathlib.Path(__file__).with_name("locustfile.py")
ROOT = pathlib.Path(__file__).resolve().parents[2]
TARGETS = {"rps": 150.0, "p95_ms": 300.0, "errors": 0}
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def process_running(pid: int) -> bool:
    """Whether the process exists and is not a zombie."""
    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


class AppServer:
    """`gunicorn app:create_app()` in its own process group on a free loopback port.

    `env` is added to this process's environment (CARNET_DATA_DIR, CARNET_GRAPH_NAME,
    CARNET_SECRET_KEY...). The group lets `kill` take the master and its workers down at once,
    as a crash would; the embedded graph server is a daemon in its own session and survives."""

    def __init__(self, env: dict, log_path: os.PathLike, *, workers: int = 2, threads: int = 1,
                 start_timeout: float = 60.0):
        self.port = free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "NEO4J_"))}
        self.env.update({k: str(v) for k, v in env.items()})
        self.log_path = pathlib.Path(log_path)
        self.workers, self.threads, self.start_timeout = workers, threads, start_timeout
        self.proc: subprocess.Popen | None = None

    def start(self) -> "AppServer":
        cmd = [sys.executable, "-m", "gunicorn", "--bind", f"{LOOPBACK}:{self.port}",
               "--workers", str(self.workers), "--graceful-timeout", "5", "--timeout", "120"]
        if self.threads > 1:
            cmd += ["--threads", str(self.threads)]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd + ["app:create_app()"], cwd=ROOT, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}: {self.tail()}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(self.url + "/api/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /api/health in {self.start_timeout:.0f} s: {self.tail()}")

    def tail(self, size: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_bytes()[-size:].decode(errors="replace")
        return ""

    def worker_pids(self) -> list[int]:
        """The workers (children of the master), from /proc."""
        out = []
        for entry in pathlib.Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError):
                    if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                        out.append(int(entry.name))
        return out

    def cpu_seconds(self) -> float:
        """CPU time of the master and its current workers."""
        return cpu_seconds([self.proc.pid, *self.worker_pids()]) if self.proc is not None else 0.0

    def _signal_group(self, sig: int, wait: float) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            return True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)
        try:
            self.proc.wait(wait)
            return True
        except subprocess.TimeoutExpired:
            return False

    def kill(self) -> None:
        """SIGKILL the master and every worker (a crash: nothing is flushed or closed); returns
        once they are all gone."""
        workers = self.worker_pids() if self.proc is not None else []
        self._signal_group(signal.SIGKILL, 10)
        deadline = time.monotonic() + 10
        while any(process_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop gracefully, forcefully after 15 s."""
        if not self._signal_group(signal.SIGTERM, 15):
            self.kill()

    def __enter__(self) -> "AppServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# -- running Locust ---------------------------------------------------------------------------------
def run_locust(url: str, scenario: os.PathLike, out_prefix: os.PathLike, *, users: int, seconds: int,
               warmup: int, log_path: os.PathLike, on_warm=lambda: None, cpu: dict | None = None) -> int:
    """Locust headless: the users start evenly over `warmup` seconds, then the statistics are
    reset (`on_warm()` is called then) and the run goes on for `seconds`. Returns Locust's exit
    code (1 when any request failed, which the table reports). `cpu` gets Locust's own CPU
    seconds over the counted part ("locust"): it shares the cores with what it measures."""
    if not url.startswith(f"http://{LOOPBACK}:"):
        raise ValueError("load tests only target the loopback address")
    cmd = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", url,
           "--users", str(users), "--spawn-rate", f"{users / warmup:.3f}", "--run-time", f"{warmup + seconds}s",
           "--stop-timeout", "10", "--reset-stats", "--only-summary", "--csv", str(out_prefix),
           "--loglevel", "WARNING"]
    env = dict(os.environ, CARNET_LOAD_SCENARIO=str(scenario))
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            time.sleep(warmup)
            on_warm()
            started = cpu_seconds([proc.pid])
            if cpu is not None:  # read just before Locust stops (it exits at the end of --run-time)
                time.sleep(max(seconds - 1, 0))
                cpu["locust"] = (cpu_seconds([proc.pid]) - started) * seconds / max(seconds - 1, 1)
            # Locust stops by itself after --run-time; the timeout only guards against a hang.
            return proc.wait(timeout=seconds + 120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def cpu_seconds(pids) -> float:
    """User + system CPU time the processes, and the children they have waited for, have used so
    far (Linux /proc); gone ones count 0. The children matter for the graph server: FalkorDB's
    index garbage collection runs in short-lived forks (about a tenth of its CPU under writes).

    CPU per request is the figure that holds on a shared machine, where wall times do not."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15]) / tick
    return total


@contextlib.contextmanager
def pinned(cores: int | None, pids=()):
    """Run this process, what it starts from now on, and every thread of `pids` (the graph server,
    already running) on the first `cores` CPUs, then give them back their own: a smaller or busier
    host on demand, since the slow minutes of a shared one come and go unannounced. None: leave
    everything where it is."""
    if not cores:
        yield
        return
    cpus = set(sorted(os.sched_getaffinity(0))[:cores])
    tasks = [int(t.name) for pid in pids for t in pathlib.Path(f"/proc/{pid}/task").glob("*")]
    before = {}
    for task in [0, *tasks]:
        with contextlib.suppress(OSError):
            before[task] = os.sched_getaffinity(task)
            os.sched_setaffinity(task, cpus)
    try:
        yield
    finally:
        for task, mask in before.items():
            with contextlib.suppress(OSError):  # a thread may have ended meanwhile
                os.sched_setaffinity(task, mask)


def _number(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def read_stats(out_prefix: os.PathLike, seconds: float) -> dict:
    """Per-endpoint and total figures from Locust's `<prefix>_stats.csv` and failures file."""
    rows = []
    with open(f"{out_prefix}_stats.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            count = int(row["Request Count"])
            rows.append({"method": row["Type"], "name": row["Name"], "requests": count,
                         "errors": int(row["Failure Count"]), "rps": _number(row["Requests/s"]),
                         "p50_ms": _number(row["50%"]), "p95_ms": _number(row["95%"]),
                         "p99_ms": _number(row["99%"]), "mean_ms": _number(row["Average Response Time"]),
                         "max_ms": _number(row["Max Response Time"])})
    total = next((r for r in rows if r["name"] == "Aggregated"), None)
    failures = []
    with contextlib.suppress(OSError):
        with open(f"{out_prefix}_failures.csv", newline="") as fh:
            failures = [{"method": r["Method"], "name": r["Name"], "error": r["Error"][:300],
                         "occurrences": int(r["Occurrences"])} for r in csv.DictReader(fh)]
    return {"endpoints": [r for r in rows if r is not total], "total": total, "failures": failures,
            "seconds": seconds}


def cpu_per_request(app_s: float, server_s: float | None, requests: int, cores: int,
                    locust_s: float | None = None) -> dict:
    """CPU milliseconds per request of the app, the graph server and Locust, and the throughput
    that would saturate `cores` idle cores at that cost (Locust included: it runs on them too)."""
    if not requests:
        return {}
    per = {name: None if s is None else s * 1000 / requests
           for name, s in (("app_ms", app_s), ("graph_server_ms", server_s), ("locust_ms", locust_s))}
    total = sum(v for v in per.values() if v)
    return {**{k: None if v is None else round(v, 1) for k, v in per.items()},
            "idle_cores_rps": round(cores * 1000 / total, 1) if total else None}


def targets_met(stats: dict) -> dict:
    total = stats["total"] or {}
    return {"rps_ge_150": (total.get("rps") or 0) >= TARGETS["rps"],
            "p95_le_300ms": (total.get("p95_ms") if total.get("p95_ms") is not None else float("inf"))
            <= TARGETS["p95_ms"],
            "no_errors": total.get("errors", 1) == 0 and total.get("requests", 0) > 0}


REFERENCE_LOOP = 2_000_000


def reference_ms(share: int = 1) -> float:
    """CPU milliseconds of a fixed pure-Python loop in this process: the host's speed at the
    moment. On a shared virtual machine the same work can take much longer from one minute to
    the next, so figures of runs far apart compare only with this beside them.
    `share` runs 1/share of the loop and scales the time up (a cheaper sample)."""
    start = time.thread_time()
    total = 0
    for i in range(REFERENCE_LOOP // share):
        total += i * i
    return (time.thread_time() - start) * 1000 * share


class HostSpeed(threading.Thread):
    """The reference sampled every `every` seconds while a run goes on (a tenth of the loop each
    time, about 0.5 % of a core): a slow minute in the middle of a run shows, where the figures
    taken before and after miss it. Sampling starts at `count()`, ends at `stop()`."""

    def __init__(self, every: float = 2.0):
        super().__init__(daemon=True)
        self.every, self.samples = every, []
        self._counting, self._stopped = threading.Event(), threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self.every):
            if self._counting.is_set():
                self.samples.append(reference_ms(share=10))

    def count(self) -> None:
        self._counting.set()

    def stop(self) -> dict:
        """Median and slowest sample (ms, comparable with reference_ms), None when there is none."""
        self._stopped.set()
        self.join()
        ordered = sorted(self.samples)
        return {"median": ordered[len(ordered) // 2] if ordered else None,
                "slowest": ordered[-1] if ordered else None, "samples": len(ordered)}


def _fmt(value) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _during(speed: dict | None) -> str:
    if not speed or speed.get("median") is None:
        return ""
    return f"; during the run: median {speed['median']:.0f}, slowest {speed['slowest']:.0f}"


def table(result: dict) -> str:
    stats = result["stats"]
    met = result["targets_met"]
    mark = {True: "ok", False: "MISSED"}
    lines = [f"{result['users']} users for {result['seconds']} s (after a {result['warmup_s']} s warm-up) "
             f"{'(read only) ' if result.get('read_only') else ''}against gunicorn ({result['workers']} workers x "
             f"{result['threads']} threads) on graph {result['graph']} "
             f"({result['people']} people); load average before/after: "
             f"{result['loadavg_before']:.2f} / {result['loadavg_after']:.2f} on "
             f"{result.get('cpus') or os.cpu_count()} of the machine's {os.cpu_count()} cores",
             *([f"host speed reference (CPU ms of a fixed Python loop; higher: a slower or busier host) "
                f"before/after: {result['reference_ms_before']:.0f} / {result['reference_ms_after']:.0f}"
                + _during(result.get("reference_ms_during"))]
               if "reference_ms_before" in result else []),
             "",
             f"{'endpoint':<34}{'requests':>9}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}{'errors':>8}"]
    for r in sorted(stats["endpoints"], key=lambda r: -r["requests"]) + [stats["total"] or {}]:
        if not r:
            continue
        name = "total" if r["name"] == "Aggregated" else f"{r['method']} {r['name']}"
        lines.append(f"{name[:33]:<34}{r['requests']:>9}{_fmt(r['rps']):>8}{_fmt(r['p50_ms']):>7}"
                     f"{_fmt(r['p95_ms']):>7}{_fmt(r['p99_ms']):>7}{_fmt(r['max_ms']):>7}{r['errors']:>8}")
    total = stats["total"] or {}
    lines += ["(milliseconds; the warm-up, while users start, is not counted)", "",
              f"throughput >= {TARGETS['rps']:.0f} req/s    {_fmt(total.get('rps'))}  [{mark[met['rps_ge_150']]}]",
              f"p95 <= {TARGETS['p95_ms']:.0f} ms             {_fmt(total.get('p95_ms'))}  "
              f"[{mark[met['p95_le_300ms']]}]",
              f"errors = 0                {total.get('errors', 'n/a')}  [{mark[met['no_errors']]}]"]
    cpu = result.get("cpu_per_request") or {}
    if cpu:
        lines.append(f"CPU per request: app {_fmt(cpu['app_ms'])} ms + graph server {_fmt(cpu['graph_server_ms'])} ms"
                     f" + Locust {_fmt(cpu.get('locust_ms'))} ms"
                     f" = at most {_fmt(cpu['idle_cores_rps'])} req/s on {result['cpus']} idle cores")
    for failure in stats["failures"][:5]:
        lines.append(f"  {failure['occurrences']} x {failure['method']} {failure['name']}: {failure['error']}")
    return "\n".join(lines)
