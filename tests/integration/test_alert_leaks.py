"""Alerts tell each recipient only what that recipient may see: no strength of a relationship
they see locked, no private relationship changing whether or how an alert fires for anyone
but its owner, and a nomination's decision reminder never goes to its nominator."""

from __future__ import annotations

import pytest

from graph import alerts as rules
from tests.integration.test_alerts import account, know, people, staff, svc, texts  # noqa: F401 (fixtures)


def _decision_maker(svc, people, name="Claire Finance"):
    org = account(svc, people)
    return org, staff(svc, people, org, name)


def _plan(svc, people, org, person):
    svc.plans.set_member(people.viewer("mona"), org["id"], person["id"],
                         {"role": "decision_maker", "stance": "neutral", "influence": 5})


@pytest.mark.parametrize("level", ["exclusive", "team"])
def test_an_uncovered_alert_never_carries_a_strength_the_recipient_sees_locked(svc, people, level):
    org, cfo = _decision_maker(svc, people)
    know(svc, people, "carol", cfo, 2, level)  # South: mona sees it locked
    _plan(svc, people, org, cfo)
    svc.alerts.run()
    assert not any("strength" in t for t in texts(svc, people, "mona"))
    assert any("strength-2" in t for t in texts(svc, people, "carol"))  # her own relationship


def test_an_uncovered_alert_shows_a_strength_the_recipient_sees(svc, people):
    org, cfo = _decision_maker(svc, people)
    know(svc, people, "bob", cfo, 2, "exclusive")  # North: mona, his manager, sees it
    _plan(svc, people, org, cfo)
    assert any("strength-2" in t for t in texts(svc, people, "mona"))


def test_a_private_relationship_changes_no_alert_of_anyone_else(svc, people):
    org, cfo = _decision_maker(svc, people)
    know(svc, people, "alice", cfo, 1, "team")
    _plan(svc, people, org, cfo)
    svc.alerts.run()
    before = {u: texts(svc, people, u) for u in people.users if u != "carol"}
    other, twin = _decision_maker(svc, people, "Claire Finance")
    know(svc, people, "alice", twin, 1, "team")
    know(svc, people, "carol", twin, 5, "private")
    know(svc, people, "bob", twin, 2, "private")
    _plan(svc, people, other, twin)
    svc.alerts.run()
    after = {u: texts(svc, people, u) for u in people.users if u != "carol"}
    for user, said in before.items():
        assert sorted(after[user]) == sorted(said * 2), user


def test_a_managers_own_nomination_waiting_reminds_an_admin_not_its_nominator(svc, people):
    org, guest = _decision_maker(svc, people, "Gina Guest")
    event = svc.events.create(people.viewer("mona"), {"name": "Gala", "date": "2027-03-01"})
    svc.events.nominate(people.viewer("mona"), event["id"], {"person_id": guest["id"]})
    svc.clock.advance((rules.PENDING_DAYS + 1) * rules.DAY_MS)
    assert svc.alerts.run()["pending"] == 1
    assert any("your decision" in t for t in texts(svc, people, "ada"))
    assert not any("Gina" in t for t in texts(svc, people, "mona"))
