"""The in-app inbox: short messages to one user (consents to give, decisions to take,
outcomes, policy changes). Each belongs to exactly one user and is only ever read by them, so
telling a private holder about a nomination reveals them to nobody. A text made with N_ keeps
its Message beside the English (graph/messages.py), so the inbox page can say it in French."""

from __future__ import annotations

from .. import changes, messages
from .. import validation as v
from ..clock import new_id
from ..visibility import Viewer

KINDS = ("consent", "decision", "outcome", "told", "policy", "grant", "alert")


class NotificationService:
    def __init__(self, store, clock):
        self.store = store
        self.clock = clock
        self._unread = changes.Kept(size=1024)  # every page shows the count; notifications are noted ANY

    def item(self, user_id: str, kind: str, text: str, link: str | None = None) -> dict:
        assert kind in KINDS, kind
        out = {"id": new_id(), "user_id": user_id, "at": self.clock.now_ms(), "kind": kind,
               "text": text[:500], "read": False}
        if isinstance(text, messages.Message):
            out["message"] = messages.dump(text)
        if link:
            out["link"] = link
        return out

    def notify(self, user_id: str, kind: str, text: str, link: str | None = None) -> None:
        self.send([self.item(user_id, kind, text, link)])

    def send(self, items: list[dict]) -> None:
        if items:
            self.store.write("notifications/create_notifications", items=items)

    def inbox(self, viewer: Viewer, limit: int = 100) -> list[dict]:
        if viewer.user_id is None:
            return []
        rows = self.store.read("notifications/list_for_user", user=viewer.user_id, limit=limit)
        return [dict(n, text=messages.load(n["text"], n.pop("message", None)))
                for n in (dict(r["notification"]) for r in rows)]

    def unread(self, viewer: Viewer) -> int:
        if viewer is None or viewer.user_id is None:
            return 0
        return self._unread.get(self.store, lambda: self.store.read("notifications/count_unread",
                                                                    user=viewer.user_id)[0]["unread"],
                                viewer.user_id)

    def mark_read(self, viewer: Viewer, notification_id=None) -> int:
        """Mark one (or, without an id, every) notification of the viewer's as read."""
        notification_id = v.identifier("id", notification_id, required=False)
        if viewer.user_id is None:
            return 0
        rows = self.store.write("notifications/mark_read", user=viewer.user_id, id=notification_id,
                                now=self.clock.now_ms())
        return rows[0]["marked"] if rows else 0
