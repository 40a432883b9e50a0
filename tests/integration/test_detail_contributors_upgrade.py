"""Upgrading data written before details carried their contributor: a backup of that time
restores with each detail credited to the person's creator, and `graph init` does the same to
a live graph; running it again changes nothing."""

from __future__ import annotations

import io
import json
import uuid

import pytest

from app import create_app
from graph import backup, migrations
from graph.adapters.falkordb_store import FalkorDBStore
from graph.services import Services
from graph.visibility import DETAIL_CONTRIBUTOR_FIELDS, NOBODY, SYSTEM
from tests.conftest import FAST_HASH, Cast

DETAILS = {"email": "pia@old.example", "phone": "+33 1 11 11 11 11", "notes": "met at the fair"}
LOCKED = {"email": None, "phone": None, "notes": None, "details_locked": True}
OPEN = {**DETAILS, "details_locked": False}


@pytest.fixture
def fresh(data_dir):
    s = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    yield s
    s.clear()
    s.close()


def old_world(services, cast) -> dict:
    """Alice enters Pia (details) and shares her with her team; Bob keeps Pia private; the
    system enters Sid (details, no creator)."""
    alice, bob = cast.viewer("alice"), cast.viewer("bob")
    pia = services.people.create(alice, {"name": "Pia Past", **DETAILS})
    sid = services.people.create(SYSTEM, {"name": "Sid System", **DETAILS})
    services.relationships.create(alice, {"person_id": alice.person_id, "other_id": pia["id"], "strength": 3,
                                          "visibility": "team"})
    services.relationships.create(bob, {"person_id": bob.person_id, "other_id": pia["id"], "strength": 2,
                                        "visibility": "private"})
    return {"pia": pia["id"], "sid": sid["id"]}


def as_old_backup(store) -> list[str]:
    """The graph as the previous version exported it: the same format, without detail
    contributors."""
    out = io.StringIO()
    backup.export_graph(store, out)
    lines = []
    for line in out.getvalue().splitlines():
        record = json.loads(line)
        node = record.get("node")
        if node and node["labels"] == ["Person"]:
            for field in DETAIL_CONTRIBUTOR_FIELDS:
                node["props"].pop(field, None)
        lines.append(json.dumps(record) + "\n")
    return lines


def views(services, cast, person_id) -> dict:
    out = {}
    for who in ("carol", "alice", "bob", "mona", "sam", "ada"):
        shown = services.people.get(cast.viewer(who), person_id)
        out[who] = {f: shown[f] for f in (*DETAILS, "details_locked")}
    return out


def test_a_backup_from_before_contributors_restores_with_details_credited_to_the_creator(services, cast, fresh):
    ids = old_world(services, cast)
    lines = as_old_backup(services.store)
    assert not any('"email_by"' in line for line in lines)
    backup.import_graph(fresh, lines)
    restored = Services(fresh, password_method=FAST_HASH)
    again = Cast.__new__(Cast)
    again.services, again.users = restored, cast.users
    seen = views(restored, again, ids["pia"])
    assert seen["carol"] == LOCKED  # another team's rep
    assert seen["alice"] == OPEN  # the creator
    assert seen["bob"] == OPEN  # a teammate: the creator's relationship is team-level
    assert seen["mona"] == OPEN  # the creator's manager
    assert seen["sam"] == LOCKED  # another team's manager
    assert seen["ada"] == OPEN  # an admin
    nobody = views(restored, again, ids["sid"])
    assert all(nobody[who] == LOCKED for who in ("carol", "alice", "bob", "mona", "sam"))
    assert nobody["ada"] == OPEN


def test_graph_init_credits_old_details_once(tmp_path, data_dir):
    store = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                     store=store)
    try:
        services = app.extensions["carnet"]
        cast = Cast(services)
        ids = old_world(services, cast)
        for pid in ids.values():  # as the previous version wrote them
            services.store.write("people/update_person", id=pid, props={f: None for f in DETAIL_CONTRIBUTOR_FIELDS})
        assert views(services, cast, ids["pia"])["alice"] == LOCKED
        result = app.test_cli_runner().invoke(args=["graph", "init"])
        assert result.exit_code == 0, result.output
        assert "detail_contributors (1 records)" in result.output
        assert views(services, cast, ids["pia"])["alice"] == OPEN
        assert views(services, cast, ids["pia"])["bob"] == OPEN
        # Running it again changes nothing; a detail credited to nobody on purpose stays so.
        services.store.write("people/update_person", id=ids["pia"], props={"notes_by": NOBODY})
        again = app.test_cli_runner().invoke(args=["graph", "init"])
        assert again.exit_code == 0 and "detail_contributors" not in again.output
        assert migrations.migrate(services.store) == {}
        assert views(services, cast, ids["pia"])["alice"]["notes"] is None
    finally:
        store.clear()
        store.close()
