"""Organisation pages: list with search and kind filter, the organisation page with its org
chart, create and edit. Organisations are public to every user."""

from __future__ import annotations

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from ..auth.session import current_viewer
from ..csvexport import PEOPLE_COLUMNS, csv_response, people_rows
from ..extensions import services
from ..submit import REFUSED, done, submit
from . import bp
from .forms import OrganisationForm, OrganisationSearchForm


def _status() -> int:
    return 400 if request.method == "POST" else 200


@bp.route("/organisations")
@login_required
def index():
    form = OrganisationSearchForm(request.args)
    result = services().organisations.list(current_viewer(), q=request.args.get("q"),
                                           kind=request.args.get("kind") or None,
                                           page=request.args.get("page", 1))
    return render_template("organisations/index.html", form=form, result=result)


@bp.route("/organisations/suggest")
@login_required
def suggest():
    """A few matches for a search-as-you-type field (app/static/suggest.js)."""
    return jsonify(items=services().organisations.suggest(current_viewer(), request.args.get("q"),
                                                          kind=request.args.get("kind") or None))


def _save(form: OrganisationForm, org_id: str | None):
    """Create (org_id None) or update; the new page on success, None when the form is shown again."""
    viewer, s = current_viewer(), services()

    def save():
        parent_id = s.organisations.resolve(viewer, form.parent.data, form.parent_id.data, field="parent_id")
        data = {"name": form.name.data, "kind": form.kind.data, "sector": form.sector.data,
                "country": form.country.data, "parent_id": parent_id}
        return s.organisations.update(viewer, org_id, data) if org_id else s.organisations.create(viewer, data)

    org = submit(form, save, form.FIELDS)
    return None if org is REFUSED else done(_("%(name)s was saved.", name=org["name"]), "organisations.show",
                                            org_id=org["id"])


@bp.route("/organisations/new", methods=["GET", "POST"])
@login_required
def new():
    form = OrganisationForm()
    return _save(form, None) or (render_template("organisations/form.html", form=form, org=None), _status())


@bp.route("/organisations/<org_id>")
@login_required
def show(org_id):
    page = services().organisations.page(current_viewer(), org_id)
    return render_template("organisations/show.html", **page)


@bp.route("/organisations/<org_id>/people.csv")
@login_required
def export_people_csv(org_id):
    """The organisation's current people as CSV; locked contact details stay empty."""
    org, rows = services().exports.organisation_people(current_viewer(), org_id)
    return csv_response(f"organisation-{org['id']}-people.csv", PEOPLE_COLUMNS, people_rows(rows))


@bp.route("/organisations/<org_id>/edit", methods=["GET", "POST"])
@login_required
def edit(org_id):
    viewer, s = current_viewer(), services()
    org = s.organisations.get(viewer, org_id)
    if request.method == "GET":
        form = OrganisationForm(data={
            "name": org["name"], "kind": org.get("kind"), "sector": org.get("sector"),
            "country": org.get("country"), "parent": s.organisations.label(viewer, org.get("parent_id")),
            "parent_id": org.get("parent_id")})
    else:
        form = OrganisationForm()
    return _save(form, org_id) or (render_template("organisations/form.html", form=form, org=org), _status())
