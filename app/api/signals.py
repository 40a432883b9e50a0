"""The user's own relationship signals over the API: per-person figures, suggestions and their
decisions, file uploads. Every answer is the caller's own; nobody reads another user's."""

from __future__ import annotations

from flask import g, request

from graph.errors import ValidationError
from graph.signals.pipeline import DECISIONS, KINDS

from ..extensions import services
from . import bp
from .jsonio import answer, body
from .openapi import integer, obj, operation, path_id, string

COUNTS = obj({"meetings": integer(0), "messages": integer(0), "cards": integer(0)},
             ("meetings", "messages", "cards"))
SUMMARY_OUT = obj({"person_id": string(), "first_contact": string(fmt="date", nullable=True),
                   "last_contact": string(fmt="date", nullable=True),
                   **{f"{k}_{d}d": integer(0) for k in ("meetings", "messages") for d in (30, 90, 365)},
                   "two_way": {"type": "boolean"}, "suggested_strength": integer(1, 5, nullable=True),
                   "reason": string(nullable=True)},
                  ("person_id", "first_contact", "last_contact", "meetings_30d", "meetings_90d", "meetings_365d",
                   "messages_30d", "messages_90d", "messages_365d", "two_way", "suggested_strength", "reason"),
                  closed=False)
SUGGESTION_OUT = obj({"id": string(), "kind": string(enum=KINDS), "person_id": string(nullable=True),
                      "email": string(nullable=True), "name": string(nullable=True),
                      "suggested_strength": integer(1, 5, nullable=True), "reason": string(nullable=True),
                      "last_contact": string(fmt="date", nullable=True)},
                     ("id", "kind", "person_id", "email", "name", "suggested_strength", "reason"), closed=False)
DECISION_IN = obj({"decision": string(enum=DECISIONS), "strength": integer(1, 5)}, ("decision",))
DECISION_OUT = obj({"id": string(), "kind": string(enum=KINDS), "decision": string(enum=DECISIONS),
                    "person_id": string(nullable=True), "relationship_id": string(nullable=True)},
                   ("id", "kind", "decision"), closed=False)


def public(suggestion: dict) -> dict:
    return {k: v for k, v in suggestion.items() if k != "weight"}


@bp.get("/signals/people/<person_id>")
def signal_summary(person_id):
    return answer(services().signals.person_summary(g.viewer, person_id))


@bp.get("/signals/suggestions")
def signal_suggestions():
    return answer({"suggestions": [public(s) for s in services().signals.suggestions(g.viewer)]})


@bp.post("/signals/suggestions/<id>/decision")
def signal_decision(id):  # noqa: A002
    services().signals.require(g.viewer, id)  # 404 before the body is read
    data = body(DECISION_IN)
    return answer(services().signals.decide(g.viewer, id, data.get("decision"), data.get("strength")))


@bp.post("/signals/upload")
def signal_upload():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ValidationError("send the file as multipart form field `file`", "file")
    return answer({"counts": services().signals.upload(g.viewer, upload.filename, upload.read())})


_UPLOAD = operation("Upload my calendar (.ics), mail (.mbox, .eml: headers only) or address book (.vcf)",
                    answer=obj({"counts": COUNTS}, ("counts",)), errors=(400, 413), tag="signals")
_UPLOAD["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": obj(
    {"file": {"type": "string", "format": "binary"}}, ("file",))}}}

SPEC = {
    "/api/signals/people/{person_id}": {
        "parameters": [path_id("person_id")],
        "get": operation("What my own calendar and mail say about one person (zeros when nothing)",
                         answer=SUMMARY_OUT, errors=(404,), tag="signals"),
    },
    "/api/signals/suggestions": {
        "get": operation("My open suggestions: new contacts, strengths, last contacts",
                         answer=obj({"suggestions": {"type": "array", "items": SUGGESTION_OUT}}, ("suggestions",)),
                         tag="signals"),
    },
    "/api/signals/suggestions/{id}/decision": {
        "parameters": [path_id()],
        "post": operation("Accept (optionally with my own strength) or dismiss one of my suggestions, once",
                          body=DECISION_IN, answer=DECISION_OUT, errors=(400, 404, 409), tag="signals"),
    },
    "/api/signals/upload": {"post": _UPLOAD},
}
