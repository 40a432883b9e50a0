"""Builds the configured store from plain settings (the app passes its config)."""

from __future__ import annotations

from ..errors import ValidationError
from ..store import DEFAULT_READ_TIMEOUT_MS


def make_store(settings: dict):
    store = _make(settings)
    store.read_timeout_ms = _timeout(settings.get("CARNET_STATEMENT_TIMEOUT_MS"))
    return store


def _timeout(value) -> int:
    """CARNET_STATEMENT_TIMEOUT_MS: the cap on one read, in milliseconds (0: none)."""
    if value in (None, ""):
        return DEFAULT_READ_TIMEOUT_MS
    try:
        ms = int(value)
    except (TypeError, ValueError):
        raise ValidationError("CARNET_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds",
                              "CARNET_STATEMENT_TIMEOUT_MS") from None
    if ms < 0:
        raise ValidationError("CARNET_STATEMENT_TIMEOUT_MS must not be negative", "CARNET_STATEMENT_TIMEOUT_MS")
    return ms


def _make(settings: dict):
    backend = (settings.get("CARNET_GRAPH_BACKEND") or "falkordb").lower()
    if backend == "falkordb":
        from .falkordb_store import FalkorDBStore

        return FalkorDBStore(settings["CARNET_DATA_DIR"], settings.get("CARNET_GRAPH_NAME") or "carnet")
    if backend == "neo4j":
        from .neo4j_store import Neo4jStore

        uri = settings.get("NEO4J_URI")
        if not uri:
            raise ValidationError("NEO4J_URI is required for the neo4j backend", "NEO4J_URI")
        return Neo4jStore(uri, settings.get("NEO4J_USER") or "neo4j", settings.get("NEO4J_PASSWORD") or "",
                          settings.get("NEO4J_DATABASE") or "neo4j")
    raise ValidationError("CARNET_GRAPH_BACKEND must be falkordb or neo4j", "CARNET_GRAPH_BACKEND")
