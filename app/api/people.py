"""People over the API: search, records, positions and education.

Name, title and organisation are public; each of email, phone and notes comes back null unless
graph.visibility lets the caller read it; details_locked is true when one of them holds a value
the caller may not read, and locked_details names those."""

from __future__ import annotations

from flask import g

from graph.model import MAX_NAME, MAX_NOTES, MAX_TEXT

from ..extensions import services
from . import bp
from .jsonio import answer, body, query
from .openapi import integer, obj, operation, path_id, query_param, string

_DETAILS = {
    "title": string(MAX_TEXT, nullable=True), "email": string(254, nullable=True, fmt="email"),
    "phone": string(40, nullable=True), "notes": string(MAX_NOTES, nullable=True),
    "reports_to": string(64, nullable=True),
}
PERSON_IN = obj({"name": string(MAX_NAME), "organisation_id": string(64, nullable=True), **_DETAILS}, ("name",))
PERSON_PATCH = obj({"name": string(MAX_NAME), **_DETAILS})
PERSON_OUT = obj({
    "id": string(), "name": string(), "title": string(nullable=True),
    "organisation_id": string(nullable=True), "organisation": string(nullable=True),
    "email": string(nullable=True), "phone": string(nullable=True), "notes": string(nullable=True),
    "details_locked": {"type": "boolean"}, "locked_details": {"type": "array", "items": string()},
    "reports_to": string(nullable=True),
    "user_id": string(nullable=True), "is_colleague": {"type": "boolean"},
    "created_at": string(nullable=True, fmt="date-time"), "updated_at": string(nullable=True, fmt="date-time"),
}, ("id", "name", "title", "organisation_id", "email", "phone", "details_locked"), closed=False)
PEOPLE_OUT = obj({
    "items": {"type": "array", "items": obj({
        "id": string(), "name": string(), "title": string(nullable=True),
        "organisation": string(nullable=True), "organisation_id": string(nullable=True)},
        ("id", "name"), closed=False)},
    "total": integer(0), "page": integer(1), "pages": integer(1), "q": string(nullable=True),
}, ("items", "total", "page", "pages"), closed=False)
_PERIOD = {"start": string(nullable=True, fmt="date"), "end": string(nullable=True, fmt="date")}
POSITION_IN = obj({"organisation_id": string(64), "title": string(MAX_TEXT, nullable=True),
                   "department": string(MAX_TEXT, nullable=True), **_PERIOD}, ("organisation_id",))
POSITION_OUT = obj({"id": string(), "person_id": string(), "organisation_id": string(),
                    "title": string(nullable=True), "department": string(nullable=True), **_PERIOD,
                    "created_at": string(fmt="date-time")}, ("id", "person_id", "organisation_id"), closed=False)
EDUCATION_IN = obj({"school_id": string(64), **_PERIOD}, ("school_id",))
EDUCATION_OUT = obj({"id": string(), "person_id": string(), "school_id": string(), **_PERIOD,
                     "created_at": string(fmt="date-time")}, ("id", "person_id", "school_id"), closed=False)


@bp.get("/people")
def list_people():
    args = query("q", "page")
    return answer(services().people.list(g.viewer, q=args.get("q"), page=args.get("page", 1)))


@bp.post("/people")
def create_person():
    return answer(services().people.create(g.viewer, body(PERSON_IN)), 201)


@bp.get("/people/<id>")
def get_person(id):  # noqa: A002 - the path names it {id}
    return answer(services().people.get(g.viewer, id))


@bp.patch("/people/<id>")
def patch_person(id):  # noqa: A002
    return answer(services().people.update(g.viewer, id, body(PERSON_PATCH)))


@bp.post("/people/<id>/positions")
def add_position(id):  # noqa: A002
    services().people.require(id, field=None)  # an unknown person is 404 before the body is read
    return answer(services().people.add_position(g.viewer, id, body(POSITION_IN)), 201)


@bp.post("/people/<id>/education")
def add_education(id):  # noqa: A002
    services().people.require(id, field=None)
    return answer(services().people.add_education(g.viewer, id, body(EDUCATION_IN)), 201)


SPEC = {
    "/api/people": {
        "get": operation("Search people by name or current organisation, 50 a page", answer=PEOPLE_OUT,
                         params=(query_param("q", string(100), "text in the name or organisation"),
                                 query_param("page", integer(1), "page number, from 1")),
                         errors=(400,), tag="people"),
        "post": operation("Create a person (organisation_id records a current position)", ok=201,
                          body=PERSON_IN, answer=PERSON_OUT, errors=(404,), tag="people"),
    },
    "/api/people/{id}": {
        "parameters": [path_id()],
        "get": operation("One person; each contact detail null unless you may read it (details_locked: one is "
                         "hidden from you; locked_details: which)",
                         answer=PERSON_OUT, errors=(404,), tag="people"),
        "patch": operation("Edit a person; a contact detail only by someone who may read it (an empty one "
                           "included; otherwise 404 and nothing written); its writer becomes its contributor",
                           body=PERSON_PATCH, answer=PERSON_OUT, errors=(404,), tag="people"),
    },
    "/api/people/{id}/positions": {
        "parameters": [path_id()],
        "post": operation("Add a position (no end = current)", ok=201, body=POSITION_IN, answer=POSITION_OUT,
                          errors=(404,), tag="people"),
    },
    "/api/people/{id}/education": {
        "parameters": [path_id()],
        "post": operation("Add a school attended", ok=201, body=EDUCATION_IN, answer=EDUCATION_OUT,
                          errors=(404,), tag="people"),
    },
}
