"""The graph-store port against real servers: the embedded FalkorDB always, Neo4j when
NEO4J_URI is set (point it at a throwaway database: the Neo4j tests clear it).

Every test takes `any_store`, parametrized over both backends, so the two adapters are held
to the same behaviour."""

from __future__ import annotations

import gc
import os
import shutil
import socket
import tempfile
import threading
import uuid

import pytest

from graph.adapters.factory import make_store
from graph.adapters.falkordb_server import EmbeddedServer
from graph.adapters.falkordb_store import FalkorDBStore
from graph.errors import Conflict, StoreUnavailable

NEO4J_SKIP = "set NEO4J_URI (and NEO4J_USER/NEO4J_PASSWORD) to run the store tests against Neo4j"


def _neo4j_settings() -> dict:
    return {
        "CARNET_GRAPH_BACKEND": "neo4j",
        "NEO4J_URI": os.environ.get("NEO4J_URI"),
        "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
        "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", ""),
        "NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE", "neo4j"),
    }


@pytest.fixture(params=[
    "falkordb",
    pytest.param("neo4j", marks=[pytest.mark.neo4j,
                                 pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason=NEO4J_SKIP)]),
])
def any_store(request, data_dir):
    """A store with its schema on an empty graph: a fresh graph name on FalkorDB, the cleared
    database on Neo4j."""
    if request.param == "falkordb":
        store = FalkorDBStore(data_dir, graph_name=f"s_{uuid.uuid4().hex[:12]}")
    else:
        store = make_store(_neo4j_settings())
        store.clear()
    store.ensure_schema()
    yield store
    store.clear()
    store.close()


def _person(**extra) -> dict:
    person = {
        "id": uuid.uuid4().hex,
        "name": "Zoë Müller-Ødegård 李小龍",
        "title": "VP \"Procurement\" & $ales {ops}",
        "email": "zoe@example.com",
        "phone": "+33 1 23 45 67 89",
        "notes": "line one\nline two\t'quoted'",
        "email_by": "u-1",
        "phone_by": "u-1",
        "notes_by": None,
        "created_by": "u-1",
        "created_at": 1_795_000_000_123,  # epoch ms: beyond 32 bits
        "updated_at": None,
    }
    person.update(extra)
    return person


def _create_person(store, person: dict, organisation_id=None) -> list[dict]:
    return store.write("people/create_person", person={k: v for k, v in person.items() if v is not None},
                       organisation_id=organisation_id, reports_to=None, title=person.get("title"),
                       position_id=uuid.uuid4().hex, now=person["created_at"])


def _create_org(store, name: str) -> str:
    org_id = uuid.uuid4().hex
    store.write("organisations/create_organisation",
                organisation={"id": org_id, "name": name, "kind": "account", "created_at": 1},
                parent_id=None)
    return org_id


def test_maps_round_trip_unchanged(any_store):
    person = _person()
    rows = _create_person(any_store, person)
    assert rows == [{"id": person["id"]}]

    [row] = any_store.read("people/get_person", id=person["id"])
    assert row["person"] == person  # every value back as written, missing ones as None
    assert type(row["person"]) is dict
    assert isinstance(row["person"]["created_at"], int)
    assert row["current"] == []  # no employer: an empty list, not a list of null maps
    assert row["reports_to"] is None


def test_list_of_maps_round_trip(any_store):
    org_id = _create_org(any_store, "Acme Été")
    person = _person(title="Buyer")
    _create_person(any_store, person, organisation_id=org_id)

    [row] = any_store.read("people/get_person", id=person["id"])
    assert row["current"] == [{"id": org_id, "name": "Acme Été", "title": "Buyer"}]
    assert all(type(item) is dict for item in row["current"])


def test_read_of_unknown_id_is_empty(any_store):
    assert any_store.read("people/get_person", id="nobody") == []
    assert any_store.read("people/person_exists", ids=[]) == []


def test_version_moves_on_every_write_and_not_on_reads(any_store):
    seen = [any_store.version()]
    for _ in range(3):
        _create_person(any_store, _person())
        seen.append(any_store.version())
    any_store.read("people/person_exists", ids=["x"])
    any_store.read("people/get_person", id="x")
    assert any_store.version() == seen[-1]
    assert seen == sorted(set(seen)), seen  # strictly increasing
    _create_org(any_store, "Another")
    assert any_store.version() > seen[-1]


