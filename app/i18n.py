"""The interface in English and French (Flask-Babel).

The locale is the reader's explicit choice (the FR | EN switch, kept in a cookie so it survives
signing in and out), else the browser's Accept-Language, else English. Catalogues live in
translations/<lang>/LC_MESSAGES/messages.po; the .mo files Flask-Babel reads are compiled from
them at start into the instance folder whenever missing or not made from the current .po, so an
edited .po is never served stale and there is no manual compile step."""

from __future__ import annotations

import datetime as _dt
import importlib
import os
import tempfile
import weakref

from babel.messages.extract import extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel import numbers as _numbers
from flask import Blueprint, abort, current_app, g, redirect, request
from flask.globals import _cv_app as _app_context  # Flask pinned in requirements.txt: `g` is its .g
from flask_babel import Babel, Domain, force_locale, format_date, format_datetime, format_decimal, get_domain
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

from graph.messages import Message

from .extensions import services

LANGUAGES = ("en", "fr")
DEFAULT = "en"
COOKIE = "carnet_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
SOURCE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "translations")

# English keeps ISO dates (unambiguous for readers on both sides of the Atlantic); other
# languages get their own medium style ("23 nov. 2026").
DATE_FORMATS = {"en": "yyyy-MM-dd"}
INSTANT_FORMATS = {"en": "yyyy-MM-dd HH:mm:ss 'UTC'"}

# Domain code words the pages show as they are (badges, the role list): translated by `label`.
SHOWN_CODES = ("ROLES", "ORG_KINDS", "VISIBILITIES")

bp = Blueprint("i18n", __name__)


def language_memo() -> dict:
    """A dict kept with the catalogue in force: for HTML that depends on the language only."""
    return _reader().html


def current_lang() -> str:
    """The language in force: the request's, or the one force_locale sets for an alert e-mail
    sent from cron; English outside both."""
    return _reader().lang


# -- the translations in force, found cheaply ------------------------------------------------------------
class _Reader:
    """One locale's lookups and the texts already made from its catalogue.

    Flask-Babel finds the catalogue anew on every gettext (a walk through werkzeug locals), some
    160 times per person page; a page finds it once, then reads plain attributes."""

    __slots__ = ("translations", "locale", "domain", "lang", "gettext", "safe", "dates", "html")

    def __init__(self, translations, locale, domain, memo):
        self.translations = translations
        self.locale = locale
        self.domain = domain
        self.lang = str(locale) if locale is not None else DEFAULT
        self.gettext = translations.ugettext
        # msgid -> escaped argument-less `_()`; (style, ISO) -> date; key -> HTML (language_memo)
        self.safe, self.dates, self.html = memo


_MEMOS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # catalogue -> its texts made


def _reader() -> _Reader:
    """The reader of the locale in force, kept on Flask-Babel's own per-context state and keyed by
    the very Locale (and Domain) objects Flask-Babel holds there: force_locale (alert e-mails in
    each recipient's language) and refresh() replace or drop them, so the next lookup follows."""
    ctx = _app_context.get(None)  # what `g` resolves through, without the proxy's per-call walk
    if ctx is not None:
        ns = getattr(ctx.g, "_flask_babel", None)
        held = getattr(ns, "carnet_reader", None)
        if held is not None and held.locale is getattr(ns, "babel_locale", None) \
                and held.domain is getattr(ns, "babel_domain", None):
            return held
    domain = get_domain()
    translations = Domain.get_translations(domain)  # Flask-Babel decides (and sets ns.babel_locale)
    try:
        ns = g._flask_babel
        locale = ns.babel_locale
    except (AttributeError, RuntimeError):  # outside any app: Flask-Babel's untranslated default
        return _Reader(translations, None, domain, ({}, {}, {}))
    memo = _MEMOS.get(translations)
    if memo is None:  # Flask-Babel keeps one catalogue per locale: the texts made are that locale's
        memo = _MEMOS[translations] = ({}, {}, {})
    ns.carnet_reader = _Reader(translations, locale, domain, memo)
    return ns.carnet_reader


class _Domain(Domain):
    """Flask-Babel's message domain answering from the reader: routes, forms and their lazy texts
    translate as cheaply as the templates do, with the same results."""

    def get_translations(self):
        return _reader().translations

    def gettext(self, string, **variables):
        text = _reader().gettext(string)
        return text % variables if variables else text


