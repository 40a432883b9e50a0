"""Organisations over the API: public to every user, editable by every user."""

from __future__ import annotations

from flask import g

from graph.model import MAX_NAME, ORG_KINDS

from ..extensions import services
from . import bp
from .jsonio import answer, body
from .openapi import obj, operation, path_id, string

_FIELDS = {
    "name": string(MAX_NAME), "kind": string(enum=ORG_KINDS), "sector": string(100, nullable=True),
    "country": string(100, nullable=True), "parent_id": string(64, nullable=True),
}
ORG_IN = obj(_FIELDS, ("name", "kind"))
ORG_PATCH = obj(_FIELDS)
ORG_OUT = obj({
    "id": string(), "name": string(), "kind": string(enum=ORG_KINDS), "sector": string(nullable=True),
    "country": string(nullable=True), "parent_id": string(nullable=True), "parent_name": string(nullable=True),
    "created_at": string(nullable=True, fmt="date-time"),
}, ("id", "name", "kind", "parent_id"), closed=False)


@bp.post("/organisations")
def create_organisation():
    return answer(services().organisations.create(g.viewer, body(ORG_IN)), 201)


@bp.get("/organisations/<id>")
def get_organisation(id):  # noqa: A002 - the path names it {id}
    return answer(services().organisations.get(g.viewer, id))


@bp.patch("/organisations/<id>")
def patch_organisation(id):  # noqa: A002
    return answer(services().organisations.patch(g.viewer, id, body(ORG_PATCH)))


SPEC = {
    "/api/organisations": {"post": operation(
        "Create an organisation (parent_id makes it PART_OF another)", ok=201, body=ORG_IN, answer=ORG_OUT,
        errors=(404,), tag="organisations")},
    "/api/organisations/{id}": {
        "parameters": [path_id()],
        "get": operation("One organisation", answer=ORG_OUT, errors=(404,), tag="organisations"),
        "patch": operation("Edit an organisation; fields left out keep their value", body=ORG_PATCH,
                           answer=ORG_OUT, errors=(404,), tag="organisations"),
    },
}
