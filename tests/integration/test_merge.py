"""Merging duplicate people, checked by an oracle: on random small graphs, the edge set after a
merge must equal the edge set before with the dropped record renamed to the kept one and the
documented resolutions applied (written out here independently of the Cypher that does it)."""

from __future__ import annotations

import json
import random
import time

import pytest

from graph import backup
from graph.errors import Conflict, Forbidden, NotFound
from graph.model import VISIBILITIES
from tests.conftest import soon

SELF_LOOPS_VANISH = ("KNOWS", "REPORTS_TO", "INFLUENCES")
LEVELS = ["private", "exclusive", "team", "company"]  # most restrictive first


def _without_pair(props: dict) -> dict:
    return {k: v for k, v in props.items() if k != "pair"}


def expected_rels(rels: list[dict], keep: str, drop: str) -> list[dict]:
    """The oracle: what every relationship of the graph should be after merging drop into keep."""
    K, D = f"Person:{keep}", f"Person:{drop}"

    def ren(key):
        return K if key == D else key

    def copy(r):
        return dict(r, **{"from": ren(r["from"]), "to": ren(r["to"]), "props": dict(r["props"])})

    def twins(kind, a, b, same=lambda x: True):
        return [x for x in out if x["type"] == kind and x["from"] == a and x["to"] == b and same(x)]

    out = [copy(r) for r in rels if D not in (r["from"], r["to"]) and r["type"] != "KNOWS"]
    kept_boss = any(r["type"] == "REPORTS_TO" and r["from"] == K for r in rels)
    knows: dict = {}
    for r in rels:
        moved = copy(r)
        a, b = moved["from"], moved["to"]
        if r["type"] in SELF_LOOPS_VANISH and a == b:
            continue
        if r["type"] == "KNOWS":  # one per owner per pair: the stronger, on a tie the newer,
            key = (frozenset((a, b)), r["props"].get("owner"))  # at the narrower level of the two
            other = knows.get(key)
            if other is not None:
                def order(x):
                    return (x["props"].get("strength") or 0,
                            x["props"].get("updated_at") or x["props"].get("created_at") or 0)
                kept, gone = (moved, other) if order(moved) > order(other) else (other, moved)
                if LEVELS.index(gone["props"]["visibility"]) < LEVELS.index(kept["props"]["visibility"]):
                    kept["props"]["visibility"] = gone["props"]["visibility"]
                moved = kept
            knows[key] = moved
            continue
        if D not in (r["from"], r["to"]):
            continue  # already in out
        if r["type"] == "REPORTS_TO" and ((r["from"] == D and kept_boss) or twins("REPORTS_TO", a, K)):
            continue  # the kept record's boss wins; someone reporting to both reports once
        fold = None
        if r["type"] == "WORKS_AT" and r["props"].get("end") is None:
            fold = (twins("WORKS_AT", a, b, lambda x: x["props"].get("end") is None), ("title", "department", "start"))
        if r["type"] == "PLAN_MEMBER":
            fold = (twins("PLAN_MEMBER", a, b), ("role", "stance", "influence", "notes"))
        if fold and fold[0]:
            for twin in fold[0]:
                for f in fold[1]:
                    if twin["props"].get(f) is None and r["props"].get(f) is not None:
                        twin["props"][f] = r["props"][f]
            continue
        if r["type"] == "INFLUENCES" and twins("INFLUENCES", a, b,
                                               lambda x: x["props"].get("plan_id") == r["props"].get("plan_id")):
            continue
        out.append(moved)
    return out + list(knows.values())


def edge_set(rels: list[dict]) -> list[str]:
    return sorted(json.dumps([r["type"], r["from"], r["to"], _without_pair(r["props"])], sort_keys=True)
                  for r in rels)


def snapshot(store):
    nodes, rels = backup.snapshot(store)
    return {n["key"]: n["props"] for n in nodes}, rels


