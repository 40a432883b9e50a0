"""The pure policy decision: first match wins, conditions combine, forced vs default modes."""

from graph import policy as p

DEFAULT = dict(p.DEFAULT_RULE, id="d", position=10**6)


def rule(id_, position, **kw):
    return {"id": id_, "name": id_, "position": position, "outcome": "company", "mode": "default", **kw}


def facts(*orgs, strength=3, team="t1"):
    return {"orgs": list(orgs), "strength": strength, "owner_team": team}


PUBLIC = {"kind": "account", "sector": "Public", "country": "FR"}
PRIVATE = {"kind": "prospect", "sector": "Retail", "country": "DE"}


def test_first_match_wins_and_default_catches_the_rest():
    rules = [DEFAULT, rule("b", 2, sector="public"), rule("a", 1, org_kind="account", outcome="team")]
    assert p.decide(rules, facts(PUBLIC))["id"] == "a"
    assert p.decide(rules, facts(PRIVATE))["id"] == "d"
    assert p.decide([], facts(PRIVATE))["outcome"] == "exclusive"


def test_organisation_conditions_hold_on_one_employer_together():
    r = rule("r", 1, org_kind="account", country="DE")
    assert not p.matches(r, facts(PUBLIC, PRIVATE))  # account in FR, prospect in DE: no single match
    assert p.matches(r, facts({"kind": "account", "sector": None, "country": "de"}))
    assert not p.matches(r, facts())


def test_strength_and_team_conditions():
    r = rule("r", 1, min_strength=4, team_id="t2")
    assert not p.matches(r, facts(strength=5, team="t1"))
    assert not p.matches(r, facts(strength=3, team="t2"))
    assert p.matches(r, facts(strength=4, team="t2"))
    assert not p.matches(r, facts(strength=None, team="t2"))


def test_forced_allows_only_the_outcome_default_allows_any():
    forced = rule("f", 1, outcome="exclusive", mode="forced")
    assert [lv for lv in ("private", "exclusive", "team", "company") if p.allowed(forced, lv)] == ["exclusive"]
    assert all(p.allowed(rule("d", 1), lv) for lv in ("private", "exclusive", "team", "company"))
    assert not p.allowed(rule("d", 1), "world")


def test_reapply_target_follows_policy_chosen_levels_and_forced_rules_only():
    r = rule("r", 1, outcome="team")
    assert p.reapply_target({"visibility": "exclusive", "visibility_source": "policy"}, r) == "team"
    assert p.reapply_target({"visibility": "exclusive", "visibility_source": "owner"}, r) is None
    assert p.reapply_target({"visibility": "exclusive"}, dict(r, mode="forced")) == "team"
    assert p.reapply_target({"visibility": "team", "visibility_source": "policy"}, r) is None
