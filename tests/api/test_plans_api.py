"""Account plans over the API: the CONTRACT shape, visibility, roles, bad input that writes nothing."""

from __future__ import annotations

import pytest

from graph import backup
from tests.integration.test_plans_service import build_world


@pytest.fixture
def world(app, api):
    w = build_world(app.extensions["carnet"], api.cast)
    for who in ("alice", "bob", "carol", "mona", "ada"):
        api.token(who)
    return w


def put(api, who, path, json):
    return api.call("PUT", who, path, json=json)


def test_get_plan_has_the_contract_shape(api, world):
    gid, p = world["group"]["id"], world["p"]
    response = api.get("alice", f"/api/accounts/{gid}/plan")
    assert response.status_code == 200
    data = response.get_json()
    assert data["account"]["id"] == gid and data["account"]["name"] == "Globex Group"
    assert [s["name"] for s in data["account"]["sub_organisations"]] == ["Globex Energy"]
    ceo = next(m for m in data["members"] if m["person_id"] == p["ceo"])
    assert {k: ceo[k] for k in ("name", "title", "role", "stance", "influence")} == {
        "name": "Claire Chef", "title": "CEO", "role": "decision_maker", "stance": "neutral", "influence": 5}
    assert [(c["colleague"], c["strength"], c["locked"]) for c in ceo["coverage"]] == [
        (api.cast.person("alice"), 4, False), (api.cast.person("bob"), 2, False)]
    champ = next(m for m in data["members"] if m["person_id"] == p["champ"])
    assert [(c["colleague_name"], c["strength"], c["locked"], c["owner_name"]) for c in champ["coverage"]] == [
        ("Carol", None, True, "Carol")]
    assert [g["person_id"] for g in data["gaps"]] == [p["cfo"]]
    assert data["gaps"][0]["path"]["hops"][0]["from"] == api.cast.person("mona")
    assert data["actions"] == []
    without = api.get("alice", f"/api/accounts/{gid}/plan?paths=0").get_json()
    assert "path" not in without["gaps"][0]


def test_a_private_tie_never_shows_and_unknown_is_404(api, world):
    gid, p = world["group"]["id"], world["p"]
    text = api.get("mona", f"/api/accounts/{gid}/plan").get_data(as_text=True)
    cfo = next(m for m in api.get("mona", f"/api/accounts/{gid}/plan").get_json()["members"] if m["person_id"] == p["cfo"])
    assert cfo["coverage"] == []
    assert world["private_rel"] not in text and "Carol" in text  # carol shows only where she may
    assert api.get("alice", "/api/accounts/nope/plan").status_code == 404
    assert api.get("alice", f"/api/accounts/{world['school']['id']}/plan").status_code == 404
    assert api.get(None, f"/api/accounts/{gid}/plan").status_code == 401


def test_put_member_adds_and_changes_and_reps_may_not(api, world):
    gid, p = world["group"]["id"], world["p"]
    path = f"/api/accounts/{gid}/plan/members/{p['heir']}"
    assert put(api, "alice", path, {"role": "coach", "stance": "ally", "influence": 2}).status_code == 403
    response = put(api, "mona", path, {"role": "coach", "stance": "ally", "influence": 2})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert {k: response.get_json()[k] for k in ("role", "stance", "influence")} == {
        "role": "coach", "stance": "ally", "influence": 2}
    changed = put(api, "ada", path, {"role": "champion", "stance": "strong_ally", "influence": 5, "notes": "Met at Lyon"})
    assert changed.get_json()["role"] == "champion" and changed.get_json()["notes"] == "Met at Lyon"
    assert api.delete("mona", path).status_code == 204
    assert p["heir"] not in {m["person_id"] for m in api.get("mona", f"/api/accounts/{gid}/plan?paths=0").get_json()["members"]}


