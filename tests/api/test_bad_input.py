"""Bad input on every writing route: 400 with the field at fault, and nothing written."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def world(api) -> dict:
    """Ids the cases refer to; every token is fetched before a case measures the store."""
    org = api.created("alice", "/api/organisations", {"name": "Acme", "kind": "account"})
    school = api.created("alice", "/api/organisations", {"name": "HEC", "kind": "school"})
    person = api.created("alice", "/api/people", {"name": "Xavier", "email": "x@acme.example"})
    rel = api.created("alice", "/api/relationships", {"person_id": api.cast.person("alice"),
                                                      "other_id": person["id"], "strength": 3})
    api.token("ada")
    return {"org": org["id"], "school": school["id"], "person": person["id"], "rel": rel["id"],
            "me": api.cast.person("alice")}


# (who, method, path, body, field). body: a dict/list is sent as JSON; bytes/str are sent raw
# as application/json; ("text/plain", raw) is sent with that content type.
CASES = [
    ("alice", "POST", "/api/people", b"{not json", "body"),
    ("alice", "POST", "/api/people", b"", "body"),
    ("alice", "POST", "/api/people", b'{"name": NaN}', "body"),
    ("alice", "POST", "/api/people", b"\xff\xfe", "body"),
    ("alice", "POST", "/api/people", [{"name": "X"}], "body"),
    ("alice", "POST", "/api/people", "just a string", "body"),
    ("alice", "POST", "/api/people", ("text/plain", '{"name": "X"}'), "body"),
    ("alice", "POST", "/api/people", ("application/x-www-form-urlencoded", "name=X"), "body"),
    ("alice", "POST", "/api/people", {"name": "X", "colour": "red"}, "colour"),
    ("alice", "POST", "/api/people", {"name": 5}, "name"),
    ("alice", "POST", "/api/people", {}, "name"),
    ("alice", "POST", "/api/people", {"name": "   "}, "name"),
    ("alice", "POST", "/api/people", {"name": "X", "email": "nope"}, "email"),
    ("alice", "POST", "/api/people", {"name": "X", "phone": "call me"}, "phone"),
    ("alice", "POST", "/api/people", {"name": "X" * 201}, "name"),
    ("alice", "POST", "/api/people", {"name": "X", "reports_to": ["a"]}, "reports_to"),
    ("alice", "PATCH", "/api/people/{person}", {"name": None}, "name"),
    ("alice", "PATCH", "/api/people/{person}", {"email": 3}, "email"),
    ("alice", "PATCH", "/api/people/{person}", {"reports_to": "{person}"}, "reports_to"),
    ("alice", "PATCH", "/api/people/{person}", {"organisation_id": "{org}"}, "organisation_id"),
    ("alice", "POST", "/api/organisations", {"name": "Bank", "kind": "bank"}, "kind"),
    ("alice", "POST", "/api/organisations", {"kind": "account"}, "name"),
    ("alice", "POST", "/api/organisations", {"name": "X", "kind": "account", "parent_id": 123}, "parent_id"),
    ("alice", "PATCH", "/api/organisations/{org}", {"kind": "x"}, "kind"),
    ("alice", "PATCH", "/api/organisations/{org}", {"parent_id": "{org}"}, "parent_id"),
    ("alice", "PATCH", "/api/organisations/{org}", {"id": "other"}, "id"),
    ("alice", "POST", "/api/people/{person}/positions", {}, "organisation_id"),
    ("alice", "POST", "/api/people/{person}/positions",
     {"organisation_id": "{org}", "start": "2024-05-01", "end": "2023-01-01"}, "end"),
    ("alice", "POST", "/api/people/{person}/positions", {"organisation_id": "{org}", "start": "May 2024"}, "start"),
    ("alice", "POST", "/api/people/{person}/education", {"school_id": "{org}"}, "school_id"),
    ("alice", "POST", "/api/people/{person}/education", {"school_id": "{school}", "end": 2011}, "end"),
    ("alice", "POST", "/api/relationships", {"person_id": "{me}", "other_id": "{school}"}, "strength"),
    ("alice", "POST", "/api/relationships", {"person_id": "{me}", "other_id": "{me}", "strength": 3}, "other_id"),
    ("alice", "POST", "/api/relationships", {"person_id": "{me}", "other_id": "{person}", "strength": "4"},
     "strength"),
    ("alice", "POST", "/api/relationships", {"person_id": "{me}", "other_id": "{person}", "strength": 6},
     "strength"),
    ("alice", "POST", "/api/relationships", {"person_id": "{me}", "other_id": "{person}", "strength": True},
     "strength"),
    ("alice", "POST", "/api/relationships", {"person_id": "{me}", "other_id": "{person}", "strength": 2.5},
     "strength"),
    ("alice", "POST", "/api/relationships",
     {"person_id": "{me}", "other_id": "{person}", "strength": 3, "visibility": "secret"}, "visibility"),
    ("alice", "POST", "/api/relationships",
     {"person_id": "{me}", "other_id": "{person}", "strength": 3, "context": "enemy"}, "context"),
    ("alice", "POST", "/api/relationships",
     {"person_id": "{me}", "other_id": "{person}", "strength": 3, "since": "yesterday"}, "since"),
    ("alice", "POST", "/api/relationships",
     {"person_id": "{me}", "other_id": "{person}", "strength": 3, "owner": "someone"}, "owner"),
    ("alice", "PATCH", "/api/relationships/{rel}", {"strength": 0}, "strength"),
    ("alice", "PATCH", "/api/relationships/{rel}", {"visibility": None}, "visibility"),
    ("alice", "PATCH", "/api/relationships/{rel}", {"owner": "x"}, "owner"),
    ("alice", "PATCH", "/api/relationships/{rel}", {}, "strength"),
    ("ada", "POST", "/api/users", {"username": "eve", "password": PASSWORD, "role": "god"}, "role"),
    ("ada", "POST", "/api/users", {"username": "eve", "password": "short", "role": "rep"}, "password"),
    ("ada", "POST", "/api/users", {"username": "e v e", "password": PASSWORD, "role": "rep"}, "username"),
    ("ada", "POST", "/api/users", {"username": "eve", "password": PASSWORD, "role": "rep", "admin": True}, "admin"),
    (None, "POST", "/api/tokens", {"username": "alice"}, "password"),
    (None, "POST", "/api/tokens", {"username": "alice", "password": PASSWORD, "remember": True}, "remember"),
    (None, "POST", "/api/tokens", {"username": ["alice"], "password": PASSWORD}, "username"),
    ("alice", "GET", "/api/people?page=0", None, "page"),
    ("alice", "GET", "/api/people?page=abc", None, "page"),
    ("alice", "GET", "/api/people?page=1&page=2", None, "page"),
    ("alice", "GET", "/api/people?sort=name", None, "sort"),
]


def _fill(value, world):
    if isinstance(value, str):
        return value.format(**world)
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    return value


@pytest.mark.parametrize("who,method,path,payload,field", CASES,
                         ids=[f"{c[1]} {c[2]} {c[4]} {i}" for i, c in enumerate(CASES)])
def test_bad_input_is_400_with_field_and_writes_nothing(api, world, who, method, path, payload, field):
    kwargs = {}
    if isinstance(payload, tuple):
        kwargs = {"data": payload[1], "content_type": payload[0]}
    elif isinstance(payload, bytes):
        kwargs = {"data": payload, "content_type": "application/json"}
    elif isinstance(payload, str):
        kwargs = {"data": json.dumps(payload), "content_type": "application/json"}
    elif payload is not None:
        kwargs = {"json": _fill(payload, world)}
    people = api.cast.services.people.list(api.cast.viewer("ada"))["total"]
    version = api.store.version()
    response = api.call(method, who, _fill(path, world), **kwargs)
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error", "field"} and body["field"] == field and body["error"]
    assert api.store.version() == version
    assert api.cast.services.people.list(api.cast.viewer("ada"))["total"] == people


def test_bad_input_leaves_the_objects_unchanged(api, world):
    before = {path: api.get("ada", path.format(**world)).get_json()
              for path in ("/api/people/{person}", "/api/organisations/{org}", "/api/relationships/{rel}")}
    assert api.patch("alice", f"/api/people/{world['person']}", {"title": "CEO", "email": "bad"}).status_code == 400
    assert api.patch("alice", f"/api/organisations/{world['org']}", {"name": "New", "kind": "x"}).status_code == 400
    assert api.patch("alice", f"/api/relationships/{world['rel']}",
                     {"strength": 5, "since": "never"}).status_code == 400
    after = {path: api.get("ada", path.format(**world)).get_json() for path in before}
    assert after == before
