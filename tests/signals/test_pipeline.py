"""The signals pipeline on the real store: idempotent ingest, attribution by e-mail, direction,
suggestions and what accepting them writes (and what it never writes)."""

from __future__ import annotations

import pytest

from graph.errors import Conflict, NotFound
from graph.signals.records import Meeting, Message
from tests.signals.world import ALICE, World, card


@pytest.fixture
def w(services, cast):
    return World(services, cast)


def test_second_ingest_counts_nothing_twice(w):
    first = w.feed()
    assert first == {"meetings": 8, "messages": 6, "cards": 0}
    assert w.feed() == {"meetings": 0, "messages": 0, "cards": 0}
    summary = w.s.signals.person_summary(w.cast.viewer("alice"), w.paul)
    assert summary["meetings_90d"] == 8  # another source bringing the same meetings does not double them
    w.feed("again")
    assert w.s.signals.person_summary(w.cast.viewer("alice"), w.paul)["meetings_90d"] == 8


def test_summary_matches_case_insensitively_and_explains(w):
    w.feed()
    s = w.s.signals.person_summary(w.cast.viewer("alice"), w.paul)
    assert (s["meetings_30d"], s["meetings_90d"], s["meetings_365d"]) == (4, 8, 8)
    assert s["two_way"] is True and s["suggested_strength"] == 5
    assert s["last_contact"] is not None and s["first_contact"] < s["last_contact"]
    assert s["reason"] == "8 meetings in 90 days, last 3 days ago, replies both ways" or "8 meetings" in s["reason"]


def test_direction_follows_the_users_own_addresses(w):
    alice = w.cast.viewer("alice")
    w.s.signals.ingest(alice, "mail", messages=[
        Message("<1@x>", w.days_ago(1), ALICE.upper(), ("paul@client.test",))])
    s = w.s.signals.person_summary(alice, w.paul)
    assert s["messages_30d"] == 1 and s["two_way"] is False
    assert "you wrote, no reply" in s["reason"]
    w.s.signals.set_own_addresses(alice, ["alice.private@home.test"])
    w.s.signals.ingest(alice, "mail", messages=[
        Message("<2@x>", w.days_ago(1), "paul@client.test", ("alice.private@home.test",))])
    s = w.s.signals.person_summary(alice, w.paul)
    assert s["messages_30d"] == 2 and s["two_way"] is True


def test_broadcasts_are_not_relationships(w):
    alice = w.cast.viewer("alice")
    crowd = tuple(f"p{i}@client.test" for i in range(60)) + ("paul@client.test",)
    w.s.signals.ingest(alice, "cal", meetings=[Meeting("allhands", w.days_ago(1), None, ALICE, crowd)])
    assert w.s.signals.person_summary(alice, w.paul)["meetings_365d"] == 0


def test_strength_suggestion_accept_keeps_visibility_and_sets_last_contact(w):
    alice = w.cast.viewer("alice")
    w.feed()
    [s] = [x for x in w.s.signals.suggestions(alice) if x["kind"] == "strength"]
    assert s["person_id"] == w.paul and s["suggested_strength"] == 5 and s["strength"] == 1
    w.s.signals.decide(alice, s["id"], "accept")
    rel = w.s.relationships.get(alice, w.rel)
    assert rel["strength"] == 5 and rel["visibility"] == "exclusive" and rel["last_contact"] > "2020-01-01"
    with pytest.raises(Conflict):
        w.s.signals.decide(alice, s["id"], "accept")
    assert not [x for x in w.s.signals.suggestions(alice) if x["person_id"] == w.paul]


def test_adjust_and_dismiss_and_nothing_overwrites_a_chosen_rating(w):
    alice = w.cast.viewer("alice")
    w.feed()
    [s] = [x for x in w.s.signals.suggestions(alice) if x["kind"] == "strength"]
    w.s.signals.decide(alice, s["id"], "dismiss")
    assert w.s.relationships.get(alice, w.rel)["strength"] == 1  # dismissed: untouched
    w.feed("more")  # more of the same: the dismissed advice does not come back
    assert not [x for x in w.s.signals.suggestions(alice) if x["kind"] == "strength"]
    with pytest.raises(Conflict):
        w.s.signals.decide(alice, s["id"], "dismiss")


def test_adjusted_strength_is_the_reps(w):
    alice = w.cast.viewer("alice")
    w.feed()
    [s] = [x for x in w.s.signals.suggestions(alice) if x["kind"] == "strength"]
    w.s.signals.decide(alice, s["id"], "accept", strength=3)
    assert w.s.relationships.get(alice, w.rel)["strength"] == 3


