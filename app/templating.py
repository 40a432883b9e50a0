"""Template globals and filters shared by every page."""

import re

from flask import url_for
from flask_login import current_user

from graph import model

# What URL quoting leaves as it is (letters, digits, "_.-~"): such a value goes in a URL unchanged.
_VERBATIM = re.compile(r"[A-Za-z0-9_.~-]+\Z")
_SLOT = "carnet0url0slot"


def url_maker(endpoint: str, arg: str, **fixed):
    """A function value -> url_for(endpoint, **fixed, arg=value), for a table's links: the URL is
    built once with a placeholder, then each row's id is put in its place (a row's url_for costs
    as much as the rest of the row). Values URL quoting would change go through url_for."""
    head, slot, tail = url_for(endpoint, **fixed, **{arg: _SLOT}).partition(_SLOT)

    def build(value):
        if slot and type(value) is str and _VERBATIM.match(value):
            return head + value + tail
        return url_for(endpoint, **fixed, **{arg: value})
    return build


def init_app(app) -> None:
    app.jinja_env.autoescape = True
    # `model` is a global (not a context variable) so macros imported without context read it too.
    app.jinja_env.globals.update(url_maker=url_maker, model=model)

    @app.context_processor
    def globals_():
        return {"current_user": current_user}
    # `instant`, `date`, `number` and `label` (localised) come from app/i18n.py.
