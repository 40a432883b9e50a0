"""The introduction-request API (CONTRACT): create → 201 {id, status}, decision → 200, twice → 409,
refusals with their field, 404 for what the caller may not see, and the OpenAPI document."""

from __future__ import annotations

import pytest

from graph.visibility import SYSTEM


@pytest.fixture
def tara(app, api):
    """alice knows Tara exclusively (locked for bob) and Pia privately."""
    s, cast = app.extensions["carnet"], api.cast
    ids = {"tara": s.people.create(SYSTEM, {"name": "Tara", "email": "tara@secret.example"})["id"],
           "pia": s.people.create(SYSTEM, {"name": "Pia"})["id"]}
    for name, level in (("tara", "exclusive"), ("pia", "private")):
        ids[f"{name}_rel"] = s.relationships.create(cast.viewer("alice"), {
            "person_id": cast.person("alice"), "other_id": ids[name], "strength": 4, "visibility": level})["id"]
    return ids


def test_request_then_accept_opens_the_details(api, tara):
    response = api.post("bob", "/api/intro-requests", {"target_id": tara["tara"], "relationship_id": tara["tara_rel"],
                                                       "message": "Please"})
    assert response.status_code == 201, response.get_data(as_text=True)
    intro = response.get_json()
    assert intro["status"] == "pending" and intro["id"] and intro["owner"] == api.cast.id("alice")
    assert intro["created_at"] == "2026-01-01T00:00:00Z"
    assert api.get("bob", f"/api/people/{tara['tara']}").get_json()["details_locked"] is True
    assert [r["id"] for r in api.get("alice", "/api/intro-requests").get_json()["received"]] == [intro["id"]]
    decided = api.post("alice", f"/api/intro-requests/{intro['id']}/decision", {"decision": "accept"})
    assert decided.status_code == 200 and decided.get_json() == {"id": intro["id"], "status": "accepted"}
    person = api.get("bob", f"/api/people/{tara['tara']}").get_json()
    assert person["details_locked"] is False and person["email"] == "tara@secret.example"
    again = api.post("alice", f"/api/intro-requests/{intro['id']}/decision", {"decision": "decline"})
    assert again.status_code == 409 and again.get_json()["field"] == "decision"
    shown = api.get("bob", f"/api/intro-requests/{intro['id']}").get_json()
    assert shown["grant_expires_at"] == "2026-01-31T00:00:00Z"


def test_refusals(api, tara):
    def post(who, body):
        return api.post(who, "/api/intro-requests", body)

    cases = [
        ("bob", {"target_id": tara["tara"]}, 400, "relationship_id"),
        ("bob", {"target_id": tara["tara"], "relationship_id": tara["tara_rel"], "x": 1}, 400, "x"),
        ("bob", {"target_id": tara["tara"], "relationship_id": "unknown"}, 404, "relationship_id"),
        ("bob", {"target_id": tara["tara"], "relationship_id": tara["pia_rel"]}, 404, "relationship_id"),
        ("bob", {"target_id": "nobody", "relationship_id": tara["tara_rel"]}, 404, "target_id"),
        ("bob", {"target_id": tara["pia"], "relationship_id": tara["tara_rel"]}, 400, "relationship_id"),
        ("alice", {"target_id": tara["tara"], "relationship_id": tara["tara_rel"]}, 400, "relationship_id"),
        ("mona", {"target_id": tara["tara"], "relationship_id": tara["tara_rel"]}, 400, "relationship_id"),
    ]
    for who, body, status, field in cases:
        response = post(who, body)
        assert (response.status_code, response.get_json().get("field")) == (status, field), (who, body)
    private = post("carol", {"target_id": tara["tara"], "relationship_id": tara["pia_rel"]}).get_json()
    unknown = post("carol", {"target_id": tara["tara"], "relationship_id": "f" * 32}).get_json()
    assert private == unknown
    assert post("bob", {"target_id": tara["tara"], "relationship_id": tara["tara_rel"]}).status_code == 201
    assert post("bob", {"target_id": tara["tara"], "relationship_id": tara["tara_rel"]}).status_code == 409
    assert api.post(None, "/api/intro-requests", {}).status_code == 401


def test_decision_is_authorized_before_the_body_is_read(api, tara):
    intro = api.created("bob", "/api/intro-requests", {"target_id": tara["tara"], "relationship_id": tara["tara_rel"]})
    url = f"/api/intro-requests/{intro['id']}/decision"
    for who, status in (("bob", 403), ("ada", 403), ("carol", 404), ("mona", 404), ("sam", 404)):
        assert api.post(who, url, {}).status_code == status, who
        assert api.get(who, f"/api/intro-requests/{intro['id']}").status_code == (404 if status == 404 else 200)
    assert api.post("alice", url, {}).get_json()["field"] == "decision"
    assert api.post("alice", url, {"decision": "maybe"}).status_code == 400
    assert api.post("alice", "/api/intro-requests/nope/decision", {"decision": "accept"}).status_code == 404
    assert api.post("alice", url, {"decision": "decline", "message": "Not now"}).get_json()["status"] == "declined"


def test_openapi_documents_the_routes(client):
    spec = client.get("/api/openapi.json").get_json()["paths"]
    assert {"get", "post"} <= set(spec["/api/intro-requests"])
    create = spec["/api/intro-requests"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["required"] == ["target_id",
                                                                                          "relationship_id"]
    assert {"201", "404", "409"} <= set(create["responses"])
    decision = spec["/api/intro-requests/{id}/decision"]["post"]
    assert decision["requestBody"]["content"]["application/json"]["schema"]["properties"]["decision"]["enum"] == \
        ["accept", "decline"]
