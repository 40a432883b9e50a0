"""Account plans over the real store: coverage as each viewer may see it, the derived gaps,
warnings and leavers, who may write what, and bad input that writes nothing."""

from __future__ import annotations

import io
import json

import pytest

from graph import backup
from graph.errors import Conflict, Forbidden, NotFound, ValidationError
from graph.visibility import SYSTEM


def knows(services, cast, username, a, b, strength, visibility):
    return services.relationships.create(cast.viewer(username), {
        "person_id": a, "other_id": b, "strength": strength, "visibility": visibility})


@pytest.fixture
def world(services, cast):
    return build_world(services, cast)


def build_world(services, cast) -> dict:
    """Globex Group (account) with Globex Energy under it, five plan members of every kind of
    coverage, an opponent on the CEO, a leaver with a successor; Initech and a school besides."""
    s = services
    group = s.organisations.create(SYSTEM, {"name": "Globex Group", "kind": "account"})
    sub = s.organisations.create(SYSTEM, {"name": "Globex Energy", "kind": "account", "parent_id": group["id"]})
    other = s.organisations.create(SYSTEM, {"name": "Initech", "kind": "account"})
    school = s.organisations.create(SYSTEM, {"name": "HEC", "kind": "school"})
    p = {}
    for key, name, title, org in (("ceo", "Claire Chef", "CEO", sub), ("cfo", "Felix Finance", "CFO", group),
                                  ("opp", "Olga Opp", "CTO", sub), ("champ", "Chad Champ", "Architect", sub),
                                  ("heir", "Hana Heir", "Head of IT", sub), ("out", "Xavier Out", "CEO", other)):
        p[key] = s.people.create(SYSTEM, {"name": name, "title": title, "organisation_id": org["id"]})["id"]
    p["leaver"] = s.people.create(SYSTEM, {"name": "Leo Left", "title": "CIO", "organisation_id": other["id"]})["id"]
    s.people.add_position(SYSTEM, p["leaver"], {"organisation_id": sub["id"], "title": "Head of IT",
                                                "start": "2015-01-01", "end": "2024-06-30"})
    knows(s, cast, "alice", cast.person("alice"), p["ceo"], 4, "exclusive")
    knows(s, cast, "bob", cast.person("bob"), p["ceo"], 2, "team")
    private = knows(s, cast, "carol", cast.person("carol"), p["cfo"], 5, "private")
    knows(s, cast, "carol", cast.person("carol"), p["champ"], 4, "exclusive")
    knows(s, cast, "mona", cast.person("mona"), p["heir"], 5, "company")
    bridge = knows(s, cast, "mona", p["heir"], p["cfo"], 4, "company")
    mona = cast.viewer("mona")
    plans = s.plans
    for key, role, stance, influence in (("ceo", "decision_maker", "neutral", 5), ("cfo", "economic_buyer", "ally", 4),
                                         ("opp", "influencer", "opponent", 3), ("champ", "champion", "strong_ally", 4),
                                         ("leaver", "user", "neutral", 2)):
        plans.set_member(mona, group["id"], p[key], {"role": role, "stance": stance, "influence": influence})
    plans.add_influence(mona, group["id"], {"from_id": p["opp"], "to_id": p["ceo"]})
    return {"group": group, "sub": sub, "other": other, "school": school, "p": p, "private_rel": private["id"],
            "bridge_rel": bridge["id"]}


def coverage(plan, person_id):
    member = next(m for m in plan["members"] if m["person_id"] == person_id)
    return [(c["colleague_name"], c["strength"], c["locked"]) for c in member["coverage"]]


def test_a_rep_sees_coverage_shaped_by_visibility(services, cast, world):
    plan = services.plans.get(cast.viewer("alice"), world["group"]["id"])
    p = world["p"]
    assert [m["name"] for m in plan["members"]] == ["Chad Champ", "Claire Chef", "Felix Finance", "Leo Left", "Olga Opp"]
    assert coverage(plan, p["ceo"]) == [("Alice", 4, False), ("Bob", 2, False)]
    assert coverage(plan, p["cfo"]) == []  # carol's private tie: absent, not locked
    assert coverage(plan, p["champ"]) == [("Carol", None, True)]
    champ = next(m for m in plan["members"] if m["person_id"] == p["champ"])
    assert champ["coverage"][0]["owner_name"] == "Carol"
    # weights: ceo 10, cfo 8, opp 3, champ 4; best: 4, 0, 0, 3 (locked counts 3) -> 52/125
    assert plan["summary"]["coverage_score"] == 42