def build_world(services, cast, rng: random.Random) -> dict:
    """Two records of one person (K, D) and a few others, with every kind of relationship,
    drawn at random: shared contacts of both, reporting lines, positions, plans, nominations."""
    ada, mona = cast.viewer("ada"), cast.viewer("mona")
    owners = [cast.viewer(u) for u in ("alice", "bob", "carol")]
    acme = services.organisations.create(ada, {"name": "Acme", "kind": "account"})["id"]
    globex = services.organisations.create(ada, {"name": "Globex", "kind": "account"})["id"]
    school = services.organisations.create(ada, {"name": "École", "kind": "school"})["id"]
    people = {}
    for name in ("K", "D", "X0", "X1", "X2", "X3", "X4"):
        org = acme if name in ("K", "D", "X0") or rng.random() < 0.3 else None
        people[name] = services.people.create(ada, {
            "name": "Same Person" if name in ("K", "D") else f"Other {name}", "organisation_id": org,
            "title": rng.choice([None, "Buyer", "CFO"]), "email": rng.choice([None, f"{name}@x.example"])})["id"]
    everyone = list(people.values()) + [cast.person(u) for u in ("alice", "bob")]
    for i, a in enumerate(everyone):
        for b in everyone[i + 1:]:
            for owner in owners:  # a pair may hold one KNOWS per owner
                if rng.random() < 0.2:
                    x, y = (a, b) if rng.random() < 0.5 else (b, a)
                    services.relationships.create(owner, {"person_id": x, "other_id": y,
                                                          "strength": rng.randint(1, 5),
                                                          "visibility": rng.choice(VISIBILITIES)})
    K, D = people["K"], people["D"]
    for who in (K, D):
        if rng.random() < 0.6:
            services.people.add_position(ada, who, {"organisation_id": globex, "title": rng.choice([None, "Intern"]),
                                                    "start": "2010-01-01", "end": "2015-01-01"})
        if rng.random() < 0.5:
            services.people.add_position(ada, who, {"organisation_id": globex})  # current at both
        if rng.random() < 0.5:
            services.people.add_education(ada, who, {"school_id": school, "start": "2000-09-01"})
    for person, boss in ((D, "X0"), (K, "X1"), ("X2", D), ("X3", K), ("X4", D)):
        if rng.random() < 0.6:
            src = people.get(person, person)
            services.people.update(ada, src, {"reports_to": people.get(boss, boss)})
    members = [p for p in (K, D, people["X0"]) if rng.random() < 0.7]
    for p in members:
        services.plans.set_member(mona, acme, p, {"role": rng.choice(["decision_maker", "user"]),
                                                  "stance": "neutral", "influence": rng.randint(1, 5)})
    for a in members:
        for b in members:
            if a != b and rng.random() < 0.5:
                services.plans.add_influence(mona, acme, {"from_id": a, "to_id": b})
    event = services.events.create(mona, {"name": "Gala", "date": soon(services.clock)})
    nomination = services.events.nominate(mona, event["id"], {"person_id": D})
    action = services.plans.add_action(mona, acme, {"title": "Call D", "member_id": D, "owner": cast.id("alice")}) if D in members else None
    return {"K": K, "D": D, "nomination": nomination["id"], "action": action and action["id"], **people}


@pytest.mark.parametrize("seed", range(12))
def test_merge_keeps_every_relationship_on_random_graphs(services, store, cast, seed):
    world = build_world(services, cast, random.Random(seed))
    K, D = world["K"], world["D"]
    nodes_before, rels_before = snapshot(store)
    result = services.duplicates.merge(cast.viewer("ada"), K, D)
    assert (result["id"], result["merged_id"]) == (K, D)
    nodes_after, rels_after = snapshot(store)

    assert edge_set(rels_after) == edge_set(expected_rels(rels_before, K, D))
    keys = [r["props"]["pair"] for r in rels_after if r["type"] == "KNOWS"]
    assert len(set(keys)) == len(keys)  # one KNOWS per owner per pair, and its key follows its ends
    for r in rels_after:
        if r["type"] == "KNOWS":
            ends = sorted(k.split(":", 1)[1] for k in (r["from"], r["to"]))
            assert r["props"]["pair"] == "|".join([r["props"]["owner"], *ends])
    assert f"Person:{D}" not in nodes_after
    kept = nodes_after[f"Person:{K}"]
    assert kept["merged_ids"] == [D]
    for field in ("title", "email"):
        assert kept.get(field) == (nodes_before[f"Person:{K}"].get(field) or nodes_before[f"Person:{D}"].get(field))
    nomination = nodes_after[f"Nomination:{world['nomination']}"]
    assert nomination["person_id"] == K
    if world["action"]:
        assert nodes_after[f"PlanAction:{world['action']}"]["member_id"] == K
    entries = services.audit.list(cast.viewer("ada"), person=K)
    assert entries[0]["action"] == "person.merge" and f"({D})" in entries[0]["detail"]


