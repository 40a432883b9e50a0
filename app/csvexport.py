"""CSV answers for the exports (people lists, an organisation's people, search results).

Cells go through the account-plan export's `_cell`, so a value a spreadsheet would run as a
formula is neutralised the same way everywhere. Rows arrive already shaped for the viewer:
locked contact details are None here and come out as empty cells."""

from __future__ import annotations

import csv
import io

from flask import current_app

from .plans.routes import _cell

PEOPLE_COLUMNS = ("id", "name", "title", "organisation", "email", "phone", "details_locked")
SEARCH_COLUMNS = ("kind", "id", "name", "detail", "organisation", "email", "phone", "details_locked", "notes")


def csv_response(filename: str, columns, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return current_app.response_class(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def _locked(person: dict) -> str:
    return "yes" if person["details_locked"] else ""


def people_rows(people):
    for p in people:
        yield (p["id"], p["name"], p.get("title"), p.get("organisation"), p["email"], p["phone"], _locked(p))


def search_rows(found: dict):
    """One row per result: people, then organisations, then notes (each best first)."""
    for p in found["people"]:
        yield ("person", p["id"], p["name"], p.get("title"), p.get("organisation"), p["email"], p["phone"],
               _locked(p), None)
    for o in found["organisations"]:
        yield ("organisation", o["id"], o["name"], " · ".join(x for x in (o["kind"], o["sector"], o["country"]) if x),
               None, None, None, None, None)
    for n in found["notes"]:
        yield ("note", n["id"], f"{n['person_name']} — {n['other_name']}", n.get("context"), None, None, None, None,
               n.get("notes"))
