"""GraphStore on Neo4j 5 through the official driver: one driver per app, execute_query per
statement (each statement is one logical write, so retries are safe)."""

from __future__ import annotations

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, ClientError, ConstraintError, ServiceUnavailable, SessionExpired

from .. import cypher
from ..errors import Conflict, StatementTimeout, StoreUnavailable
from ..store import GraphStore


class Neo4jStore(GraphStore):
    backend = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j"):
        super().__init__()
        self.database = database or "neo4j"
        self.driver = GraphDatabase.driver(uri, auth=(user, password))

    def _run(self, text: str, params: dict, routing, timeout_ms: int = 0) -> list[dict]:
        query = neo4j.Query(text, timeout=timeout_ms / 1000) if timeout_ms else text
        try:
            records, _, _ = self.driver.execute_query(
                query, params, database_=self.database, routing_=routing
            )
        except (ServiceUnavailable, SessionExpired, AuthError, OSError) as exc:
            raise StoreUnavailable() from exc
        except ConstraintError as exc:
            raise Conflict("that already exists") from exc
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or "") or "Terminated" in (exc.code or ""):
                raise StatementTimeout() from exc
            raise
        return [record.data() for record in records]

    def read(self, name: str, *, timeout_ms: int | None = None, **params) -> list[dict]:
        return self._run(cypher.load(name, self.backend), params, RoutingControl.READ,
                         self.read_timeout_ms if timeout_ms is None else timeout_ms)

    def _write(self, name: str, params: dict) -> list[dict]:
        return self._run(cypher.load_write(name, self.backend), params, RoutingControl.WRITE)

    def ensure_schema(self) -> list[str]:
        applied = []
        for filename, text in cypher.schema_statements(self.backend):
            self._run(text, {}, RoutingControl.WRITE)
            applied.append(filename)
        return applied

    def ping(self) -> None:
        try:
            self.driver.verify_connectivity()
        except (ServiceUnavailable, SessionExpired, AuthError, OSError, neo4j.exceptions.DriverError) as exc:
            raise StoreUnavailable() from exc

    def clear(self) -> None:
        self._run(cypher.load("meta/delete_all", self.backend), {}, RoutingControl.WRITE)

    def close(self) -> None:
        self.driver.close()
