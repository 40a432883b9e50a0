"""A write and its change-counter bump are one statement, and a write sent again after its
answer was lost (the store's one quick resend on a broken connection) does not apply twice."""

from __future__ import annotations

import uuid

import pytest
import redis

from graph.adapters.falkordb_store import FalkorDBStore
from graph.visibility import SYSTEM
from graph.services import Services
from tests.conftest import FAST_HASH


class Counting(FalkorDBStore):
    """The real store, counting the statements it sends."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent: list[str] = []

    def _send(self, *args):
        self.sent.append(args[0])
        return super()._send(*args)


class LosesOneAnswer(FalkorDBStore):
    """The real store on a connection that drops the answer of its next write once: the
    statement ran on the server, the caller saw a broken socket (so the store resends it)."""

    lose = False

    def _connection(self):
        real = super()._connection()
        store = self

        class Flaky:
            def send_command(self, *args):
                self.write = args[0] == "GRAPH.QUERY"
                return real.send_command(*args)

            def read_response(self):
                answer = real.read_response()
                if self.write and store.lose:
                    store.lose = False
                    raise redis.ConnectionError("answer lost")
                return answer

            def disconnect(self):
                real.disconnect()

        return Flaky()


@pytest.fixture
def graph_name():
    return f"w_{uuid.uuid4().hex[:12]}"


def test_a_write_is_one_statement_with_its_bump(data_dir, graph_name):
    store = Counting(data_dir, graph_name=graph_name)
    store.ensure_schema()
    try:
        before = store.version()[1]
        store.sent.clear()
        Services(store, password_method=FAST_HASH).people.create(SYSTEM, {"name": "Ann One"})
        assert store.sent.count("GRAPH.QUERY") == 1
        assert store.version()[1] == before + 1
    finally:
        store.clear()
        store.close()


def test_a_resent_create_does_not_create_twice(data_dir, graph_name):
    store = LosesOneAnswer(data_dir, graph_name=graph_name)
    store.ensure_schema()
    try:
        services = Services(store, password_method=FAST_HASH)
        before = store.version()[1]
        store.lose = True
        person = services.people.create(SYSTEM, {"name": "Once Only"})
        assert store.lose is False  # the answer was lost and the write sent again
        found = services.people.suggest(SYSTEM, "Once Only")
        assert [p["id"] for p in found] == [person["id"]]
        assert store.version()[1] == before + 1  # one write, one bump
    finally:
        store.clear()
        store.close()