def test_another_team_sees_locked_owners_and_its_own_strengths(services, cast, world):
    plan = services.plans.get(cast.viewer("carol"), world["group"]["id"])
    p = world["p"]
    assert coverage(plan, p["ceo"]) == [("Alice", None, True), ("Bob", None, True)]
    assert coverage(plan, p["cfo"]) == [("Carol", 5, False)]
    assert plan["gaps"] == []  # locked coverage counts as strength 3: the ceo is no gap
    sam = services.plans.get(cast.viewer("sam"), world["group"]["id"])  # carol's manager: not her private tie
    assert coverage(sam, p["cfo"]) == [] and coverage(sam, p["champ"]) == [("Carol", 4, False)]
    ada = services.plans.get(cast.viewer("ada"), world["group"]["id"])
    assert coverage(ada, p["cfo"]) == [] and coverage(ada, p["ceo"]) == [("Alice", 4, False), ("Bob", 2, False)]


def test_gaps_carry_their_best_warm_path(services, cast, world):
    plan = services.plans.get(cast.viewer("alice"), world["group"]["id"])
    p = world["p"]
    assert [g["person_id"] for g in plan["gaps"]] == [p["cfo"]]
    path = plan["gaps"][0]["path"]
    assert [h["from"] for h in path["hops"]] + [path["hops"][-1]["to"]] == [cast.person("mona"), p["heir"], p["cfo"]]
    assert [h["to_name"] for h in path["hops"]] == ["Hana Heir", "Felix Finance"]
    assert path["score"] == pytest.approx(1.0 * 0.8 * 0.85)
    assert "path" not in services.plans.get(cast.viewer("alice"), world["group"]["id"], paths=False)["gaps"][0]


def test_gap_routes_follow_every_write(services, cast, world):
    alice = cast.viewer("alice")
    assert services.plans.get(alice, world["group"]["id"])["gaps"][0]["path"] is not None
    assert services.plans.get(alice, world["group"]["id"])["gaps"][0]["path"] is not None  # from the cache
    services.relationships.delete(cast.viewer("mona"), world["bridge_rel"])
    assert services.plans.get(alice, world["group"]["id"])["gaps"][0]["path"] is None


def test_warnings_opponents_and_leavers(services, cast, world):
    plan = services.plans.get(cast.viewer("alice"), world["group"]["id"])
    p = world["p"]
    assert [(w["name"], w["colleague_name"]) for w in plan["single_threaded"]] == [("Chad Champ", "Carol")]
    assert [(o["opponent"], o["decision_maker"]) for o in plan["opponents_influencing"]] == [("Olga Opp", "Claire Chef")]
    assert plan["left"] == [{"person_id": p["leaver"], "name": "Leo Left", "title": "Head of IT",
                             "successors": [{"person_id": p["heir"], "name": "Hana Heir", "title": "Head of IT",
                                             "reason": "same title"}]}]
    carol = services.plans.get(cast.viewer("carol"), world["group"]["id"])
    assert {w["name"] for w in carol["single_threaded"]} == {"Felix Finance", "Chad Champ"}


def test_one_person_holds_different_roles_in_different_plans(services, cast, world):
    mona = cast.viewer("mona")
    p = world["p"]
    services.plans.set_member(mona, world["other"]["id"], p["leaver"],
                              {"role": "decision_maker", "stance": "strong_ally", "influence": 5})
    other = services.plans.get(mona, world["other"]["id"], paths=False)
    group = services.plans.get(mona, world["group"]["id"], paths=False)
    assert [(m["role"], m["left"]) for m in other["members"]] == [("decision_maker", False)]
    assert [(m["role"], m["left"]) for m in group["members"] if m["person_id"] == p["leaver"]] == [("user", True)]


def test_only_managers_and_admins_edit_the_plan(services, cast, world):
    gid, p = world["group"]["id"], world["p"]
    for name in ("alice", "carol"):
        with pytest.raises(Forbidden):
            services.plans.set_member(cast.viewer(name), gid, p["heir"], {"role": "user", "stance": "ally", "influence": 1})
        with pytest.raises(Forbidden):
            services.plans.update(cast.viewer(name), gid, {"status": "active"})
    plan = services.plans.update(cast.viewer("ada"), gid, {"status": "active", "period_start": "2026-01-01",
                                                           "period_end": "2026-12-31",
                                                           "objectives": ["Win the grid deal", " ", "Meet the CFO"]})
    assert plan["plan"]["status"] == "active"
    assert plan["plan"]["objectives"] == ["Win the grid deal", "Meet the CFO"]
    linked = services.plans.add_action(cast.viewer("sam"), gid, {"title": "Win Olga over", "owner": cast.id("carol"),
                                                                 "member_id": p["opp"]})
    services.plans.remove_member(cast.viewer("sam"), gid, p["opp"])
    after = services.plans.get(cast.viewer("sam"), gid, paths=False)
    assert p["opp"] not in {m["person_id"] for m in after["members"]}
    assert after["influences"] == [] and after["opponents_influencing"] == []
    assert [(a["id"], a.get("member_id")) for a in after["actions"]] == [(linked["id"], None)]


