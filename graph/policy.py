"""Exclusivity policy, pure: which rule decides a relationship's visibility, and whether the
rep's own choice is allowed. No store here, so the rules are unit-testable on plain dicts.

A rule is a dict {id, name, position, org_kind, sector, country, min_strength, team_id,
plan_role, outcome, mode, review_days, review_grace_days, reason, is_default}. Every condition
left empty matches anything; the first rule (by position) whose conditions all hold wins. The
default rule matches all.

The exclusivity review is pure too: given a relationship, its rule and the time, what the
review run should do (ask the owner, release to the team, withdraw the question)."""

from __future__ import annotations

import datetime as _dt

from .model import PLAN_ROLE_LABELS, REVIEW_GRACE_DAYS, VISIBILITIES

MODES = ("default", "forced")
MODE_LABELS = {
    "default": "Default — the rep may choose another level",
    "forced": "Forced — the rep must keep this level",
}
CONDITIONS = ("org_kind", "sector", "country", "min_strength", "team_id", "plan_role")
DEFAULT_RULE = {
    "name": "Default: exclusive", "org_kind": None, "sector": None, "country": None,
    "min_strength": None, "team_id": None, "plan_role": None, "outcome": "exclusive", "mode": "default",
    "review_days": None, "review_grace_days": None,
    "reason": "Contacts stay with the rep who knows them unless a rule says otherwise.",
    "is_default": True,
}


def ordered(rules: list[dict]) -> list[dict]:
    """Rules in decision order: by position, the default rule always last."""
    return sorted(rules, key=lambda r: (bool(r.get("is_default")), r.get("position") or 0, r.get("id") or ""))


def _same(a, b) -> bool:
    return isinstance(a, str) and isinstance(b, str) and a.strip().lower() == b.strip().lower()


def matches(rule: dict, facts: dict) -> bool:
    """Whether every condition of `rule` holds for `facts`:
    {orgs: [{kind, sector, country}], strength, owner_team, plan_roles}. Organisation conditions
    hold when one current employer of the contact satisfies all of them together; plan_role
    holds when the contact is a member of any account plan with that role."""
    if rule.get("is_default"):
        return True
    if rule.get("plan_role") and rule["plan_role"] not in (facts.get("plan_roles") or ()):
        return False
    if rule.get("min_strength") is not None and (facts.get("strength") or 0) < rule["min_strength"]:
        return False
    if rule.get("team_id") and rule["team_id"] != facts.get("owner_team"):
        return False
    wanted = [(key, rule.get(cond)) for key, cond in (("kind", "org_kind"), ("sector", "sector"),
                                                       ("country", "country")) if rule.get(cond)]
    if wanted:
        return any(all(_same(org.get(key), value) for key, value in wanted) for org in facts.get("orgs") or ())
    return True


def decide(rules: list[dict], facts: dict) -> dict:
    """The first matching rule (the default rule when nothing else matches)."""
    for rule in ordered(rules):
        if matches(rule, facts):
            return rule
    return dict(DEFAULT_RULE, id=None)


def allowed(rule: dict, chosen: str) -> bool:
    """Whether the rep may record `chosen` under `rule`: any level when the rule is a default,
    exactly the outcome when it is forced."""
    if chosen not in VISIBILITIES:
        return False
    return rule.get("mode") != "forced" or chosen == rule["outcome"]


def summary(rule: dict) -> dict:
    """What a rep is shown about the rule that decided (CONTRACT: policy_rule {id, name, reason})."""
    return {"id": rule.get("id"), "name": rule.get("name"), "reason": rule.get("reason")}


def describe(rule: dict, team_names: dict | None = None) -> str:
    """The conditions of a rule as one short line for pages."""
    if rule.get("is_default"):
        return "everything else"
    parts = []
    if rule.get("org_kind"):
        parts.append(f"organisation kind {rule['org_kind']}")
    if rule.get("sector"):
        parts.append(f"sector {rule['sector']}")
    if rule.get("country"):
        parts.append(f"country {rule['country']}")
    if rule.get("min_strength") is not None:
        parts.append(f"strength ≥ {rule['min_strength']}")
    if rule.get("team_id"):
        parts.append(f"owner in team {(team_names or {}).get(rule['team_id'], rule['team_id'])}")
    if rule.get("plan_role"):
        parts.append(f"contact is {PLAN_ROLE_LABELS.get(rule['plan_role'], rule['plan_role'])} in an account plan")
    return " and ".join(parts) or "any relationship"


def reapply_target(rel: dict, rule: dict) -> str | None:
    """The visibility a re-application would give `rel` under `rule`, or None if it keeps its own.

    A level the policy chose follows the rule; a level the rep chose (or a review released)
    changes only when a forced rule now demands another level. A private relationship is never
    changed: nobody but its owner may learn it exists, let alone publish it."""
    if rel.get("visibility") in (rule["outcome"], "private"):
        return None
    if rel.get("visibility_source") == "policy" or rule.get("mode") == "forced":
        return rule["outcome"]
    return None


# -- exclusivity reviews --------------------------------------------------------------------------
DAY_MS = 86_400_000


def date_ms(value: str | None) -> int | None:
    """An ISO date (last_contact) as the epoch milliseconds of its UTC midnight."""
    if not value:
        return None
    day = _dt.date.fromisoformat(str(value)[:10])
    return int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc).timestamp() * 1000)


def review_since(rel: dict) -> int | None:
    """When the review clock started: the last logged contact (its creation when none was
    logged), or the owner's last confirmation when that is later."""
    contact = date_ms(rel.get("last_contact")) if rel.get("last_contact") else rel.get("created_at")
    marks = [m for m in (contact, rel.get("review_confirmed_at")) if m is not None]
    return max(marks) if marks else None


def grace_days(rule: dict | None) -> int:
    return (rule or {}).get("review_grace_days") or REVIEW_GRACE_DAYS


def review_step(rel: dict, rule: dict | None, now: int) -> str | None:
    """What the review run does with one relationship: "ask" its owner, "release" it to the
    team (asked and unanswered past the grace period), "withdraw" the question (contact logged
    since, or the rule no longer reviews), or None.

    Only exclusive relationships are reviewed: a private one is never touched."""
    if rel.get("visibility") != "exclusive":
        return None
    days = (rule or {}).get("review_days")
    since = review_since(rel)
    asked = rel.get("review_asked_at")
    stale = bool(days) and since is not None and now - since > days * DAY_MS
    if asked is None:
        return "ask" if stale else None
    if not stale or since >= asked - asked % DAY_MS:  # the rule stopped reviewing, or contact logged
        return "withdraw"
    if now - asked > grace_days(rule) * DAY_MS:
        return "release"
    return None
