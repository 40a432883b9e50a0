from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from graph.model import MAX_PASSWORD

from ..people.forms import longest, required


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me signed in (30 days)"))


def new_password_fields(name: str):
    """A new password and its confirmation; the service judges strength (its errors go on `name`)."""
    new = PasswordField(_l("New password"), validators=[required("password"), longest("password", MAX_PASSWORD)],
                        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"), validators=[
        required("password"), EqualTo(name, message=_l("the two new passwords do not match"))],
        render_kw={"autocomplete": "new-password"})
    return new, confirm


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"),
                            validators=[required("password"), longest("password", MAX_PASSWORD)],
                            render_kw={"autocomplete": "current-password"})
    new, confirm = new_password_fields("new")
