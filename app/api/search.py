"""Full-text search over the API: people, organisations and the relationship notes the caller
may read (graph.services.search decides matching, ranking and visibility)."""

from __future__ import annotations

from flask import g

from graph.services.search import DEFAULT_LIMIT, KINDS, MAX_LIMIT

from ..extensions import services
from . import bp
from .jsonio import answer, query
from .openapi import integer, obj, operation, query_param, string


def _list(properties: dict, required) -> dict:
    return {"type": "array", "items": obj(properties, required, closed=False)}


RANK = integer(0, 3)
SEARCH_OUT = obj({
    "q": string(),
    "people": _list({"id": string(), "name": string(), "title": string(nullable=True),
                     "organisation": string(nullable=True), "organisation_id": string(nullable=True),
                     "rank": RANK}, ("id", "name", "rank")),
    "organisations": _list({"id": string(), "name": string(), "kind": string(), "sector": string(nullable=True),
                            "country": string(nullable=True), "rank": RANK}, ("id", "name", "kind", "rank")),
    "notes": _list({"id": string(), "person_id": string(), "person_name": string(), "other_id": string(),
                    "other_name": string(), "context": string(nullable=True), "notes": string(nullable=True),
                    "visibility": string(), "owner": string(), "owner_name": string(nullable=True)},
                   ("id", "person_id", "other_id", "visibility", "owner")),
}, ("q", "people", "organisations", "notes"), closed=False)


@bp.get("/search")
def search():
    args = query("q", "kind", "limit")
    return answer(services().search.search(g.viewer, args.get("q"), kind=args.get("kind"),
                                           limit=args.get("limit", DEFAULT_LIMIT)))


SPEC = {
    "/api/search": {
        "get": operation(
            "Search people (name, title, current organisation), organisations (name, sector, country) and "
            "the relationship notes and context you may read. Accents and case are ignored; every word must "
            "start a word of the record. Best first: exact name, name starting with the query, every word in "
            "the name, other fields; ties by name. An empty q finds nothing.",
            answer=SEARCH_OUT, errors=(400,), tag="search",
            params=(query_param("q", string(100), "words to find"),
                    query_param("kind", string(enum=KINDS), "only this kind of result"),
                    query_param("limit", integer(1, MAX_LIMIT), f"results per kind (default {DEFAULT_LIMIT})"))),
    },
}
