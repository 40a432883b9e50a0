"""A rep's connections to their own calendar, mailbox and address book over the API; each
user's own only, and no answer ever carries a password."""

from __future__ import annotations

from flask import g

from ..extensions import services
from . import bp
from .jsonio import answer, body, query
from .openapi import integer, obj, operation, path_id, query_param, string

CONNECTION_IN = obj({"kind": string(enum=["caldav", "carddav", "imap"]), "url": string(2000),
                     "host": string(253), "port": integer(1, 65535), "security": string(enum=["ssl", "starttls"]),
                     "username": string(320), "password": string(1024),
                     "folders": {"type": "array", "maxItems": 20, "items": string(200)}},
                    ("kind", "username", "password"))
CONNECTION_OUT = obj({"id": string(), "kind": string(enum=["caldav", "carddav", "imap"]),
                      "url": string(nullable=True), "host": string(nullable=True), "port": integer(nullable=True),
                      "security": string(nullable=True), "username": string(),
                      "folders": {"type": "array", "items": string(), "nullable": True},
                      "status": string(enum=["new", "syncing", "ok", "partial", "error"]), "last_sync": string(nullable=True),
                      "error": string(nullable=True)}, ("id", "kind", "status", "last_sync"), closed=False)
COUNTS = obj({"meetings": integer(0), "messages": integer(0), "cards": integer(0)}, closed=False)
SYNC_OUT = obj({"id": string(), "status": string(enum=["ok", "partial"]), "last_sync": string(nullable=True), "counts": COUNTS},
               ("id", "status", "last_sync", "counts"))
DELETE_OUT = obj({"id": string(), "deleted": {"type": "boolean"}, "purged": {"type": "object", "nullable": True}},
                 ("id", "deleted"), closed=False)


@bp.get("/connections")
def list_connections():
    return answer({"connections": services().connections.mine(g.viewer)})


@bp.post("/connections")
def create_connection():
    return answer(services().connections.create(g.viewer, body(CONNECTION_IN)), 201)


@bp.get("/connections/<id>")
def get_connection(id):  # noqa: A002
    return answer(services().connections.get(g.viewer, id))


@bp.delete("/connections/<id>")
def delete_connection(id):  # noqa: A002
    purge = query("purge").get("purge", "false").lower() in ("1", "true", "yes")
    return answer(services().connections.delete(g.viewer, id, purge=purge))


@bp.post("/connections/<id>/sync")
def sync_connection(id):  # noqa: A002
    return answer(services().connections.sync(g.viewer, id))


SPEC = {
    "/api/connections": {
        "get": operation("My connections (calendars, mailboxes, address books); never their passwords",
                         answer=obj({"connections": {"type": "array", "items": CONNECTION_OUT}}, ("connections",)),
                         tag="signals"),
        "post": operation("Connect a calendar (caldav), address book (carddav) or mailbox (imap): the server is "
                          "tried first and only hosts on CARNET_CONNECT_ALLOW are reached", ok=201,
                          body=CONNECTION_IN, answer=CONNECTION_OUT, errors=(502,), tag="signals"),
    },
    "/api/connections/{id}": {
        "parameters": [path_id()],
        "get": operation("One of my connections", answer=CONNECTION_OUT, errors=(404,), tag="signals"),
        "delete": operation("Delete one of my connections and its password; purge=true also deletes the signals "
                            "it brought", answer=DELETE_OUT, errors=(404,),
                            params=[query_param("purge", {"type": "boolean"}, "also delete its signals")],
                            tag="signals"),
    },
    "/api/connections/{id}/sync": {
        "parameters": [path_id()],
        "post": operation("Read what is new since the last sync into my signals", answer=SYNC_OUT,
                          errors=(404, 502), tag="signals"),
    },
}
