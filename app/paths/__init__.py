from flask import Blueprint

bp = Blueprint("paths", __name__)

from . import routes  # noqa: E402,F401
