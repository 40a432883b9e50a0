"""Import pages: upload a file, preview what it will do row by row (a dry run), then commit
or discard it; the CSV template; the duplicates page and its merge action (managers and
admins). Each route calls one service; an upload is someone else's answers 404."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import login_required

from graph.errors import Conflict, ValidationError

from ..auth.session import current_viewer
from ..extensions import services
from ..i18n import label
from ..people.forms import ActionForm
from ..submit import REFUSED, submit
from . import bp
from .forms import CommitForm, MergeForm, UploadForm

# an import's status (graph/services/imports.py), as the import pages show it
STATUS_LABELS = {"pending": _l("pending"), "writing": _l("being imported"), "committed": _l("committed"),
                 "failed": _l("failed"), "rolled_back": _l("rolled back")}


def expired():
    """A stale or missing CSRF token: the 400 page, in the reader's language."""
    return render_template("error.html", status=400, message=_("the form expired; reload the page")), 400


@bp.route("/imports", methods=["GET", "POST"])
@login_required
def index():
    viewer, s = current_viewer(), services()
    form = UploadForm()
    upload = form.file.data
    saved = submit(form, lambda: s.imports.upload(viewer, upload.filename, upload.read(), form.format.data or None,
                                                  strength=form.strength.data,
                                                  visibility=form.visibility.data or None), form.FIELDS)
    if saved is not REFUSED:
        return redirect(url_for("imports.show", import_id=saved["id"]))
    return render_template("imports/index.html", form=form, recent=s.imports.recent(viewer), statuses=STATUS_LABELS,
                           columns=s.imports.columns()), 400 if request.method == "POST" else 200


@bp.route("/imports/template.csv")
@login_required
def template():
    return Response(services().imports.template(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=carnet-import-template.csv"})


@bp.route("/imports/<import_id>")
@login_required
def show(import_id):
    s = services()
    record, plan = s.imports.preview(current_viewer(), import_id)
    rows = s.imports.page(plan, request.args.get("show"), request.args.get("page", 1)) if plan else None
    return render_template("imports/show.html", record=record, plan=plan, rows=rows,
                           counts=plan.counts() if plan else record.get("summary"),
                           commit_form=CommitForm(), action=ActionForm(), statuses=STATUS_LABELS)


@bp.route("/imports/<import_id>/commit", methods=["POST"])
@login_required
def commit(import_id):
    viewer, s = current_viewer(), services()
    s.imports.get(viewer, import_id)  # someone else's or unknown: 404 before any form check
    form = CommitForm()
    if not form.validate_on_submit():
        return expired()
    try:
        result = s.imports.commit_upload(viewer, import_id, valid_rows=form.valid_rows.data)
    except (ValidationError, Conflict) as exc:
        flash(label(exc.message), "error")
        return redirect(url_for("imports.show", import_id=import_id))
    c = result["counts"]
    flash(_("Imported: %(people)s people and %(organisations)s organisations created, %(merge)s merged "
            "into existing people, %(relationships)s relationships recorded, %(job_changes)s job changes.",
            people=c["people"], organisations=c["organisations"], merge=c["merge"],
            relationships=c["relationships"], job_changes=c["job_changes"]), "info")
    return redirect(url_for("imports.show", import_id=import_id))


@bp.route("/imports/<import_id>/discard", methods=["POST"])
@login_required
def discard(import_id):
    viewer, s = current_viewer(), services()
    s.imports.get(viewer, import_id)
    if not ActionForm().validate_on_submit():
        return expired()
    s.imports.discard(viewer, import_id)
    flash(_("The file was discarded; nothing was imported."), "info")
    return redirect(url_for("imports.index"))


@bp.route("/duplicates")
@login_required
def duplicates():
    pairs = services().duplicates.candidates(current_viewer())
    return render_template("duplicates/index.html", pairs=pairs)


@bp.route("/duplicates/merge", methods=["POST"])
@login_required
def merge():
    viewer, s = current_viewer(), services()
    s.duplicates.check(viewer)  # the role first: a rep gets 403 whatever the form says
    form = MergeForm()
    if not form.validate_on_submit():
        return expired()
    result = s.duplicates.merge(viewer, form.keep_id.data, form.drop_id.data)
    flash(_("Merged into %(name)s: nothing was lost; the merge is in the audit log.", name=result["name"]), "info")
    return redirect(url_for("people.show", person_id=result["id"]))