def test_last_contact_suggestion_updates_only_last_contact_and_the_stale_alert_stops(w, services):
    alice = w.cast.viewer("alice")
    services.relationships.update(alice, w.rel, {"strength": 3})
    today, now = services.clock.today(), services.clock.now_ms()
    stale_before = {a.key for a in services.alerts._stale(today, now, 180)}
    assert any(w.rel in k for k in stale_before)
    w.s.signals.ingest(alice, "cal", meetings=[Meeting("one", w.days_ago(200), None, ALICE, ("paul@client.test",)),
                                               Meeting("two", w.days_ago(5), None, ALICE, ("paul@client.test",))])
    [s] = [x for x in w.s.signals.suggestions(alice) if x["person_id"] == w.paul]
    assert s["kind"] == "last_contact" and s["suggested_strength"] == 3
    w.s.signals.decide(alice, s["id"], "accept")
    rel = w.s.relationships.get(alice, w.rel)
    assert rel["strength"] == 3 and rel["last_contact"] == s["last_contact"] and rel["visibility"] == "exclusive"
    assert not any(w.rel in a.key for a in services.alerts._stale(today, now, 180))


def test_new_contact_accept_creates_person_and_relationship_with_policy_level(w, services):
    alice = w.cast.viewer("alice")
    w.feed()
    [s] = [x for x in w.s.signals.suggestions(alice) if x["kind"] == "new_contact"]
    assert s["email"] == "nina@newco.test" and s["name"] == "Nina New" and s["person_id"] is None
    out = w.s.signals.decide(alice, s["id"], "accept")
    person = services.people.get(alice, out["person_id"])
    assert person["name"] == "Nina New" and person["email"] == "nina@newco.test"
    rel = services.relationships.get(alice, out["relationship_id"])
    assert rel["visibility"] == "exclusive" and rel["owner"] == w.cast.id("alice")  # the policy's default
    w.s.signals.ingest(alice, "mail2", messages=w.exchange("NINA@newco.test", 2, start_days=1))
    assert not [x for x in w.s.signals.suggestions(alice) if x["kind"] == "new_contact"]  # matched, not duplicated
    assert w.s.signals.person_summary(alice, out["person_id"])["messages_30d"] >= 6


def test_new_contact_matches_an_existing_person_by_email_first(w, services):
    alice = w.cast.viewer("alice")
    existing = services.people.create(alice, {"name": "Nina Known", "email": "Nina@NewCo.test"})["id"]
    w.feed()
    [s] = [x for x in w.s.signals.suggestions(alice) if x["kind"] == "new_contact"]
    assert s["person_id"] == existing
    before = services.people.list(alice)["total"]
    out = w.s.signals.decide(alice, s["id"], "accept")
    assert out["person_id"] == existing and services.people.list(alice)["total"] == before


def test_colleagues_and_company_domains_are_never_suggested(w, services):
    alice = w.cast.viewer("alice")
    services.signals.company_domains = frozenset({"subsidiary.test"})
    w.s.signals.ingest(alice, "mail", messages=w.exchange("bob@acme.test", 3) + w.exchange("new.hire@acme.test", 3)
                       + w.exchange("x@subsidiary.test", 3))
    assert not [x for x in w.s.signals.suggestions(alice) if x["kind"] == "new_contact"]


def test_cards_become_new_contacts_and_aliases(w, services):
    alice = w.cast.viewer("alice")
    assert w.s.signals.ingest(alice, "book", cards=[card(), card("c2", "Paul C.", ("paul@client.test",
                                                                               "paul@home.test"))])["cards"] == 2
    [s] = [x for x in w.s.signals.suggestions(alice) if x["kind"] == "new_contact"]
    assert s["email"] == "cora@cards.test" and s["name"] == "Cora Card"
    w.s.signals.ingest(alice, "mail", messages=w.exchange("paul@home.test", 1))  # an alias from the card
    assert w.s.signals.person_summary(alice, w.paul)["messages_30d"] == 2


def test_purge_deletes_what_the_source_brought(w):
    alice = w.cast.viewer("alice")
    w.feed("cal")
    w.s.signals.ingest(alice, "other", messages=w.exchange("paul@client.test", 1))
    assert w.s.signals.purge(alice, "cal") > 0
    s = w.s.signals.person_summary(alice, w.paul)
    assert s["meetings_365d"] == 0 and s["messages_30d"] == 2
    assert w.feed("cal")["meetings"] == 8  # purged: the same records are new again


def test_unknown_suggestion_and_person(w):
    alice = w.cast.viewer("alice")
    with pytest.raises(NotFound):
        w.s.signals.decide(alice, "nope", "accept")
    with pytest.raises(NotFound):
        w.s.signals.person_summary(alice, "nobody")


def test_upload_goes_through_the_same_pipeline(w):
    from tests.unit.test_signal_files import ICS, MBOX
    alice = w.cast.viewer("alice")
    assert w.s.signals.upload(alice, "cal.ics", ICS) == {"meetings": 2, "messages": 0, "cards": 0}
    assert w.s.signals.upload(alice, "cal.ics", ICS) == {"meetings": 0, "messages": 0, "cards": 0}
    assert w.s.signals.upload(alice, "box.mbox", MBOX)["messages"] == 2
