from flask import Blueprint

bp = Blueprint("preview", __name__)

from . import routes  # noqa: E402,F401
