"""Several owners on one pair of people: each user records their own knowledge of a pair, and
everything that reads KNOWS takes, per pair, what the viewer may see (paths, plan coverage,
pictures, the person page, search, introductions) without a colleague's private one showing.

The pair is (alice's person, Xavier): alice's own at team level, strength 2; mona's exclusive,
strength 4; carol's private, strength 5."""

from __future__ import annotations

import pytest

from graph.errors import Conflict


@pytest.fixture
def world(services, cast):
    ada = cast.viewer("ada")
    acme = services.organisations.create(ada, {"name": "Acme", "kind": "account"})["id"]
    x = services.people.create(ada, {"name": "Xavier", "organisation_id": acme})["id"]
    alice = cast.person("alice")

    def record(who, strength, level, notes=None):
        return services.relationships.create(cast.viewer(who), {"person_id": alice, "other_id": x,
                                                                "strength": strength, "visibility": level,
                                                                "notes": notes})

    carols = record("carol", 5, "private", "carol-secret-golf")  # first: it must block nobody
    alices = record("alice", 2, "team", "alice-shared-golf")
    monas = record("mona", 4, "exclusive")
    return {"acme": acme, "x": x, "alice": alice, "rels": {"alice": alices, "mona": monas, "carol": carols}}


def first_hop(services, cast, who, x):
    return services.paths.find(cast.viewer(who), x, source_id=cast.person("alice"), k=1)["paths"][0]["hops"][0]


@pytest.mark.parametrize("who, strength, locked, owner", [
    ("alice", None, True, "mona"),  # her manager's exclusive is locked to her and ranks 3, above her own 2
    ("bob", None, True, "mona"),  # mona's exclusive ranks 3 locked, above alice's 2; carol's is absent
    ("carol", 5, False, "carol"),  # her own, the strongest
    ("mona", 4, False, "mona"),
    ("sam", None, True, ("alice", "mona")),  # both locked, ranked 3: the smaller owner id, whoever it is
    ("ada", 4, False, "mona"),  # admins see every non-private one
])
def test_a_path_takes_the_best_relationship_of_the_pair_the_viewer_may_use(services, cast, world, who, strength,
                                                                          locked, owner):
    hop = first_hop(services, cast, who, world["x"])
    expected = min(cast.id(o) for o in owner) if isinstance(owner, tuple) else cast.id(owner)
    assert (hop["strength"], hop["locked"], hop["owner"]) == (strength, locked, expected)


def test_without_the_exclusive_each_viewer_gets_their_own_best(services, cast, world):
    services.relationships.delete(cast.viewer("mona"), world["rels"]["mona"]["id"])
    for who, expected in (("alice", (2, "alice")), ("bob", (2, "alice")), ("carol", (5, "carol"))):
        hop = first_hop(services, cast, who, world["x"])
        assert (hop["strength"], hop["owner"]) == (expected[0], cast.id(expected[1])), who
    hop = first_hop(services, cast, "sam", world["x"])  # alice's team-level one is locked to the South
    assert (hop["strength"], hop["locked"], hop["owner"]) == (None, True, cast.id("alice"))


def test_each_owner_edits_and_deletes_only_their_own(services, cast, world):
    alice, carol = cast.viewer("alice"), cast.viewer("carol")
    with pytest.raises(Conflict):  # her own is there: edit it instead
        services.relationships.create(alice, {"person_id": world["x"], "other_id": world["alice"], "strength": 5})
    services.relationships.update(carol, world["rels"]["carol"]["id"], {"strength": 1})
    assert services.relationships.get(alice, world["rels"]["alice"]["id"])["strength"] == 2
    services.relationships.delete(alice, world["rels"]["alice"]["id"])
    assert services.relationships.get(carol, world["rels"]["carol"]["id"])["strength"] == 1
    again = services.relationships.create(alice, {"person_id": world["x"], "other_id": world["alice"], "strength": 3})
    assert again["owner"] == alice.user_id


