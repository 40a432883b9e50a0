"""The "Who can introduce me?" page: ranked warm paths to a person, as readable routes."""

from flask import render_template, request
from flask_login import login_required

from ..auth.session import current_viewer
from ..extensions import services
from . import bp


@bp.route("/people/<person_id>/paths")
@login_required
def person_paths(person_id):
    answer = services().paths.page(current_viewer(), person_id, request.args.get("k"),
                                   request.args.get("max_hops"))
    return render_template("paths/person_paths.html", answer=answer)
