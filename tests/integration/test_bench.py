"""`bench generate` and `bench paths` at a small scale, on the real embedded FalkorDB.

The generated graph is read back through the full backup export (an independent reader of
every node and relationship) and checked against the model the services write."""

from __future__ import annotations

import io
import json
import re
import statistics
import time
import uuid
from collections import Counter, defaultdict

import pytest

from app import create_app
from graph import backup
from graph.adapters.falkordb_store import FalkorDBStore
from graph.bench import generate as gen
from graph.bench import measure
from graph.bench.baseline import Baseline
from graph.model import CONTEXTS, VISIBILITIES
from graph.model import pair_key
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH

SMALL = ["--people", "300", "--relationships", "2000", "--colleagues", "21"]
HEX_ID = re.compile(r"^[0-9a-f]{32}$")


def make_app(store, results_dir):
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH,
                       "CARNET_BENCH_RESULTS": str(results_dir)}, store=store)


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def export(store) -> tuple[list[dict], list[dict]]:
    out = io.StringIO()
    backup.export_graph(store, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()[1:]]
    return [x["node"] for x in lines if "node" in x], [x["rel"] for x in lines if "rel" in x]


@pytest.fixture(scope="module")
def bench(data_dir, tmp_path_factory):
    """One small generated graph shared by the module (generation is the slow part)."""
    store = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    results = tmp_path_factory.mktemp("bench-results")
    app = make_app(store, results)
    result = run(app, "bench", "generate", *SMALL, "--seed", "7")
    nodes, rels = export(store)
    yield {"app": app, "store": store, "output": result.output, "exit_code": result.exit_code,
           "nodes": nodes, "rels": rels, "results": results}
    store.clear()
    store.close()


@pytest.fixture
def other_graph(data_dir):
    store = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    yield store
    store.clear()
    store.close()


def by_label(nodes, label):
    return [n["props"] for n in nodes if n["labels"] == [label]]


def by_type(rels, rel_type):
    return [r for r in rels if r["type"] == rel_type]


def test_generate_reports_and_writes_exact_counts(bench):
    assert bench["exit_code"] == 0, bench["output"]
    assert "generated graph" in bench["output"]
    nodes, rels = bench["nodes"], bench["rels"]
    assert len(by_label(nodes, "Person")) == 300
    assert len(by_label(nodes, "User")) == 21
    assert len(by_type(rels, "KNOWS")) == 2000  # --relationships counts people's relationships
    assert set(Counter(r["type"] for r in rels)) == {
        "KNOWS", "WORKS_AT", "STUDIED_AT", "REPORTS_TO", "PART_OF", "IS_PERSON", "MEMBER_OF", "MANAGES"}
    [record_file] = bench["results"].glob(f"generate-{bench['store'].graph_name}-*.json")
    record = json.loads(record_file.read_text())
    assert record["counts"]["relationships"]["KNOWS"] == len(by_type(rels, "KNOWS"))
    assert record["seconds"] > 0


def test_users_teams_and_roles(bench):
    nodes, rels = bench["nodes"], bench["rels"]
    users = by_label(nodes, "User")
    roles = Counter(u["role"] for u in users)
    teams = by_label(nodes, "Team")
    assert roles["admin"] == 1 and roles["manager"] == len(teams) == 2 and roles["rep"] == 18
    assert {u["username"] for u in users if u["role"] == "admin"} == {"admin"}
    assert len(by_type(rels, "IS_PERSON")) == 21 and len(by_type(rels, "MEMBER_OF")) == 20
    managed = {r["to"] for r in by_type(rels, "MANAGES")}
    assert len(managed) == len(teams)  # every team has its own manager
    for user in users:
        assert set(user) >= {"id", "username", "password_hash", "role", "name", "active", "auth_epoch", "created_at"}
    # The users are real: the admin can log in with the documented bench password.
    services = bench["app"].extensions["carnet"]
    assert services.users.authenticate("admin", "bench-password")["role"] == "admin"


