"""Forms of the account plan pages: short choice lists, ratings, one text box for notes."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from graph.model import (ACTION_STATUS_LABELS, ACTION_STATUSES, INFLUENCE_LEVELS, MAX_NOTES, MAX_TEXT,
                         PLAN_ROLE_LABELS, PLAN_ROLES, PLAN_STATUS_LABELS, PLAN_STATUSES, STANCE_LABELS, STANCES)

from ..people.forms import longest, options, required

ROLE_CHOICES = [(r, PLAN_ROLE_LABELS[r]) for r in PLAN_ROLES]
STANCE_CHOICES = [(s, STANCE_LABELS[s]) for s in STANCES]
INFLUENCE_CHOICES = [(str(i), f"{i} — {'low' if i == 1 else 'high' if i == 5 else ''}".rstrip(" —"))
                     for i in INFLUENCE_LEVELS]


class PlanForm(FlaskForm):
    """Dates stay text so a date that does not parse is reported by the service, field named."""

    period_start = StringField("Period from", validators=[Optional(), longest("period start", 30)],
                               render_kw={"type": "date"})
    period_end = StringField("Period to", validators=[Optional(), longest("period end", 30)],
                             render_kw={"type": "date"})
    status = SelectField("Status", choices=options([(s, PLAN_STATUS_LABELS[s]) for s in PLAN_STATUSES]),
                         validators=[required("status")])
    objectives = TextAreaField("Objectives (one per line)", validators=[Optional(), longest("objectives", 10500)],
                               render_kw={"rows": 6})


class MemberForm(FlaskForm):
    person_id = SelectField("Person", choices=[], validate_choice=False, validators=[Optional()])
    role = SelectField("Role", choices=options(ROLE_CHOICES), validators=[required("role")])
    stance = SelectField("Stance", choices=options(STANCE_CHOICES), default="neutral",
                         validators=[required("stance")])
    influence = SelectField("Influence", choices=options(INFLUENCE_CHOICES), default="3",
                            validators=[required("influence")])
    notes = TextAreaField("Notes", validators=[Optional(), longest("notes", MAX_NOTES)], render_kw={"rows": 3})


class InfluenceForm(FlaskForm):
    to_id = SelectField("Who listens", choices=[], validate_choice=False, validators=[required("member")])
    from_id = SelectField("listens to", choices=[], validate_choice=False, validators=[required("influencer")])


class ActionForm(FlaskForm):
    title = StringField("Action", validators=[required("title"), longest("title", MAX_TEXT)])
    owner = SelectField("Owner", choices=[], validate_choice=False, validators=[required("owner")])
    due = StringField("Due", validators=[Optional(), longest("due date", 30)], render_kw={"type": "date"})
    status = SelectField("Status", choices=options([(s, ACTION_STATUS_LABELS[s]) for s in ACTION_STATUSES]),
                         default="open", validators=[required("status")])
    member_id = SelectField("About", choices=[], validate_choice=False, validators=[Optional()])
