"""The Requests pages: ask the owner of a locked hop for an introduction (from the paths page or
a plan gap), and the inbox of requests made and received with accept/decline. Every rule —
which relationship qualifies, who decides, the grant — lives in graph/services/intros.py."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from graph.errors import CarnetError

from ..auth.session import current_viewer
from ..extensions import services
from ..i18n import label
from ..submit import REFUSED, done, submit
from . import bp
from .forms import DecisionForm, IntroForm


def _index(status: int = 200):
    page = services().intros.page(current_viewer())
    return render_template("intros/index.html", **page), status


@bp.route("/intros")
@login_required
def index():
    return _index()


def _options(target, relationship=None, a=None, b=None, owner=None, *, lenient: bool = False) -> dict:
    """The form's choices; after a refused POST, without the refused relationship."""
    intros = services().intros
    try:
        return intros.form(current_viewer(), target, relationship, a, b, owner)
    except CarnetError as exc:
        if not lenient or exc.field != "relationship_id":
            raise
        return intros.form(current_viewer(), target)


@bp.route("/intros/new", methods=["GET", "POST"])
@login_required
def new():
    form = IntroForm()
    if request.method == "GET":
        args = request.args
        data = _options(args.get("target"), args.get("relationship"), args.get("a"), args.get("b"),
                        args.get("owner"))
        form.target_id.data = data["target"]["id"]
        form.relationship_id.data = data["selected"]
        return render_template("intros/new.html", form=form, **data)
    intro = submit(form, lambda: services().intros.request(current_viewer(), {
        "target_id": form.target_id.data, "relationship_id": form.relationship_id.data,
        "message": form.message.data}), form.FIELDS)
    if intro is not REFUSED:
        return done(_("Request sent to %(name)s: you will find their answer in Requests.", name=intro["owner_name"]),
                    "intros.index")
    if not form.target_id.data:
        return render_template("error.html", status=400, message=_("the person to be introduced to is missing")), 400
    data = _options(form.target_id.data, form.relationship_id.data or None, lenient=True)
    return render_template("intros/new.html", form=form, **data), 400


@bp.route("/intros/<intro_id>/decision", methods=["POST"])
@login_required
def decide(intro_id):
    intros = services().intros
    intro = intros.require_decider(current_viewer(), intro_id)  # 404 / 403 before the form is read
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Choose accept or decline.") if form.decision.errors else _("The form expired; try again."), "error")
        return redirect(url_for("intros.index"))
    try:
        result = intros.decide(current_viewer(), intro_id, {"decision": form.decision.data,
                                                           "message": form.message.data})
    except CarnetError as exc:
        if exc.status not in (400, 409):
            raise
        flash(label(exc.message), "error")
        return _index(exc.status)
    name = intro["contact_name"]
    flash(_("Introduction to %(name)s accepted.", name=name) if result["status"] == "accepted" else
          _("Introduction to %(name)s declined.", name=name), "info")
    return redirect(url_for("intros.index"))