def test_ids_properties_and_one_knows_per_pair(bench):
    nodes, rels = bench["nodes"], bench["rels"]
    people = {p["id"]: p for p in by_label(nodes, "Person")}
    assert all(HEX_ID.match(n["props"]["id"]) for n in nodes if n["labels"] != ["Meta"])
    user_ids = {u["id"] for u in by_label(nodes, "User")}
    knows = by_type(rels, "KNOWS")
    pairs = set()
    for rel in knows:
        a, b = (rel["from"].split(":", 1)[1], rel["to"].split(":", 1)[1])
        props = rel["props"]
        assert a != b and a in people and b in people
        assert props["pair"] == pair_key(props["owner"], a, b)
        assert props["owner"] in user_ids
        assert props["strength"] in (1, 2, 3, 4, 5) and props["context"] in CONTEXTS
        assert HEX_ID.match(props["id"]) and props["updated_at"] >= props["created_at"]
        pairs.add(frozenset((a, b)))
    assert len(pairs) == len(knows)
    assert {r["props"]["visibility"] for r in knows} == set(VISIBILITIES)
    assert {r["props"]["strength"] for r in knows} == {1, 2, 3, 4, 5}
    # Outsiders know each other too, recorded by colleagues.
    colleagues = {p["id"] for p in people.values() if p.get("colleague")}
    assert len(colleagues) == 21
    assert any(r["from"].split(":", 1)[1] not in colleagues and r["to"].split(":", 1)[1] not in colleagues
               for r in knows)
    # The services read generated data like their own.
    some = knows[0]["props"]["id"]
    assert bench["app"].extensions["carnet"].relationships.get(SYSTEM, some)["strength"] in range(1, 6)


def test_positions_overlap_and_reports_stay_inside_organisations(bench):
    nodes, rels = bench["nodes"], bench["rels"]
    orgs = {o["id"]: o for o in by_label(nodes, "Organisation")}
    assert {o["kind"] for o in orgs.values()} >= {"account", "prospect", "school"}
    current = defaultdict(set)
    spans = defaultdict(list)
    for rel in by_type(rels, "WORKS_AT"):
        person, org, props = rel["from"].split(":", 1)[1], rel["to"].split(":", 1)[1], rel["props"]
        assert orgs[org]["kind"] != "school" and props["start"] <= props.get("end", "9999")
        spans[org].append((props["start"], props.get("end")))
        if "end" not in props:
            current[person].add(org)
    assert any("end" in r["props"] for r in by_type(rels, "WORKS_AT"))

    def former_colleagues_exist():
        for periods in spans.values():
            for i, (s1, e1) in enumerate(periods):
                for s2, e2 in periods[i + 1:]:
                    if (e1 or e2) and s1 <= (e2 or "9999") and s2 <= (e1 or "9999"):
                        return True
        return False

    assert former_colleagues_exist()
    reports = by_type(rels, "REPORTS_TO")
    assert reports
    for rel in reports:
        a, b = rel["from"].split(":", 1)[1], rel["to"].split(":", 1)[1]
        assert current[a] & current[b], "a reporting line stays inside one organisation"
    assert all(orgs[r["to"].split(":", 1)[1]]["kind"] == "school" for r in by_type(rels, "STUDIED_AT"))


def test_same_seed_same_graph_other_seed_other_graph(bench, other_graph, tmp_path):
    def strip(nodes, rels):
        cleaned = [{**n, "props": {k: v for k, v in n["props"].items() if k != "password_hash"}} for n in nodes
                   if n["labels"] != ["Meta"]]
        return sorted(json.dumps(x, sort_keys=True) for x in cleaned + rels)

    app = make_app(other_graph, tmp_path)
    result = run(app, "bench", "generate", *SMALL, "--seed", "7")
    assert result.exit_code == 0, result.output
    assert strip(*export(other_graph)) == strip(bench["nodes"], bench["rels"])
    other = gen.build_plan(gen.Spec(300, 2000, 21, seed=8), "x")
    assert {p["id"] for p in other.people}.isdisjoint({p["id"] for p in by_label(bench["nodes"], "Person")})


def test_generate_refuses_a_graph_that_is_not_empty(bench):
    before = len(bench["rels"])
    result = run(bench["app"], "bench", "generate", *SMALL, "--seed", "9")
    assert result.exit_code != 0
    assert "empty graph" in result.output
    assert len(export(bench["store"])[1]) == before


def test_generate_into_a_named_graph(bench, data_dir, tmp_path):
    name = f"t_{uuid.uuid4().hex[:12]}"
    target = FalkorDBStore(data_dir, graph_name=name)
    try:
        result = run(bench["app"], "bench", "generate", "--people", "60", "--relationships", "400",
                     "--colleagues", "5", "--graph", name)
        assert result.exit_code == 0, result.output
        nodes, rels = export(target)
        assert len(by_label(nodes, "Person")) == 60 and len(by_type(rels, "KNOWS")) == 400
    finally:
        target.clear()
        target.close()


