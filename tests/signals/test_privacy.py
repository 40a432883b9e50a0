"""Signals and suggestions are the user's alone: another rep, the user's manager, an admin and a
"see as colleague" preview get nothing of them; attribution never uses what the viewer may not
read; only an accepted field enters the shared graph, at the relationship's own level."""

from __future__ import annotations

import io
import json
import uuid

import pytest

from graph import backup
from graph.adapters.falkordb_store import FalkorDBStore
from graph.services import Services
from graph.errors import NotFound
from graph.visibility import preview_of
from tests.conftest import FAST_HASH
from tests.signals.world import World, system_person

OTHERS = ("bob", "mona", "carol", "sam", "ada")


@pytest.fixture
def w(services, cast):
    world = World(services, cast)
    world.feed()
    return world


@pytest.mark.parametrize("other", OTHERS)
def test_nobody_else_reads_the_users_signals(w, other):
    viewer = w.cast.viewer(other)
    assert w.s.signals.suggestions(viewer) == []
    summary = w.s.signals.person_summary(viewer, w.paul)
    assert summary["last_contact"] is None and summary["meetings_365d"] == 0 and summary["reason"] is None


@pytest.mark.parametrize("other", OTHERS)
def test_nobody_else_decides_the_users_suggestions(w, other):
    [s] = [x for x in w.s.signals.suggestions(w.cast.viewer("alice")) if x["kind"] == "strength"]
    with pytest.raises(NotFound):
        w.s.signals.decide(w.cast.viewer(other), s["id"], "accept")
    assert w.s.relationships.get(w.cast.viewer("alice"), w.rel)["strength"] == 1


@pytest.mark.parametrize("previewer", ("mona", "ada"))
def test_a_preview_shows_none_of_the_users_signals(w, previewer):
    seen = preview_of(w.cast.viewer("alice"), w.cast.viewer(previewer))
    assert w.s.signals.suggestions(seen) == []
    assert w.s.signals.person_summary(seen, w.paul)["meetings_365d"] == 0
    with pytest.raises(NotFound):
        w.s.signals.ingest(seen, "x")


def test_purge_of_another_users_source_deletes_nothing(w):
    assert w.s.signals.purge(w.cast.viewer("bob"), "cal") == 0
    assert w.s.signals.person_summary(w.cast.viewer("alice"), w.paul)["meetings_365d"] == 8


def test_a_locked_email_is_never_matched(w, services, cast):
    """Bob entered Nina's address and keeps her private: alice's mail does not reveal it."""
    bob = cast.viewer("bob")
    nina = services.people.create(bob, {"name": "Nina Hidden", "email": "nina@newco.test"})["id"]
    services.relationships.create(bob, {"person_id": cast.person("bob"), "other_id": nina, "strength": 3,
                                        "visibility": "private"})
    alice = cast.viewer("alice")
    [s] = [x for x in services.signals.suggestions(alice) if x["kind"] == "new_contact"]
    assert s["person_id"] is None
    assert services.signals.person_summary(alice, nina)["messages_365d"] == 0


def test_a_private_relationship_never_shows_through_signals(w, services, cast):
    """A colleague's private relationship with the people the user has signals about changes
    none of the user's answers."""
    alice = cast.viewer("alice")
    nina = system_person(services, "Nina Shared", "nina@newco.test")

    def answers():
        return (json.dumps(services.signals.suggestions(alice), sort_keys=True, default=str),
                json.dumps([services.signals.person_summary(alice, p) for p in (w.paul, nina)], sort_keys=True,
                           default=str))
    before = answers()
    for other in ("bob", "carol", "mona"):
        viewer = cast.viewer(other)
        for person in (w.paul, nina):
            services.relationships.create(viewer, {"person_id": cast.person(other), "other_id": person,
                                                   "strength": 5, "visibility": "private",
                                                   "last_contact": "2026-01-01"})
    assert answers() == before


def test_accepted_fields_enter_the_shared_graph_at_the_relationships_level(w, services, cast):
    alice = cast.viewer("alice")
    [s] = [x for x in services.signals.suggestions(alice) if x["kind"] == "strength"]
    services.signals.decide(alice, s["id"], "accept")
    for other in ("bob", "carol", "sam"):  # exclusive: others see that alice knows Paul, not how well
        rel = services.relationships.get(cast.viewer(other), w.rel)
        assert rel["locked"] and rel["strength"] is None and rel["last_contact"] is None
    assert services.relationships.get(cast.viewer("mona"), w.rel)["strength"] == 5  # her manager, as for any


def test_backups_keep_signals_for_a_whole_restore(w, services, cast, data_dir):
    """The signals are the user's data: a restore brings them back to that user, and only them."""
    out = io.StringIO()
    backup.export_graph(services.store, out)
    fresh = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    try:
        counts = backup.import_graph(fresh, io.StringIO(out.getvalue()))
        assert counts["nodes"]["Signal"] > 0
        restored = Services(fresh, password_method=FAST_HASH)
        alice = restored.users.viewer(cast.id("alice"))
        assert restored.signals.person_summary(alice, w.paul) == services.signals.person_summary(
            cast.viewer("alice"), w.paul)
        assert restored.signals.suggestions(restored.users.viewer(cast.id("ada"))) == []
    finally:
        fresh.clear()
        fresh.close()
