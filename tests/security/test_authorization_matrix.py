"""Authorization matrix over every rule of app.url_map (OWASP ASVS 8.2.1-8.2.3, WSTG-ATHZ-04).

Every (rule, method) × role (× visibility level when the rule's objects have one) is asked once
against a fresh world; the answer must match tests/security/routes.py, the body must hold no
secret the role may not see, and a GET must leave the graph unchanged. A rule missing from the
declarations fails, so a new route cannot escape the matrix."""

from __future__ import annotations

import re

import pytest

from tests.conftest import api_token, bearer, csrf_token, login
from tests.security.routes import (GET_WRITES, ID_PLACEHOLDERS, LEVELS, ROLES, ROUTES, USERS, build_world,
                                   forbidden_markers, params_for, placeholders, status_ok)

IGNORED = {"HEAD", "OPTIONS"}


def url_map_pairs(app) -> set[tuple[str, str]]:
    return {(rule.rule, method) for rule in app.url_map.iter_rules() for method in rule.methods - IGNORED}


def test_every_rule_is_declared(app):
    pairs = url_map_pairs(app)
    missing = sorted(pairs - set(ROUTES))
    assert not missing, f"declare these in tests/security/routes.py: {missing}"
    stale = sorted(set(ROUTES) - pairs)
    assert not stale, f"declared but not in the url_map any more: {stale}"


CASES = [(rule, method, role, level)
         for (rule, method), expect in sorted(ROUTES.items())
         for role in ROLES
         for level in (LEVELS if expect.levels else (None,))]


@pytest.fixture
def world(app, web_cast):
    return build_world(app.extensions["carnet"], web_cast)


def fill(rule: str, values: dict) -> str:
    path = rule
    for name, value in values.items():
        path = re.sub(r"<(?:[^>:]+:)?" + re.escape(name) + ">", str(value), path)
    return path


def ask(client, rule, method, role, path, query=""):
    """One request as `role`: bearer token under /api, a signed-in session with its CSRF token elsewhere."""
    user = USERS[role]
    url = path + (f"?{query}" if query else "")
    if rule.startswith("/api/"):
        headers = bearer(api_token(client, user)) if user else {}
        body = {} if method in ("POST", "PUT", "PATCH") else None
        return client.open(url, method=method, headers=headers, json=body)
    if user:
        login(client, user)
    if method == "GET":
        return client.get(url)
    token = csrf_token(client, "/login" if user is None else "/")
    return client.open(url, method=method, data={"csrf_token": token})


def test_matrix_size():
    """The size printed in the issue's closing note: routes × roles × levels."""
    assert len(CASES) >= len(ROUTES) * len(ROLES)


@pytest.mark.parametrize("rule,method,role,level", CASES)
def test_authorization(app, client, world, store, rule, method, role, level):
    expect = ROUTES[(rule, method)]
    values = params_for(rule, expect, world, level)
    path = fill(rule, values)
    query = expect.query.format(**dict(values, person=world["contacts"][level or "exclusive"]))
    if USERS[role]:  # sign in / get a token first, so the version compared is the route's alone
        pass
    before = store.version()
    response = ask(client, rule, method, role, path, query)
    body = response.get_data(as_text=True)
    code = expect.code(role)
    location = response.headers.get("Location", "")
    assert status_ok(code, role, level, response.status_code, location), \
        f"{method} {path} as {role} ({level}): {response.status_code} {location} {body[:200]}"
    if role == "anon" and code == "A" and rule.startswith("/api/"):
        assert response.is_json and response.get_json().get("error")
    leaked = [m for m in forbidden_markers(role) if m in body]
    assert not leaked, f"{method} {path} as {role} ({level}) shows {leaked}"
    if method == "GET" and rule not in GET_WRITES:
        assert store.version() == before, f"GET {path} as {role} changed the graph"


# -- two-user id replay: an unknown id answers exactly like an object one may not see (404) -----
REPLAY = [(rule, method, name) for (rule, method), expect in sorted(ROUTES.items())
          for name in placeholders(rule) if name in ID_PLACEHOLDERS]


@pytest.mark.parametrize("rule,method,name", REPLAY)
def test_unknown_id_is_404(app, client, world, rule, method, name):
    expect = ROUTES[(rule, method)]
    values = params_for(rule, expect, world, None)
    values[name] = "0f0e0d0c-unknown-id"
    path = fill(rule, values)
    query = expect.query.format(**dict(values, person=world["contacts"]["exclusive"]))
    response = ask(client, rule, method, "admin", path, query)
    assert response.status_code == 404, f"{method} {path}: {response.status_code}"
