"""Exclusivity reviews on the real store and a fixed clock: asked once when no contact was logged
for longer than the rule's period, confirmed (clock restarts) or released by the owner only,
released automatically after the grace period, withdrawn when contact is logged; every step
audited; private relationships never touched. Plus the plan-role rule condition end to end."""

from __future__ import annotations

import pytest

from graph.policy import DAY_MS


@pytest.fixture
def s(api):
    return api.cast.services


@pytest.fixture
def reviewed(api) -> dict:
    """A rule reviewing exclusive Acme contacts after 30 days; alice knows Xavier (exclusive by it)
    and Pia (private), bob knows Yves under a rule without review."""
    acme = api.created("ada", "/api/organisations", {"name": "Acme", "kind": "account", "sector": "Energy"})
    rule = api.created("ada", "/api/policy/rules", {"name": "Acme reviewed", "sector": "Energy",
                                                    "outcome": "exclusive", "review_days": 30})
    people = {n: api.created("ada", "/api/people", {"name": n, "organisation_id": acme["id"]})
              for n in ("Xavier", "Pia", "Yves")}
    rels = {
        "xavier": _know(api, "alice", people["Xavier"]),
        "pia": _know(api, "alice", people["Pia"], visibility="private"),
        "yves": _know(api, "bob", api.created("ada", "/api/people", {"name": "Yves Loner"})),
    }
    assert rels["xavier"]["visibility"] == "exclusive" and rels["xavier"]["policy_rule"]["id"] == rule["id"]
    return {"rule": rule, "acme": acme, "people": people, "rels": rels}


def _know(api, who, person, **kw) -> dict:
    return api.created(who, "/api/relationships", {"person_id": api.cast.person(who), "other_id": person["id"],
                                                   "strength": 3, **kw})


def _later(s, days: float, ms: int = 0) -> None:
    s.clock.advance(int(days * DAY_MS) + ms)


def _decide(api, who, rel_id, decision="confirm"):
    return api.post(who, f"/api/reviews/{rel_id}/decision", {"decision": decision})


def _pending(api, who) -> list[str]:
    response = api.get(who, "/api/reviews")
    assert response.status_code == 200
    return [r["relationship_id"] for r in response.get_json()["reviews"]]


def test_asked_once_after_the_period_with_inbox_list_and_audit(api, s, reviewed):
    xavier = reviewed["rels"]["xavier"]["id"]
    _later(s, 30)
    assert s.reviews.run() == {"asked": [], "released": [], "withdrawn": []}  # exactly 30 days: not yet
    _later(s, 0, 1)
    result = s.reviews.run()
    assert [i["relationship_id"] for i in result["asked"]] == [xavier]  # not Pia (private), not Yves (no review)
    assert result["asked"][0]["person_name"] == "Xavier" and result["asked"][0]["owner_name"] == "Alice"
    reviews = api.get("alice", "/api/reviews").get_json()["reviews"]
    assert [(r["relationship_id"], r["person_name"], r["rule"]["name"], r["review_days"], r["grace_days"])
            for r in reviews] == [(xavier, "Xavier", "Acme reviewed", 30, 14)]
    assert reviews[0]["due_at"] == "2026-02-14T00:00:00Z" and reviews[0]["since_at"] == "2026-01-01T00:00:00Z"
    inbox = s.notifications.inbox(api.cast.viewer("alice"))
    assert len(inbox) == 1 and "Xavier" in inbox[0]["text"] and inbox[0]["link"] == "/reviews"
    for who in ("bob", "carol", "mona", "ada"):
        assert _pending(api, who) == [] and s.notifications.inbox(api.cast.viewer(who)) == []
    # not asked twice
    _later(s, 1)
    assert s.reviews.run()["asked"] == []
    assert len(s.notifications.inbox(api.cast.viewer("alice"))) == 1
    entries = [e for e in s.audit.list(api.cast.viewer("ada")) if e["action"].startswith("review.")]
    assert [(e["action"], e["relationship_id"], e["user_id"], e["actor_name"]) for e in entries] == \
        [("review.ask", xavier, api.cast.id("alice"), "Carnet")]
    assert [e["action"] for e in s.audit.list(api.cast.viewer("mona"))].count("review.ask") == 1  # alice's manager
    assert "review.ask" not in [e["action"] for e in s.audit.list(api.cast.viewer("sam"))]


def test_confirm_keeps_it_exclusive_and_restarts_the_clock(api, s, reviewed):
    xavier = reviewed["rels"]["xavier"]["id"]
    _later(s, 31)
    s.reviews.run()
    _later(s, 2)
    response = _decide(api, "alice", xavier, "confirm")
    assert response.status_code == 200
    assert (response.get_json()["decision"], response.get_json()["visibility"]) == ("confirm", "exclusive")
    assert _pending(api, "alice") == []
    assert api.get("bob", f"/api/relationships/{xavier}").get_json()["locked"] is True  # still exclusive
    assert _decide(api, "alice", xavier, "confirm").status_code == 409  # answered already
    _later(s, 30)  # 30 days after the confirmation: not longer than the period
    assert s.reviews.run()["asked"] == []
    _later(s, 0, 1)
    assert [i["relationship_id"] for i in s.reviews.run()["asked"]] == [xavier]  # asked again, a new period
    actions = [e["action"] for e in s.audit.list(api.cast.viewer("ada")) if e["action"].startswith("review.")]
    assert actions == ["review.ask", "review.confirm", "review.ask"]  # newest first


