"""The graph-store port: what the domain needs from a database, and nothing more.

Adapters (graph/adapters/) implement it for the embedded FalkorDB and for Neo4j. Statements are
named files in cypher/ and always take parameters; rows come back as plain dicts."""

from __future__ import annotations

import abc
import uuid

from . import changes


class GraphStore(abc.ABC):
    backend: str = ""

    @abc.abstractmethod
    def read(self, name: str, **params) -> list[dict]:
        """Run read-only statement `name`; one dict per row, keyed by column."""

    @abc.abstractmethod
    def _write(self, name: str, params: dict) -> list[dict]:
        """Run one write statement atomically."""

    def write(self, name: str, *, change: changes.Change = changes.ANYTHING, **params) -> list[dict]:
        """Run write statement `name`, then advance the change counter and journal `change`.

        The counter is bumped after the write, and caches read it before reading data, so a
        cache can hold data newer than its key but never older. `change` tells caches what the
        write touched (graph/changes.py); left out, it means anything."""
        rows = self._write(name, params)
        self._write("meta/bump_version", {"epoch": uuid.uuid4().hex, "note": change.note(),
                                          "keep": changes.JOURNAL_LENGTH})
        return rows

    def version(self) -> tuple:
        """The graph's change key (see write): (epoch, counter).

        The epoch is drawn when the counter is first created, so a graph that is cleared and
        filled again never repeats a key that an old cache still holds."""
        rows = self.read("meta/get_version")
        if not rows:
            return ("", 0)
        return (rows[0].get("epoch") or "", int(rows[0]["version"] or 0))

    def changes_since(self, key: tuple) -> tuple[tuple, list | None]:
        """The current change key and the changes after `key` (None: unknown, assume anything).

        Read in one statement, so the changes listed are exactly those up to the key returned."""
        rows = self.read("meta/get_changes")
        if not rows:
            return ("", 0), None
        now = (rows[0].get("epoch") or "", int(rows[0]["version"] or 0))
        if now[0] != key[0] or now[1] < key[1]:
            return now, None
        return now, changes.since(rows[0].get("journal"), key[1], now[1])

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
