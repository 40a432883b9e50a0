"""GraphStore on FalkorDB (embedded by default, or any FalkorDB reachable on a socket)."""

from __future__ import annotations

import os
import re
import threading

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from falkordb import FalkorDB
from falkordb.helpers import stringify_param_value
from falkordb.query_result import parse_scalar

from .. import cypher
from ..errors import Conflict, StatementTimeout, StoreUnavailable
from ..store import GraphStore
from .falkordb_server import EmbeddedServer

_UNIQUE_INDEX = re.compile(r"FOR \(n:(\w+)\) ON \(n\.(\w+)\)")


def _plain(value):
    """Client containers (OrderedDict) to plain dicts/lists so every backend returns the same."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10


def _value(cell, other):
    """One cell of a --compact reply as a plain value. Carnet's statements return maps, lists
    and scalars, parsed here directly (the client's parser builds OrderedDicts through a call
    per value, which _plain then copied: a tenth of a worker's CPU under load); anything else
    (nodes, dates...) goes through the client's parser."""
    kind, raw = cell[0], cell[1]
    if kind == _STRING:
        return raw
    if kind == _INTEGER:
        return int(raw)
    if kind == _NULL:
        return None
    if kind == _ARRAY:
        return [_value(c, other) for c in raw]
    if kind == _MAP:
        return {raw[i]: _value(raw[i + 1], other) for i in range(0, len(raw), 2)}
    if kind == _BOOLEAN:
        return raw == "true"
    if kind == _DOUBLE:
        return float(raw)
    return other(cell)


def _params_header(params: dict) -> str:
    """The CYPHER prefix that carries the parameters (the client's own quoting of each value)."""
    return "CYPHER " + "".join(f"`{key}`={stringify_param_value(value)} " for key, value in params.items()) \
        if params else ""


class FalkorDBStore(GraphStore):
    backend = "falkordb"

    def __init__(self, data_dir: str, graph_name: str = "carnet", *, start: bool = True):
        super().__init__()
        self.server = EmbeddedServer(data_dir)
        self.graph_name = graph_name
        self._start = start
        self._lock = threading.Lock()
        self._db = None
        self._held = threading.local()  # .connection: (client, pid, connection) of this thread

    # -- connection --------------------------------------------------------------------------
    def _graph(self):
        return self._client().select_graph(self.graph_name)

    def _client(self) -> FalkorDB:
        if self._db is None:
            with self._lock:
                if self._db is None:
                    if self._start:
                        self.server.ensure_running()
                    # One quick retry only: a store that is down must answer 503 fast.
                    self._db = FalkorDB(unix_socket_path=str(self.server.socket_path),
                                        socket_timeout=60, socket_connect_timeout=5,
                                        retry=Retry(NoBackoff(), 1))
        return self._db

    def _connection(self):
        """This thread's own connection, made with the client's settings and kept while the thread
        lives (it closes when the thread's locals go): checking one out of the client's pool and
        back for every statement costs about as much client CPU as a small statement itself.
        A new client (after _reconnect_later) or a forked process makes a new one."""
        db, pid = self._client(), os.getpid()
        held = getattr(self._held, "connection", None)
        if held is None or held[0] is not db or held[1] != pid:
            pool = db.connection.connection_pool
            held = self._held.connection = (db, pid, pool.connection_class(**pool.connection_kwargs))
        return held[2]

    def _send(self, *args):
        """One command on this thread's connection, tried once more on a fresh socket when the
        connection fails (as the client's own one quick retry did: a server restarted since)."""
        connection = self._connection()
        try:
            connection.send_command(*args)
            return connection.read_response()
        except (redis.ConnectionError, redis.TimeoutError, ConnectionError, OSError):
            connection.disconnect()
            connection.send_command(*args)
            return connection.read_response()

    def _run(self, text: str, params: dict, *, read_only: bool, timeout_ms: int = 0) -> list[dict]:
        cap = ("TIMEOUT", timeout_ms) if timeout_ms else ()
        try:
            reply = self._send("GRAPH.RO_QUERY" if read_only else "GRAPH.QUERY", self.graph_name,
                               _params_header(params) + text, "--compact", *cap)
        except (redis.ConnectionError, redis.TimeoutError, ConnectionError, OSError) as exc:
            self._reconnect_later()
            raise StoreUnavailable() from exc
        except redis.ResponseError as exc:
            self._refuse(exc, read_only)
            return []
        for part in (reply[0], reply[-1]):
            if isinstance(part, redis.ResponseError):
                self._refuse(part, read_only)
                return []
        if len(reply) < 3:
            return []  # statistics only
        header = [h[1] if isinstance(h, (list, tuple)) else h for h in reply[0]]
        other = self._other_value
        return [{name: _value(cell, other) for name, cell in zip(header, row)} for row in reply[1]]

    def _other_value(self, cell):
        return _plain(parse_scalar(cell, self._graph()))

    @staticmethod
    def _refuse(exc: redis.ResponseError, read_only: bool) -> None:
        """Raise what an error reply means to Carnet; return for a read of a graph not created yet."""
        if "timed out" in str(exc).lower():
            raise StatementTimeout() from exc
        if "LOADING" in str(exc):
            raise StoreUnavailable("the graph store is starting; try again in a moment") from exc
        if "constraint violation" in str(exc):
            raise Conflict("that already exists") from exc
        if read_only and "empty key" in str(exc):
            return  # the graph does not exist yet: nothing to read
        raise exc

    def _reconnect_later(self) -> None:
        """Drop the pool so the next call reconnects (and restarts the embedded server if it died).
        This thread's connection closes now; other threads replace theirs at their next call."""
        with self._lock:
            db, self._db = self._db, None
        held = getattr(self._held, "connection", None)
        if held is not None:
            self._held.connection = None
            held[2].disconnect()
        if db is not None:
            try:
                db.connection.close()
            except Exception:  # noqa: BLE001 - best effort on an already broken connection
                pass

    # -- port ----------------------------------------------------------------------------------
    def read(self, name: str, *, timeout_ms: int | None = None, **params) -> list[dict]:
        return self._run(cypher.load(name, self.backend), params, read_only=True,
                         timeout_ms=self.read_timeout_ms if timeout_ms is None else timeout_ms)

    def _write(self, name: str, params: dict) -> list[dict]:
        return self._run(cypher.load_write(name, self.backend), params, read_only=False)

    def ensure_schema(self) -> list[str]:
        applied = []
        graph = self._graph()
        for filename, text in cypher.schema_statements(self.backend):
            try:
                self._run(text, {}, read_only=False)
                applied.append(filename)
            except redis.ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise
            if filename.startswith("unique_"):
                match = _UNIQUE_INDEX.search(text)
                try:
                    graph.create_node_unique_constraint(match.group(1), match.group(2))
                except redis.ResponseError as exc:
                    if "already exists" not in str(exc).lower():
                        raise
        return applied

    def ping(self) -> None:
        try:
            self._graph()
            self._db.connection.ping()
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            self._reconnect_later()
            raise StoreUnavailable() from exc

    def clear(self) -> None:
        try:
            self._graph().delete()
        except redis.ResponseError as exc:
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise

    def close(self) -> None:
        self._reconnect_later()