def gettext(msgid: str, **params) -> str:
    """Flask-Babel's gettext, without its per-call lookups."""
    text = _reader().gettext(msgid)
    return text % params if params else text


# Jinja's newstyle gettext (ext.i18n), same semantics (autoescape, %(name)s params), minus the
# context.call indirection; argument-less texts are made once per catalogue. They take the
# evaluation context, not the template context: Jinja copies the whole template context for a
# context function called where a block or loop has set variables (every `_()` of a page whose
# content block starts with a `{% set %}`), and only `autoescape` is needed.
@pass_eval_context
def _template_gettext(__eval_ctx, __string, **variables):
    reader = _reader()
    if not __eval_ctx.autoescape:
        return reader.gettext(__string) % variables
    if variables:
        return Markup(reader.gettext(__string)) % variables
    try:
        return reader.safe[__string]
    except KeyError:
        text = reader.safe[__string] = Markup(reader.gettext(__string)) % variables
        return text


@pass_eval_context
def _template_ngettext(__eval_ctx, __singular, __plural, __num, **variables):
    variables.setdefault("num", __num)
    text = _reader().translations.ungettext(__singular, __plural, __num)
    return (Markup(text) if __eval_ctx.autoescape else text) % variables


def _install_template_gettext(env) -> None:
    """Replace Flask-Babel's Jinja callables (which look the catalogue up per call) with ours."""
    env.install_gettext_callables(
        gettext=lambda s: _reader().gettext(s),
        ngettext=lambda s, p, n: _reader().translations.ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _reader().translations.upgettext(c, s),
        npgettext=lambda c, s, p, n: _reader().translations.unpgettext(c, s, p, n),
    )
    env.globals.update(_=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext)


def select_locale() -> str:
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT)


