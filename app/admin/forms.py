"""Forms of the admin pages (users and teams)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import Length, Optional

from graph.model import MAX_NAME, MAX_PASSWORD, MAX_USERNAME, MIN_PASSWORD, ROLES

from ..auth.forms import new_password_fields
from ..people.forms import longest, options, required


def team_field(label: str, needed: bool):
    """A team by name; a short datalist of existing teams helps (a new name creates the team)."""
    return StringField(label, validators=[required("team") if needed else Optional(), longest("team", 100)],
                       render_kw={"list": "team-options", "autocomplete": "off"})


class UserForm(FlaskForm):
    username = StringField(_l("Username"), validators=[required("username"), longest("username", MAX_USERNAME)],
                           render_kw={"autocomplete": "off"})
    name = StringField(_l("Full name"), validators=[Optional(), longest("name", MAX_NAME)])
    password = PasswordField(_l("Password"), validators=[
        required("password"), Length(min=MIN_PASSWORD, max=MAX_PASSWORD,
                                     message=f"password must be {MIN_PASSWORD} to {MAX_PASSWORD} characters")],
        render_kw={"autocomplete": "new-password"})
    role = SelectField(_l("Role"), choices=options((r, _l(r)) for r in ROLES), default="rep")
    team = team_field(_l("Team (optional)"), needed=False)


class TeamForm(FlaskForm):
    name = StringField(_l("Team name"), validators=[required("name"), longest("name", 100)])


class SetTeamForm(FlaskForm):
    team = team_field(_l("Team"), needed=True)


class ManageForm(FlaskForm):
    """Make a manager manage one more team (an existing one, by name)."""

    manage = StringField(_l("Team to manage"), validators=[required("team"), longest("team", 100)],
                         render_kw={"list": "team-options", "autocomplete": "off"})


class UnmanageForm(FlaskForm):
    team_id = HiddenField(validators=[required("team")])


class ActiveForm(FlaskForm):
    active = HiddenField(validators=[required("active")])


class RoleForm(FlaskForm):
    """A new role, and optionally a team (a manager given a team manages it)."""

    role = SelectField(_l("Role"), choices=options((r, _l(r)) for r in ROLES))
    team = team_field(_l("Team (optional)"), needed=False)


class SetPasswordForm(FlaskForm):
    password, confirm = new_password_fields("password")
