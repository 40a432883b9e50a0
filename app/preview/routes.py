""""See as colleague": read-only previews of a person page, a path answer and an account plan as
a given user sees them (graph/services/preview.py builds that user's Viewer and audits each)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from graph.errors import CarnetError

from ..auth.session import current_viewer
from ..extensions import services
from ..i18n import label
from ..people.forms import apply_error
from . import bp
from .forms import PreviewForm

PAGES = {"person": "preview.person", "paths": "preview.paths", "plan": "preview.plan"}


@bp.route("/preview")
@login_required
def index():
    """Choose whom to see Carnet as, and which page; a complete choice goes straight there."""
    users = services().preview.candidates(current_viewer())
    form = PreviewForm(formdata=request.args)
    form.user.choices = [(u["id"], _("%(name)s (%(team)s, %(role)s)", name=u["name"], team=u["team"] or _("no team"),
                                     role=label(u["role"]))) for u in users]
    if request.args:
        try:
            url = _target(form)
        except CarnetError as exc:
            apply_error(form, exc, form.FIELDS)
        else:
            if url:
                return redirect(url)
    return render_template("preview/index.html", form=form, users=users), 400 if request.args else 200


def _target(form: PreviewForm) -> str | None:
    """The preview address the chooser names, or None with the missing field marked."""
    s, viewer = services(), current_viewer()
    what = form.what.data if form.what.data in PAGES else "person"
    s.preview.viewer_for(viewer, form.user.data)  # a user the viewer may preview, before the rest
    if what == "plan":
        org_id = s.organisations.resolve(viewer, form.account.data, form.account_id.data, field="organisation_id")
        if not org_id:
            form.account.errors = [_("choose an account")]
            return None
        return url_for(PAGES[what], user_id=form.user.data, org_id=org_id)
    person_id = s.people.resolve(viewer, form.person.data, form.person_id.data, field="person")
    if not person_id:
        form.person.errors = [_("choose a person")]
        return None
    return url_for(PAGES[what], user_id=form.user.data, person_id=person_id)


@bp.route("/preview/<user_id>/people/<person_id>")
@login_required
def person(user_id, person_id):
    return render_template("preview/person.html", **services().preview.person(current_viewer(), user_id, person_id))


@bp.route("/preview/<user_id>/people/<person_id>/paths")
@login_required
def paths(user_id, person_id):
    data = services().preview.paths(current_viewer(), user_id, person_id, request.args.get("k"),
                                    request.args.get("max_hops"))
    return render_template("preview/paths.html", **data)


@bp.route("/preview/<user_id>/accounts/<org_id>/plan")
@login_required
def plan(user_id, org_id):
    return render_template("preview/plan.html", **services().preview.plan(current_viewer(), user_id, org_id))
