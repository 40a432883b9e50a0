"""Organisations and people over the API: happy paths, edits, search, positions, education, 404s."""

from __future__ import annotations

from graph.visibility import SYSTEM
from tests.api.conftest import NOW_ISO


def _org(api, who="alice", **fields) -> dict:
    return api.created(who, "/api/organisations", {"name": "Acme", "kind": "account", **fields})


def test_create_and_get_organisation(api):
    parent = _org(api, name="Acme Group", country="FR")
    org = _org(api, parent_id=parent["id"], sector="Retail")
    assert org == {"id": org["id"], "name": "Acme", "kind": "account", "sector": "Retail", "country": None,
                   "parent_id": parent["id"], "parent_name": "Acme Group", "created_at": NOW_ISO}
    assert api.get("bob", f"/api/organisations/{org['id']}").get_json() == org
    # admins also learn who created it
    assert api.get("ada", f"/api/organisations/{org['id']}").get_json() == {**org, "created_by": api.cast.id("alice")}


def test_patch_organisation_keeps_fields_left_out(api):
    parent = _org(api, name="Group")
    org = _org(api, parent_id=parent["id"], country="FR", sector="Retail")
    response = api.patch("bob", f"/api/organisations/{org['id']}", {"name": "Acme SA", "sector": None})
    assert response.status_code == 200
    assert response.get_json() == {**org, "name": "Acme SA", "sector": None}
    assert api.get("bob", f"/api/organisations/{org['id']}").get_json() == {**org, "name": "Acme SA", "sector": None}
    detached = api.patch("bob", f"/api/organisations/{org['id']}", {"parent_id": None}).get_json()
    assert (detached["parent_id"], detached["parent_name"], detached["country"]) == (None, None, "FR")


def test_organisation_cannot_be_its_own_ancestor(api):
    parent = _org(api, name="Group")
    child = _org(api, parent_id=parent["id"])
    version = api.store.version()
    response = api.patch("alice", f"/api/organisations/{parent['id']}", {"parent_id": child["id"]})
    assert response.status_code == 400 and response.get_json()["field"] == "parent_id"
    assert api.store.version() == version


def test_unknown_organisation_is_404(api):
    for response in (api.get("alice", "/api/organisations/nope"),
                     api.patch("alice", "/api/organisations/nope", {"name": "X"})):
        assert response.status_code == 404
        assert response.get_json() == {"error": "unknown organisation"}
    response = api.post("alice", "/api/organisations", {"name": "X", "kind": "account", "parent_id": "nope"})
    assert response.status_code == 404 and response.get_json()["field"] == "parent_id"


def test_create_person_and_read_it_back(api):
    org = _org(api)
    person = api.created("alice", "/api/people", {
        "name": "Xavier Dupont", "title": "CFO", "email": "x@acme.example", "phone": "+33 1 23 45 67 89",
        "organisation_id": org["id"]})
    assert {k: person[k] for k in ("name", "title", "organisation_id", "email", "phone", "details_locked")} == {
        "name": "Xavier Dupont", "title": "CFO", "organisation_id": org["id"], "email": "x@acme.example",
        "phone": "+33 1 23 45 67 89", "details_locked": False}
    assert person["created_at"] == NOW_ISO and person["organisation"] == "Acme"
    assert api.get("alice", f"/api/people/{person['id']}").get_json() == person
    # Another rep with no relationship to him sees the public part only.
    seen = api.get("carol", f"/api/people/{person['id']}").get_json()
    assert seen == {**person, "email": None, "phone": None, "notes": None, "details_locked": True,
                    "locked_details": ["email", "phone"]}


def test_reports_to_and_patch(api):
    boss = api.created("alice", "/api/people", {"name": "Boss"})
    person = api.created("alice", "/api/people", {"name": "Pat", "reports_to": boss["id"]})
    assert (person["reports_to"], person["reports_to_name"]) == (boss["id"], "Boss")
    response = api.patch("alice", f"/api/people/{person['id']}", {"title": "Buyer", "email": "pat@x.example"})
    assert response.status_code == 200
    assert response.get_json() == {**person, "title": "Buyer", "email": "pat@x.example"}
    looping = api.patch("alice", f"/api/people/{boss['id']}", {"reports_to": person["id"]})
    assert looping.status_code == 400 and looping.get_json()["field"] == "reports_to"


