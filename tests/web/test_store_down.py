"""A graph store that is down answers a clear 503, never a traceback."""

import shutil
import tempfile

import pytest

from app import create_app
from graph.adapters.falkordb_store import FalkorDBStore


@pytest.fixture
def down_client():
    path = tempfile.mkdtemp(prefix="cgdown", dir="/tmp")
    store = FalkorDBStore(path, start=False)  # nothing ever listens here
    app = create_app({"TESTING": True, "SECRET_KEY": "x"}, store=store)
    yield app.test_client()
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("path", ["/login", "/people", "/"])
def test_pages_answer_503(down_client, path):
    with down_client.session_transaction() as session:
        session["_user_id"] = "someone:0"  # a signed-in browser: the user lookup hits the store
    response = down_client.get(path)
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert "cannot reach its graph store" in body
    assert "Traceback" not in body


def test_login_post_answers_503(down_client):
    from tests.conftest import csrf_token

    token = csrf_token(down_client, "/login")  # the login page itself needs no store
    response = down_client.post("/login", data={"username": "a", "password": "b", "csrf_token": token})
    assert response.status_code == 503


def test_api_answers_503_json(down_client):
    response = down_client.post("/api/tokens", json={"username": "a", "password": "bbbbbbbb"})
    assert response.status_code == 503
    assert response.get_json()["error"]