def test_the_oracle_can_fail():
    """The oracle is not a copy of what the merge does: a merge that kept the weaker of one
    owner's two relationships with the same person, or that dropped another owner's, is caught."""
    rels = [{"type": "KNOWS", "from": "Person:k", "to": "Person:x",
             "props": {"id": "1", "strength": 2, "owner": "u", "visibility": "team"}},
            {"type": "KNOWS", "from": "Person:d", "to": "Person:x",
             "props": {"id": "2", "strength": 4, "owner": "u", "visibility": "team"}},
            {"type": "KNOWS", "from": "Person:d", "to": "Person:x",
             "props": {"id": "3", "strength": 1, "owner": "v", "visibility": "private"}}]
    right = expected_rels(rels, "k", "d")
    assert sorted(r["props"]["id"] for r in right) == ["2", "3"]
    assert edge_set([dict(rels[0]), expected_rels(rels[2:], "k", "d")[0]]) != edge_set(right)
    assert edge_set(expected_rels(rels[:2], "k", "d")) != edge_set(right)


def test_the_stronger_relationship_and_its_owner_survive(services, cast):
    ada, alice, bob = cast.viewer("ada"), cast.viewer("alice"), cast.viewer("bob")
    keep = services.people.create(ada, {"name": "Kim Keep", "email": "kim@x.example"})["id"]
    drop = services.people.create(ada, {"name": "Kim Keep", "email": "KIM@x.example", "phone": "+33 1 00 00 00 09",
                                        "notes": "met in Lyon"})["id"]
    weak = services.relationships.create(alice, {"person_id": alice.person_id, "other_id": keep, "strength": 2})
    strong = services.relationships.create(alice, {"person_id": drop, "other_id": alice.person_id, "strength": 5,
                                                    "visibility": "private"})
    bobs = services.relationships.create(bob, {"person_id": bob.person_id, "other_id": drop, "strength": 1})
    pairs = services.duplicates.candidates(ada)
    assert [(p["keep"]["id"], p["drop"]["id"], p["reasons"]) for p in pairs] == [(keep, drop, ["same e-mail"])]
    services.duplicates.merge(ada, keep, drop)
    mine = {r["id"]: r for r in services.relationships.touching(alice, keep)}
    assert set(mine) == {strong["id"], bobs["id"]} and weak["id"] not in mine
    assert (mine[strong["id"]]["strength"], mine[strong["id"]]["visibility"]) == (5, "private")
    person = services.people.get(ada, keep)
    assert person["phone"] == "+33 1 00 00 00 09" and person["notes"] == "met in Lyon"
    with pytest.raises(NotFound):
        services.people.get(ada, drop)


def test_a_colleagues_own_record_always_survives(services, cast):
    ada = cast.viewer("ada")
    for who in ("alice", "bob"):
        services.people.update(ada, cast.person(who), {"email": "shared@carnet.example"})
    copy = services.people.create(ada, {"name": "Alice", "email": "shared@carnet.example",
                                        "notes": "imported twice"})["id"]
    result = services.duplicates.merge(ada, copy, cast.person("alice"))
    assert result["id"] == cast.person("alice") and result["merged_id"] == copy
    assert services.users.viewer(cast.id("alice")).person_id == cast.person("alice")
    with pytest.raises(Conflict, match="colleagues"):
        services.duplicates.merge(ada, cast.person("bob"), cast.person("alice"))


def test_only_managers_and_admins_list_and_merge_and_the_role_is_checked_first(services, cast):
    for rep in ("alice", "carol"):
        with pytest.raises(Forbidden):
            services.duplicates.candidates(cast.viewer(rep))
        with pytest.raises(Forbidden):
            services.duplicates.merge(cast.viewer(rep), "0f0e-unknown", None)
    with pytest.raises(NotFound):
        services.duplicates.merge(cast.viewer("sam"), "0f0e-unknown", cast.person("bob"))


