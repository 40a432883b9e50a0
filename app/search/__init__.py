"""Search pages: /search (results grouped by kind) and /search.csv (the same, as CSV)."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from . import routes  # noqa: E402,F401
