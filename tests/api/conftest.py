"""API test fixtures: the app on a fixed clock (so instants in answers are exact) and a small
client that acts as one of the cast with a real bearer token."""

from __future__ import annotations

import pytest

from graph.clock import FixedClock
from tests.conftest import FAST_HASH, api_token, bearer

NOW_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
NOW_ISO = "2026-01-01T00:00:00Z"


@pytest.fixture
def app(store):
    from app import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                      store=store, clock=FixedClock(NOW_MS))


class Api:
    """Calls the API as a cast member; tokens are fetched once (fetching one writes a login)."""

    def __init__(self, client, cast, store):
        self.client = client
        self.cast = cast
        self.store = store
        self._tokens = {}

    def token(self, who: str) -> str:
        if who not in self._tokens:
            self._tokens[who] = api_token(self.client, who)
        return self._tokens[who]

    def call(self, method: str, who: str | None, path: str, **kwargs):
        headers = dict(kwargs.pop("headers", {}))
        if who:
            headers.update(bearer(self.token(who)))
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, who, path, **kw):
        return self.call("GET", who, path, **kw)

    def post(self, who, path, json=None, **kw):
        return self.call("POST", who, path, json=json, **kw)

    def patch(self, who, path, json=None, **kw):
        return self.call("PATCH", who, path, json=json, **kw)

    def delete(self, who, path, **kw):
        return self.call("DELETE", who, path, **kw)

    def created(self, who, path, json) -> dict:
        response = self.post(who, path, json)
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()


@pytest.fixture
def api(client, web_cast, store) -> Api:
    return Api(client, web_cast, store)
