"""Policy rules: the ordered list admins edit, the decision for a new relationship, and the
re-application of changed rules to existing relationships (preview first, then apply).

The pure decision lives in graph/policy.py; this service gathers the facts (the contact's
current employers and account-plan roles, the owner's team) and writes, auditing every change."""

from __future__ import annotations

from .. import changes
from .. import policy as p
from .. import validation as v
from ..clock import new_id
from ..errors import Conflict, Forbidden, NotFound, ValidationError
from ..messages import N_
from ..model import MAX_NAME, ORG_KINDS, PLAN_ROLES, VISIBILITIES
from ..visibility import Viewer

DEFAULT_EDITABLE = ("name", "outcome", "mode", "review_days", "review_grace_days", "reason")
RULE_FIELDS = DEFAULT_EDITABLE + ("org_kind", "sector", "country", "min_strength", "team_id", "plan_role")
MAX_REVIEW_DAYS, MAX_GRACE_DAYS = 3650, 365
DEFAULT_POSITION = 1_000_000


class PolicyService:
    def __init__(self, store, clock, users, audit):
        self.store = store
        self.clock = clock
        self.users = users
        self.audit = audit
        self.notifications = None  # set by Services: tells owners when a re-application changes theirs
        self._rules = changes.Kept()

    # -- reads ---------------------------------------------------------------------------------
    def rules(self) -> list[dict]:
        """Every rule in decision order; the catch-all default is created on first use. Kept per
        process until a write noted ANY (graph/changes.py); callers must not change them."""
        rows = self._rules.get(self.store, lambda: self.store.read("policy/list_rules"))
        if not any(r["rule"].get("is_default") for r in rows):
            d = p.DEFAULT_RULE
            self.store.write("policy/ensure_default", id=new_id(), rule_name=d["name"], outcome=d["outcome"],
                             mode=d["mode"], reason=d["reason"], position=DEFAULT_POSITION, now=self.clock.now_ms())
            rows = self.store.read("policy/list_rules")
        return p.ordered([r["rule"] for r in rows])

    def list(self, viewer: Viewer) -> list[dict]:
        """The rules as everyone may read them (reps see why their contacts are shared)."""
        names = {t["id"]: t["name"] for t in self.users.teams()}
        out = []
        for rule in self.rules():
            rule = dict(rule)
            rule["conditions"] = p.describe(rule, names)
            rule["team"] = names.get(rule.get("team_id")) if rule.get("team_id") else None
            out.append(rule)
        return out

    def get(self, viewer: Viewer, rule_id) -> dict:
        for rule in self.list(viewer):
            if rule["id"] == rule_id:
                return rule
        raise NotFound(N_("unknown rule"))

    def editor(self, viewer: Viewer, rule_id=None) -> dict:
        """What the rule form needs (admins only): the rule being edited and the teams."""
        self._admin(viewer)
        return {"rule": self.get(viewer, rule_id) if rule_id is not None else None, "teams": self.users.teams()}

    # -- deciding ------------------------------------------------------------------------------
    def facts(self, owner: Viewer, person_id: str, other_id: str, strength, rules: list[dict]) -> dict:
        """What the rules look at: the contact's current employers (both ends when the owner
        is neither), the strength, the owner's team, and the contact's roles in account plans
        (read only when a rule asks about them)."""
        contacts = [i for i in (person_id, other_id) if i != owner.person_id] or [other_id]
        orgs = self.store.read("policy/contact_orgs", ids=contacts)
        roles = [r["role"] for r in self.store.read("policy/contact_plan_roles", ids=contacts)] \
            if any(r.get("plan_role") for r in rules) else []
        return {"orgs": orgs, "strength": strength, "owner_team": owner.team_id, "plan_roles": roles}

    def decide(self, owner: Viewer, person_id: str, other_id: str, strength,
               chosen: str | None) -> tuple[str, dict, str]:
        """(visibility, rule, source) for a relationship `owner` records; a level a forced rule
        does not allow is a ValidationError naming visibility."""
        rules = self.rules()
        rule = p.decide(rules, self.facts(owner, person_id, other_id, strength, rules))
        if chosen is None:
            return rule["outcome"], rule, "policy"
        if not owner.is_system and not p.allowed(rule, chosen):
            raise ValidationError(f"the rule “{rule['name']}” requires {rule['outcome']}: {rule.get('reason') or ''}"
                                  .strip().rstrip(":"), "visibility")
        return chosen, rule, "owner"

    def preview_for(self, viewer: Viewer, other_id: str) -> dict | None:
        """The rule that would decide if the viewer recorded that they know `other_id` (shown
        on the 'I know this person' form, before a strength is chosen)."""
        if not viewer.person_id:
            return None
        rules = self.rules()
        rule = p.decide(rules, self.facts(viewer, viewer.person_id, other_id, None, rules))
        return {**p.summary(rule), "outcome": rule["outcome"], "mode": rule.get("mode")}

    # -- admin writes ----------------------------------------------------------------------------
    def _fields(self, data: dict, *, partial: bool, default: bool) -> dict:
        allowed = DEFAULT_EDITABLE if default else RULE_FIELDS
        v.only_fields(data, allowed)
        out = {}

        def has(key):
            return not partial or key in data

        if has("name"):
            out["name"] = v.text("name", data.get("name"), required=True, max_len=MAX_NAME)
        if not default:
            if has("org_kind"):
                out["org_kind"] = v.choice("org_kind", data.get("org_kind"), ORG_KINDS, required=False)
            for key in ("sector", "country"):
                if has(key):
                    out[key] = v.text(key, data.get(key), max_len=100)
            if has("min_strength"):
                out["min_strength"] = v.integer("min_strength", data.get("min_strength"), low=1, high=5,
                                                required=False)
            if has("team_id"):
                team = v.identifier("team_id", data.get("team_id"), required=False)
                if team and not any(t["id"] == team for t in self.users.teams()):
                    raise NotFound(N_("unknown team"), "team_id")
                out["team_id"] = team
            if has("plan_role"):
                out["plan_role"] = v.choice("plan_role", data.get("plan_role"), PLAN_ROLES, required=False)
        if has("outcome"):
            out["outcome"] = v.choice("outcome", data.get("outcome"), VISIBILITIES)
        if has("mode"):
            out["mode"] = v.choice("mode", data.get("mode"), p.MODES, default="default")
        if has("review_days"):
            out["review_days"] = v.integer("review_days", data.get("review_days"), low=1, high=MAX_REVIEW_DAYS,
                                           required=False)
        if has("review_grace_days"):
            out["review_grace_days"] = v.integer("review_grace_days", data.get("review_grace_days"), low=1,
                                                 high=MAX_GRACE_DAYS, required=False)
        if has("reason"):
            out["reason"] = v.text("reason", data.get("reason"), max_len=300)
        return out

    def create(self, viewer: Viewer, data: dict) -> dict:
        """A new rule, placed just before the catch-all default."""
        self._admin(viewer)
        fields = self._fields(data, partial=False, default=False)
        others = [r for r in self.rules() if not r.get("is_default")]
        now = self.clock.now_ms()
        rule = {k: val for k, val in fields.items() if val is not None}
        rule.update(id=new_id(), position=len(others), is_default=False, created_at=now, updated_at=now)
        self.store.write("policy/create_rule", rule=rule)
        self.audit.record(viewer, "policy.create", rule_id=rule["id"], rule_name=rule["name"],
                          detail=self._detail(rule))
        return self.get(viewer, rule["id"])

    def update(self, viewer: Viewer, rule_id, data: dict) -> dict:
        self._admin(viewer)
        rule = self._existing(rule_id)
        fields = self._fields(data, partial=True, default=bool(rule.get("is_default")))
        if not fields:
            raise ValidationError(N_("nothing to change"), "name")
        fields["updated_at"] = self.clock.now_ms()
        self.store.write("policy/update_rule", id=rule["id"], props=fields)
        changed = {k: val for k, val in fields.items() if k != "updated_at" and rule.get(k) != val}
        self.audit.record(viewer, "policy.update", rule_id=rule["id"], rule_name=fields.get("name", rule["name"]),
                          detail="; ".join(f"{k}: {rule.get(k)} → {val}" for k, val in changed.items()) or "no change")
        return self.get(viewer, rule["id"])

    def delete(self, viewer: Viewer, rule_id) -> None:
        self._admin(viewer)
        rule = self._existing(rule_id)
        if rule.get("is_default"):
            raise Conflict(N_("the default rule cannot be deleted; change its outcome instead"), "id")
        self.store.write("policy/delete_rule", id=rule["id"])
        self.audit.record(viewer, "policy.delete", rule_id=rule["id"], rule_name=rule["name"],
                          detail=self._detail(rule))

    def move(self, viewer: Viewer, rule_id, direction) -> list[dict]:
        """Move a rule one place up or down (the default stays last)."""
        self._admin(viewer)
        rule = self._existing(rule_id)
        direction = v.choice("direction", direction, ("up", "down"))
        if rule.get("is_default"):
            raise Conflict(N_("the default rule always comes last"), "direction")
        ids = [r["id"] for r in self.rules() if not r.get("is_default")]
        i = ids.index(rule["id"])
        j = i - 1 if direction == "up" else i + 1
        if 0 <= j < len(ids):
            ids[i], ids[j] = ids[j], ids[i]
            self.store.write("policy/set_order", ids=ids, now=self.clock.now_ms())
            self.audit.record(viewer, "policy.move", rule_id=rule["id"], rule_name=rule["name"],
                              detail=f"moved {direction} to position {j + 1}")
        return self.list(viewer)

    # -- re-application ------------------------------------------------------------------------
    def preview(self, viewer: Viewer) -> list[dict]:
        """What re-applying the rules would change: each relationship whose level the policy
        chose and the deciding rule now gives another level, or that a forced rule overrides.
        Private relationships are never read here (an admin does not see them), so they are
        neither listed, counted nor changed."""
        self._admin(viewer)
        rules = self.rules()
        person_of = {r["user_id"]: r["person_id"] for r in self.store.read("policy/list_user_people")}
        directory = self.users.directory()
        orgs: dict = {}
        for row in self.store.read("policy/all_current_orgs"):
            orgs.setdefault(row["person_id"], []).append(row)
        roles: dict = {}
        for row in self.store.read("policy/all_plan_roles") if any(r.get("plan_role") for r in rules) else ():
            roles.setdefault(row["person_id"], []).append(row["role"])
        changes = []
        for rel in self.store.read("policy/list_knows"):
            own = person_of.get(rel["owner"])
            contacts = [i for i in (rel["person_id"], rel["other_id"]) if i != own] or [rel["other_id"]]
            facts = {"orgs": [o for c in contacts for o in orgs.get(c, ())], "strength": rel["strength"],
                     "owner_team": directory.owner_team(rel["owner"]),
                     "plan_roles": [r for c in contacts for r in roles.get(c, ())]}
            rule = p.decide(rules, facts)
            target = p.reapply_target(rel, rule)
            if target:
                changes.append({"relationship_id": rel["id"], "person_id": rel["person_id"],
                                "person_name": rel["person_name"], "other_id": rel["other_id"],
                                "other_name": rel["other_name"], "owner": rel["owner"],
                                "owner_name": directory.owner_name(rel["owner"]), "from": rel["visibility"],
                                "to": target, "rule": p.summary(rule)})
        return changes

    def reapply(self, viewer: Viewer) -> list[dict]:
        """Apply the preview; a relationship changed meanwhile is left alone. Every change is
        audited and its owner told."""
        changes = self.preview(viewer)
        if not changes:
            return []
        rows = self.store.write("policy/set_visibilities", now=self.clock.now_ms(), changes=[
            {"id": c["relationship_id"], "from": c["from"], "to": c["to"], "rule_id": c["rule"]["id"]}
            for c in changes])
        done = {r["id"] for r in rows}
        applied = [c for c in changes if c["relationship_id"] in done]
        self.audit.write([self.audit.entry(
            viewer, "relationship.visibility", users=(c["owner"],), user_id=c["owner"], user_name=c["owner_name"],
            relationship_id=c["relationship_id"], person_id=c["other_id"], person_name=c["other_name"],
            rule_id=c["rule"]["id"], rule_name=c["rule"]["name"], reason=c["rule"]["reason"],
            detail=f"{c['from']} → {c['to']} (policy re-applied)") for c in applied])
        self.audit.record(viewer, "policy.reapply", detail=f"{len(applied)} relationship(s) changed")
        if self.notifications:
            for c in applied:
                self.notifications.notify(c["owner"], "policy", (
                    f"Your relationship with {c['other_name']} is now {c['to']} (was {c['from']}): "
                    f"rule “{c['rule']['name']}”. {c['rule']['reason'] or ''}").strip(),
                    link=f"/people/{c['other_id']}")
        return applied

    # -- helpers -------------------------------------------------------------------------------
    def require_admin(self, viewer: Viewer, rule_id=None) -> dict | None:
        """The rule (when an id is given) if the viewer may change rules: 403 for a non-admin,
        then 404 for an unknown rule, before any input is looked at."""
        self._admin(viewer)
        return self._existing(rule_id) if rule_id is not None else None

    def _existing(self, rule_id) -> dict:
        for rule in self.rules():
            if rule["id"] == rule_id:
                return rule
        raise NotFound(N_("unknown rule"))

    @staticmethod
    def _detail(rule: dict) -> str:
        return f"{p.describe(rule)} → {rule['outcome']} ({rule.get('mode', 'default')})"

    @staticmethod
    def _admin(viewer: Viewer) -> None:
        if not viewer.is_admin:
            raise Forbidden(N_("only an admin may change policy rules"))