def test_generate_refuses_impossible_sizes(other_graph, tmp_path):
    result = run(make_app(other_graph, tmp_path), "bench", "generate", "--people", "300",
                 "--relationships", "5", "--colleagues", "10")
    assert result.exit_code != 0 and "--relationships must be at least" in result.output
    assert export(other_graph) == ([], [])


def test_bench_paths_prints_a_table_and_writes_json(bench, tmp_path):
    out = tmp_path / "paths.json"
    result = run(bench["app"], "bench", "paths", "--targets", "6", "--viewers", "4", "--baseline-sample", "1",
                 "--query-timeout", "5", "--json", str(out))
    assert result.exit_code == 0, result.output
    for label in ("p50", "p95", "p99", "cold load", "speed-up", "RSS app + store", "generation time"):
        assert label in result.output
    data = json.loads(out.read_text())
    assert set(data) >= {"graph", "backend", "k", "max_hops", "targets", "viewers", "cold_load_ms", "service",
                         "per_viewer", "baseline", "rss", "generation", "targets_met"}
    assert (data["k"], data["max_hops"], data["targets"], data["viewers"]) == (5, 4, 6, 4)
    service = data["service"]
    assert service["queries"] == 24
    assert service["p50_ms"] <= service["p95_ms"] <= service["p99_ms"] <= service["max_ms"]
    assert 0 <= service["paths_found_ratio"] <= 1
    assert {v["role"] for v in data["per_viewer"]} == {"rep", "manager", "admin"}
    assert len({v["team"] for v in data["per_viewer"] if v["role"] == "rep"}) == 2
    assert data["baseline"]["queries"] == 1 and data["baseline"]["speedup"] > 0
    assert data["rss"]["app_mib"] > 0 and data["rss"]["store_mib"] > 0
    assert data["generation"]["spec"]["people"] == 300
    assert set(data["targets_met"]) == {"p95_le_50ms", "speedup_ge_50x", "rss_le_1_5GiB"}


def test_bench_paths_on_an_empty_graph_says_so(other_graph, tmp_path):
    result = run(make_app(other_graph, tmp_path), "bench", "paths", "--json", str(tmp_path / "p.json"))
    assert result.exit_code != 0 and "bench generate" in result.output


def test_baseline_paths_are_ranked_simple_and_within_max_hops(bench):
    services = bench["app"].extensions["carnet"]
    colleagues = bench["store"].read("bench/list_colleagues")
    admin = services.users.viewer(next(c["user_id"] for c in colleagues if c["role"] == "admin"))
    base = Baseline(bench["store"], admin, colleagues)
    colleague_people = {c["person_id"] for c in colleagues}
    outsiders = sorted(p["id"] for p in by_label(bench["nodes"], "Person") if not p.get("colleague"))
    found = [base.find(target, k=3, max_hops=3) for target in outsiders[:5]]
    assert any(found)
    for target, paths in zip(outsiders, found):
        assert len(paths) <= 3
        assert [s for s, _ in paths] == sorted((s for s, _ in paths), reverse=True)
        for score, people in paths:
            assert 0 < score <= 1 and people[0] in colleague_people and people[-1] == target
            assert len(set(people)) == len(people) and not colleague_people & set(people[1:])
            assert len(people) - 1 <= 3  # hub nodes never count as a hop


def test_percentiles_match_the_standard_library():
    values = [float(v) for v in (7, 1, 3, 9, 4, 12, 5, 8, 2, 30)]
    inclusive = statistics.quantiles(values, n=100, method="inclusive")
    assert measure.percentile(values, 50) == pytest.approx(statistics.median(values))
    assert measure.percentile(values, 95) == pytest.approx(inclusive[94])
    assert measure.percentile(values, 99) == pytest.approx(inclusive[98])


def test_a_query_past_its_time_or_memory_limit_is_abandoned():
    ms, result, stopped = measure.timed(lambda: time.sleep(2) or "late", 0.05)
    assert (result, stopped) == (None, "time") and ms < 1000
    assert measure.timed(lambda: "quick", 1.0)[1:] == ("quick", None)

    def hog():
        chunks = []
        for _ in range(400):  # up to ~400 MiB, touched so it is resident
            chunks.append(bytearray(1024 * 1024))
            time.sleep(0.005)
        return "done"

    ms, result, stopped = measure.timed(hog, 10, memory_mib=measure.rss_mib() + 50)
    assert (result, stopped) == (None, "memory")
