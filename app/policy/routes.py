"""Policy pages: the ordered rule list (everyone reads it; admins edit, reorder, delete), the
re-application preview and apply (the service refuses non-admins: 403), and each owner's
exclusivity reviews (confirm or release)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from graph.errors import Conflict, ValidationError
from graph.model import REVIEW_GRACE_DAYS

from ..auth.session import current_viewer
from ..extensions import services
from ..i18n import label
from ..people.forms import ActionForm, options
from ..submit import REFUSED, done, submit
from . import bp
from .forms import RuleForm


def _team_choices(form: RuleForm, teams: list[dict]) -> None:
    form.team_id.choices = options([("", _("any"))] + [(t["id"], t["name"]) for t in teams])


def _expired():
    """The page for a button whose CSRF token ran out."""
    return render_template("error.html", status=400, message=_("the form expired; reload the page")), 400


@bp.route("/policy")
@login_required
def index():
    return render_template("policy/index.html", rules=services().policy.list(current_viewer()), action=ActionForm(),
                           grace_days=REVIEW_GRACE_DAYS)


@bp.route("/policy/new", methods=["GET", "POST"])
@login_required
def new():
    viewer = current_viewer()
    ctx = services().policy.editor(viewer)
    form = RuleForm()
    _team_choices(form, ctx["teams"])
    rule = submit(form, lambda: services().policy.create(viewer, form.data_for_service(False)))
    if rule is not REFUSED:
        return done(_("Rule “%(name)s” added. Preview what it would change below.", name=rule["name"]),
                    "policy.reapply")
    return render_template("policy/form.html", form=form, rule=None), 400 if request.method == "POST" else 200


@bp.route("/policy/<rule_id>/edit", methods=["GET", "POST"])
@login_required
def edit(rule_id):
    viewer = current_viewer()
    ctx = services().policy.editor(viewer, rule_id)
    rule = ctx["rule"]
    if request.method == "GET":
        form = RuleForm(data={k: ("" if rule.get(k) is None else (str(rule[k]) if k == "min_strength" else rule[k]))
                              for k in ("name", "outcome", "mode", "reason") + RuleForm.CONDITIONS}
                        | {k: rule.get(k) for k in ("review_days", "review_grace_days")})
    else:
        form = RuleForm()
    _team_choices(form, ctx["teams"])
    if rule.get("is_default"):
        for name in RuleForm.CONDITIONS:
            delattr(form, name)
    if submit(form, lambda: services().policy.update(viewer, rule_id, form.data_for_service(
            bool(rule.get("is_default"))))) is not REFUSED:
        return done(_("Rule saved. Preview what it would change below."), "policy.reapply")
    return render_template("policy/form.html", form=form, rule=rule), 400 if request.method == "POST" else 200


@bp.route("/policy/<rule_id>/move/<direction>", methods=["POST"])
@login_required
def move(rule_id, direction):
    if not ActionForm().validate_on_submit():
        return _expired()
    services().policy.move(current_viewer(), rule_id, direction)
    return redirect(url_for("policy.index"))


@bp.route("/policy/<rule_id>/delete", methods=["POST"])
@login_required
def delete(rule_id):
    if not ActionForm().validate_on_submit():
        return _expired()
    services().policy.delete(current_viewer(), rule_id)
    flash(_("Rule deleted."), "info")
    return redirect(url_for("policy.index"))


@bp.route("/policy/reapply", methods=["GET", "POST"])
@login_required
def reapply():
    """GET: what re-applying would change; POST: apply it."""
    viewer = current_viewer()
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            return _expired()
        applied = services().policy.reapply(viewer)
        flash(_("%(n)s relationship(s) changed.", n=len(applied)), "info")
        return redirect(url_for("policy.index"))
    return render_template("policy/reapply.html", changes=services().policy.preview(viewer), action=ActionForm())


@bp.route("/reviews")
@login_required
def reviews():
    """The viewer's relationships waiting for an exclusivity review answer."""
    return render_template("policy/reviews.html", items=services().reviews.pending(current_viewer()),
                           action=ActionForm())


@bp.route("/reviews/<rel_id>", methods=["POST"])
@login_required
def answer_review(rel_id):
    """Confirm or release (the button's value); only the owner: 404/403 before the input."""
    viewer = current_viewer()
    services().reviews.require_owner(viewer, rel_id)
    if not ActionForm().validate_on_submit():
        return _expired()
    try:
        item = services().reviews.answer(viewer, rel_id, request.form.get("decision"))
    except (ValidationError, Conflict) as exc:
        flash(label(exc.message), "error")
    else:
        flash(_("%(name)s: kept exclusive; the next review is in %(days)s days.", name=item["person_name"],
                days=item["review_days"]) if item["decision"] == "confirm" else
              _("%(name)s: now shared with your team.", name=item["person_name"]), "info")
    return redirect(url_for("policy.reviews"))
