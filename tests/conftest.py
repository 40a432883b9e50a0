"""Shared fixtures: one real embedded FalkorDB server per test session, a fresh graph per test.

No mock store: every test that touches data runs against the real server. With NEO4J_URI set
(and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE as needed) every test that takes `store`, and
so `services`, `app` and `client`, runs a second time on that Neo4j database, cleared before and
after each test: point it at a throwaway database. Without NEO4J_URI the run and its test ids
are FalkorDB's alone."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid

import pytest

from graph.adapters.falkordb_server import EmbeddedServer
from graph.adapters.falkordb_store import FalkorDBStore
from graph.services import Services
from graph.visibility import SYSTEM

PASSWORD = "correct horse battery"
FAST_HASH = "pbkdf2:sha256:1000"  # tests only: the production default is scrypt


@pytest.fixture(scope="session")
def data_dir():
    """A short path (unix sockets allow ~100 bytes) holding the session's embedded server."""
    path = tempfile.mkdtemp(prefix="cg", dir="/tmp")
    server = EmbeddedServer(path)
    server.ensure_running()
    yield path
    server.stop()
    shutil.rmtree(path, ignore_errors=True)


def neo4j_settings() -> dict:
    """The app settings of the Neo4j database the tests may use (NEO4J_* from the environment)."""
    return {"CARNET_GRAPH_BACKEND": "neo4j", "NEO4J_URI": os.environ.get("NEO4J_URI"),
            "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
            "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", ""),
            "NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE", "neo4j")}


if os.environ.get("NEO4J_URI"):
    @pytest.fixture(scope="session", params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
    def backend(request):
        """Each store test runs on both backends (session scope: pytest groups the tests by backend).
        A Neo4j that does not answer fails its tests at once rather than each after the driver's retries."""
        if request.param == "neo4j":
            from graph.adapters.factory import make_store

            probe = make_store(neo4j_settings())
            try:
                probe.ping()
            finally:
                probe.close()
        return request.param
else:
    @pytest.fixture(scope="session")
    def backend():
        """FalkorDB only: not parametrised, so test ids stay as they are."""
        return "falkordb"


@pytest.fixture
def store(request, backend):
    """An empty graph with its schema: a fresh graph name on FalkorDB, the cleared database on
    Neo4j. A test that reaches the embedded server itself (it takes `data_dir`, or is marked
    falkordb_only) runs on FalkorDB only."""
    if backend == "neo4j":
        if "data_dir" in request.fixturenames or request.node.get_closest_marker("falkordb_only"):
            pytest.skip("reaches the embedded FalkorDB itself")
        from graph.adapters.factory import make_store

        s = make_store(neo4j_settings())
        s.clear()
    else:
        s = FalkorDBStore(request.getfixturevalue("data_dir"), graph_name=f"t_{uuid.uuid4().hex[:12]}")
    s.ensure_schema()
    yield s
    s.clear()
    s.close()


@pytest.fixture
def services(store):
    return Services(store, password_method=FAST_HASH)


@pytest.fixture
def app(store):
    from app import create_app

    application = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                             store=store)
    yield application


@pytest.fixture
def client(app):
    return app.test_client()


class Cast:
    """The standard people of a test: two teams, their managers, an admin.

    north: alice (rep), bob (rep), mona (manager); south: carol (rep), sam (manager); ada (admin)."""

    def __init__(self, services: Services):
        self.services = services
        self.users = {}
        for username, role, team in (
            ("alice", "rep", "North"), ("bob", "rep", "North"), ("mona", "manager", "North"),
            ("carol", "rep", "South"), ("sam", "manager", "South"), ("ada", "admin", None),
        ):
            data = {"username": username, "password": PASSWORD, "role": role, "name": username.title()}
            if team:
                data["team"] = team
            self.users[username] = services.users.create(SYSTEM, data)

    def viewer(self, username: str):
        return self.services.users.viewer(self.users[username]["id"])

    def person(self, username: str) -> str:
        return self.users[username]["person_id"]

    def id(self, username: str) -> str:
        return self.users[username]["id"]


@pytest.fixture
def cast(services) -> Cast:
    return Cast(services)


@pytest.fixture
def web_cast(app) -> Cast:
    """The cast, created in the app's own services (for web/API tests)."""
    return Cast(app.extensions["carnet"])


_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path: str = "/") -> str:
    """The CSRF token of the client's session, read from a page as a browser would."""
    html = client.get(path).get_data(as_text=True)
    match = _CSRF.search(html)
    assert match, f"no csrf token on {path}"
    return match.group(1)


def login(client, username: str, password: str = PASSWORD):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def api_token(client, username: str, password: str = PASSWORD) -> str:
    response = client.post("/api/tokens", json={"username": username, "password": password})
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["token"]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def soon(clock, days: int = 60) -> str:
    """An event date `days` after the clock's today (events are dated at most a year ahead)."""
    import datetime as dt

    return (dt.date.fromisoformat(clock.today()) + dt.timedelta(days=days)).isoformat()
