"""Exports hold contact details and notes: no browser or proxy may keep a copy (Cache-Control:
no-store), whatever their type (CSV, JSON attachment). Walks every GET rule of
tests/security/routes.py that serves a file (a name ending .csv or .json), as its admin."""

from __future__ import annotations

import pytest

from tests.conftest import login
from tests.security.routes import ROUTES, build_world, params_for
from tests.security.test_authorization_matrix import fill

EXPORTS = sorted(rule for rule, method in ROUTES if method == "GET" and rule.endswith((".csv", ".json"))
                 and not rule.startswith("/api/"))


def test_the_exports_are_found():
    assert {"/people.csv", "/search.csv", "/accounts/<org_id>/plan.csv", "/accounts/<org_id>/plan.json",
            "/organisations/<org_id>/people.csv"} <= set(EXPORTS)


@pytest.mark.parametrize("rule", EXPORTS)
def test_every_export_is_not_stored(app, web_cast, rule):
    world = build_world(app.extensions["carnet"], web_cast)
    expect = ROUTES[(rule, "GET")]
    values = params_for(rule, expect, world, "company" if expect.levels else None)
    query = expect.query.format(**dict(values, person=world["contacts"]["company"]))
    client = app.test_client()
    login(client, "ada")
    for part in ("", "part=actions"):
        response = client.get(fill(rule, values) + "?" + "&".join(x for x in (query, part) if x))
        assert response.status_code == 200, rule
        assert "no-store" in response.headers.get("Cache-Control", ""), (rule, response.mimetype)
