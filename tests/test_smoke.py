from tests.conftest import csrf_token, login


def test_login_then_home_shows_empty_address_book(client, web_cast):
    response = login(client, "alice")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Your address book is empty" in page
    assert "Alice" in page


def test_wrong_password_is_refused(client, web_cast):
    response = login(client, "alice", "wrong password!")
    assert response.status_code == 401
    assert "wrong username or password" in response.get_data(as_text=True)


def test_logout_needs_post_with_csrf(client, web_cast):
    login(client, "alice")
    assert client.post("/logout").status_code == 400
    token = csrf_token(client)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_home_lists_own_relationships_by_contact(app, client, web_cast):
    services = app.extensions["carnet"]
    alice = web_cast.viewer("alice")
    contact = services.people.create(alice, {"name": "Zoé Contact"})
    services.relationships.create(alice, {"person_id": alice.person_id, "other_id": contact["id"],
                                          "strength": 4, "context": "friend", "visibility": "team"})
    login(client, "alice")
    page = client.get("/").get_data(as_text=True)
    assert "Zoé Contact" in page and "4/5" in page and "team" in page
    assert "1 relationship recorded by you" in page
    other = app.test_client()
    login(other, "bob")  # a teammate has an empty address book of his own
    assert "Your address book is empty" in other.get("/").get_data(as_text=True)
