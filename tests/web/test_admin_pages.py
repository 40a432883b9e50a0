"""Admin pages through the test client: admins only (403 for reps and managers)."""

from __future__ import annotations

import pytest

from graph.visibility import SYSTEM
from tests.conftest import PASSWORD, csrf_token, login
from tests.web.test_people_pages import field_error, svc


def usernames(app) -> list:
    return [u["username"] for u in svc(app).users.list(SYSTEM)]


def user_named(app, username: str) -> dict:
    return next(u for u in svc(app).users.list(SYSTEM) if u["username"] == username)


def test_every_admin_page_renders_for_an_admin(client, web_cast):
    login(client, "ada")
    for path, expected in [("/admin/users", "carol"), ("/admin/users/new", "Add a user"),
                           (f"/admin/users/{web_cast.id('mona')}", "Teams managed"), ("/admin/teams", "North")]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert expected in response.get_data(as_text=True), path


@pytest.mark.parametrize("username", ["alice", "mona"])
def test_admin_pages_are_403_for_reps_and_managers(app, client, web_cast, username):
    login(client, username)
    uid = web_cast.id("bob")
    for path in ["/admin/users", "/admin/users/new", f"/admin/users/{uid}", "/admin/teams"]:
        assert client.get(path).status_code == 403, path
    token = csrf_token(client)
    before = svc(app).users.list(SYSTEM)
    for path, data in [("/admin/users/new", {"username": "eve", "password": PASSWORD, "role": "admin"}),
                       (f"/admin/users/{uid}/team", {"team": "South"}),
                       (f"/admin/users/{uid}/active", {"active": "0"}),
                       (f"/admin/users/{web_cast.id('mona')}/manage", {"manage": "South"}),
                       ("/admin/teams", {"name": "Rogue"})]:
        assert client.post(path, data=dict(data, csrf_token=token)).status_code == 403, path
    assert svc(app).users.list(SYSTEM) == before
    assert [t["name"] for t in svc(app).users.teams()] == ["North", "South"]


