"""The duplicates page from outside: a manager who types a guessed e-mail into a record of
their own must not learn from the page whether it is the address of a contact whose e-mail
they may not read."""

from __future__ import annotations

from tests.conftest import api_token, bearer, login

SECRET = "tina.target@zeta.example"


def _world(client, web_cast):
    """Alice (North) enters Tina with her e-mail and knows her exclusively: Sam (South) sees Tina's
    name, not her e-mail."""
    alice = bearer(api_token(client, "alice"))
    org = client.post("/api/organisations", json={"name": "Zeta Corp", "kind": "account"}, headers=alice).get_json()
    tina = client.post("/api/people", json={"name": "Tina Target", "email": SECRET, "organisation_id": org["id"]},
                       headers=alice).get_json()
    assert client.post("/api/relationships", json={"person_id": web_cast.person("alice"), "other_id": tina["id"],
                                                   "strength": 4, "visibility": "exclusive"},
                       headers=alice).status_code == 201
    return tina


def _duplicates_page_after_guess(app, web_cast, guess: str) -> tuple[str, str]:
    client = app.test_client()
    tina = _world(client, web_cast)
    sam = bearer(api_token(client, "sam"))
    assert client.get(f"/api/people/{tina['id']}", headers=sam).get_json()["email"] is None  # hidden from Sam
    client.post("/api/people", json={"name": "Somebody Else", "email": guess}, headers=sam)
    login(client, "sam")
    return client.get("/duplicates").get_data(as_text=True), tina["id"]


def test_the_duplicates_page_does_not_confirm_a_guessed_hidden_email(app, web_cast):
    page, tina_id = _duplicates_page_after_guess(app, web_cast, SECRET.upper())
    assert tina_id not in page and "<td>same e-mail</td>" not in page


def test_a_manager_who_reads_both_emails_still_sees_the_same_email_pair(app, web_cast):
    client = app.test_client()
    tina = _world(client, web_cast)
    mona = bearer(api_token(client, "mona"))  # manages Alice's team: reads Alice's details
    twin = client.post("/api/people", json={"name": "T. Target", "email": SECRET}, headers=mona).get_json()
    login(client, "mona")
    page = client.get("/duplicates").get_data(as_text=True)
    assert tina["id"] in page and twin["id"] in page and "<td>same e-mail</td>" in page
