"""Placeholder; the 'Who can introduce me?' page replaces this."""
from flask_login import login_required

from . import bp


@bp.route("/people/<person_id>/paths")
@login_required
def person_paths(person_id):
    return "paths"
