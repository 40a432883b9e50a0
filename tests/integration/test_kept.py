"""Per-process caches checked against the change journal (graph/changes.py Feed and Kept).

Two stores on one graph stand for two app workers: what one writes, the other must see at
its next request, while writes that no kept record depends on leave the kept values alone."""

from __future__ import annotations

import pytest

from graph import changes
from graph.adapters.falkordb_store import FalkorDBStore
from graph.services import Services
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH


@pytest.fixture
def other(store, data_dir):
    """Another worker's services on the same graph."""
    second = FalkorDBStore(data_dir, graph_name=store.graph_name)
    yield Services(second, password_method=FAST_HASH)
    second.close()


def request(services, work):
    """`work()` inside one request of that worker."""
    services.store.begin_request()
    try:
        return work()
    finally:
        services.store.end_request()


def test_a_user_disabled_by_another_worker_is_refused_at_the_next_request(services, other, cast):
    alice = cast.id("alice")
    assert request(services, lambda: services.users.get(alice))["active"] is not False
    other.users.set_active(SYSTEM, alice, False)
    assert request(services, lambda: services.users.get(alice))["active"] is False
    assert request(services, lambda: services.users.viewer(alice)) is None


def test_the_directory_survives_relationship_edits_and_not_a_new_user(services, other, cast):
    rel = other.relationships.create(cast.viewer("alice"), {"person_id": cast.person("alice"),
                                                            "other_id": cast.person("bob"), "strength": 4})
    before = request(services, services.users.directory)  # (the first relationship wrote the default rule)
    other.relationships.update(cast.viewer("alice"), rel["id"], {"strength": 5})
    other.people.create(SYSTEM, {"name": "Nouveau"})
    assert request(services, services.users.directory) is before  # kept: nothing it shows moved
    created = other.users.create(SYSTEM, {"username": "zoe", "password": "long enough pw", "role": "rep",
                                          "team": "South", "name": "Zoe"})
    after = request(services, services.users.directory)
    assert after is not before and after.owner_team(created["id"]) == after.owner_team(cast.id("carol"))


def test_a_request_sees_its_own_writes(services, cast):
    def work():
        services.users.directory()
        created = services.users.create(SYSTEM, {"username": "zoe", "password": "long enough pw", "role": "rep",
                                                 "name": "Zoe"})
        return created, services.users.directory()
    created, directory = request(services, work)
    assert directory.owner_name(created["id"]) == "Zoe"


def test_the_feed_lists_changes_in_order_and_knows_when_it_cannot(store):
    store.write("meta/get_version", change=changes.LOGGED)
    start = store.current()
    store.write("meta/get_version", change=changes.knows("a", "b"))
    store.write("meta/get_version", change=changes.new_person("c"))
    now, changed = store.changes_since(start)
    assert now == store.version() and changed == [changes.knows("a", "b"), changes.new_person("c")]
    assert store.changes_since(now) == (now, [])
    assert store.changes_since(("another epoch", start[1]))[1] is None
    assert store.changes_since((start[0], now[1] + 1))[1] is None  # a key from the future: unknown


def test_a_worker_too_far_behind_the_journal_rebuilds(services, other, cast):
    before = request(services, services.users.directory)
    for _ in range(changes.JOURNAL_LENGTH + 1):
        other.store.write("meta/get_version", change=changes.LOGGED)
    assert request(services, services.users.directory) is not before  # the notes it missed are gone
