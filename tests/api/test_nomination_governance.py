"""Governed sharing through events: nobody decides a nomination they made, a grant's length is
bounded, the holders whose sharing a grant would widen are asked, and nothing in the flow
answers differently because a private relationship exists."""

from __future__ import annotations

import json

import pytest

from graph.services.grants import DAY_MS
from tests.api.conftest import NOW_MS
from tests.conftest import login

MAX_GRANT_DAYS = 90  # a grant never outlives its approval by more than this


@pytest.fixture
def vip(api) -> dict:
    return api.created("ada", "/api/people", {"name": "Victor Vip", "email": "victor@vip.example"})


def _event(api, who="mona", date="2026-03-01") -> dict:
    return api.created(who, "/api/events", {"name": f"Summit {date}", "date": date})


def _know(api, who, person, level):
    api.created(who, "/api/relationships", {"person_id": api.cast.person(who), "other_id": person["id"],
                                            "strength": 4, "visibility": level})


def _nominate(api, who, event, person) -> dict:
    response = api.post(who, f"/api/events/{event['id']}/nominations", {"person_id": person["id"]})
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def _decide(api, who, nomination, decision="approve"):
    return api.post(who, f"/api/nominations/{nomination['id']}/decision", {"decision": decision, "reason": "ok"})


def _services(api):
    return api.client.application.extensions["carnet"]


def test_a_manager_never_decides_a_nomination_they_made_for_their_own_event(api, vip):
    event = _event(api, "mona")
    mine = _nominate(api, "mona", event, vip)
    assert mine["status"] == "pending_manager" and mine["can_decide"] is False
    refused = _decide(api, "mona", mine)
    assert refused.status_code == 403
    assert api.get("mona", f"/api/nominations/{mine['id']}").get_json()["status"] == "pending_manager"
    assert any(n["kind"] == "decision" for n in api.get("ada", "/api/notifications").get_json()["notifications"])
    assert api.get("ada", f"/api/nominations/{mine['id']}").get_json()["can_decide"] is True
    assert _decide(api, "ada", mine).get_json()["status"] == "approved"


def test_an_admin_never_decides_a_nomination_they_made(api, vip):
    own = _event(api, "ada")
    assert _decide(api, "ada", _nominate(api, "ada", own, vip)).status_code == 403
    other = _event(api, "mona", "2026-04-01")
    theirs = _nominate(api, "ada", other, vip)
    assert _decide(api, "ada", theirs).status_code == 403
    assert _decide(api, "mona", theirs).status_code == 200


def test_the_event_page_offers_no_decide_button_to_the_nominator(api, vip):
    event = _event(api, "mona")
    mine = _nominate(api, "mona", event, vip)
    login(api.client, "mona")
    page = api.client.get(f"/events/{event['id']}").get_data(as_text=True)
    assert "Victor Vip" in page and f"/nominations/{mine['id']}/decision" not in page


def test_an_event_more_than_a_year_ahead_is_refused_on_date(api):
    for date in ("2199-01-01", "2027-01-02"):
        far = api.post("mona", "/api/events", {"name": "Far away", "date": date})
        assert (far.status_code, far.get_json()["field"]) == (400, "date"), date
    assert api.post("mona", "/api/events", {"name": "Next winter", "date": "2027-01-01"}).status_code == 201


def test_a_grant_ends_at_the_earlier_of_the_event_date_plus_30_days_and_the_approval_day_plus_90(api, vip):
    late = _event(api, "mona", "2026-12-01")
    n = _nominate(api, "alice", late, vip)
    assert _decide(api, "mona", n).status_code == 200
    s = _services(api)
    grants = s.grants.mine(api.cast.viewer("alice"))
    assert [g["expires_at"] for g in grants] == [NOW_MS + (MAX_GRANT_DAYS + 1) * DAY_MS]
    audit = [e for e in s.audit.list(api.cast.viewer("ada")) if e["action"] == "grant.create"]
    assert audit and all("until 2026-04-01" in e["detail"] for e in audit)


def test_a_grant_on_an_event_stored_far_ahead_is_still_bounded(api, vip):
    s = _services(api)
    s.store.write("events/create_event", event={"id": "far-event", "name": "Centenary", "date": "2199-06-01",
                                                "manager": api.cast.id("mona"), "created_at": NOW_MS})
    n = _nominate(api, "alice", {"id": "far-event"}, vip)
    assert _decide(api, "mona", n).status_code == 200
    expiries = [g["expires_at"] for g in s.grants.mine(api.cast.viewer("alice"))]
    assert expiries == [NOW_MS + (MAX_GRANT_DAYS + 1) * DAY_MS]


def test_a_team_holder_whose_sharing_the_grant_widens_is_asked(api, vip):
    _know(api, "carol", vip, "team")  # South: alice and mona see it locked
    _know(api, "bob", vip, "team")  # North: alice and mona already see it
    n = _nominate(api, "alice", _event(api, "mona"), vip)
    assert n["status"] == "pending_owner"
    assert [o["name"] for o in n["owners"]] == ["Carol"]
    assert _decide(api, "mona", n).status_code == 409
    asked = api.get("carol", "/api/notifications").get_json()["notifications"]
    assert [x["kind"] for x in asked] == ["consent"] and "whom you share with your team" in asked[0]["text"]
    assert api.get("bob", "/api/notifications").get_json()["notifications"] == []
    assert api.post("carol", f"/api/nominations/{n['id']}/consent", {"decision": "consent"}).get_json()["status"] \
        == "pending_manager"


def test_a_private_relationship_changes_nothing_the_nominator_or_manager_sees(api, vip):
    """Same nomination with and without carol's private relationship (and bob's private one,
    on a person he also holds at team level): the same answers, apart from ids."""
    other = api.created("ada", "/api/people", {"name": "Victor Vip", "email": "twin@vip.example"})
    _know(api, "carol", vip, "private")
    _know(api, "sam", vip, "private")
    with_private = _nominate(api, "alice", _event(api, "mona"), vip)
    without = _nominate(api, "alice", _event(api, "mona", "2026-04-01"), other)

    def plain(n):
        return {k: val for k, val in n.items() if k not in ("id", "event_id", "event_name", "person_id",
                                                           "created_at")}
    assert plain(with_private) == plain(without)
    seen = json.dumps([api.get(who, f"/api/nominations/{with_private['id']}").get_json() for who in
                       ("alice", "mona", "ada")] + [api.get("mona", "/api/notifications").get_json()])
    for who in ("carol", "sam"):
        assert api.cast.id(who) not in seen
    assert "Carol" not in seen and "Sam" not in seen
