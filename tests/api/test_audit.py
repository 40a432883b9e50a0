"""The audit log over the API: who may read what, filters, and that it is append-only."""

from __future__ import annotations

import pathlib
import re

import pytest

from graph import cypher


@pytest.fixture
def trail(api) -> dict:
    """A North nomination (alice → mona's event) and a South one (carol → sam's event)."""
    vip = api.created("ada", "/api/people", {"name": "Victor Vip"})
    north = api.created("mona", "/api/events", {"name": "North gala", "date": "2026-03-01"})
    south = api.created("sam", "/api/events", {"name": "South fair", "date": "2026-04-01"})
    n1 = api.created("alice", f"/api/events/{north['id']}/nominations", {"person_id": vip["id"], "reason": "r1"})
    n2 = api.created("carol", f"/api/events/{south['id']}/nominations", {"person_id": vip["id"], "reason": "r2"})
    api.post("mona", f"/api/nominations/{n1['id']}/decision", {"decision": "approve", "reason": "yes"})
    api.post("sam", f"/api/nominations/{n2['id']}/decision", {"decision": "reject", "reason": "no"})
    return {"vip": vip, "north": north, "south": south}


def _actions(api, who, query=""):
    response = api.get(who, f"/api/audit{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return sorted((e["action"], e.get("event_name")) for e in response.get_json()["entries"])


def test_reps_may_not_read_the_audit_log(api, trail):
    assert api.get("alice", "/api/audit").status_code == 403


def test_managers_read_their_teams_and_admins_all(api, trail):
    north = [("grant.create", "North gala")] * 2 + [("nomination.approve", "North gala"),
                                                    ("nomination.create", "North gala")]
    south = [("nomination.create", "South fair"), ("nomination.reject", "South fair")]
    assert _actions(api, "mona") == sorted(north)
    assert _actions(api, "sam") == sorted(south)
    assert _actions(api, "ada") == sorted(north + south)


def test_filters_by_event_person_and_user(api, trail):
    assert _actions(api, "ada", f"?event={trail['south']['id']}") == \
        [("nomination.create", "South fair"), ("nomination.reject", "South fair")]
    assert len(_actions(api, "ada", f"?person={trail['vip']['id']}")) == 6
    carol = api.cast.id("carol")
    assert _actions(api, "ada", f"?user={carol}") == \
        [("nomination.create", "South fair"), ("nomination.reject", "South fair")]  # by her, or about her
    entry = api.get("ada", f"/api/audit?event={trail['south']['id']}").get_json()["entries"]
    reject = next(e for e in entry if e["action"] == "nomination.reject")
    assert (reject["actor_name"], reject["reason"], reject["at"]) == ("Sam", "no", "2026-01-01T00:00:00Z")
    assert api.get("ada", "/api/audit?who=x").status_code == 400


def test_the_log_is_append_only():
    """No statement in cypher/ changes or deletes an AuditEntry: it is only ever created."""
    seen = 0
    for path in pathlib.Path(cypher.CYPHER_DIR).rglob("*.cypher"):
        lines = [line.strip().upper() for line in path.read_text().splitlines()]
        if not any(re.search(r"\(\w*:AUDITENTRY", line) for line in lines):
            continue  # no pattern binds an AuditEntry (a `NOT n:AuditEntry` filter keeps it out)
        seen += 1
        assert not any(word in line for line in lines for word in ("DELETE", "REMOVE", "MERGE")), path
        for i, line in enumerate(lines):
            if line.startswith("SET"):
                assert i > 0 and lines[i - 1].startswith("CREATE ("), path  # only the new node's own SET
    assert seen >= 3  # create, list, backup restore
