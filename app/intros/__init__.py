from flask import Blueprint

bp = Blueprint("intros", __name__)

from . import routes  # noqa: E402,F401
