"""The policy rule form: short choice lists, every condition optional."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional

from graph.model import (MAX_NAME, ORG_KINDS, PLAN_ROLE_LABELS, PLAN_ROLES, REVIEW_GRACE_DAYS, VISIBILITIES,
                         VISIBILITY_LABELS)
from graph.policy import CONDITIONS, MODE_LABELS, MODES

from ..people.forms import longest, options, required


class RuleForm(FlaskForm):
    name = StringField(_l("Name"), validators=[required("name"), longest("name", MAX_NAME)])
    org_kind = SelectField(_l("Organisation kind"),
                           choices=options([("", _l("any"))] + [(k, _l(k)) for k in ORG_KINDS]),
                           validators=[Optional()])
    sector = StringField(_l("Sector"), validators=[Optional(), longest("sector", 100)])
    country = StringField(_l("Country"), validators=[Optional(), longest("country", 100)])
    min_strength = SelectField(_l("Relationship strength at least"), validators=[Optional()],
                               choices=options([("", _l("any"))] + [(str(s), str(s)) for s in range(1, 6)]))
    team_id = SelectField(_l("Owner's team"), choices=options([("", _l("any"))]), validators=[Optional()])
    plan_role = SelectField(_l("Contact's role in an account plan"), validators=[Optional()],
                            choices=options([("", _l("any"))] + [(r, _l(PLAN_ROLE_LABELS[r])) for r in PLAN_ROLES]))
    outcome = SelectField(_l("Outcome"), choices=options((v, _l(VISIBILITY_LABELS[v])) for v in VISIBILITIES))
    mode = SelectField(_l("Mode"), choices=options((m, _l(MODE_LABELS[m])) for m in MODES))
    review_days = IntegerField(_l("Review after (days, optional)"), validators=[
        Optional(), NumberRange(min=1, max=3650, message="review period must be 1 to 3650 days")])
    review_grace_days = IntegerField(_l("Release to the team when unanswered after (days; default %(n)s)",
                                        n=REVIEW_GRACE_DAYS),
                                     validators=[Optional(), NumberRange(min=1, max=365, message=(
                                         "the answer period must be 1 to 365 days"))])
    reason = StringField(_l("Reason shown to the rep"), validators=[Optional(), longest("reason", 300)])

    FIELDS: dict = {}
    DEFAULT_ONLY = ("name", "outcome", "mode", "review_days", "review_grace_days", "reason")
    CONDITIONS = CONDITIONS  # the fields a default rule does not have

    def data_for_service(self, default: bool) -> dict:
        names = self.DEFAULT_ONLY if default else self.DEFAULT_ONLY + self.CONDITIONS
        return {n: (getattr(self, n).data if getattr(self, n).data not in ("",) else None) for n in names}


class MoveForm(FlaskForm):
    """Up/down buttons (the direction comes from the button's value)."""
