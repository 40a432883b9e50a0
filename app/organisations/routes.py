"""Placeholder routes; the organisation pages replace these."""
from flask_login import login_required

from . import bp


@bp.route("/organisations")
@login_required
def index():
    return "organisations"
