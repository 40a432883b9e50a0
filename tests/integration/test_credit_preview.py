"""Contributor credit (counts against a hand-built history, period filter, scope per role) and
"see as colleague" (the user's own view through the same services, minus their private
relationships and personal grants; audited; managers only for their teams)."""

from __future__ import annotations

import pytest

from graph.clock import FixedClock
from graph.errors import Forbidden, NotFound, ValidationError
from graph.services import Services
from graph.services.grants import DAY_MS
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, Cast

NOW = 1_767_225_600_000  # 2026-01-01T00:00:00Z


@pytest.fixture
def env(store):
    clock = FixedClock(NOW)
    s = Services(store, clock, password_method=FAST_HASH)
    return s, Cast(s), clock


def person(s, name, by=SYSTEM, **kw) -> str:
    return s.people.create(by, {"name": name, "email": f"{name.lower()}@secret.example", **kw})["id"]


def knows(s, cast, who, a, b, strength, level, notes=None) -> str:
    return s.relationships.create(cast.viewer(who), {"person_id": a, "other_id": b, "strength": strength,
                                                     "visibility": level, "notes": notes})["id"]


# -- credit ----------------------------------------------------------------------------------------
def _history(s, cast, clock):
    """alice accepts two of bob's requests and declines one of carol's; bob's nomination of
    alice's exclusive contact is approved after alice consents."""
    people = [person(s, n) for n in ("Tara", "Ugo", "Vera", "Vip")]
    rels = [knows(s, cast, "alice", cast.person("alice"), p, 4, "exclusive") for p in people]
    for i, (who, decision) in enumerate((("bob", "accept"), ("bob", "accept"), ("carol", "decline"))):
        intro = s.intros.request(cast.viewer(who), {"target_id": people[i], "relationship_id": rels[i]})
        s.intros.decide(cast.viewer("alice"), intro["id"], {"decision": decision})
    event = s.events.create(cast.viewer("mona"), {"name": "Gala", "date": "2026-03-01"})
    n = s.events.nominate(cast.viewer("bob"), event["id"], {"person_id": people[3]})
    s.events.consent(cast.viewer("alice"), n["id"], {"decision": "consent"})
    s.events.decide(cast.viewer("mona"), n["id"], {"decision": "approve", "reason": "ok"})


def _counts(board) -> dict:
    return {r["username"]: (r["intros_made"], r["contacts_shared"], r["nominations_approved"], r["intros_received"],
                            r["score"]) for r in board["rows"]}


def test_leaderboard_counts_each_contribution_in_the_period(env):
    s, cast, clock = env
    _history(s, cast, clock)
    board = s.credit.leaderboard(cast.viewer("ada"))
    assert board["period"] == "90d"
    assert _counts(board) == {"alice": (2, 1, 0, 0, 3), "bob": (0, 0, 1, 2, 1), "carol": (0, 0, 0, 0, 0),
                              "mona": (0, 0, 0, 0, 0), "sam": (0, 0, 0, 0, 0), "ada": (0, 0, 0, 0, 0)}
    assert [r["username"] for r in board["rows"]][:2] == ["alice", "bob"]
    assert [r["rank"] for r in board["rows"]] == [1, 2, 3, 3, 3, 3]
    clock.advance(91 * DAY_MS)
    assert all(c == (0, 0, 0, 0, 0) for c in _counts(s.credit.leaderboard(cast.viewer("ada"), "90d")).values())
    assert _counts(s.credit.leaderboard(cast.viewer("ada"), "all"))["alice"] == (2, 1, 0, 0, 3)


def test_leaderboard_scope_per_role(env):
    s, cast, clock = env
    _history(s, cast, clock)
    assert set(_counts(s.credit.leaderboard(cast.viewer("mona")))) == {"alice", "bob", "mona"}
    assert set(_counts(s.credit.leaderboard(cast.viewer("sam")))) == {"carol", "sam"}
    for rep in ("alice", "bob", "carol"):
        with pytest.raises(Forbidden):
            s.credit.leaderboard(cast.viewer(rep))
    with pytest.raises(ValidationError) as info:
        s.credit.leaderboard(cast.viewer("ada"), "forever")
    assert info.value.field == "period"


# -- see as colleague ------------------------------------------------------------------------------
@pytest.fixture
def seen(env):
    """bob enters Pia and Tara with their e-mails, keeps a private link to Pia (his alone) and a
    team link to Tara; Pia reports to
    Paul, the decision maker of Acme's plan; bob holds an accepted-introduction grant on Greta."""
    s, cast, clock = env
    acme = s.organisations.create(SYSTEM, {"name": "Acme", "kind": "account"})["id"]
    ids = {"acme": acme, "paul": person(s, "Paul", organisation_id=acme)}
    ids["pia"] = person(s, "Pia", cast.viewer("bob"), reports_to=ids["paul"])
    ids["tara"], ids["greta"] = person(s, "Tara", cast.viewer("bob")), person(s, "Greta")
    ids["private"] = knows(s, cast, "bob", cast.person("bob"), ids["pia"], 5, "private", "NOTE-private-bob")
    knows(s, cast, "bob", cast.person("bob"), ids["tara"], 4, "team")
    knows(s, cast, "bob", ids["paul"], ids["tara"], 5, "private", "NOTE-private-paul")
    greta = knows(s, cast, "alice", cast.person("alice"), ids["greta"], 3, "exclusive")
    intro = s.intros.request(cast.viewer("bob"), {"target_id": ids["greta"], "relationship_id": greta})
    s.intros.decide(cast.viewer("alice"), intro["id"], {"decision": "accept"})
    s.plans.set_member(cast.viewer("mona"), acme, ids["paul"], {"role": "decision_maker", "stance": "ally",
                                                                "influence": 5})
    return s, cast, ids


