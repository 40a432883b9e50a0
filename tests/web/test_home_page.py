"""Home: the viewer's address book, a page at a time (imports and synthetic books hold thousands)."""

from __future__ import annotations

import re

from tests.conftest import login


def test_address_book_is_paged_by_contact_name(app, client, web_cast):
    services = app.extensions["carnet"]
    ada, alice = web_cast.viewer("ada"), web_cast.viewer("alice")
    for i in range(205):
        person = services.people.create(ada, {"name": f"Contact {i:03d}"})
        services.relationships.create(alice, {"person_id": alice.person_id, "other_id": person["id"],
                                              "strength": 2, "visibility": "team"})
    login(client, "alice")
    first = client.get("/").get_data(as_text=True)
    assert "205 relationships recorded by you" in first and "Page 1 of 3" in first
    assert re.findall(r"Contact (\d{3})", first) == [f"{i:03d}" for i in range(100)]
    last = client.get("/?page=3").get_data(as_text=True)
    assert re.findall(r"Contact (\d{3})", last) == [f"{i:03d}" for i in range(200, 205)]
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert "Page 3 of 3" in client.get("/?page=99").get_data(as_text=True)  # past the end: the last page
    assert client.get("/?page=abc").status_code == 400


def test_someone_elses_relationships_are_not_in_my_book(app, client, web_cast):
    services = app.extensions["carnet"]
    ada, bob = web_cast.viewer("ada"), web_cast.viewer("bob")
    person = services.people.create(ada, {"name": "Bobs Friend"})
    services.relationships.create(bob, {"person_id": bob.person_id, "other_id": person["id"], "strength": 4,
                                        "visibility": "company"})
    login(client, "alice")
    page = client.get("/").get_data(as_text=True)
    assert "Bobs Friend" not in page and "Your address book is empty" in page
