"""Serves the OpenAPI 3 document assembled from every API module's SPEC fragment.

A module joins the document by being named in SPEC_MODULES; a test checks that every /api
rule of the app is described there. The helpers below keep the fragments short and uniform."""

from __future__ import annotations

import importlib

from flask import jsonify

from . import bp

# Modules of app.api whose SPEC is merged, in document order. Add a new API module here.
SPEC_MODULES = ["openapi", "core", "organisations", "people", "relationships", "paths", "policy", "events", "audit", "plans", "intros", "alerts", "search", "signals", "connections"]

ERROR_TEXT = {
    400: "Bad input: malformed JSON, a non-object body, wrong content type, unknown field, wrong type, or a "
         "refused character (NUL, other control characters, a lone surrogate, bidi overrides)",
    401: "Missing, invalid or revoked bearer token",
    403: "Your role may not do this",
    404: "Unknown, or not visible to you",
    409: "Clashes with existing data",
    413: "Request body too large",
    429: "Too many attempts; try later",
    502: "The remote server (calendar, mailbox, address book) cannot be reached or read",
    503: "The graph store is unavailable",
}


def obj(properties: dict, required=(), *, closed: bool = True) -> dict:
    """A JSON object schema; request bodies are closed (unknown fields are refused)."""
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    if closed:
        schema["additionalProperties"] = False
    return schema


def string(max_len: int | None = None, *, nullable: bool = False, fmt: str | None = None, enum=None) -> dict:
    schema: dict = {"type": "string"}
    if max_len:
        schema["maxLength"] = max_len
    if fmt:
        schema["format"] = fmt
    if enum is not None:
        schema["enum"] = list(enum) + ([None] if nullable else [])
    if nullable:
        schema["nullable"] = True
    return schema


def integer(low: int | None = None, high: int | None = None, *, nullable: bool = False) -> dict:
    schema: dict = {"type": "integer"}
    if low is not None:
        schema["minimum"] = low
    if high is not None:
        schema["maximum"] = high
    if nullable:
        schema["nullable"] = True
    return schema


def operation(summary: str, *, ok: int = 200, answer: dict | None = None, body: dict | None = None,
              errors=(), params=(), public: bool = False, tag: str | None = None) -> dict:
    """One operation: request body, success answer and the error answers it may give."""
    op: dict = {"summary": summary, "responses": {}}
    if tag:
        op["tags"] = [tag]
    if public:
        op["security"] = []
    if params:
        op["parameters"] = list(params)
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    op["responses"][str(ok)] = {"description": "OK" if ok == 200 else "Created",
                                "content": {"application/json": {"schema": answer or {"type": "object"}}}}
    codes = set(errors)
    if body is not None:
        codes |= {400, 413}
    if params:
        codes.add(400)  # every value is checked for refused characters (app/inputs.py)
    if not public:
        codes.add(401)
    for code in sorted(codes):
        op["responses"][str(code)] = {"description": ERROR_TEXT[code], "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return op


def path_id(name: str = "id", description: str = "opaque id") -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": {"type": "string"}}


def query_param(name: str, schema: dict, description: str = "") -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def document() -> dict:
    from . import idempotency  # its hook is registered after authentication (app/api/__init__.py)

    paths: dict = {}
    for name in SPEC_MODULES:
        try:
            module = importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                raise
            continue  # a listed module not written yet
        for path, item in getattr(module, "SPEC", {}).items():
            paths.setdefault(path, {}).update(item)
    for item in paths.values():  # path-level parameters are checked like any other (app/inputs.py)
        for op in item.values():
            if item.get("parameters") and isinstance(op, dict) and "responses" in op:
                op["responses"].setdefault("400", {"description": ERROR_TEXT[400], "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
    idempotency.describe(paths)
    return {
        "openapi": "3.0.3",
        "info": {"title": "Carnet API", "version": "1",
                 "description": "Relationship capital for key-account teams. JSON in and out; "
                                "authenticate with POST /api/tokens then send Authorization: Bearer <token>.\n\n"
                                + idempotency.DESCRIPTION},
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {"type": "object", "required": ["error"], "properties": {
                "error": {"type": "string"}, "field": {"type": "string"}}}},
        },
    }


@bp.route("/openapi.json")
def openapi():
    return jsonify(document())


SPEC = {"/api/openapi.json": {"get": operation("This OpenAPI document", public=True, tag="meta")}}
