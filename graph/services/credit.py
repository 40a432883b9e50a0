"""Contributor credit: sharing must be rewarded (DESIGN), so managers see who opens doors.

Per user, over a period: introductions made (requests they accepted as the relationship's
owner), contacts shared to events (approved nominations they had consented to as an exclusive
owner), nominations approved (as nominator), and introductions received (their own requests
that were accepted). The score counts what the user gave: the first three. Managers see the
users of their teams, admins everyone, reps nobody (403). Only counts leave this module."""

from __future__ import annotations

from .. import validation as v
from ..errors import Forbidden
from ..visibility import Viewer
from .grants import DAY_MS

PERIODS = {"90d": 90, "all": None}  # period key -> days back (None: since the beginning)
PERIOD_LABELS = {"90d": "Last 90 days", "all": "All time"}
GIVEN = ("intros_made", "contacts_shared", "nominations_approved")
KINDS = GIVEN + ("intros_received",)


class CreditService:
    def __init__(self, store, clock):
        self.store = store
        self.clock = clock

    def leaderboard(self, viewer: Viewer, period=None) -> dict:
        """Rows sorted by score (then name), ranks shared on ties, for the users in the viewer's scope."""
        if not (viewer.is_admin or viewer.is_manager):
            raise Forbidden("only managers and admins see the credit leaderboard")
        period = v.choice("period", period, tuple(PERIODS), required=False, default="90d")
        days = PERIODS[period]
        since = 0 if days is None else self.clock.now_ms() - days * DAY_MS
        counts: dict = {}
        for row in self.store.read("credit/count_contributions", since=since):
            if row["user"]:
                counts.setdefault(row["user"], {})[row["kind"]] = row["n"]
        rows = []
        for user in self.store.read("users/list_users"):
            if not (viewer.is_admin or user["team_id"] in viewer.managed_team_ids):
                continue
            mine = counts.get(user["id"], {})
            row = {"user_id": user["id"], "name": user["name"] or user["username"], "username": user["username"],
                   "team": user["team"], "role": user["role"], **{k: mine.get(k, 0) for k in KINDS}}
            row["score"] = sum(row[k] for k in GIVEN)
            rows.append(row)
        rows.sort(key=lambda r: (-r["score"], r["name"].lower(), r["user_id"]))
        for i, row in enumerate(rows):
            row["rank"] = rows[i - 1]["rank"] if i and rows[i - 1]["score"] == row["score"] else i + 1
        return {"period": period, "periods": PERIOD_LABELS, "since": since or None, "rows": rows}
