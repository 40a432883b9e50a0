"""Alerts: evaluate the rules of graph/alerts.py on a schedule (`flask --app app alerts run`)
and after the writes that matter, deliver each new alert once (in-app inbox, and e-mail when
SMTP is configured), and let each user dismiss or snooze theirs.

Delivery is idempotent: an (:Alert {key}) per rule, object, state and user is MERGEd, and only
an alert that is new (or back from a snooze, or firing again after it stopped) is sent. A run
marks the alerts of the rules it evaluated that no longer fire as resolved."""

from __future__ import annotations

from .. import alerts as rules
from .. import messages
from .. import plans as calc
from .. import validation as v
from ..clock import new_id
from ..errors import NotFound
from ..visibility import LOCKED, VISIBLE, Viewer, relationship_access
from .events import admin_ids, deciders

SCHEDULED = ("uncovered", "stale", "leaving", "pending")


class AlertService:
    mailer = None  # graph.adapters.mailer.SmtpMailer, set by the app when SMTP is configured
    translate = None  # (text or Message, lang) -> str, set by the app: e-mails in each recipient's language

    def __init__(self, store, clock, notifications, users):
        self.store = store
        self.clock = clock
        self.notifications = notifications
        self.users = users

    # -- evaluation -------------------------------------------------------------------------------
    def run(self, stale_days: int = rules.STALE_DAYS) -> dict:
        """Evaluate every scheduled rule; returns {rule: alerts delivered} plus resolved."""
        today, now = self.clock.today(), self.clock.now_ms()
        found = {
            "uncovered": self._uncovered(None),
            "stale": self._stale(today, now, stale_days),
            "leaving": self._leaving(today, None),
            "pending": self._pending(now),
        }
        every = [a for rule in SCHEDULED for a in found[rule]]
        delivered = self.deliver(every)
        resolved = self.store.write("alerts/resolve_alerts", rules=list(SCHEDULED),
                                    live=[a.as_row()["key"] for a in every], now=now)
        out = {rule: sum(1 for a in delivered if a["rule"] == rule) for rule in SCHEDULED}
        out["resolved"] = resolved[0]["resolved"] if resolved else 0
        return out

    def check_account(self, account_id: str) -> list[dict]:
        """After a plan's members change: is a decision maker uncovered now?"""
        return self.deliver(self._uncovered([account_id]))

    def check_person(self, person_id: str) -> list[dict]:
        """After a position is written: is this person leaving soon?"""
        return self.deliver(self._leaving(self.clock.today(), [person_id]))

    def job_changes(self, changes: list[dict]) -> list[dict]:
        """Changes of employer seen on import: [{person_id, name, old_organisation, new_organisation}]."""
        if not changes:
            return []
        rows = self.store.read("alerts/list_relationship_owners", person_ids=sorted({c["person_id"] for c in changes}))
        owners = {r["person_id"]: set(r["owners"]) for r in rows}
        return self.deliver(rules.job_changes(changes, owners))

    def _uncovered(self, account_ids) -> list:
        rows = self.store.read("alerts/list_uncovered", account_ids=account_ids, covered=rules.COVERED_STRENGTH)
        return rules.uncovered(rows, self._plan_teams({r["plan_id"] for r in rows}), self._best_seen()) if rows else []

    def _best_seen(self):
        """(user, coverage) -> the best rank that user sees: a visible strength, or a locked
        relationship as calc.LOCKED_STRENGTH (its real strength never used)."""
        directory, viewers = self.users.directory(), {}

        def best(user_id: str, coverage) -> int | None:
            if user_id not in viewers:
                viewers[user_id] = self.users.viewer(user_id)
            viewer, ranks = viewers[user_id], []
            for c in coverage if viewers[user_id] is not None else ():
                access = relationship_access(viewer, c["owner"], c["visibility"], directory.owner_team(c["owner"]))
                if access == VISIBLE:
                    ranks.append(int(c["strength"] or 0))
                elif access == LOCKED:
                    ranks.append(calc.LOCKED_STRENGTH)
            return max(ranks, default=None)
        return best

    def _pending(self, now: int) -> list:
        rows = self.store.read("alerts/list_pending", cutoff_ms=now - rules.PENDING_DAYS * rules.DAY_MS)
        admins = admin_ids(self.store) if any(r["manager"] in (None, r["nominator"]) for r in rows) else []
        for r in rows:
            r["deciders"] = deciders(r["manager"], r["nominator"], admins)
        return rules.pending(rows)

    def _plan_teams(self, plan_ids: set) -> dict:
        if not plan_ids:
            return {}
        return {r["plan_id"]: rules.plan_team(r) for r in self.store.read("alerts/list_plan_teams",
                                                                         plan_ids=sorted(plan_ids))}

    def _stale(self, today: str, now: int, days: int) -> list:
        rows = self.store.read("alerts/list_stale", cutoff=rules.shift(today, -days),
                               cutoff_ms=now - days * rules.DAY_MS, per_owner=rules.STALE_PER_OWNER)
        me = {r["user_id"]: r["person_id"] for r in self.store.read("alerts/list_user_people")}
        for r in rows:  # the contact is the end that is not the owner's own person
            mine = me.get(r["owner"]) == r["a_id"]
            r["contact_id"], r["contact_name"] = (r["b_id"], r["b_name"]) if mine else (r["a_id"], r["a_name"])
        return rules.stale(rows, today, days)

    def _leaving(self, today: str, person_ids) -> list:
        rows = self.store.read("alerts/list_leaving", today=today, horizon=rules.shift(today, rules.LEAVING_DAYS),
                               person_ids=person_ids)
        teams = self._plan_teams({p for r in rows for p in r["plan_ids"]})
        successors = {}
        for r in rows:
            r["team"] = set().union(*(teams.get(p, set()) for p in r["plan_ids"])) if r["plan_ids"] else set()
            staff = self.store.read("plans/list_staff", org_ids=[r["organisation_id"]])
            leaver = {"person_id": r["person_id"], "left_title": r.get("title")}
            successors[(r["person_id"], r["organisation_id"])] = calc.successors(leaver, staff)
        return rules.leaving(rows, successors)

    # -- delivery ---------------------------------------------------------------------------------
    def deliver(self, alerts: list) -> list[dict]:
        """Record each alert; those new to their user go to the inbox (and by e-mail)."""
        people = {r["id"]: r for r in self.store.read("alerts/list_recipients",
                                                      ids=sorted({a.user_id for a in alerts}))} if alerts else {}
        rows = []
        for alert in alerts:
            if alert.user_id in people:  # disabled users hear nothing
                row = alert.as_row()
                row["id"] = new_id()
                rows.append(row)
        fresh = []
        for start in range(0, len(rows), 2000):
            batch = rows[start:start + 2000]
            fresh += [r["alert"] for r in self.store.write("alerts/record_alerts", alerts=batch,
                                                             now=self.clock.now_ms(), run=new_id())]
        said = [messages.load(a["text"], a.pop("message", None)) for a in fresh]
        self.notifications.send([self.notifications.item(a["user_id"], "alert", text, "/alerts")
                                 for a, text in zip(fresh, said)])
        if self.mailer is not None:
            say = self.translate or (lambda text, lang: str(text))
            self.mailer.send([(to["email"], "Carnet: " + say(rules.RULE_LABELS[a["rule"]], to.get("lang")),
                               say(text, to.get("lang")))
                              for a, text in zip(fresh, said) for to in [people[a["user_id"]]] if to.get("email")])
        return fresh

    # -- the user's own alerts --------------------------------------------------------------------
    def mine(self, viewer: Viewer, limit: int = 200) -> list[dict]:
        """The viewer's open alerts; each text is its stored Message again (a string in English,
        so the API answers as before; the pages translate it)."""
        if viewer.user_id is None:
            return []
        rows = self.store.read("alerts/list_for_user", user=viewer.user_id, now=self.clock.now_ms(), limit=limit)
        out = []
        for r in rows:
            alert = dict(r["alert"])
            alert["text"] = messages.load(alert["text"], alert.pop("message", None))
            out.append(dict(alert, label=rules.RULE_LABELS.get(alert["rule"], alert["rule"])))
        return out

    def own(self, viewer: Viewer, alert_id) -> dict:
        """The viewer's alert; anyone else's answers 404 like an unknown one."""
        if not isinstance(alert_id, str) or len(alert_id) > 64 or viewer.user_id is None:
            raise NotFound("unknown alert")
        rows = self.store.read("alerts/get_alert", id=alert_id, user=viewer.user_id)
        if not rows:
            raise NotFound("unknown alert")
        return rows[0]["alert"]

    def dismiss(self, viewer: Viewer, alert_id) -> dict:
        return self._answer(viewer, self.own(viewer, alert_id), "dismissed", None)

    def snooze(self, viewer: Viewer, alert_id, days) -> dict:
        alert = self.own(viewer, alert_id)  # 404 before the input is judged
        days = v.integer("days", days, low=1, high=90, default=7)
        return self._answer(viewer, alert, "snoozed", self.clock.now_ms() + days * rules.DAY_MS)

    def _answer(self, viewer: Viewer, alert: dict, status: str, until) -> dict:
        rows = self.store.write("alerts/set_status", id=alert["id"], user=viewer.user_id, status=status, until=until,
                                now=self.clock.now_ms())
        if not rows:
            raise NotFound("unknown alert")
        return {"id": rows[0]["id"], "status": rows[0]["status"]}
