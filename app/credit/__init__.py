from flask import Blueprint

bp = Blueprint("credit", __name__)

from . import routes  # noqa: E402,F401
