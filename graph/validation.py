"""Input checks shared by every entry point (forms, API, CLI, import).

Each function returns the cleaned value or raises ValidationError naming the field. The message
is a Message (graph/messages.py): English for the API and the CLI, French on the pages, the field
name translated too when it is one of FIELD_NAMES.

Characters: every text and id is refused (400 naming the field), never silently stripped, when
it holds a character that no person types and that would either break the store or mislead a
reader: NUL and the other C0/C1 control characters (tab, line feed and carriage return
excepted), a lone surrogate (not encodable, so not storable), and the bidi embedding, override
and isolate characters U+202A-U+202E and U+2066-U+2069 (they make a name display as
something else, e.g. "gpj.exe" read backwards). Refusing rather than stripping keeps what is
stored exactly what was sent, and tells the sender which field to fix. Line breaks and tabs are
kept only in multi-line texts (MULTILINE_FIELDS: notes, reasons, messages...); a name, title or
any other single-line text holding one is refused too. The web layer applies `characters` to
every path, query, form and JSON value before a route runs (app/inputs.py); `text` and
`identifier` apply it again for callers that are not HTTP (CLI, imports)."""

from __future__ import annotations

import datetime as _dt
import re

from .errors import ValidationError
from .messages import N_, Message
from .model import MAX_TEXT

_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+().\s/-]{3,40}$")
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_LINE_BREAK = re.compile("[\t\n\r\u2028\u2029]")

# Texts that may span lines (see the module docstring); every other text is one line.
MULTILINE_FIELDS = frozenset({"notes", "context", "reason", "description", "message", "feedback", "objectives"})

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


def characters(field: str, value: str, *, multiline: bool | None = None) -> str:
    """`value` unless it holds a refused character (module docstring); `multiline` defaults to
    whether `field` is one of MULTILINE_FIELDS."""
    bad = _REFUSED.search(value)
    if bad:
        raise ValidationError(N_("%(field)s contains a character that is not allowed (%(char)s)", field=named(field),
                                 char=f"U+{ord(bad.group()):04X}"), field)
    if not (field in MULTILINE_FIELDS if multiline is None else multiline) and _LINE_BREAK.search(value):
        raise ValidationError(N_("%(field)s must be a single line", field=named(field)), field)
    return value


def tree(field: str, value) -> None:
    """`characters` over every key and string of a decoded JSON value; each is named by its top
    field (a key at fault is named by its parent)."""
    if isinstance(value, str):
        characters(field, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            characters(field, str(key), multiline=False)
            tree(key if field == "body" else field, item)
    elif isinstance(value, list):
        for item in value:
            tree(field, item)


def text(field: str, value, *, required: bool = False, max_len: int = MAX_TEXT) -> str | None:
    """A trimmed single string (module docstring: characters); empty becomes None (or an error
    when required)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(N_("%(field)s must be a string", field=named(field)), field)
    value = characters(field, value.strip())
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
    return characters(field, value, multiline=False)


def only_fields(data: dict, allowed) -> None:
    """Reject unknown keys so a typo is an error, not a silently ignored field."""
    for key in data:
        if key not in allowed:
            raise ValidationError(N_("unknown field %(key)s", key=key), key)
