"""Carnet web layer. `flask --app app run` finds create_app here."""

from __future__ import annotations

import gc
import os

from flask import Flask

from graph.adapters.factory import make_store
from graph.services import Services

from .config import load_config

TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates")

# A request makes tens of thousands of short-lived objects (rows, dicts, template output) that
# reference counting frees; at Python's default thresholds the cycle collector runs every 700
# allocations and keeps rescanning the long-lived path context. Fewer, larger generations cut
# that rescanning; `flask --app app bench load` shows the app CPU per request.
GC_THRESHOLDS = (20_000, 20, 20)


def create_app(config: dict | None = None, *, store=None, clock=None) -> Flask:
    """Build the app: configuration, the graph services, then each part's init_app in turn.

    `store` lets tests hand in a store on a fresh graph; otherwise the configured one is built
    lazily (the embedded server starts on first use, not at import)."""
    gc.set_threshold(*GC_THRESHOLDS)
    app = Flask(__name__, template_folder=TEMPLATES, instance_relative_config=True)
    app.config.update(load_config(app.instance_path, config))
    if app.config["CARNET_PROXIES"]:  # the client address comes from the proxies' headers
        from werkzeug.middleware.proxy_fix import ProxyFix
        hops = int(app.config["CARNET_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    app.extensions["carnet"] = Services(store or make_store(app.config), clock,
                                        password_method=app.config.get("CARNET_PASSWORD_METHOD"))
    # One look at the change journal per request serves every per-process cache (graph/store.py).
    app.before_request(app.extensions["carnet"].store.begin_request)
    app.teardown_request(app.extensions["carnet"].store.end_request)

    from . import auth, bench_cli, cli, errors, inputs, security, templating
    from .auth import session as auth_session
    from .extensions import csrf

    csrf.init_app(app)
    auth_session.init_app(app)
    errors.init_app(app)
    inputs.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    from . import i18n  # French and English: after templating, whose filters it localises
    i18n.init_app(app)
    cli.init_app(app)
    bench_cli.init_app(app)

    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .main import bp as main_bp
    from .organisations import bp as organisations_bp
    from .paths import bp as paths_bp
    from .people import bp as people_bp
    from .pictures import bp as pictures_bp
    from .plans import bp as plans_bp
    from .audit import bp as audit_bp
    from .events import bp as events_bp
    from .policy import bp as policy_bp
    from .intros import bp as intros_bp
    from .credit import bp as credit_bp
    from .preview import bp as preview_bp
    from .alerts import bp as alerts_bp
    from .search import bp as search_bp
    from .api import search as _api_search  # noqa: F401 - registers /api/search on the API blueprint

    csrf.exempt(api_bp)
    for blueprint in (auth.bp, main_bp, people_bp, organisations_bp, admin_bp, pictures_bp, paths_bp, api_bp,
                      policy_bp, events_bp, audit_bp, plans_bp, intros_bp, credit_bp, preview_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(alerts_bp)
    app.register_blueprint(search_bp)
    from .imports import bp as imports_bp, cli as imports_cli  # import with dry run, duplicates
    app.register_blueprint(imports_bp)
    from .signals import bp as signals_bp  # the user's own relationship signals
    app.register_blueprint(signals_bp)
    app.extensions["carnet"].signals.company_domains = frozenset(
        d.strip().lower().lstrip("@") for d in app.config.get("CARNET_COMPANY_DOMAINS", "").split(",") if d.strip())
    imports_cli.init_app(app)
    from . import connections  # a rep's own calendars, mailboxes, address books
    connections.init_app(app)
    from graph.adapters.mailer import make_mailer
    app.extensions["carnet"].alerts.mailer = make_mailer(app.config)
    app.extensions["carnet"].alerts.translate = i18n.in_language
    return app
