"""Forms of the organisation pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import Optional

from graph.model import MAX_NAME, ORG_KINDS

from ..people.forms import longest, options, reference, required

KIND_CHOICES = [(k, k.title()) for k in ORG_KINDS]


class OrganisationSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Name", validators=[Optional(), longest("search", 100)])
    kind = SelectField("Kind", choices=options([("", "Any kind")] + KIND_CHOICES), validators=[Optional()])


class OrganisationForm(FlaskForm):
    name = StringField("Name", validators=[required("name"), longest("name", MAX_NAME)])
    kind = SelectField("Kind", choices=options(KIND_CHOICES), default="account", validators=[required("kind")])
    sector = StringField("Sector", validators=[Optional(), longest("sector", 100)])
    country = StringField("Country", validators=[Optional(), longest("country", 100)])
    parent = reference("Part of", list="parent-options")
    parent_id = HiddenField()

    FIELDS = {"parent_id": "parent"}
