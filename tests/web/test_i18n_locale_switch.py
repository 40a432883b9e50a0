"""app/i18n.py keeps the page's catalogue between lookups: it must follow force_locale (alert
e-mails in each recipient's language, sent from inside a French request or from a cron job) in and
back out, in Python and in templates alike."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale, gettext as babel_gettext, lazy_gettext

from app.i18n import in_language, label
from graph.messages import N_

PAGE = "{{ _('Edit') }}|{{ 'company'|label }}|{{ _('since %(date)s', date='<b>') }}|{{ '2026-11-23'|date }}"
FRENCH = "Modifier|entreprise|depuis le &lt;b&gt;|23 nov. 2026"
ENGLISH = "Edit|company|since &lt;b&gt;|2026-11-23"


def test_a_french_request_switches_to_english_and_back(app):
    with app.test_request_context(headers={"Cookie": "carnet_lang=fr"}):
        assert render_template_string(PAGE) == FRENCH
        with force_locale("en"):
            assert render_template_string(PAGE) == ENGLISH
            assert label("strong") == babel_gettext("strong") == "strong"
        assert render_template_string(PAGE) == FRENCH
        assert in_language(N_("%(name)s knows", name="Al"), "en") == "Al knows"
        assert label("strong") == babel_gettext("strong") == "forte"
        assert render_template_string(PAGE) == FRENCH


def test_outside_a_request_each_recipient_in_turn(app):
    with app.app_context():
        assert [in_language("strong", lang) for lang in ("fr", "en", "fr", None, "de")] == [
            "forte", "strong", "forte", "strong", "strong"]
        with force_locale("fr"):
            assert render_template_string("{{ _('Edit') }}") == "Modifier"
        with force_locale("en"):
            assert render_template_string("{{ _('Edit') }}") == "Edit"


def test_lazy_form_labels_follow_the_locale_in_force(app):
    text = lazy_gettext("Context")  # as the forms' labels are
    with app.test_request_context(headers={"Cookie": "carnet_lang=fr"}):
        french = str(text)
        with force_locale("en"):
            assert str(text) == "Context"
        assert str(text) == french != "Context"