def _ids(rels) -> set:
    return {r["id"] for r in rels}


def test_person_preview_is_the_users_page_without_their_private_links_or_grants(seen):
    s, cast, ids = seen
    bob = cast.viewer("bob")
    for pid in (ids["pia"], ids["tara"], ids["paul"]):
        real = s.people.page(bob, pid)
        shown = s.preview.person(cast.viewer("mona"), cast.id("bob"), pid)
        kept = {r["id"] for r in real["knows"] + real["known_by"] if r["visibility"] != "private"}
        assert _ids(shown["knows"] + shown["known_by"]) == kept  # oracle: bob's own page minus private
        assert shown["as"]["username"] == "bob"
    assert s.people.page(bob, ids["pia"])["person"]["details_locked"] is False  # bob entered them
    assert s.preview.person(cast.viewer("mona"), cast.id("bob"), ids["pia"])["person"]["details_locked"] is True
    assert s.people.page(bob, ids["greta"])["person"]["details_locked"] is False  # bob, through his grant
    before = [e["action"] for e in s.audit.list(cast.viewer("ada"))].count("grant.view")
    assert s.preview.person(cast.viewer("ada"), cast.id("bob"), ids["greta"])["person"]["details_locked"] is True
    assert [e["action"] for e in s.audit.list(cast.viewer("ada"))].count("grant.view") == before
    tara = s.preview.person(cast.viewer("mona"), cast.id("bob"), ids["tara"])
    assert tara["person"]["details_locked"] is False  # bob's team link shares what he entered
    assert "NOTE-private" not in repr(tara)


def test_path_preview_runs_the_engine_as_the_user_without_private_links(seen):
    s, cast, ids = seen
    real = s.paths.page(cast.viewer("bob"), ids["paul"])
    # bob himself: bob → Pia (private, his) → Paul; and bob → Tara → Paul (private, his)
    assert any(ids["pia"] in {h["from"], h["to"]} for p in real["paths"] for h in p["hops"])
    shown = s.preview.paths(cast.viewer("mona"), cast.id("bob"), ids["paul"])["answer"]
    routes = [[(h["from"], h["to"]) for h in p["hops"]] for p in shown["paths"]]
    assert all(ids["pia"] not in hop for r in routes for hop in r)
    assert all({ids["tara"], ids["paul"]} != set(hop) for r in routes for hop in r)
    oracle = s.paths.page(cast.viewer("sam"), ids["paul"])  # what nobody's private links give: same routes here
    assert routes == [[(h["from"], h["to"]) for h in p["hops"]] for p in oracle["paths"]]
    assert all(h["from_name"] and h["to_name"] for p in shown["paths"] + shown["closest"] for h in p["hops"])


def test_plan_preview_leaves_out_private_coverage_even_after_the_user_read_the_plan(seen):
    s, cast, ids = seen
    real = s.plans.get(cast.viewer("bob"), ids["acme"])  # now kept in the plan cache for bob
    shown = s.preview.plan(cast.viewer("mona"), cast.id("bob"), ids["acme"])
    assert shown["account"]["id"] == ids["acme"] and shown["as"]["username"] == "bob"
    gap_real = {g["person_id"]: g for g in real["gaps"]}
    gap_shown = {g["person_id"]: g for g in shown["gaps"]}
    assert set(gap_real) == set(gap_shown) == {ids["paul"]}
    hops = lambda g: {frozenset((h["from"], h["to"])) for h in (g["path"] or {}).get("hops", ())}  # noqa: E731
    assert frozenset((ids["pia"], ids["paul"])) in hops(gap_real[ids["paul"]]) or \
        frozenset((ids["tara"], ids["paul"])) in hops(gap_real[ids["paul"]])
    assert not hops(gap_shown[ids["paul"]]) & {frozenset((ids["pia"], ids["paul"])),
                                               frozenset((ids["tara"], ids["paul"])),
                                               frozenset((cast.person("bob"), ids["pia"]))}


def test_previews_are_audited_and_scoped(seen):
    s, cast, ids = seen
    s.preview.person(cast.viewer("mona"), cast.id("bob"), ids["tara"])
    s.preview.paths(cast.viewer("ada"), cast.id("carol"), ids["tara"])
    s.preview.plan(cast.viewer("mona"), cast.id("alice"), ids["acme"])
    entries = [e for e in s.audit.list(cast.viewer("ada")) if e["action"] == "preview.view"]
    assert sorted((e["actor_name"], e["user_id"]) for e in entries) == sorted(
        [("Mona", cast.id("bob")), ("Ada", cast.id("carol")), ("Mona", cast.id("alice"))])
    assert any("account plan of Acme seen as Alice" in e["detail"] for e in entries)
    assert {e["user_id"] for e in s.audit.list(cast.viewer("sam")) if e["action"] == "preview.view"} == {cast.id("carol")}
    for who, user in (("alice", "bob"), ("bob", "bob"), ("carol", "bob"), ("sam", "bob"), ("mona", "carol")):
        with pytest.raises(Forbidden):
            s.preview.person(cast.viewer(who), cast.id(user), ids["tara"])
    with pytest.raises(NotFound):
        s.preview.person(cast.viewer("ada"), "no-such-user", ids["tara"])
    with pytest.raises(NotFound):
        s.preview.person(cast.viewer("ada"), cast.id("bob"), "no-such-person")
    with pytest.raises(Forbidden):  # reps are refused before the user is looked up
        s.preview.person(cast.viewer("alice"), "no-such-user", ids["tara"])
    assert {u["username"] for u in s.preview.candidates(cast.viewer("mona"))} == {"alice", "bob"}
    assert {u["username"] for u in s.preview.candidates(cast.viewer("ada"))} == {"alice", "bob", "carol", "mona", "sam"}
