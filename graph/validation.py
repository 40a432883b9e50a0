"""Input checks shared by every entry point (forms, API, CLI, import).

Each function returns the cleaned value or raises ValidationError naming the field. The message
is a Message (graph/messages.py): English for the API and the CLI, French on the pages, the field
name translated too when it is one of FIELD_NAMES."""

from __future__ import annotations

import datetime as _dt
import re

from .errors import ValidationError
from .messages import N_, Message
from .model import MAX_TEXT

_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+().\s/-]{3,40}$")

# The field names people see in form errors, marked for pybabel so each has a French word; any
# other name (an id, an API-only key) stays as it is.
FIELD_NAMES = (N_("name"), N_("title"), N_("email"), N_("phone"), N_("notes"), N_("reason"), N_("kind"),
               N_("decision"), N_("visibility"), N_("strength"), N_("start"), N_("end"), N_("team"), N_("role"),
               N_("status"), N_("department"), N_("context"), N_("outcome"), N_("feedback"), N_("username"),
               N_("password"), N_("date"), N_("capacity"), N_("description"), N_("objectives"), N_("country"),
               N_("sector"), N_("days"), N_("message"), N_("stance"), N_("influence"), N_("due"),
               N_("organisation"), N_("person"), N_("since"), N_("period_start"), N_("period_end"))


def named(field) -> Message:
    """A field name as a Message param, so the pages say it in the reader's language."""
    return Message(str(field))


def text(field: str, value, *, required: bool = False, max_len: int = MAX_TEXT) -> str | None:
    """A trimmed single string; empty becomes None (or an error when required)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(N_("%(field)s must be a string", field=named(field)), field)
    value = value.strip()
    if "\x00" in value:
        raise ValidationError(N_("%(field)s contains a NUL character", field=named(field)), field)
    if not value:
        if required:
            raise ValidationError(N_("%(field)s is required", field=named(field)), field)
        return None
    if len(value) > max_len:
        raise ValidationError(N_("%(field)s is longer than %(max_len)s characters", field=named(field),
                                 max_len=max_len), field)
    return value


def choice(field: str, value, choices, *, required: bool = True, default=None):
    """One value of a short choice list."""
    if value is None or value == "":
        if required and default is None:
            raise ValidationError(N_("%(field)s is required (one of: %(choices)s)", field=named(field),
                                     choices=", ".join(map(str, choices))), field)
        return default
    if value not in choices:
        raise ValidationError(N_("%(field)s must be one of: %(choices)s", field=named(field),
                                 choices=", ".join(map(str, choices))), field)
    return value


def integer(field: str, value, *, low: int, high: int, required: bool = True, default=None) -> int | None:
    """A whole number within [low, high]; numeric strings are accepted (forms, query strings)."""
    if value is None or value == "":
        if required and default is None:
            raise ValidationError(N_("%(field)s is required (%(low)s–%(high)s)", field=named(field), low=low,
                                     high=high), field)
        return default
    wrong = N_("%(field)s must be a whole number from %(low)s to %(high)s", field=named(field), low=low, high=high)
    if isinstance(value, bool):
        raise ValidationError(wrong, field)
    if isinstance(value, str):
        if not re.fullmatch(r"\s*-?\d{1,9}\s*", value):
            raise ValidationError(wrong, field)
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(wrong, field)
    return value


def iso_date(field: str, value, *, required: bool = False) -> str | None:
    """A calendar date as 'YYYY-MM-DD' (a datetime string is cut to its date)."""
    if value is None or value == "":
        if required:
            raise ValidationError(N_("%(field)s is required (YYYY-MM-DD)", field=named(field)), field)
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    wrong = N_("%(field)s must be a date (YYYY-MM-DD)", field=named(field))
    if not isinstance(value, str):
        raise ValidationError(wrong, field)
    raw = value.strip()
    try:
        if len(raw) > 10:
            parsed = _dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
        else:
            parsed = _dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(wrong, field) from None
    if not 1900 <= parsed.year <= 2200:
        raise ValidationError(N_("%(field)s must be between 1900 and 2200", field=named(field)), field)
    return parsed.isoformat()


def period(start_field: str, start, end_field: str, end) -> tuple[str | None, str | None]:
    """A start/end pair of dates where end is not before start."""
    s = iso_date(start_field, start)
    e = iso_date(end_field, end)
    if s and e and e < s:
        raise ValidationError(N_("%(end)s is before %(start)s", end=named(end_field), start=named(start_field)),
                              end_field)
    return s, e


def username(value) -> str:
    name = text("username", value, required=True, max_len=64)
    if not _USERNAME.match(name):
        raise ValidationError(N_("username may use letters, digits and . _ - @ only"), "username")
    return name


def password(value, *, min_len: int = 8, max_len: int = 256) -> str:
    if not isinstance(value, str) or not value:
        raise ValidationError(N_("password is required"), "password")
    if len(value) < min_len:
        raise ValidationError(N_("password must be at least %(min_len)s characters", min_len=min_len), "password")
    if len(value) > max_len:
        raise ValidationError(N_("password is longer than %(max_len)s characters", max_len=max_len), "password")
    return value


def email(value) -> str | None:
    v = text("email", value, max_len=254)
    if v and not _EMAIL.match(v):
        raise ValidationError(N_("email is not a valid address"), "email")
    return v


def phone(value) -> str | None:
    v = text("phone", value, max_len=40)
    if v and not _PHONE.match(v):
        raise ValidationError(N_("phone may contain digits, spaces and + ( ) . / - only"), "phone")
    return v


def identifier(field: str, value, *, required: bool = True) -> str | None:
    """An opaque id as sent by a client: a short string, never interpreted."""
    if value is None or value == "":
        if required:
            raise ValidationError(N_("%(field)s is required", field=named(field)), field)
        return None
    if not isinstance(value, str) or len(value) > 64:
        raise ValidationError(N_("%(field)s must be an id string", field=named(field)), field)
    return value


def only_fields(data: dict, allowed) -> None:
    """Reject unknown keys so a typo is an error, not a silently ignored field."""
    for key in data:
        if key not in allowed:
            raise ValidationError(N_("unknown field %(key)s", key=key), key)
