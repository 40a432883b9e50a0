"""Core API routes: health, tokens, the caller, and user creation by admins."""

from __future__ import annotations

from flask import current_app, g, request

from graph.errors import StoreUnavailable
from graph.model import MAX_NAME, MAX_PASSWORD, MAX_USERNAME, ROLES

from ..auth.session import issue_token
from ..extensions import services
from . import bp
from .jsonio import answer, body
from .openapi import obj, operation, path_id, string

TOKEN_IN = obj({"username": string(MAX_USERNAME), "password": string(MAX_PASSWORD)}, ("username", "password"))
TOKEN_OUT = obj({"token": string(), "token_type": string(), "expires_in": {"type": "integer"}},
                ("token",), closed=False)
PASSWORD_IN = obj({"current": string(MAX_PASSWORD), "new": string(MAX_PASSWORD)}, ("current", "new"))
TOKEN_RECORD = obj({"id": string(), "created_at": string(fmt="date-time"), "expires_at": string(fmt="date-time"),
                    "label": string(nullable=True), "current": {"type": "boolean"}},
                   ("id", "created_at", "expires_at", "label", "current"))
TOKENS_OUT = obj({"tokens": {"type": "array", "items": TOKEN_RECORD}}, ("tokens",))
HEALTH_OUT = obj({"status": string(enum=("ok", "unavailable")), "backend": string(), "error": string()},
                 ("status", "backend"), closed=False)
USER_IN = obj({
    "username": string(MAX_USERNAME), "password": string(MAX_PASSWORD), "role": string(enum=ROLES),
    "team": string(100, nullable=True), "name": string(MAX_NAME, nullable=True),
    "title": string(200, nullable=True), "email": string(254, nullable=True, fmt="email"),
}, ("username", "password", "role"))
USER_OUT = obj({
    "id": string(), "username": string(), "role": string(enum=ROLES), "team": string(nullable=True),
    "person_id": string(), "name": string(nullable=True), "active": {"type": "boolean"},
}, ("id", "username", "role", "team", "person_id"), closed=False)


@bp.get("/health")
def health():
    """Liveness for load balancers: 503 (not a traceback) while the graph store is down."""
    store = services().store
    try:
        store.ping()
    except StoreUnavailable as exc:
        return answer({"status": "unavailable", "backend": store.backend, "error": exc.message}, 503)
    return answer({"status": "ok", "backend": store.backend})


@bp.post("/tokens")
def create_token():
    data = body(TOKEN_IN)
    user = services().users.authenticate(data["username"], data["password"], request.remote_addr)
    label = request.user_agent.string or None  # shown in the token list, to tell tokens apart
    return answer({"token": issue_token(user, label), "token_type": "Bearer",
                   "expires_in": current_app.config["API_TOKEN_MAX_AGE"]}, 201)


@bp.get("/tokens")
def list_tokens():
    """The caller's own tokens; `current` marks the one this request came with."""
    tokens = services().users.tokens(g.viewer)
    return answer({"tokens": [dict(t, current=t["id"] == g.get("token_id")) for t in tokens]})


@bp.delete("/tokens/<token_id>")
def revoke_token(token_id):
    services().users.revoke_token(g.viewer, token_id)
    return "", 204


@bp.get("/me")
def me():
    return answer(services().users.public(g.api_user))


@bp.post("/me/password")
def change_password():
    """Every session and token of the caller ends, the one this request came with included."""
    data = body(PASSWORD_IN)
    services().users.change_password(g.viewer, data["current"], data["new"], request.remote_addr)
    return "", 204


@bp.post("/users")
def create_user():
    services().users.admin_teams(g.viewer)  # admins only: 403 before the body is read
    return answer(services().users.create(g.viewer, body(USER_IN)), 201)


_HEALTH = operation("Store health (no auth)", answer=HEALTH_OUT, public=True, tag="meta")
_HEALTH["responses"]["503"] = {"description": "The graph store is unavailable",
                               "content": {"application/json": {"schema": HEALTH_OUT}}}


def _no_content(op: dict) -> dict:
    op["responses"].pop("200")
    op["responses"]["204"] = {"description": "Done"}
    return op


SPEC = {
    "/api/health": {"get": _HEALTH},
    "/api/tokens": {
        "post": operation("Exchange username and password for a bearer token. Throttled (429) per username "
                          "and client address, and per username from every address, whether or not the "
                          "username exists", ok=201, body=TOKEN_IN, answer=TOKEN_OUT, errors=(401, 429),
                          public=True, tag="auth"),
        "get": operation("Your own live tokens (never their secret); `current` is the one you called with",
                         answer=TOKENS_OUT, tag="auth"),
    },
    "/api/tokens/{token_id}": {
        "parameters": [path_id("token_id", "a token id from GET /api/tokens")],
        "delete": _no_content(operation("Revoke one of your own tokens; it is refused (401) at once. Another "
                                        "user's token id answers 404, even to an admin", errors=(404,),
                                        tag="auth")),
    },
    "/api/me": {"get": operation("The calling user", answer=USER_OUT, tag="auth")},
    "/api/me/password": {"post": _no_content(operation(
        "Change your password. A wrong `current` answers 400 with field `current`; a new password too short, "
        "unchanged, or equal to your username answers 400 with field `new`. Every session and token of yours "
        "then ends, the token of this request included: ask POST /api/tokens for a new one",
        body=PASSWORD_IN, errors=(429,), tag="auth"))},
    "/api/users": {"post": operation("Create a user (admin); an unknown team name creates the team, and a "
                                     "manager created with team T manages T", ok=201, body=USER_IN,
                                     answer=USER_OUT, errors=(403, 409), tag="users")},
}