def test_reps_manage_the_actions_they_own(services, cast, world):
    gid, p = world["group"]["id"], world["p"]
    action = services.plans.add_action(cast.viewer("mona"), gid, {
        "title": "Lunch with the CEO", "owner": cast.id("alice"), "due": "2000-01-31", "member_id": p["ceo"]})
    assert action["status"] == "open" and action["overdue"] is True and action["owner_name"] == "Alice"
    with pytest.raises(Forbidden):
        services.plans.update_action(cast.viewer("bob"), gid, action["id"], {"status": "done"})
    done = services.plans.update_action(cast.viewer("alice"), gid, action["id"], {"status": "done"})
    assert done["overdue"] is False
    with pytest.raises(Forbidden):
        services.plans.update_action(cast.viewer("alice"), gid, action["id"], {"owner": cast.id("bob")})
    with pytest.raises(Forbidden):
        services.plans.add_action(cast.viewer("bob"), gid, {"title": "x", "owner": cast.id("alice")})
    own = services.plans.add_action(cast.viewer("bob"), gid, {"title": "Call the CFO", "owner": cast.id("bob")})
    services.plans.delete_action(cast.viewer("bob"), gid, own["id"])
    plan = services.plans.get(cast.viewer("bob"), gid, paths=False)
    assert [(a["title"], a["member_name"], a["can_manage"]) for a in plan["actions"]] == [
        ("Lunch with the CEO", "Claire Chef", False)]
    with pytest.raises(NotFound):
        services.plans.update_action(cast.viewer("alice"), world["other"]["id"], action["id"], {"status": "open"})


@pytest.mark.parametrize("call, field", [
    (lambda s, c, w: s.plans.set_member(c.viewer("mona"), w["group"]["id"], w["p"]["heir"],
                                        {"role": "boss", "stance": "ally", "influence": 3}), "role"),
    (lambda s, c, w: s.plans.set_member(c.viewer("mona"), w["group"]["id"], w["p"]["heir"],
                                        {"role": "user", "stance": "friendly", "influence": 3}), "stance"),
    (lambda s, c, w: s.plans.set_member(c.viewer("mona"), w["group"]["id"], w["p"]["heir"],
                                        {"role": "user", "stance": "ally", "influence": 6}), "influence"),
    (lambda s, c, w: s.plans.set_member(c.viewer("mona"), w["group"]["id"], w["p"]["out"],
                                        {"role": "user", "stance": "ally", "influence": 3}), "person_id"),
    (lambda s, c, w: s.plans.add_action(c.viewer("mona"), w["group"]["id"],
                                        {"title": "t", "owner": w["p"]["ceo"]}), "owner"),
    (lambda s, c, w: s.plans.add_action(c.viewer("mona"), w["group"]["id"],
                                        {"title": "t", "owner": c.id("alice"), "due": "31/12/2026"}), "due"),
    (lambda s, c, w: s.plans.add_action(c.viewer("mona"), w["group"]["id"],
                                        {"title": "t", "owner": c.id("alice"), "member_id": w["p"]["heir"]}), "member_id"),
    (lambda s, c, w: s.plans.update(c.viewer("mona"), w["group"]["id"], {"period_start": "2026-13-01"}), "period_start"),
    (lambda s, c, w: s.plans.update(c.viewer("mona"), w["group"]["id"],
                                    {"period_start": "2026-06-01", "period_end": "2026-01-01"}), "period_end"),
    (lambda s, c, w: s.plans.add_influence(c.viewer("mona"), w["group"]["id"],
                                           {"from_id": w["p"]["heir"], "to_id": w["p"]["ceo"]}), "from_id"),
])
def test_bad_input_names_the_field_and_writes_nothing(services, cast, world, call, field):
    before = backup.snapshot(services.store)
    with pytest.raises(ValidationError) as caught:
        call(services, cast, world)
    assert caught.value.field == field
    assert backup.snapshot(services.store) == before


def test_a_duplicate_influence_line_is_a_conflict(services, cast, world):
    p = world["p"]
    with pytest.raises(Conflict):
        services.plans.add_influence(cast.viewer("mona"), world["group"]["id"], {"from_id": p["opp"], "to_id": p["ceo"]})


