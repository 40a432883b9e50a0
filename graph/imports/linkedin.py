"""LinkedIn's "Connections.csv" export (Settings › Data privacy › Get a copy of your data).

Real exports begin with a few "Notes:" lines before the header; columns are First Name,
Last Name, URL, Email Address, Company, Position, Connected On ("17 Jan 2024"). Every row
is someone the importing rep knows: the rep owns the relationships, with the strength
chosen once for the whole file."""

from __future__ import annotations

import datetime as _dt
from typing import Iterator

from ..errors import ValidationError
from ..messages import N_
from .csv_format import delimiter, records
from .rows import Row

REQUIRED = ("First Name", "Last Name", "Company", "Position")
OPTIONAL = ("URL", "Email Address", "Connected On")
FIELD_OF = {"company": "organisation", "position": "title", "url": "linkedin", "email address": "email"}
DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y")
MONTHS_FR = {"janv": "Jan", "févr": "Feb", "fevr": "Feb", "mars": "Mar", "avr": "Apr", "mai": "May", "juin": "Jun",
             "juil": "Jul", "août": "Aug", "aout": "Aug", "sept": "Sep", "oct": "Oct", "nov": "Nov", "déc": "Dec",
             "dec": "Dec"}
HEADER_SCAN = 50  # the header is within the first lines, after the notes


def looks_like(text: str) -> bool:
    """A LinkedIn header: First Name, Last Name and Connected On (a CSV of ours may have the first two)."""
    index = _header_line(text)
    return index is not None and "connected on" in text.splitlines()[index].lower()


def _header_line(text: str) -> int | None:
    """Index of the header line (0-based), skipping the notes LinkedIn puts first."""
    for i, line in enumerate(text.splitlines()[:HEADER_SCAN]):
        low = line.lower()
        if "first name" in low and "last name" in low and not low.startswith("notes"):
            return i
    return None


def connected_on(value: str | None) -> str | None:
    """'17 Jan 2024' (or a French '17 janv. 2024', or an ISO date) as YYYY-MM-DD; unreadable
    text is returned as is so the row check reports it."""
    if not value or not value.strip():
        return None
    raw = value.strip().replace(".", "")
    parts = raw.split()
    if len(parts) == 3 and parts[1].lower() in MONTHS_FR:
        parts[1] = MONTHS_FR[parts[1].lower()]
        raw = " ".join(parts)
    for fmt in DATE_FORMATS:
        try:
            return _dt.datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return value


def parse(text: str) -> tuple[list[str], Iterator[Row]]:
    index = _header_line(text)
    if index is None:
        raise ValidationError("this is not a LinkedIn connections export: no line with First Name and Last Name "
                              "in the first lines", "file")
    lines = text.splitlines(keepends=True)
    body = "".join(lines[index:])
    found = records(body, start_line=index + 1, sep=delimiter(lines[index]))
    _, header = next(found)
    position = {cell.strip().lower(): i for i, cell in enumerate(header)}
    missing = [c for c in REQUIRED if c.lower() not in position]
    if missing:
        raise ValidationError(f"missing column(s): {', '.join(missing)}; the header has: "
                              f"{', '.join(c.strip() for c in header)}", "file")
    absent = [c for c in OPTIONAL if c.lower() not in position]
    warnings = [N_("no column %(columns)s: left empty", columns=", ".join(absent))] if absent else []
    return warnings, _rows(found, position)


def _rows(found, position: dict) -> Iterator[Row]:
    def cell(cells, name):
        i = position.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for line, cells in found:
        data = {"name": f"{cell(cells, 'first name')} {cell(cells, 'last name')}".strip()}
        for column, field in FIELD_OF.items():
            if cell(cells, column):
                data[field] = cell(cells, column)
        since = connected_on(cell(cells, "connected on"))
        if since:
            data["since"] = since
        yield Row(line, data)
