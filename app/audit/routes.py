"""The audit page: the append-only log, newest first, filtered by person, user or event
(links in the table set the filters). The service refuses reps (403)."""

from __future__ import annotations

from flask import render_template, request
from flask_login import login_required

from ..auth.session import current_viewer
from ..extensions import services
from . import bp


@bp.route("/audit")
@login_required
def index():
    filters = {k: request.args.get(k) or None for k in ("person", "user", "event")}
    entries = services().audit.list(current_viewer(), **filters)
    return render_template("audit/index.html", entries=entries, filters=filters)
