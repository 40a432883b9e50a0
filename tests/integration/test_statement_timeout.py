"""Every read has a time cap (CARNET_STATEMENT_TIMEOUT_MS, 10 s by default): a statement that
runs past it is stopped by the store and answered 503 with a clear message, so one heavy page
cannot hold the store for minutes."""

from __future__ import annotations

import pytest

from graph.adapters.factory import make_store
from graph.errors import StatementTimeout
from tests.conftest import api_token, bearer

pytestmark = pytest.mark.falkordb_only  # fills the graph with a raw FalkorDB statement


@pytest.fixture
def crowded(store):
    """Enough people that listing them all takes well over a millisecond."""
    store._run("UNWIND range(1, 100000) AS i CREATE (:Person {id: toString(i), name: 'P' + toString(i)})", {},
               read_only=False)
    return store


def test_a_read_past_the_cap_is_stopped(crowded):
    crowded.read_timeout_ms = 1
    with pytest.raises(StatementTimeout):
        crowded.read("people/list_people", q="zz", skip=0, limit=10)
    crowded.read_timeout_ms = 0  # no cap: the same read completes
    assert crowded.read("people/list_people", q="zz", skip=0, limit=10) == []


def test_the_api_answers_503_with_a_message(app, client, web_cast, crowded):
    headers = bearer(api_token(client, "alice"))
    crowded.read_timeout_ms = 1
    response = client.get("/api/people?q=zz", headers=headers)
    assert response.status_code == 503
    assert "too long" in response.get_json()["error"]


def test_the_cap_comes_from_the_environment(monkeypatch, data_dir):
    monkeypatch.setenv("CARNET_STATEMENT_TIMEOUT_MS", "2500")
    from app.config import load_config

    settings = load_config("/tmp", {"SECRET_KEY": "k", "CARNET_DATA_DIR": data_dir})
    assert make_store(settings).read_timeout_ms == 2500
    monkeypatch.delenv("CARNET_STATEMENT_TIMEOUT_MS")
    assert make_store(load_config("/tmp", {"SECRET_KEY": "k", "CARNET_DATA_DIR": data_dir})).read_timeout_ms == 10_000
