"""A crash of the app itself: gunicorn (master and workers) SIGKILLed while API clients stream
writes. Every write the API acknowledged (201) is there once the app is started again.

After an app-only crash the embedded graph server, a daemon outside the app's process group,
is still running and the restarted app reuses it; after a crash of both, the restarted app
finds the socket and pid file left behind, replaces them and the server replays its
append-only file."""

from __future__ import annotations

import http.client
import json
import os
import pathlib
import secrets
import shutil
import signal
import tempfile

import pytest

from graph.adapters.falkordb_server import LOG_NAME, EmbeddedServer
from graph.adapters.falkordb_store import FalkorDBStore
from graph.bench.load import AppServer, process_running
from graph.services import Services
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, PASSWORD
from tests.integration.test_durability import KILL_AFTER, MAX_WRITES, stream_until_killed
from tests.integration.test_embedded_server import servers_on

pytestmark = pytest.mark.slow

WRITERS = 4  # concurrent API clients, spread over the two workers
CRASH = (OSError, http.client.HTTPException)  # refused, reset, cut short: the app is gone


def call(app: AppServer, method: str, path: str, body=None, token: str | None = None) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=30)
    try:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read() or b"null")
    finally:
        connection.close()


@pytest.fixture
def site(tmp_path):
    """A data dir of its own (its graph server started here), the app's environment, a user."""
    data_dir = pathlib.Path(tempfile.mkdtemp(prefix="ck", dir="/tmp"))
    env = {"CARNET_DATA_DIR": str(data_dir), "CARNET_GRAPH_NAME": "crash", "CARNET_GRAPH_BACKEND": "falkordb",
           "CARNET_SECRET_KEY": secrets.token_hex(32)}
    store = FalkorDBStore(str(data_dir), graph_name=env["CARNET_GRAPH_NAME"])
    Services(store, password_method=FAST_HASH).users.create(SYSTEM, {"username": "writer", "password": PASSWORD,
                                                                      "role": "rep"})
    store.close()
    apps: list[AppServer] = []

    def start() -> AppServer:
        app = AppServer(env, tmp_path / "gunicorn.log", workers=2).start()
        apps.append(app)
        return app

    yield {"start": start, "server": EmbeddedServer(data_dir)}
    for app in apps:
        app.stop()
    EmbeddedServer(data_dir).stop(timeout=10)
    for pid in servers_on(data_dir):  # a test that failed half-way may leave a server behind
        os.kill(pid, signal.SIGKILL)
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.mark.parametrize("also_server", [False, True], ids=["app only", "app and graph server"])
def test_every_acknowledged_api_write_survives_a_crash_of_the_app(site, also_server):
    server = site["server"]
    app = site["start"]()
    status, answer = call(app, "POST", "/api/tokens", {"username": "writer", "password": PASSWORD})
    assert status == 201, answer
    token = answer["token"]
    server_pid = server.pid()
    assert server_pid and servers_on(server.data_dir) == [server_pid]
    names: dict[str, str] = {}

    def write(n: int) -> str:
        status, answer = call(app, "POST", "/api/people", {"name": f"Acknowledged {n}"}, token)
        assert status == 201, (status, answer)  # anything but a crash is a bug
        names[answer["id"]] = f"Acknowledged {n}"
        return answer["id"]

    def crash():
        workers = app.worker_pids()
        assert len(workers) == 2
        app.kill()
        assert not any(process_running(pid) for pid in [app.proc.pid, *workers])
        if also_server:
            server.kill()

    acknowledged, failed = stream_until_killed(write, crash, failures=CRASH, threads=WRITERS)
    assert failed == WRITERS, "the app was not killed during the stream"
    assert KILL_AFTER <= len(acknowledged) < MAX_WRITES
    if also_server:
        assert not server.answers() and server.socket_path.exists()  # what a crash leaves behind
    else:
        assert server.answers() and server.pid() == server_pid  # the daemon outlived the app

    app = site["start"]()  # the same command, data dir and key
    status, answer = call(app, "POST", "/api/people", {"name": "After the crash"}, token)
    assert status == 201
    store = FalkorDBStore(str(server.data_dir), graph_name="crash", start=False)
    try:  # every acknowledged write, in one read; then the last few through the restarted app
        present = {row["id"] for row in store.read("people/person_exists", ids=acknowledged + [answer["id"]])}
    finally:
        store.close()
    missing = [pid for pid in acknowledged if pid not in present]
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged writes lost"
    for person_id in acknowledged[-WRITERS:]:
        status, answer = call(app, "GET", f"/api/people/{person_id}", token=token)
        assert (status, answer.get("name")) == (200, names[person_id]), person_id

    running = servers_on(server.data_dir)
    assert running == [server.pid()]  # exactly one graph server for the data dir
    if also_server:
        assert server.pid() != server_pid  # a new one, started over the stale socket and pid file
        assert "append only file" in (server.data_dir / LOG_NAME).read_text().lower()
    else:
        assert server.pid() == server_pid  # reused, not restarted
