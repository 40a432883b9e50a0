"""`flask --app app signals sync [--user USERNAME]`: every connection of every active user (or
of one), one progress line per folder, calendar or address book; for cron. A connection that
fails is reported and the others still sync; the exit code is 1 when any failed."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from graph.errors import CarnetError

from ..extensions import services

signals_cli = AppGroup("signals", help="Relationship signals from the reps' own calendars, mailboxes, address books.")


@signals_cli.command("sync")
@click.option("--user", "username", default=None, help="only this user's connections")
def signals_sync(username):
    svc = services()
    users = svc.store.read("connections/list_users_with_connections", username=username)
    if username and not users:
        click.echo(f"no connections for {username}")
        return
    failed = 0
    for user in users:
        viewer = svc.users.viewer(user["user_id"])
        for connection in svc.connections.mine(viewer):
            label = f"{user['username']} {connection['kind']} {connection['url'] or connection['host']}"
            click.echo(f"{label}: syncing")
            try:
                done = svc.connections.sync(viewer, connection["id"],
                                            progress=lambda line, label=label: click.echo(f"{label}: {line}"))
            except CarnetError as exc:
                failed += 1
                click.echo(f"{label}: error: {exc.message}", err=True)
                continue
            counts = ", ".join(f"{n} {k}" for k, n in done["counts"].items() if n) or "nothing new"
            click.echo(f"{label}: done ({counts})")
    if failed:
        sys.exit(1)
