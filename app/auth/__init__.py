"""Log in and out; who the current request acts as (session cookie or bearer token)."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import routes  # noqa: E402,F401
