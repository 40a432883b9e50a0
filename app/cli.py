"""`flask --app app ...` commands: graph init/stop/export/import, users create/set-password/set-role,
demo load.

Bad input ends with `error: <field>: <message>` on stderr and exit code 1, like the API's
`{"error", "field"}`; each command calls the graph layer and prints, nothing more."""

from __future__ import annotations

import functools
import os
import sys

import click
from flask.cli import AppGroup

from graph import backup, demo, migrations
from graph.errors import CarnetError, ValidationError
from graph.visibility import SYSTEM

from .extensions import services

graph_cli = AppGroup("graph", help="The graph store: schema, backup, embedded server.")
users_cli = AppGroup("users", help="User accounts.")
demo_cli = AppGroup("demo", help="The fictional demo data set.")


def reports_errors(command):
    """Turn a domain error into one clear line and exit code 1 (no traceback)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except CarnetError as exc:
            prefix = f"error: {exc.field}: " if exc.field else "error: "
            click.echo(prefix + exc.message, err=True)
            sys.exit(1)
        except OSError as exc:  # a backup file that cannot be written or read
            click.echo(f"error: file: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
            sys.exit(1)

    return wrapper


def _counts_line(counts: dict) -> str:
    nodes = ", ".join(f"{n} {label}" for label, n in counts["nodes"].items()) or "no nodes"
    rels = ", ".join(f"{n} {rtype}" for rtype, n in counts["relationships"].items()) or "no relationships"
    return f"{nodes}; {rels}"


@graph_cli.command("init")
@reports_errors
def graph_init():
    """Create indexes and unique-id constraints for the active backend, and bring older data up
    to date (idempotent)."""
    applied = services().store.ensure_schema()
    click.echo(f"graph schema ready ({services().store.backend}; {len(applied)} statements applied)")
    click.echo(f"relationship keys brought up to date: {services().relationships.rekey()}")
    migrated = migrations.migrate(services().store)  # data written by older versions
    if migrated:
        click.echo("migrated: " + ", ".join(f"{name} ({n} records)" for name, n in migrated.items()))
    filled = services().search.backfill()  # search fields of records written without them
    click.echo("search fields filled in: " + ", ".join(f"{n} {kind}" for kind, n in filled.items()))


@graph_cli.command("stop")
@reports_errors
def graph_stop():
    """Shut down the embedded FalkorDB server of CARNET_DATA_DIR cleanly (flushing its files)."""
    store = services().store
    server = getattr(store, "server", None)
    if server is None:
        click.echo(f"the {store.backend} backend has no embedded server: nothing to stop")
        return
    store.close()
    if server.stop():
        click.echo(f"embedded graph server stopped ({server.data_dir})")
    else:
        click.echo(f"no embedded graph server running ({server.data_dir})")


@graph_cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@reports_errors
def graph_export(file):
    """Write a full backup of the graph to FILE (JSON Lines)."""
    partial = f"{file}.partial"
    try:
        with open(partial, "w", encoding="utf-8") as out:
            counts = backup.export_graph(services().store, out)
        os.replace(partial, file)  # a backup file is either complete or absent
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    click.echo(f"exported {_counts_line(counts)} to {file}")


@graph_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True))
@reports_errors
def graph_import(file):
    """Restore a backup FILE into an empty graph (the whole file is checked first)."""
    with open(file, encoding="utf-8") as fh:
        try:
            counts = backup.import_graph(services().store, fh)
        except UnicodeDecodeError:
            raise ValidationError("the file is not UTF-8 text", "file") from None
    click.echo(f"imported {_counts_line(counts)} from {file}")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", required=True, help="rep, manager or admin")
@click.option("--team", default=None, help="team name (created when new; a manager manages it)")
@click.option("--name", default=None, help="display name (default: the username)")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@reports_errors
def users_create(username, role, team, name, password_stdin):
    """Create a user (and their person); prompts for the password unless --password-stdin."""
    data = {"username": username, "password": _read_password(password_stdin), "role": role}
    if team is not None:
        data["team"] = team
    if name is not None:
        data["name"] = name
    user = services().users.create(SYSTEM, data)
    team_text = f", team {user['team']}" if user.get("team") else ""
    click.echo(f"created user {user['username']} ({user['role']}{team_text}) id {user['id']}")


def _read_password(from_stdin: bool) -> str:
    """The password from standard input (one trailing newline dropped) or a hidden prompt."""
    if from_stdin:
        password = sys.stdin.read()
        return password[:-2] if password.endswith("\r\n") else password.removesuffix("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_cli.command("set-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@reports_errors
def users_set_password(username, password_stdin):
    """Set a user's password; every session and API token of theirs ends."""
    user = services().users.by_username(username)
    services().users.set_password(SYSTEM, user["id"], _read_password(password_stdin))
    click.echo(f"password set for {user['username']}; their sessions and tokens have ended")


@users_cli.command("set-role")
@click.argument("username")
@click.option("--role", required=True, help="rep, manager or admin")
@click.option("--team", default=None, help="team name (created when new; a manager manages it)")
@reports_errors
def users_set_role(username, role, team):
    """Change a user's role (audited); every session and API token of theirs ends. A manager
    made anything else manages no team; the last admin keeps the admin role."""
    user = services().users.set_role(SYSTEM, services().users.by_username(username)["id"], role, team)
    team_text = f", team {user['team']}" if user.get("team") else ""
    click.echo(f"{user['username']} is now {user['role']}{team_text}; their sessions and tokens have ended")


@demo_cli.command("load")
@reports_errors
def demo_load():
    """Load the fictional demo data set (idempotent) and print its logins."""
    result = demo.load(services())
    services().search.backfill()  # the demo's records are written in bulk, without search fields
    if result["created"]:
        click.echo(f"demo data loaded: {result['people']} people, {result['organisations']} organisations, "
                   f"{result['relationships']} relationships")
    else:
        click.echo("demo data already loaded; nothing changed")
    click.echo("demo logins (fictional; change or remove them before real use):")
    click.echo(f"  {'username':<10} {'password':<14} {'role':<8} team")
    for login in result["logins"]:
        click.echo(f"  {login['username']:<10} {login['password']:<14} {login['role']:<8} {login['team'] or '-'}")


def init_app(app) -> None:
    for group in (graph_cli, users_cli, demo_cli):
        app.cli.add_command(group)
    from .alerts.cli import alerts_cli  # noqa: PLC0415 (its module imports this one)
    app.cli.add_command(alerts_cli)
