"""Introduction requests over the API (CONTRACT: POST /api/intro-requests and its decision).
Every rule — which relationship qualifies, who sees and decides, the grant — lives in
graph/services/intros.py."""

from __future__ import annotations

from flask import g

from graph.model import MAX_NOTES
from graph.services.intros import DECISIONS, STATUSES

from ..extensions import services
from . import bp
from .jsonio import answer, body
from .openapi import obj, operation, path_id, string

REQUEST_IN = obj({"target_id": string(64), "relationship_id": string(64), "message": string(MAX_NOTES, nullable=True)},
                 ("target_id", "relationship_id"))
DECISION_IN = obj({"decision": string(enum=tuple(DECISIONS)), "message": string(MAX_NOTES, nullable=True)},
                  ("decision",))
STATUS_OUT = obj({"id": string(), "status": string(enum=STATUSES)}, ("id", "status"), closed=False)
INTRO_OUT = obj({
    "id": string(), "status": string(enum=STATUSES), "requester": string(), "requester_name": string(nullable=True),
    "owner": string(), "owner_name": string(nullable=True), "relationship_id": string(), "target_id": string(),
    "target_name": string(), "contact_id": string(),
    "contact_name": string(), "via_id": string(), "via_name": string(), "message": string(nullable=True),
    "decision_message": string(nullable=True), "created_at": string(fmt="date-time"),
    "decided_at": string(fmt="date-time", nullable=True), "grant_expires_at": string(fmt="date-time", nullable=True),
    "can_decide": {"type": "boolean"}}, ("id", "status", "owner", "relationship_id", "target_id", "contact_id"),
    closed=False)
LIST_OUT = obj({"made": {"type": "array", "items": INTRO_OUT}, "received": {"type": "array", "items": INTRO_OUT}},
               ("made", "received"), closed=False)


@bp.get("/intro-requests")
def list_intro_requests():
    return answer(services().intros.mine(g.viewer))


@bp.post("/intro-requests")
def create_intro_request():
    return answer(services().intros.request(g.viewer, body(REQUEST_IN)), 201)


@bp.get("/intro-requests/<id>")
def get_intro_request(id):  # noqa: A002
    return answer(services().intros.get(g.viewer, id))


@bp.post("/intro-requests/<id>/decision")
def decide_intro_request(id):  # noqa: A002
    services().intros.require_decider(g.viewer, id)  # 404 / 403 before the body is read
    return answer(services().intros.decide(g.viewer, id, body(DECISION_IN)))


SPEC = {
    "/api/intro-requests": {
        "get": operation("Introduction requests you made and those you are asked to decide, newest first",
                         answer=LIST_OUT, tag="introductions"),
        "post": operation("Ask the owner of a relationship you see as locked for an introduction: the relationship "
                          "must have target_id at one end or be a locked hop on one of your routes to it; the "
                          "owner is asked (private or unknown relationships: 404; your own or one you already "
                          "see: 400; already asked: 409)", ok=201, body=REQUEST_IN, answer=INTRO_OUT,
                          errors=(403, 404, 409), tag="introductions"),
    },
    "/api/intro-requests/{id}": {
        "parameters": [path_id()],
        "get": operation("One request (its requester, its owner, admins)", answer=INTRO_OUT, errors=(404,),
                         tag="introductions"),
    },
    "/api/intro-requests/{id}/decision": {
        "parameters": [path_id()],
        "post": operation("The owner accepts (the requester sees the contact's details for 30 days) or declines; "
                          "decided twice → 409", body=DECISION_IN, answer=STATUS_OUT, errors=(403, 404, 409),
                          tag="introductions"),
    },
}
