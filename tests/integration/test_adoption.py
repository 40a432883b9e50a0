"""The adoption dashboard against the real store, with a clock moved week by week: each series is
compared with what the test did in each week."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.clock import FixedClock
from graph.errors import Forbidden
from graph.services import Services
from graph.services.adoption import WEEKS, week_starts
from tests.conftest import FAST_HASH, PASSWORD, Cast

MONDAY = int(dt.datetime(2026, 11, 2, 9, tzinfo=dt.timezone.utc).timestamp() * 1000)  # a Monday
WEEK = 7 * 86_400_000


@pytest.fixture
def svc(store):
    return Services(store, FixedClock(MONDAY), password_method=FAST_HASH)


@pytest.fixture
def people(svc):
    return Cast(svc)


def team(board, name):
    return next(t for t in board["teams"] if t["name"] == name)


def test_week_starts_are_mondays_ending_this_week():
    weeks = week_starts("2026-11-25")
    assert len(weeks) == WEEKS and weeks[-1] == "2026-11-23" and weeks[0] == "2026-09-07"
    assert all(dt.date.fromisoformat(w).weekday() == 0 for w in weeks)


def test_series_follow_what_happened_each_week(svc, people):
    ada, mona = people.viewer("ada"), people.viewer("mona")
    org = svc.organisations.create(ada, {"name": "Acme", "kind": "account"})
    cfo = svc.people.create(ada, {"name": "Claire", "organisation_id": org["id"]})
    contacts = [svc.people.create(ada, {"name": f"C{i}", "organisation_id": org["id"]}) for i in range(4)]
    # week 1 (three weeks ago): alice logs in and records two relationships; the CFO joins the plan
    svc.users.authenticate("alice", PASSWORD)
    alice = people.viewer("alice")
    rels = [svc.relationships.create(alice, {"person_id": alice.person_id, "other_id": c["id"], "strength": 2,
                                             "visibility": "team"}) for c in contacts[:2]]
    svc.plans.set_member(mona, org["id"], cfo["id"], {"role": "decision_maker", "stance": "ally", "influence": 5})
    # week 2: bob and alice log in; bob records one; alice updates one of hers
    svc.clock.advance(WEEK)
    svc.users.authenticate("alice", PASSWORD)
    svc.users.authenticate("bob", PASSWORD)
    bob = people.viewer("bob")
    svc.relationships.create(bob, {"person_id": bob.person_id, "other_id": contacts[2]["id"], "strength": 3,
                                   "visibility": "team"})
    svc.relationships.update(alice, rels[0]["id"], {"strength": 3})
    # week 3: alice covers the CFO (strength 4); carol (South) records one
    svc.clock.advance(WEEK)
    svc.relationships.create(alice, {"person_id": alice.person_id, "other_id": cfo["id"], "strength": 4,
                                     "visibility": "exclusive"})
    carol = people.viewer("carol")
    svc.relationships.create(carol, {"person_id": carol.person_id, "other_id": contacts[3]["id"], "strength": 2,
                                     "visibility": "team"})
    # week 4 (this week): nothing yet
    svc.clock.advance(WEEK)

    board = svc.adoption.dashboard(mona)
    assert [t["name"] for t in board["teams"]] == ["North"]  # a manager sees their teams only
    north = team(board, "North")
    assert north["size"] == 3
    assert north["active"][-4:] == [1, 2, 0, 0]
    assert north["recorded"][-4:] == [2, 1, 1, 0]
    assert north["updated"][-4:] == [0, 1, 0, 0]
    assert north["plans_updated"][-4:] == [1, 0, 0, 0]
    assert north["dm_covered"][-4:] == [0, 0, 100, 100]
    assert north["dm_covered"][0] is None  # no decision maker in a plan yet
    reps = {r["name"]: (sum(r["recorded"]), sum(r["updated"])) for r in north["reps"]}
    assert reps == {"Alice": (3, 1), "Bob": (1, 0), "Mona": (0, 0)}

    everyone = svc.adoption.dashboard(ada)
    assert {t["name"] for t in everyone["teams"]} == {"North", "South"}
    assert team(everyone, "South")["recorded"][-4:] == [0, 0, 1, 0]


def test_reps_may_not_see_the_dashboard(svc, people):
    for user in ("alice", "carol"):
        with pytest.raises(Forbidden):
            svc.adoption.dashboard(people.viewer(user))


def test_seen_writes_once_per_user_and_week(svc, people):
    store = svc.store
    before = store.version()
    svc.adoption.seen(people.id("bob"))
    after_first = store.version()
    svc.adoption.seen(people.id("bob"))
    assert after_first != before and store.version() == after_first
    assert team(svc.adoption.dashboard(people.viewer("mona")), "North")["active"][-1] == 1


def test_private_relationships_count_nowhere(svc, people):
    """A manager must not infer a rep's private contacts from the dashboard: recording, updating
    or covering a decision maker privately leaves every series as it was."""
    ada, mona, alice = people.viewer("ada"), people.viewer("mona"), people.viewer("alice")
    org = svc.organisations.create(ada, {"name": "Acme", "kind": "account"})
    cfo = svc.people.create(ada, {"name": "Claire", "organisation_id": org["id"]})
    svc.plans.set_member(mona, org["id"], cfo["id"], {"role": "decision_maker", "stance": "ally", "influence": 5})
    contact = svc.people.create(ada, {"name": "Secret", "organisation_id": org["id"]})
    before = svc.adoption.dashboard(mona)
    svc.clock.advance(1000)
    rel = svc.relationships.create(alice, {"person_id": alice.person_id, "other_id": contact["id"], "strength": 2,
                                           "visibility": "private"})
    svc.relationships.create(alice, {"person_id": alice.person_id, "other_id": cfo["id"], "strength": 5,
                                     "visibility": "private"})
    svc.clock.advance(1000)
    svc.relationships.update(alice, rel["id"], {"strength": 4})
    assert svc.adoption.dashboard(mona) == before
