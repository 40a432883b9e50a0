"""Policy rules over the API on the real store: decisions for new relationships, forced levels,
ordering, the undeletable default, re-application with preview, audit and owner notices."""

from __future__ import annotations

import pytest

PUBLIC_REASON = "Public-sector accounts are shared company-wide"


@pytest.fixture
def world(api) -> dict:
    public = api.created("ada", "/api/organisations", {"name": "Ministry", "kind": "account", "sector": "Public",
                                                      "country": "FR"})
    retail = api.created("ada", "/api/organisations", {"name": "ShopCo", "kind": "prospect", "sector": "Retail"})
    return {
        "official": api.created("ada", "/api/people", {"name": "Olga Official", "organisation_id": public["id"]}),
        "buyer": api.created("ada", "/api/people", {"name": "Bruno Buyer", "organisation_id": retail["id"]}),
        "loner": api.created("ada", "/api/people", {"name": "Lou Loner"}),
    }


def _rule(api, **kw) -> dict:
    return api.created("ada", "/api/policy/rules", {"name": "Public sector", "sector": "public", "outcome": "company",
                                                    "reason": PUBLIC_REASON, **kw})


def _know(api, who, person, **kw):
    return api.post(who, "/api/relationships", {"person_id": api.cast.person(who), "other_id": person["id"],
                                                "strength": 3, **kw})


def test_default_rule_is_listed_last_and_readable_by_reps(api):
    rules = api.get("alice", "/api/policy/rules").get_json()["rules"]
    assert [(r["name"], r["outcome"], r["mode"], r["is_default"]) for r in rules] == \
        [("Default: exclusive", "exclusive", "default", True)]


def test_only_admins_change_rules(api):
    for who in ("alice", "mona"):
        assert api.post(who, "/api/policy/rules", {"name": "x", "outcome": "team"}).status_code == 403
    assert api.get("alice", "/api/policy/reapply").status_code == 403
    rule = _rule(api)
    assert api.patch("mona", f"/api/policy/rules/{rule['id']}", {"outcome": "team"}).status_code == 403
    assert api.delete("alice", f"/api/policy/rules/{rule['id']}").status_code == 403


def test_new_relationship_without_visibility_gets_the_matching_rule(api, world):
    rule = _rule(api)
    response = _know(api, "alice", world["official"])
    assert response.status_code == 201
    rel = response.get_json()
    assert rel["visibility"] == "company"
    assert rel["policy_rule"] == {"id": rule["id"], "name": "Public sector", "reason": PUBLIC_REASON}
    other = _know(api, "alice", world["buyer"]).get_json()
    assert (other["visibility"], other["policy_rule"]["name"]) == ("exclusive", "Default: exclusive")


def test_default_mode_lets_the_rep_choose_forced_does_not(api, world):
    _rule(api)
    chosen = _know(api, "alice", world["official"], visibility="private")
    assert chosen.status_code == 201 and chosen.get_json()["visibility"] == "private"
    assert chosen.get_json()["policy_rule"] is None  # the rep chose, not the rule
    api.created("ada", "/api/policy/rules", {"name": "Retail stays exclusive", "sector": "Retail",
                                             "outcome": "exclusive", "mode": "forced", "reason": "Retail is touchy"})
    refused = _know(api, "bob", world["buyer"], visibility="company")
    assert refused.status_code == 400
    assert refused.get_json()["field"] == "visibility" and "Retail stays exclusive" in refused.get_json()["error"]
    assert _know(api, "bob", world["buyer"], visibility="private").status_code == 400
    assert api.get("ada", "/api/policy/reapply").get_json()["changes"] == []  # nothing was written
    ok = _know(api, "bob", world["buyer"], visibility="exclusive")
    assert ok.status_code == 201


def test_forced_rule_holds_on_edit(api, world):
    rel = _know(api, "alice", world["official"]).get_json()
    _rule(api, mode="forced", outcome="team")
    response = api.patch("alice", f"/api/relationships/{rel['id']}", {"visibility": "company"})
    assert (response.status_code, response.get_json()["field"]) == (400, "visibility")
    assert api.patch("alice", f"/api/relationships/{rel['id']}", {"visibility": "team"}).status_code == 200


