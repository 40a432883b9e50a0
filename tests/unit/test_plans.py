"""The pure plan computations (graph/plans.py) on hand-made plans."""

from __future__ import annotations

from graph import plans as calc
from graph.visibility import Viewer


def cov(colleague, strength=None, locked=False):
    return {"colleague": colleague, "colleague_name": colleague.title(), "strength": strength, "locked": locked}


def member(pid, role="user", influence=3, stance="neutral", coverage=(), left=False):
    return {"person_id": pid, "name": pid.title(), "role": role, "influence": influence, "stance": stance,
            "coverage": list(coverage), "left": left}


def test_locked_counts_as_three_and_never_its_real_strength():
    assert calc.rank(cov("a", 5)) == 5
    assert calc.rank(cov("a", None, True)) == 3
    assert calc.rank(cov("a", 5, True)) == 3  # even if a strength slipped through, it is not used
    assert calc.best(member("x", coverage=[cov("a", 2), cov("b", None, True)])) == 3
    assert calc.best(member("x")) == 0


def test_coverage_is_sorted_strongest_then_visible_then_name():
    entries = [cov("zoe", None, True), cov("bob", 2), cov("amy", 3), cov("cid", 5)]
    assert [e["colleague"] for e in calc.sort_coverage(entries)] == ["cid", "amy", "zoe", "bob"]


def test_coverage_score_weights_influence_and_doubles_decision_roles():
    members = [member("dm", "decision_maker", 5, coverage=[cov("a", 5)]),  # weight 10, best 5
               member("u", "user", 2, coverage=[cov("b", None, True)]),  # weight 2, best 3
               member("eb", "economic_buyer", 1),  # weight 2, best 0
               member("gone", "decision_maker", 5, left=True)]  # not counted
    assert calc.coverage_score(members) == round(100 * (10 * 5 + 2 * 3) / (5 * 14))
    assert calc.coverage_score([]) is None
    assert calc.coverage_score([member("a", influence=4, coverage=[cov("x", 5)])]) == 100


def test_gaps_are_uncovered_decision_makers_and_economic_buyers():
    members = [member("dm1", "decision_maker", coverage=[cov("a", 2)]),
               member("dm2", "decision_maker", coverage=[cov("a", None, True)]),
               member("eb", "economic_buyer", coverage=[cov("a", 3)]),
               member("eb2", "economic_buyer"),
               member("inf", "influencer"),
               member("gone", "decision_maker", left=True)]
    assert [(g["person_id"], g["best_strength"]) for g in calc.gaps(members)] == [("dm1", 2), ("eb2", None)]


def test_single_threaded_key_members():
    members = [member("dm", "decision_maker", coverage=[cov("a", 5)]),
               member("champ", "champion", coverage=[cov("a", 4), cov("b", 2)]),
               member("big", "user", influence=4, coverage=[cov("c", None, True)]),
               member("small", "user", influence=3, coverage=[cov("c", 1)]),
               member("none", "decision_maker")]
    assert [(w["person_id"], w["colleague"]) for w in calc.single_threaded(members)] == [("dm", "a"), ("big", "c")]


def test_opponents_who_influence_a_decision_maker():
    members = [member("dm", "decision_maker"), member("opp", "influencer", stance="strong_opponent"),
               member("ally", "coach", stance="ally"), member("eb", "economic_buyer")]
    lines = [{"id": "1", "from_id": "opp", "to_id": "dm"}, {"id": "2", "from_id": "ally", "to_id": "dm"},
             {"id": "3", "from_id": "opp", "to_id": "eb"}, {"id": "4", "from_id": "dm", "to_id": "opp"}]
    assert [o["line_id"] for o in calc.opponents_influencing(members, lines)] == ["1"]


def test_leavers_and_successors():
    assert calc.has_left([{"end": "2020-01-01"}]) and calc.has_left([])
    assert not calc.has_left([{"end": "2020-01-01"}, {"end": None}])
    posts = [{"title": "Buyer", "start": "2010-01-01", "end": "2015-01-01"},
             {"title": "CIO", "start": "2015-01-01", "end": "2023-01-01"}]
    assert calc.last_title(posts, "x") == "CIO"
    leaver = {"person_id": "l", "left_title": "cio"}
    staff = [{"id": "a", "name": "Anna", "title": "CIO"}, {"id": "b", "name": "Ben", "title": "CFO", "reports_to": "l"},
             {"id": "l", "name": "Leaver", "title": "CIO"}]
    assert [(s["person_id"], s["reason"]) for s in calc.successors(leaver, staff)] == [("a", "same title")]
    staff[0]["title"] = "CTO"
    assert [(s["person_id"], s["reason"]) for s in calc.successors(leaver, staff)] == [("b", "reported to them")]
    assert calc.successors({"person_id": "l", "left_title": None}, staff[:1]) == []


def test_overdue_is_open_and_before_today():
    today = "2026-05-10"
    assert calc.is_overdue({"due": "2026-05-09", "status": "open"}, today)
    assert calc.is_overdue({"due": "2026-05-09", "status": "in_progress"}, today)
    assert not calc.is_overdue({"due": "2026-05-10", "status": "open"}, today)
    assert not calc.is_overdue({"due": "2026-05-09", "status": "done"}, today)
    assert not calc.is_overdue({"due": None, "status": "open"}, today)


def test_who_may_edit():
    rep = Viewer(user_id="r", role="rep")
    assert not calc.can_edit_plan(rep) and calc.can_edit_plan(Viewer(user_id="m", role="manager"))
    assert calc.can_edit_plan(Viewer(user_id="a", role="admin"))
    assert calc.can_manage_action(rep, {"owner": "r"}) and not calc.can_manage_action(rep, {"owner": "x"})
    assert calc.can_manage_action(Viewer(user_id="m", role="manager"), {"owner": "x"})
    assert not calc.can_manage_action(Viewer(user_id=None, role="rep"))
