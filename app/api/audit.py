"""The audit log over the API (CONTRACT: GET /api/audit): managers read their teams' entries,
admins all; filter by person, user or event."""

from __future__ import annotations

from flask import g

from graph.clock import iso_instant

from ..extensions import services
from . import bp
from .jsonio import answer, query
from .openapi import integer, obj, operation, query_param, string

ENTRY = obj({"id": string(), "at": string(fmt="date-time"), "action": string(), "actor_id": string(nullable=True),
             "actor_name": string(), "user_id": string(nullable=True), "person_id": string(nullable=True),
             "person_name": string(nullable=True), "event_id": string(nullable=True),
             "nomination_id": string(nullable=True), "rule_id": string(nullable=True),
             "relationship_id": string(nullable=True), "reason": string(nullable=True),
             "detail": string(nullable=True)}, ("id", "at", "action"), closed=False)
AUDIT_OUT = obj({"entries": {"type": "array", "items": ENTRY}}, ("entries",), closed=False)


@bp.get("/audit")
def audit():
    args = query("person", "user", "event", "limit")
    entries = services().audit.list(g.viewer, args.get("person"), args.get("user"), args.get("event"),
                                    args.get("limit", 200))
    return answer({"entries": [{**e, "at": iso_instant(e["at"])} for e in entries]})


SPEC = {
    "/api/audit": {
        "get": operation("The append-only audit log, newest first (manager: their teams'; admin: all); a line "
                         "about a relationship private now, or about the change that made one private, is read "
                         "by its owner alone",
                         answer=AUDIT_OUT, errors=(400, 403), tag="audit", params=(
                             query_param("person", string(64), "entries about this person"),
                             query_param("user", string(64), "entries by or about this user"),
                             query_param("event", string(64), "entries about this event"),
                             query_param("limit", integer(1, 500), "at most this many (default 200)"))),
    },
}
