"""Post-event outcomes over the API on the real store: every transition and refusal,
who sees an outcome (a hand-written table, not the service's own rule), and that the holder of
a private relationship is never revealed.

The guest, Victor, is known exclusively by bob (asked, consents), at team level by nina and
privately by dave; alice nominates him for mona's event on 2026-03-01; the clock starts on
2026-01-01 and moves to the event day to record."""

from __future__ import annotations

import json

import pytest

from graph.visibility import SYSTEM
from tests.api.conftest import NOW_MS
from tests.conftest import PASSWORD

EVENT_DAY_MS = 1_772_323_200_000  # 2026-03-01T00:00:00Z
FEEDBACK = "Loved the wine pairing; asked about the Lyon plant"

# Who may read the outcome of alice's nomination once it is recorded, by hand.
SEES_OUTCOME = {
    "bob": True,     # exclusive owner, asked and consented
    "nina": True,    # team-level owner: her contact was shared too
    "alice": True,   # nominator
    "mona": True,    # event manager
    "ada": True,     # admin
    "carol": False,  # another rep, holds nothing
    "sam": False,    # manager of another team (and of dave, the private holder)
    "dave": False,   # private holder: told of the nomination, never of the outcome
}


@pytest.fixture
def guest(api, app):
    """Victor approved for mona's event, his holders as above; returns the ids involved."""
    s = app.extensions["carnet"]
    extra = {u: s.users.create(SYSTEM, {"username": u, "password": PASSWORD, "role": "rep", "team": team,
                                        "name": u.title()})
             for u, team in (("nina", "North"), ("dave", "South"))}
    vip = api.created("ada", "/api/people", {"name": "Victor Vip", "email": "victor@vip.example"})
    for who, person, level in (("bob", api.cast.person("bob"), "exclusive"),
                               ("nina", extra["nina"]["person_id"], "team"),
                               ("dave", extra["dave"]["person_id"], "private")):
        api.created(who, "/api/relationships", {"person_id": person, "other_id": vip["id"], "strength": 4,
                                                "visibility": level})
    event = api.created("mona", "/api/events", {"name": "Partner summit", "date": "2026-03-01"})
    nomination = api.created("alice", f"/api/events/{event['id']}/nominations", {"person_id": vip["id"]})
    assert nomination["status"] == "pending_owner"
    assert api.post("bob", f"/api/nominations/{nomination['id']}/consent", {"decision": "consent"}).status_code == 200
    assert _post(api, "mona", nomination, "decision", decision="approve").status_code == 200
    return {"vip": vip, "event": event, "nomination": nomination, "ids": {u: x["id"] for u, x in extra.items()},
            "clock": s.clock}


def _post(api, who, nomination, verb="outcome", **data):
    return api.post(who, f"/api/nominations/{nomination['id']}/{verb}", data)


def _event_day(guest, ms_before=0):
    guest["clock"].advance(EVENT_DAY_MS - ms_before - guest["clock"].now_ms())


def _outcome_kinds(api, who):
    return [n for n in api.get(who, "/api/notifications").get_json()["notifications"] if "fared" in n["text"]]


def test_refused_before_the_event_day_with_a_clear_message(api, guest):
    _event_day(guest, ms_before=1)  # 2026-02-28T23:59:59.999Z
    early = _post(api, "mona", guest["nomination"], outcome="attended", feedback=FEEDBACK)
    assert early.status_code == 409
    assert early.get_json() == {"error": "Partner summit takes place on 2026-03-01: outcomes are recorded from "
                                         "that day on", "field": "outcome"}
    got = api.get("mona", f"/api/nominations/{guest['nomination']['id']}").get_json()
    assert (got["outcome"], got["feedback"]) == (None, None)
    assert _outcome_kinds(api, "bob") == []
    guest["clock"].advance(1)  # the event day itself opens recording
    assert _post(api, "mona", guest["nomination"], outcome="attended").status_code == 200


def test_only_an_approved_guest_has_an_outcome(api, guest):
    event = guest["event"]
    people = [api.created("ada", "/api/people", {"name": f"Guest {i}"}) for i in range(2)]
    pending = api.created("alice", f"/api/events/{event['id']}/nominations", {"person_id": people[0]["id"]})
    rejected = api.created("alice", f"/api/events/{event['id']}/nominations", {"person_id": people[1]["id"]})
    assert _post(api, "mona", rejected, "decision", decision="reject").status_code == 200
    other = api.created("mona", "/api/events", {"name": "Second", "date": "2026-03-01"})
    asking = api.created("alice", f"/api/events/{other['id']}/nominations", {"person_id": guest["vip"]["id"]})
    assert asking["status"] == "pending_owner"
    _event_day(guest)
    for nomination, status in ((pending, "pending manager"), (rejected, "rejected"), (asking, "pending owner")):
        refused = _post(api, "mona", nomination, outcome="attended")
        assert refused.status_code == 409, status
        assert refused.get_json()["error"] == f"only an approved guest has an outcome; this nomination is {status}"


