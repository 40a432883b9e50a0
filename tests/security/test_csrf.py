"""CSRF: every form POST (every non-API rule with POST) refuses a missing or forged token with
400 and writes nothing; the API is token-authenticated and exempt."""

from __future__ import annotations

import pytest

from tests.conftest import login
from tests.security.routes import ROUTES, build_world, params_for
from tests.security.test_authorization_matrix import fill

FORM_POSTS = sorted(rule for (rule, method) in ROUTES if method == "POST" and not rule.startswith("/api/"))


@pytest.fixture
def world(app, web_cast):
    return build_world(app.extensions["carnet"], web_cast)


@pytest.mark.parametrize("token", [None, "forged-token"])
@pytest.mark.parametrize("rule", FORM_POSTS)
def test_form_post_without_valid_token_is_refused(app, client, store, world, rule, token):
    if rule != "/login":
        login(client, "ada")  # the most powerful role: a refusal here is the token's doing
    path = fill(rule, params_for(rule, ROUTES[(rule, "POST")], world, "company"))
    data = {"name": "Forged", "username": "ada", "password": "x", "decision": "approve"}
    if token:
        data["csrf_token"] = token
    before = store.version()
    response = client.post(path, data=data)
    assert response.status_code == 400, f"POST {path}: {response.status_code}"
    assert store.version() == before, f"POST {path} without a valid token changed the graph"


def test_every_form_post_is_covered():
    assert len(FORM_POSTS) >= 30 and "/login" in FORM_POSTS and "/logout" in FORM_POSTS
