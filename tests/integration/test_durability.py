"""An acknowledged write survives a crash of the embedded server (SIGKILL, not a shutdown):
the append-only file with `appendfsync always` is what makes this hold."""

from __future__ import annotations

import pathlib
import shutil
import tempfile
import threading
import uuid

import pytest

from graph.adapters.falkordb_server import LOG_NAME, EmbeddedServer
from graph.adapters.falkordb_store import FalkorDBStore
from graph.errors import StoreUnavailable

pytestmark = pytest.mark.slow

KILL_AFTER = 150   # acknowledged writes before the crash
MAX_WRITES = 2000  # the stream is long enough that the kill lands in its middle


@pytest.fixture
def server():
    path = pathlib.Path(tempfile.mkdtemp(prefix="cd", dir="/tmp"))
    srv = EmbeddedServer(path)
    srv.ensure_running()
    yield srv
    srv.stop(timeout=10)
    shutil.rmtree(path, ignore_errors=True)


def _write_person(store: FalkorDBStore, person_id: str, n: int) -> None:
    store.write("people/create_person", person={"id": person_id, "name": f"Person {n}", "created_at": n},
                organisation_id=None, reports_to=None, title=None, position_id=uuid.uuid4().hex, now=n)


def test_every_acknowledged_write_survives_sigkill(server):
    store = FalkorDBStore(str(server.data_dir), graph_name="durable", start=False)
    store.ensure_schema()
    acknowledged: list[str] = []
    failed: list[str] = []
    enough = threading.Event()

    def crash():
        enough.wait(timeout=60)
        server.kill()

    killer = threading.Thread(target=crash)
    killer.start()
    try:
        for n in range(MAX_WRITES):
            person_id = f"p{n}-{uuid.uuid4().hex[:8]}"
            try:
                _write_person(store, person_id, n)
            except StoreUnavailable:
                failed.append(person_id)
                break
            acknowledged.append(person_id)
            if len(acknowledged) == KILL_AFTER:
                enough.set()
    finally:
        enough.set()
        killer.join(timeout=60)
        store.close()

    # The crash really happened mid-stream: some writes were acknowledged, then one failed.
    assert failed, f"the server was not killed during the stream ({len(acknowledged)} writes)"
    assert KILL_AFTER <= len(acknowledged) < MAX_WRITES
    assert not server.answers()

    server.ensure_running()
    recovered = FalkorDBStore(str(server.data_dir), graph_name="durable", start=False)
    try:
        present = {row["id"] for row in recovered.read("people/person_exists", ids=acknowledged)}
        missing = [pid for pid in acknowledged if pid not in present]
        assert not missing, f"{len(missing)} acknowledged writes lost, first {missing[:3]}"
        assert "append only file" in (server.data_dir / LOG_NAME).read_text().lower()  # replayed
        # Each acknowledged write also bumped the change counter once.
        assert recovered.version()[1] >= len(acknowledged)
        # The store is writable again after the crash.
        _write_person(recovered, "after-crash", -1)
        assert recovered.read("people/person_exists", ids=["after-crash"]) == [{"id": "after-crash"}]
    finally:
        recovered.close()
