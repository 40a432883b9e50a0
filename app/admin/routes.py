"""Placeholder routes; the admin pages replace these."""
from flask_login import login_required

from . import bp


@bp.route("/admin/users")
@login_required
def users():
    return "users"
