"""Sentences built outside the templates, in French: alert texts and import-preview
reasons made in graph/ (graph/messages.py Messages, translated by the `label` filter) and the
picture tooltips made in app/pictures/render.py. The JSON API keeps the English texts."""

from __future__ import annotations

import datetime as dt
import html
import io
import os

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from graph import alerts as rules
from graph.messages import N_, Message, dump, load
from graph.visibility import SYSTEM
from tests.conftest import api_token, bearer, csrf_token, login
from tests.integration.test_plans_service import build_world
from tests.web.test_i18n import PO, ROOT, catalogue
from tests.web.test_pictures import locked_route, world  # noqa: F401 (a fixture: Tess at Acme France, alice's and carol's links)

FR = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}
EN = {"Accept-Language": "en-GB,en;q=0.8"}


def raw(client, path, headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def titles(client, path, headers) -> str:
    """Every tooltip of a picture's JSON, one per line."""
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    data = response.get_json()
    return "\n".join(item.get("title") or "" for item in data["nodes"] + data["edges"])


# -- the Message itself ---------------------------------------------------------------------------------
def test_a_message_is_its_english_text_and_survives_storage():
    said = N_("%(a)s and %(b)s", a=N_("log a contact"), b="<b>x</b>")
    assert said == "log a contact and <b>x</b>" and isinstance(said, str)
    back = load(str(said), dump(said))
    assert isinstance(back, Message) and back == said and back.msgid == "%(a)s and %(b)s"
    assert isinstance(back.params["a"], Message) and back.params["a"].msgid == "log a contact"
    assert load("plain", None) == "plain" and not isinstance(load("plain", None), Message)
    assert load("kept", "{not json") == "kept" and dump("plain") is None


# -- alerts ---------------------------------------------------------------------------------------------
def test_alert_texts_in_french_escaped_and_english_over_the_api(app, client, web_cast):
    alice = web_cast.id("alice")
    leaving = rules.leaving([{"person_id": "p1", "organisation_id": "o1", "name": "Marie <b>Curie</b>", "title": None,
                              "end": "2026-03-15", "organisation_name": "Initech", "owners": [alice], "team": []}],
                            {("p1", "o1"): [{"name": "Paul"}, {"name": "Jeanne"}]})
    stale = rules.stale([{"id": "r1", "owner": alice, "strength": 3, "last_contact": None, "contact_id": "c1",
                          "contact_name": "Olga"}], "2026-01-01")
    app.extensions["carnet"].alerts.deliver(leaving + stale)
    english = ("Marie <b>Curie</b> (staff) leaves Initech on 2026-03-15: get introduced to Paul or Jeanne.",
               "No contact logged with Olga ever (more than 180 days; rated 3): log a contact or lower the rating.")
    french = ("Marie <b>Curie</b> (collaborateur) quitte Initech le 15 mars 2026 : faites-vous introduire auprès de "
              "Paul ou Jeanne.",
              "Aucun contact jamais noté avec Olga (plus de 180 jours ; force 3) : notez un contact ou baissez la force.")
    login(client, "alice")
    page = raw(client, "/alerts", FR)
    assert "<b>Curie" not in page and "&lt;b&gt;Curie" in page  # names stay escaped text
    page = html.unescape(page)
    for text in french:
        assert text in page, text
    assert "leaves Initech" not in page and "No contact logged" not in page and "get introduced" not in page
    page = html.unescape(raw(client, "/alerts", EN))
    for text in english:
        assert text in page, text
    assert "quitte" not in page
    answer = client.get("/api/alerts", headers={**bearer(api_token(client, "alice")), **FR}).get_json()
    assert sorted(a["text"] for a in answer["alerts"]) == sorted(english)
    assert all("message" not in a for a in answer["alerts"])


# -- import previews ------------------------------------------------------------------------------------
CSV = (b"name,email,organisation,foo\n"
       b"Ann Lee,ann@x.example,Initech,1\n"
       b"Ann Lee,ann@x.example,Initech,2\n"
       b"Bob Two,bob2@x.example,Initech,3,extra\n"
       b"Eve Known,eve@x.example,,\n")


def test_import_preview_reasons_in_french(app, client, web_cast):
    app.extensions["carnet"].people.create(web_cast.viewer("alice"), {"name": "Eve Known", "email": "eve@x.example"})
    login(client, "alice")
    data = {"csrf_token": csrf_token(client, "/imports"), "strength": "2", "format": "", "visibility": "",
            "file": (io.BytesIO(CSV), "c.csv")}
    url = client.post("/imports", data=data, content_type="multipart/form-data", headers=FR).headers["Location"]
    page = html.unescape(raw(client, url, FR))
    for text in ("colonne(s) ignorée(s) : foo", "nouvelle personne", "chez Initech (nouvelle organisation)",
                 "même personne qu’à la ligne 2", "5 valeurs alors que l’en-tête a 4 colonnes",
                 "sera fusionnée avec la fiche existante Eve Known", "vous la connaissez : force 2"):
        assert text in page, text
    for text in ("ignored column", "new person", "new organisation", "same person as line", "values but the header",
                 "will merge into", "you know them"):
        assert text not in page, text
    page = html.unescape(raw(client, url, EN))
    for text in ("ignored column(s): foo", "new person", "at Initech (new organisation)", "same person as line 2",
                 "5 values but the header has 4 columns", "will merge into existing Eve Known"):
        assert text in page, text


def test_duplicate_reasons_in_french(app, client, web_cast):
    s, ada = app.extensions["carnet"], web_cast.viewer("ada")
    org = s.organisations.create(SYSTEM, {"name": "Initech", "kind": "account"})
    for _ in range(2):
        s.people.create(ada, {"name": "Dup Licate", "organisation_id": org["id"]})
    login(client, "mona")
    page = html.unescape(raw(client, "/duplicates", FR))
    assert "même nom dans la même organisation" in page and "same name" not in page


# -- picture tooltips -----------------------------------------------------------------------------------
def says_only(text: str, present, absent) -> None:
    """Every French phrase of `present` is in `text`, no English one of `absent` is."""
    for phrase in present:
        assert phrase in text, phrase
    for phrase in absent:
        assert phrase not in text, phrase


def test_person_network_tooltips_in_french(client, world):  # noqa: F811
    login(client, "alice")
    path = f"/people/{world['tess']['id']}/network.json"
    french = titles(client, path, FR)
    says_only(french, ("Force 4/5 (", "Contexte : ", "Enregistrée par Alice", "rend compte à Bert Boss",
                       "Connu de Carol ; la proximité reste confidentielle", "travaille chez Acme France", "Collègue"),
              ("Strength", "Context:", "Recorded by", "reports to", "Known to", "works at", "Colleague"))
    english = titles(client, path, EN)
    assert "Strength 4/5 (" in english and "reports to Bert Boss" in english and "Known to Carol" in english
    chart = titles(client, f"/organisations/{world['acme']['id']}/chart.json", FR)
    assert "Fait partie de Acme" in chart and "Acme France fait partie de Acme" in chart and "Part of" not in chart


def test_paths_picture_tooltips_in_french(app, client, web_cast):
    target, _ = locked_route(app.extensions["carnet"], web_cast, "Tara Target")
    login(client, "carol")
    path = f"/people/{target['id']}/paths.json?k=5&max_hops=3"
    french = titles(client, path, FR)
    assert "Connu de Alice ; demandez-lui une introduction" in french and "connaît, force 4/5" in french
    assert "Known to" not in french and "strength 4/5" not in french
    english = titles(client, path, EN)
    assert "Known to Alice; ask them for an introduction" in english and "knows, strength 4/5" in english


def test_power_map_tooltips_in_french(app, client, web_cast):
    w = build_world(app.extensions["carnet"], web_cast)
    login(client, "carol")
    path = f"/accounts/{w['group']['id']}/plan/power-map.json"
    french = titles(client, path, FR)
    says_only(french, ("Rôle : Décideur", "Position : Opposant", "Influence 5/5", "Connu de Alice ; la proximité",
                       "Claire Chef écoute Olga Opp", "A quitté le compte", "Force 5/5 ("),
              ("Role:", "Stance:", "Known to", "listens to", "Has left", "Strength"))
    english = titles(client, path, EN)
    assert "Role: Decision maker" in english and "Claire Chef listens to Olga Opp" in english


# -- the catalogue --------------------------------------------------------------------------------------
def test_graph_sentences_are_extracted_and_translated():
    """The N_() sentences of graph/ reach the catalogue through babel.cfg, each with a French text."""
    with open(os.path.join(ROOT, "babel.cfg")) as f:
        method_map, options_map = parse_mapping_cfg(f)
    graph_only = [(pattern, method) for pattern, method in method_map if pattern.startswith("graph/")]
    keywords = dict(DEFAULT_KEYWORDS, _l=None, lazy_gettext=None)
    extracted = {message for _, _, message, _, _ in extract_from_dir(ROOT, graph_only, options_map, keywords=keywords)
                 if isinstance(message, str) and "%(" in message}
    assert "%(name)s (%(title)s) leaves %(organisation)s soon: %(then)s." in extracted
    assert "same person as line %(line)s" in extracted and "%(card)s: no name (FN or N)" in extracted
    assert len(extracted) >= 40
    french = {m.id: m.string for m in catalogue() if m.id}
    assert os.path.isfile(PO)
    for msgid in extracted | {"new person", "staff", "log a contact", "same school", "Has left the account"}:
        assert french.get(msgid, "").strip(), f"no French for {msgid!r}"


@pytest.mark.parametrize("text", ["plain English", ""])
def test_the_label_filter_leaves_plain_text_alone(app, text):
    from app.i18n import label

    with app.test_request_context("/", headers=FR):
        assert label(text) == text


# -- validation and service errors (graph/validation.py, graph/errors.py users) -------------------------
def post_page(client, path, data, headers):
    data = dict(data, csrf_token=csrf_token(client, path))
    response = client.post(path, data=data, headers=headers)
    return response.status_code, html.unescape(response.get_data(as_text=True))


def test_form_errors_in_french_and_the_same_request_in_english_over_the_api(client, web_cast):
    login(client, "alice")
    bad = {"name": "Zoé Zed", "email": "not-an-address"}
    status, page = post_page(client, "/people/new", bad, FR)
    assert status == 400 and "l’e-mail n’est pas une adresse valide" in page
    assert "not a valid address" not in page
    status, page = post_page(client, "/people/new", bad, EN)
    assert status == 400 and "email is not a valid address" in page and "adresse valide" not in page
    status, page = post_page(client, "/people/new", dict(bad, name=""), FR)  # WTForms says it with the same Message
    assert status == 400 and "nom est obligatoire" in page and "is required" not in page
    token = {**bearer(api_token(client, "alice")), **FR}
    for body, said in (({"name": "Zoé Zed", "email": "not-an-address"}, ("email is not a valid address", "email")),
                       ({"name": " "}, ("name is required", "name")),
                       ({"name": "Zoé Zed", "colour": "red"}, ("unknown field colour", "colour"))):
        answer = client.post("/api/people", json=body, headers=token)
        assert answer.status_code == 400 and answer.get_json() == {"error": said[0], "field": said[1]}, body


def test_flashed_and_error_page_messages_in_french(client, web_cast):
    login(client, "ada")
    user = f"/admin/users/{web_cast.id('ada')}"
    status, page = post_page(client, f"{user}/active", {"active": "0"}, FR)
    assert status == 400 and "vous ne pouvez pas vous désactiver vous-même" in page and "disable yourself" not in page
    status, page = post_page(client, f"{user}/active", {"active": "0"}, EN)
    assert "you cannot disable yourself" in page
    response = client.get("/organisations/nowhere", headers=FR)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 404 and "organisation inconnue" in page and "unknown organisation" not in page
    answer = client.get("/api/organisations/nowhere", headers={**bearer(api_token(client, "ada")), **FR})
    assert answer.status_code == 404 and answer.get_json() == {"error": "unknown organisation"}


def test_validation_messages_name_the_field_in_the_readers_language(app):
    from app.i18n import label
    from graph import validation as v
    from graph.errors import ValidationError

    def said(check, *args, **kw):
        with pytest.raises(ValidationError) as caught:
            check(*args, **kw)
        return caught.value.message

    strength = said(v.integer, "strength", "many", low=1, high=5)
    period = said(v.period, "start", "2026-05-02", "end", "2026-05-01")
    odd = said(v.text, "organisation_id", 7)  # not a shown field: its name is left as it is
    assert (strength, period, odd) == ("strength must be a whole number from 1 to 5", "end is before start",
                                       "organisation_id must be a string")
    with app.test_request_context("/", headers=FR):
        assert label(strength) == "force doit être un nombre entier de 1 à 5"
        assert label(period) == "fin est antérieur(e) à début"
        assert label(odd) == "organisation_id doit être un texte"
        assert label(load(str(strength), dump(strength))) == label(strength)  # a stored one too
    with app.test_request_context("/", headers=EN):
        assert label(strength) == strength


# -- the inbox ------------------------------------------------------------------------------------------
def test_inbox_notifications_in_french_and_english_over_the_api(app, client, web_cast):
    s, cast = app.extensions["carnet"], web_cast
    vip = s.people.create(SYSTEM, {"name": "Victor <i>Vip</i>"})
    s.relationships.create(cast.viewer("bob"), {"person_id": cast.person("bob"), "other_id": vip["id"],
                                                "strength": 4, "visibility": "exclusive"})
    today = dt.date.fromisoformat(s.clock.today())
    day = dt.date(today.year + (today >= dt.date(today.year, 3, 1)), 3, 1)  # the next 1 March: within a year
    event = s.events.create(cast.viewer("mona"), {"name": "Summit", "date": day.isoformat(), "capacity": 10})
    s.events.nominate(cast.viewer("alice"), event["id"], {"person_id": vip["id"]})
    english = f"Alice nominated Victor <i>Vip</i>, whom you know exclusively, for Summit ({day}). Do you consent?"
    login(client, "bob")
    page = raw(client, "/notifications", FR)
    assert "<i>Vip" not in page  # names stay escaped text
    page = html.unescape(page)
    assert (f"Alice a proposé Victor <i>Vip</i>, que vous connaissez en exclusivité, pour Summit "
            f"(1 mars {day.year}). Y consentez-vous ?") in page
    assert "nominated" not in page and "Do you consent" not in page
    assert english in html.unescape(raw(client, "/notifications", EN))
    answer = client.get("/api/notifications", headers={**bearer(api_token(client, "bob")), **FR}).get_json()
    assert [n["text"] for n in answer["notifications"]] == [english]
    assert all("message" not in n for n in answer["notifications"])


def test_error_and_inbox_sentences_are_extracted_and_translated():
    """The N_() errors and inbox texts of validation.py, errors.py and the services reach the catalogue."""
    with open(os.path.join(ROOT, "babel.cfg")) as f:
        method_map, options_map = parse_mapping_cfg(f)
    wanted = ("graph/validation.py", "graph/errors.py", "graph/services/")
    mapped = [(pattern, method) for pattern, method in method_map if pattern.startswith(wanted)]
    extracted = {message for _, _, message, _, _ in extract_from_dir(ROOT, mapped, options_map,
                                                                    keywords=dict(DEFAULT_KEYWORDS))
                 if isinstance(message, str)}
    for msgid in ("%(field)s is required", "email is not a valid address", "unknown field %(key)s", "not found",
                  "unknown person", "name", "strength", "you already have a relationship between these two people; edit it instead",
                  "%(who)s nominated %(name)s for %(event)s: your decision is needed.", "declined on the day"):
        assert msgid in extracted, msgid
    assert len(extracted) >= 100
    french = {m.id: m.string for m in catalogue() if m.id}
    for msgid in extracted:
        assert french.get(msgid, "").strip(), f"no French for {msgid!r}"
