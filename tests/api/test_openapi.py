"""The OpenAPI document: valid OpenAPI 3, public, and describing every /api rule of the app."""

from __future__ import annotations

import re

from openapi_spec_validator import validate

from graph.model import CONTEXTS, ORG_KINDS, ROLES, VISIBILITIES

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _document(client) -> dict:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_document_is_valid_openapi_3_and_public(client):
    doc = _document(client)
    validate(doc)
    assert doc["openapi"].startswith("3.")
    assert doc["components"]["securitySchemes"]["bearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert doc["security"] == [{"bearerAuth": []}]


def test_every_api_rule_is_described(app, client):
    doc = _document(client)
    expected = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api"):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            expected |= {(method.lower(), path) for method in rule.methods - IGNORED_METHODS}
    described = {(method, path) for path, item in doc["paths"].items() for method in item if method != "parameters"}
    assert expected - described == set(), "routes missing from the OpenAPI document"
    assert described - expected == set(), "documented operations without a route"
    assert ("post", "/api/relationships") in expected  # the comparison is not vacuous


def test_public_operations_are_exactly_the_public_endpoints(client):
    doc = _document(client)
    public = {(m, p) for p, item in doc["paths"].items() for m, op in item.items()
              if m != "parameters" and op.get("security") == []}
    assert public == {("get", "/api/health"), ("get", "/api/openapi.json"), ("post", "/api/tokens")}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            if (method, path) not in public:
                assert "401" in op["responses"], (method, path)
            if "requestBody" in op:
                assert {"400", "413"} <= set(op["responses"]), (method, path)
                error = op["responses"]["400"]["content"]["application/json"]["schema"]
                assert error == {"$ref": "#/components/schemas/Error"}


def test_enums_come_from_the_model(client):
    paths = _document(client)["paths"]

    def body(path, method="post"):
        return paths[path][method]["requestBody"]["content"]["application/json"]["schema"]

    assert body("/api/organisations")["properties"]["kind"]["enum"] == list(ORG_KINDS)
    assert body("/api/users")["properties"]["role"]["enum"] == list(ROLES)
    rel = body("/api/relationships")
    assert rel["properties"]["visibility"]["enum"] == list(VISIBILITIES)
    assert rel["properties"]["context"]["enum"] == list(CONTEXTS) + [None]
    assert (rel["properties"]["strength"]["minimum"], rel["properties"]["strength"]["maximum"]) == (1, 5)
    assert rel["additionalProperties"] is False
    assert set(rel["required"]) == {"person_id", "other_id", "strength"}
