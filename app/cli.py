"""`flask --app app ...` commands (CONTRACT.md): graph init/stop/export/import, users create, demo load."""

import click
from flask.cli import AppGroup

from .extensions import services

graph_cli = AppGroup("graph", help="The graph store: schema, backup, embedded server.")


@graph_cli.command("init")
def graph_init():
    """Create indexes and unique-id constraints for the active backend (idempotent)."""
    applied = services().store.ensure_schema()
    click.echo(f"graph schema ready ({services().store.backend}; {len(applied)} statements applied)")


def init_app(app) -> None:
    app.cli.add_command(graph_cli)
