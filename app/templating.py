"""Template globals and filters shared by every page."""

import re

from flask import get_template_attribute, request, url_for
from markupsafe import Markup

from app import i18n

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


def _kept(key: tuple, render):
    """The HTML `render()` makes, kept per language under `key` (with the script root: the
    links in it depend on where Carnet is mounted)."""
    memo = i18n.language_memo()
    key = (request.script_root, *key)
    html = memo.get(key)
    if html is None:
        html = memo[key] = Markup(render())
    return html


def kept_macro(template: str, macro: str, *args):
    """`macro(*args)` of `template`, rendered once per language and args: for HTML that depends
    on nothing else (the navigation links, some 15 url_for and gettext calls on every page)."""
    return _kept((template, macro, *args), lambda: get_template_attribute(template, macro)(*args))


def strength(rel) -> Markup:
    """A relationship's strength, or a lock with the owner's name when the viewer may not see it
    (people/_macros.html; kept per owner or strength and language). A function rather than a
    macro: it is called on every row of the person page's tables."""
    if rel["locked"]:
        return kept_macro("people/_macros.html", "locked_strength", rel["owner_name"])
    return kept_macro("people/_macros.html", "known_strength", rel["strength"])


def blank_form(template: str, macro: str, form):
    """`macro` of `template` over `form`, rendered once per language while nobody has filled
    the form in (a GET): its fields are then the same on every page. WTForms builds each field
    through several calls per attribute — on the person page, the "I know this person" form
    was a twentieth of a worker's CPU under load. A submitted form (values, errors) is rendered."""
    render = get_template_attribute(template, macro)
    if form.is_submitted() or form.errors:
        return render(form)
    return _kept((template, macro, type(form), form._prefix), lambda: render(form))


def init_app(app) -> None:
    app.jinja_env.autoescape = True
    # `model` is a global (not a context variable) so macros imported without context read it too.
    app.jinja_env.globals.update(url_maker=url_maker, blank_form=blank_form, kept_macro=kept_macro, strength=strength,
                                 model=model)
    # `current_user` is Flask-Login's own context variable: the user object itself, not the proxy
    # (which walks the request context again at every use: a dozen times per page).
    # `instant`, `date`, `number` and `label` (localised) come from app/i18n.py.
