"""The interface in French and English: locale choice, the FR | EN switch, localised
dates and numbers, and guards that keep the French catalogue complete."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.support import Translations

from app import i18n
from graph.visibility import SYSTEM
from tests.conftest import csrf_token, login
from tests.integration.test_plans_service import build_world
from tests.web.test_paths_pages import setup_graph

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PO = os.path.join(ROOT, "translations", "fr", "LC_MESSAGES", "messages.po")
FR = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}
EN = {"Accept-Language": "en-GB,en;q=0.8"}


def page(client, path, headers=None):
    response = client.get(path, headers=headers or {})
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def html_lang(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


# -- choosing the language -------------------------------------------------------------------------------
def test_browser_language_french_gives_french_pages(app, client, web_cast):
    services = app.extensions["carnet"]
    marie, target, thales = setup_graph(services, web_cast)
    world = build_world(services, web_cast)

    html = page(client, "/login", FR)
    assert html_lang(html) == "fr"
    assert "Connexion à Carnet" in html and "Identifiant" in html and "Mot de passe" in html
    assert "Sign in to Carnet" not in html and "Password" not in html

    login(client, "alice")
    html = page(client, "/", FR)
    assert "Votre carnet d’adresses" in html and "Personnes" in html and "Déconnexion" in html
    assert "Your address book" not in html and ">People<" not in html

    html = page(client, f"/people/{marie}", FR)
    assert "Coordonnées" in html and "Qui peut m’introduire ?" in html and "Ligne hiérarchique" in html
    assert "Vous connaissez Marie Dubois" in html and '<span class="badge">entreprise</span>' in html
    assert "Contact details" not in html and "Reporting line" not in html
    html = page(client, f"/people/{target}", FR)  # the "I know this person" form: model labels at render
    assert "Je connais cette personne" in html and "Entreprise — tout le monde la voit" in html
    assert "À quel point la connaissez-vous ?" in html and "rencontré une fois" in html

    html = page(client, f"/people/{target}/paths", FR)
    assert "Chemin le plus long" in html and "Demander une introduction à Carol" in html
    assert "Longest route" not in html

    html = page(client, f"/accounts/{world['group']['id']}/plan", FR)
    assert "Plan de compte" in html and "Score de couverture" in html and "Centre de décision (5)" in html
    assert "Fil unique : <strong>Chad Champ</strong>" in html
    assert "Coverage score" not in html and "Decision-making unit" not in html


def test_english_by_browser_and_by_default(app, client, web_cast):
    for headers in (EN, None, {"Accept-Language": "de-DE,de;q=0.9"}):
        html = page(client, "/login", headers)
        assert html_lang(html) == "en" and "Sign in to Carnet" in html and "Connexion" not in html


def test_the_switch_persists_and_overrides_the_browser(app, client, web_cast):
    login(client, "alice")
    response = client.post("/lang", data={"lang": "fr", "next": "/people?q=a", "csrf_token": csrf_token(client)},
                           headers=EN)
    assert response.status_code == 302 and response.headers["Location"] == "/people?q=a"
    html = page(client, "/people", EN)
    assert html_lang(html) == "fr" and "<h1>Personnes</h1>" in html
    assert 'value="fr" lang="fr" class="link" aria-current="true"' in html  # the switch shows the choice

    client.post("/lang", data={"lang": "en", "next": "/", "csrf_token": csrf_token(client)})
    html = page(client, "/people", FR)
    assert html_lang(html) == "en" and "<h1>People</h1>" in html


def test_the_choice_survives_signing_in_and_out(app, client, web_cast):
    client.post("/lang", data={"lang": "fr", "csrf_token": csrf_token(client, "/login")})
    login(client, "bob")
    assert "<h1>Votre carnet d’adresses</h1>" in page(client, "/", EN)
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    assert "Vous êtes déconnecté." in page(client, "/login", EN)


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example/x", "/\\evil.example",
                                    "javascript:alert(1)", "http:/evil.example", ""])
def test_the_switch_never_redirects_off_site(app, client, web_cast, target):
    response = client.post("/lang", data={"lang": "fr", "next": target, "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == "/" and not urlsplit(location).netloc


def test_the_switch_refuses_a_bad_language_and_a_missing_token(app, client, web_cast):
    response = client.post("/lang", data={"lang": "de", "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 400 and "carnet_lang" not in response.headers.get("Set-Cookie", "")
    response = client.post("/lang", data={"lang": "fr"})
    assert response.status_code == 400 and "carnet_lang" not in response.headers.get("Set-Cookie", "")


def test_sign_in_prompt_and_error_page_in_french(app, client, web_cast):
    response = client.get("/people", headers=FR)
    assert response.status_code == 302
    assert "Connectez-vous pour accéder à cette page." in page(client, "/login", FR)
    login(client, "alice")
    response = client.get("/people/nobody-at-all", headers=FR)
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and html_lang(html) == "fr" and "Introuvable" in html


# -- dates and numbers --------------------------------------------------------------------------------
def test_dates_render_french_style_in_french_and_iso_in_english(app, client, web_cast):
    services = app.extensions["carnet"]
    other = services.people.create(SYSTEM, {"name": "Nina Near"})["id"]
    services.relationships.create(web_cast.viewer("alice"), {
        "person_id": web_cast.person("alice"), "other_id": other, "strength": 4, "visibility": "team",
        "last_contact": "2026-11-23"})
    login(client, "alice")
    html = page(client, "/", FR)
    assert "23 nov. 2026" in html and "2026-11-23" not in html
    assert "bon contact" not in html and "forte" in html and "équipe" in html  # strength 4, visibility team
    html = page(client, "/", EN)
    assert "2026-11-23" in html and "nov." not in html


def test_instant_and_number_filters_follow_the_locale(app):
    env = app.jinja_env
    moment = 1_771_113_600_000  # 2026-02-15T00:00:00Z
    with app.test_request_context("/", headers=FR):
        assert env.filters["instant"](moment).startswith("15 févr. 2026")
        assert env.filters["date"]("2026-11-23") == "23 nov. 2026"
        assert env.filters["number"](0.68, "0.000") == "0,680"
        assert env.filters["date"]("2019") == "2019"  # a year alone stays as it is
    with app.test_request_context("/", headers=EN):
        assert env.filters["instant"](moment) == "2026-02-15 00:00:00 UTC"
        assert env.filters["number"](0.68, "0.000") == "0.680"


def test_template_gettext_escapes_its_parameters_and_translates_inside_set_blocks(app):
    """`_()` and `ngettext()` in templates: a parameter is escaped (the text itself is trusted),
    inside a block that sets variables as anywhere else, and left alone where autoescape is off."""
    from flask import render_template_string

    hostile = '<img src=x onerror="alert(1)">'
    source = ("{% set who = name %}{{ _('Who %(name)s knows', name=who) }}|{{ _('Edit') }}|"
              "{% for n in [2] %}{% set k = n %}{{ ngettext('%(num)d hop', '%(num)d hops', k) }}{% endfor %}|"
              "{% autoescape false %}{{ _('Who %(name)s knows', name=who) }}{% endautoescape %}")
    with app.test_request_context("/", headers=FR):
        french = render_template_string(source, name=hostile)
    with app.test_request_context("/", headers=EN):
        english = render_template_string(source, name=hostile)
    escaped = "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"
    assert english == f"Who {escaped} knows|Edit|2 hops|Who {hostile} knows"
    fr_who, fr_edit, fr_hops, fr_raw = french.split("|")
    assert escaped in fr_who and hostile not in fr_who and fr_who != f"Who {escaped} knows"
    assert fr_edit == "Modifier" and fr_hops == "2 étapes" and hostile in fr_raw


def test_paths_scores_use_the_french_decimal_comma(app, client, web_cast):
    services = app.extensions["carnet"]
    marie, target, _ = setup_graph(services, web_cast)
    login(client, "alice")
    expected = 1.0 * (3 / 5) * 0.85  # alice →5 Marie →locked (counts 3) Paul: DESIGN's score formula
    html = page(client, f"/people/{target}/paths", FR)
    assert f"Score {expected:.3f}".replace(".", ",") + " · 2 étapes" in html
    html = page(client, f"/people/{target}/paths", EN)
    assert f"Score {expected:.3f} · 2 hops" in html


# -- the catalogue -------------------------------------------------------------------------------------
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue():
    with open(PO, "rb") as f:
        return read_po(f, locale="fr")


def test_every_french_message_is_translated_and_keeps_its_placeholders():
    messages = [m for m in catalogue() if m.id]
    assert len(messages) > 300
    for m in messages:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), f"untranslated: {m.id!r}"
        assert not m.fuzzy, f"fuzzy: {m.id!r}"
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) == wanted, f"placeholders differ: {m.id!r} -> {s!r}"


def test_every_string_marked_in_the_code_is_in_the_french_catalogue():
    """What pybabel would extract today (babel.cfg) must already be in messages.po."""
    with open(os.path.join(ROOT, "babel.cfg")) as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = dict(DEFAULT_KEYWORDS, _l=None, lazy_gettext=None)
    extracted = {(context, message if isinstance(message, str) else message[0])
                 for _, _, message, _, context in extract_from_dir(ROOT, method_map, options_map, keywords=keywords)}
    known = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue() if m.id}
    missing = sorted(extracted - known, key=str)
    assert not missing, f"run the pybabel extract/update of README 'Languages', then translate: {missing}"
    assert ("link", "Open") in extracted and (None, "Exclusive — others see that I know them, not how well") in extracted


def test_catalogues_are_compiled_when_missing_or_stale(tmp_path):
    source, target = tmp_path / "src", tmp_path / "out"
    (source / "fr" / "LC_MESSAGES").mkdir(parents=True)
    po = source / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "Home"\nmsgstr "Accueil"\n',
                  encoding="utf-8")
    i18n.compile_catalogues(str(source), str(target))
    load = lambda: Translations.load(str(target), ["fr"]).gettext("Home")  # noqa: E731
    assert load() == "Accueil"
    po.write_text(po.read_text(encoding="utf-8").replace("Accueil", "Maison"), encoding="utf-8")
    mo = target / "fr" / "LC_MESSAGES" / "messages.mo"
    os.utime(mo, (4_000_000_000, 4_000_000_000))  # even a .mo newer than the edited .po is stale
    i18n.compile_catalogues(str(source), str(target))
    assert load() == "Maison"
    os.utime(po, (1_000_000, 1_000_000))  # an older .po (a copy keeping its date) is a change too
    po.write_text(po.read_text(encoding="utf-8").replace("Maison", "Accueil"), encoding="utf-8")
    os.utime(po, (1_000_000, 1_000_000))
    i18n.compile_catalogues(str(source), str(target))
    assert load() == "Accueil"


def test_the_app_serves_the_committed_catalogue(app):
    with app.test_request_context("/", headers=FR):
        from flask_babel import gettext
        assert gettext("Coverage score") == "Score de couverture"


# -- no English left outside _() in the covered templates -------------------------------------------------
COVERED = ("base.html", "_form.html", "error.html", "unavailable.html", "auth", "main", "people", "organisations",
           "paths", "plans", "pictures", "admin", "audit", "alerts",
           "events", "policy", "intros", "credit", "preview", "search", "imports", "duplicates")
ALLOWED_WORDS = {"Carnet", "JSON", "LinkedIn"}  # the product's name, a format's name, a service's name
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]+")
SHOWN_ATTRS = re.compile(r'\b(?:title|placeholder|aria-label|alt)="([^"]*)"')
LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
CALL_OPEN = re.compile(r"\b(?:_|gettext|ngettext|pgettext)\(\s*$")
PHRASE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}|^[A-Z][a-z]+\s")  # words, or a capitalised word and a space


def phrases(code: str) -> list[str]:
    """String literals holding words (a phrase) that are no argument of a gettext call nor a dict key."""
    found, translated, last = [], False, 0
    for m in LITERAL.finditer(code):
        translated = bool(CALL_OPEN.search(code[:m.start()])) or (translated and code[last:m.start()].strip() == ",")
        last, value = m.end(), m.group()[1:-1]
        if not translated and PHRASE.search(value) and not code[m.end():].lstrip().startswith(":"):
            found.append(value)
    return found


def covered_templates():
    base = os.path.join(ROOT, "templates")
    for entry in COVERED:
        path = os.path.join(base, entry)
        if os.path.isdir(path):
            yield from sorted(os.path.join(path, name) for name in os.listdir(path) if name.endswith(".html"))
        else:
            yield path


def untranslated(source: str) -> list[str]:
    """English a person would see: words in text nodes and shown attributes, and phrases in
    string literals of expressions, outside {% trans %} blocks and _() calls."""
    text = re.sub(r"{#.*?#}", " ", source, flags=re.S)
    text = re.sub(r"{%-?\s*trans\b.*?{%-?\s*endtrans\s*-?%}", " ", text, flags=re.S)
    found = []
    for expr in re.findall(r"{{(.*?)}}|{%(.*?)%}", text, flags=re.S):
        found += phrases("".join(expr))
    text = re.sub(r"{{.*?}}|{%.*?%}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    shown = " ".join(SHOWN_ATTRS.findall(text)) + " " + re.sub(r"<[^>]*>", " ", text)
    found += [w for w in WORD.findall(shown) if w not in ALLOWED_WORDS]
    return found


def test_the_heuristic_finds_english_outside_translation():
    assert untranslated("<p>Hello {{ name }}</p>") == ["Hello"]
    assert untranslated('<a title="Open it">{{ _(\'Go\') }}</a>') == ["Open", "it"]
    assert untranslated("{{ 'Edit ' ~ name if x else _('Add one') }}") == ["Edit "]
    assert untranslated("{{ field(f, hint='Pick one from the list') }}") == ["Pick one from the list"]
    assert untranslated("{{ ngettext('%(num)d hop', '%(num)d hops', n) }}{{ pgettext('link', 'Open it') }}") == []
    assert untranslated("{% trans n=1 %}One {{ n }}{% endtrans %} {{ x|label }} {{ {'a b': _('a b')}[k] }}") == []
    assert untranslated("{% block title %}Carnet{% endblock %} · {{ url_for('people.show', id=1) }}") == []


@pytest.mark.parametrize("path", list(covered_templates()), ids=lambda p: os.path.relpath(p, ROOT))
def test_covered_templates_show_no_untranslated_english(path):
    with open(path, encoding="utf-8") as f:
        assert untranslated(f.read()) == []