def test_only_accounts_have_plans_and_unknown_is_404(services, cast, world):
    with pytest.raises(NotFound):
        services.plans.get(cast.viewer("alice"), world["school"]["id"])
    with pytest.raises(NotFound):
        services.plans.get(cast.viewer("alice"), "nope")
    empty = services.plans.get(cast.viewer("alice"), world["other"]["id"])
    assert empty["plan"]["status"] == "draft" and empty["members"] == [] and empty["summary"]["coverage_score"] is None


def test_plans_survive_a_backup_round_trip(services, cast, world, data_dir):
    import uuid

    from graph.adapters.falkordb_store import FalkorDBStore

    services.plans.add_action(cast.viewer("mona"), world["group"]["id"], {"title": "t", "owner": cast.id("alice")})
    out = io.StringIO()
    backup.export_graph(services.store, out)
    fresh = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    try:
        backup.import_graph(fresh, io.StringIO(out.getvalue()))
        nodes, rels = backup.snapshot(fresh)
        assert {n["labels"][0] for n in nodes} >= {"Plan", "PlanAction"}
        assert {r["type"] for r in rels} >= {"PLAN_FOR", "PLAN_MEMBER", "INFLUENCES", "HAS_ACTION"}
    finally:
        fresh.clear()
        fresh.close()


def test_the_demo_plans_show_every_feature(services):
    from graph import demo
    from graph.model import ACTION_STATUSES, PLAN_ROLES, STANCES

    data = demo.load(services)
    assert data["created"]
    helene = services.users.viewer(demo.did("user", "helene"))
    plan = services.plans.get(helene, demo.did("org", "aurelia"))
    members = plan["members"]
    assert {m["role"] for m in members} == set(PLAN_ROLES)
    assert {m["stance"] for m in members} == set(STANCES)
    assert any(not c["locked"] for m in members for c in m["coverage"])
    julien = services.plans.get(services.users.viewer(demo.did("user", "julien")), demo.did("org", "aurelia"),
                                paths=False)
    assert any(c["locked"] and c["strength"] is None for m in julien["members"] for c in m["coverage"])
    assert plan["gaps"] and any(g.get("path") for g in plan["gaps"])
    assert plan["single_threaded"] and plan["opponents_influencing"]
    assert plan["left"] and plan["left"][0]["successors"]
    assert {a["status"] for a in plan["actions"]} == set(ACTION_STATUSES)
    assert any(a["overdue"] for a in plan["actions"]) and plan["plan"]["objectives"]
    statuses = {services.plans.get(helene, demo.did("org", key), paths=False)["plan"]["status"]
                for key, *_ in demo.PLANS}
    assert statuses == {"active", "draft", "on_hold"}


def test_bench_plans_runs_at_a_small_scale(store, tmp_path):
    """`bench plans` on a small generated graph: the account is added once, the table printed,
    the JSON written; a second run finds the account and writes nothing."""
    from app import create_app
    from graph.bench import plans as plan_bench
    from tests.conftest import FAST_HASH

    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH,
                      "CARNET_BENCH_RESULTS": str(tmp_path)}, store=store)
    runner = app.test_cli_runner()
    generated = runner.invoke(args=["bench", "generate", "--people", "300", "--relationships", "2000",
                                    "--colleagues", "21"])
    assert generated.exit_code == 0, generated.output
    args = ["bench", "plans", "--contacts", "40", "--colleagues", "5", "--runs", "2"]
    first = runner.invoke(args=args)
    assert first.exit_code == 0, first.output
    assert "created" in first.output and "plan JSON p95 <= 150 ms" in first.output
    result = json.loads((tmp_path / "plans.json").read_text())
    assert len(result["per_viewer"]) == 3 and {"json", "page", "cold"} <= set(result["per_viewer"][0])
    plan = app.extensions["carnet"].plans.get(SYSTEM, result["account_id"], paths=False)
    assert len(plan["members"]) == 40 and len(plan["actions"]) == 50
    covering = {c["colleague"] for m in plan["members"] for c in m["coverage"]}
    assert 0 < len(covering) <= 5
    assert len(plan["gaps"]) >= plan_bench.GAP_DECISION_MAKERS
    version = store.version()
    again = runner.invoke(args=args)
    assert again.exit_code == 0 and "found" in again.output
    # nothing is built again: the only writes are each viewer's bearer token (tokens are
    # recorded in the graph: expired ones pruned, then the new one created)
    assert store.version()[1] - version[1] == 2 * len(result["per_viewer"])
