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


GET_CASES = [(rule, level) for (rule, method), expect in sorted(ROUTES.items()) if method == "GET"
             for level in (LEVELS if expect.levels else (None,))]
WRITE_CASES = [(rule, method, role, level)
               for (rule, method), expect in sorted(ROUTES.items()) if method != "GET"
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


def prepare(client, rule, method, role) -> dict:
    """Sign in as `role` before the measured request: a bearer token under /api, a session elsewhere."""
    user = USERS[role]
    if rule.startswith("/api/"):
        return {"headers": bearer(api_token(client, user)) if user else {}}
    if user:
        login(client, user)
    if method == "GET":
        return {}
    return {"data": {"csrf_token": csrf_token(client, "/login" if user is None else "/")}}


def send(client, rule, method, path, query, prepared):
    url = path + (f"?{query}" if query else "")
    if rule.startswith("/api/"):
        body = {} if method in ("POST", "PUT", "PATCH") else None
        return client.open(url, method=method, headers=prepared["headers"], json=body)
    return client.open(url, method=method, data=prepared.get("data"))


def check(app, store, world, rule, method, role, level) -> str | None:
    """One request as `role`; the reason it is wrong, or None."""
    expect = ROUTES[(rule, method)]
    values = params_for(rule, expect, world, level)
    path = fill(rule, values)
    query = expect.query.format(**dict(values, person=world["contacts"][level or "exclusive"]))
    client = app.test_client()
    prepared = prepare(client, rule, method, role)
    before = store.version()
    response = send(client, rule, method, path, query, prepared)
    body = response.get_data(as_text=True)
    code = expect.code(role)
    where = f"{method} {path} as {role} ({level})"
    if not status_ok(code, role, level, response.status_code, response.headers.get("Location", "")):
        return f"{where}: expected {code}, got {response.status_code} {response.headers.get('Location', '')}"
    if code == "A" and rule.startswith("/api/") and not (response.is_json and response.get_json().get("error")):
        return f"{where}: 401 without a JSON error"
    leaked = [m for m in forbidden_markers(role) if m in body]
    if leaked:
        return f"{where} shows {leaked}"
    if method == "GET" and rule not in GET_WRITES and store.version() != before:
        return f"{where} changed the graph"
    return None


def test_matrix_size():
    """routes × roles × levels, as reported in the issue's closing note."""
    cases = len(GET_CASES) * len(ROLES) + len(WRITE_CASES)
    assert cases >= len(ROUTES) * len(ROLES)


@pytest.mark.parametrize("rule,level", GET_CASES)
def test_get_authorization(app, store, world, rule, level):
    """Every role on one world: GETs must not change it (checked), so one world serves all roles."""
    problems = [p for role in ROLES if (p := check(app, store, world, rule, "GET", role, level))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("rule,method,role,level", WRITE_CASES)
def test_write_authorization(app, store, world, rule, method, role, level):
    problem = check(app, store, world, rule, method, role, level)
    assert problem is None, problem


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
    response = send(client, rule, method, path, query, prepare(client, rule, method, "admin"))
    assert response.status_code == 404, f"{method} {path}: {response.status_code}"
