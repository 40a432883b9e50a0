"""Forms of the event pages: create an event, nominate, consent, decide, record an outcome."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from graph.model import MAX_NAME, MAX_NOTES

from ..people.forms import longest, options, reference, required


class EventForm(FlaskForm):
    name = StringField(_l("Name"), validators=[required("name"), longest("name", MAX_NAME)])
    date = DateField(_l("Date"), validators=[required("date")])
    capacity = IntegerField(_l("Capacity (guests, optional)"), validators=[
        Optional(), NumberRange(min=1, max=100_000, message="capacity must be 1 to 100000")])
    description = TextAreaField(_l("Description"), validators=[Optional(), longest("description", MAX_NOTES)])

    FIELDS: dict = {}


class NominateForm(FlaskForm):
    person = reference(_l("Person to invite"), needed=True, list="person-options")
    person_id = HiddenField()
    reason = StringField(_l("Why them?"), validators=[Optional(), longest("reason", MAX_NOTES)])

    FIELDS = {"person_id": "person"}


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=options([("approve", _l("Approve")), ("reject", _l("Reject"))]),
                          validators=[required("decision")])
    reason = StringField(_l("Reason (stored)"), validators=[Optional(), longest("reason", MAX_NOTES)])

    FIELDS: dict = {}


class ConsentForm(FlaskForm):
    decision = RadioField(_l("Your answer"),
                          choices=options([("consent", _l("I consent")), ("refuse", _l("I refuse"))]),
                          validators=[required("answer")])
    reason = StringField(_l("Message (optional)"), validators=[Optional(), longest("reason", MAX_NOTES)])

    FIELDS: dict = {}


class OutcomeForm(FlaskForm):
    outcome = RadioField(_l("How it went"), choices=options([("attended", _l("Attended")), ("declined", _l("Declined")),
                                                              ("no_show", _l("No-show"))]),
                         validators=[required("outcome")])
    feedback = TextAreaField(_l("Feedback (seen by the owners who shared this contact)"),
                             validators=[Optional(), longest("feedback", MAX_NOTES)])

    FIELDS: dict = {}
