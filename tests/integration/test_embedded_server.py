"""The embedded FalkorDB server's lifecycle: durable settings, one server per data dir even when
processes race to start it, recovery from files a crash leaves behind, clean stop, reuse.

Each test has its own short data dir under /tmp (unix socket paths are limited to ~100 bytes)
and stops whatever it started."""

from __future__ import annotations

import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time

import pytest
import redis

from graph.adapters.falkordb_server import LOG_NAME, PID_NAME, SOCKET_NAME, EmbeddedServer
from graph.adapters.falkordb_store import FalkorDBStore

ROOT = pathlib.Path(__file__).resolve().parents[2]


def servers_on(data_dir: pathlib.Path) -> list[int]:
    """Pids of every redis-server whose unix socket is in data_dir (read from /proc, not from
    our pid file, so a second server could not hide)."""
    wanted = f"unixsocket:{data_dir / SOCKET_NAME}".encode()
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if b"redis-server" in cmdline and wanted in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.fixture
def data_dir_path():
    path = pathlib.Path(tempfile.mkdtemp(prefix="ce", dir="/tmp"))
    yield path
    EmbeddedServer(path).stop(timeout=10)
    for pid in servers_on(path):  # a test that failed half-way may leave a server behind
        os.kill(pid, signal.SIGKILL)
    shutil.rmtree(path, ignore_errors=True)


def client(server: EmbeddedServer) -> redis.Redis:
    return redis.Redis(unix_socket_path=str(server.socket_path), decode_responses=True)


def test_starts_with_append_only_file_fsynced_on_every_write(data_dir_path):
    server = EmbeddedServer(data_dir_path)
    socket_path = server.ensure_running()
    assert socket_path == str(data_dir_path / SOCKET_NAME)
    c = client(server)
    try:
        assert c.config_get("appendonly") == {"appendonly": "yes"}
        assert c.config_get("appendfsync") == {"appendfsync": "always"}
        assert c.config_get("port") == {"port": "0"}  # no TCP listener: only the socket
        assert c.config_get("dir") == {"dir": str(data_dir_path)}
        modules = [m["name"] for m in c.module_list()]
        assert "graph" in modules
        # every statement file keeps its execution plan (FalkorDB's default of 25 evicted them)
        plans_kept = dict(zip(*[iter(c.execute_command("GRAPH.CONFIG", "GET", "CACHE_SIZE"))] * 2))["CACHE_SIZE"]
        assert plans_kept >= len(list((ROOT / "cypher").rglob("*.cypher")))
    finally:
        c.close()
    assert servers_on(data_dir_path) == [server.pid()]


_RACER = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {root!r})
    from graph.adapters.falkordb_server import EmbeddedServer
    server = EmbeddedServer({data_dir!r})
    open({go!r} + "." + str(os.getpid()), "w").close()  # at the starting line
    while not os.path.exists({go!r}):
        time.sleep(0.001)
    server.ensure_running()
    print(server.pid())
