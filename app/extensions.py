"""Flask extensions, created unbound and initialised in create_app."""

from flask_login import LoginManager
from flask_wtf import CSRFProtect

login_manager = LoginManager()
csrf = CSRFProtect()


def services():
    """The graph services of the current app (one place for routes to reach the domain)."""
    from flask import current_app

    return current_app.extensions["carnet"]
