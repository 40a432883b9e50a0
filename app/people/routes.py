"""People pages: list and search, the person page, create/edit, positions, education, and the
relationships recorded from the page. Every read and write goes through one service call."""

from __future__ import annotations

import datetime as _dt

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..auth.session import current_viewer
from ..csvexport import PEOPLE_COLUMNS, csv_response, people_rows
from ..extensions import services
from ..i18n import label
from . import bp
from ..submit import REFUSED, done, submit
from .forms import (ActionForm, EducationForm, KnowForm, PersonEditForm, PersonForm, PositionForm,
                    RelationshipForm, SearchForm, blank_to_none, iso)


def _status() -> int:
    """A form page rendered again after a POST is a refused submission."""
    return 400 if request.method == "POST" else 200


@bp.route("/people")
@login_required
def index():
    form = SearchForm(request.args)
    result = services().people.list(current_viewer(), q=request.args.get("q"), page=request.args.get("page", 1))
    return render_template("people/index.html", form=form, result=result)


@bp.route("/people.csv")
@login_required
def export_csv():
    """The /people list (same filter, every page) as CSV; locked contact details stay empty."""
    rows = services().exports.people(current_viewer(), q=request.args.get("q"))
    return csv_response("people.csv", PEOPLE_COLUMNS, people_rows(rows))


@bp.route("/people/suggest")
@login_required
def suggest():
    """A few matches for a search-as-you-type field (app/static/suggest.js)."""
    return jsonify(items=services().people.suggest(current_viewer(), request.args.get("q")))


@bp.route("/people/new", methods=["GET", "POST"])
@login_required
def new():
    form = PersonForm()
    viewer, s = current_viewer(), services()
    person = submit(form, lambda: s.people.create(viewer, {
        "name": form.name.data, "title": form.title.data, "email": form.email.data,
        "phone": form.phone.data, "notes": form.notes.data,
        "organisation_id": s.organisations.resolve(viewer, form.organisation.data, form.organisation_id.data),
        "reports_to": s.people.resolve(viewer, form.reports_to.data, form.reports_to_id.data)}), form.FIELDS)
    if person is not REFUSED:
        return done(_("%(name)s was added.", name=person["name"]), "people.show", person_id=person["id"])
    return render_template("people/form.html", form=form, person=None), _status()


def _render_person(person_id: str, know_form: KnowForm, status: int = 200):
    page = services().people.page(current_viewer(), person_id)
    if not page.get("mine") and not page.get("is_self"):  # which sharing rule would decide, and why
        page["policy_rule"] = services().policy.preview_for(current_viewer(), person_id)
    page["signals"] = services().signals.for_person(current_viewer(), person_id)  # the viewer's own
    return render_template("people/show.html", know_form=know_form, **page), status


@bp.route("/people/<person_id>")
@login_required
def show(person_id):
    return _render_person(person_id, KnowForm())


@bp.route("/people/<person_id>/know", methods=["POST"])
@login_required
def know(person_id):
    """'I know this person': a KNOWS from the viewer's own person, owned by the viewer."""
    form = KnowForm()
    viewer = current_viewer()
    rel = submit(form, lambda: services().relationships.create(viewer, {
        "person_id": viewer.person_id, "other_id": person_id, "strength": form.strength.data,
        "context": blank_to_none(form.context.data), "visibility": blank_to_none(form.visibility.data)}), form.FIELDS)
    if rel is not REFUSED:
        rule = rel.get("policy_rule")
        return done(_("Recorded. Thank you: your team can now find a warm path through you.")
                    + (" " + _("Visibility %(visibility)s, by the rule “%(rule)s”: %(reason)s",
                               visibility=label(rel["visibility"]), rule=rule["name"], reason=rule["reason"] or "")
                       if rule else ""), "people.show", person_id=person_id)
    return _render_person(person_id, form, 400)


