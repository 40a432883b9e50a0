"""Own account pages (password, API tokens) and the admin's password and role forms."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, api_token, bearer, csrf_token, login

NEW = "a much better passphrase"


def change(client, current=PASSWORD, new=NEW, confirm=None):
    token = csrf_token(client, "/account/password")
    return client.post("/account/password", data={"current": current, "new": new,
                                                  "confirm": new if confirm is None else confirm,
                                                  "csrf_token": token})


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


def test_password_change_keeps_this_session_and_ends_every_other(app, web_cast):
    here, elsewhere = app.test_client(), app.test_client()
    login(here, "alice")
    login(elsewhere, "alice")
    token = api_token(app.test_client(), "alice")
    response = change(here)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert signed_in(here)
    assert not signed_in(elsewhere)
    assert app.test_client().get("/api/me", headers=bearer(token)).status_code == 401
    assert login(app.test_client(), "alice", NEW).status_code == 302
    assert login(app.test_client(), "alice", PASSWORD).status_code == 401


def test_a_copied_cookie_from_before_the_change_is_refused(app, web_cast):
    client = app.test_client()
    login(client, "alice")
    old_cookie = client.get_cookie("session").value
    change(client)
    thief = app.test_client()
    thief.set_cookie("session", old_cookie)
    assert not signed_in(thief)


@pytest.mark.parametrize("current, new, confirm, field_text", [
    ("not my password", NEW, None, "current password is wrong"),
    (PASSWORD, "short", None, "at least 8 characters"),
    (PASSWORD, NEW, "something else", "do not match"),
    (PASSWORD, PASSWORD, None, "must differ"),
])
def test_bad_password_changes_are_refused_and_change_nothing(app, client, web_cast, current, new, confirm,
                                                            field_text):
    login(client, "alice")
    response = change(client, current, new, confirm)
    assert response.status_code == 400
    assert field_text in response.get_data(as_text=True)
    assert signed_in(client)
    assert login(app.test_client(), "alice", PASSWORD).status_code == 302


def test_password_change_needs_the_csrf_token(client, web_cast):
    login(client, "alice")
    response = client.post("/account/password", data={"current": PASSWORD, "new": NEW, "confirm": NEW})
    assert response.status_code == 400
    assert login(client.application.test_client(), "alice", PASSWORD).status_code == 302


def test_account_page_lists_own_tokens_and_revokes_one(app, client, web_cast):
    mine = api_token(app.test_client(), "alice")
    theirs = api_token(app.test_client(), "bob")
    login(client, "alice")
    page = client.get("/account")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert mine not in text and "Change password" in text
    services = app.extensions["carnet"]
    mine_id = services.users.tokens(web_cast.viewer("alice"))[0]["id"]
    theirs_id = services.users.tokens(web_cast.viewer("bob"))[0]["id"]
    assert mine_id in text and theirs_id not in text
    token = csrf_token(client, "/account")
    assert client.post(f"/account/tokens/{theirs_id}/revoke", data={"csrf_token": token}).status_code == 404
    assert app.test_client().get("/api/me", headers=bearer(theirs)).status_code == 200
    assert client.post(f"/account/tokens/{mine_id}/revoke", data={"csrf_token": token}).status_code == 302
    assert app.test_client().get("/api/me", headers=bearer(mine)).status_code == 401


# -- admin -------------------------------------------------------------------------------------
def test_admin_changes_a_role_and_team_and_the_users_session_ends(app, client, web_cast):
    bob = app.test_client()
    login(bob, "bob")
    login(client, "ada")
    uid = web_cast.id("bob")
    token = csrf_token(client, f"/admin/users/{uid}")
    response = client.post(f"/admin/users/{uid}/role", data={"role": "manager", "team": "East", "csrf_token": token})
    assert response.status_code == 302
    record = app.extensions["carnet"].users.get(uid)
    assert (record["role"], record["team"]) == ("manager", "East")
    assert record["team_id"] in record["managed_team_ids"]
    assert not signed_in(bob)


def test_admin_sets_a_password(app, client, web_cast):
    login(client, "ada")
    uid = web_cast.id("bob")
    token = csrf_token(client, f"/admin/users/{uid}")
    response = client.post(f"/admin/users/{uid}/password", data={"password": NEW, "confirm": NEW,
                                                                 "csrf_token": token})
    assert response.status_code == 302
    assert login(app.test_client(), "bob", NEW).status_code == 302


def test_the_last_admin_cannot_drop_the_admin_role_on_the_page(app, client, web_cast):
    login(client, "ada")
    uid = web_cast.id("ada")
    token = csrf_token(client, f"/admin/users/{uid}")
    response = client.post(f"/admin/users/{uid}/role", data={"role": "rep", "team": "", "csrf_token": token})
    assert response.status_code == 400
    assert "last admin" in response.get_data(as_text=True)
    assert app.extensions["carnet"].users.get(uid)["role"] == "admin"


@pytest.mark.parametrize("username", ["alice", "mona"])
def test_reps_and_managers_cannot_set_passwords_or_roles(app, client, web_cast, username):
    login(client, username)
    token = csrf_token(client)
    for target in ("bob", username):
        uid = web_cast.id(target)
        assert client.post(f"/admin/users/{uid}/role", data={"role": "admin", "csrf_token": token}).status_code == 403
        assert client.post(f"/admin/users/{uid}/password",
                           data={"password": NEW, "confirm": NEW, "csrf_token": token}).status_code == 403
    assert app.extensions["carnet"].users.get(web_cast.id(username))["role"] != "admin"
    assert login(app.test_client(), "bob", PASSWORD).status_code == 302


def test_account_pages_in_french(client, web_cast):
    login(client, "alice")
    client.post("/lang", data={"lang": "fr", "csrf_token": csrf_token(client)})
    assert "Changer le mot de passe" in client.get("/account/password").get_data(as_text=True)
    assert "Jetons d’API" in client.get("/account").get_data(as_text=True)
