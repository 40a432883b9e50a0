"""Event nominations over the API on the real store: every transition and refusal, what each
role sees, time-limited grants on a fixed clock, and private holders never revealed."""

from __future__ import annotations

import json

import pytest

from graph.visibility import SYSTEM

from graph.errors import Conflict
from graph.services.grants import DAY_MS
from tests.api.conftest import NOW_MS

EVENT_DAY_MS = 1_772_323_200_000  # 2026-03-01T00:00:00Z


@pytest.fixture
def vip(app) -> dict:
    """A contact entered by nobody in particular (the system), with details only admins see yet."""
    return app.extensions["carnet"].people.create(SYSTEM, {"name": "Victor Vip", "email": "victor@vip.example",
                                                           "phone": "+33 6 00"})


@pytest.fixture
def event(api) -> dict:
    return api.created("mona", "/api/events", {"name": "Partner summit", "date": "2026-03-01", "capacity": 2,
                                               "description": "VIP dinner"})


def _know(api, who, person, level):
    api.created(who, "/api/relationships", {"person_id": api.cast.person(who), "other_id": person["id"],
                                            "strength": 4, "visibility": level})


def _nominate(api, who, event, person, reason="great fit"):
    return api.post(who, f"/api/events/{event['id']}/nominations", {"person_id": person["id"], "reason": reason})


def _decide(api, who, nomination, decision="approve", reason="fits the guest list"):
    return api.post(who, f"/api/nominations/{nomination['id']}/decision", {"decision": decision, "reason": reason})


def test_only_managers_and_admins_create_events(api, event):
    assert api.post("alice", "/api/events", {"name": "x", "date": "2026-03-01"}).status_code == 403
    assert (event["name"], event["date"], event["capacity"], event["manager"], event["approved"]) == \
        ("Partner summit", "2026-03-01", 2, api.cast.id("mona"), 0)
    bad = api.post("mona", "/api/events", {"name": "x", "date": "someday"})
    assert (bad.status_code, bad.get_json()["field"]) == (400, "date")
    assert [e["id"] for e in api.get("carol", "/api/events").get_json()["events"]] == [event["id"]]


def test_no_exclusive_holder_goes_to_the_manager_who_decides_once(api, event, vip):
    response = _nominate(api, "alice", event, vip)
    assert response.status_code == 201
    nomination = response.get_json()
    assert (nomination["status"], nomination["owners"]) == ("pending_manager", [])
    assert _decide(api, "alice", nomination).status_code == 403  # the nominator may not decide
    assert api.get("carol", f"/api/nominations/{nomination['id']}").status_code == 404  # not hers to see
    assert _decide(api, "carol", nomination).status_code == 404
    decided = _decide(api, "mona", nomination)
    assert (decided.status_code, decided.get_json()) == (200, {"id": nomination["id"], "status": "approved"})
    again = _decide(api, "mona", nomination, "reject")
    assert again.status_code == 409 and "already approved" in again.get_json()["error"]
    got = api.get("alice", f"/api/nominations/{nomination['id']}").get_json()
    assert (got["status"], got["decision_reason"]) == ("approved", "fits the guest list")
    bad = api.post("mona", f"/api/nominations/{nomination['id']}/decision", {"decision": "maybe"})
    assert (bad.status_code, bad.get_json()["field"]) == (400, "decision")


def test_exclusive_owners_consent_first(api, event, vip):
    _know(api, "bob", vip, "exclusive")
    _know(api, "carol", vip, "exclusive")
    nomination = _nominate(api, "alice", event, vip).get_json()
    assert nomination["status"] == "pending_owner"
    assert sorted(o["name"] for o in nomination["owners"]) == ["Bob", "Carol"]
    assert _decide(api, "mona", nomination).status_code == 409  # waiting for consent
    assert api.post("alice", f"/api/nominations/{nomination['id']}/consent",
                    {"decision": "consent"}).status_code == 403  # the nominator is not an owner
    first = api.post("bob", f"/api/nominations/{nomination['id']}/consent", {"decision": "consent"})
    assert first.get_json()["status"] == "pending_owner"
    assert api.post("bob", f"/api/nominations/{nomination['id']}/consent",
                    {"decision": "consent"}).status_code == 409  # answered already
    last = api.post("carol", f"/api/nominations/{nomination['id']}/consent", {"decision": "consent"})
    assert last.get_json()["status"] == "pending_manager"
    assert _decide(api, "mona", nomination).get_json()["status"] == "approved"
    inbox = api.get("bob", "/api/notifications").get_json()
    kinds = [n["kind"] for n in inbox["notifications"]]
    assert sorted(kinds) == ["consent", "outcome"] and inbox["unread"] == 2


def test_an_owner_refusal_rejects_and_tells_the_nominator(api, event, vip):
    _know(api, "bob", vip, "exclusive")
    nomination = _nominate(api, "alice", event, vip).get_json()
    refused = api.post("bob", f"/api/nominations/{nomination['id']}/consent",
                       {"decision": "refuse", "reason": "sensitive negotiation"})
    assert refused.get_json()["status"] == "rejected"
    assert _decide(api, "mona", nomination).status_code == 409
    notes = api.get("alice", "/api/notifications").get_json()["notifications"]
    assert "sensitive negotiation" in notes[0]["text"]
    # a rejected nomination may be made again
    assert _nominate(api, "alice", event, vip).status_code == 201


