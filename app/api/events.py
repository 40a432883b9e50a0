"""Events, nominations and the inbox over the API (CONTRACT: POST /api/events, nominations,
decisions, outcomes). Every rule — who may see a nomination, consent, capacity, fatigue, atomic
decisions, outcomes — lives in graph/services/events.py. Each write resolves its object and
checks the role (404/403) before its body is read (400)."""

from __future__ import annotations

from flask import g

from graph.clock import iso_instant
from graph.model import MAX_NAME, MAX_NOTES
from graph.services.events import OUTCOMES

from ..extensions import services
from . import bp
from .jsonio import answer, body
from .openapi import integer, obj, operation, path_id, string

STATUSES = ("pending_owner", "pending_manager", "approved", "rejected")
EVENT_IN = obj({"name": string(MAX_NAME), "date": string(fmt="date"), "capacity": integer(1, 100_000, nullable=True),
                "description": string(MAX_NOTES, nullable=True)}, ("name", "date"))
NOMINATION_OUT = obj({"id": string(), "status": string(enum=STATUSES), "event_id": string(), "person_id": string(),
                      "person_name": string(), "nominator": string(), "reason": string(nullable=True),
                      "decision_reason": string(nullable=True),
                      "owners": {"type": "array", "items": obj({"id": string(), "name": string(nullable=True),
                                                                "consented": {"type": "boolean"}}, closed=False)},
                      "outcome": string(enum=OUTCOMES, nullable=True), "feedback": string(nullable=True),
                      "outcome_at": string(fmt="date-time", nullable=True),
                      "outcome_by_name": string(nullable=True)},
                     ("id", "status"), closed=False)
EVENT_OUT = obj({"id": string(), "name": string(), "date": string(fmt="date"), "capacity": integer(nullable=True),
                 "description": string(nullable=True), "manager": string(), "approved": integer(),
                 "places_left": integer(nullable=True),
                 "nominations": {"type": "array", "items": NOMINATION_OUT}}, ("id", "name", "date"), closed=False)
NOMINATE_IN = obj({"person_id": string(64), "reason": string(MAX_NOTES, nullable=True)}, ("person_id",))
DECISION_IN = obj({"decision": string(enum=("approve", "reject")), "reason": string(MAX_NOTES, nullable=True)},
                  ("decision",))
CONSENT_IN = obj({"decision": string(enum=("consent", "refuse")), "reason": string(MAX_NOTES, nullable=True)},
                 ("decision",))
OUTCOME_IN = obj({"outcome": string(enum=OUTCOMES), "feedback": string(MAX_NOTES, nullable=True)}, ("outcome",))
STATUS_OUT = obj({"id": string(), "status": string(enum=STATUSES)}, ("id", "status"), closed=False)
NOTE = obj({"id": string(), "at": string(fmt="date-time"), "kind": string(), "text": string(),
            "link": string(nullable=True), "read": {"type": "boolean"}}, ("id", "text"), closed=False)
INBOX_OUT = obj({"notifications": {"type": "array", "items": NOTE}, "unread": integer(0)}, ("notifications", "unread"),
                closed=False)
READ_IN = obj({"id": string(64, nullable=True)})


@bp.get("/events")
def list_events():
    return answer({"events": services().events.list(g.viewer)})


@bp.post("/events")
def create_event():
    services().events.require_organiser(g.viewer)  # 403 before the body is read
    return answer(services().events.create(g.viewer, body(EVENT_IN)), 201)


@bp.get("/events/<id>")
def get_event(id):  # noqa: A002
    return answer(services().events.get(g.viewer, id))


@bp.post("/events/<id>/nominations")
def nominate(id):  # noqa: A002
    services().events.require_nominator(g.viewer, id)  # 404 before the body is read
    return answer(services().events.nominate(g.viewer, id, body(NOMINATE_IN)), 201)


@bp.get("/nominations/<id>")
def get_nomination(id):  # noqa: A002
    return answer(services().events.get_nomination(g.viewer, id))


