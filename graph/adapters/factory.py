"""Builds the configured store from plain settings (the app passes its config)."""

from __future__ import annotations

from ..errors import ValidationError


def make_store(settings: dict):
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
