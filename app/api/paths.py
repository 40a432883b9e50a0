"""Warm introduction paths over the API (CONTRACT: GET /api/paths).

The exact ranking and every visibility decision live in graph/services/paths.py; locked hops
come back with strength null, locked true and the owner's user id."""

from __future__ import annotations

from flask import g

from graph.model import STRENGTHS

from ..extensions import services
from . import bp
from .jsonio import answer, query
from .openapi import integer, obj, operation, query_param, string

KINDS = ("knows", "reports_to", "school", "employer")
HOP_OUT = obj({
    "from": string(), "to": string(), "kind": string(enum=KINDS),
    "strength": integer(min(STRENGTHS), max(STRENGTHS), nullable=True), "locked": {"type": "boolean"},
    "owner": string(nullable=True), "owner_name": string(nullable=True),
    "organisation_id": string(nullable=True), "organisation": string(nullable=True),
}, ("from", "to", "kind", "strength", "locked", "owner"), closed=False)
PATHS_OUT = obj({
    "paths": {"type": "array", "items": obj({"score": {"type": "number"},
                                             "hops": {"type": "array", "items": HOP_OUT}},
                                            ("score", "hops"), closed=False)},
    "target": string(), "source": string(nullable=True), "k": integer(1, 20), "max_hops": integer(1, 5),
}, ("paths",), closed=False)


@bp.get("/paths")
def find_paths():
    args = query("target", "source", "k", "max_hops")
    result = services().paths.find(g.viewer, args.get("target"), args.get("source") or None,
                                   args.get("k"), args.get("max_hops"))
    result.pop("target_person", None)
    return answer(result)


SPEC = {
    "/api/paths": {
        "get": operation(
            "Who can introduce you to a person: the k best warm paths, exact ranking "
            "(score = Π(strength/5) × 0.85^(hops−1); then fewer hops; then the person ids)",
            answer=PATHS_OUT, errors=(400, 404), tag="paths",
            params=(
                {**query_param("target", string(64), "the person to reach"), "required": True},
                query_param("source", string(64), "start only from this person (default: every colleague)"),
                query_param("k", integer(1, 20), "how many paths (default 5)"),
                query_param("max_hops", integer(1, 5), "longest path in hops (default 4)"),
            )),
    },
}
