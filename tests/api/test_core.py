"""Health, tokens, /me, user creation, and the API's transport-level errors."""

from __future__ import annotations

import shutil
import tempfile

from graph.adapters.falkordb_store import FalkorDBStore
from graph.services.users import MAX_FAILED_LOGINS
from tests.conftest import FAST_HASH, PASSWORD, bearer


def test_health_is_public_and_names_the_backend(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "backend": "falkordb"}


def test_health_is_503_json_when_the_store_is_down():
    from app import create_app

    data_dir = tempfile.mkdtemp(prefix="cd", dir="/tmp")  # no server was ever started here
    try:
        app = create_app({"TESTING": True, "SECRET_KEY": "k", "CARNET_PASSWORD_METHOD": FAST_HASH},
                         store=FalkorDBStore(data_dir, start=False))
        response = app.test_client().get("/api/health")
        assert response.status_code == 503
        assert response.get_json() == {"status": "unavailable", "backend": "falkordb",
                                       "error": "the graph store is unavailable"}
        # Any other route answers 503 JSON too, not a traceback.
        response = app.test_client().post("/api/tokens", json={"username": "alice", "password": PASSWORD})
        assert response.status_code == 503
        assert response.get_json() == {"error": "the graph store is unavailable"}
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def test_token_then_me(api):
    response = api.post(None, "/api/tokens", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"token", "token_type", "expires_in"} and body["token_type"] == "Bearer"
    me = api.client.get("/api/me", headers=bearer(body["token"]))
    assert me.status_code == 200
    alice = api.cast.users["alice"]
    assert me.get_json() == {"id": alice["id"], "username": "alice", "role": "rep", "team": "North",
                             "person_id": alice["person_id"], "name": "Alice", "active": True}


def test_me_for_admin_without_team(api):
    ada = api.cast.users["ada"]
    assert api.get("ada", "/api/me").get_json() == {
        "id": ada["id"], "username": "ada", "role": "admin", "team": None,
        "person_id": ada["person_id"], "name": "Ada", "active": True}


def test_wrong_password_and_unknown_user_are_401(api):
    for body in ({"username": "alice", "password": "wrong password"},
                 {"username": "nobody", "password": PASSWORD}):
        response = api.post(None, "/api/tokens", body)
        assert response.status_code == 401
        assert response.get_json() == {"error": "wrong username or password", "field": "username"}


def test_repeated_failures_are_throttled_with_429(api):
    for _ in range(MAX_FAILED_LOGINS):
        assert api.post(None, "/api/tokens", {"username": "bob", "password": "wrong password"}).status_code == 401
    response = api.post(None, "/api/tokens", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert response.get_json()["field"] == "username"


def test_missing_bad_and_revoked_tokens_are_401(api):
    assert api.client.get("/api/me").status_code == 401
    assert api.client.get("/api/me", headers={"Authorization": "Basic abc"}).status_code == 401
    bad = api.client.get("/api/me", headers=bearer("not-a-token"))
    assert bad.status_code == 401 and bad.get_json() == {"error": "invalid or expired token"}
    # A token signed with another key is refused too.
    from itsdangerous import URLSafeTimedSerializer
    forged = URLSafeTimedSerializer("other-key", salt="carnet-api-token").dumps(
        {"uid": api.cast.id("alice"), "epoch": 0})
    assert api.client.get("/api/me", headers=bearer(forged)).status_code == 401


def test_disabling_a_user_revokes_their_token(api):
    token = api.token("bob")
    assert api.client.get("/api/me", headers=bearer(token)).status_code == 200
    api.cast.services.users.set_active(api.cast.viewer("ada"), api.cast.id("bob"), False)
    response = api.client.get("/api/me", headers=bearer(token))
    assert response.status_code == 401
    assert response.get_json() == {"error": "invalid or expired token"}
    # and they cannot get a new one
    assert api.post(None, "/api/tokens", {"username": "bob", "password": PASSWORD}).status_code == 401


def test_admin_creates_users_and_teams(api):
    response = api.post("ada", "/api/users", {"username": "eve", "password": PASSWORD, "role": "manager",
                                              "team": "East", "name": "Eve Adams"})
    assert response.status_code == 201
    eve = response.get_json()
    assert set(eve) >= {"id", "username", "role", "team", "person_id"}
    assert (eve["username"], eve["role"], eve["team"], eve["name"]) == ("eve", "manager", "East", "Eve Adams")
    assert eve["person_id"] and eve["id"]
    # The new user can log in, and as manager of East sees East's team-level relationships.
    viewer = api.cast.services.users.viewer(eve["id"])
    east = [t["id"] for t in api.cast.services.users.teams() if t["name"] == "East"]
    assert viewer.managed_team_ids == frozenset(east)
    assert api.get("eve", "/api/me").get_json()["team"] == "East"


def test_user_without_team_or_name(api):
    frank = api.created("ada", "/api/users", {"username": "frank", "password": PASSWORD, "role": "rep"})
    assert frank["team"] is None and frank["name"] == "frank"


def test_only_admins_create_users(api):
    api.token("alice"), api.token("mona")
    version = api.store.version()
    for who in ("alice", "mona"):
        response = api.post(who, "/api/users", {"username": "mallory", "password": PASSWORD, "role": "admin"})
        assert response.status_code == 403
        assert response.get_json() == {"error": "only an admin may do this"}
    assert api.store.version() == version


def test_duplicate_username_is_409(api):
    api.token("ada")
    version = api.store.version()
    response = api.post("ada", "/api/users", {"username": "alice", "password": PASSWORD, "role": "rep"})
    assert response.status_code == 409
    assert response.get_json() == {"error": "that username is taken", "field": "username"}
    assert api.store.version() == version


def test_unknown_api_path_and_method_are_json(api):
    response = api.client.get("/api/no-such-thing")
    assert response.status_code == 404 and response.get_json() == {"error": "not found"}
    response = api.get("alice", "/api/people/x/nothing")
    assert response.status_code == 404 and response.get_json() == {"error": "not found"}
    response = api.call("PUT", "alice", "/api/people")
    assert response.status_code == 405 and response.get_json() == {"error": "method not allowed"}


def test_oversize_body_is_413_json_and_writes_nothing(api):
    api.token("alice")
    version = api.store.version()
    response = api.post("alice", "/api/people", {"name": "Big", "notes": "x" * (1024 * 1024 + 10)})
    assert response.status_code == 413
    assert response.get_json() == {"error": "the request is too large"}
    assert api.store.version() == version


def test_api_answers_carry_security_headers_and_no_cookie(api):
    response = api.get("alice", "/api/me")
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
