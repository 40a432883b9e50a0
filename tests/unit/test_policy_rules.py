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


def test_reapply_target_never_changes_a_private_relationship():
    r = rule("r", 1, outcome="company")
    for source in ("policy", "owner", None):
        assert p.reapply_target({"visibility": "private", "visibility_source": source}, r) is None
        assert p.reapply_target({"visibility": "private", "visibility_source": source}, dict(r, mode="forced")) is None


# -- the contact's role in an account plan ----------------------------------------------------------
def test_plan_role_condition_holds_when_the_contact_has_that_role_in_any_plan():
    r = rule("r", 1, plan_role="decision_maker")
    assert p.matches(r, dict(facts(), plan_roles=["influencer", "decision_maker"]))
    assert not p.matches(r, dict(facts(), plan_roles=["influencer"]))
    assert not p.matches(r, facts())  # no plan_roles known: not a member
    assert p.matches(rule("any", 1), dict(facts(), plan_roles=["coach"]))
    combined = rule("c", 1, plan_role="champion", sector="public")
    assert p.matches(combined, dict(facts(PUBLIC), plan_roles=["champion"]))
    assert not p.matches(combined, dict(facts(PRIVATE), plan_roles=["champion"]))
    assert "Decision maker in an account plan" in p.describe(r)


def test_first_match_wins_with_the_plan_role_condition():
    dm = rule("dm", 1, plan_role="decision_maker", outcome="team")
    public = rule("pub", 2, sector="public", outcome="company")
    rules = [DEFAULT, public, dm]
    assert p.decide(rules, dict(facts(PUBLIC), plan_roles=["decision_maker"]))["id"] == "dm"
    assert p.decide(rules, dict(facts(PUBLIC), plan_roles=["user"]))["id"] == "pub"
    assert p.decide(rules, dict(facts(PRIVATE), plan_roles=["decision_maker"]))["id"] == "dm"
    assert p.decide(rules, dict(facts(PRIVATE), plan_roles=["gatekeeper"]))["id"] == "d"
    swapped = [DEFAULT, dict(public, position=1), dict(dm, position=2)]  # order decides, not specificity
    assert p.decide(swapped, dict(facts(PUBLIC), plan_roles=["decision_maker"]))["id"] == "pub"


def _oracle(rules, f):
    """First-match-wins written independently: walk positions, test each condition on its own."""
    def holds(r):
        checks = []
        if r.get("plan_role"):
            checks.append(r["plan_role"] in f.get("plan_roles", []))
        if r.get("min_strength") is not None:
            checks.append((f["strength"] or 0) >= r["min_strength"])
        if r.get("team_id"):
            checks.append(r["team_id"] == f["owner_team"])
        keys = [(k, r[c]) for k, c in (("kind", "org_kind"), ("sector", "sector"), ("country", "country")) if r.get(c)]
        if keys:
            checks.append(any(all(str(o.get(k) or "").lower() == val.lower() for k, val in keys) for o in f["orgs"]))
        return all(checks)
    for r in sorted((r for r in rules if not r.get("is_default")), key=lambda r: r["position"]):
        if holds(r):
            return r["id"]
    return "d"


def test_decide_agrees_with_an_independent_oracle_on_random_rules():
    import random
    rnd = random.Random(5)
    roles = ("decision_maker", "champion", "user")
    orgs = (PUBLIC, PRIVATE, {"kind": "account", "sector": "Retail", "country": "FR"})
    for trial in range(400):
        rules = [DEFAULT] + [rule(f"r{i}", i, **{k: val for k, val in (
            ("plan_role", rnd.choice((None,) + roles)), ("sector", rnd.choice((None, "public", "retail"))),
            ("org_kind", rnd.choice((None, "account", "prospect"))), ("min_strength", rnd.choice((None, 2, 4))),
            ("team_id", rnd.choice((None, "t1", "t2")))) if val is not None}) for i in rnd.sample(range(8), 4)]
        f = {"orgs": rnd.sample(orgs, rnd.randint(0, 2)), "strength": rnd.randint(1, 5),
             "owner_team": rnd.choice(("t1", "t2")), "plan_roles": rnd.sample(roles, rnd.randint(0, 2))}
        assert p.decide(rules, f)["id"] == _oracle(rules, f), (trial, rules, f)


# -- exclusivity reviews ----------------------------------------------------------------------------
DAY = p.DAY_MS
T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z
REVIEWED = rule("rv", 1, outcome="exclusive", review_days=30)


def rel(**kw):
    return {"visibility": "exclusive", "created_at": T0, **kw}


def test_review_asks_once_no_contact_for_longer_than_the_period():
    assert p.review_step(rel(), REVIEWED, T0 + 30 * DAY) is None  # exactly the period: not longer
    assert p.review_step(rel(), REVIEWED, T0 + 30 * DAY + 1) == "ask"
    assert p.review_step(rel(last_contact="2026-01-20"), REVIEWED, T0 + 40 * DAY) is None  # contact counts
    assert p.review_step(rel(last_contact="2026-01-20"), REVIEWED, T0 + 49 * DAY + 1) == "ask"
    asked = rel(review_asked_at=T0 + 31 * DAY)
    assert p.review_step(asked, REVIEWED, T0 + 32 * DAY) is None  # asked already: not asked twice


def test_private_team_and_unreviewed_rules_are_never_reviewed():
    late = T0 + 400 * DAY
    for level in ("private", "team", "company"):
        assert p.review_step(rel(visibility=level), REVIEWED, late) is None
        assert p.review_step(rel(visibility=level, review_asked_at=T0), REVIEWED, late) is None
    assert p.review_step(rel(), rule("x", 1), late) is None
    assert p.review_step(rel(), None, late) is None


def test_unanswered_past_the_grace_period_is_released():
    asked = T0 + 31 * DAY
    r = rel(review_asked_at=asked)
    assert p.review_step(r, REVIEWED, asked + 14 * DAY) is None  # model default: 14 days
    assert p.review_step(r, REVIEWED, asked + 14 * DAY + 1) == "release"
    short = dict(REVIEWED, review_grace_days=3)
    assert p.review_step(r, short, asked + 3 * DAY + 1) == "release"
    assert p.grace_days(None) == p.REVIEW_GRACE_DAYS == 14


def test_confirmation_restarts_the_clock_and_contact_since_asking_withdraws():
    confirmed = rel(review_confirmed_at=T0 + 35 * DAY)
    assert p.review_step(confirmed, REVIEWED, T0 + 65 * DAY) is None
    assert p.review_step(confirmed, REVIEWED, T0 + 65 * DAY + 1) == "ask"
    asked = T0 + 31 * DAY + 5 * 3600_000  # asked on 2026-02-01, in the morning
    assert p.review_step(rel(review_asked_at=asked, last_contact="2026-02-01"), REVIEWED, asked + DAY) == "withdraw"
    assert p.review_step(rel(review_asked_at=asked, last_contact="2026-01-31"), REVIEWED, asked + DAY) == "withdraw"
    assert p.review_step(rel(review_asked_at=asked, last_contact="2025-12-01"), REVIEWED, asked + DAY) is None
    assert p.review_step(rel(review_asked_at=asked), rule("x", 1), asked + DAY) == "withdraw"  # rule stopped


def test_reapply_leaves_a_level_the_review_released_unless_forced():
    r = rule("r", 1, outcome="exclusive")
    released = {"visibility": "team", "visibility_source": "review"}
    assert p.reapply_target(released, r) is None
    assert p.reapply_target(released, dict(r, mode="forced")) == "exclusive"
