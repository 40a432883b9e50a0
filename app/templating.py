"""Template globals and filters shared by every page."""

from flask_login import current_user

from graph import model
from graph.clock import iso_instant


def init_app(app) -> None:
    app.jinja_env.autoescape = True

    @app.context_processor
    def globals_():
        return {"model": model, "current_user": current_user}

    @app.template_filter("instant")
    def instant(ms):
        return (iso_instant(ms) or "").replace("T", " ").replace("Z", " UTC")
