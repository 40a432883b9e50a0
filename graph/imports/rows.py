"""One row of an import, whatever the file format, and the checks every row goes through.

Parsers only split a file into rows of raw strings under canonical field names; `clean`
checks them with the same rules as the forms and the API (graph/validation.py), collecting
every problem of the row rather than stopping at the first, so a rejected row says all that
is wrong with it at once."""

from __future__ import annotations

import dataclasses
import re

from .. import validation as v
from ..errors import ValidationError
from ..messages import N_
from ..model import CONTEXTS, MAX_NAME, MAX_NOTES, ORG_KINDS, VISIBILITIES

# Canonical fields: what a row may say about a contact, the position and the relationship.
FIELDS = ("name", "email", "phone", "title", "organisation", "organisation_kind", "department", "start",
          "strength", "context", "visibility", "since", "notes", "linkedin")
MAX_URL = 300
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclasses.dataclass(slots=True)
class Row:
    """Raw values of one record and the line where it starts (1-based, as an editor shows it).
    `errors` holds what the parser itself found wrong (a broken vCard, too many cells)."""

    line: int
    data: dict
    errors: list = dataclasses.field(default_factory=list)


def _lower(value):
    return value.strip().lower() if isinstance(value, str) else value


def _url(value) -> str | None:
    value = v.text("linkedin", value, max_len=MAX_URL)
    if value and not _URL.match(value):
        raise ValidationError(N_("linkedin must be a web address (https://…)"), "linkedin")
    return value


CHECKS = {
    "name": lambda x: v.text("name", x, required=True, max_len=MAX_NAME),
    "email": lambda x: (v.email(x) or "").lower() or None,
    "phone": v.phone,
    "title": lambda x: v.text("title", x),
    "organisation": lambda x: v.text("organisation", x, max_len=MAX_NAME),
    "organisation_kind": lambda x: v.choice("organisation_kind", _lower(x), ORG_KINDS, required=False),
    "department": lambda x: v.text("department", x),
    "start": lambda x: v.iso_date("start", _strip(x)),
    "strength": lambda x: v.integer("strength", _strip(x), low=0, high=5, required=False),
    "context": lambda x: v.choice("context", _lower(x), CONTEXTS, required=False),
    "visibility": lambda x: v.choice("visibility", _lower(x), VISIBILITIES, required=False),
    "since": lambda x: v.iso_date("since", _strip(x)),
    "notes": lambda x: v.text("notes", x, max_len=MAX_NOTES),
    "linkedin": _url,
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def clean(row: Row) -> tuple[dict, list[str]]:
    """(checked values without blanks, every error message of the row)."""
    values, errors = {}, list(row.errors)
    for field, check in CHECKS.items():
        if errors and field not in row.data:
            continue  # a broken record already says what is wrong; no "name is required" on top
        try:
            value = check(row.data.get(field))
        except ValidationError as exc:
            errors.append(exc.message)
            continue
        if value is not None:
            values[field] = value
    return values, errors