def test_owner_releases_to_the_team(api, s, reviewed):
    xavier = reviewed["rels"]["xavier"]["id"]
    _later(s, 31)
    s.reviews.run()
    response = _decide(api, "alice", xavier, "release")
    assert response.status_code == 200 and response.get_json()["visibility"] == "team"
    seen = api.get("bob", f"/api/relationships/{xavier}").get_json()
    assert (seen["visibility"], seen["locked"], seen["strength"]) == ("team", False, 3)
    assert api.get("carol", f"/api/relationships/{xavier}").get_json()["locked"] is True  # another team
    assert _decide(api, "alice", xavier, "release").status_code == 409
    _later(s, 60)
    assert s.reviews.run() == {"asked": [], "released": [], "withdrawn": []}  # team level: no more reviews
    assert api.get("ada", "/api/policy/reapply").get_json()["changes"] == []  # a re-apply keeps the release
    entry = next(e for e in s.audit.list(api.cast.viewer("ada")) if e["action"] == "review.release")
    assert (entry["actor_id"], entry["relationship_id"], entry["person_name"]) == (api.cast.id("alice"), xavier,
                                                                                  "Xavier")


def test_unanswered_is_released_after_the_grace_period_and_the_owner_told(api, s, reviewed):
    xavier = reviewed["rels"]["xavier"]["id"]
    _later(s, 31)
    s.reviews.run()
    _later(s, 14)
    assert s.reviews.run()["released"] == []  # 14 days exactly: still time
    _later(s, 0, 1)
    result = s.reviews.run()
    assert [i["relationship_id"] for i in result["released"]] == [xavier]
    assert api.get("alice", f"/api/relationships/{xavier}").get_json()["visibility"] == "team"
    assert api.get("bob", f"/api/relationships/{xavier}").get_json()["locked"] is False
    assert _pending(api, "alice") == []
    inbox = s.notifications.inbox(api.cast.viewer("alice"))
    assert len(inbox) == 2 and "now shared with your team" in inbox[0]["text"]
    assert s.reviews.run()["released"] == []  # released once
    assert _decide(api, "alice", xavier, "confirm").status_code == 409  # too late to answer
    entry = next(e for e in s.audit.list(api.cast.viewer("ada")) if e["action"] == "review.auto_release")
    assert (entry["actor_id"], entry["actor_name"], entry["user_id"]) == (None, "Carnet", api.cast.id("alice"))


def test_rule_grace_period_overrides_the_default(api, s, reviewed):
    api.patch("ada", f"/api/policy/rules/{reviewed['rule']['id']}", {"review_grace_days": 3})
    _later(s, 31)
    s.reviews.run()
    _later(s, 3, 1)
    assert [i["relationship_id"] for i in s.reviews.run()["released"]] == [reviewed["rels"]["xavier"]["id"]]


def test_only_the_owner_may_answer(api, s, reviewed):
    xavier, pia = reviewed["rels"]["xavier"]["id"], reviewed["rels"]["pia"]["id"]
    _later(s, 31)
    s.reviews.run()
    for who in ("bob", "carol", "mona", "sam", "ada"):  # exclusive: they know it exists, may not answer
        response = _decide(api, who, xavier, "release")
        assert response.status_code == 403, who
        assert api.post(who, f"/api/reviews/{xavier}/decision", {"decision": "nonsense"}).status_code == 403
    assert api.post("bob", f"/api/reviews/{xavier}/decision", {}).status_code == 403  # 403 before 400
    for who in ("bob", "mona", "ada"):
        assert _decide(api, who, pia).status_code == 404  # private: not revealed
    assert _decide(api, "ada", "0f0e0d0c-unknown-id").status_code == 404
    bad = api.post("alice", f"/api/reviews/{xavier}/decision", {"decision": "nonsense"})
    assert (bad.status_code, bad.get_json()["field"]) == (400, "decision")
    assert _decide(api, "alice", pia).status_code == 409  # private: never under review
    assert api.get("alice", f"/api/relationships/{xavier}").get_json()["visibility"] == "exclusive"
    assert _pending(api, "alice") == [xavier]
    assert api.get(None, "/api/reviews").status_code == 401


def test_private_relationships_are_never_reviewed_nor_revealed(api, s, reviewed):
    pia = reviewed["rels"]["pia"]["id"]
    for _ in range(3):
        _later(s, 60)
        s.reviews.run()
    seen = api.get("alice", f"/api/relationships/{pia}").get_json()
    assert seen["visibility"] == "private"
    assert pia not in _pending(api, "alice")
    entries = s.audit.list(api.cast.viewer("ada"))
    assert all(e.get("relationship_id") != pia and e.get("person_name") != "Pia" for e in entries)
    for who in ("alice", "bob", "mona", "ada"):
        assert all("Pia" not in n["text"] for n in s.notifications.inbox(api.cast.viewer(who)))