def test_a_merge_cut_short_is_finished_by_merging_again(services, store, cast):
    """Each step is atomic and moves whole relationships, so a merge stopped after any step
    (here: after the KNOWS moved, before the rest) loses nothing and completes when re-run."""
    ada, alice = cast.viewer("ada"), cast.viewer("alice")
    acme = services.organisations.create(ada, {"name": "Acme", "kind": "account"})["id"]
    keep = services.people.create(ada, {"name": "Ann", "organisation_id": acme})["id"]
    drop = services.people.create(ada, {"name": "ann", "organisation_id": acme, "title": "CFO"})["id"]
    services.relationships.create(alice, {"person_id": alice.person_id, "other_id": drop, "strength": 3})
    services.people.update(ada, drop, {"reports_to": cast.person("bob")})
    _, before = snapshot(store)
    ids = {"keep_id": keep, "drop_id": drop}
    for statement in ("duplicates/move_knows_out", "duplicates/move_knows_in"):  # the first steps only
        store.write(statement, **ids)
    services.duplicates.merge(ada, keep, drop)
    _, after = snapshot(store)
    assert edge_set(after) == edge_set(expected_rels(before, keep, drop))


# -- merging cannot be used to take contacts ---------------------------------------------------------
def _real_and_dummy(services, cast):
    """A real contact (entered by the admin, with details) whom alice knows at team level and
    carol privately, and mona's own dummy record, unrelated to it."""
    ada, mona = cast.viewer("ada"), cast.viewer("mona")
    acme = services.organisations.create(ada, {"name": "Acme", "kind": "account"})["id"]
    real = services.people.create(ada, {"name": "Rita Real", "email": "rita@acme.example", "phone": "+33 1 22 33 44 55",
                                        "notes": "prefers calls", "organisation_id": acme})["id"]
    carols = services.relationships.create(cast.viewer("carol"), {"person_id": cast.person("carol"), "other_id": real,
                                                                  "strength": 5, "visibility": "private"})
    dummy = services.people.create(mona, {"name": "Dummy"})["id"]
    return {"acme": acme, "real": real, "dummy": dummy, "carols": carols}


@pytest.mark.parametrize("order", ["dummy_keeps", "real_keeps"])
def test_a_merge_of_a_pair_the_finder_does_not_propose_is_404_like_an_unknown_one(services, store, cast, order):
    world = _real_and_dummy(services, cast)
    mona = cast.viewer("mona")
    services.relationships.create(cast.viewer("alice"), {"person_id": cast.person("alice"), "other_id": world["real"],
                                                         "strength": 3, "visibility": "team"})  # mona sees Rita
    keep, drop = (world["dummy"], world["real"]) if order == "dummy_keeps" else (world["real"], world["dummy"])
    _, before = snapshot(store)
    with pytest.raises(NotFound) as refused:
        services.duplicates.merge(mona, keep, drop)
    with pytest.raises(NotFound) as unknown:
        services.duplicates.merge(mona, keep, "0f0e-unknown")
    assert (str(refused.value), refused.value.field) == (str(unknown.value), unknown.value.field)
    _, after = snapshot(store)
    assert edge_set(after) == edge_set(before)
    assert services.people.get(cast.viewer("ada"), world["dummy"])["email"] is None
    assert services.relationships.get(cast.viewer("carol"), world["carols"]["id"])["other_id"] == world["real"]


def test_a_merge_needs_both_records_in_full_view(services, cast):
    """A proposed pair (same name at the same organisation) whose real record mona may not see
    in full: the merge answers 404 exactly like an unknown pair, and nothing moves."""
    world = _real_and_dummy(services, cast)
    mona = cast.viewer("mona")
    twin = services.people.create(mona, {"name": "Rita Real", "organisation_id": world["acme"]})["id"]
    assert [(p["keep"]["id"], p["drop"]["id"]) for p in services.duplicates.candidates(mona)] == [(world["real"], twin)]
    assert services.people.get(mona, world["real"])["details_locked"]
    for keep, drop in ((twin, world["real"]), (world["real"], twin)):
        with pytest.raises(NotFound, match="no such pair"):
            services.duplicates.merge(mona, keep, drop)
    assert services.people.get(cast.viewer("ada"), twin)["email"] is None
    assert services.people.get(cast.viewer("ada"), world["real"])["email"] == "rita@acme.example"
    services.duplicates.merge(cast.viewer("ada"), twin, world["real"])  # an admin sees both in full


