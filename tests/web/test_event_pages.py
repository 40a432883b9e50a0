"""Event pages, the inbox and the audit page through the test client on the real store."""

from __future__ import annotations

import html
import re

import pytest

from graph.clock import FixedClock
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, csrf_token, login

NOW_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z


@pytest.fixture
def app(store):
    from app import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                      store=store, clock=FixedClock(NOW_MS))


def svc(app):
    return app.extensions["carnet"]


def logout(client):
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})


@pytest.fixture
def world(app, web_cast):
    s = svc(app)
    vip = s.people.create(SYSTEM, {"name": "Victor Vip", "email": "victor@vip.example"})
    s.relationships.create(web_cast.viewer("bob"), {"person_id": web_cast.person("bob"), "other_id": vip["id"],
                                                    "strength": 4, "visibility": "exclusive"})
    return {"vip": vip, "cast": web_cast}


def test_full_flow_through_the_pages(app, client, world):
    s, vip = svc(app), world["vip"]
    login(client, "alice")
    assert client.get("/events/new").status_code == 403
    logout(client)

    login(client, "mona")
    token = csrf_token(client, "/events/new")
    bad = client.post("/events/new", data={"csrf_token": token, "name": "Summit", "date": ""})
    assert bad.status_code == 400 and "date is required" in bad.get_data(as_text=True)
    response = client.post("/events/new", data={"csrf_token": token, "name": "Summit", "date": "2026-03-01",
                                                 "capacity": "10", "description": "VIP dinner"})
    assert response.status_code == 302
    event_url = response.headers["Location"]
    event_id = event_url.rsplit("/", 1)[1]
    assert "Summit" in client.get("/events").get_data(as_text=True)
    logout(client)

    login(client, "alice")
    token = csrf_token(client, event_url)
    missing = client.post(f"{event_url}/nominate", data={"csrf_token": token, "person": "Nobody Known", "reason": ""})
    assert missing.status_code == 400 and not s.store.read("events/list_nominations", event_id=event_id)
    done = client.post(f"{event_url}/nominate", data={"csrf_token": token, "person": "Victor Vip", "person_id": vip["id"],
                                                      "reason": "loves wine"}, follow_redirects=True)
    assert "waiting for the owners" in done.get_data(as_text=True)
    page = html.unescape(client.get(event_url).get_data(as_text=True))
    assert "Victor Vip" in page and "Bob (pending)" in page and "pending owner" in page
    logout(client)

    login(client, "bob")
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'Inbox <span class="badge count"[^>]*>1</span>', page)
    assert "Do you consent?" in client.get("/notifications").get_data(as_text=True)
    nomination_id = s.store.read("events/list_nominations", event_id=event_id)[0]["nomination"]["id"]
    page = client.get(event_url).get_data(as_text=True)
    assert f"/nominations/{nomination_id}/consent" in page
    client.post(f"/nominations/{nomination_id}/consent", data={"csrf_token": csrf_token(client, event_url),
                                                                "decision": "consent"})
    client.post("/notifications/read", data={"csrf_token": csrf_token(client, "/notifications")})
    assert 'class="badge count"' not in client.get("/").get_data(as_text=True)
    logout(client)

    login(client, "mona")
    page = client.get(event_url).get_data(as_text=True)
    assert f"/nominations/{nomination_id}/decision" in page
    token = csrf_token(client, event_url)
    client.post(f"/nominations/{nomination_id}/decision", data={"csrf_token": token, "decision": "approve",
                                                                 "reason": "on the list"})
    again = client.post(f"/nominations/{nomination_id}/decision", data={"csrf_token": token, "decision": "reject"})
    assert again.status_code == 409 and "already approved" in again.get_data(as_text=True)
    page = client.get(event_url).get_data(as_text=True)
    assert "on the list" in page and "You may see the details of" in page
    audit = client.get("/audit").get_data(as_text=True)
    for action in ("nomination.create", "nomination.consent", "nomination.approve", "grant.create"):
        assert action in audit
    logout(client)

    login(client, "alice")
    assert "victor@vip.example" in client.get(f"/people/{vip['id']}").get_data(as_text=True)
    assert client.get("/audit").status_code == 403


def test_audit_page_filters_and_scopes(app, client, world):
    s, cast = svc(app), world["cast"]
    event = s.events.create(cast.viewer("sam"), {"name": "South fair", "date": "2026-05-01"})
    other = s.people.create(SYSTEM, {"name": "Olga Other"})
    n = s.events.nominate(cast.viewer("carol"), event["id"], {"person_id": other["id"], "reason": "r"})
    s.events.decide(cast.viewer("sam"), n["id"], {"decision": "reject", "reason": "no room"})
    login(client, "mona")  # North: sees nothing of the South's event
    assert "South fair" not in client.get("/audit").get_data(as_text=True)
    logout(client)
    login(client, "ada")
    page = client.get(f"/audit?event={event['id']}").get_data(as_text=True)
    assert "nomination.reject" in page and "no room" in page and "Filtered by event" in page
    assert "nomination.reject" not in client.get(f"/audit?person={world['vip']['id']}").get_data(as_text=True)