def test_logged_contact_withdraws_the_question(api, s, reviewed):
    xavier = reviewed["rels"]["xavier"]["id"]
    _later(s, 31)
    s.reviews.run()
    _later(s, 1)
    today = s.clock.today()
    assert api.patch("alice", f"/api/relationships/{xavier}", {"last_contact": today}).status_code == 200
    result = s.reviews.run()
    assert [i["relationship_id"] for i in result["withdrawn"]] == [xavier] and result["released"] == []
    assert _pending(api, "alice") == []
    _later(s, 20)
    assert s.reviews.run() == {"asked": [], "released": [], "withdrawn": []}  # not released, not asked again
    assert api.get("alice", f"/api/relationships/{xavier}").get_json()["visibility"] == "exclusive"
    assert "review.withdraw" in [e["action"] for e in s.audit.list(api.cast.viewer("ada"))]


def test_cli_prints_what_it_asked_and_released(app, api, s, reviewed):
    runner = app.test_cli_runner()
    _later(s, 31)
    out = runner.invoke(args=["policy", "review"])
    assert out.exit_code == 0, out.output
    assert "asked" in out.output and "Alice: Xavier" in out.output and "1 asked, 0 released, 0 withdrawn" in out.output
    assert runner.invoke(args=["policy", "review"]).output.strip() == "0 asked, 0 released, 0 withdrawn"
    _later(s, 15)
    out = runner.invoke(args=["policy", "review"])
    assert "released  Alice: Xavier" in out.output and "0 asked, 1 released, 0 withdrawn" in out.output


# -- the plan-role condition ---------------------------------------------------------------------
def test_plan_role_rule_decides_and_reapplies(api, s):
    acme = api.created("ada", "/api/organisations", {"name": "Acme", "kind": "account"})
    boss = api.created("ada", "/api/people", {"name": "Boss", "organisation_id": acme["id"]})
    clerk = api.created("ada", "/api/people", {"name": "Clerk", "organisation_id": acme["id"]})
    later = api.created("ada", "/api/people", {"name": "Later DM", "organisation_id": acme["id"]})
    early = _know(api, "carol", later)  # exclusive by the default, chosen by the policy
    assert api.call("PUT", "mona", f"/api/accounts/{acme['id']}/plan/members/{boss['id']}",
                   json={"role": "decision_maker", "stance": "ally", "influence": 5}).status_code == 200
    bad = api.post("ada", "/api/policy/rules", {"name": "x", "outcome": "team", "plan_role": "king"})
    assert (bad.status_code, bad.get_json()["field"]) == (400, "plan_role")
    rule = api.created("ada", "/api/policy/rules", {"name": "Decision makers shared", "plan_role": "decision_maker",
                                                    "outcome": "company", "reason": "DMs are team work"})
    assert rule["plan_role"] == "decision_maker" and "Decision maker in an account plan" in rule["conditions"]
    made = _know(api, "alice", boss)
    assert (made["visibility"], made["policy_rule"]["id"]) == ("company", rule["id"])
    assert _know(api, "alice", clerk)["visibility"] == "exclusive"
    assert api.get("ada", "/api/policy/reapply").get_json()["changes"] == []
    api.call("PUT", "mona", f"/api/accounts/{acme['id']}/plan/members/{later['id']}",
             json={"role": "decision_maker", "stance": "neutral", "influence": 3})
    preview = api.get("ada", "/api/policy/reapply").get_json()["changes"]
    assert [(c["relationship_id"], c["from"], c["to"], c["rule"]["id"]) for c in preview] == \
        [(early["id"], "exclusive", "company", rule["id"])]
    assert [c["relationship_id"] for c in api.post("ada", "/api/policy/reapply").get_json()["changes"]] == [early["id"]]
    assert api.get("carol", f"/api/relationships/{early['id']}").get_json()["visibility"] == "company"


def test_unknown_ids_are_404_before_the_body_is_checked(api, reviewed):
    acme = reviewed["acme"]["id"]
    assert api.call("PUT", "mona", f"/api/accounts/{acme}/plan/members/nobody", json={}).status_code == 404
    assert api.post("alice", "/api/people/nobody/positions", {}).status_code == 404
    assert api.post("alice", "/api/people/nobody/education", {"bad": 1}).status_code == 404
    assert api.post("ada", "/api/policy/rules/nobody/move", {}).status_code == 404
    for who in ("alice", "mona"):
        assert api.post(who, "/api/policy/rules", {}).status_code == 403
        assert api.post(who, "/api/users", {}).status_code == 403
        assert api.post(who, f"/api/policy/rules/{reviewed['rule']['id']}/move", {}).status_code == 403
