"""Account plans over the API (CONTRACT: GET plan, PUT member) plus objectives, influence lines
and actions. Managers and admins edit the plan; reps read it and manage their own actions."""

from __future__ import annotations

from flask import g

from graph.errors import ValidationError
from graph.model import (ACTION_STATUSES, MAX_NOTES, MAX_OBJECTIVES, MAX_TEXT, PLAN_KINDS, PLAN_ROLES,
                         PLAN_STATUSES, STANCES)
from graph.services.plans import MAX_OBJECTIVE

from ..extensions import services
from . import bp
from .jsonio import answer, body, query
from .openapi import integer, obj, operation, path_id, query_param, string

DATE = string(fmt="date", nullable=True)
MEMBER_IN = obj({"role": string(enum=PLAN_ROLES), "stance": string(enum=STANCES), "influence": integer(1, 5),
                 "notes": string(MAX_NOTES, nullable=True)}, ("role", "stance", "influence"))
PLAN_IN = obj({"period_start": DATE, "period_end": DATE, "status": string(enum=PLAN_STATUSES),
               "objectives": {"type": "array", "maxItems": MAX_OBJECTIVES, "items": string(MAX_OBJECTIVE)}})
INFLUENCE_IN = obj({"from_id": string(64), "to_id": string(64)}, ("from_id", "to_id"))
_ACTION = {"title": string(MAX_TEXT), "owner": string(64), "due": DATE, "status": string(enum=ACTION_STATUSES),
           "member_id": string(64, nullable=True)}
ACTION_IN = obj(_ACTION, ("title", "owner"))
ACTION_PATCH = obj(_ACTION)

COVERAGE_OUT = obj({"colleague": string(), "colleague_name": string(), "colleague_user_id": string(),
                    "strength": integer(1, 5, nullable=True), "locked": {"type": "boolean"},
                    "owner": string(), "owner_name": string(nullable=True)},
                   ("colleague", "strength", "locked"), closed=False)
MEMBER_OUT = obj({"person_id": string(), "name": string(), "title": string(nullable=True),
                  "role": string(enum=PLAN_ROLES), "stance": string(enum=STANCES), "influence": integer(1, 5),
                  "notes": string(nullable=True), "left": {"type": "boolean"},
                  "coverage": {"type": "array", "items": COVERAGE_OUT},
                  "successors": {"type": "array", "items": {"type": "object"}}},
                 ("person_id", "name", "title", "role", "stance", "influence", "coverage"), closed=False)
ACTION_OUT = obj({"id": string(), "title": string(), "owner": string(), "owner_name": string(nullable=True),
                  "due": DATE, "status": string(enum=ACTION_STATUSES), "member_id": string(nullable=True),
                  "overdue": {"type": "boolean"}}, ("id", "title", "owner", "status", "overdue"), closed=False)
PLAN_OUT = obj({
    "account": obj({"id": string(), "name": string(), "kind": string(enum=PLAN_KINDS),
                    "sub_organisations": {"type": "array", "items": {"type": "object"}}}, ("id", "name"),
                   closed=False),
    "plan": obj({"id": string(nullable=True), "period_start": DATE, "period_end": DATE,
                 "status": string(enum=PLAN_STATUSES), "objectives": {"type": "array", "items": string()}},
                ("status", "objectives"), closed=False),
    "members": {"type": "array", "items": MEMBER_OUT},
    "gaps": {"type": "array", "items": obj({"person_id": string(), "name": string(), "role": string(),
                                            "best_strength": integer(1, 5, nullable=True),
                                            "path": {"type": "object", "nullable": True,
                                                     "description": "best warm path, as GET /api/paths"}},
                                           ("person_id", "name", "role"), closed=False)},
    "single_threaded": {"type": "array", "items": {"type": "object"}},
    "opponents_influencing": {"type": "array", "items": {"type": "object"}},
    "left": {"type": "array", "items": {"type": "object"}},
    "influences": {"type": "array", "items": obj({"id": string(), "from_id": string(), "to_id": string()},
                                                 closed=False)},
    "actions": {"type": "array", "items": ACTION_OUT},
    "summary": {"type": "object"},
}, ("account", "members", "gaps", "actions"), closed=False)


def _paths_wanted() -> bool:
    """`paths` is "0" or "1" as documented; anything else is a 400, not a silent "1"."""
    value = query("paths").get("paths", "1")
    if value not in ("0", "1"):
        raise ValidationError("paths must be 0 or 1", "paths")
    return value == "1"


@bp.get("/accounts/<org_id>/plan")
def get_plan(org_id):
    services().plans.account(g.viewer, org_id)  # 404 before the query string is read
    return answer(services().plans.get(g.viewer, org_id, paths=_paths_wanted()))


