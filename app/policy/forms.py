"""The policy rule form: short choice lists, every condition optional."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional

from graph.model import MAX_NAME, ORG_KINDS, VISIBILITIES, VISIBILITY_LABELS
from graph.policy import MODE_LABELS, MODES

from ..people.forms import longest, options, required


class RuleForm(FlaskForm):
    name = StringField("Name", validators=[required("name"), longest("name", MAX_NAME)])
    org_kind = SelectField("Organisation kind", choices=options([("", "any")] + [(k, k) for k in ORG_KINDS]),
                           validators=[Optional()])
    sector = StringField("Sector", validators=[Optional(), longest("sector", 100)])
    country = StringField("Country", validators=[Optional(), longest("country", 100)])
    min_strength = SelectField("Relationship strength at least", validators=[Optional()],
                               choices=options([("", "any")] + [(str(s), str(s)) for s in range(1, 6)]))
    team_id = SelectField("Owner's team", choices=options([("", "any")]), validators=[Optional()])
    outcome = SelectField("Outcome", choices=options((v, VISIBILITY_LABELS[v]) for v in VISIBILITIES))
    mode = SelectField("Mode", choices=options((m, MODE_LABELS[m]) for m in MODES))
    review_days = IntegerField("Review after (days, optional)", validators=[
        Optional(), NumberRange(min=1, max=3650, message="review period must be 1 to 3650 days")])
    reason = StringField("Reason shown to the rep", validators=[Optional(), longest("reason", 300)])

    FIELDS: dict = {}
    DEFAULT_ONLY = ("name", "outcome", "mode", "review_days", "reason")

    def data_for_service(self, default: bool) -> dict:
        names = self.DEFAULT_ONLY if default else self.DEFAULT_ONLY + ("org_kind", "sector", "country",
                                                                        "min_strength", "team_id")
        return {n: (getattr(self, n).data if getattr(self, n).data not in ("",) else None) for n in names}


class MoveForm(FlaskForm):
    """Up/down buttons (the direction comes from the button's value)."""