def test_anonymous_is_sent_to_login(client, web_cast):
    for path in ["/admin/users", "/admin/users/new", f"/admin/users/{web_cast.id('bob')}", "/admin/teams"]:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_add_user_who_can_then_sign_in(app, client, web_cast):
    login(client, "ada")
    token = csrf_token(client, "/admin/users/new")
    response = client.post("/admin/users/new", data={
        "csrf_token": token, "username": "dora", "name": "Dora Explorer", "password": "a long password",
        "role": "manager", "team": "East"})
    assert response.status_code == 302
    dora = user_named(app, "dora")
    assert (dora["name"], dora["role"], dora["team"]) == ("Dora Explorer", "manager", "East")
    assert response.headers["Location"].endswith(f"/admin/users/{dora['id']}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "User dora was created." in page and "East" in page
    fresh = app.test_client()
    assert login(fresh, "dora", "a long password").status_code == 302


@pytest.mark.parametrize("data, field, message", [
    ({"username": "", "password": PASSWORD}, "username", "username is required"),
    ({"username": "bad name!", "password": PASSWORD}, "username", "letters, digits"),
    ({"username": "alice", "password": PASSWORD}, "username", "that username is taken"),
    ({"username": "u" * 65, "password": PASSWORD}, "username", "longer than 64"),
    ({"username": "newbie", "password": "short"}, "password", "8 to 256 characters"),
    ({"username": "newbie", "password": PASSWORD, "role": "king"}, "role", "Not a valid choice"),
])
def test_add_user_bad_input(app, client, web_cast, data, field, message):
    login(client, "ada")
    before = usernames(app)
    response = client.post("/admin/users/new",
                           data=dict({"role": "rep"}, **data, csrf_token=csrf_token(client, "/admin/users/new")))
    assert response.status_code == 400
    assert message in (field_error(response.get_data(as_text=True), field) or "")
    assert usernames(app) == before


def test_post_without_csrf_is_refused(app, client, web_cast):
    login(client, "ada")
    before = svc(app).users.list(SYSTEM)
    assert client.post("/admin/users/new", data={"username": "eve", "password": PASSWORD, "role": "rep"}).status_code == 400
    assert client.post(f"/admin/users/{web_cast.id('bob')}/active", data={"active": "0"}).status_code == 400
    assert client.post("/admin/teams", data={"name": "Ghost"}).status_code == 400
    assert svc(app).users.list(SYSTEM) == before
    assert len(svc(app).users.teams()) == 2


def test_teams_list_and_add(app, client, web_cast):
    login(client, "ada")
    page = client.get("/admin/teams").get_data(as_text=True)
    assert "alice, bob, mona" in page  # North's members
    token = csrf_token(client, "/admin/teams")
    response = client.post("/admin/teams", data={"csrf_token": token, "name": "West"})
    assert response.status_code == 302
    assert [t["name"] for t in svc(app).users.teams()] == ["North", "South", "West"]
    response = client.post("/admin/teams", data={"csrf_token": token, "name": "  "})
    assert response.status_code == 400
    assert "name is required" in field_error(response.get_data(as_text=True), "name")
    assert len(svc(app).users.teams()) == 3


def test_set_team(app, client, web_cast):
    login(client, "ada")
    uid = web_cast.id("bob")
    token = csrf_token(client, f"/admin/users/{uid}")
    assert client.post(f"/admin/users/{uid}/team", data={"csrf_token": token, "team": "South"}).status_code == 302
    assert svc(app).users.get(uid)["team"] == "South"
    response = client.post(f"/admin/users/{uid}/team", data={"csrf_token": token, "team": ""})
    assert response.status_code == 400
    assert "team is required" in field_error(response.get_data(as_text=True), "team")
    assert svc(app).users.get(uid)["team"] == "South"


def test_manage_and_unmanage_a_team(app, client, web_cast):
    login(client, "ada")
    mona = web_cast.id("mona")
    south = next(t["id"] for t in svc(app).users.teams() if t["name"] == "South")
    token = csrf_token(client, f"/admin/users/{mona}")
    assert client.post(f"/admin/users/{mona}/manage", data={"csrf_token": token, "manage": "south"}).status_code == 302
    assert south in svc(app).users.get(mona)["managed_team_ids"]
    page = client.get(f"/admin/users/{mona}").get_data(as_text=True)
    assert "Stop managing South" in page
    response = client.post(f"/admin/users/{mona}/manage", data={"csrf_token": token, "manage": "Atlantis"})
    assert response.status_code == 400
    assert "unknown team" in field_error(response.get_data(as_text=True), "manage")
    # a rep cannot manage a team
    alice = web_cast.id("alice")
    response = client.post(f"/admin/users/{alice}/manage", data={"csrf_token": token, "manage": "South"})
    assert response.status_code == 400
    assert "only a manager" in field_error(response.get_data(as_text=True), "manage")
    assert svc(app).users.get(alice)["managed_team_ids"] == []
    assert client.post(f"/admin/users/{mona}/unmanage", data={"csrf_token": token, "team_id": south}).status_code == 302
    assert south not in svc(app).users.get(mona)["managed_team_ids"]
    assert len(svc(app).users.get(mona)["managed_team_ids"]) == 1  # North stays


def test_disable_and_enable_a_user(app, client, web_cast):
    login(client, "ada")
    uid = web_cast.id("bob")
    bob = app.test_client()
    assert login(bob, "bob").status_code == 302
    token = csrf_token(client, f"/admin/users/{uid}")
    assert client.post(f"/admin/users/{uid}/active", data={"csrf_token": token, "active": "0"}).status_code == 302
    assert svc(app).users.get(uid)["active"] is False
    assert bob.get("/people").status_code == 302  # the running session ended
    assert "disabled" in client.get("/admin/users").get_data(as_text=True)
    assert client.post(f"/admin/users/{uid}/active", data={"csrf_token": token, "active": "1"}).status_code == 302
    assert svc(app).users.get(uid)["active"] is True
    assert login(app.test_client(), "bob").status_code == 302
    # an admin cannot lock themself out
    ada = web_cast.id("ada")
    response = client.post(f"/admin/users/{ada}/active", data={"csrf_token": token, "active": "0"})
    assert response.status_code == 400 and "cannot disable yourself" in response.get_data(as_text=True)
    assert svc(app).users.get(ada)["active"] is True
