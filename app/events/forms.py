"""Forms of the event pages: create an event, nominate, consent, decide."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from graph.model import MAX_NAME, MAX_NOTES

from ..people.forms import longest, options, reference, required


class EventForm(FlaskForm):
    name = StringField("Name", validators=[required("name"), longest("name", MAX_NAME)])
    date = DateField("Date", validators=[required("date")])
    capacity = IntegerField("Capacity (guests, optional)", validators=[
        Optional(), NumberRange(min=1, max=100_000, message="capacity must be 1 to 100000")])
    description = TextAreaField("Description", validators=[Optional(), longest("description", MAX_NOTES)])

    FIELDS: dict = {}


class NominateForm(FlaskForm):
    person = reference("Person to invite", needed=True, list="person-options")
    person_id = HiddenField()
    reason = StringField("Why them?", validators=[Optional(), longest("reason", MAX_NOTES)])

    FIELDS = {"person_id": "person"}


class DecisionForm(FlaskForm):
    decision = RadioField("Decision", choices=options([("approve", "Approve"), ("reject", "Reject")]),
                          validators=[required("decision")])
    reason = StringField("Reason (stored)", validators=[Optional(), longest("reason", MAX_NOTES)])

    FIELDS: dict = {}


class ConsentForm(FlaskForm):
    decision = RadioField("Your answer", choices=options([("consent", "I consent"), ("refuse", "I refuse")]),
                          validators=[required("answer")])
    reason = StringField("Message (optional)", validators=[Optional(), longest("reason", MAX_NOTES)])

    FIELDS: dict = {}
