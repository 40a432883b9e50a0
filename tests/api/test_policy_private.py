"""Policy rules never change a private relationship, and the admin's re-apply preview (API and
page) never lists or counts one: an admin does not see private relationships, so re-applying
rules must not become a way to see or publish them."""

from __future__ import annotations

import json

import pytest

from tests.conftest import login


@pytest.fixture
def official(api) -> dict:
    ministry = api.created("ada", "/api/organisations", {"name": "Ministry", "kind": "account", "sector": "Public"})
    return api.created("ada", "/api/people", {"name": "Olga Official", "organisation_id": ministry["id"]})


def _know(api, who, person, **kw) -> dict:
    return api.created(who, "/api/relationships", {"person_id": api.cast.person(who), "other_id": person["id"],
                                                   "strength": 4, **kw})


def _rule(api, **kw) -> dict:
    return api.created("ada", "/api/policy/rules", {"name": "Public sector", "sector": "public", "reason": "open",
                                                    **kw})


def test_a_forced_rule_never_publishes_a_private_relationship(api, official):
    private = _know(api, "bob", official, visibility="private")
    shared = _know(api, "alice", official, visibility="exclusive")
    _rule(api, outcome="company", mode="forced")
    preview = api.get("ada", "/api/policy/reapply").get_json()["changes"]
    assert [c["relationship_id"] for c in preview] == [shared["id"]]
    assert private["id"] not in json.dumps(preview) and "Bob" not in json.dumps(preview)
    applied = api.post("ada", "/api/policy/reapply").get_json()["changes"]
    assert [c["relationship_id"] for c in applied] == [shared["id"]]
    assert api.get("bob", f"/api/relationships/{private['id']}").get_json()["visibility"] == "private"
    assert api.get("mona", f"/api/relationships/{private['id']}").status_code == 404
    assert api.get("bob", "/api/notifications").get_json()["notifications"] == []
    reapplied = [e for e in api.cast.services.audit.list(api.cast.viewer("ada")) if e["action"] == "policy.reapply"]
    assert [e["detail"] for e in reapplied] == ["1 relationship(s) changed"]


def test_a_private_level_the_policy_chose_stays_private_when_the_rule_changes(api, official):
    rule = _rule(api, outcome="private")
    chosen = _know(api, "alice", official)
    assert chosen["visibility"] == "private"
    api.patch("ada", f"/api/policy/rules/{rule['id']}", {"outcome": "company"})
    assert api.get("ada", "/api/policy/reapply").get_json()["changes"] == []
    assert api.post("ada", "/api/policy/reapply").get_json()["changes"] == []
    assert api.get("alice", f"/api/relationships/{chosen['id']}").get_json()["visibility"] == "private"


def test_the_reapply_page_neither_lists_nor_counts_private_relationships(api, official):
    _know(api, "bob", official, visibility="private")
    _rule(api, outcome="company", mode="forced")
    login(api.client, "ada")
    page = api.client.get("/policy/reapply").get_data(as_text=True)
    assert "Olga Official" not in page and "Bob" not in page and "Apply 1" not in page
