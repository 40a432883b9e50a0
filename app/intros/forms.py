"""Forms of the Requests pages: ask for an introduction, accept or decline one."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import Optional

from graph.model import MAX_NOTES

from ..people.forms import longest, options, required


class IntroForm(FlaskForm):
    target_id = HiddenField(validators=[required("the person")])
    # the choices are the service's (form()); the service checks the one sent again
    relationship_id = RadioField(_l("Whom to ask"), validate_choice=False,
                                 validators=[required("the relationship to ask about")])
    message = TextAreaField(_l("Message to the owner (optional)"),
                            validators=[Optional(), longest("message", MAX_NOTES)])

    FIELDS = {"relationship_id": "relationship_id", "message": "message", "target_id": "target_id"}


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=options([("accept", _l("Accept")), ("decline", _l("Decline"))]),
                          validators=[required("decision")])
    message = TextAreaField(_l("Message to the requester (optional)"),
                            validators=[Optional(), longest("message", MAX_NOTES)])