@bp.put("/accounts/<org_id>/plan")
def update_plan(org_id):
    services().plans.require_editor(g.viewer, org_id)  # 404 / 403 before the body is read
    return answer(services().plans.update(g.viewer, org_id, body(PLAN_IN)))


@bp.put("/accounts/<org_id>/plan/members/<person_id>")
def put_member(org_id, person_id):
    services().plans.require_editor(g.viewer, org_id)
    services().people.require(person_id)  # an unknown person is 404 before the body is read
    return answer(services().plans.set_member(g.viewer, org_id, person_id, body(MEMBER_IN)))


@bp.delete("/accounts/<org_id>/plan/members/<person_id>")
def delete_member(org_id, person_id):
    services().plans.remove_member(g.viewer, org_id, person_id)
    return "", 204


@bp.post("/accounts/<org_id>/plan/influences")
def add_influence(org_id):
    services().plans.require_editor(g.viewer, org_id)
    return answer(services().plans.add_influence(g.viewer, org_id, body(INFLUENCE_IN)), 201)


@bp.delete("/accounts/<org_id>/plan/influences/<line_id>")
def delete_influence(org_id, line_id):
    services().plans.remove_influence(g.viewer, org_id, line_id)
    return "", 204


@bp.post("/accounts/<org_id>/plan/actions")
def add_action(org_id):
    services().plans.account(g.viewer, org_id)  # reps add their own actions: only 404 comes first
    return answer(services().plans.add_action(g.viewer, org_id, body(ACTION_IN)), 201)


@bp.patch("/accounts/<org_id>/plan/actions/<action_id>")
def patch_action(org_id, action_id):
    return answer(services().plans.update_action(g.viewer, org_id, action_id, body(ACTION_PATCH)))


@bp.delete("/accounts/<org_id>/plan/actions/<action_id>")
def delete_action(org_id, action_id):
    services().plans.delete_action(g.viewer, org_id, action_id)
    return "", 204


_ORG = path_id("org_id", "the account (an organisation of kind account or prospect)")
_NO_CONTENT = {"description": "Done"}


def _deleted(summary: str) -> dict:
    op = operation(summary, errors=(403, 404), tag="plans")
    op["responses"].pop("200")
    op["responses"]["204"] = _NO_CONTENT
    return op


SPEC = {
    "/api/accounts/{org_id}/plan": {
        "parameters": [_ORG],
        "get": operation("The account plan as you may see it: members with coverage (locked coverage shows the "
                         "owner, strength null), gaps with their best warm path, warnings, leavers, actions",
                         answer=PLAN_OUT, errors=(400, 404), tag="plans",
                         params=[query_param("paths", string(enum=("0", "1")), "0 leaves out the gaps' paths")]),
        "put": operation("Managers/admins: period, objectives and status (fields left out keep their value)",
                         body=PLAN_IN, answer=PLAN_OUT, errors=(403, 404), tag="plans"),
    },
    "/api/accounts/{org_id}/plan/members/{person_id}": {
        "parameters": [_ORG, path_id("person_id", "a person who works or worked at the account")],
        "put": operation("Managers/admins: add a member or set their role, stance, influence and notes",
                         body=MEMBER_IN, answer=MEMBER_OUT, errors=(403, 404), tag="plans"),
        "delete": _deleted("Managers/admins: take a member out of the plan (and their influence lines)"),
    },
    "/api/accounts/{org_id}/plan/influences": {
        "parameters": [_ORG],
        "post": operation("Managers/admins: an influence line, to_id listens to from_id (both members)", ok=201,
                          body=INFLUENCE_IN, answer=obj({"id": string(), "from_id": string(), "to_id": string()}),
                          errors=(403, 404, 409), tag="plans"),
    },
    "/api/accounts/{org_id}/plan/influences/{line_id}": {
        "parameters": [_ORG, path_id("line_id")],
        "delete": _deleted("Managers/admins: remove an influence line"),
    },
    "/api/accounts/{org_id}/plan/actions": {
        "parameters": [_ORG],
        "post": operation("An action; owner is a colleague's user id (reps: only themselves)", ok=201,
                          body=ACTION_IN, answer=ACTION_OUT, errors=(403, 404), tag="plans"),
    },
    "/api/accounts/{org_id}/plan/actions/{action_id}": {
        "parameters": [_ORG, path_id("action_id")],
        "patch": operation("Change an action (its owner, managers, admins)", body=ACTION_PATCH, answer=ACTION_OUT,
                           errors=(403, 404), tag="plans"),
        "delete": _deleted("Delete an action (its owner, managers, admins)"),
    },
}