def test_strength_and_team_conditions_and_order(api, world):
    north = next(t for t in api.cast.services.users.teams() if t["name"] == "North")
    strong = api.created("ada", "/api/policy/rules", {"name": "Strong North", "min_strength": 4,
                                                      "team_id": north["id"], "outcome": "team"})
    api.created("ada", "/api/policy/rules", {"name": "Strong", "min_strength": 4, "outcome": "company"})
    assert _know(api, "alice", world["loner"], strength=4).get_json()["visibility"] == "team"
    assert _know(api, "carol", world["loner"], strength=5).get_json()["visibility"] == "company"
    assert _know(api, "bob", world["loner"], strength=3).get_json()["visibility"] == "exclusive"
    rules = api.post("ada", f"/api/policy/rules/{strong['id']}/move", {"direction": "down"}).get_json()["rules"]
    assert [r["name"] for r in rules] == ["Strong", "Strong North", "Default: exclusive"]
    assert _know(api, "mona", world["loner"], strength=4).get_json()["visibility"] == "company"
    bad = api.post("ada", "/api/policy/rules", {"name": "x", "outcome": "team", "team_id": "nope"})
    assert (bad.status_code, bad.get_json()["field"]) == (404, "team_id")


def test_default_rule_cannot_be_deleted_or_given_conditions(api):
    default = api.get("ada", "/api/policy/rules").get_json()["rules"][-1]
    assert api.delete("ada", f"/api/policy/rules/{default['id']}").status_code == 409
    bad = api.patch("ada", f"/api/policy/rules/{default['id']}", {"sector": "Public"})
    assert (bad.status_code, bad.get_json()["field"]) == (400, "sector")
    changed = api.patch("ada", f"/api/policy/rules/{default['id']}", {"outcome": "team"}).get_json()
    assert (changed["outcome"], changed["is_default"]) == ("team", True)
    other = _rule(api)
    assert api.delete("ada", f"/api/policy/rules/{other['id']}").status_code == 200
    assert [r["id"] for r in api.get("ada", "/api/policy/rules").get_json()["rules"]] == [default["id"]]


def test_reapply_previews_then_applies_audits_and_tells_owners(api, world):
    by_policy = _know(api, "alice", world["official"]).get_json()        # exclusive by the default
    by_owner = _know(api, "bob", world["official"], visibility="exclusive").get_json()
    other = _know(api, "carol", world["buyer"]).get_json()
    rule = _rule(api)
    preview = api.get("ada", "/api/policy/reapply").get_json()["changes"]
    assert [(c["relationship_id"], c["from"], c["to"], c["rule"]["id"]) for c in preview] == \
        [(by_policy["id"], "exclusive", "company", rule["id"])]
    applied = api.post("ada", "/api/policy/reapply").get_json()["changes"]
    assert [c["relationship_id"] for c in applied] == [by_policy["id"]]
    assert api.get("alice", f"/api/relationships/{by_policy['id']}").get_json()["visibility"] == "company"
    assert api.get("bob", f"/api/relationships/{by_owner['id']}").get_json()["visibility"] == "exclusive"
    assert api.get("carol", f"/api/relationships/{other['id']}").get_json()["visibility"] == "exclusive"
    assert api.get("ada", "/api/policy/reapply").get_json()["changes"] == []
    # a forced rule also overrides the owner's own choice
    api.patch("ada", f"/api/policy/rules/{rule['id']}", {"mode": "forced"})
    assert [c["relationship_id"] for c in api.post("ada", "/api/policy/reapply").get_json()["changes"]] == \
        [by_owner["id"]]
    services = api.cast.services
    alice_inbox = services.notifications.inbox(api.cast.viewer("alice"))
    assert len(alice_inbox) == 1 and "Public sector" in alice_inbox[0]["text"]
    entries = services.audit.list(api.cast.viewer("ada"))
    actions = [e["action"] for e in entries]
    assert actions.count("relationship.visibility") == 2 and actions.count("policy.reapply") == 2
    assert {"policy.create", "policy.update"} <= set(actions)
    mona = [e["action"] for e in services.audit.list(api.cast.viewer("mona"))]  # North: alice's + bob's changes
    assert mona.count("relationship.visibility") == 2
    sam = [e["action"] for e in services.audit.list(api.cast.viewer("sam"))]
    assert "relationship.visibility" not in sam
