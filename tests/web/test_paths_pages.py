"""GET /api/paths and the "Who can introduce me?" page over real HTTP."""

from __future__ import annotations

from graph.visibility import SYSTEM
from tests.conftest import api_token, bearer, login


def setup_graph(services, cast):
    """alice → Marie (5, company) → Target (exclusive to carol: locked for alice)."""
    thales = services.organisations.create(SYSTEM, {"name": "Thales", "kind": "account"})["id"]
    marie = services.people.create(SYSTEM, {"name": "Marie Dubois"})["id"]
    target = services.people.create(SYSTEM, {"name": "Paul Martin", "organisation_id": thales})["id"]
    services.relationships.create(cast.viewer("alice"), {"person_id": cast.person("alice"), "other_id": marie,
                                                         "strength": 5, "visibility": "company"})
    services.relationships.create(cast.viewer("carol"), {"person_id": marie, "other_id": target,
                                                         "strength": 4, "visibility": "exclusive"})
    return marie, target, thales


def test_api_paths_shape_and_locked_hop(app, client, web_cast):
    services = app.extensions["carnet"]
    marie, target, _ = setup_graph(services, web_cast)
    response = client.get(f"/api/paths?target={target}", headers=bearer(api_token(client, "alice")))
    assert response.status_code == 200
    body = response.get_json()
    assert body["paths"][0]["score"] == round(1.0 * 0.6 * 0.85, 6)
    first, second = body["paths"][0]["hops"]
    assert {k: first[k] for k in ("from", "to", "kind", "strength", "locked", "owner")} == {
        "from": web_cast.person("alice"), "to": marie, "kind": "knows", "strength": 5, "locked": False,
        "owner": web_cast.id("alice")}
    assert {k: second[k] for k in ("kind", "strength", "locked", "owner")} == {
        "kind": "knows", "strength": None, "locked": True, "owner": web_cast.id("carol")}
    # carol, the owner, sees her real strength
    body = client.get(f"/api/paths?target={target}&k=1", headers=bearer(api_token(client, "carol"))).get_json()
    assert body["paths"][0]["hops"][1]["strength"] == 4 and len(body["paths"]) == 1


def test_api_paths_errors(app, client, web_cast):
    services = app.extensions["carnet"]
    _, target, _ = setup_graph(services, web_cast)
    auth = bearer(api_token(client, "bob"))
    assert client.get(f"/api/paths?target={target}").status_code == 401
    response = client.get("/api/paths?target=nobody", headers=auth)
    assert response.status_code == 404 and response.get_json()["error"]
    for query, field in (("k=0", "k"), ("k=21", "k"), ("k=x", "k"), ("max_hops=6", "max_hops"),
                         ("max_hops=0", "max_hops"), ("max_hops=2.5", "max_hops")):
        response = client.get(f"/api/paths?target={target}&{query}", headers=auth)
        assert response.status_code == 400, query
        assert response.get_json()["field"] == field
    assert client.get("/api/paths", headers=auth).get_json()["field"] == "target"
    assert client.get(f"/api/paths?target={target}&source=nobody", headers=auth).status_code == 404
    spec = client.get("/api/openapi.json").get_json()
    assert "/api/paths" in spec["paths"]


def test_page_lists_routes_with_locks(app, client, web_cast):
    services = app.extensions["carnet"]
    marie, target, _ = setup_graph(services, web_cast)
    login(client, "alice")
    page = client.get(f"/people/{target}/paths").get_data(as_text=True)
    assert "Who can introduce me to" in page and "Paul Martin" in page
    assert "You →" in page and "Marie Dubois</a> (5)" in page
    assert "known to Carol" in page and "Carol" in page and "Ask Carol for an introduction" in page
    assert f"/intros/new?target={target}" in page
    assert "0.510" in page
    assert client.get("/people/nobody/paths").status_code == 404


def test_page_without_route_offers_closest_people_at_the_organisation(app, client, web_cast):
    services = app.extensions["carnet"]
    thales = services.organisations.create(SYSTEM, {"name": "Thales", "kind": "account"})["id"]
    target = services.people.create(SYSTEM, {"name": "Paul Martin", "organisation_id": thales})["id"]
    near = services.people.create(SYSTEM, {"name": "Nina Near", "organisation_id": thales})["id"]
    services.relationships.create(web_cast.viewer("bob"), {"person_id": web_cast.person("bob"), "other_id": near,
                                                           "strength": 3, "visibility": "team"})
    login(client, "alice")
    page = client.get(f"/people/{target}/paths").get_data(as_text=True)
    assert "No introduction route to Paul Martin" in page
    assert "Nina Near" in page and "Bob" in page
    other = app.test_client()
    login(other, "carol")  # bob's team-level link is locked for carol, but still a route
    page = other.get(f"/people/{target}/paths").get_data(as_text=True)
    assert "Nina Near" in page and "known to" in page
