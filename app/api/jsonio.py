"""JSON in and out for the API.

Request bodies are checked against the very schemas the OpenAPI document publishes (types,
enums, unknown fields), so the document cannot drift from what is enforced; the services
then apply the domain rules. Answers carry instants as ISO 8601 strings."""

from __future__ import annotations

import json

from flask import current_app, jsonify, request

from graph.clock import iso_instant
from graph import validation as v
from graph.errors import ValidationError

# A JSON body larger than this is refused with 413 (MAX_CONTENT_LENGTH is for uploads).
DEFAULT_MAX_BODY = 1024 * 1024

_PY_TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def body(schema: dict) -> dict:
    """The request's JSON object, checked against `schema`; any fault is a 400 naming the field."""
    if not request.is_json:
        raise ValidationError("send a JSON body with Content-Type: application/json", "body")
    request.max_content_length = current_app.config.get("API_MAX_BODY", DEFAULT_MAX_BODY)
    raw = request.get_data(cache=True)  # raises 413 past the limit
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ValidationError("the body is not valid JSON", "body") from None
    if not isinstance(data, dict):
        raise ValidationError("the body must be a JSON object", "body")
    v.tree("body", data)  # refused characters (graph/validation.py), named by field
    check(schema, data)
    return data


def check(schema: dict, data: dict) -> None:
    """Unknown fields, required fields, then each value's type, enum and bounds."""
    props = schema.get("properties", {})
    if schema.get("additionalProperties") is False:
        for key in data:
            if key not in props:
                raise ValidationError(f"unknown field {key}", key)
    for key in schema.get("required", ()):
        if data.get(key) is None or data.get(key) == "":
            raise ValidationError(f"{key} is required", key)
    for key, value in data.items():
        if key in props:
            _value(key, props[key], value)


def _value(field: str, spec: dict, value) -> None:
    if value is None:
        if spec.get("nullable"):
            return
        raise ValidationError(f"{field} must not be null", field)
    kind = spec.get("type")
    if kind and (not isinstance(value, _PY_TYPES[kind]) or (kind != "boolean" and isinstance(value, bool))):
        raise ValidationError(f"{field} must be of type {kind}", field)
    if "enum" in spec and value not in spec["enum"]:
        raise ValidationError(f"{field} must be one of: {', '.join(map(str, spec['enum']))}", field)
    if "minimum" in spec and value < spec["minimum"] or "maximum" in spec and value > spec["maximum"]:
        raise ValidationError(f"{field} must be from {spec.get('minimum')} to {spec.get('maximum')}", field)
    if "maxLength" in spec and len(value) > spec["maxLength"]:
        raise ValidationError(f"{field} is longer than {spec['maxLength']} characters", field)


def query(*allowed: str) -> dict:
    """The query-string arguments, each at most once; an unknown one is a 400 like a body field."""
    out = {}
    for key in request.args:
        if key not in allowed:
            raise ValidationError(f"unknown parameter {key}", key)
        values = request.args.getlist(key)
        if len(values) > 1:
            raise ValidationError(f"{key} given more than once", key)
        out[key] = values[0]
    return out


def plain(value):
    """Epoch-millisecond `*_at` fields become ISO 8601 strings, at any depth."""
    if isinstance(value, dict):
        return {k: (iso_instant(v) if k.endswith("_at") and isinstance(v, int) and not isinstance(v, bool)
                    else plain(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def answer(value, status: int = 200):
    """A JSON response of `value` (dates made ISO)."""
    return jsonify(plain(value)), status
