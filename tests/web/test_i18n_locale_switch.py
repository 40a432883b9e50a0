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


def test_a_blank_form_is_kept_per_language_and_a_submitted_one_is_rendered(app):
    """app/templating.blank_form: the kept HTML is the macro's own, in each language in turn, and
    a submitted form shows its own values and errors (never a kept blank)."""
    from flask import get_template_attribute

    from app.people.forms import KnowForm
    from app.templating import blank_form

    def fields(form):
        return str(get_template_attribute("people/_know_fields.html", "know_fields")(form))
    seen = {}
    for lang in ("fr", "en", "fr", "en"):
        with app.test_request_context(headers={"Cookie": f"carnet_lang={lang}"}):
            form = KnowForm(meta={"csrf": False})
            kept = str(blank_form("people/_know_fields.html", "know_fields", form))
            assert kept == fields(form)
            seen.setdefault(lang, kept)
            assert kept == seen[lang]
    assert ("Contexte" in seen["fr"]) and ("Context" in seen["en"]) and seen["fr"] != seen["en"]
    with app.test_request_context(method="POST", data={"strength": "9", "visibility": "team"}):
        form = KnowForm(meta={"csrf": False})
        assert not form.validate()
        shown = str(blank_form("people/_know_fields.html", "know_fields", form))
        assert shown == fields(form) != seen["en"]
        assert '<option selected value="team">' in shown and '<option selected value="team">' not in seen["en"]
        assert "has-error" in shown


def test_kept_navigation_follows_role_and_language(app, client, web_cast):
    """base.html keeps its navigation links per language and role (app/templating.kept_macro): a
    rep after a manager sees no manager links, and each page shows the language it asked for."""
    from tests.conftest import login

    def nav(username, lang):
        client.set_cookie("carnet_lang", lang)
        login(client, username)
        page = client.get("/").get_data(as_text=True)
        client.post("/logout", data={"csrf_token": csrf(page)})
        return page[page.index("<nav"):page.index("</nav>")]

    def csrf(page):
        import re
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    seen = [(user, lang, nav(user, lang)) for user, lang in
            (("mona", "en"), ("alice", "en"), ("mona", "fr"), ("alice", "fr"), ("ada", "en"), ("alice", "en"))]
    for user, lang, links in seen:
        lead = user in ("mona", "ada")
        assert ('href="/audit"' in links) == lead and ('href="/credit"' in links) == lead
        assert ('href="/admin/users"' in links) == (user == "ada")
        assert (">Personnes<" in links) == (lang == "fr") and (">People<" in links) == (lang == "en")
    assert seen[1][2] == seen[5][2]