def test_details_locked_people_cannot_be_given_details_by_others(api):
    person = api.created("alice", "/api/people", {"name": "Pat", "email": "pat@x.example"})
    api.token("carol")
    version = api.store.version()
    response = api.patch("carol", f"/api/people/{person['id']}", {"email": "evil@x.example"})
    assert response.status_code == 404
    assert api.store.version() == version
    # public fields remain editable by anyone
    assert api.patch("carol", f"/api/people/{person['id']}", {"title": "Head buyer"}).get_json()["title"] == "Head buyer"


def test_search_people_paginated(api):
    org = _org(api, name="Zenith")
    for i in range(53):
        api.cast.services.people.create(SYSTEM, {"name": f"Person {i:02d}"})
    api.created("alice", "/api/people", {"name": "Yann", "organisation_id": org["id"]})
    first = api.get("bob", "/api/people?q=person").get_json()
    assert (first["total"], first["page"], first["pages"], first["q"]) == (53, 1, 2, "person")
    assert [p["name"] for p in first["items"]] == [f"Person {i:02d}" for i in range(50)]
    second = api.get("bob", "/api/people?q=person&page=2").get_json()
    assert [p["name"] for p in second["items"]] == ["Person 50", "Person 51", "Person 52"]
    by_org = api.get("bob", "/api/people?q=zeni").get_json()
    assert by_org["items"] == [{"id": by_org["items"][0]["id"], "name": "Yann", "title": None,
                                "organisation": "Zenith", "organisation_id": org["id"]}]
    everyone = api.get("bob", "/api/people").get_json()
    assert everyone["total"] == 53 + 1 + len(api.cast.users)  # every colleague has a person too


def test_positions_and_education(api):
    org = _org(api)
    school = _org(api, name="HEC", kind="school")
    person = api.created("alice", "/api/people", {"name": "Pat"})
    past = api.created("alice", f"/api/people/{person['id']}/positions", {
        "organisation_id": org["id"], "title": "Buyer", "start": "2015-01-01", "end": "2019-06-30"})
    assert past == {"id": past["id"], "person_id": person["id"], "organisation_id": org["id"], "title": "Buyer",
                    "department": None, "start": "2015-01-01", "end": "2019-06-30", "created_at": NOW_ISO}
    assert api.get("alice", f"/api/people/{person['id']}").get_json()["organisation_id"] is None
    current = api.created("bob", f"/api/people/{person['id']}/positions",
                          {"organisation_id": org["id"], "title": "CPO", "start": "2020-01-01"})
    assert current["end"] is None
    assert api.get("alice", f"/api/people/{person['id']}").get_json()["organisation_id"] == org["id"]
    studied = api.created("alice", f"/api/people/{person['id']}/education",
                          {"school_id": school["id"], "start": "2008-09-01", "end": "2011-06-30"})
    assert studied == {"id": studied["id"], "person_id": person["id"], "school_id": school["id"],
                       "start": "2008-09-01", "end": "2011-06-30", "created_at": NOW_ISO}
    profile = api.cast.services.people.profile(SYSTEM, person["id"])
    assert [(p["id"], p["end"]) for p in profile["positions"]] == [(current["id"], None), (past["id"], "2019-06-30")]
    assert [(e["id"], e["school_id"]) for e in profile["education"]] == [(studied["id"], school["id"])]


def test_unknown_people_are_404(api):
    org = _org(api)
    for response in (api.get("alice", "/api/people/nope"),
                     api.patch("alice", "/api/people/nope", {"title": "X"}),
                     api.post("alice", "/api/people/nope/positions", {"organisation_id": org["id"]}),
                     api.post("alice", "/api/people/nope/education", {"school_id": org["id"]})):
        assert response.status_code == 404
        assert response.get_json() == {"error": "unknown person"}
    response = api.post("alice", "/api/people", {"name": "X", "organisation_id": "nope"})
    assert response.status_code == 404
    assert response.get_json() == {"error": "unknown organisation", "field": "organisation_id"}
