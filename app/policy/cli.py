"""`flask --app app policy review`: the exclusivity-review pass, for cron (say daily).

It asks owners about exclusive relationships that fell due, releases to the team those left
unanswered past the grace period, withdraws questions that no longer hold, and prints each."""

from __future__ import annotations

import click

from graph.clock import iso_instant

from ..cli import reports_errors
from ..extensions import services
from . import bp


def _line(verb: str, item: dict) -> str:
    rule = f", rule “{item['rule']['name']}”" if item.get("rule") else ""
    return f"{verb:<9} {item['owner_name'] or item['owner']}: {item['person_name']}{rule}"


@bp.cli.command("review")
@reports_errors
def review():
    """Run the exclusivity reviews once and print what was asked, released and withdrawn."""
    result = services().reviews.run()
    for item in result["asked"]:
        click.echo(_line("asked", item) + f" (answer by {iso_instant(item['due_at'])})")
    for item in result["released"]:
        click.echo(_line("released", item) + " (unanswered: now team)")
    for item in result["withdrawn"]:
        click.echo(_line("withdrawn", item))
    click.echo(f"{len(result['asked'])} asked, {len(result['released'])} released, "
               f"{len(result['withdrawn'])} withdrawn")