def test_a_merge_moves_colleagues_private_relationships_to_the_same_real_person_and_tells_nothing(services, store,
                                                                                                 cast):
    world = _real_and_dummy(services, cast)
    mona, ada = cast.viewer("mona"), cast.viewer("ada")
    twin = services.people.create(mona, {"name": "Rita Real", "organisation_id": world["acme"]})["id"]
    services.relationships.create(cast.viewer("alice"), {"person_id": cast.person("alice"), "other_id": world["real"],
                                                         "strength": 3, "visibility": "team"})
    # mona's own record is kept (merged by the admin, who sees both in full): every relationship
    # still ends up on the same real person
    result = services.duplicates.merge(ada, twin, world["real"])
    assert result["id"] == twin
    carols = services.relationships.get(cast.viewer("carol"), world["carols"]["id"])
    assert (carols["other_id"], carols["strength"], carols["visibility"]) == (twin, 5, "private")
    assert result["moved"]["relationships"] == 1  # alice's; carol's private one is not counted
    entry = services.audit.list(ada, person=twin)[0]
    assert entry["action"] == "person.merge" and "1 relationships" in entry["detail"]
    assert cast.id("carol") not in json.dumps(entry) and "Carol" not in json.dumps(entry)
    # the kept record takes the older record's creator: mona does not become the creator of Rita
    services.relationships.delete(cast.viewer("alice"), services.relationships.touching(cast.viewer("alice"), twin)[0]["id"])
    assert services.people.get(mona, twin)["details_locked"]


def test_one_owners_two_relationships_become_one_never_wider(services, cast):
    """alice knew both records: the stronger survives, ties the newer, and the survivor keeps
    the more restrictive level of the two; bob's on the same pair is his own and stays."""
    ada, alice, bob = cast.viewer("ada"), cast.viewer("alice"), cast.viewer("bob")
    keep = services.people.create(ada, {"name": "Kim", "email": "kim@x.example"})["id"]
    drop = services.people.create(ada, {"name": "Kim", "email": "kim@x.example"})["id"]
    x = cast.person("alice")
    services.relationships.create(alice, {"person_id": x, "other_id": keep, "strength": 2, "visibility": "private"})
    strong = services.relationships.create(alice, {"person_id": drop, "other_id": x, "strength": 4,
                                                   "visibility": "company"})
    bobs = services.relationships.create(bob, {"person_id": x, "other_id": drop, "strength": 1,
                                               "visibility": "team"})
    services.duplicates.merge(ada, keep, drop)
    rels = {r["id"]: r for r in services.relationships.touching(alice, keep)}
    assert set(rels) == {strong["id"], bobs["id"]}
    assert (rels[strong["id"]]["strength"], rels[strong["id"]]["visibility"]) == (4, "private")
    assert services.relationships.get(bob, bobs["id"])["strength"] == 1


def test_a_tie_keeps_the_newer_relationship(services, cast):
    ada, alice = cast.viewer("ada"), cast.viewer("alice")
    keep = services.people.create(ada, {"name": "Lou", "email": "lou@x.example"})["id"]
    drop = services.people.create(ada, {"name": "Lou", "email": "lou@x.example"})["id"]
    older = services.relationships.create(alice, {"person_id": alice.person_id, "other_id": keep, "strength": 3,
                                                  "visibility": "exclusive"})
    newer = services.relationships.create(alice, {"person_id": alice.person_id, "other_id": drop, "strength": 3,
                                                  "visibility": "team"})
    time.sleep(0.005)  # the edit is later than the older one by the clock too
    services.relationships.update(alice, newer["id"], {"notes": "met again"})
    services.duplicates.merge(ada, keep, drop)
    assert [(r["id"], r["visibility"], r["notes"]) for r in services.relationships.touching(alice, keep)] == [
        (newer["id"], "exclusive", "met again")]  # the newer, at the narrower level of the two
    assert older["id"] != newer["id"]