@bp.route("/people/<person_id>/edit", methods=["GET", "POST"])
@login_required
def edit(person_id):
    viewer, s = current_viewer(), services()
    person = s.people.get(viewer, person_id)
    if request.method == "GET":
        form = PersonEditForm(data={
            "name": person["name"], "title": person.get("title"), "email": person.get("email"),
            "phone": person.get("phone"), "notes": person.get("notes"),
            "reports_to": s.people.label(viewer, person.get("reports_to")),
            "reports_to_id": person.get("reports_to")})
    else:
        form = PersonEditForm()
    locked = person["locked_details"]  # not theirs to see, so not theirs to edit
    for field in locked:
        delattr(form, field)

    def save():
        data = {"name": form.name.data, "title": form.title.data}
        data.update({f: getattr(form, f).data for f in ("email", "phone", "notes") if f not in locked})
        data["reports_to"] = s.people.resolve(viewer, form.reports_to.data, form.reports_to_id.data)
        s.people.update(viewer, person_id, data)

    if submit(form, save, form.FIELDS) is not REFUSED:
        return done(_("Saved."), "people.show", person_id=person_id)
    return render_template("people/form.html", form=form, person=person), _status()


@bp.route("/people/<person_id>/positions/new", methods=["GET", "POST"])
@login_required
def add_position(person_id):
    viewer, s = current_viewer(), services()
    person = s.people.get(viewer, person_id)
    form = PositionForm()
    if submit(form, lambda: s.people.add_position(viewer, person_id, {
            "organisation_id": s.organisations.resolve(viewer, form.organisation.data, form.organisation_id.data),
            "title": form.title.data, "department": form.department.data,
            "start": iso(form.start.data), "end": iso(form.end.data)}), form.FIELDS) is not REFUSED:
        return done(_("Position added."), "people.show", person_id=person_id)
    return render_template("people/position.html", form=form, person=person), _status()


@bp.route("/people/<person_id>/education/new", methods=["GET", "POST"])
@login_required
def add_education(person_id):
    viewer, s = current_viewer(), services()
    person = s.people.get(viewer, person_id)
    form = EducationForm()
    if submit(form, lambda: s.people.add_education(viewer, person_id, {
            "school_id": s.organisations.resolve(viewer, form.school.data, form.school_id.data, field="school_id"),
            "start": iso(form.start.data), "end": iso(form.end.data)}), form.FIELDS) is not REFUSED:
        return done(_("Education added."), "people.show", person_id=person_id)
    return render_template("people/education.html", form=form, person=person), _status()


def _date(value):
    try:
        return _dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@bp.route("/people/<person_id>/relationships/<rel_id>/edit", methods=["GET", "POST"])
@login_required
def edit_relationship(person_id, rel_id):
    """Change a relationship: owner, the owner's manager or an admin (the service decides)."""
    viewer, s = current_viewer(), services()
    rel = s.relationships.for_edit(viewer, rel_id, person_id)
    if request.method == "GET":
        form = RelationshipForm(data={
            "strength": rel.get("strength"), "context": rel.get("context") or "",
            "visibility": rel.get("visibility"), "since": _date(rel.get("since")),
            "last_contact": _date(rel.get("last_contact")), "notes": rel.get("notes")})
    else:
        form = RelationshipForm()
    if submit(form, lambda: s.relationships.update(viewer, rel_id, {
            "strength": form.strength.data, "context": blank_to_none(form.context.data),
            "visibility": form.visibility.data, "since": iso(form.since.data),
            "last_contact": iso(form.last_contact.data), "notes": form.notes.data}), form.FIELDS) is not REFUSED:
        return done(_("Relationship saved."), "people.show", person_id=person_id)
    return render_template("people/relationship.html", form=form, rel=rel, person_id=person_id,
                           action=ActionForm()), _status()


@bp.route("/people/<person_id>/relationships/<rel_id>/delete", methods=["POST"])
@login_required
def delete_relationship(person_id, rel_id):
    form = ActionForm()
    if not form.validate_on_submit():
        return render_template("error.html", status=400, message=_("the form expired; reload the page")), 400
    services().relationships.delete(current_viewer(), rel_id, person_id)
    flash(_("Relationship deleted."), "info")
    return redirect(url_for("people.show", person_id=person_id))
