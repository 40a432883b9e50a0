"""Input checks shared by every entry point (forms, API, CLI, import).

Each function returns the cleaned value or raises ValidationError naming the field."""

from __future__ import annotations

import datetime as _dt
import re

from .errors import ValidationError
from .model import MAX_TEXT

_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+().\s/-]{3,40}$")


def text(field: str, value, *, required: bool = False, max_len: int = MAX_TEXT) -> str | None:
    """A trimmed single string; empty becomes None (or an error when required)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be a string", field)
    value = value.strip()
    if "\x00" in value:
        raise ValidationError(f"{field} contains a NUL character", field)
    if not value:
        if required:
            raise ValidationError(f"{field} is required", field)
        return None
    if len(value) > max_len:
        raise ValidationError(f"{field} is longer than {max_len} characters", field)
    return value


def choice(field: str, value, choices, *, required: bool = True, default=None):
    """One value of a short choice list."""
    if value is None or value == "":
        if required and default is None:
            raise ValidationError(f"{field} is required (one of: {', '.join(map(str, choices))})", field)
        return default
    if value not in choices:
        raise ValidationError(f"{field} must be one of: {', '.join(map(str, choices))}", field)
    return value


def integer(field: str, value, *, low: int, high: int, required: bool = True, default=None) -> int | None:
    """A whole number within [low, high]; numeric strings are accepted (forms, query strings)."""
    if value is None or value == "":
        if required and default is None:
            raise ValidationError(f"{field} is required ({low}–{high})", field)
        return default
    if isinstance(value, bool):
        raise ValidationError(f"{field} must be a whole number from {low} to {high}", field)
    if isinstance(value, str):
        if not re.fullmatch(r"\s*-?\d{1,9}\s*", value):
            raise ValidationError(f"{field} must be a whole number from {low} to {high}", field)
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"{field} must be a whole number from {low} to {high}", field)
    return value


def iso_date(field: str, value, *, required: bool = False) -> str | None:
    """A calendar date as 'YYYY-MM-DD' (a datetime string is cut to its date)."""
    if value is None or value == "":
        if required:
            raise ValidationError(f"{field} is required (YYYY-MM-DD)", field)
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be a date (YYYY-MM-DD)", field)
    raw = value.strip()
    try:
        if len(raw) > 10:
            parsed = _dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
        else:
            parsed = _dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(f"{field} must be a date (YYYY-MM-DD)", field) from None
    if not 1900 <= parsed.year <= 2200:
        raise ValidationError(f"{field} must be between 1900 and 2200", field)
    return parsed.isoformat()


def period(start_field: str, start, end_field: str, end) -> tuple[str | None, str | None]:
    """A start/end pair of dates where end is not before start."""
    s = iso_date(start_field, start)
    e = iso_date(end_field, end)
    if s and e and e < s:
        raise ValidationError(f"{end_field} is before {start_field}", end_field)
    return s, e


def username(value) -> str:
    name = text("username", value, required=True, max_len=64)
    if not _USERNAME.match(name):
        raise ValidationError("username may use letters, digits and . _ - @ only", "username")
    return name


def password(value, *, min_len: int = 8, max_len: int = 256) -> str:
    if not isinstance(value, str) or not value:
        raise ValidationError("password is required", "password")
    if len(value) < min_len:
        raise ValidationError(f"password must be at least {min_len} characters", "password")
    if len(value) > max_len:
        raise ValidationError(f"password is longer than {max_len} characters", "password")
    return value


def email(value) -> str | None:
    v = text("email", value, max_len=254)
    if v and not _EMAIL.match(v):
        raise ValidationError("email is not a valid address", "email")
    return v


def phone(value) -> str | None:
    v = text("phone", value, max_len=40)
    if v and not _PHONE.match(v):
        raise ValidationError("phone may contain digits, spaces and + ( ) . / - only", "phone")
    return v


def identifier(field: str, value, *, required: bool = True) -> str | None:
    """An opaque id as sent by a client: a short string, never interpreted."""
    if value is None or value == "":
        if required:
            raise ValidationError(f"{field} is required", field)
        return None
    if not isinstance(value, str) or len(value) > 64:
        raise ValidationError(f"{field} must be an id string", field)
    return value


def only_fields(data: dict, allowed) -> None:
    """Reject unknown keys so a typo is an error, not a silently ignored field."""
    for key in data:
        if key not in allowed:
            raise ValidationError(f"unknown field {key}", key)
