"""Shared fixtures: one real embedded FalkorDB server per test session, a fresh graph per test.

No mock store: every test that touches data runs against the real server."""

from __future__ import annotations

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


@pytest.fixture
def store(data_dir):
    s = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
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
