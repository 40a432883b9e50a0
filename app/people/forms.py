"""Forms of the people pages, and the small helpers every server-rendered form shares.

WTForms checks shape (required, length, choice); the services check everything again and
their errors are put back next to the field they name, so a form never disagrees with the API."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.fields import DateField, EmailField, TelField
from wtforms.validators import InputRequired, Length, Optional

from graph.errors import CarnetError, Conflict, NotFound, ValidationError
from graph.messages import N_
from graph.model import (CONTEXT_LABELS, CONTEXTS, DEFAULT_VISIBILITY, MAX_NAME, MAX_NOTES, MAX_TEXT,
                         STRENGTH_LABELS, STRENGTHS, VISIBILITIES, VISIBILITY_LABELS)
from graph.validation import named

REF_MAX = MAX_NAME + 200  # a reference field may hold "name — detail"


def required(label: str):
    """The service's own "… is required" Message, so the page says it in the reader's language."""
    return InputRequired(message=N_("%(field)s is required", field=named(label)))


def longest(label: str, n: int):
    return Length(max=n, message=f"{label} is longer than {n} characters")


def reference(label: str, *, needed: bool = False, **kw):
    """A free-text reference to an organisation or person (see graph resolve_reference): a typed
    name or a picked suggestion. The template's ref_field adds the suggestion URL; then
    app/static/suggest.js fills a short datalist as you type and keeps the picked id."""
    validators = [required(label.lower()) if needed else Optional(), longest(label.lower(), REF_MAX)]
    return StringField(label, validators=validators, render_kw={"autocomplete": "off", **kw})


def apply_error(form, exc: CarnetError, fields: dict | None = None) -> None:
    """Put a service error next to the form field it names; other bad-input errors go on top.

    `fields` maps service field names to form field names. Forbidden and field-less NotFound
    are not form errors: they are raised again and become the 403/404 page."""
    name = (fields or {}).get(exc.field, exc.field)
    field = getattr(form, name, None) if name else None
    if field is not None and hasattr(field, "errors"):
        field.errors = list(field.errors) + [exc.message]
        return
    if isinstance(exc, (ValidationError, Conflict)) or (isinstance(exc, NotFound) and exc.field):
        form.form_errors.append(exc.message)
        return
    raise exc


def options(pairs) -> list:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def iso(value) -> str | None:
    return value.isoformat() if value else None


def blank_to_none(value):
    return value if value not in ("", None) else None


class SearchForm(FlaskForm):
    """GET search box (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or organisation"), validators=[Optional(), longest("search", 100)])


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class PersonForm(FlaskForm):
    name = StringField(_l("Name"), validators=[required("name"), longest("name", MAX_NAME)])
    title = StringField(_l("Title"), validators=[Optional(), longest("title", MAX_TEXT)])
    email = EmailField(_l("Email"), validators=[Optional(), longest("email", 254)])
    phone = TelField(_l("Phone"), validators=[Optional(), longest("phone", 40)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), longest("notes", MAX_NOTES)])
    organisation = reference(_l("Organisation"), list="organisation-options")
    organisation_id = HiddenField()
    reports_to = reference(_l("Reports to"), list="reports-to-options")
    reports_to_id = HiddenField()

    # service field -> form field
    FIELDS = {"organisation_id": "organisation", "reports_to": "reports_to"}


class PersonEditForm(PersonForm):
    """Editing: the organisation changes through positions, so it is not here."""

    organisation = None
    organisation_id = None


def strength_field():
    return RadioField(_l("How well do you know them?"), choices=options((s, str(s)) for s in STRENGTHS), coerce=int,
                      validators=[required("strength")])


def context_field():
    return SelectField(_l("Context"), choices=options([("", "—")] + [(c, _l(CONTEXT_LABELS[c])) for c in CONTEXTS]),
                       validators=[Optional()])


def visibility_field():
    return SelectField(_l("Who may see it"), choices=options((v, _l(VISIBILITY_LABELS[v])) for v in VISIBILITIES),
                       default=DEFAULT_VISIBILITY)


class KnowForm(FlaskForm):
    """'I know this person': one click for the strength, two short lists. Left on its first
    choice, the visibility is decided by the sharing rules (graph/policy.py)."""

    strength = strength_field()
    context = context_field()
    visibility = SelectField(_l("Who may see it"), validators=[Optional()], default="", choices=options(
        [("", _l("As the sharing rule decides"))] + [(v, _l(VISIBILITY_LABELS[v])) for v in VISIBILITIES]))

    FIELDS: dict = {}  # self or duplicate (other_id) is about the whole form: shown on top of it
    LABELS = STRENGTH_LABELS


class RelationshipForm(FlaskForm):
    strength = strength_field()
    context = context_field()
    visibility = visibility_field()
    since = DateField(_l("Since"), validators=[Optional()])
    last_contact = DateField(_l("Last contact"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), longest("notes", MAX_NOTES)])

    FIELDS = {}
    LABELS = STRENGTH_LABELS


class PositionForm(FlaskForm):
    organisation = reference(_l("Organisation"), needed=True, list="organisation-options")
    organisation_id = HiddenField()
    title = StringField(_l("Title"), validators=[Optional(), longest("title", MAX_TEXT)])
    department = StringField(_l("Department"), validators=[Optional(), longest("department", MAX_TEXT)])
    start = DateField(_l("Start"), validators=[Optional()])
    end = DateField(_l("End (leave empty if current)"), validators=[Optional()])

    FIELDS = {"organisation_id": "organisation"}


class EducationForm(FlaskForm):
    school = reference(_l("School"), needed=True, list="school-options",
                       **{"data-kind": "school"})
    school_id = HiddenField()
    start = DateField(_l("Start"), validators=[Optional()])
    end = DateField(_l("End"), validators=[Optional()])

    FIELDS = {"school_id": "school"}