def test_record_then_update_each_outcome_audited_and_told(api, guest):
    _event_day(guest)
    nomination = guest["nomination"]
    first = _post(api, "mona", nomination, outcome="attended", feedback=FEEDBACK)
    assert first.status_code == 200
    body = first.get_json()
    assert (body["status"], body["outcome"], body["feedback"], body["outcome_by_name"], body["outcome_at"]) == \
        ("approved", "attended", FEEDBACK, "Mona", "2026-03-01T00:00:00Z")
    for outcome, feedback in (("no_show", None), ("declined", "Called in sick, sent his deputy")):
        again = _post(api, "ada", nomination, outcome=outcome, feedback=feedback)
        assert again.status_code == 200
        assert (again.get_json()["outcome"], again.get_json()["feedback"], again.get_json()["outcome_by_name"]) == \
            (outcome, feedback, "Ada")
    entries = api.get("ada", "/api/audit").get_json()["entries"]
    recorded = [(e["action"], e["actor_name"], e["nomination_id"]) for e in entries if e["action"].startswith("outcome.")]
    assert sorted(recorded) == [("outcome.record", "Mona", nomination["id"]), ("outcome.update", "Ada", nomination["id"]),
                                ("outcome.update", "Ada", nomination["id"])]
    assert FEEDBACK not in json.dumps(entries)  # the audit says who and when; feedback stays with its readers
    # owners and the nominator are told at each record; the private holder and bystanders never
    told = {who: _outcome_kinds(api, who) for who in SEES_OUTCOME}
    assert {who: len(notes) for who, notes in told.items()} == \
        {"bob": 3, "nina": 3, "alice": 3, "mona": 0, "ada": 0, "carol": 0, "sam": 0, "dave": 0}
    assert all(n["link"] == f"/events/{guest['event']['id']}" and n["kind"] == "outcome"
               for notes in told.values() for n in notes)
    texts = sorted(n["text"] for n in told["bob"])  # one instant on this clock: compare as a set
    assert texts == ["Ada updated how Victor Vip, whom you shared, fared at Partner summit (2026-03-01): "
                     "declined on the day. The feedback is on the event page.",
                     "Ada updated how Victor Vip, whom you shared, fared at Partner summit (2026-03-01): "
                     "did not show up. The feedback is on the event page.",
                     "Mona recorded how Victor Vip, whom you shared, fared at Partner summit (2026-03-01): "
                     "attended. The feedback is on the event page."]
    assert sorted(n["text"] for n in told["alice"])[-1] == \
        "Mona recorded how your guest Victor Vip fared at Partner summit: attended."


def test_who_may_record_and_checks_before_reading_the_body(api, guest):
    nomination = guest["nomination"]
    _event_day(guest)
    expected = {"alice": 403, "bob": 403, "carol": 404, "sam": 404, "nina": 404, "dave": 404}
    for who, code in expected.items():
        for data in ({"outcome": "attended"}, {"outcome": "maybe", "extra": 1}):  # a bad body changes nothing
            assert _post(api, who, nomination, **data).status_code == code, (who, data)
    assert api.post("mona", "/api/nominations/0f0e-unknown/outcome", {"outcome": "maybe"}).status_code == 404
    bad = _post(api, "mona", nomination, outcome="maybe")
    assert (bad.status_code, bad.get_json()["field"]) == (400, "outcome")
    assert _post(api, "mona", nomination, outcome="attended", extra="x").status_code == 400
    assert _post(api, "mona", nomination, feedback="no outcome").get_json()["field"] == "outcome"
    long = _post(api, "mona", nomination, outcome="attended", feedback="x" * 4001)
    assert (long.status_code, long.get_json()["field"]) == (400, "feedback")
    assert _post(api, "mona", nomination, outcome="attended").status_code == 200
    # nina now reads the nomination (her contact was shared) but still may not record
    assert _post(api, "nina", nomination, outcome="no_show").status_code == 403
    assert api.get("mona", f"/api/nominations/{nomination['id']}").get_json()["outcome"] == "attended"


def test_outcome_visible_to_exactly_the_owners_nominator_manager_and_admin(api, guest):
    nomination, event = guest["nomination"], guest["event"]
    _event_day(guest)
    assert _post(api, "mona", nomination, outcome="attended", feedback=FEEDBACK).status_code == 200
    for who, sees in SEES_OUTCOME.items():
        one = api.get(who, f"/api/nominations/{nomination['id']}")
        page = api.get(who, f"/api/events/{event['id']}")
        listed = [n for n in page.get_json()["nominations"] if n["id"] == nomination["id"]]
        if sees:
            assert one.status_code == 200 and (one.get_json()["outcome"], one.get_json()["feedback"]) == \
                ("attended", FEEDBACK), who
            assert [n["feedback"] for n in listed] == [FEEDBACK], who
        else:
            assert one.status_code == 404 and listed == [], who
            assert FEEDBACK not in page.get_data(as_text=True), who


def test_a_private_holder_is_never_revealed(api, guest):
    nomination, event = guest["nomination"], guest["event"]
    dave = guest["ids"]["dave"]
    _event_day(guest)
    _post(api, "mona", nomination, outcome="no_show", feedback=FEEDBACK)
    _post(api, "mona", nomination, outcome="attended", feedback=FEEDBACK)
    for who in SEES_OUTCOME:
        if who == "dave":
            continue
        seen = json.dumps([api.get(who, f"/api/nominations/{nomination['id']}").get_json(),
                           api.get(who, f"/api/events/{event['id']}").get_json(),
                           api.get(who, "/api/notifications").get_json()])
        assert dave not in seen and "Dave" not in seen, who
    assert dave not in json.dumps(api.get("ada", "/api/audit").get_json())
    assert [n["kind"] for n in api.get("dave", "/api/notifications").get_json()["notifications"]] == ["told"]
    assert api.get("dave", f"/api/nominations/{nomination['id']}").status_code == 404


def test_now_is_before_the_event(guest):
    """The fixture's clock really starts before the event (else the refusals above prove nothing)."""
    assert guest["clock"].now_ms() == NOW_MS < EVENT_DAY_MS
