"""The graph-store port: what the domain needs from a database, and nothing more.

Adapters (graph/adapters/) implement it for the embedded FalkorDB and for Neo4j. Statements are
named files in cypher/ and always take parameters; rows come back as plain dicts."""

from __future__ import annotations

import abc
import threading
import uuid

from . import changes


# The cap on one read (make_store sets it from CARNET_STATEMENT_TIMEOUT_MS): a statement that
# runs longer is stopped by the store and answered 503 (StatementTimeout), so one heavy page
# cannot hold the store, and every write queued behind it, for minutes. 0: no cap.
DEFAULT_READ_TIMEOUT_MS = 10_000


class GraphStore(abc.ABC):
    backend: str = ""
    read_timeout_ms: int = DEFAULT_READ_TIMEOUT_MS

    @abc.abstractmethod
    def read(self, name: str, *, timeout_ms: int | None = None, **params) -> list[dict]:
        """Run read-only statement `name`; one dict per row, keyed by column. It is stopped
        (StatementTimeout) past `timeout_ms`, read_timeout_ms when None; 0: no cap (whole-graph
        reads of the backup)."""

    @abc.abstractmethod
    def _write(self, name: str, params: dict) -> list[dict]:
        """Run write statement `name` with its change header (cypher.load_write) atomically."""

    def __init__(self):
        self._feed = changes.Feed()
        self._request = threading.local()  # .scoped: inside a request; .fresh: the feed was read in it

    def write(self, name: str, *, change: changes.Change = changes.ANYTHING, **params) -> list[dict]:
        """Run write statement `name`; in the same statement, advance the change counter and
        journal `change` (cypher/meta/bump_version.cypher heads every write).

        One statement, so no cache can miss a write that happened and no answer can fail
        between the two. Each call carries a fresh write id that the statement records: sent
        again after its answer was lost, it applies nothing the second time (and answers no
        rows). `change` tells caches what the write touched (graph/changes.py); left out, it
        means anything."""
        params = dict(params, change_epoch=uuid.uuid4().hex, change_note=change.note(),
                      change_keep=changes.JOURNAL_LENGTH, change_write=uuid.uuid4().hex)
        rows = self._write(name, params)
        self._request.fresh = False  # this thread's next cache lookup must see its own write
        return rows

    def version(self) -> tuple:
        """The graph's change key (see write): (epoch, counter), read now.

        The epoch is drawn when the counter is first created, so a graph that is cleared and
        filled again never repeats a key that an old cache still holds."""
        rows = self.read("meta/get_version")
        if not rows:
            return ("", 0)
        return (rows[0].get("epoch") or "", int(rows[0]["version"] or 0))

    # -- what caches key on --------------------------------------------------------------------
    def begin_request(self) -> None:
        """From now until end_request, this thread reads the change journal once (at its first
        cache lookup, or after its own writes) rather than at every lookup: a request sees every
        write that finished before it began, and its own."""
        self._request.scoped, self._request.fresh = True, False

    def end_request(self, *_exc) -> None:
        self._request.scoped = self._request.fresh = False

    def current(self) -> tuple:
        """The change key that caches compare with (see begin_request); outside a request, read
        every time."""
        local = self._request
        if not (getattr(local, "scoped", False) and getattr(local, "fresh", False)):
            rows = self.read("meta/get_changes_after", after=self._feed.key[1])
            if rows:
                self._feed.update(rows[0].get("epoch") or "", int(rows[0]["version"] or 0), rows[0].get("journal"))
            else:
                self._feed.update("", 0, ())
            local.fresh = True
        return self._feed.key

    def changes_since(self, key: tuple) -> tuple[tuple, list | None]:
        """The current change key (as `current`) and the changes after `key` up to it (None:
        unknown, assume anything)."""
        self.current()
        return self._feed.since(key)

    @abc.abstractmethod
    def ensure_schema(self) -> list[str]:
        """Create indexes and unique-id constraints; idempotent. Returns what was applied."""

    @abc.abstractmethod
    def ping(self) -> None:
        """Raise StoreUnavailable unless the store answers."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Delete the whole graph (tests, and import into a fresh store)."""

    def close(self) -> None:
        """Release connections."""
