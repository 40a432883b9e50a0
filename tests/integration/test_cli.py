"""The command-line interface, run through Flask's CLI runner on real graphs."""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid

import pytest

from app import create_app
from graph.adapters.falkordb_server import EmbeddedServer
from graph.adapters.falkordb_store import FalkorDBStore
from graph.errors import Unauthenticated
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, PASSWORD


def run(app, *args, stdin=None):
    return app.test_cli_runner().invoke(args=list(args), input=stdin)


def carnet(app):
    return app.extensions["carnet"]


# -- users create --------------------------------------------------------------------------------
def test_users_create_reads_the_password_from_stdin(app):
    result = run(app, "users", "create", "mona", "--role", "manager", "--team", "North", "--name", "Mona Lisa",
                 "--password-stdin", stdin="s3cret password\n")
    assert result.exit_code == 0, result.output
    assert "created user mona (manager, team North)" in result.output
    user = carnet(app).users.authenticate("mona", "s3cret password")  # one trailing newline stripped
    assert (user["role"], user["team"], user["name"]) == ("manager", "North", "Mona Lisa")
    assert user["team_id"] in user["managed_team_ids"]  # a manager created with a team manages it


def test_users_create_keeps_inner_whitespace_and_strips_only_one_newline(app):
    result = run(app, "users", "create", "rita", "--role", "rep", "--password-stdin", stdin=" two  words \n\n")
    assert result.exit_code == 0, result.output
    carnet(app).users.authenticate("rita", " two  words \n")
    with pytest.raises(Unauthenticated):
        carnet(app).users.authenticate("rita", " two  words ")


@pytest.mark.parametrize("args, stdin, expected", [
    (["--role", "rep"], "short\n", "error: password: password must be at least 8 characters"),
    (["--role", "boss"], PASSWORD, "error: role: role must be one of: rep, manager, admin"),
    (["--role", "rep", "--team", ""], "", "error: password: password is required"),
])
def test_users_create_refuses_bad_input(app, args, stdin, expected):
    result = run(app, "users", "create", "zed", *args, "--password-stdin", stdin=stdin)
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output
    assert all(u["username"] != "zed" for u in carnet(app).users.list(SYSTEM))


def test_users_create_refuses_a_taken_username(app):
    assert run(app, "users", "create", "al", "--role", "rep", "--password-stdin", stdin=PASSWORD).exit_code == 0
    result = run(app, "users", "create", "al", "--role", "admin", "--password-stdin", stdin="other password")
    assert result.exit_code == 1
    assert "error: username: that username is taken" in result.output
    assert carnet(app).users.authenticate("al", PASSWORD)["role"] == "rep"


def test_users_create_rejects_a_bad_username(app):
    result = run(app, "users", "create", "no spaces", "--role", "rep", "--password-stdin", stdin=PASSWORD)
    assert result.exit_code == 1
    assert result.output.startswith("error: username: ")


# -- graph export / import -------------------------------------------------------------------------
def test_export_then_import_into_another_app(app, web_cast, data_dir, tmp_path):
    target = tmp_path / "backup.jsonl"
    result = run(app, "graph", "export", str(target))
    assert result.exit_code == 0, result.output
    assert "6 User" in result.output and "2 Team" in result.output
    header = json.loads(target.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == "carnet-backup" and header["counts"]["nodes"]["User"] == 6
    assert not (tmp_path / "backup.jsonl.partial").exists()

    other_store = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    try:
        other = create_app({"TESTING": True, "SECRET_KEY": "x", "CARNET_PASSWORD_METHOD": FAST_HASH},
                           store=other_store)
        result = run(other, "graph", "import", str(target))
        assert result.exit_code == 0, result.output
        assert "imported" in result.output and "6 User" in result.output
        assert carnet(other).users.authenticate("carol", PASSWORD)["team"] == "South"
        again = run(other, "graph", "import", str(target))
        assert again.exit_code == 1
        assert "error: file: import restores into an empty graph" in again.output
    finally:
        other_store.clear()
        other_store.close()


def test_import_refuses_a_file_that_is_not_a_backup(app, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"format": "something-else", "version": 1}\n', encoding="utf-8")
    result = run(app, "graph", "import", str(bad))
    assert result.exit_code == 1
    assert "error: file: line 1: unknown format" in result.output
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    result = run(app, "graph", "import", str(binary))
    assert result.exit_code == 1 and result.output.startswith("error: file:")


def test_graph_init_is_idempotent(app):
    assert run(app, "graph", "init").exit_code == 0
    result = run(app, "graph", "init")
    assert result.exit_code == 0 and "graph schema ready (falkordb" in result.output


# -- graph stop ------------------------------------------------------------------------------------
def test_graph_stop_shuts_down_the_embedded_server_of_the_data_dir():
    path = tempfile.mkdtemp(prefix="cs", dir="/tmp")
    server = EmbeddedServer(path)
    try:
        own = create_app({"TESTING": True, "SECRET_KEY": "x", "CARNET_DATA_DIR": path})
        assert run(own, "graph", "init").exit_code == 0  # starts the server on first use
        assert server.answers()
        result = run(own, "graph", "stop")
        assert result.exit_code == 0, result.output
        assert "embedded graph server stopped" in result.output
        assert not server.answers() and not EmbeddedServer._alive(server.pid())
        result = run(own, "graph", "stop")
        assert result.exit_code == 0 and "no embedded graph server running" in result.output
    finally:
        server.stop()
        shutil.rmtree(path, ignore_errors=True)


def test_graph_stop_on_neo4j_has_nothing_to_stop():
    neo = create_app({"TESTING": True, "SECRET_KEY": "x", "CARNET_GRAPH_BACKEND": "neo4j",
                      "NEO4J_URI": "bolt://127.0.0.1:9"})
    try:
        result = run(neo, "graph", "stop")
        assert result.exit_code == 0
        assert "neo4j backend has no embedded server: nothing to stop" in result.output
    finally:
        carnet(neo).store.close()


def test_export_to_a_missing_directory_is_a_clear_error(app, tmp_path):
    result = run(app, "graph", "export", str(tmp_path / "nowhere" / "backup.jsonl"))
    assert result.exit_code == 1
    assert result.output.startswith("error: file: No such file or directory")
    assert "Traceback" not in result.output


@pytest.mark.falkordb_only  # sets the old key with a raw FalkorDB statement
def test_graph_init_gives_relationships_their_owners_key(app, web_cast):
    """Relationships keyed by their pair alone (as one KNOWS per pair was) get the owner's key:
    then a colleague may record the same pair; a second init changes nothing."""
    s = carnet(app)
    alice, carol = web_cast.viewer("alice"), web_cast.viewer("carol")
    x = s.people.create(SYSTEM, {"name": "Xavier"})["id"]
    rel = s.relationships.create(alice, {"person_id": x, "other_id": alice.person_id, "strength": 4,
                                         "visibility": "private"})
    old_key = "|".join(sorted((x, alice.person_id)))
    s.store._run("MATCH ()-[r:KNOWS {id: $id}]->() SET r.pair = $key", {"id": rel["id"], "key": old_key},
                 read_only=False)
    result = run(app, "graph", "init")
    assert result.exit_code == 0 and "relationship keys brought up to date: 1" in result.output, result.output
    keys = s.store._run("MATCH ()-[r:KNOWS]->() RETURN r.pair AS pair", {}, read_only=True)
    assert keys == [{"pair": f"{alice.user_id}|{old_key}"}]
    assert "relationship keys brought up to date: 0" in run(app, "graph", "init").output
    assert s.relationships.create(carol, {"person_id": alice.person_id, "other_id": x, "strength": 2})
