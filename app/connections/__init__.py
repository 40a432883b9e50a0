"""A rep's connections: the /connections page (list, add, delete, sync now) and
`flask --app app signals sync`. init_app hands the connection service its credentials key,
allow-list and the signals pipeline."""

from flask import Blueprint

from graph.signals.connect.policy import parse_allow
from graph.signals.connect.secrets import SecretBox

bp = Blueprint("connections", __name__)


def init_app(app) -> None:
    service = app.extensions["carnet"].connections
    service.box = SecretBox(app.config["CARNET_CREDENTIALS_KEY"])
    service.allow = parse_allow(app.config.get("CARNET_CONNECT_ALLOW"))
    service.ca_file = app.config.get("CARNET_CONNECT_CA_FILE")
    service.sink = getattr(app.extensions["carnet"], "signals", None)
    app.register_blueprint(bp)
    app.cli.add_command(cli.signals_cli)


from . import cli, routes  # noqa: E402,F401
