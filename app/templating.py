"""Template globals and filters shared by every page."""

from flask_login import current_user

from graph import model


def init_app(app) -> None:
    app.jinja_env.autoescape = True

    @app.context_processor
    def globals_():
        return {"model": model, "current_user": current_user}
    # `instant`, `date`, `number` and `label` (localised) come from app/i18n.py.
