"""The adoption dashboard (managers): is the tool used? Per team, over the last 12 weeks:
weekly active users, relationships recorded and updated (per rep too), plans updated, and the
share of plan decision makers covered by a non-private relationship of strength ≥ 3.

Private relationships count nowhere: their owner alone may learn they exist, so a manager must
not infer them from a weekly count. The relationship counts are aggregated per owner and week
in the store (one index lookup per rep on KNOWS.owner, never a scan of people per relationship).

Activity is one ISO week per user, written the first time a worker sees the user in a week
(`seen`); everything else is read from timestamps the graph already keeps. A relationship
keeps only its latest update, so an older update that was overwritten counts in its newer week."""

from __future__ import annotations

import datetime as _dt
import threading

from .. import changes
from ..alerts import COVERED_STRENGTH, DAY_MS
from ..errors import Forbidden
from ..visibility import Viewer

WEEKS = 12


def week_of(day: _dt.date) -> str:
    """The Monday of the ISO week holding `day`, as an ISO date: the key of that week."""
    return (day - _dt.timedelta(days=day.weekday())).isoformat()


def week_of_ms(ms: int) -> str:
    return week_of(_dt.datetime.fromtimestamp(ms / 1000, _dt.timezone.utc).date())


def week_starts(today: str, weeks: int = WEEKS) -> list[str]:
    """The Mondays of the last `weeks` weeks, oldest first, this week last."""
    monday = _dt.date.fromisoformat(week_of(_dt.date.fromisoformat(today)))
    return [(monday - _dt.timedelta(weeks=n)).isoformat() for n in range(weeks - 1, -1, -1)]


def week_end_ms(week: str) -> int:
    """The first millisecond after the week that starts on `week`."""
    start = _dt.datetime.fromisoformat(week).replace(tzinfo=_dt.timezone.utc)
    return int(start.timestamp() * 1000) + 7 * DAY_MS


class AdoptionService:
    def __init__(self, store, clock, users):
        self.store = store
        self.clock = clock
        self.users = users
        self._seen: set = set()  # (user, week) already written by this process
        self._lock = threading.Lock()

    def seen(self, user_id: str) -> None:
        """Note that `user_id` used Carnet this week (one write per user, week and process)."""
        key = (user_id, week_of(_dt.date.fromisoformat(self.clock.today())))
        with self._lock:
            if key in self._seen:
                return
            self._seen.add(key)
        self.store.write("adoption/mark_active", id=user_id, week=key[1], change=changes.LOGGED)

    def dashboard(self, viewer: Viewer, weeks: int = WEEKS) -> dict:
        """Managers: their teams; admins: every team; reps may not look."""
        if not (viewer.is_admin or viewer.is_manager):
            raise Forbidden("only managers and admins see the adoption dashboard")
        starts = week_starts(self.clock.today(), weeks)
        index = {w: i for i, w in enumerate(starts)}
        since = week_end_ms(starts[0]) - 7 * DAY_MS
        users = self.store.read("adoption/list_users")
        teams = {t["id"]: t["name"] for t in self.users.teams()}
        shown = sorted(teams) if viewer.is_admin else sorted(t for t in viewer.managed_team_ids if t in teams)
        members = {t: [u for u in users if u["team_id"] == t] for t in shown}
        counts = {r["owner"]: r for r in self.store.read(
            "adoption/count_relationship_weeks", since=since, week_ms=7 * DAY_MS,
            users=[u["id"] for t in shown for u in members[t]])}
        plans = [dict(p, times=[x for x in (p["created_at"], p["updated_at"], *p["member_updates"], *p["member_adds"],
                                            *p["action_adds"], *p["action_updates"]) if x is not None])
                 for p in self.store.read("adoption/list_plan_times")]
        plan_teams = self._plan_teams(users, plans)
        dms = self.store.read("adoption/list_decision_makers", covered=COVERED_STRENGTH)
        out = []
        for t in shown:
            ids = {u["id"] for u in members[t]}
            per_rep = {u["id"]: {"name": u["name"], "recorded": [0] * weeks, "updated": [0] * weeks}
                       for u in members[t]}
            for owner, rep in per_rep.items():
                self._count(rep, counts.get(owner), weeks)
            team_plans = {p["plan_id"] for p in plans if t in plan_teams.get(p["plan_id"], ())} \
                | {p["plan_id"] for p in plans if not plan_teams.get(p["plan_id"])}
            out.append({
                "team_id": t, "name": teams[t], "size": len(ids),
                "active": [sum(1 for u in members[t] if w in u["active_weeks"]) for w in starts],
                "recorded": [sum(rep["recorded"][i] for rep in per_rep.values()) for i in range(weeks)],
                "updated": [sum(rep["updated"][i] for rep in per_rep.values()) for i in range(weeks)],
                "plans_updated": [sum(1 for p in plans if p["plan_id"] in team_plans
                                      and any(week_of_ms(x) == w for x in p["times"]))
                                  for w in starts],
                "dm_covered": [self._covered_share(dms, team_plans, week_end_ms(w)) for w in starts],
                "reps": sorted(per_rep.values(), key=lambda r: (-sum(r["recorded"]) - sum(r["updated"]),
                                                                r["name"].lower())),
            })
        return {"weeks": starts, "teams": out}

    @staticmethod
    def _count(rep: dict, weeks_of: dict | None, weeks: int) -> None:
        """Add one owner's week numbers (0 = the first week shown) to their series."""
        for series in ("recorded", "updated"):
            for week in (weeks_of or {}).get(series) or ():
                if 0 <= week < weeks:
                    rep[series][week] += 1

    @staticmethod
    def _plan_teams(users: list[dict], plans: list[dict]) -> dict:
        """plan id -> the teams of its editors (their own team and the teams they manage)."""
        by_id = {u["id"]: u for u in users}
        out = {}
        for p in plans:
            teams = set()
            for editor in (p.get("created_by"), p.get("updated_by")):
                u = by_id.get(editor)
                if u is not None:
                    teams.update(x for x in [u["team_id"], *u["managed"]] if x)
            out[p["plan_id"]] = teams
        return out

    @staticmethod
    def _covered_share(dms: list[dict], plans: set, end_ms: int) -> int | None:
        """Percent of the decision makers of `plans` (in a plan by `end_ms`) covered by then."""
        counted = [d for d in dms if d["plan_id"] in plans and (d["added_at"] or 0) < end_ms]
        if not counted:
            return None
        covered = sum(1 for d in counted if d["covered_since"] is not None and d["covered_since"] < end_ms)
        return round(100 * covered / len(counted))
