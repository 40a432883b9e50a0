"""Calendars and address books read from a real Radicale on loopback, through the API."""

from __future__ import annotations

import datetime as dt

from graph.bench import mailservers as ms
from tests.conftest import api_token, bearer

NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _connect(client, headers, kind, url, password=ms.PASSWORD):
    return client.post("/api/connections", headers=headers,
                       json={"kind": kind, "url": url, "username": ms.USER, "password": password})


def test_calendar_first_sync_then_only_what_is_new(client, web_cast, connections, sink, radicale):
    cal = radicale.collection("work", "VCALENDAR")
    for i in range(3):
        radicale.put(cal, f"ev{i}", ms.event(f"ev{i}", NOW - dt.timedelta(days=i + 1), ms.USER,
                                             [ms.USER, f"guest{i}@acme.com"]))
    headers = bearer(api_token(client, "alice"))
    created = _connect(client, headers, "caldav", radicale.home)
    assert created.status_code == 201, created.get_json()
    cid = created.get_json()["id"]
    assert created.get_json()["status"] == "new" and created.get_json()["last_sync"] is None

    first = client.post(f"/api/connections/{cid}/sync", headers=headers)
    assert first.status_code == 200, first.get_json()
    assert first.get_json()["counts"]["meetings"] == 3 and first.get_json()["status"] == "ok"
    assert first.get_json()["last_sync"]
    meeting = next(m for m in sink.records("meetings") if m.uid == "ev0")
    assert meeting.organizer == ms.USER and "guest0@acme.com" in meeting.attendees
    assert meeting.start_ms == int((NOW - dt.timedelta(days=1)).timestamp() * 1000)

    radicale.put(cal, "ev-new", ms.event("ev-new", NOW, "boss@acme.com", [ms.USER]))
    second = client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()
    assert second["counts"]["meetings"] == 1
    uids = [m.uid for m in sink.records("meetings")]
    assert sorted(uids) == ["ev-new", "ev0", "ev1", "ev2"]  # nothing handed twice
    third = client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()
    assert third["counts"] == {"meetings": 0, "messages": 0, "cards": 0}


def test_address_book_sync_reads_cards_once(client, web_cast, connections, sink, radicale):
    book = radicale.collection("contacts", "VADDRESSBOOK")
    radicale.put(book, "c1", ms.vcard("c1", "Jeanne Martin", "Jeanne.Martin@acme.com", "Acme", "CFO"))
    radicale.put(book, "c2", ms.vcard("c2", "Paul Durand", "paul@beta.fr"))
    headers = bearer(api_token(client, "alice"))
    cid = _connect(client, headers, "carddav", radicale.home).get_json()["id"]
    first = client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()
    assert first["counts"]["cards"] == 2
    card = next(c for c in sink.records("cards") if c.uid == "c1")
    assert (card.name, card.emails, card.organisation, card.title) == (
        "Jeanne Martin", ("Jeanne.Martin@acme.com",), "Acme", "CFO")
    assert card.phones
    assert client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()["counts"]["cards"] == 0
    radicale.put(book, "c3", ms.vcard("c3", "Lea Petit", "lea@gamma.com"))
    assert client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()["counts"]["cards"] == 1
    assert sorted(c.uid for c in sink.records("cards")) == ["c1", "c2", "c3"]


def test_wrong_password_is_refused_and_nothing_is_written(client, web_cast, connections, sink, radicale):
    radicale.collection("work", "VCALENDAR")
    headers = bearer(api_token(client, "alice"))
    answer = _connect(client, headers, "caldav", radicale.home, password="wrong")
    assert answer.status_code == 400
    assert answer.get_json()["field"] == "password"
    assert client.get("/api/connections", headers=headers).get_json() == {"connections": []}
    assert sink.batches == []


def test_a_server_that_is_not_dav_is_a_502_and_nothing_is_written(client, web_cast, connections, sink, radicale):
    headers = bearer(api_token(client, "alice"))
    # Radicale answers, but there is no calendar at this address
    answer = _connect(client, headers, "caldav", radicale.home)
    assert answer.status_code == 502, answer.get_json()
    assert "error" in answer.get_json()
    assert client.get("/api/connections", headers=headers).get_json() == {"connections": []}


def test_a_sync_killed_half_way_resumes_without_counting_twice(client, web_cast, connections, sink, radicale,
                                                               monkeypatch):
    cal = radicale.collection("work", "VCALENDAR")
    for i in range(5):
        radicale.put(cal, f"ev{i}", ms.event(f"ev{i}", NOW - dt.timedelta(days=i), ms.USER, ["x@acme.com"]))
    headers = bearer(api_token(client, "alice"))
    cid = _connect(client, headers, "caldav", radicale.home).get_json()["id"]
    monkeypatch.setattr(connections, "limits", connections.limits.__class__(batch=2))
    sink.fail_after = 1  # the pipeline dies on the second batch
    viewer = web_cast.viewer("alice")
    try:
        connections.sync(viewer, cid)
    except KeyboardInterrupt:
        pass
    assert len(sink.records("meetings")) == 2
    sink.fail_after = None
    done = connections.sync(viewer, cid)
    assert done["status"] == "ok"
    # the calendar's token was not advanced by the killed sync, so the rest comes now; the
    # pipeline keys meetings by uid, so a batch handed again counts once
    assert {m.uid for m in sink.records("meetings")} == {f"ev{i}" for i in range(5)}
    assert client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()["counts"]["meetings"] == 0
