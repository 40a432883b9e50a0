"""Carnet's own CSV: one row per contact, columns documented in COLUMNS (and in the template
file the import page offers). Commas or semicolons (French Excel) are both read."""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import Iterator

from ..errors import ValidationError
from ..messages import N_
from .rows import Row

# column -> what it means (the template and the import page show these).
COLUMNS = {
    "name": "full name (or give first_name and last_name)",
    "first_name": "first name, when name is empty",
    "last_name": "last name, when name is empty",
    "email": "e-mail address: the same address means the same person",
    "phone": "phone number",
    "title": "job title",
    "organisation": "current employer; matched by name (case and accents ignored), created when new",
    "organisation_kind": "kind of a new organisation: account, prospect, partner, supplier, school, other",
    "department": "department in that organisation",
    "start": "start of that position (YYYY-MM-DD)",
    "strength": "how well you know them, 1-5; empty: the strength chosen for the file; 0: no relationship",
    "context": "colleague, client, school, event, family, friend, former_colleague, partner, other",
    "visibility": "private, exclusive, team or company; empty: the sharing rules decide",
    "since": "known since (YYYY-MM-DD)",
    "notes": "notes on the person",
    "linkedin": "LinkedIn profile address",
}
ALIASES = {
    "full_name": "name", "fullname": "name", "firstname": "first_name", "lastname": "last_name",
    "surname": "last_name", "e_mail": "email", "mail": "email", "email_address": "email",
    "telephone": "phone", "tel": "phone", "mobile": "phone", "phone_number": "phone",
    "job_title": "title", "position": "title", "company": "organisation", "organization": "organisation",
    "employer": "organisation", "organization_kind": "organisation_kind", "kind": "organisation_kind",
    "linkedin_url": "linkedin", "url": "linkedin",
}
# Columns whose cells may span lines (a quoted cell with line breaks); in any other column a line
# break means a stray quote made csv read on into the following lines.
MULTILINE = {"notes"}
EXAMPLE = {"name": "Jeanne Martin", "email": "jeanne.martin@example.com", "phone": "+33 1 23 45 67 89",
           "title": "Head of Purchasing", "organisation": "Example Industries", "organisation_kind": "account",
           "department": "Purchasing", "start": "2021-09-01", "strength": "3", "context": "client",
           "since": "2019-03-15"}


def template() -> str:
    """The downloadable template: the header and one example row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([EXAMPLE.get(c, "") for c in COLUMNS])
    return out.getvalue()


def column_key(header: str) -> str:
    """A header cell as a column name: case, accents, spaces and dashes do not matter."""
    plain = unicodedata.normalize("NFKD", header or "")
    plain = "".join(c for c in plain if not unicodedata.combining(c)).strip().lower()
    key = "_".join(plain.replace("-", " ").replace(".", " ").split())
    return ALIASES.get(key, key)


def delimiter(line: str) -> str:
    """The separator a header line uses: the most frequent of , ; and tab."""
    return max((",", ";", "\t"), key=line.count)


def records(text: str, start_line: int = 1, sep: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells) for each non-blank CSV record of `text`; quoted
    cells may span lines, so line numbers follow the reader, not the newlines."""
    if sep is None:
        first = next((ln for ln in text.splitlines() if ln.strip()), "")
        sep = delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    previous = 0
    try:
        for cells in reader:
            line, previous = previous + start_line, reader.line_num
            if any(c.strip() for c in cells):
                yield line, cells
    except csv.Error as exc:
        raise ValidationError(f"line {previous + start_line}: the file is not valid CSV ({exc})", "file") from None


def header_map(cells: list[str]) -> dict[int, str]:
    """Column position -> canonical column name, for the known columns."""
    return {i: column_key(c) for i, c in enumerate(cells) if column_key(c)}


def parse(text: str) -> tuple[list[str], Iterator[Row]]:
    """(warnings, rows). The header is checked at once: a file without a name column is refused
    naming what is missing and what was found."""
    found = records(text)
    try:
        _, header = next(found)
    except StopIteration:
        raise ValidationError("the file is empty", "file") from None
    columns = header_map(header)
    names = set(columns.values())
    if "name" not in names and not {"first_name", "last_name"} <= names:
        seen = ", ".join(c.strip() for c in header if c.strip()) or "nothing"
        raise ValidationError(f"missing column: name (or first_name and last_name); the header has: {seen}", "file")
    unknown = sorted({header[i].strip() for i, c in columns.items() if c not in COLUMNS})
    warnings = [N_("ignored column(s): %(columns)s", columns=", ".join(unknown))] if unknown else []
    return warnings, _rows(found, columns, len(header))


def _rows(found, columns: dict[int, str], width: int) -> Iterator[Row]:
    for line, cells in found:
        data: dict = {}
        for i, cell in enumerate(cells):
            name = columns.get(i)
            if name in COLUMNS and cell.strip():
                data[name] = cell
        if not data.get("name") and (data.get("first_name") or data.get("last_name")):
            data["name"] = f"{data.get('first_name', '').strip()} {data.get('last_name', '').strip()}".strip()
        extra = any(c.strip() for c in cells[width:])
        errors = [N_("%(values)s values but the header has %(columns)s columns", values=len(cells), columns=width)] \
            if extra else []
        broken = next((name for name, cell in data.items() if name not in MULTILINE and ("\n" in cell or "\r" in cell)),
                      None)
        if broken:
            errors.append(N_("line %(line)s: a quote opened in this row is not closed, so the following lines were "
                             "read into its %(column)s (a stray quote?); nothing of these lines was imported",
                             line=line, column=broken))
        yield Row(line, data, errors)
