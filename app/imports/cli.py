"""`flask --app app import FILE`: the same plan as the web preview, then an all-or-nothing
commit, with progress bars on stderr and the row-by-row report on stdout."""

from __future__ import annotations

import sys
import time

import click
from flask.cli import with_appcontext

from graph.imports.formats import FORMATS
from graph.model import VISIBILITIES
from graph.visibility import SYSTEM

from ..cli import reports_errors
from ..extensions import services

SHOWN = 100  # rejected rows and job changes listed; the rest are counted


def _bar(length: int, label: str):
    return click.progressbar(length=max(length, 1), label=label, file=sys.stderr, show_pos=True)


def _report(plan) -> None:
    c = plan.counts()
    click.echo(f"{plan.format} file ({plan.encoding}): {c['rows']} rows: {c['create']} new, {c['merge']} merged "
               f"into existing people, {c['unchanged']} unchanged, {c['duplicate']} repeated, {c['reject']} rejected")
    click.echo(f"  create: {c['people']} people, {c['organisations']} organisations, {c['positions']} positions, "
               f"{c['relationships']} relationships")
    click.echo(f"  update: {c['people_updated']} people, {c['relationships_updated']} relationships, "
               f"{c['positions_updated']} positions; end {c['positions_ended']} positions; "
               f"{c['job_changes']} job changes")
    for warning in plan.warnings:
        click.echo(f"  note: {warning}")
    for title, items, line in (
            ("rejected rows", plan.rejected, lambda e: f"line {e.line}: {'; '.join(e.errors)}"),
            ("job changes", plan.job_changes,
             lambda j: f"line {j['line']}: {j['name']}: {j['old_organisation']} → {j['new_organisation']}")):
        if items:
            click.echo(f"{title}:")
            for item in items[:SHOWN]:
                click.echo("  " + line(item))
            if len(items) > SHOWN:
                click.echo(f"  … and {len(items) - SHOWN} more")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="csv, linkedin or vcard (default: recognised from the content)")
@click.option("--dry-run", is_flag=True, help="show what would happen, write nothing")
@click.option("--as", "username", default=None,
              help="the importing user: owns the relationships (without it: people and organisations only)")
@click.option("--strength", type=click.IntRange(0, 5), default=2, show_default=True,
              help="strength of the relationships of rows without one (0: none)")
@click.option("--visibility", type=click.Choice(VISIBILITIES), default=None,
              help="visibility of the new relationships (default: the sharing rules decide)")
@click.option("--valid-rows", is_flag=True, help="import the valid rows even when some are rejected")
@with_appcontext
@reports_errors
def import_file(file, fmt, dry_run, username, strength, visibility, valid_rows):
    """Import people, organisations, positions and relationships from FILE (all or nothing)."""
    imports = services().imports
    viewer = imports.importer(username) if username else SYSTEM
    with open(file, "rb") as fh:
        data = fh.read()
    started = time.perf_counter()
    with _bar(data.count(b"\n") + 1, "planning") as bar:
        plan = imports.plan(viewer, data, fmt, strength=strength, visibility=visibility,
                            progress=lambda line: bar.update(max(0, line - bar.pos)))
    _report(plan)
    planned = time.perf_counter() - started
    if dry_run:
        click.echo(f"dry run: nothing written (planned in {planned:.1f} s)")
        return
    imports.refuse_rejects(plan, valid_rows)
    with _bar(plan.writes(), "writing") as bar:
        result = imports.commit(viewer, plan, valid_rows=valid_rows, progress=bar.update,
                                filename=file.rsplit("/", 1)[-1])
    click.echo(f"imported (batch {result['id']}) in {time.perf_counter() - started:.1f} s")


def init_app(app) -> None:
    app.cli.add_command(import_file)