@bp.post("/lang")
def set_language():
    """The FR | EN switch: remember the choice, then back to the page it was made on (same site only)."""
    from .auth.routes import _safe_next  # one open-redirect guard for the whole app

    lang = request.form.get("lang")
    if lang not in LANGUAGES:
        abort(400)
    if current_user.is_authenticated:  # e-mails follow the choice too
        services().users.set_language(current_user.record["id"], lang)
    response = redirect(_safe_next(request.form.get("next")))
    response.set_cookie(COOKIE, lang, max_age=COOKIE_MAX_AGE, httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response


# -- compiling the catalogues ------------------------------------------------------------------------
def compile_catalogues(source: str, target: str) -> None:
    """Write target/<lang>/LC_MESSAGES/messages.mo for each .po under source that changed.

    The .mo takes its .po's modification time, so any other time (an edit, a checkout, an older
    copy) means stale. Written to a temporary file and renamed: workers starting together never
    read half a file."""
    for lang in os.listdir(source):
        po = os.path.join(source, lang, "LC_MESSAGES", "messages.po")
        if not os.path.isfile(po):
            continue
        out_dir = os.path.join(target, lang, "LC_MESSAGES")
        mo = os.path.join(out_dir, "messages.mo")
        stamp = os.stat(po).st_mtime_ns
        if os.path.isfile(mo) and os.stat(mo).st_mtime_ns == stamp:
            continue
        os.makedirs(out_dir, exist_ok=True)
        with open(po, "rb") as f:
            catalog = read_po(f, locale=lang)
        fd, tmp = tempfile.mkstemp(dir=out_dir, suffix=".mo")
        with os.fdopen(fd, "wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        os.utime(tmp, ns=(stamp, stamp))
        os.replace(tmp, mo)


def _compiled_dir(app) -> str:
    """The instance folder's translations, or a private temporary one when that is read-only."""
    for base in (app.instance_path, os.path.join(tempfile.gettempdir(), f"carnet-{os.getuid()}")):
        target = os.path.join(base, "translations")
        try:
            compile_catalogues(SOURCE, target)
        except OSError:
            continue
        return target
    raise RuntimeError("no writable place to compile the translations")


# -- template filters ----------------------------------------------------------------------------------
def label(value):
    """An English choice label, code word or sentence of graph/ (model.py, alerts.py, a Message of
    graph/messages.py), in the reader's language.

    graph/ knows no Flask, so its labels stay English there and are translated here, at render.
    A Message's params are translated too when they are Messages; `*_date` params (ISO dates)
    take the reader's date style."""
    if isinstance(value, Message):
        params = {k: label(v) if isinstance(v, Message) else date(v) if k.endswith("_date") else v
                  for k, v in value.params.items()}
        return gettext(value.msgid, **params) if params else gettext(value.msgid)
    return _reader().gettext(value) if isinstance(value, str) and value else value


def in_language(value, lang: str | None) -> str:
    """`value` (a label or Message) in `lang`, outside any page: alert e-mails, sent from a cron
    job, speak each recipient's last chosen language (graph AlertService.translate)."""
    with force_locale(lang if lang in LANGUAGES else DEFAULT):
        return str(label(value))


def labels_of(mapping: dict) -> dict:
    """A whole label map translated at once (long tables look labels up per row)."""
    return {key: label(value) for key, value in mapping.items()}


def _parse_iso(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value
    text = str(value).strip()
    try:
        if "T" in text:
            moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return moment if moment.tzinfo else moment.replace(tzinfo=_dt.timezone.utc)
        if len(text) == 10:
            return _dt.date.fromisoformat(text)
    except ValueError:
        return None
    return None


def date(value):
    """An ISO date (2026-11-23) in the reader's style; anything else (a year, blank) unchanged."""
    if not value:
        return value
    reader = _reader()
    key = (reader.lang, value)  # the style follows the language in force (current_lang)
    try:
        return reader.dates[key]
    except (KeyError, TypeError):  # new, or a value that is no dict key (a date object is)
        pass
    parsed = _parse_iso(value)
    if parsed is None:
        return value
    if isinstance(parsed, _dt.datetime):
        return instant(int(parsed.timestamp() * 1000))  # instants are seldom repeated: not kept
    text = format_date(parsed, DATE_FORMATS.get(key[0], "medium"))
    if isinstance(value, str):
        reader.dates[key] = text
    return text


def instant(ms):
    """A UTC epoch-millisecond instant, in the reader's style."""
    if ms is None or ms == "":
        return ""
    moment = _dt.datetime.fromtimestamp(int(ms) / 1000, _dt.timezone.utc)
    lang = current_lang()
    if lang in INSTANT_FORMATS:
        return format_datetime(moment, INSTANT_FORMATS[lang])
    return format_datetime(moment, "medium") + " UTC"


def number(value, fmt: str | None = None):
    """A score or a percentage with the reader's decimal sign ("0,680" in French)."""
    if value is None or value == "":
        return value
    locale = _reader().locale
    return format_decimal(value, fmt) if locale is None else _numbers.format_decimal(value, format=fmt, locale=locale)


# -- extraction (pybabel, see babel.cfg) -------------------------------------------------------------
ROOT = os.path.dirname(SOURCE)


def domain_labels(module) -> list[str]:
    """The English labels a graph module shows: every *_LABELS value and the SHOWN_CODES words."""
    seen = []
    for name in sorted(dir(module)):
        value = getattr(module, name)
        if name.endswith("_LABELS") and isinstance(value, dict):
            seen.extend(v for v in value.values() if isinstance(v, str))
        elif name in SHOWN_CODES:
            seen.extend(value)
    return list(dict.fromkeys(seen))


def extract_labels(fileobj, keywords, comment_tags, options):
    """pybabel extractor for graph modules (graph/ knows no Flask, so it cannot mark its labels):
    their *_LABELS, and the sentences marked N_() (graph/messages.py)."""
    path = os.path.relpath(os.path.abspath(fileobj.name), ROOT)
    module = importlib.import_module(os.path.splitext(path)[0].replace(os.sep, "."))
    for text in domain_labels(module):
        yield 0, "gettext", text, []
    yield from extract_python(fileobj, {"N_": None}, comment_tags, options)


def init_app(app) -> None:
    if "BABEL_TRANSLATION_DIRECTORIES" not in app.config:
        app.config["BABEL_TRANSLATION_DIRECTORIES"] = _compiled_dir(app)
    babel = Babel(app, locale_selector=select_locale)
    babel.domain_instance = _Domain(domain=app.extensions["babel"].default_domain)
    _install_template_gettext(app.jinja_env)
    app.jinja_env.policies["ext.i18n.trimmed"] = True  # {% trans %} msgids without layout whitespace
    app.jinja_env.globals.update(current_lang=current_lang, languages=LANGUAGES, labels_of=labels_of)
    app.jinja_env.filters.update(label=label, date=date, instant=instant, number=number)
    app.register_blueprint(bp)
