"""Placeholder; the pictures replace these."""
from flask_login import login_required

from . import bp


@bp.route("/people/<person_id>/network.json")
@login_required
def person_network(person_id):
    return {}


@bp.route("/organisations/<org_id>/chart.json")
@login_required
def organisation_chart(org_id):
    return {}
