"""Real servers on loopback for the connection tests: Radicale (CalDAV/CardDAV) and Dovecot
(IMAP), each started per test in its own temporary folder; and a sink standing in for the
signals pipeline that keeps what it was handed."""

from __future__ import annotations

import shutil

import pytest

from graph.bench import mailservers


class RecordingSink:
    """The signals pipeline's interface, keeping every record it is handed, in order."""

    def __init__(self):
        self.batches: list[tuple[str, str, list]] = []
        self.purged: list[str] = []
        self.fail_after: int | None = None  # raise on the n-th batch (a sync killed half-way)

    def ingest(self, viewer, source_id, *, meetings=(), messages=(), cards=()):
        if self.fail_after is not None and len(self.batches) >= self.fail_after:
            raise KeyboardInterrupt("killed")
        for kind, records in (("meetings", meetings), ("messages", messages), ("cards", cards)):
            if records:
                self.batches.append((viewer.user_id, kind, list(records)))
        return {"meetings": len(meetings), "messages": len(messages), "cards": len(cards)}

    def purge(self, viewer, source_id):
        self.purged.append(source_id)
        return {"signals": 0}

    def records(self, kind: str) -> list:
        return [r for _user, k, batch in self.batches if k == kind for r in batch]


@pytest.fixture
def sink():
    return RecordingSink()


@pytest.fixture
def radicale():
    with mailservers.radicale() as server:
        yield server


@pytest.fixture
def dovecot():
    if mailservers.DOVECOT is None:
        pytest.skip("dovecot is not installed (scripts/test.sh installs Debian's dovecot-imapd)")
    with mailservers.dovecot() as server:
        yield server


@pytest.fixture
def connections(app, sink):
    """The app's connection service, allowed to reach loopback and trusting the test CA."""
    service = app.extensions["carnet"].connections
    service.allow = ("127.0.0.1",)
    service.sink = sink
    return service


__all__ = ["RecordingSink", "shutil"]
