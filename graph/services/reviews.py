"""Exclusivity reviews: an exclusive relationship whose rule sets review_days and that
has had no logged contact for that long is put to its owner, who keeps it exclusive (confirm:
the review clock starts again) or shares it with the team (release). Left unanswered past the
grace period, it is released to the team and the owner told. Every step is audited.

The decision per relationship is pure (graph.policy.review_step); this service reads, writes
conditionally (a relationship that changed meanwhile is left alone), audits and notifies. Only
exclusive relationships are ever read here: a private one is never touched nor revealed."""

from __future__ import annotations

from .. import policy as p
from .. import validation as v
from ..errors import Conflict, Forbidden, NotFound
from ..messages import N_
from ..model import REVIEW_DECISIONS
from ..visibility import Viewer, shape_relationship
from .people import rel_row

STEP_ACTIONS = {"ask": "review.ask", "withdraw": "review.withdraw", "release": "review.auto_release"}
STEP_FILES = {"ask": "reviews/ask_reviews", "withdraw": "reviews/withdraw_reviews",
              "release": "reviews/release_reviews"}


class ReviewService:
    def __init__(self, store, clock, users, audit, notifications, policy):
        self.store = store
        self.clock = clock
        self.users = users
        self.audit = audit
        self.notifications = notifications
        self.policy = policy

    # -- the periodic run (cron: `flask --app app policy review`) -------------------------------
    def run(self, actor: Viewer | None = None) -> dict:
        """One pass over the reviewable relationships: ask the owners of those that fell due,
        release those asked and unanswered past the grace period, withdraw questions that no
        longer hold. Returns {"asked", "released", "withdrawn"}: the items really written."""
        now = self.clock.now_ms()
        rules = {r["id"]: r for r in self.policy.rules()}
        reviewing = sorted(i for i, r in rules.items() if r.get("review_days"))
        context = self._context(rules)
        due: dict = {step: [] for step in STEP_FILES}
        for row in self.store.read("reviews/list_reviewable", rule_ids=reviewing):
            rel = rel_row(row)
            step = p.review_step(rel, rules.get(rel.get("policy_rule_id")), now)
            if step:
                due[step].append(self._item(rel, context, asked_at=now if step == "ask" else None))
        done = {step: self._write(step, items, now) for step, items in due.items()}
        self.audit.write([self._entry(actor, STEP_ACTIONS[step], item)
                          for step, items in done.items() for item in items])
        self.notifications.send(
            [self._ask_notice(item) for item in done["ask"]] + [self._release_notice(item) for item in done["release"]])
        return {"asked": done["ask"], "released": done["release"], "withdrawn": done["withdraw"]}

    def _write(self, step: str, items: list[dict], now: int) -> list[dict]:
        if not items:
            return []
        changes = [{"id": i["relationship_id"], "asked_at": i["asked_at"], "owner": i["owner"]} for i in items]
        written = {r["id"] for r in self.store.write(STEP_FILES[step], changes=changes, now=now)}
        return [i for i in items if i["relationship_id"] in written]

    # -- the owner's side ----------------------------------------------------------------------
    def pending(self, viewer: Viewer) -> list[dict]:
        """The viewer's relationships waiting for their answer, oldest question first."""
        if viewer.user_id is None:
            return []
        rows = self.store.read("reviews/list_pending", owner=viewer.user_id)
        if not rows:
            return []
        context = self._context({r["id"]: r for r in self.policy.rules()})
        return [self._item(rel_row(r), context) for r in rows]

    def require_owner(self, viewer: Viewer, rel_id) -> dict:
        """The relationship when the viewer owns it: unknown or hidden → 404, someone else's → 403
        (before any input is looked at)."""
        rows = self.store.read("reviews/get_review", id=rel_id) if isinstance(rel_id, str) else []
        rel = rel_row(rows[0]) if rows else None
        if rel is None or shape_relationship(viewer, rel, self.users.directory()) is None:
            raise NotFound(N_("unknown relationship"))
        if viewer.user_id is None or rel["owner"] != viewer.user_id:
            raise Forbidden(N_("only the relationship's owner may answer its review"))
        return rel

    def answer(self, viewer: Viewer, rel_id, decision) -> dict:
        """Confirm (stays exclusive, the review clock restarts) or release (to the team) a
        pending review; answering one that is not pending (or twice) is a Conflict."""
        rel = self.require_owner(viewer, rel_id)
        decision = v.choice("decision", decision, REVIEW_DECISIONS)
        if rel.get("visibility") != "exclusive" or rel.get("review_asked_at") is None:
            raise Conflict(N_("no review is pending for this relationship"), "decision")
        context = self._context({r["id"]: r for r in self.policy.rules()})
        item = self._item(rel, context)
        now = self.clock.now_ms()
        if decision == "confirm":
            written = self.store.write("reviews/confirm_review", id=rel["id"], asked_at=rel["review_asked_at"],
                                       owner=viewer.user_id, now=now)
        else:
            written = self.store.write("reviews/release_reviews", now=now, changes=[
                {"id": rel["id"], "asked_at": rel["review_asked_at"], "owner": viewer.user_id}])
        if not written:  # answered or released meanwhile
            raise Conflict(N_("no review is pending for this relationship"), "decision")
        self.audit.write([self._entry(viewer, f"review.{decision}", item)])
        return dict(item, decision=decision, visibility="exclusive" if decision == "confirm" else "team")

    # -- shaping -------------------------------------------------------------------------------
    def _context(self, rules: dict) -> dict:
        return {"rules": rules, "directory": self.users.directory(),
                "person_of": {r["user_id"]: r["person_id"] for r in self.store.read("policy/list_user_people")}}

    @staticmethod
    def _item(rel: dict, context: dict, asked_at: int | None = None) -> dict:
        """A review as pages, the API, audit and the inbox show it: the contact is the end of
        the relationship that is not the owner's own person."""
        owner = rel["owner"]
        me = context["person_of"].get(owner)
        if me == rel["person_id"]:
            contact_id, contact_name = rel["other_id"], rel["other_name"]
        elif me == rel["other_id"]:
            contact_id, contact_name = rel["person_id"], rel["person_name"]
        else:
            contact_id, contact_name = rel["other_id"], f"{rel['person_name']} — {rel['other_name']}"
        rule = context["rules"].get(rel.get("policy_rule_id"))
        asked = asked_at if asked_at is not None else rel.get("review_asked_at")
        return {"relationship_id": rel["id"], "owner": owner, "owner_name": context["directory"].owner_name(owner),
                "person_id": contact_id, "person_name": contact_name,
                "rule": p.summary(rule) if rule else None, "review_days": (rule or {}).get("review_days"),
                "grace_days": p.grace_days(rule), "since_at": p.review_since(rel), "asked_at": asked,
                "due_at": asked + p.grace_days(rule) * p.DAY_MS if asked is not None else None}

    def _entry(self, actor: Viewer | None, action: str, item: dict) -> dict:
        rule = item["rule"] or {}
        detail = {
            "review.ask": f"no contact logged for over {item['review_days']} days: owner asked to confirm or "
                          f"release within {item['grace_days']} days",
            "review.withdraw": "question withdrawn: contact logged since, or the rule no longer reviews",
            "review.auto_release": f"exclusive → team (review unanswered for {item['grace_days']} days)",
            "review.confirm": "kept exclusive by the owner; the review clock restarts",
            "review.release": "exclusive → team (released by the owner)",
        }[action]
        return self.audit.entry(actor, action, users=(item["owner"],), user_id=item["owner"],
                                user_name=item["owner_name"], relationship_id=item["relationship_id"],
                                person_id=item["person_id"], person_name=item["person_name"],
                                rule_id=rule.get("id"), rule_name=rule.get("name"), detail=detail)

    def _ask_notice(self, item: dict) -> dict:
        rule = N_(" (rule “%(name)s”)", name=item["rule"]["name"]) if item["rule"] else ""
        return self.notifications.item(item["owner"], "policy", N_(
            "Review: no contact with %(name)s logged for over %(days)s days%(rule)s. Keep it exclusive or share it "
            "with your team within %(grace)s days; unanswered, it goes to your team.", name=item["person_name"],
            days=item["review_days"], rule=rule, grace=item["grace_days"]), link="/reviews")

    def _release_notice(self, item: dict) -> dict:
        return self.notifications.item(item["owner"], "policy", N_(
            "Your relationship with %(name)s is now shared with your team: its exclusivity review went unanswered "
            "for %(grace)s days.", name=item["person_name"], grace=item["grace_days"]),
            link=f"/people/{item['person_id']}")