@bp.post("/nominations/<id>/consent")
def consent(id):  # noqa: A002
    services().events.require_consenter(g.viewer, id)
    return answer(services().events.consent(g.viewer, id, body(CONSENT_IN)))


@bp.post("/nominations/<id>/decision")
def decide(id):  # noqa: A002
    services().events.require_decider(g.viewer, id)
    return answer(services().events.decide(g.viewer, id, body(DECISION_IN)))


@bp.post("/nominations/<id>/outcome")
def record_outcome(id):  # noqa: A002
    services().events.require_outcome_recorder(g.viewer, id)
    return answer(services().events.record_outcome(g.viewer, id, body(OUTCOME_IN)))


@bp.get("/notifications")
def inbox():
    s = services()
    items = [{**n, "at": iso_instant(n["at"])} for n in s.notifications.inbox(g.viewer)]
    return answer({"notifications": items, "unread": s.notifications.unread(g.viewer)})


@bp.post("/notifications/read")
def mark_read():
    return answer({"marked": services().notifications.mark_read(g.viewer, body(READ_IN).get("id"))})


SPEC = {
    "/api/events": {
        "get": operation("Every event with its approved count and places left", tag="events",
                         answer=obj({"events": {"type": "array", "items": EVENT_OUT}}, ("events",), closed=False)),
        "post": operation("Manager/admin: create an event you manage, dated at most a year ahead (else 400 on "
                          "date)", ok=201, body=EVENT_IN, answer=EVENT_OUT, errors=(400, 403), tag="events"),
    },
    "/api/events/{id}": {
        "parameters": [path_id()],
        "get": operation("One event with the nominations you may see", answer=EVENT_OUT, errors=(404,), tag="events"),
    },
    "/api/events/{id}/nominations": {
        "parameters": [path_id()],
        "post": operation("Nominate a person (exclusive owners, and another team's team-level holders, are "
                          "asked first; refused past the fatigue limit)",
                          ok=201, body=NOMINATE_IN, answer=NOMINATION_OUT, errors=(404, 409), tag="events"),
    },
    "/api/nominations/{id}": {
        "parameters": [path_id()],
        "get": operation("One nomination (nominator, event manager, owners asked, admins)", answer=NOMINATION_OUT,
                         errors=(404,), tag="events"),
    },
    "/api/nominations/{id}/consent": {
        "parameters": [path_id()],
        "post": operation("An exclusive owner consents or refuses", body=CONSENT_IN, answer=STATUS_OUT,
                          errors=(403, 404, 409), tag="events"),
    },
    "/api/nominations/{id}/decision": {
        "parameters": [path_id()],
        "post": operation("The event's manager (or an admin) approves or rejects; nobody decides a nomination "
                          "they made (403; a manager's own nomination for their event goes to an admin); decided "
                          "twice or beyond capacity → 409",
                          body=DECISION_IN, answer=STATUS_OUT, errors=(403, 404, 409), tag="events"),
    },
    "/api/nominations/{id}/outcome": {
        "parameters": [path_id()],
        "post": operation("The event's manager (or an admin) records, from the event date on, how an approved "
                          "guest fared (attended, declined, no_show) with optional feedback; a new record replaces "
                          "the last. Seen by the nominator, the manager, admins and the owners of the guest's "
                          "exclusive or team relationships, who are told in their inbox. Before the event date or "
                          "for a guest not approved → 409", body=OUTCOME_IN, answer=NOMINATION_OUT,
                          errors=(403, 404, 409), tag="events"),
    },
    "/api/notifications": {
        "get": operation("Your inbox, newest first, and how many are unread", answer=INBOX_OUT, tag="notifications"),
    },
    "/api/notifications/read": {
        "post": operation("Mark one notification (or, without id, all) as read", body=READ_IN,
                          answer=obj({"marked": integer(0)}, ("marked",), closed=False), tag="notifications"),
    },
}
