"""/connections: my calendars, mailboxes and address books; add, delete, sync now."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from graph.errors import CarnetError

from ..auth.session import current_viewer
from ..extensions import services
from . import bp

FIELDS = ("kind", "url", "host", "port", "security", "username", "password", "folders")


@bp.route("/connections")
@login_required
def index():
    return render_template("connections/index.html", connections=services().connections.mine(current_viewer()),
                           form={})


@bp.post("/connections")
@login_required
def create():
    form = {k: request.form.get(k, "").strip() for k in FIELDS}
    data = {"kind": form["kind"], "username": form["username"], "password": request.form.get("password", "")}
    if form["kind"] == "imap":
        data.update(host=form["host"], security=form["security"] or "ssl")
        if form["port"]:
            data["port"] = int(form["port"]) if form["port"].isdigit() else form["port"]
        if form["folders"]:
            data["folders"] = [f.strip() for f in form["folders"].split(",") if f.strip()]
    else:
        data["url"] = form["url"]
    try:
        services().connections.create(current_viewer(), data)
    except CarnetError as exc:
        form.pop("password")
        return render_template("connections/index.html", connections=services().connections.mine(current_viewer()),
                               form=form, error=_(exc.message), error_field=exc.field), exc.status
    flash(_("Connected."), "info")
    return redirect(url_for("connections.index"))


@bp.post("/connections/<connection_id>/delete")
@login_required
def delete(connection_id):
    services().connections.delete(current_viewer(), connection_id, purge=bool(request.form.get("purge")))
    flash(_("Connection deleted."), "info")
    return redirect(url_for("connections.index"))


@bp.post("/connections/<connection_id>/sync")
@login_required
def sync(connection_id):
    lines: list[str] = []
    try:
        done = services().connections.sync(current_viewer(), connection_id, progress=lines.append)
    except CarnetError as exc:
        if exc.status == 404:
            raise
        flash(_("Sync failed: %(error)s", error=_(exc.message)), "error")
        return redirect(url_for("connections.index"))
    c = done["counts"]
    flash(_("Synced: %(meetings)d meetings, %(messages)d messages, %(cards)d cards.", **c), "info")
    for line in lines[-10:]:
        flash(line, "progress")
    return redirect(url_for("connections.index"))
