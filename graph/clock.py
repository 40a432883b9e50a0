"""Time and ids, injectable so tests can move the clock (grant expiry, reviews)."""

from __future__ import annotations

import datetime as _dt
import time
import uuid


class Clock:
    def now_ms(self) -> int:
        return int(time.time() * 1000)

    def today(self) -> str:
        return _dt.datetime.fromtimestamp(self.now_ms() / 1000, _dt.timezone.utc).date().isoformat()


class FixedClock(Clock):
    """A clock that only moves when told to (tests)."""

    def __init__(self, now_ms: int):
        self._now = now_ms

    def now_ms(self) -> int:
        return self._now

    def advance(self, ms: int) -> None:
        self._now += ms


def new_id() -> str:
    return uuid.uuid4().hex


def iso_instant(ms: int | None) -> str | None:
    """Epoch milliseconds as an ISO 8601 UTC string for JSON and pages."""
    if ms is None:
        return None
    return _dt.datetime.fromtimestamp(ms / 1000, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
