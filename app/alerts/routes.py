"""My alerts (/alerts: dismiss or snooze each) and the adoption dashboard (/adoption, managers).

A login, and every signed-in write, notes the user as active this week (at most one extra write
per user, week and worker), which the dashboard's weekly-active-users line counts."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user, login_required

from graph.alerts import SNOOZE_DAYS
from graph.errors import CarnetError

from ..auth.session import current_viewer
from ..extensions import services
from . import bp


@bp.after_app_request
def note_activity(response):
    """A signed-in write that succeeded counts as activity (a login does too); reads, and
    refused input, stay free of writes."""
    if request.method in ("GET", "HEAD", "OPTIONS") or response.status_code >= 400:
        return response
    viewer = current_viewer()  # the bearer user on /api, the signed-in user elsewhere
    if viewer is not None and viewer.user_id is not None and not getattr(viewer, "preview", False):
        try:
            services().adoption.seen(viewer.user_id)
        except CarnetError:  # an activity mark is not worth failing a request for
            pass
    return response


@bp.route("/alerts")
@login_required
def index():
    return render_template("alerts/index.html", alerts=services().alerts.mine(current_viewer()),
                           snooze_days=SNOOZE_DAYS)


@bp.post("/alerts/<alert_id>/dismiss")
@login_required
def dismiss(alert_id):
    services().alerts.dismiss(current_viewer(), alert_id)
    flash(_("Alert dismissed."), "info")
    return redirect(url_for("alerts.index"))


@bp.post("/alerts/<alert_id>/snooze")
@login_required
def snooze(alert_id):
    viewer = current_viewer()
    days = request.form.get("days", "7")
    services().alerts.snooze(viewer, alert_id, int(days) if days.isdigit() else days)  # 1 to 90 past this line
    flash(ngettext("Alert snoozed for %(num)d day.", "Alert snoozed for %(num)d days.", int(days)), "info")
    return redirect(url_for("alerts.index"))


@bp.route("/adoption")
@login_required
def adoption():
    return render_template("alerts/adoption.html", board=services().adoption.dashboard(current_viewer()))
