"""Relationships over the API, and what each role sees of them and of the people they touch.

Cast: alice (owner, rep North), bob (her teammate), carol (rep South), mona (manager North,
alice's manager), sam (manager South), ada (admin). The expectations are written out by hand
from the visibility rules (docs/ARCHITECTURE.md), not computed with graph.visibility."""

from __future__ import annotations

import pytest

from tests.api.conftest import NOW_ISO

VIEWERS = ("alice", "bob", "carol", "mona", "sam", "ada")
V, L, H = "visible", "locked", "hidden"
SEES = {
    "private":   {"alice": V, "bob": H, "carol": H, "mona": H, "sam": H, "ada": H},
    "exclusive": {"alice": V, "bob": L, "carol": L, "mona": V, "sam": L, "ada": V},
    "team":      {"alice": V, "bob": V, "carol": L, "mona": V, "sam": L, "ada": V},
    "company":   {"alice": V, "bob": V, "carol": V, "mona": V, "sam": V, "ada": V},
}
# Who may change it (when they can see it at all): owner, owner's manager, admin.
MAY_CHANGE = {"alice", "mona", "ada"}


@pytest.fixture
def xavier(api) -> dict:
    """A contact created by the admin (so no rep sees his details as his creator)."""
    org = api.created("ada", "/api/organisations", {"name": "Acme", "kind": "account"})
    person = api.created("ada", "/api/people", {"name": "Xavier", "title": "CFO", "email": "x@acme.example",
                                                "phone": "+33 1 02 03 04 05", "notes": "golf",
                                                "organisation_id": org["id"]})
    return person


def _record(api, person, level, who="alice") -> dict:
    return api.created(who, "/api/relationships", {
        "person_id": api.cast.person(who), "other_id": person["id"], "strength": 4, "context": "client",
        "since": "2024-03-01", "notes": "met at the fair", "visibility": level})


def _full(api, rel_id, person, level) -> dict:
    alice = api.cast.users["alice"]
    return {"id": rel_id, "person_id": alice["person_id"], "person_name": "Alice", "other_id": person["id"],
            "other_name": "Xavier", "strength": 4, "context": "client", "since": "2024-03-01",
            "last_contact": None, "notes": "met at the fair", "visibility": level, "owner": alice["id"],
            "owner_name": "Alice", "locked": False, "policy_rule": None, "created_at": NOW_ISO,
            "updated_at": NOW_ISO}


def _locked(full: dict) -> dict:
    return {**full, "strength": None, "context": None, "since": None, "last_contact": None, "notes": None,
            "locked": True}


def test_create_answers_the_contract_shape(api, xavier):
    rel = _record(api, xavier, "team")
    assert rel == _full(api, rel["id"], xavier, "team")


def test_visibility_left_out_is_decided_for_the_owner(api, xavier):
    rel = api.created("bob", "/api/relationships", {"person_id": xavier["id"], "other_id": api.cast.person("bob"),
                                                    "strength": 2})
    assert (rel["visibility"], rel["owner"]) == ("exclusive", api.cast.id("bob"))
    assert rel["policy_rule"]["name"] == "Default: exclusive" and rel["policy_rule"]["reason"]
    assert (rel["person_id"], rel["other_id"], rel["context"]) == (xavier["id"], api.cast.person("bob"), None)


@pytest.mark.parametrize("level", list(SEES))
def test_each_viewer_sees_the_relationship_as_its_level_allows(api, xavier, level):
    rel = _record(api, xavier, level)
    full = _full(api, rel["id"], xavier, level)
    for who in VIEWERS:
        response = api.get(who, f"/api/relationships/{rel['id']}")
        expected = SEES[level][who]
        if expected == H:
            assert response.status_code == 404, who
            assert response.get_json() == {"error": "unknown relationship"}, who
        else:
            assert response.status_code == 200, who
            assert response.get_json() == (full if expected == V else _locked(full)), who


# Who reads a detail alice entered, when her one relationship with the person has the level.
READS = {
    "private":   {"alice", "ada"},
    "exclusive": {"alice", "mona", "ada"},
    "team":      {"alice", "bob", "mona", "ada"},
    "company":   {"alice", "bob", "carol", "mona", "sam", "ada"},
}


def _public(person: dict) -> dict:
    out = {**person, "email": None, "phone": None, "notes": None, "details_locked": True,
           "locked_details": ["email", "phone", "notes"]}
    for field in ("created_by", "email_by", "phone_by", "notes_by"):
        out.pop(field, None)
    return out


def _shown(person: dict) -> dict:
    return {k: v for k, v in person.items() if k not in ("created_by", "email_by", "phone_by", "notes_by")}


@pytest.mark.parametrize("level", list(SEES))
def test_a_relationship_opens_no_detail_someone_else_entered(api, xavier, level):
    _record(api, xavier, level)
    for who in VIEWERS:
        response = api.get(who, f"/api/people/{xavier['id']}")
        assert response.status_code == 200, who
        expected = xavier if who == "ada" else _public(xavier)  # admins see all (and who entered what)
        assert response.get_json() == expected, who


