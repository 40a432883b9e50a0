"""The CI check of cypher/ by Neo4j's own parser (tools/cypher-check): it must fail on broken
queries and Neo4j-4-isms, skip FalkorDB-only files by name, and pass on the real cypher/."""

from __future__ import annotations

import pathlib
import shutil
import subprocess

import pytest

from graph import cypher

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECKER = ROOT / "tools" / "cypher-check"
MODULE = CHECKER / "node_modules" / "@neo4j-cypher" / "language-support"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not MODULE.is_dir(),
    reason="the Cypher checker is not installed (run `npm ci` in tools/cypher-check; scripts/test.sh does)",
)


def run_checker(directory: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(CHECKER / "check.mjs"), str(directory)],
                          capture_output=True, text=True, timeout=300, cwd=directory)


def test_checker_fails_on_broken_and_neo4j_4_queries(tmp_path):
    (tmp_path / "area").mkdir()
    (tmp_path / "area" / "broken.cypher").write_text("MATCH (n RETURN n\n")
    (tmp_path / "area" / "old_exists.cypher").write_text(
        "MATCH (n:Person)\nWHERE exists(n.email)\nRETURN n.id AS id\n")
    (tmp_path / "falkordb_only.cypher").write_text(
        "CALL db.idx.fulltext.queryNodes('Person', $q) YIELD node\nRETURN node.id AS id\n")
    (tmp_path / "fine.cypher").write_text("MATCH (p:Person {id: $id})\nRETURN p {.id, .name} AS person\n")

    result = run_checker(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if not line.startswith("cypher-check:")]
    by_file = {line.split(":", 1)[0] for line in errors}
    assert by_file == {"area/broken.cypher", "area/old_exists.cypher", "falkordb_only.cypher"}, errors
    assert any(line.startswith("area/broken.cypher:1:") for line in errors)
    assert any(line.startswith("area/old_exists.cypher:2:") and "no longer supported" in line for line in errors)
    assert any("db.idx.fulltext.queryNodes" in line for line in errors)
    assert "4 files checked, 3 errors" in result.stdout


def test_checker_skips_falkordb_files_by_name_and_ignores_parameters(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "find_people.falkordb.cypher").write_text(
        "CALL db.idx.fulltext.queryNodes('Person', $q) YIELD node RETURN node.id AS id\n")
    (tmp_path / "search" / "find_people.neo4j.cypher").write_text(
        "CALL db.index.fulltext.queryNodes('person_text', $q) YIELD node\nRETURN node.id AS id\n")

    result = run_checker(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 files checked, 0 errors" in result.stdout


def test_real_cypher_directory_passes():
    result = run_checker(cypher.CYPHER_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = sum(1 for p in cypher.CYPHER_DIR.rglob("*.cypher") if not p.name.endswith(".falkordb.cypher"))
    assert f"{checked} files checked, 0 errors" in result.stdout


def test_every_statement_as_a_write_sends_it_passes(tmp_path):
    """Writes reach Neo4j headed by the change-counter bump (cypher.load_write): the composed
    text is what runs, so that is what Neo4j's parser must accept. Every statement except the
    schema and SHOW commands is checked composed (a superset of the writes)."""
    checked = 0
    for path in cypher.CYPHER_DIR.rglob("*.cypher"):
        rel = path.relative_to(cypher.CYPHER_DIR)
        name = str(rel.with_suffix("")).removesuffix(".neo4j")
        if rel.parts[0] == "schema" or path.name.endswith(".falkordb.cypher") or name == cypher.WRITE_HEADER \
                or path.read_text(encoding="utf-8").lstrip().upper().startswith("SHOW"):
            continue
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(cypher.load_write(name, "neo4j"), encoding="utf-8")
        checked += 1
    result = run_checker(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert checked > 200 and f"{checked} files checked, 0 errors" in result.stdout