def test_ensure_schema_is_idempotent(any_store):
    any_store.ensure_schema()
    any_store.ensure_schema()
    person = _person()
    _create_person(any_store, person)
    with pytest.raises(Conflict):
        _create_person(any_store, _person(id=person["id"], name="Someone Else"))


def test_unique_id_constraint_raises_conflict_and_writes_nothing(any_store):
    person = _person()
    _create_person(any_store, person)
    version = any_store.version()
    with pytest.raises(Conflict):
        _create_person(any_store, _person(id=person["id"], name="Duplicate"))
    [row] = any_store.read("people/get_person", id=person["id"])
    assert row["person"]["name"] == person["name"]
    assert any_store.read("people/person_exists", ids=[person["id"]]) == [{"id": person["id"]}]
    assert any_store.version() == version  # the failed write did not bump the counter


def test_clear_deletes_everything(any_store):
    ids = [_person()["id"] for _ in range(3)]
    for person_id in ids:
        _create_person(any_store, _person(id=person_id))
    assert sorted(r["id"] for r in any_store.read("people/person_exists", ids=ids)) == sorted(ids)
    any_store.clear()
    assert any_store.read("people/person_exists", ids=ids) == []
    assert any_store.version()[1] == 0
    any_store.clear()  # clearing an empty graph is fine too


# -- the server goes away --------------------------------------------------------------------

@pytest.fixture
def private_server():
    """An embedded server of its own, so stopping it hurts no other test."""
    path = tempfile.mkdtemp(prefix="cu", dir="/tmp")
    server = EmbeddedServer(path)
    server.ensure_running()
    yield server
    server.stop()
    shutil.rmtree(path, ignore_errors=True)


def test_falkordb_store_unavailable_when_server_is_gone(private_server):
    store = FalkorDBStore(str(private_server.data_dir), graph_name="gone", start=False)
    store.ensure_schema()
    _create_person(store, _person())
    assert store.version()[1] == 1
    private_server.stop()
    assert not private_server.answers()

    with pytest.raises(StoreUnavailable):
        store.ping()
    with pytest.raises(StoreUnavailable):
        store.read("people/person_exists", ids=["x"])
    with pytest.raises(StoreUnavailable):
        _create_person(store, _person())
    store.close()


def test_falkordb_store_restarts_embedded_server_after_it_was_stopped(private_server):
    store = FalkorDBStore(str(private_server.data_dir), graph_name="back")
    person = _person()
    _create_person(store, person)
    private_server.stop()
    with pytest.raises(StoreUnavailable):  # the open connection is dead
        store.read("people/person_exists", ids=[person["id"]])
    # The next call starts the server again and finds the data (append-only file).
    assert store.read("people/person_exists", ids=[person["id"]]) == [{"id": person["id"]}]
    store.close()


def test_falkordb_store_reaches_a_server_restarted_behind_its_back(private_server):
    """Each thread keeps its own connection; one that died with a restarted server is replaced
    at once (one quick retry), not reported as an outage."""
    store = FalkorDBStore(str(private_server.data_dir), graph_name="restarted", start=False)
    person = _person()
    _create_person(store, person)
    private_server.stop()
    private_server.ensure_running()
    assert store.read("people/person_exists", ids=[person["id"]]) == [{"id": person["id"]}]
    store.close()


def test_falkordb_store_connection_of_a_finished_thread_is_closed(store):
    """Threads that come and go (the development server starts one per request) leave no socket."""
    def sockets():
        return sum(os.readlink(f"/proc/self/fd/{fd}").startswith("socket:") for fd in os.listdir("/proc/self/fd")
                   if os.path.exists(f"/proc/self/fd/{fd}"))

    store.read("people/person_exists", ids=["x"])
    before = sockets()
    for _ in range(30):
        worker = threading.Thread(target=store.read, args=("people/person_exists",), kwargs={"ids": ["x"]})
        worker.start()
        worker.join()
    gc.collect()
    assert sockets() <= before
    mine = store._connection()
    store.close()  # and closing the store closes this thread's
    assert not mine.is_connected


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_neo4j_store_unavailable_when_server_is_gone():
    """Needs no Neo4j: nothing listens on the port, as when the server is down."""
    store = make_store({**_neo4j_settings(), "NEO4J_URI": f"bolt://127.0.0.1:{_closed_port()}",
                        "NEO4J_PASSWORD": "x"})
    try:
        with pytest.raises(StoreUnavailable):
            store.ping()
    finally:
        store.close()