def test_private_holders_are_told_never_asked_never_revealed(api, event, vip):
    _know(api, "carol", vip, "private")
    nomination = _nominate(api, "alice", event, vip).get_json()
    assert (nomination["status"], nomination["owners"]) == ("pending_manager", [])
    carol = api.cast.id("carol")
    for who in ("alice", "mona", "ada"):
        seen = json.dumps([api.get(who, f"/api/nominations/{nomination['id']}").get_json(),
                           api.get(who, f"/api/events/{event['id']}").get_json()])
        assert carol not in seen and "Carol" not in seen
    told = api.get("carol", "/api/notifications").get_json()["notifications"]
    assert [n["kind"] for n in told] == ["told"] and "Victor Vip" in told[0]["text"]
    assert api.post("carol", f"/api/nominations/{nomination['id']}/consent",
                    {"decision": "refuse"}).status_code == 404  # not asked, not even shown the nomination
    _decide(api, "mona", nomination)
    audit = json.dumps(api.get("ada", "/api/audit").get_json())
    assert carol not in audit


def test_capacity_refuses_approval_beyond_it(api, event):
    people = [api.created("ada", "/api/people", {"name": f"Guest {i}"}) for i in range(3)]
    nominations = [_nominate(api, "alice", event, p).get_json() for p in people]
    assert [_decide(api, "mona", n).status_code for n in nominations[:2]] == [200, 200]
    full = _decide(api, "mona", nominations[2])
    assert full.status_code == 409 and "full" in full.get_json()["error"]
    assert _decide(api, "mona", nominations[2], "reject").status_code == 200
    assert api.get("mona", f"/api/events/{event['id']}").get_json()["places_left"] == 0


def test_fatigue_refuses_a_fourth_event_within_90_days(api, vip):
    for date in ("2026-02-01", "2026-03-01", "2026-04-01"):
        e = api.created("mona", "/api/events", {"name": f"Event {date}", "date": date})
        assert _decide(api, "mona", _nominate(api, "alice", e, vip).get_json()).status_code == 200
    close = api.created("mona", "/api/events", {"name": "One more", "date": "2026-04-20"})
    refused = _nominate(api, "bob", close, vip)
    assert (refused.status_code, refused.get_json()["field"]) == (400, "person_id")
    assert "already approved for 3 events within 90 days" in refused.get_json()["error"]
    far = api.created("mona", "/api/events", {"name": "Autumn", "date": "2026-10-01"})
    assert _nominate(api, "bob", far, vip).status_code == 201


def test_duplicate_and_past_nominations_are_refused(api, event, vip):
    assert _nominate(api, "alice", event, vip).status_code == 201
    dup = _nominate(api, "bob", event, vip)
    assert (dup.status_code, dup.get_json()["field"]) == (409, "person_id")
    past = api.created("mona", "/api/events", {"name": "Last year", "date": "2025-06-01"})
    assert _nominate(api, "alice", past, vip).status_code == 400
    assert _nominate(api, "alice", {"id": "nope"}, vip).status_code == 404
    assert api.post("alice", f"/api/events/{event['id']}/nominations", {"person_id": "nope"}).status_code == 404


def test_approval_grants_details_until_event_plus_30_days(api, app, event, vip):
    nomination = _nominate(api, "alice", event, vip).get_json()
    for who in ("alice", "mona", "bob"):
        assert api.get(who, f"/api/people/{vip['id']}").get_json()["details_locked"] is True
    _decide(api, "mona", nomination)
    for who in ("alice", "mona"):
        person = api.get(who, f"/api/people/{vip['id']}").get_json()
        assert (person["details_locked"], person["email"]) == (False, "victor@vip.example")
    assert api.get("bob", f"/api/people/{vip['id']}").get_json()["details_locked"] is True
    clock = app.extensions["carnet"].clock
    clock.advance(EVENT_DAY_MS + 31 * DAY_MS - 1 - NOW_MS)  # the last millisecond of event day + 30
    assert api.get("alice", f"/api/people/{vip['id']}").get_json()["details_locked"] is False
    clock.advance(1)
    assert api.get("alice", f"/api/people/{vip['id']}").get_json()["email"] is None
    api.get("mona", "/api/events")  # marks lapsed grants expired (audited once)
    api.get("mona", "/api/events")
    actions = [e["action"] for e in api.get("ada", "/api/audit").get_json()["entries"]]
    assert actions.count("grant.expire") == 2 and actions.count("grant.create") == 2
    assert actions.count("nomination.approve") == 1
    views = [e for e in api.get("ada", "/api/audit").get_json()["entries"] if e["action"] == "grant.view"]
    assert sorted(e["actor_name"] for e in views) == ["Alice", "Alice", "Mona"]  # none after expiry
    assert {e["person_id"] for e in views} == {vip["id"]}


def test_twenty_concurrent_decisions_give_exactly_one_transition(api, app, event, vip):
    from concurrent.futures import ThreadPoolExecutor

    nomination = _nominate(api, "alice", event, vip).get_json()
    services = app.extensions["carnet"]
    mona = api.cast.viewer("mona")

    def decide(i):
        try:
            return services.events.decide(mona, nomination["id"],
                                          {"decision": "approve" if i % 2 else "reject", "reason": f"t{i}"})["status"]
        except Conflict:
            return "conflict"

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(decide, range(20)))
    winners = [r for r in results if r != "conflict"]
    assert len(winners) == 1 and results.count("conflict") == 19
    final = services.events.get_nomination(mona, nomination["id"])
    assert final["status"] == winners[0]
    grants = services.store.read("grants/active_person_ids", user=api.cast.id("alice"), now=NOW_MS)[0]["ids"]
    assert grants == ([vip["id"]] if winners[0] == "approved" else [])
    decisions = [e for e in services.audit.list(api.cast.viewer("ada"))
                 if e["action"] in ("nomination.approve", "nomination.reject")]
    assert len(decisions) == 1
