"""KNOWS relationships over the API, read through graph.visibility: another user's private one
answers 404, a locked one comes back with its secrets (strength, context, ...) null."""

from __future__ import annotations

from flask import g

from graph.model import CONTEXTS, MAX_NOTES, VISIBILITIES

from ..extensions import services
from . import bp
from .jsonio import answer, body
from .openapi import integer, obj, operation, path_id, string

_EDITABLE = {
    "strength": integer(1, 5), "context": string(enum=CONTEXTS, nullable=True),
    "visibility": string(enum=VISIBILITIES), "since": string(nullable=True, fmt="date"),
    "last_contact": string(nullable=True, fmt="date"), "notes": string(MAX_NOTES, nullable=True),
}
REL_IN = obj({"person_id": string(64), "other_id": string(64), **_EDITABLE}, ("person_id", "other_id", "strength"))
REL_PATCH = obj(_EDITABLE)
REL_OUT = obj({
    "id": string(), "person_id": string(), "other_id": string(), "person_name": string(),
    "other_name": string(), "strength": integer(1, 5, nullable=True),
    "context": string(enum=CONTEXTS, nullable=True), "visibility": string(enum=VISIBILITIES),
    "since": string(nullable=True, fmt="date"), "last_contact": string(nullable=True, fmt="date"),
    "notes": string(nullable=True), "owner": string(), "owner_name": string(nullable=True),
    "locked": {"type": "boolean"},
    "policy_rule": {**obj({"id": string(nullable=True), "name": string(), "reason": string(nullable=True)},
                          closed=False), "nullable": True},
    "created_at": string(fmt="date-time"), "updated_at": string(nullable=True, fmt="date-time"),
}, ("id", "person_id", "other_id", "strength", "visibility", "owner", "policy_rule"), closed=False)
DELETED_OUT = obj({"id": string(), "deleted": {"type": "boolean"}}, ("id", "deleted"), closed=False)


def _out(rel: dict) -> dict:
    """CONTRACT shape: policy_rule {id, name, reason} names the rule that chose the visibility
    (null when the owner chose it)."""
    return {**rel, "policy_rule": rel.get("policy_rule")}


@bp.post("/relationships")
def create_relationship():
    return answer(_out(services().relationships.create(g.viewer, body(REL_IN))), 201)


@bp.get("/relationships/<id>")
def get_relationship(id):  # noqa: A002 - the path names it {id}
    return answer(_out(services().relationships.get(g.viewer, id)))


@bp.patch("/relationships/<id>")
def patch_relationship(id):  # noqa: A002
    return answer(_out(services().relationships.update(g.viewer, id, body(REL_PATCH))))


@bp.delete("/relationships/<id>")
def delete_relationship(id):  # noqa: A002
    services().relationships.delete(g.viewer, id)
    return answer({"id": id, "deleted": True})


SPEC = {
    "/api/relationships": {"post": operation(
        "Record that two people know each other, owned by you; visibility left out = policy decides. "
        "409 only when you already recorded this pair (a colleague's relationship never changes the answer)",
        ok=201, body=REL_IN, answer=REL_OUT, errors=(403, 404, 409), tag="relationships")},
    "/api/relationships/{id}": {
        "parameters": [path_id()],
        "get": operation("One relationship as you may see it (locked: secrets null)", answer=REL_OUT,
                         errors=(404,), tag="relationships"),
        "patch": operation("Edit (owner, owner's manager, admin)", body=REL_PATCH, answer=REL_OUT,
                           errors=(403, 404), tag="relationships"),
        "delete": operation("Delete (owner, owner's manager, admin)", answer=DELETED_OUT, errors=(403, 404),
                            tag="relationships"),
    },
}
