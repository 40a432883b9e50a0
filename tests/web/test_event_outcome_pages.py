"""Recording a guest's outcome on the event page, through the test client on the real
store: the form only for the event's manager from the event day on, the refusals, and who then
reads the feedback on the page (owner, nominator) or does not (another rep)."""

from __future__ import annotations

import html
import re

import pytest

from graph.clock import FixedClock
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, csrf_token, login

NOW_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
EVENT_DAY_MS = 1_772_323_200_000  # 2026-03-01T00:00:00Z
FEEDBACK = "Charming guest <b>asked for a visit</b>"


@pytest.fixture
def app(store):
    from app import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                      store=store, clock=FixedClock(NOW_MS))


@pytest.fixture
def guest(app, web_cast):
    """Victor, bob's exclusive contact, nominated by alice and approved for mona's event."""
    s, cast = app.extensions["carnet"], web_cast
    vip = s.people.create(SYSTEM, {"name": "Victor Vip"})
    s.relationships.create(cast.viewer("bob"), {"person_id": cast.person("bob"), "other_id": vip["id"],
                                                "strength": 4, "visibility": "exclusive"})
    event = s.events.create(cast.viewer("mona"), {"name": "Summit", "date": "2026-03-01"})
    n = s.events.nominate(cast.viewer("alice"), event["id"], {"person_id": vip["id"]})
    s.events.consent(cast.viewer("bob"), n["id"], {"decision": "consent"})
    s.events.decide(cast.viewer("mona"), n["id"], {"decision": "approve"})
    return {"event_url": f"/events/{event['id']}", "outcome_url": f"/nominations/{n['id']}/outcome", "clock": s.clock,
            "outcome": lambda: s.events.get_nomination(cast.viewer("ada"), n["id"])["outcome"]}


def _as(client, who):
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, who)


def _page(client, url):
    return html.unescape(client.get(url).get_data(as_text=True))


def test_before_the_event_day_no_form_and_a_refusal(client, guest):
    login(client, "mona")
    page = _page(client, guest["event_url"])
    assert guest["outcome_url"] not in page and "from 2026-03-01" in page
    refused = client.post(guest["outcome_url"], data={"csrf_token": csrf_token(client, guest["event_url"]),
                                                      "outcome": "attended"})
    assert refused.status_code == 409
    assert "Summit takes place on 2026-03-01: outcomes are recorded from that day on" in \
        html.unescape(refused.get_data(as_text=True))


def test_manager_records_and_updates_owner_and_nominator_read_it(client, guest):
    guest["clock"].advance(EVENT_DAY_MS - NOW_MS)
    login(client, "mona")
    assert guest["outcome_url"] in _page(client, guest["event_url"])
    token = csrf_token(client, guest["event_url"])
    empty = client.post(guest["outcome_url"], data={"csrf_token": token}, follow_redirects=True)
    assert "outcome is required" in empty.get_data(as_text=True)
    done = client.post(guest["outcome_url"], data={"csrf_token": token, "outcome": "attended",
                                                   "feedback": FEEDBACK}, follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "outcome recorded (attended)" in text
    assert "Charming guest &lt;b&gt;asked for a visit&lt;/b&gt;" in text  # escaped, never markup
    assert ">Update</button>" in text and re.search(r'<input checked [^>]*value="attended"', text)
    client.post(guest["outcome_url"], data={"csrf_token": token, "outcome": "no_show", "feedback": FEEDBACK})
    assert "no-show" in _page(client, guest["event_url"])

    for who in ("bob", "alice"):  # the owner who shared Victor, the nominator
        _as(client, who)
        page = _page(client, guest["event_url"])
        assert FEEDBACK in page and "no-show" in page and guest["outcome_url"] not in page, who
        inbox = _page(client, "/notifications")
        assert "fared at Summit" in inbox and guest["event_url"] in inbox, who
    _as(client, "carol")
    page = _page(client, guest["event_url"])
    assert FEEDBACK not in page and "Victor Vip" not in page
    assert "fared" not in _page(client, "/notifications")


def test_reps_may_not_record_even_with_a_bad_form(app, guest):
    guest["clock"].advance(EVENT_DAY_MS - NOW_MS)
    for who, code in (("alice", 403), ("bob", 403), ("carol", 404)):
        client = app.test_client()
        login(client, who)
        token = csrf_token(client, "/")
        for data in ({"outcome": "attended"}, {"outcome": "maybe"}):
            assert client.post(guest["outcome_url"], data={"csrf_token": token, **data}).status_code == code, who
    assert guest["outcome"]() is None
