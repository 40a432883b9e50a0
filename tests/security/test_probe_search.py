"""Search from outside: the notes a viewer finds never depend on someone else's private
relationship, not even when the matches outnumber what one search weighs (a rep can record
that many notes of their own and watch one go missing)."""

from __future__ import annotations

import graph.services.search as search_service
from tests.conftest import api_token, bearer


def _found(client, token: str) -> list[str]:
    answer = client.get("/api/search?q=golf&kind=note", headers=token).get_json()
    return sorted(n["id"] for n in answer["notes"])


def test_a_private_note_never_takes_the_place_of_a_note_the_viewer_may_read(app, client, web_cast, monkeypatch):
    monkeypatch.setattr(search_service, "NOTE_CANDIDATES", 3)  # the cap, made small: three matches fill it
    carol, alice = bearer(api_token(client, "carol")), bearer(api_token(client, "alice"))
    contact = client.post("/api/people", json={"name": "Gil Golfer"}, headers=carol).get_json()
    # carol's private note is recorded first, so an index that answers in insertion order meets it first
    assert client.post("/api/relationships", json={"person_id": web_cast.person("carol"), "other_id": contact["id"],
                                                   "strength": 5, "visibility": "private",
                                                   "notes": "golf on Sundays"}, headers=carol).status_code == 201
    mine = []
    for name in ("Ann", "Ben", "Cid"):
        person = client.post("/api/people", json={"name": name}, headers=alice).get_json()
        mine.append(client.post("/api/relationships", json={"person_id": web_cast.person("alice"),
                                                            "other_id": person["id"], "strength": 3,
                                                            "visibility": "team", "notes": "golf partner"},
                                headers=alice).get_json()["id"])
    assert _found(client, alice) == sorted(mine)
