"""The audit log never tells anyone but its owner that a private relationship exists: a line
about a relationship that is private now, or about the change that made it private, is read by
its owner alone (not by their manager, not by an admin); a change that made it non-private
shows from then on."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def olga(api) -> dict:
    return api.created("ada", "/api/people", {"name": "Olga Quiet"})


def _know(api, who, person, level) -> dict:
    return api.created(who, "/api/relationships", {"person_id": api.cast.person(who), "other_id": person["id"],
                                                   "strength": 4, "visibility": level})


def _set(api, who, rel, level):
    response = api.patch(who, f"/api/relationships/{rel['id']}", {"visibility": level})
    assert response.status_code == 200, response.get_data(as_text=True)


def _lines(api, who, rel, query="") -> list[str]:
    response = api.get(who, f"/api/audit{query}")
    assert response.status_code == 200
    return [e["detail"] for e in response.get_json()["entries"] if e.get("relationship_id") == rel["id"]]


def test_a_change_to_private_is_read_by_its_owner_only(api, olga):
    rel = _know(api, "alice", olga, "exclusive")
    _set(api, "alice", rel, "private")
    for who in ("mona", "ada"):
        assert _lines(api, who, rel) == [] and _lines(api, who, rel, f"?person={olga['id']}") == []
        assert rel["id"] not in json.dumps(api.get(who, "/api/audit").get_json())
    mine = _know(api, "mona", olga, "exclusive")
    _set(api, "mona", mine, "private")
    assert _lines(api, "mona", mine) == ["exclusive → private"]  # the owner reads her own
    assert _lines(api, "ada", mine) == []


def test_every_line_about_a_relationship_private_now_is_hidden(api, olga):
    rel = _know(api, "alice", olga, "exclusive")
    _set(api, "alice", rel, "team")
    assert _lines(api, "mona", rel) == ["exclusive → team"]
    _set(api, "alice", rel, "private")
    assert _lines(api, "mona", rel) == [] and _lines(api, "ada", rel) == []


def test_a_change_from_private_shows_from_then_on(api, olga):
    rel = _know(api, "alice", olga, "exclusive")
    _set(api, "alice", rel, "private")
    _set(api, "alice", rel, "team")
    for who in ("mona", "ada"):
        assert _lines(api, who, rel) == ["private → team"]


def test_hidden_lines_do_not_shorten_a_page(api, olga):
    rel = _know(api, "alice", olga, "exclusive")
    _set(api, "alice", rel, "private")
    shown = _know(api, "bob", olga, "exclusive")
    for level in ("team", "exclusive", "team"):
        _set(api, "bob", shown, level)
    for level in ("exclusive", "private", "exclusive", "private"):
        _set(api, "alice", rel, level)
    entries = api.get("mona", "/api/audit?limit=3").get_json()["entries"]
    assert sorted(e["detail"] for e in entries) == ["exclusive → team", "exclusive → team", "team → exclusive"]


def test_an_import_line_never_counts_private_relationships(api):
    s, alice = api.cast.services, api.cast.viewer("alice")
    s.imports.commit(alice, s.imports.plan(alice, b"name,visibility\nQuiet One,private\nOpen One,team\n"))
    for who in ("mona", "ada"):
        details = [e["detail"] for e in s.audit.list(api.cast.viewer(who)) if e["action"] == "import.commit"]
        assert len(details) == 1 and "1 relationships created" in details[0], details
