"""Every value a request carries is checked for refused characters before any route runs.

Path ids, query and form keys and values go through graph/validation.py `characters` here (JSON
bodies where they are decoded, app/api/jsonio.py), so a NUL, a lone surrogate, a control or a
bidi override character is a 400 naming the field (JSON under /api, a page elsewhere) and never
reaches a service or the store. The rule itself lives in graph/validation.py."""

from __future__ import annotations

from flask import request

from graph import validation as v


def check_request() -> None:
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str):
            v.characters(name, value, multiline=False)
    _pairs(request.args)
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.mimetype in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        _pairs(request.form)
        for name, upload in request.files.items(multi=True):
            v.characters(name, name, multiline=False)
            if upload.filename:
                v.characters(name, upload.filename, multiline=False)


def _pairs(values) -> None:
    for name, value in values.items(multi=True):
        v.characters(name, name, multiline=False)
        v.characters(name, value)


def init_app(app) -> None:
    """Run first, before sign-in and CSRF checks: the check reads nothing from the store."""
    app.before_request_funcs.setdefault(None, []).insert(0, check_request)
