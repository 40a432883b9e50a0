"""Forms of the organisation pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import Optional

from graph.model import MAX_NAME, ORG_KIND_LABELS, ORG_KINDS

from ..people.forms import longest, options, reference, required

KIND_CHOICES = [(k, _l(ORG_KIND_LABELS[k])) for k in ORG_KINDS]


class OrganisationSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name"), validators=[Optional(), longest("search", 100)])
    kind = SelectField(_l("Kind"), choices=options([("", _l("Any kind"))] + KIND_CHOICES), validators=[Optional()])


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[required("name"), longest("name", MAX_NAME)])
    kind = SelectField(_l("Kind"), choices=options(KIND_CHOICES), default="account", validators=[required("kind")])
    sector = StringField(_l("Sector"), validators=[Optional(), longest("sector", 100)])
    country = StringField(_l("Country"), validators=[Optional(), longest("country", 100)])
    parent = reference(_l("Part of"), list="parent-options")
    parent_id = HiddenField()

    FIELDS = {"parent_id": "parent"}
