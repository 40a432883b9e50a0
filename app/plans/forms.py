"""Forms of the account plan pages: short choice lists, ratings, one text box for notes.

Each choice of a person or colleague has a select (the id) and a typed twin (`*_name`): the page
shows the select while the choices are few, else the type-to-find field (app/plans/pick.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from graph.model import (ACTION_STATUS_LABELS, ACTION_STATUSES, INFLUENCE_LEVELS, MAX_NOTES, MAX_TEXT,
                         PLAN_ROLE_LABELS, PLAN_ROLES, PLAN_STATUS_LABELS, PLAN_STATUSES, STANCE_LABELS, STANCES)

from ..people.forms import longest, options, reference, required

ROLE_CHOICES = [(r, _l(PLAN_ROLE_LABELS[r])) for r in PLAN_ROLES]
STANCE_CHOICES = [(s, _l(STANCE_LABELS[s])) for s in STANCES]
INFLUENCE_CHOICES = [(str(i), _l("%(n)s — low", n=i) if i == INFLUENCE_LEVELS[0] else
                      _l("%(n)s — high", n=i) if i == INFLUENCE_LEVELS[-1] else str(i))
                     for i in INFLUENCE_LEVELS]


class PlanForm(FlaskForm):
    """Dates stay text so a date that does not parse is reported by the service, field named."""

    period_start = StringField(_l("Period from"), validators=[Optional(), longest("period start", 30)],
                               render_kw={"type": "date"})
    period_end = StringField(_l("Period to"), validators=[Optional(), longest("period end", 30)],
                             render_kw={"type": "date"})
    status = SelectField(_l("Status"), choices=options([(s, _l(PLAN_STATUS_LABELS[s])) for s in PLAN_STATUSES]),
                         validators=[required("status")])
    objectives = TextAreaField(_l("Objectives (one per line)"), validators=[Optional(), longest("objectives", 10500)],
                               render_kw={"rows": 6})


class MemberForm(FlaskForm):
    person_id = SelectField(_l("Person"), choices=[], validate_choice=False, validators=[Optional()])
    person_name = reference(_l("Person"), list="person-options")
    role = SelectField(_l("Role"), choices=options(ROLE_CHOICES), validators=[required("role")])
    stance = SelectField(_l("Stance"), choices=options(STANCE_CHOICES), default="neutral",
                         validators=[required("stance")])
    influence = RadioField(_l("Influence"), choices=options(INFLUENCE_CHOICES), default="3",
                           validators=[required("influence")])  # a rating: five buttons, not a list
    notes = TextAreaField(_l("Notes"), validators=[Optional(), longest("notes", MAX_NOTES)], render_kw={"rows": 3})


class InfluenceForm(FlaskForm):
    to_id = SelectField(_l("Who listens"), choices=[], validate_choice=False, validators=[Optional()])
    to_name = reference(_l("Who listens"), list="to-options")
    from_id = SelectField(_l("listens to"), choices=[], validate_choice=False, validators=[Optional()])
    from_name = reference(_l("listens to"), list="from-options")


class ActionForm(FlaskForm):
    title = StringField(_l("Action"), validators=[required("title"), longest("title", MAX_TEXT)])
    owner = SelectField(_l("Owner"), choices=[], validate_choice=False, validators=[Optional()])
    owner_name = reference(_l("Owner"), list="owner-options")
    due = StringField(_l("Due"), validators=[Optional(), longest("due date", 30)], render_kw={"type": "date"})
    status = SelectField(_l("Status"), choices=options([(s, _l(ACTION_STATUS_LABELS[s])) for s in ACTION_STATUSES]),
                         default="open", validators=[required("status")])
    member_id = SelectField(_l("About"), choices=[], validate_choice=False, validators=[Optional()])
    member_name = reference(_l("About"), list="member-options")
