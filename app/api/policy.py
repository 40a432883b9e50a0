"""Policy rules over the API: everyone reads them (reps see why), admins change them, and a
re-application is previewed (GET) before it is applied (POST). Owners answer their exclusivity
reviews here too."""

from __future__ import annotations

from flask import g

from graph.model import MAX_NAME, ORG_KINDS, PLAN_ROLES, REVIEW_DECISIONS, VISIBILITIES
from graph.policy import MODES
from graph.services.policy import MAX_GRACE_DAYS, MAX_REVIEW_DAYS

from ..extensions import services
from . import bp
from .jsonio import answer, body
from .openapi import integer, obj, operation, path_id, string

_FIELDS = {
    "name": string(MAX_NAME), "org_kind": string(enum=ORG_KINDS, nullable=True),
    "sector": string(100, nullable=True), "country": string(100, nullable=True),
    "min_strength": integer(1, 5, nullable=True), "team_id": string(64, nullable=True),
    "plan_role": string(enum=PLAN_ROLES, nullable=True),
    "outcome": string(enum=VISIBILITIES), "mode": string(enum=MODES),
    "review_days": integer(1, MAX_REVIEW_DAYS, nullable=True),
    "review_grace_days": integer(1, MAX_GRACE_DAYS, nullable=True), "reason": string(300, nullable=True),
}
RULE_IN = obj(_FIELDS, ("name", "outcome"))
RULE_PATCH = obj(_FIELDS)
RULE_OUT = obj({**_FIELDS, "id": string(), "position": integer(), "is_default": {"type": "boolean"},
                "conditions": string(), "team": string(nullable=True)}, ("id", "name", "outcome", "mode"),
               closed=False)
RULES_OUT = obj({"rules": {"type": "array", "items": RULE_OUT}}, ("rules",), closed=False)
MOVE_IN = obj({"direction": string(enum=("up", "down"))}, ("direction",))
CHANGE = obj({"relationship_id": string(), "from": string(enum=VISIBILITIES), "to": string(enum=VISIBILITIES),
              "rule": obj({"id": string(), "name": string(), "reason": string(nullable=True)}, closed=False)},
             ("relationship_id", "from", "to", "rule"), closed=False)
CHANGES_OUT = obj({"changes": {"type": "array", "items": CHANGE}}, ("changes",), closed=False)
_INSTANT = string(fmt="date-time", nullable=True)
REVIEW_OUT = obj({"relationship_id": string(), "person_id": string(), "person_name": string(),
                  "rule": dict(obj({"id": string(), "name": string(), "reason": string(nullable=True)}, closed=False),
                               nullable=True),
                  "review_days": integer(1, nullable=True), "grace_days": integer(1), "since_at": _INSTANT,
                  "asked_at": _INSTANT, "due_at": _INSTANT}, ("relationship_id", "person_id", "person_name", "due_at"), closed=False)
REVIEWS_OUT = obj({"reviews": {"type": "array", "items": REVIEW_OUT}}, ("reviews",), closed=False)
DECISION_IN = obj({"decision": string(enum=REVIEW_DECISIONS)}, ("decision",))
DECIDED_OUT = obj({**REVIEW_OUT["properties"], "decision": string(enum=REVIEW_DECISIONS),
                   "visibility": string(enum=("exclusive", "team"))}, ("relationship_id", "decision", "visibility"),
                  closed=False)


@bp.get("/policy/rules")
def list_rules():
    return answer({"rules": services().policy.list(g.viewer)})


@bp.post("/policy/rules")
def create_rule():
    services().policy.require_admin(g.viewer)  # 403 before the body is read
    return answer(services().policy.create(g.viewer, body(RULE_IN)), 201)


@bp.get("/policy/rules/<id>")
def get_rule(id):  # noqa: A002
    return answer(services().policy.get(g.viewer, id))


@bp.patch("/policy/rules/<id>")
def patch_rule(id):  # noqa: A002
    services().policy.require_admin(g.viewer, id)  # 403, then 404, before the body is read
    return answer(services().policy.update(g.viewer, id, body(RULE_PATCH)))


@bp.delete("/policy/rules/<id>")
def delete_rule(id):  # noqa: A002
    services().policy.delete(g.viewer, id)
    return answer({"id": id, "deleted": True})


@bp.post("/policy/rules/<id>/move")
def move_rule(id):  # noqa: A002
    services().policy.require_admin(g.viewer, id)
    return answer({"rules": services().policy.move(g.viewer, id, body(MOVE_IN)["direction"])})


@bp.get("/reviews")
def list_reviews():
    return answer({"reviews": services().reviews.pending(g.viewer)})


@bp.post("/reviews/<id>/decision")
def decide_review(id):  # noqa: A002
    services().reviews.require_owner(g.viewer, id)  # 404, then 403, before the body is read
    return answer(services().reviews.answer(g.viewer, id, body(DECISION_IN)["decision"]))


@bp.get("/policy/reapply")
def preview_reapply():
    return answer({"changes": services().policy.preview(g.viewer)})


@bp.post("/policy/reapply")
def reapply():
    return answer({"changes": services().policy.reapply(g.viewer)})


SPEC = {
    "/api/policy/rules": {
        "get": operation("The policy rules in decision order (first match wins; the default is last)",
                         answer=RULES_OUT, tag="policy"),
        "post": operation("Admin: add a rule just before the default", ok=201, body=RULE_IN, answer=RULE_OUT,
                          errors=(403, 404), tag="policy"),
    },
    "/api/policy/rules/{id}": {
        "parameters": [path_id()],
        "get": operation("One rule", answer=RULE_OUT, errors=(404,), tag="policy"),
        "patch": operation("Admin: change a rule (the default: name, outcome, mode, review, reason only)",
                           body=RULE_PATCH, answer=RULE_OUT, errors=(403, 404), tag="policy"),
        "delete": operation("Admin: delete a rule (never the default: 409)",
                            answer=obj({"id": string(), "deleted": {"type": "boolean"}}, closed=False),
                            errors=(403, 404, 409), tag="policy"),
    },
    "/api/policy/rules/{id}/move": {
        "parameters": [path_id()],
        "post": operation("Admin: move a rule one place up or down", body=MOVE_IN, answer=RULES_OUT,
                          errors=(403, 404, 409), tag="policy"),
    },
    "/api/policy/reapply": {
        "get": operation("Admin: preview what re-applying the rules would change (private relationships are never "
                         "listed, counted or changed)", answer=CHANGES_OUT,
                         errors=(403,), tag="policy"),
        "post": operation("Admin: re-apply the rules to existing relationships (audited, owners told)",
                          answer=CHANGES_OUT, errors=(403,), tag="policy"),
    },
    "/api/reviews": {
        "get": operation("Your exclusive relationships waiting for an exclusivity-review answer (due_at: when "
                         "an unanswered one goes to your team)", answer=REVIEWS_OUT, tag="policy"),
    },
    "/api/reviews/{id}/decision": {
        "parameters": [path_id("id", "the relationship under review")],
        "post": operation("Owner only: confirm (stays exclusive, the review clock restarts) or release (to your "
                          "team); not pending or answered twice → 409", body=DECISION_IN, answer=DECIDED_OUT,
                          errors=(403, 404, 409), tag="policy"),
    },
}
