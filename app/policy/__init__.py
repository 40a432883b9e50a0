from flask import Blueprint

bp = Blueprint("policy", __name__)  # its CLI group is `flask policy ...`

from . import cli, routes  # noqa: E402,F401
