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