""")


def test_processes_racing_to_start_get_exactly_one_server(data_dir_path):
    go = data_dir_path.parent / f"{data_dir_path.name}.go"
    code = _RACER.format(root=str(ROOT), data_dir=str(data_dir_path), go=str(go))
    racers = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for _ in range(3)]
    ready = [pathlib.Path(f"{go}.{racer.pid}") for racer in racers]
    try:
        deadline = time.monotonic() + 60
        while not all(path.exists() for path in ready) and time.monotonic() < deadline:
            time.sleep(0.01)
        go.touch()  # all at once
        outputs = [racer.communicate(timeout=60) for racer in racers]
    finally:
        for path in [go, *ready]:
            path.unlink(missing_ok=True)
    for racer, (out, err) in zip(racers, outputs):
        assert racer.returncode == 0, err
    pids = {int(out.strip()) for out, _ in outputs}
    running = servers_on(data_dir_path)
    assert len(running) == 1, running
    assert pids == set(running)
    log = (data_dir_path / LOG_NAME).read_text()
    assert log.count("Ready to accept connections") == 1


def test_stale_socket_file_is_recovered(data_dir_path):
    # A crash leaves the socket file behind with nothing listening on it.
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(str(data_dir_path / SOCKET_NAME))
    leftover.close()
    assert (data_dir_path / SOCKET_NAME).exists()

    server = EmbeddedServer(data_dir_path)
    assert not server.answers()
    server.ensure_running()
    assert server.answers()
    assert servers_on(data_dir_path) == [server.pid()]


def test_stale_pid_file_of_a_dead_process_is_recovered(data_dir_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    (data_dir_path / PID_NAME).write_text(f"{dead.pid}\n")
    (data_dir_path / SOCKET_NAME).write_text("")  # and a plain file where the socket was

    server = EmbeddedServer(data_dir_path)
    server.ensure_running()
    assert server.answers()
    assert server.pid() != dead.pid
    assert servers_on(data_dir_path) == [server.pid()]


def test_stop_shuts_down_cleanly_and_keeps_the_data(data_dir_path):
    server = EmbeddedServer(data_dir_path)
    server.ensure_running()
    pid = server.pid()
    store = FalkorDBStore(str(data_dir_path), graph_name="kept", start=False)
    store.write("meta/get_version")
    store.write("meta/get_version")
    kept = store.version()
    assert kept[1] == 2  # each write bumps the counter in its own statement
    store.close()

    assert server.stop() is True
    assert servers_on(data_dir_path) == []
    assert not server._alive(pid)
    assert not (data_dir_path / SOCKET_NAME).exists()
    assert not (data_dir_path / PID_NAME).exists()
    log = (data_dir_path / LOG_NAME).read_text()
    assert "User requested shutdown" in log and "ready to exit" in log
    assert server.stop() is False  # nothing left to stop

    server.ensure_running()
    assert server.pid() != pid
    again = FalkorDBStore(str(data_dir_path), graph_name="kept", start=False)
    assert again.version() == kept
    again.close()


def test_second_ensure_running_reuses_the_running_server(data_dir_path):
    first = EmbeddedServer(data_dir_path)
    first.ensure_running()
    pid = first.pid()
    assert first.ensure_running() == str(data_dir_path / SOCKET_NAME)
    assert first.pid() == pid
    other = EmbeddedServer(str(data_dir_path))  # another worker's view of the same dir
    other.ensure_running()
    assert other.pid() == pid
    # ... and from another process.
    out = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r});"
         "from graph.adapters.falkordb_server import EmbeddedServer as E;"
         f"s = E({str(data_dir_path)!r}); s.ensure_running(); print(s.pid())"],
        capture_output=True, text=True, timeout=60, check=True).stdout
    assert int(out) == pid
    assert servers_on(data_dir_path) == [pid]


def test_data_dir_too_long_for_a_socket_is_refused():
    from graph.errors import StoreUnavailable

    with pytest.raises(StoreUnavailable, match="too long"):
        EmbeddedServer("/tmp/" + "d" * 120)


def test_stale_pid_file_naming_an_unrelated_live_process_leaves_it_alone(data_dir_path):
    """After a crash and reboot the old pid may belong to anything: never kill it."""
    bystander = subprocess.Popen(["sleep", "60"])
    try:
        (data_dir_path / PID_NAME).write_text(f"{bystander.pid}\n")
        server = EmbeddedServer(data_dir_path)
        server.ensure_running()
        assert server.answers()
        assert bystander.poll() is None, "an unrelated process was killed"
        assert server.pid() != bystander.pid
    finally:
        bystander.kill()
        bystander.wait()


def test_a_live_server_that_does_not_answer_is_never_killed(data_dir_path):
    """A busy or paused server (a loaded machine, a long query) must not be SIGKILLed by a worker
    that cannot reach it: that would cut every query in flight. The worker reports 503 instead."""
    from graph.errors import StoreUnavailable

    server = EmbeddedServer(data_dir_path)
    server.ensure_running()
    client(server).execute_command("GRAPH.QUERY", "g", "CREATE (:Kept {n: 1})")
    pid = server.pid()
    os.kill(pid, signal.SIGSTOP)  # alive, ours, silent
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="not answering"):
            EmbeddedServer(data_dir_path).ensure_running(timeout=2)
        assert time.monotonic() - started >= 2
        assert servers_on(data_dir_path) == [pid]  # still there, and no second server
    finally:
        os.kill(pid, signal.SIGCONT)
    assert EmbeddedServer(data_dir_path).ensure_running(timeout=10)
    rows = client(server).execute_command("GRAPH.QUERY", "g", "MATCH (k:Kept) RETURN k.n")
    assert rows[1] == [[1]] and server.pid() == pid
