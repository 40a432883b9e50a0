"""Own credentials through the API: password change, token list and revocation."""

from __future__ import annotations

from tests.conftest import PASSWORD, api_token, bearer

NEW = "a much better passphrase"


def test_password_change_ends_every_token_and_the_new_password_works(api):
    old = api_token(api.client, "alice")
    other = api_token(api.client, "alice")
    response = api.client.post("/api/me/password", json={"current": PASSWORD, "new": NEW}, headers=bearer(old))
    assert response.status_code == 204, response.get_data(as_text=True)
    for token in (old, other):  # the caller's own token ends too: ask for a new one
        assert api.client.get("/api/me", headers=bearer(token)).status_code == 401
    assert api.client.post("/api/tokens", json={"username": "alice", "password": PASSWORD}).status_code == 401
    fresh = api_token(api.client, "alice", NEW)
    assert api.client.get("/api/me", headers=bearer(fresh)).get_json()["username"] == "alice"


def test_a_wrong_current_password_is_400_on_current_and_changes_nothing(api):
    token = api_token(api.client, "alice")
    response = api.client.post("/api/me/password", json={"current": "not it at all", "new": NEW},
                               headers=bearer(token))
    assert response.status_code == 400
    assert response.get_json()["field"] == "current"
    assert api.client.get("/api/me", headers=bearer(token)).status_code == 200
    api_token(api.client, "alice", PASSWORD)


def test_a_weak_new_password_is_400_on_new(api):
    token = api_token(api.client, "alice")
    for weak in ("short", PASSWORD, "alice"):
        response = api.client.post("/api/me/password", json={"current": PASSWORD, "new": weak},
                                   headers=bearer(token))
        assert response.status_code == 400, weak
        assert response.get_json()["field"] == "new", weak
    assert api.client.get("/api/me", headers=bearer(token)).status_code == 200


def test_tokens_list_shows_own_tokens_without_secret(api):
    first = api_token(api.client, "alice")
    api.client.post("/api/tokens", json={"username": "alice", "password": PASSWORD},
                    headers={"User-Agent": "sync-script/1.0"})
    api_token(api.client, "bob")
    response = api.client.get("/api/tokens", headers=bearer(first))
    assert response.status_code == 200
    tokens = response.get_json()["tokens"]
    assert len(tokens) == 2
    assert all(set(t) >= {"id", "created_at", "label", "current"} for t in tokens)
    assert sum(t["current"] for t in tokens) == 1
    assert any(t["label"] == "sync-script/1.0" for t in tokens)
    text = response.get_data(as_text=True)
    assert first not in text and first.split(".")[-1] not in text


def test_a_revoked_token_is_refused_at_once(api):
    keep = api_token(api.client, "alice")
    doomed = api_token(api.client, "alice")
    assert api.client.get("/api/me", headers=bearer(doomed)).status_code == 200  # kept as verified
    doomed_id = next(t["id"] for t in api.client.get("/api/tokens", headers=bearer(doomed)).get_json()["tokens"]
                     if t["current"])
    assert api.client.delete(f"/api/tokens/{doomed_id}", headers=bearer(keep)).status_code == 204
    response = api.client.get("/api/me", headers=bearer(doomed))
    assert response.status_code == 401
    assert api.client.get("/api/me", headers=bearer(keep)).status_code == 200
    assert [t["id"] for t in api.client.get("/api/tokens", headers=bearer(keep)).get_json()["tokens"]] != [doomed_id]
    assert api.client.delete(f"/api/tokens/{doomed_id}", headers=bearer(keep)).status_code == 404


def test_a_revoked_token_is_refused_by_every_worker(app, web_cast, store):
    """Another app on the same graph (another worker) sees the revocation at once."""
    from app import create_app
    from tests.conftest import FAST_HASH

    other = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                       store=store).test_client()
    client = app.test_client()
    token = api_token(client, "alice")
    assert other.get("/api/me", headers=bearer(token)).status_code == 200
    token_id = client.get("/api/tokens", headers=bearer(token)).get_json()["tokens"][0]["id"]
    assert client.delete(f"/api/tokens/{token_id}", headers=bearer(api_token(client, "alice"))).status_code == 204
    assert other.get("/api/me", headers=bearer(token)).status_code == 401


def test_another_users_token_id_is_404_even_for_an_admin(api):
    alice = api_token(api.client, "alice")
    alice_id = api.client.get("/api/tokens", headers=bearer(alice)).get_json()["tokens"][0]["id"]
    for who in ("bob", "mona", "ada"):
        response = api.client.delete(f"/api/tokens/{alice_id}", headers=bearer(api_token(api.client, who)))
        assert response.status_code == 404, who
    assert api.client.get("/api/me", headers=bearer(alice)).status_code == 200


def test_a_token_without_a_record_is_refused(app, web_cast):
    """A token signed by this app but not recorded in the graph (never issued, or from before
    tokens were recorded) cannot be listed or revoked, so it is refused."""
    from itsdangerous import URLSafeTimedSerializer

    user = web_cast.users["alice"]
    forged = URLSafeTimedSerializer("test-secret", salt="carnet-api-token").dumps({"uid": user["id"], "epoch": 0})
    assert app.test_client().get("/api/me", headers=bearer(forged)).status_code == 401


def test_disabling_a_user_removes_their_tokens_from_the_list(api, web_cast):
    token = api_token(api.client, "bob")
    services = api.client.application.extensions["carnet"]
    services.users.set_active(web_cast.viewer("ada"), web_cast.id("bob"), False)
    services.users.set_active(web_cast.viewer("ada"), web_cast.id("bob"), True)
    assert api.client.get("/api/me", headers=bearer(token)).status_code == 401
    fresh = api_token(api.client, "bob")
    assert len(api.client.get("/api/tokens", headers=bearer(fresh)).get_json()["tokens"]) == 1
