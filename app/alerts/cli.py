"""`flask --app app alerts run`: evaluate the alert rules once (for cron, e.g. daily)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from graph.alerts import STALE_DAYS

from ..cli import reports_errors
from ..extensions import services

alerts_cli = AppGroup("alerts", help="Proactive alerts (uncovered decision makers, stale relationships, leavers).")


@alerts_cli.command("run")
@click.option("--stale-days", type=click.IntRange(30, 3650), default=STALE_DAYS, show_default=True,
              help="A relationship with no logged contact for this many days is stale.")
@reports_errors
def run(stale_days):
    """Evaluate every rule now; each alert reaches each user once (in-app, and e-mail if SMTP is set)."""
    counts = services().alerts.run(stale_days=stale_days)
    for rule, count in counts.items():
        click.echo(f"{rule:<10} {count}")
