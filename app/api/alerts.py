"""Alerts and adoption over the API: my open alerts, dismiss, snooze; the adoption figures."""

from __future__ import annotations

from flask import g

from graph.alerts import RULES

from ..extensions import services
from . import bp
from .jsonio import answer, body
from .openapi import integer, obj, operation, path_id, string

ALERT_OUT = obj({"id": string(), "rule": string(enum=list(RULES)), "label": string(), "text": string(),
                 "link": string(nullable=True), "created_at": string(fmt="date-time")},
                ("id", "rule", "text"), closed=False)
STATUS_OUT = obj({"id": string(), "status": string(enum=["dismissed", "snoozed"])}, ("id", "status"))
SNOOZE_IN = obj({"days": integer(1, 90)})
SERIES = {"type": "array", "items": integer(nullable=True)}
TEAM_OUT = obj({"team_id": string(), "name": string(), "size": integer(0), "active": SERIES, "recorded": SERIES,
                "updated": SERIES, "plans_updated": SERIES, "dm_covered": SERIES,
                "reps": {"type": "array", "items": obj({"name": string(), "recorded": SERIES, "updated": SERIES},
                                                        closed=False)}},
               ("team_id", "name", "active"), closed=False)
ADOPTION_OUT = obj({"weeks": {"type": "array", "items": string(fmt="date")},
                    "teams": {"type": "array", "items": TEAM_OUT}}, ("weeks", "teams"))


@bp.get("/alerts")
def list_alerts():
    return answer({"alerts": services().alerts.mine(g.viewer)})


@bp.post("/alerts/<id>/dismiss")
def dismiss_alert(id):  # noqa: A002
    return answer(services().alerts.dismiss(g.viewer, id))


@bp.post("/alerts/<id>/snooze")
def snooze_alert(id):  # noqa: A002
    services().alerts.own(g.viewer, id)  # 404 before the body is read
    return answer(services().alerts.snooze(g.viewer, id, body(SNOOZE_IN).get("days", 7)))


@bp.get("/adoption")
def adoption():
    return answer(services().adoption.dashboard(g.viewer))


SPEC = {
    "/api/alerts": {
        "get": operation("My open alerts (uncovered decision makers, stale relationships, leavers, waiting decisions)",
                         answer=obj({"alerts": {"type": "array", "items": ALERT_OUT}}, ("alerts",)), tag="alerts"),
    },
    "/api/alerts/{id}/dismiss": {
        "parameters": [path_id()],
        "post": operation("Dismiss one of my alerts (it is not raised again)", answer=STATUS_OUT, errors=(404,),
                          tag="alerts"),
    },
    "/api/alerts/{id}/snooze": {
        "parameters": [path_id()],
        "post": operation("Snooze one of my alerts for `days` (default 7)", body=SNOOZE_IN, answer=STATUS_OUT,
                          errors=(400, 404), tag="alerts"),
    },
    "/api/adoption": {
        "get": operation("Adoption per team over the last 12 weeks (manager: their teams; admin: all)",
                         answer=ADOPTION_OUT, errors=(403,), tag="alerts"),
    },
}
