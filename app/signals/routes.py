"""My signals (/signals): what my own calendar, mail and address book suggest, with one-click
accept, adjust or dismiss, and an upload form. Only ever the signed-in user's own."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from graph.errors import CarnetError, NotFound, ValidationError

from ..auth.session import current_viewer
from ..extensions import services
from . import bp

BACK = ("home", "signals", "person")  # where a decision returns to (never a free address)


@bp.route("/signals")
@login_required
def index():
    return render_template("signals/index.html", suggestions=services().signals.suggestions(current_viewer()))


@bp.post("/signals/upload")
@login_required
def upload():
    upload_ = request.files.get("file")
    if upload_ is None or not upload_.filename:
        flash(_("Choose a .ics, .mbox, .eml or .vcf file."), "error")
        return redirect(url_for("signals.index")), 303
    try:
        counts = services().signals.upload(current_viewer(), upload_.filename, upload_.read())
    except ValidationError as exc:
        flash(_("That file could not be read: %(error)s", error=exc), "error")
        return redirect(url_for("signals.index")), 303
    flash(_("Read: %(meetings)d new meetings, %(messages)d new messages, %(cards)d new cards.", **counts), "info")
    return redirect(url_for("signals.index")), 303


@bp.post("/signals/suggestions/<suggestion_id>/decision")
@login_required
def decide(suggestion_id):
    services().signals.require(current_viewer(), suggestion_id)  # a stranger's id: 404, whatever the form says
    form = request.form
    back, person_id = form.get("back"), form.get("person_id")
    try:
        out = services().signals.decide(current_viewer(), suggestion_id, form.get("decision"),
                                        form.get("strength") or None)
    except NotFound:
        raise
    except CarnetError as exc:
        flash(str(exc), "error")
    else:
        flash(_("Saved.") if out["decision"] == "accept" else _("Dismissed."), "info")
        person_id = out.get("person_id") or person_id
    if back == "person" and person_id and isinstance(person_id, str) and len(person_id) <= 64:
        return redirect(url_for("people.show", person_id=person_id)), 303
    return redirect(url_for("main.home" if back == "home" else "signals.index")), 303
