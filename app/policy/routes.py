"""Policy pages: the ordered rule list (everyone reads it; admins edit, reorder, delete) and
the re-application preview and apply. The service refuses non-admins (403)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import login_required

from graph.errors import CarnetError

from ..auth.session import current_viewer
from ..extensions import services
from ..people.forms import ActionForm, apply_error, options
from . import bp
from .forms import RuleForm


def _team_choices(form: RuleForm, teams: list[dict]) -> None:
    form.team_id.choices = options([("", "any")] + [(t["id"], t["name"]) for t in teams])


@bp.route("/policy")
@login_required
def index():
    return render_template("policy/index.html", rules=services().policy.list(current_viewer()), action=ActionForm())


@bp.route("/policy/new", methods=["GET", "POST"])
@login_required
def new():
    viewer = current_viewer()
    ctx = services().policy.editor(viewer)
    form = RuleForm()
    _team_choices(form, ctx["teams"])
    if form.validate_on_submit():
        try:
            rule = services().policy.create(viewer, form.data_for_service(False))
        except CarnetError as exc:
            apply_error(form, exc)
        else:
            flash(f"Rule “{rule['name']}” added. Preview what it would change below.", "info")
            return redirect(url_for("policy.reapply"))
    return render_template("policy/form.html", form=form, rule=None), 400 if request.method == "POST" else 200


@bp.route("/policy/<rule_id>/edit", methods=["GET", "POST"])
@login_required
def edit(rule_id):
    viewer = current_viewer()
    ctx = services().policy.editor(viewer, rule_id)
    rule = ctx["rule"]
    if request.method == "GET":
        form = RuleForm(data={k: ("" if rule.get(k) is None else (str(rule[k]) if k == "min_strength" else rule[k]))
                              for k in ("name", "org_kind", "sector", "country", "min_strength", "team_id",
                                        "outcome", "mode", "reason")} | {"review_days": rule.get("review_days")})
    else:
        form = RuleForm()
    _team_choices(form, ctx["teams"])
    if rule.get("is_default"):
        del form.org_kind, form.sector, form.country, form.min_strength, form.team_id
    if form.validate_on_submit():
        try:
            services().policy.update(viewer, rule_id, form.data_for_service(bool(rule.get("is_default"))))
        except CarnetError as exc:
            apply_error(form, exc)
        else:
            flash("Rule saved. Preview what it would change below.", "info")
            return redirect(url_for("policy.reapply"))
    return render_template("policy/form.html", form=form, rule=rule), 400 if request.method == "POST" else 200


@bp.route("/policy/<rule_id>/move/<direction>", methods=["POST"])
@login_required
def move(rule_id, direction):
    if not ActionForm().validate_on_submit():
        return render_template("error.html", status=400, message="the form expired; reload the page"), 400
    services().policy.move(current_viewer(), rule_id, direction)
    return redirect(url_for("policy.index"))


@bp.route("/policy/<rule_id>/delete", methods=["POST"])
@login_required
def delete(rule_id):
    if not ActionForm().validate_on_submit():
        return render_template("error.html", status=400, message="the form expired; reload the page"), 400
    services().policy.delete(current_viewer(), rule_id)
    flash("Rule deleted.", "info")
    return redirect(url_for("policy.index"))


@bp.route("/policy/reapply", methods=["GET", "POST"])
@login_required
def reapply():
    """GET: what re-applying would change; POST: apply it."""
    viewer = current_viewer()
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            return render_template("error.html", status=400, message="the form expired; reload the page"), 400
        applied = services().policy.reapply(viewer)
        flash(f"{len(applied)} relationship(s) changed.", "info")
        return redirect(url_for("policy.index"))
    return render_template("policy/reapply.html", changes=services().policy.preview(viewer), action=ActionForm())