@pytest.mark.parametrize("level", list(SEES))
def test_details_follow_their_contributors_relationship(api, level):
    yves = api.created("alice", "/api/people", {"name": "Yves", "email": "y@acme.example", "phone": "+33 1 09",
                                                 "notes": "tennis"})
    _record(api, yves, level)
    full = api.get("ada", f"/api/people/{yves['id']}").get_json()
    assert full["email_by"] == api.cast.id("alice")
    for who in VIEWERS:
        response = api.get(who, f"/api/people/{yves['id']}")
        assert response.status_code == 200, who
        if who == "ada":
            expected = full
        else:
            expected = _shown(full) if who in READS[level] else _public(full)
        assert response.get_json() == expected, who


def test_details_are_locked_without_any_relationship(api, xavier):
    for who in ("alice", "mona"):
        body = api.get(who, f"/api/people/{xavier['id']}").get_json()
        assert (body["email"], body["phone"], body["notes"], body["details_locked"]) == (None, None, None, True)


@pytest.mark.parametrize("level", list(SEES))
def test_who_may_change_and_delete(api, xavier, level):
    rel = _record(api, xavier, level)
    for who in VIEWERS:
        api.token(who)
    for who in VIEWERS:
        version = api.store.version()
        response = api.patch(who, f"/api/relationships/{rel['id']}", {"strength": 5, "context": None})
        if SEES[level][who] == H:
            assert response.status_code == 404, who
        elif who in MAY_CHANGE:
            assert response.status_code == 200, who
            assert response.get_json() == {**_full(api, rel["id"], xavier, level), "strength": 5, "context": None}
            continue
        else:
            assert response.status_code == 403, who
            assert response.get_json() == {
                "error": "only the owner, their manager or an admin may change this relationship"}
        assert api.store.version() == version, who
        assert api.delete(who, f"/api/relationships/{rel['id']}").status_code == response.status_code
        assert api.store.version() == version, who


@pytest.mark.parametrize("who", sorted(MAY_CHANGE))
def test_owner_manager_and_admin_delete(api, xavier, who):
    rel = _record(api, xavier, "exclusive")
    response = api.delete(who, f"/api/relationships/{rel['id']}")
    assert response.status_code == 200
    assert response.get_json() == {"id": rel["id"], "deleted": True}
    assert api.get("alice", f"/api/relationships/{rel['id']}").status_code == 404
    assert api.cast.services.relationships.owned(api.cast.viewer("alice")) == []


def test_private_is_404_even_for_the_owners_manager_and_admin(api, xavier):
    rel = _record(api, xavier, "private")
    for who in ("mona", "ada"):
        for response in (api.get(who, f"/api/relationships/{rel['id']}"),
                         api.patch(who, f"/api/relationships/{rel['id']}", {"strength": 1}),
                         api.delete(who, f"/api/relationships/{rel['id']}")):
            assert response.status_code == 404
            assert response.get_json() == {"error": "unknown relationship"}


def test_a_relationship_conflicts_only_with_the_callers_own_for_that_pair(api, xavier):
    """Each user records their own knowledge of a pair: a colleague's relationship, of any
    level, never changes the answer (no 409 oracle for private ones, no blocking a colleague)."""
    alice, bob = api.cast.person("alice"), api.cast.person("bob")
    api.created("alice", "/api/relationships", {"person_id": bob, "other_id": xavier["id"], "strength": 2,
                                                "visibility": "private"})
    bobs = api.created("bob", "/api/relationships", {"person_id": bob, "other_id": xavier["id"], "strength": 5,
                                                     "visibility": "team"})
    assert (bobs["owner"], bobs["strength"]) == (api.cast.id("bob"), 5)
    _record(api, xavier, "private")
    for level in ("private", "exclusive", "team", "company"):  # carol's answer whatever alice chose
        other = api.created("ada", "/api/people", {"name": f"Other {level}"})
        api.created("alice", "/api/relationships", {"person_id": other["id"], "other_id": alice, "strength": 3,
                                                    "visibility": level})
        response = api.post("carol", "/api/relationships", {"person_id": alice, "other_id": other["id"],
                                                             "strength": 1, "visibility": "private"})
        assert response.status_code == 201, level
    api.created("carol", "/api/relationships", {"person_id": alice, "other_id": xavier["id"], "strength": 1})
    version = api.store.version()
    for who, body in (("alice", {"person_id": xavier["id"], "other_id": alice, "strength": 1}),
                      ("carol", {"person_id": xavier["id"], "other_id": alice, "strength": 2})):
        response = api.post(who, "/api/relationships", body)  # their own is there: edit it instead
        assert response.status_code == 409
        assert response.get_json()["field"] == "other_id"
    assert api.store.version() == version


def test_unknown_people_and_relationships_are_404(api, xavier):
    response = api.post("alice", "/api/relationships",
                        {"person_id": api.cast.person("alice"), "other_id": "nobody", "strength": 3})
    assert response.status_code == 404
    assert response.get_json() == {"error": "unknown person", "field": "other_id"}
    for response in (api.get("alice", "/api/relationships/nope"),
                     api.patch("alice", "/api/relationships/nope", {"strength": 2}),
                     api.delete("alice", "/api/relationships/nope")):
        assert response.status_code == 404
        assert response.get_json() == {"error": "unknown relationship"}
