"""The "see as colleague" chooser: a GET form (it changes nothing, so it carries no CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField

from ..people.forms import options, reference

WHAT = (("person", _l("Person page")), ("paths", _l("Who can introduce me?")), ("plan", _l("Account plan")))


class PreviewForm(FlaskForm):
    class Meta:
        csrf = False

    user = SelectField(_l("See Carnet as"), validate_choice=False)
    what = RadioField(_l("Page"), choices=options(WHAT), default="person")
    person = reference(_l("Person (person page, paths)"), list="preview-person-options")
    person_id = HiddenField()
    account = reference(_l("Account (plan)"), list="preview-account-options")
    account_id = HiddenField()

    FIELDS = {"user": "user", "person": "person", "organisation_id": "account"}