def test_the_person_page_lists_what_each_viewer_sees_and_mine_is_their_own(services, cast, world):
    rels = world["rels"]
    for who, seen in (("alice", {"alice", "mona"}), ("bob", {"alice", "mona"}), ("carol", {"alice", "mona", "carol"}),
                      ("sam", {"alice", "mona"})):
        page = services.people.page(cast.viewer(who), world["x"])
        listed = {r["id"] for r in page["knows"] + page["known_by"]}
        assert listed == {rels[o]["id"] for o in seen}, who
    assert services.people.page(cast.viewer("alice"), world["x"])["mine"]["id"] == rels["alice"]["id"]
    services.relationships.delete(cast.viewer("alice"), rels["alice"]["id"])
    # the pair still holds mona's and carol's, but alice has none of her own: she is offered to record it
    assert services.people.page(cast.viewer("alice"), world["x"])["mine"] is None


def test_plan_coverage_keeps_one_entry_per_colleague_by_the_pair_rule(services, cast, world):
    mona = cast.viewer("mona")
    services.plans.set_member(mona, world["acme"], world["x"], {"role": "decision_maker", "stance": "neutral",
                                                                "influence": 5})
    for who, expected in (("carol", (5, False, "carol")), ("bob", (None, True, "mona")),
                          ("mona", (4, False, "mona"))):
        plan = services.plans.get(cast.viewer(who), world["acme"])
        coverage = plan["members"][0]["coverage"]
        assert [(c["colleague"], c["strength"], c["locked"], c["owner"]) for c in coverage] == [
            (world["alice"], expected[0], expected[1], cast.id(expected[2]))], who


def test_a_picture_draws_one_line_per_pair(services, cast, world):
    for who, owner in (("bob", "mona"), ("carol", "carol"), ("alice", "mona")):
        knows = services.pictures.person_network(cast.viewer(who), world["x"])["knows"]
        assert [(k["id"], k["owner"]) for k in knows] == [(world["rels"][owner]["id"], cast.id(owner))], who


def test_search_finds_each_owners_notes_only_for_those_who_see_them(services, cast, world):
    def notes(who, q):
        return [n["id"] for n in services.search.search(cast.viewer(who), q)["notes"]]

    assert notes("bob", "golf") == [world["rels"]["alice"]["id"]]
    assert notes("carol", "golf") == [world["rels"]["carol"]["id"]]  # alice's team notes stay in the North
    assert notes("mona", "secret") == [] and notes("ada", "secret") == []


def test_an_introduction_asks_about_the_owner_the_hop_names(services, cast, world):
    bob = cast.viewer("bob")
    form = services.intros.form(bob, world["x"], a=world["alice"], b=world["x"], owner=cast.id("mona"))
    assert form["selected"] == world["rels"]["mona"]["id"]
    choices = {c["relationship_id"] for c in form["choices"]}
    assert world["rels"]["carol"]["id"] not in choices
    form = services.intros.form(bob, world["x"], a=world["alice"], b=world["x"])  # no owner named: the locked one
    assert form["selected"] == world["rels"]["mona"]["id"]


def test_exports_show_a_detail_to_whom_its_contributor_shares_the_contact(services, cast, world):
    """Alice enters Xavier's e-mail: it follows her team-level relationship, whatever the other
    owners of the pair (carol's private one, mona's exclusive one) share or hide."""
    services.people.update(cast.viewer("alice"), world["x"], {"email": "x@acme.example"})
    for who, email in (("alice", "x@acme.example"), ("bob", "x@acme.example"), ("mona", "x@acme.example"),
                       ("carol", None), ("sam", None), ("ada", "x@acme.example")):
        rows = [r for r in services.exports.people(cast.viewer(who), "Xavier") if r["id"] == world["x"]]
        assert [r["email"] for r in rows] == [email], who


def test_adoption_counts_each_owners_relationship_for_its_owner(services, cast, world):
    teams = {t["name"]: t for t in services.adoption.dashboard(cast.viewer("ada"))["teams"]}
    north = {r["name"]: sum(r["recorded"]) for r in teams["North"]["reps"]}
    assert north["Alice"] == 1 and north["Mona"] == 1 and north["Bob"] == 0
