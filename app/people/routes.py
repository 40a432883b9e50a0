"""Placeholder routes; the people pages replace these."""
from flask_login import login_required

from . import bp


@bp.route("/people")
@login_required
def index():
    return "people"


@bp.route("/people/new")
@login_required
def new():
    return "new"


@bp.route("/people/<person_id>")
@login_required
def show(person_id):
    return person_id
