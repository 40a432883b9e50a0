"""Signals through the API and the pages: the caller's own only, one-click decisions with CSRF,
uploads; another rep, the manager and an admin get empty answers or 404."""

from __future__ import annotations

import io

import pytest

from tests.conftest import bearer, api_token, csrf_token, login
from tests.signals.world import World
from tests.unit.test_signal_files import EML, ICS

OTHERS = ("bob", "mona", "carol", "ada")


@pytest.fixture
def w(app, web_cast):
    world = World(app.extensions["carnet"], web_cast)
    world.feed()
    return world


def test_api_summary_and_suggestions_are_the_callers_own(client, w):
    token = api_token(client, "alice")
    s = client.get(f"/api/signals/people/{w.paul}", headers=bearer(token)).get_json()
    assert s["meetings_90d"] == 8 and s["suggested_strength"] == 5 and "8 meetings in 90 days" in s["reason"]
    suggestions = client.get("/api/signals/suggestions", headers=bearer(token)).get_json()["suggestions"]
    assert {x["kind"] for x in suggestions} == {"strength", "new_contact"}
    assert all("weight" not in x for x in suggestions)
    assert client.get("/api/signals/people/nobody", headers=bearer(token)).status_code == 404


@pytest.mark.parametrize("other", OTHERS)
def test_api_others_get_nothing(client, w, other):
    alice = client.get("/api/signals/suggestions", headers=bearer(api_token(client, "alice"))).get_json()
    token = api_token(client, other)
    assert client.get("/api/signals/suggestions", headers=bearer(token)).get_json() == {"suggestions": []}
    s = client.get(f"/api/signals/people/{w.paul}", headers=bearer(token)).get_json()
    assert s["last_contact"] is None and s["meetings_90d"] == 0
    for x in alice["suggestions"]:
        r = client.post(f"/api/signals/suggestions/{x['id']}/decision", json={"decision": "accept"},
                        headers=bearer(token))
        assert r.status_code == 404


def test_api_decision_then_409(client, w):
    token = api_token(client, "alice")
    [s] = [x for x in client.get("/api/signals/suggestions", headers=bearer(token)).get_json()["suggestions"]
           if x["kind"] == "strength"]
    url = f"/api/signals/suggestions/{s['id']}/decision"
    r = client.post(url, json={"decision": "accept", "strength": 4}, headers=bearer(token))
    assert r.status_code == 200, r.get_data(as_text=True)
    assert client.get(f"/api/relationships/{w.rel}", headers=bearer(token)).get_json()["strength"] == 4
    assert client.post(url, json={"decision": "dismiss"}, headers=bearer(token)).status_code == 409
    assert client.post(url, json={"decision": "maybe"}, headers=bearer(token)).status_code == 400


def test_api_upload(client, w):
    token = api_token(client, "alice")
    r = client.post("/api/signals/upload", headers=bearer(token),
                    data={"file": (io.BytesIO(ICS), "cal.ics")}, content_type="multipart/form-data")
    assert r.status_code == 200 and r.get_json() == {"counts": {"meetings": 2, "messages": 0, "cards": 0}}
    r = client.post("/api/signals/upload", headers=bearer(token),
                    data={"file": (io.BytesIO(b"hello"), "x.txt")}, content_type="multipart/form-data")
    assert r.status_code == 400 and r.get_json()["field"] == "file"
    assert client.post("/api/signals/upload", headers=bearer(token)).status_code == 400


def test_pages_show_the_users_own_and_decide_in_one_click(client, w):
    login(client, "alice")
    home = client.get("/").get_data(as_text=True)
    assert "Paul Client" in home and "8 meetings in 90 days" in home
    page = client.get(f"/people/{w.paul}").get_data(as_text=True)
    assert "Your signals" in page and "your calendar and mail suggest 5/5" in page
    [s] = [x for x in w.s.signals.suggestions(w.cast.viewer("alice")) if x["kind"] == "strength"]
    r = client.post(f"/signals/suggestions/{s['id']}/decision",
                    data={"decision": "accept", "strength": "4", "back": "person", "person_id": w.paul,
                          "csrf_token": csrf_token(client, "/signals")})
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/people/{w.paul}")
    assert w.s.relationships.get(w.cast.viewer("alice"), w.rel)["strength"] == 4
    r = client.post("/signals/upload", data={"file": (io.BytesIO(EML), "m.eml"),
                                             "csrf_token": csrf_token(client, "/signals")},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    assert "1 new messages" in client.get("/signals").get_data(as_text=True)


def test_decision_form_needs_csrf(client, w):
    login(client, "alice")
    [s] = [x for x in w.s.signals.suggestions(w.cast.viewer("alice")) if x["kind"] == "strength"]
    r = client.post(f"/signals/suggestions/{s['id']}/decision", data={"decision": "accept"})
    assert r.status_code == 400
    assert w.s.relationships.get(w.cast.viewer("alice"), w.rel)["strength"] == 1


@pytest.mark.parametrize("other", OTHERS)
def test_pages_show_others_nothing(client, w, other):
    login(client, other)
    for url in ("/", f"/people/{w.paul}", "/signals"):
        body = client.get(url).get_data(as_text=True)
        assert "Nina New" not in body and "8 meetings" not in body and "Your signals" not in body
    [s] = [x for x in w.s.signals.suggestions(w.cast.viewer("alice")) if x["kind"] == "strength"]
    r = client.post(f"/signals/suggestions/{s['id']}/decision",
                    data={"decision": "accept", "csrf_token": csrf_token(client, "/signals")})
    assert r.status_code == 404


def test_preview_of_the_user_shows_no_signals(client, w):
    login(client, "mona")
    body = client.get(f"/preview/{w.cast.id('alice')}/people/{w.paul}").get_data(as_text=True)
    assert "8 meetings" not in body and "Your signals" not in body


def test_pages_speak_french(client, w):
    login(client, "alice")
    fr = {"Accept-Language": "fr"}
    home = client.get("/", headers=fr).get_data(as_text=True)
    assert "8 réunions en 90 jours" in home and "réponses dans les deux sens" in home
    assert "Mes signaux" in client.get("/signals", headers=fr).get_data(as_text=True)
