"""Schemathesis over every operation of /api/openapi.json, in-process (WSGI) against the real
embedded FalkorDB, with real bearer tokens of a rep, a manager and an admin.

Operations are read from the document itself, so routes other people add are fuzzed without
touching this file. Every answer must: not be a 5xx; if 4xx, be a JSON object with an "error"
string; match the status codes, content type and schema the document declares; and reject
schema-invalid input (negative mode). Path parameters, and id-like fields in positive mode,
name real seeded objects most of the time so the deeper code runs, not only the 404s."""

from __future__ import annotations

import collections

import pytest
import schemathesis
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (content_type_conformance, negative_data_rejection,
                                               response_schema_conformance, status_code_conformance)

from app.api.openapi import document
from tests.conftest import api_token, bearer
from tests.fuzz.conftest import fuzz_settings, scaled
from tests.fuzz.known import plant

EXAMPLES = {GenerationMode.POSITIVE: scaled(16), GenerationMode.NEGATIVE: scaled(8)}  # per operation
CALLERS = ("alice", "mona", "ada")  # rep, manager, admin
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          negative_data_rejection]
HTTP_METHODS = {"get", "put", "post", "patch", "delete"}


def operations(doc: dict) -> list[tuple[str, str, tuple[GenerationMode, ...]]]:
    """(path, METHOD, modes) for every operation; negative mode only where there is input to spoil."""
    out = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                has_input = bool(item.get("parameters") or op.get("parameters") or op.get("requestBody"))
                out.append((path, method.upper(), tuple(m for m in EXAMPLES if m.is_positive or has_input)))
    return sorted(out)


CASES = operations(document())


def fuzz_operation(operation, mode: GenerationMode, headers: dict[str, dict], known: dict,
                   max_examples: int, *, shrink: bool = True) -> collections.Counter:
    """Run `max_examples` generated requests against `operation`; return the statuses seen."""
    seen: collections.Counter = collections.Counter()
    operation.schema.config.generation.update(with_security_parameters=False)  # we send real tokens

    @fuzz_settings(max_examples, shrink=shrink)
    @given(case=operation.as_strategy(generation_mode=mode), who=st.sampled_from(sorted(headers)), data=st.data())
    def fuzz(case, who, data):
        plant(data, case, known, fields=mode.is_positive)
        response = case.call(headers=headers[who])
        seen[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)
        check_error_body(response)

    fuzz()
    return seen


def check_error_body(response) -> None:
    """CONTRACT: every 4xx is a JSON object with an "error" message."""
    if 400 <= response.status_code < 500:
        try:
            payload = response.json()
        except ValueError:
            payload = None
        assert isinstance(payload, dict) and isinstance(payload.get("error"), str) and payload["error"], \
            f"{response.status_code} without a JSON error message: {response.text[:300]}"


@pytest.mark.parametrize(("path", "method", "modes"), CASES, ids=[f"{m} {p}" for p, m, _ in CASES])
def test_operation(app, client, known_ids, path, method, modes):
    operation = schemathesis.openapi.from_wsgi("/api/openapi.json", app)[path][method]
    headers = {who: bearer(api_token(client, who)) for who in CALLERS}
    for mode in modes:
        seen = fuzz_operation(operation, mode, headers, known_ids, EXAMPLES[mode])
        assert 0 < sum(seen.values()) <= EXAMPLES[mode], seen  # fewer when the input space is that small


# -- the checks above can fail: a tiny real WSGI app that breaks each rule once ------------------

def _spec(error_schema: dict) -> dict:
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/api/things/{id}": {"get": {
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": {
                "type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}},
            "404": {"description": "no", "content": {"application/json": {"schema": error_schema}}}}}}}}


STRICT = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
BROKEN = {  # flaw -> (the answer for the planted id, documented 404 schema, what must catch it)
    "server error": (({"error": "boom"}, 500), STRICT, FailureGroup),
    "answer off schema": (({"name": "no id"}, 200), STRICT, FailureGroup),
    "4xx not JSON": (("<h1>not found</h1>", 404, {"Content-Type": "application/json"}), STRICT, FailureGroup),
    "4xx without error, loosely documented": (({"message": "gone"}, 404), {"type": "object"}, AssertionError),
}


@pytest.mark.parametrize("flaw", sorted(BROKEN))
def test_the_checks_catch_a_broken_api(flaw):
    answer, error_schema, expected = BROKEN[flaw]
    tiny = Flask("tiny")
    tiny.add_url_rule("/api/things/<id>", "thing", lambda id: answer if id == "x1" else ({"id": id}, 200))
    schema = schemathesis.openapi.from_dict(_spec(error_schema))
    schema.app = tiny
    with pytest.raises(expected):
        fuzz_operation(schema["/api/things/{id}"]["GET"], GenerationMode.POSITIVE, {"anyone": {}},
                       {"any": ["x1"]}, 10, shrink=False)


def test_the_operations_come_from_the_document():
    """Not vacuous: the document's operations, with and without input, are all here."""
    pairs = {(path, method) for path, method, _ in CASES}
    assert {("/api/relationships", "POST"), ("/api/me", "GET"), ("/api/openapi.json", "GET")} <= pairs
    assert len(pairs) == sum(1 for item in document()["paths"].values() for m in item if m in HTTP_METHODS)
