"""`bench load` for a few seconds on a tiny graph: gunicorn on loopback, Locust headless, a
table and JSON. The figures are not judged (benchmarks are run on purpose); what is checked is
that every kind of request ran without error and that the writes Locust counted are in the graph.
Also the query plans that `bench load` showed to matter (edge-index lookups)."""

from __future__ import annotations

import json
import uuid

import pytest

from app import create_app
from graph.adapters.falkordb_store import FalkorDBStore
from tests.conftest import FAST_HASH

pytestmark = pytest.mark.slow

TINY = ["--people", "200", "--relationships", "1000", "--colleagues", "8", "--users", "6", "--seconds", "4",
        "--warmup", "2", "--workers", "1", "--threads", "4", "--cores", "1"]
KINDS = {("GET", "/people/[id]"), ("GET", "/organisations/[id]"), ("GET", "/"), ("GET", "/api/people/[id]"),
         ("GET", "/api/paths?target=[id]"), ("GET", "/people/[id]/paths"), ("GET", "/api/accounts/[id]/plan"),
         ("GET", "/accounts/[id]/plan"), ("PATCH", "/api/relationships/[id]"), ("POST", "/api/people"),
         ("GET", "/adoption")}


@pytest.fixture
def graph(data_dir):
    name = f"t_{uuid.uuid4().hex[:12]}"
    store = FalkorDBStore(data_dir, graph_name=name)
    yield store
    store.clear()
    store.close()


def test_bench_load_runs_every_request_kind_and_reports(graph, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH,
                      "CARNET_BENCH_RESULTS": str(tmp_path)}, store=graph)
    out = tmp_path / "load.json"
    result = app.test_cli_runner().invoke(args=["bench", "load", "--graph", graph.graph_name, *TINY,
                                                "--json", str(out)])
    logs = "".join(p.read_text(errors="replace")[-3000:] for p in sorted(tmp_path.glob("load-*.log")))
    assert result.exit_code == 0, result.output + logs
    assert "throughput >= 150 req/s" in result.output and "total" in result.output
    figures = json.loads(out.read_text())
    assert not list(tmp_path.glob("load-scenario-*.json"))  # the tokens are not left behind
    stats = figures["stats"]
    assert stats["total"]["requests"] > 0 and stats["total"]["errors"] == 0, stats["failures"]
    ran = {(e["method"], e["name"]) for e in stats["endpoints"]}
    assert ran and ran <= KINDS, ran - KINDS
    assert set(figures["targets_met"]) == {"rps_ge_150", "p95_le_300ms", "no_errors"}
    assert "host speed reference" in result.output and figures["reference_ms_before"] > 0 < figures["reference_ms_after"]
    assert set(figures["reference_ms_during"]) == {"median", "slowest", "samples"}
    assert figures["cpus"] == 1 and "on 1 of the machine's" in result.output
    assert figures["cpu_per_request"]["idle_cores_rps"] > 0
    # Each person Locust counted as created (201) is in the graph (more were made while warming up).
    created = next((e["requests"] for e in stats["endpoints"] if e["name"] == "/api/people"), 0)
    assert len(graph.read("people/list_people", q="Load Person", skip=0, limit=10_000)) >= created


@pytest.mark.parametrize("statement, params", [
    ("relationships/get_relationship", {"id": "r1"}),
    ("relationships/update_relationship", {"id": "r1", "props": {"strength": 2}, "visibility": None}),
    ("relationships/delete_relationship", {"id": "r1"}),
    ("relationships/list_owned", {"owner": "u1"}),
    ("adoption/count_relationship_weeks", {"users": ["u1"], "since": 0, "week_ms": 1}),
])
@pytest.mark.falkordb_only  # reads FalkorDB's execution plan
def test_relationship_lookups_use_the_edge_index(store, statement, params):
    """A KNOWS found by id or owner must come from the edge index. Labels on its two ends make
    FalkorDB scan every person and probe the index from each: 9 ms became 18 s on the 100k
    graph under `bench load`, for every relationship read, edit and delete."""
    from falkordb import FalkorDB

    from graph.cypher import load, load_write

    def cypher_text(name, backend):  # a write runs headed by the change-counter bump
        return (load if name.split("/")[1].startswith(("get_", "list_", "count_")) else load_write)(name, backend)

    db = FalkorDB(unix_socket_path=str(store.server.socket_path))
    try:
        plan = str(db.select_graph(store.graph_name).explain(cypher_text(statement, "falkordb"), params))
    finally:
        db.connection.close()
    assert "Edge By Index Scan" in plan and "Label Scan" not in plan, plan


@pytest.mark.parametrize("statement, params", [
    ("people/create_person", {"person": {"id": "p1", "name": "A"}, "organisation_id": None, "reports_to": None,
                              "title": None, "position_id": "w1", "now": 1}),
    ("people/set_reports_to", {"id": "p1", "reports_to": None}),
    ("organisations/create_organisation", {"organisation": {"id": "o1", "name": "O"}, "parent_id": None}),
    ("organisations/update_organisation", {"id": "o1", "props": {"name": "O"}, "parent_id": None}),
])
@pytest.mark.falkordb_only  # reads FalkorDB's execution plan
def test_optional_lookups_with_no_value_use_the_index(store, statement, params):
    """`OPTIONAL MATCH (n:Person {id: $x})` with $x null makes FalkorDB scan the label (every
    person, 17 ms on the 100k graph, for each person recorded with no manager); the lookups
    compare against coalesce($x, '') instead, which the index answers."""
    from falkordb import FalkorDB

    from graph.cypher import load, load_write

    def cypher_text(name, backend):  # a write runs headed by the change-counter bump
        return (load if name.split("/")[1].startswith(("get_", "list_", "count_")) else load_write)(name, backend)

    db = FalkorDB(unix_socket_path=str(store.server.socket_path))
    try:
        plan = str(db.select_graph(store.graph_name).explain(cypher_text(statement, "falkordb"), params))
    finally:
        db.connection.close()
    assert "Label Scan" not in plan, plan


def test_the_simulated_session_is_the_one_a_browser_keeps(graph):
    """Each simulated user sends its scenario cookie unchanged: it must be the session the server
    would leave after a page (else every page writes a new session cookie, which no browser
    causes), and it must sign the user in."""
    from app.bench_cli import _load_scenario
    from graph import demo

    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                     store=graph)
    svc = app.extensions["carnet"]
    demo.load(svc)
    with app.test_request_context():
        scenario = _load_scenario(svc, 3, 1, (0.1, 0.2))
    client = app.test_client()
    for user in scenario["users"]:
        client.set_cookie(scenario["cookie_name"], user["cookie"])
        for path in ("/", f"/organisations/{scenario['organisations'][0]}"):
            page = client.get(path)
            assert page.status_code == 200 and b"Sign out" in page.data  # signed in
            assert not page.headers.getlist("Set-Cookie"), (user["username"], path)
