"""Hostile characters in every id and text of every route: NUL, a lone surrogate, control and
bidi override characters never reach the store (a 500) but answer 400 naming the field.

Walks tests/security/routes.py: for each rule, each path placeholder in turn, then the query
string, the form fields a page would send and the JSON body fields the OpenAPI document names,
hold each hostile value. The caller is a role the rule lets through, so the deeper code runs."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from app.api.openapi import document
from tests.conftest import api_token, bearer, csrf_token, login
from tests.security.routes import ROLES, ROUTES, USERS, build_world, params_for, placeholders
from tests.security.test_authorization_matrix import fill

# (label, value): what a path, query or form carries (a lone surrogate cannot be sent as UTF-8,
# so the URL and the form get its raw UTF-8-ish bytes, which decode to a replacement character),
# and what a JSON body carries (a lone surrogate escape is valid JSON).
HOSTILE = {
    "nul": "a\x00b",
    "surrogate": "\ud800",
    "control": "x\x1b[31my",
    "bell": "\x07",
    "bidi": "abc\u202egpj.exe",
    "isolate": "\u2066x\u2069",
}
FORM_FIELDS = ("name", "title", "notes", "q", "email", "phone", "context", "reason", "description", "message",
               "organisation_id", "person_id", "other_id", "target", "target_id", "school_id", "team", "username",
               "password", "department", "sector", "country", "objectives", "feedback", "date", "decision",
               "from_id", "to_id", "owner", "strength", "visibility", "kind", "role", "stance")
CASES = sorted(ROUTES)


def url_text(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def caller(rule: str, method: str) -> str:
    """A role the rule lets through (the owner where the object is the owner's only)."""
    expect = ROUTES[(rule, method)]
    for role in ("owner", "admin", "manager"):
        if expect.code(role) in ("2", "K", "M", "R"):
            return role
    return "admin"


def body_fields(rule: str, method: str) -> list[str]:
    path = rule.replace("<", "{").replace(">", "}")
    op = document()["paths"].get(path, {}).get(method.lower(), {})
    schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return sorted(schema.get("properties", {})) or ["name"]


def requests_for(rule: str, method: str, world: dict):
    """(what is hostile, path, query, form or None, json or None) for one rule."""
    expect = ROUTES[(rule, method)]
    values = params_for(rule, expect, world, "company" if expect.levels else None)
    query = expect.query.format(**dict(values, person=world["contacts"]["company"]))
    for label, bad in HOSTILE.items():
        for name in placeholders(rule):
            if name in ("filename", "name") and rule.startswith(("/static", "/assets")):
                continue
            yield f"{name}={label}", fill(rule, dict(values, **{name: url_text(bad)})), query, None, None
        keys = [pair.split("=")[0] for pair in query.split("&") if pair] or ["q"]
        hostile_query = "&".join(f"{key}={url_text(bad)}" for key in keys)
        path = fill(rule, values)
        yield f"query={label}", path, hostile_query, None, None
        if method != "GET":
            if rule.startswith("/api/"):
                yield f"json={label}", path, query, None, {key: bad for key in body_fields(rule, method)}
            else:
                yield f"form={label}", path, query, "&".join(f"{key}={url_text(bad)}" for key in FORM_FIELDS), None


@pytest.mark.parametrize("rule,method", CASES)
def test_hostile_text_never_fails(app, web_cast, rule, method):
    world = build_world(app.extensions["carnet"], web_cast)
    role = caller(rule, method)
    client = app.test_client()
    headers, token = {}, None
    if rule.startswith("/api/"):
        headers = bearer(api_token(client, USERS[role]))
    else:
        login(client, USERS[role])
        token = csrf_token(client, "/")
    problems = []
    for what, path, query, form, body in requests_for(rule, method, world):
        url = path + (f"?{query}" if query else "")
        if body is not None:
            raw = json.dumps(body)  # \ud800 stays an escape: valid JSON holding a lone surrogate
            response = client.open(url, method=method, headers=dict(headers, **{"Content-Type": "application/json"}),
                                   data=raw)
        elif form is not None:
            response = client.open(url, method=method, data=f"csrf_token={token}&{form}".encode(),
                                   content_type="application/x-www-form-urlencoded")
        else:
            response = client.open(url, method=method, headers=headers)
        status = response.status_code
        if status >= 500:
            problems.append(f"{method} {url} ({what}): {status}")
        elif rule.startswith("/api/") and 400 <= status < 500 and not (response.is_json and response.get_json().get("error")):
            problems.append(f"{method} {url} ({what}): {status} without a JSON error")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path,field", [
    ("/api/people/a%00b", "id"),
    ("/api/paths?target=%00", "target"),
    ("/api/people?q=%E2%80%AE", "q"),
])
def test_api_refuses_hostile_ids_naming_the_field(client, web_cast, path, field):
    response = client.get(path, headers=bearer(api_token(client, "alice")))
    assert response.status_code == 400
    assert response.get_json()["field"] == field


@pytest.mark.parametrize("body,field", [
    ({"name": "\ud800"}, "name"),
    ({"name": "Ann\x00"}, "name"),
    ({"name": "Ann", "title": "CEO\u202e"}, "title"),
    ({"name": "Ann\nBerry"}, "name"),  # a line break in a single-line text
])
def test_api_refuses_hostile_body_text(client, web_cast, body, field):
    response = client.post("/api/people", data=json.dumps(body), content_type="application/json",
                           headers=bearer(api_token(client, "alice")))
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.get_json()["field"] == field


def test_multi_line_notes_keep_their_line_breaks(services, cast):
    person = services.people.create(cast.viewer("alice"), {"name": "Ann", "notes": "line one\n\tline two"})
    assert person["name"] == "Ann"


def test_page_refuses_a_nul_id_with_a_400_page(client, web_cast):
    login(client, "alice")
    response = client.get("/people/a%00b")
    assert response.status_code == 400
    assert "person_id" in response.get_data(as_text=True)


def test_every_role_is_known():
    assert set(USERS) == set(ROLES)