def test_objectives_influences_and_actions(api, world):
    gid, p, cast = world["group"]["id"], world["p"], api.cast
    plan = put(api, "mona", f"/api/accounts/{gid}/plan", {"status": "active", "period_start": "2026-01-01",
                                                          "objectives": ["Win the grid deal"]})
    assert plan.status_code == 200 and plan.get_json()["plan"]["objectives"] == ["Win the grid deal"]
    line = api.created("mona", f"/api/accounts/{gid}/plan/influences", {"from_id": p["champ"], "to_id": p["cfo"]})
    assert api.post("mona", f"/api/accounts/{gid}/plan/influences",
                    {"from_id": p["champ"], "to_id": p["cfo"]}).status_code == 409
    assert api.delete("mona", f"/api/accounts/{gid}/plan/influences/{line['id']}").status_code == 204
    action = api.created("alice", f"/api/accounts/{gid}/plan/actions",
                         {"title": "Coffee with Claire", "owner": cast.id("alice"), "due": "2025-12-01",
                          "member_id": p["ceo"]})
    assert action["overdue"] is True and action["status"] == "open"  # the API clock says 2026-01-01
    assert api.patch("bob", f"/api/accounts/{gid}/plan/actions/{action['id']}", {"status": "done"}).status_code == 403
    done = api.patch("alice", f"/api/accounts/{gid}/plan/actions/{action['id']}", {"status": "done"})
    assert done.status_code == 200 and done.get_json()["overdue"] is False
    assert api.delete("alice", f"/api/accounts/{gid}/plan/actions/{action['id']}").status_code == 204


@pytest.mark.parametrize("who, method, suffix, body, field", [
    ("mona", "PUT", "members/{heir}", {"role": "boss", "stance": "ally", "influence": 3}, "role"),
    ("mona", "PUT", "members/{heir}", {"role": "user", "stance": "hostile", "influence": 3}, "stance"),
    ("mona", "PUT", "members/{heir}", {"role": "user", "stance": "ally", "influence": 0}, "influence"),
    ("mona", "PUT", "members/{heir}", {"role": "user", "stance": "ally", "influence": "5"}, "influence"),
    ("mona", "PUT", "members/{heir}", {"role": "user", "stance": "ally"}, "influence"),
    ("mona", "PUT", "members/{out}", {"role": "user", "stance": "ally", "influence": 3}, "person_id"),
    ("mona", "PUT", "members/{heir}", {"role": "user", "stance": "ally", "influence": 3, "x": 1}, "x"),
    ("mona", "POST", "actions", {"title": "t", "owner": "{ceo}"}, "owner"),
    ("mona", "POST", "actions", {"title": "t", "owner": "{alice}", "due": "tomorrow"}, "due"),
    ("mona", "POST", "actions", {"title": "t", "owner": "{alice}", "member_id": "{heir}"}, "member_id"),
    ("mona", "POST", "actions", {"owner": "{alice}"}, "title"),
    ("mona", "PUT", "", {"period_end": "2026-02-30"}, "period_end"),
    ("mona", "PUT", "", {"status": "won"}, "status"),
    ("mona", "POST", "influences", {"from_id": "{out}", "to_id": "{ceo}"}, "from_id"),
])
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(api, world, who, method, suffix, body, field):
    ids = dict(world["p"], alice=api.cast.id("alice"))
    fill = (lambda v: v.format(**ids) if isinstance(v, str) else v)
    path = f"/api/accounts/{world['group']['id']}/plan" + ("/" + fill(suffix) if suffix else "")
    before = backup.snapshot(api.store)
    response = api.call(method, who, path, json={k: fill(v) for k, v in body.items()})
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.get_json()["field"] == field
    assert backup.snapshot(api.store) == before


def test_the_plan_routes_are_in_the_openapi_document(client):
    spec = client.get("/api/openapi.json").get_json()
    assert "/api/accounts/{org_id}/plan" in spec["paths"]
    member = spec["paths"]["/api/accounts/{org_id}/plan/members/{person_id}"]["put"]
    schema = member["requestBody"]["content"]["application/json"]["schema"]
    from graph.model import PLAN_ROLES, STANCES
    assert schema["properties"]["role"]["enum"] == list(PLAN_ROLES)
    assert schema["properties"]["stance"]["enum"] == list(STANCES)
