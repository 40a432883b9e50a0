"""The search results page and its CSV export: one service call each, already shaped for the viewer."""

from __future__ import annotations

from flask import render_template, request
from flask_login import login_required

from graph.services.search import DEFAULT_LIMIT

from ..auth.session import current_viewer
from ..csvexport import SEARCH_COLUMNS, csv_response, search_rows
from ..extensions import services
from . import bp


@bp.route("/search")
@login_required
def results():
    kind = request.args.get("kind") or None
    found = services().search.search(current_viewer(), request.args.get("q"), kind=kind)
    return render_template("search/results.html", kind=kind, limit=DEFAULT_LIMIT, **found)


@bp.route("/search.csv")
@login_required
def export_csv():
    found = services().exports.search(current_viewer(), request.args.get("q"))
    return csv_response("search.csv", SEARCH_COLUMNS, search_rows(found))
