"""The contributor credit leaderboard (managers: their teams; admins: everyone; reps: 403)."""

from flask import render_template, request
from flask_login import login_required

from ..auth.session import current_viewer
from ..extensions import services
from . import bp


@bp.route("/credit")
@login_required
def index():
    board = services().credit.leaderboard(current_viewer(), request.args.get("period"))
    return render_template("credit/index.html", **board)
