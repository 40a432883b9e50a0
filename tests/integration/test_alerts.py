"""Alerts against the real store: each rule, who hears it, once only, dismiss/snooze, resolution,
the hooks on writes, e-mail through a real SMTP server, and that a private relationship never
reaches anyone but its owner through an alert."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import alerts as rules
from graph.adapters.mailer import SmtpMailer
from graph.clock import FixedClock
from graph.services import Services
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, Cast
from tests.smtp import smtp_inbox

NOW = int(dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone.utc).timestamp() * 1000)
DAY = rules.DAY_MS


@pytest.fixture
def svc(store):
    return Services(store, FixedClock(NOW), password_method=FAST_HASH)


@pytest.fixture
def people(svc):
    return Cast(svc)


def account(svc, people, name="Acme"):
    ada = people.viewer("ada")
    org = svc.organisations.create(ada, {"name": name, "kind": "account"})
    return org


def staff(svc, people, org, name, title="CFO", **position):
    ada = people.viewer("ada")
    person = svc.people.create(ada, {"name": name, "title": title, "organisation_id": org["id"]})
    if position:
        svc.people.add_position(ada, person["id"], {"organisation_id": org["id"], "title": title, **position})
    return person


def know(svc, people, user, person, strength, visibility, **extra):
    viewer = people.viewer(user)
    return svc.relationships.create(viewer, {"person_id": viewer.person_id, "other_id": person["id"],
                                             "strength": strength, "visibility": visibility, **extra})


def texts(svc, people, user):
    return [a["text"] for a in svc.alerts.mine(people.viewer(user))]


def inbox(svc, people, user):
    return [n for n in svc.notifications.inbox(people.viewer(user)) if n["kind"] == "alert"]


# -- uncovered decision makers -----------------------------------------------------------------------
def test_uncovered_decision_maker_reaches_plan_team_once(svc, people):
    org = account(svc, people)
    cfo = staff(svc, people, org, "Claire Finance")
    buyer = staff(svc, people, org, "Bruno Buyer", "Buyer")
    know(svc, people, "bob", buyer, 4, "team")  # bob works the account: he is on its team
    mona = people.viewer("mona")
    svc.plans.set_member(mona, org["id"], buyer["id"], {"role": "user", "stance": "ally", "influence": 2})
    svc.plans.set_member(mona, org["id"], cfo["id"], {"role": "decision_maker", "stance": "neutral", "influence": 5})
    # the write itself raised it (hook), for the editor and the account team
    assert any("Claire Finance" in t and "not covered" in t for t in texts(svc, people, "mona"))
    assert any("Claire Finance" in t for t in texts(svc, people, "bob"))
    assert texts(svc, people, "carol") == [] and texts(svc, people, "alice") == []
    assert svc.alerts.run()["uncovered"] == 0  # already delivered: not sent twice
    assert len([n for n in inbox(svc, people, "mona") if "Claire" in n["text"]]) == 1


def test_private_relationship_neither_covers_nor_is_revealed(svc, people):
    org = account(svc, people)
    cfo = staff(svc, people, org, "Claire Finance")
    know(svc, people, "carol", cfo, 5, "private", notes="SECRET-NOTE")
    svc.plans.set_member(people.viewer("mona"), org["id"], cfo["id"],
                         {"role": "decision_maker", "stance": "neutral", "influence": 5})
    mona_says = texts(svc, people, "mona")
    assert any("no relationship" in t for t in mona_says)  # the private one is not counted …
    assert texts(svc, people, "carol") == []  # … and its holder is not on the account team
    everything = " ".join(t for u in people.users for t in texts(svc, people, u))
    assert "Carol" not in everything and "SECRET-NOTE" not in everything


def test_a_colleagues_private_relationship_on_the_same_pair_neither_covers_nor_shows(svc, people):
    """alice records she knows the CFO weakly; carol privately records that alice knows her
    well: the decision maker stays uncovered, and nothing says carol or her strength."""
    org = account(svc, people)
    cfo = staff(svc, people, org, "Claire Finance")
    know(svc, people, "alice", cfo, 1, "team")
    carol = people.viewer("carol")
    svc.relationships.create(carol, {"person_id": people.person("alice"), "other_id": cfo["id"], "strength": 5,
                                     "visibility": "private", "notes": "SECRET-NOTE"})
    svc.plans.set_member(people.viewer("mona"), org["id"], cfo["id"],
                         {"role": "decision_maker", "stance": "neutral", "influence": 5})
    mona_says = texts(svc, people, "mona")
    assert any("Claire Finance" in t and "not covered" in t for t in mona_says)
    everything = " ".join(t for u in people.users for t in texts(svc, people, u))
    assert "Carol" not in everything and "SECRET-NOTE" not in everything and "5" not in everything


def test_covered_resolves_then_reopens_when_coverage_goes(svc, people):
    org = account(svc, people)
    cfo = staff(svc, people, org, "Claire Finance")
    mona = people.viewer("mona")
    svc.plans.set_member(mona, org["id"], cfo["id"], {"role": "decision_maker", "stance": "neutral", "influence": 5})
    assert len(texts(svc, people, "mona")) == 1
    rel = know(svc, people, "alice", cfo, 3, "team")
    assert svc.alerts.run()["resolved"] == 1
    assert texts(svc, people, "mona") == []
    svc.relationships.delete(people.viewer("alice"), rel["id"])
    assert svc.alerts.run()["uncovered"] >= 1  # firing again: open and sent again
    assert len(texts(svc, people, "mona")) == 1
    assert len([n for n in inbox(svc, people, "mona") if "Claire" in n["text"]]) == 2


def test_weak_relationship_does_not_cover(svc, people):
    org = account(svc, people)
    cfo = staff(svc, people, org, "Claire Finance")
    know(svc, people, "alice", cfo, 2, "company")
    svc.plans.set_member(people.viewer("mona"), org["id"], cfo["id"],
                         {"role": "decision_maker", "stance": "neutral", "influence": 5})
    assert any("strength-2" in t for t in texts(svc, people, "mona"))


# -- dismiss and snooze ------------------------------------------------------------------------------
def test_dismissed_alert_is_not_raised_again(svc, people):
    org = account(svc, people)
    cfo = staff(svc, people, org, "Claire Finance")
    mona = people.viewer("mona")
    svc.plans.set_member(mona, org["id"], cfo["id"], {"role": "decision_maker", "stance": "neutral", "influence": 5})
    alert = svc.alerts.mine(mona)[0]
    assert svc.alerts.dismiss(mona, alert["id"])["status"] == "dismissed"
    svc.alerts.run()
    assert svc.alerts.mine(mona) == []


def test_snoozed_alert_comes_back_after_the_snooze(svc, people):
    org = account(svc, people)
    cfo = staff(svc, people, org, "Claire Finance")
    mona = people.viewer("mona")
    svc.plans.set_member(mona, org["id"], cfo["id"], {"role": "decision_maker", "stance": "neutral", "influence": 5})
    alert = svc.alerts.mine(mona)[0]
    svc.alerts.snooze(mona, alert["id"], 7)
    assert svc.alerts.mine(mona) == []
    svc.clock.advance(6 * DAY)
    svc.alerts.run()
    assert svc.alerts.mine(mona) == []
    svc.clock.advance(2 * DAY)
    assert svc.alerts.run()["uncovered"] == 1  # re-sent once the snooze is over
    assert [a["id"] for a in svc.alerts.mine(mona)] == [alert["id"]]


def test_only_the_alerts_user_may_answer_it(svc, people):
    from graph.errors import NotFound, ValidationError
    org = account(svc, people)
    cfo = staff(svc, people, org, "Claire Finance")
    mona = people.viewer("mona")
    svc.plans.set_member(mona, org["id"], cfo["id"], {"role": "decision_maker", "stance": "neutral", "influence": 5})
    alert = svc.alerts.mine(mona)[0]
    for other in ("sam", "ada", "alice"):
        with pytest.raises(NotFound):
            svc.alerts.dismiss(people.viewer(other), alert["id"])
    with pytest.raises(ValidationError):
        svc.alerts.snooze(mona, alert["id"], 0)
    with pytest.raises(NotFound):
        svc.alerts.dismiss(mona, "no-such-alert")


# -- stale relationships -----------------------------------------------------------------------------
def test_stale_relationship_goes_to_its_owner_only(svc, people):
    org = account(svc, people)
    old = staff(svc, people, org, "Olga Old")
    fresh = staff(svc, people, org, "Fred Fresh")
    never = staff(svc, people, org, "Nina Never")
    know(svc, people, "alice", old, 4, "private", last_contact="2026-01-10")
    know(svc, people, "alice", fresh, 4, "company", last_contact="2026-10-01")
    know(svc, people, "bob", never, 1, "team")  # no contact logged, recorded today: not stale yet
    assert svc.alerts.run()["stale"] == 1
    mine = texts(svc, people, "alice")
    assert len(mine) == 1 and "Olga Old" in mine[0] and "lower the rating" in mine[0]
    for other in ("bob", "mona", "carol", "sam", "ada"):
        assert texts(svc, people, other) == []
    svc.clock.advance(200 * DAY)  # now bob's never-contacted one is old too
    svc.alerts.run()
    bobs = texts(svc, people, "bob")
    assert len(bobs) == 1 and "Nina Never" in bobs[0] and "lower the rating" not in bobs[0]


def test_logging_a_contact_ends_a_stale_alert(svc, people):
    org = account(svc, people)
    old = staff(svc, people, org, "Olga Old")
    rel = know(svc, people, "alice", old, 4, "team", last_contact="2026-01-10")
    svc.alerts.run()
    assert len(texts(svc, people, "alice")) == 1
    svc.relationships.update(people.viewer("alice"), rel["id"], {"last_contact": "2026-11-20"})
    svc.alerts.run()
    assert texts(svc, people, "alice") == []


def test_stale_alerts_are_capped_per_owner_strongest_first(svc, people):
    org = account(svc, people)
    for i in range(rules.STALE_PER_OWNER + 5):
        know(svc, people, "alice", staff(svc, people, org, f"Person {i:02d}"), 5 if i < 3 else 2, "team",
             last_contact="2025-01-01")
    assert svc.alerts.run()["stale"] == rules.STALE_PER_OWNER
    strong = [t for t in texts(svc, people, "alice") if "rated 5" in t]
    assert len(strong) == 3


# -- leavers and successors --------------------------------------------------------------------------
def test_leaving_person_triggers_successor_alert(svc, people):
    org = account(svc, people)
    buyer = staff(svc, people, org, "Bernard Buyer", "Head of purchasing")
    successor = staff(svc, people, org, "Sophie Next", "Head of purchasing")
    know(svc, people, "alice", buyer, 4, "exclusive")
    know(svc, people, "carol", buyer, 3, "private")
    mona = people.viewer("mona")
    svc.plans.set_member(mona, org["id"], buyer["id"], {"role": "economic_buyer", "stance": "ally", "influence": 4})
    assert all("leaves" not in t for t in texts(svc, people, "alice"))
    # the buyer retires in 45 days: recorded as an ended position
    svc.people.add_position(people.viewer("ada"), buyer["id"], {"organisation_id": org["id"],
                                                                "title": "Head of purchasing",
                                                                "start": "2010-01-01", "end": "2027-01-07"})
    for user in ("alice", "carol", "mona"):
        said = [t for t in texts(svc, people, user) if "leaves" in t]
        assert len(said) == 1, user
        assert "Sophie Next" in said[0] and "2027-01-07" in said[0]
    assert not any("leaves" in t for u in ("bob", "sam", "ada") for t in texts(svc, people, u))
    assert svc.alerts.run()["leaving"] == 0  # not twice
    assert successor["id"]


def test_position_ending_later_than_the_horizon_is_quiet(svc, people):
    org = account(svc, people)
    buyer = staff(svc, people, org, "Bernard Buyer", "Buyer")
    know(svc, people, "alice", buyer, 4, "team")
    svc.people.add_position(people.viewer("ada"), buyer["id"], {"organisation_id": org["id"], "title": "Buyer",
                                                                "end": "2027-07-01"})
    assert texts(svc, people, "alice") == []
    svc.clock.advance(160 * DAY)  # mid-May 2027: within 60 days of July
    svc.alerts.run()
    assert any("leaves" in t for t in texts(svc, people, "alice"))


# -- pending decisions, job changes ------------------------------------------------------------------
def test_nomination_waiting_more_than_three_days(svc, people):
    org = account(svc, people)
    guest = staff(svc, people, org, "Gina Guest")
    know(svc, people, "alice", guest, 4, "exclusive")
    event = svc.events.create(people.viewer("mona"), {"name": "Gala", "date": "2027-03-01"})
    svc.events.nominate(people.viewer("bob"), event["id"], {"person_id": guest["id"]})
    svc.clock.advance(2 * DAY)
    assert svc.alerts.run()["pending"] == 0
    svc.clock.advance(2 * DAY)
    assert svc.alerts.run()["pending"] == 1
    assert any("your consent" in t for t in texts(svc, people, "alice"))
    assert texts(svc, people, "mona") == [] or not any("Gina" in t for t in texts(svc, people, "mona"))


def test_job_change_tells_whoever_knows_the_person(svc, people):
    org = account(svc, people)
    moved = staff(svc, people, org, "Mo Ved")
    know(svc, people, "bob", moved, 3, "private")
    sent = svc.alerts.job_changes([{"person_id": moved["id"], "name": "Mo Ved", "old_organisation": "Acme",
                                    "new_organisation": "Globex"}])
    assert [a["user_id"] for a in sent] == [people.id("bob")]
    assert svc.alerts.job_changes([{"person_id": moved["id"], "name": "Mo Ved", "old_organisation": "Acme",
                                    "new_organisation": "Globex"}]) == []


def test_disabled_users_hear_nothing(svc, people):
    org = account(svc, people)
    old = staff(svc, people, org, "Olga Old")
    know(svc, people, "alice", old, 4, "team", last_contact="2025-01-10")
    svc.users.set_active(people.viewer("ada"), people.id("alice"), False)
    assert svc.alerts.run()["stale"] == 0


# -- e-mail ------------------------------------------------------------------------------------------
def test_alerts_are_mailed_once_through_smtp(svc, people):
    with smtp_inbox() as (box, port):
        svc.alerts.mailer = SmtpMailer("127.0.0.1", port, "carnet@example.test")
        ada = people.viewer("ada")
        svc.people.update(ada, people.person("alice"), {"email": "alice@example.test"})
        org = account(svc, people)
        know(svc, people, "alice", staff(svc, people, org, "Olga Old"), 4, "team", last_contact="2025-01-10")
        svc.alerts.run()
        svc.alerts.run()
    assert len(box.mails) == 1
    to, content = box.mails[0]
    assert to == ["alice@example.test"] and "Olga Old" in content and "Relationship going cold" in content


def test_unreachable_smtp_keeps_the_in_app_alert(svc, people):
    svc.alerts.mailer = SmtpMailer("127.0.0.1", 9, timeout=2)  # nothing listens on the discard port
    svc.people.update(people.viewer("ada"), people.person("alice"), {"email": "alice@example.test"})
    org = account(svc, people)
    know(svc, people, "alice", staff(svc, people, org, "Olga Old"), 4, "team", last_contact="2025-01-10")
    assert svc.alerts.run()["stale"] == 1
    assert len(texts(svc, people, "alice")) == 1


def test_system_viewer_has_no_alerts(svc):
    assert svc.alerts.mine(SYSTEM) == []
