"""GET /api/search: grouped answers, kind and limit, errors, and no note leaks through search
fields (the indexed text of a note never comes back in any answer)."""

from __future__ import annotations

import pytest

from tests.integration.test_search_service import wait_for_indexes


@pytest.fixture
def world(api, app):
    s = app.extensions["carnet"]
    wait_for_indexes(s)
    cast = api.cast
    ada, alice = cast.viewer("ada"), cast.viewer("alice")
    acme = s.organisations.create(ada, {"name": "Acmé", "kind": "account", "country": "France"})
    people = [s.people.create(ada, {"name": n, "organisation_id": acme["id"]})
              for n in ("Hélène Dupont", "Helena Ruiz", "Hector Acme")]
    rel = s.relationships.create(alice, {"person_id": alice.person_id, "other_id": people[0]["id"], "strength": 3,
                                         "notes": "quokka sighting in Évian", "visibility": "exclusive"})
    return {"acme": acme, "people": people, "rel": rel}


def test_search_answers_grouped_and_ranked(api, world):
    response = api.get("bob", "/api/search?q=hel")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"q", "people", "organisations", "notes"} and body["q"] == "hel"
    assert [(p["name"], p["rank"]) for p in body["people"]] == [("Helena Ruiz", 1), ("Hélène Dupont", 1)]
    assert body["people"][0]["organisation_id"] == world["acme"]["id"]
    body = api.get("bob", "/api/search?q=acme").get_json()
    assert [(p["name"], p["rank"]) for p in body["people"]][0] == ("Hector Acme", 2)
    assert [o["id"] for o in body["organisations"]] == [world["acme"]["id"]]


def test_kind_and_limit(api, world):
    body = api.get("bob", "/api/search?q=acme&kind=organisation").get_json()
    assert body["people"] == [] and len(body["organisations"]) == 1
    body = api.get("bob", "/api/search?q=acme&kind=person&limit=2").get_json()
    assert len(body["people"]) == 2
    assert api.get("bob", "/api/search").get_json()["people"] == []


@pytest.mark.parametrize("query,field", [("q=a&limit=0", "limit"), ("q=a&limit=101", "limit"),
                                         ("q=a&limit=x", "limit"), ("q=a&kind=team", "kind"),
                                         ("q=" + "x" * 101, "q"), ("q=a&sort=name", "sort"),
                                         ("q=a&q=b", "q")])
def test_bad_input_is_400_naming_the_field(api, world, query, field):
    response = api.get("bob", f"/api/search?{query}")
    assert response.status_code == 400 and response.get_json()["field"] == field


def test_without_a_token_is_401(api, world):
    response = api.get(None, "/api/search?q=hel")
    assert response.status_code == 401 and response.get_json()["error"]


def test_notes_only_for_who_may_read_them_and_no_search_field_anywhere(api, world):
    assert [n["id"] for n in api.get("alice", "/api/search?q=quokka evian").get_json()["notes"]] == [world["rel"]["id"]]
    assert [n["id"] for n in api.get("mona", "/api/search?q=quokka").get_json()["notes"]] == [world["rel"]["id"]]
    for who in ("bob", "carol", "sam"):  # exclusive: locked for them
        assert api.get(who, "/api/search?q=quokka").get_json()["notes"] == [], who
    for who in ("bob", "carol"):
        for path in (f"/api/relationships/{world['rel']['id']}", f"/api/people/{world['people'][0]['id']}",
                     f"/api/organisations/{world['acme']['id']}", "/api/search?q=hel"):
            text = api.get(who, path).get_data(as_text=True)
            assert "quokka" not in text and "search_text" not in text and "search_name" not in text, (who, path)


def test_openapi_documents_search(api):
    spec = api.get(None, "/api/openapi.json").get_json()
    op = spec["paths"]["/api/search"]["get"]
    assert {p["name"] for p in op["parameters"]} == {"q", "kind", "limit"}
    assert set(op["responses"]) >= {"200", "400", "401"}
