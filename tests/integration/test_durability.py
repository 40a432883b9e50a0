"""An acknowledged write survives a crash of the embedded server (SIGKILL, not a shutdown):
the append-only file with `appendfsync always` is what makes this hold."""

from __future__ import annotations

import itertools
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


def stream_until_killed(write, kill, *, failures=(StoreUnavailable,), threads: int = 1,
                        kill_after: int = KILL_AFTER, max_writes: int = MAX_WRITES) -> tuple[list[str], int]:
    """Stream writes from `threads` threads and call `kill()` once `kill_after` of them were
    acknowledged; each thread stops at its first write failing with one of `failures`.

    `write(n)` returns the id it wrote and returns only once the write is acknowledged. Returns
    (the acknowledged ids, how many writes failed); any other error is raised here."""
    acknowledged: list[str] = []
    failed: list[int] = []
    errors: list[BaseException] = []
    numbers = itertools.count()
    lock = threading.Lock()
    enough = threading.Event()

    def crash():
        enough.wait(timeout=120)
        try:
            kill()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            errors.append(exc)

    def stream():
        try:
            while True:
                with lock:
                    n = next(numbers)
                if n >= max_writes:
                    return
                try:
                    written = write(n)
                except failures:
                    with lock:
                        failed.append(n)
                    return
                with lock:
                    acknowledged.append(written)
                    if len(acknowledged) >= kill_after:
                        enough.set()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            errors.append(exc)
            enough.set()

    killer = threading.Thread(target=crash)
    killer.start()
    writers = [threading.Thread(target=stream) for _ in range(threads)]
    try:
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=300)
    finally:
        enough.set()
        killer.join(timeout=120)
    if errors:
        raise errors[0]
    return acknowledged, len(failed)


@pytest.mark.parametrize("threads", [1, 4], ids=["one connection", "four connections"])
def test_every_acknowledged_write_survives_sigkill(server, threads):
    """Writers on one or several connections at once (as gunicorn workers are): whatever was
    acknowledged to any of them is there after the crash."""
    store = FalkorDBStore(str(server.data_dir), graph_name="durable", start=False)
    store.ensure_schema()

    def write(n):
        person_id = f"p{n}-{uuid.uuid4().hex[:8]}"
        _write_person(store, person_id, n)
        return person_id

    try:
        acknowledged, failed = stream_until_killed(write, server.kill, threads=threads)
    finally:
        store.close()

    # The crash really happened mid-stream: some writes were acknowledged, then one failed.
    assert failed == threads, f"the server was not killed during the stream ({len(acknowledged)} writes)"
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
