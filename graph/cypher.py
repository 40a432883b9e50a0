"""Loads query text from cypher/: one statement per file, `area/verb_noun.cypher`.

A backend sibling `area/verb_noun.<backend>.cypher` replaces the portable file for that backend
only; a name ending `.falkordb.cypher` is FalkorDB-only and is never given to Neo4j (the CI
parser check skips it by that name)."""

from __future__ import annotations

import functools
import pathlib

CYPHER_DIR = pathlib.Path(__file__).resolve().parent.parent / "cypher"
BACKENDS = ("falkordb", "neo4j")


@functools.lru_cache(maxsize=None)
def load(name: str, backend: str) -> str:
    """The text of query `name` for `backend`, preferring the backend's own sibling file."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend}")
    if ".." in name or name.startswith("/"):
        raise ValueError(f"bad query name {name}")
    for candidate in (CYPHER_DIR / f"{name}.{backend}.cypher", CYPHER_DIR / f"{name}.cypher"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8").strip().rstrip(";")
    raise FileNotFoundError(f"no cypher file for {name} ({backend})")


WRITE_HEADER = "meta/bump_version"


@functools.lru_cache(maxsize=None)
def load_write(name: str, backend: str) -> str:
    """Write statement `name` headed by the change-counter bump (meta/bump_version), so the
    write and its bump are one statement: both happen or neither. The header also skips the
    whole statement when its write id was already applied (a resend after a lost answer)."""
    return load(WRITE_HEADER, backend) + "\n" + load(name, backend)


def schema_statements(backend: str) -> list[tuple[str, str]]:
    """(file name, text) of every schema file for `backend`, in name order; all idempotent."""
    out = []
    for path in sorted((CYPHER_DIR / "schema").glob(f"*.{backend}.cypher")):
        out.append((path.name, path.read_text(encoding="utf-8").strip().rstrip(";")))
    return out
