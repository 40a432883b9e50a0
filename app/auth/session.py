"""Flask-Login glue and the current Viewer.

The session remembers "user id : auth epoch". Disabling a user (or any other reason to end
their sessions) moves the epoch on in the graph, so every cookie and token issued before stops
working at once, on every worker. Nothing is kept in the process."""

from __future__ import annotations

from flask import current_app, g, request
from flask_babel import gettext
from flask_login import AnonymousUserMixin, UserMixin, current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from graph.errors import Unauthenticated

from ..extensions import login_manager, services
from .verified import KeptCookieSessions, Verified


def N_(text: str) -> str:
    """Marks a string for extraction only; it is translated where it is shown."""
    return text


class SessionUser(UserMixin):
    def __init__(self, user: dict):
        self.record = user
        self.viewer = services().users.viewer_of(user)

    def get_id(self) -> str:
        return f"{self.record['id']}:{self.record.get('auth_epoch') or 0}"

    @property
    def role(self) -> str:
        return self.record["role"]


class Anonymous(AnonymousUserMixin):
    viewer = None
    role = None


def _load(user_id: str, epoch) -> dict | None:
    user = services().users.get(user_id)
    if user is None or user.get("active") is False or str(user.get("auth_epoch") or 0) != str(epoch):
        return None
    return user


@login_manager.user_loader
def load_user(session_id: str):
    user_id, _, epoch = (session_id or "").partition(":")
    user = _load(user_id, epoch)
    return SessionUser(user) if user else None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="carnet-api-token")


def issue_token(user: dict, label: str | None = None) -> str:
    """A signed bearer token over a token record kept in the graph (listed and revoked one by
    one) and the user's auth epoch (a password change or disabling the user ends it)."""
    record = services().users.create_token(user["id"], label, current_app.config["API_TOKEN_MAX_AGE"] * 1000)
    return _serializer().dumps({"uid": user["id"], "epoch": user.get("auth_epoch") or 0, "tid": record["id"]})


def bearer_user() -> dict:
    """The user of the request's bearer token, or Unauthenticated."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("a bearer token is required (POST /api/tokens)")
    try:
        verified = current_app.extensions.setdefault("carnet_tokens", Verified())  # per app: its own key
        data = verified.loads(_serializer(), token.strip(), current_app.config["API_TOKEN_MAX_AGE"])
    except BadSignature:
        raise Unauthenticated("invalid or expired token") from None
    user = _load(data.get("uid"), data.get("epoch")) if isinstance(data, dict) else None
    # the record must still exist: a revoked token is gone from the user record on every worker
    # at once (the record is re-read after any token write; the signature check alone is kept)
    if user is None or data.get("tid") not in user.get("token_ids", ()):
        raise Unauthenticated("invalid or expired token")
    g.token_id = data["tid"]
    return user


def current_viewer():
    """The Viewer of this request: the bearer user on /api, the logged-in user elsewhere."""
    if "viewer" in g:
        return g.viewer
    return current_user.viewer if current_user.is_authenticated else None


def init_app(app) -> None:
    app.session_interface = KeptCookieSessions()  # each session cookie verified once (app/auth/verified.py)
    login_manager.init_app(app)
    login_manager.anonymous_user = Anonymous
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("Please log in to access this page.")
    login_manager.localize_callback = gettext  # the sign-in prompt in the reader's language
    login_manager.session_protection = "basic"
