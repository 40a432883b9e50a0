"""One mapping from domain errors to HTTP: JSON under /api, a page elsewhere."""

from __future__ import annotations

import logging

from flask import current_app, jsonify, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from redis.exceptions import ConnectionError as RedisConnectionError

from graph.errors import CarnetError, StoreUnavailable

log = logging.getLogger(__name__)


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/api"


def error_response(status: int, message: str, field: str | None = None):
    if wants_json():
        body = {"error": message}
        if field:
            body["field"] = field
        return jsonify(body), status
    if status == 503:
        # A page that needs nothing from the store (the normal layout looks up the user).
        # Rendered straight from the Jinja environment: the usual context processors would
        # look up the signed-in user in the very store that is down.
        page = current_app.jinja_env.get_template("unavailable.html").render(message=message, url_for=url_for)
        return page, status
    return render_template("error.html", status=status, message=message, field=field), status


def init_app(app) -> None:
    @app.errorhandler(CarnetError)
    def carnet_error(exc: CarnetError):
        return error_response(exc.status, exc.message, exc.field)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return error_response(400, "the form expired or was not sent from Carnet; reload the page and try again")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {404: "not found", 405: "method not allowed", 413: "the request is too large",
                    400: "bad request"}
        return error_response(exc.code or 500, messages.get(exc.code, exc.description or exc.name))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, (ConnectionError, OSError, RedisConnectionError)):
            return error_response(503, StoreUnavailable().message)
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_response(500, "something went wrong on our side; it has been logged")
