"""Grants from outside: an accepted introduction or an approved nomination opens a contact's
details to its holders, but never a detail entered by someone who was not asked — a colleague
who keeps the contact private (or holds no relationship with them at all). Otherwise two reps,
or a rep and any manager, could read a third colleague's private contact details: one claims
to know the contact, the other asks, the first accepts."""

from __future__ import annotations

from tests.api.conftest import api, app  # noqa: F401  (the API fixtures, on the fixed clock)

SECRET = {"email": "tina.private@zeta.example", "phone": "+33 6 98 76 54 32", "notes": "call after 6pm"}


def _tina(api, level: str = "private") -> str:
    """Bob enters Tina with her details and knows her at `level`."""
    tina = api.created("bob", "/api/people", {"name": "Tina Target", **SECRET})
    api.created("bob", "/api/relationships", {"person_id": api.cast.person("bob"), "other_id": tina["id"],
                                              "strength": 5, "visibility": level})
    return tina["id"]


def _details(api, who: str, person_id: str) -> dict:
    shown = api.get(who, f"/api/people/{person_id}").get_json()
    return {k: shown[k] for k in ("email", "phone", "details_locked")}


HIDDEN = {"email": None, "phone": None, "details_locked": True}


def test_an_accepted_introduction_does_not_open_a_private_holders_details(api):
    tina = _tina(api, "private")
    # carol claims to know Tina (exclusive): alice sees that hop locked and asks carol for an introduction
    claim = api.created("carol", "/api/relationships", {"person_id": api.cast.person("carol"), "other_id": tina,
                                                        "strength": 1, "visibility": "exclusive"})
    assert _details(api, "alice", tina) == HIDDEN
    intro = api.created("alice", "/api/intro-requests", {"target_id": tina, "relationship_id": claim["id"]})
    assert api.post("carol", f"/api/intro-requests/{intro['id']}/decision", {"decision": "accept"}).status_code == 200
    assert _details(api, "alice", tina) == HIDDEN


def test_an_approved_nomination_does_not_open_a_private_holders_details(api):
    tina = _tina(api, "private")
    event = api.created("sam", "/api/events", {"name": "Summit", "date": "2026-03-01"})
    nomination = api.created("carol", f"/api/events/{event['id']}/nominations", {"person_id": tina})
    assert nomination["status"] == "pending_manager"  # bob, who keeps Tina private, is never asked
    assert api.post("sam", f"/api/nominations/{nomination['id']}/decision",
                    {"decision": "approve"}).get_json()["status"] == "approved"
    for who in ("carol", "sam"):
        assert _details(api, who, tina) == HIDDEN, who


def test_a_grant_still_opens_the_details_of_a_holder_who_was_asked(api):
    tina = _tina(api, "exclusive")
    event = api.created("sam", "/api/events", {"name": "Summit", "date": "2026-03-01"})
    nomination = api.created("carol", f"/api/events/{event['id']}/nominations", {"person_id": tina})
    assert nomination["status"] == "pending_owner"
    assert api.post("bob", f"/api/nominations/{nomination['id']}/consent", {"decision": "consent"}).status_code == 200
    assert api.post("sam", f"/api/nominations/{nomination['id']}/decision",
                    {"decision": "approve"}).get_json()["status"] == "approved"
    assert _details(api, "carol", tina) == {"email": SECRET["email"], "phone": SECRET["phone"],
                                            "details_locked": False}


def test_an_accepted_introduction_opens_only_what_its_owner_may_share(api):
    tina = _tina(api, "exclusive")  # bob shares that he knows Tina, not her use: he is not asked below
    claim = api.created("carol", "/api/relationships", {"person_id": api.cast.person("carol"), "other_id": tina,
                                                        "strength": 1, "visibility": "exclusive"})
    intro = api.created("alice", "/api/intro-requests", {"target_id": tina, "relationship_id": claim["id"]})
    assert api.post("carol", f"/api/intro-requests/{intro['id']}/decision", {"decision": "accept"}).status_code == 200
    assert _details(api, "alice", tina) == HIDDEN


def test_an_accepted_introduction_opens_what_its_granter_entered(api):
    """The introduction's owner gives access to what they entered themself."""
    tina = api.created("bob", "/api/people", {"name": "Tina Target", "email": SECRET["email"]})["id"]
    api.created("bob", "/api/relationships", {"person_id": api.cast.person("bob"), "other_id": tina,
                                              "strength": 5, "visibility": "exclusive"})
    claim = api.created("carol", "/api/relationships", {"person_id": api.cast.person("carol"), "other_id": tina,
                                                        "strength": 3, "visibility": "exclusive"})
    assert api.patch("carol", f"/api/people/{tina}", {"phone": SECRET["phone"]}).status_code == 200
    assert _details(api, "alice", tina) == HIDDEN
    intro = api.created("alice", "/api/intro-requests", {"target_id": tina, "relationship_id": claim["id"]})
    assert api.post("carol", f"/api/intro-requests/{intro['id']}/decision", {"decision": "accept"}).status_code == 200
    assert _details(api, "alice", tina) == {"email": None, "phone": SECRET["phone"], "details_locked": True}
