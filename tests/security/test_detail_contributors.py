"""Contact details carry their contributor: nothing a user does on their own (recording,
editing or deleting their own relationships, importing a file) widens the details they see or
lets them overwrite a detail they cannot see."""

from __future__ import annotations

import pytest

from graph.errors import NotFound

DETAILS = {"email": "tina@zeta.example", "phone": "+33 1 23 45 67 89", "notes": "prefers mornings"}


@pytest.fixture
def tina(services, cast):
    """Carol (South) enters Tina and her details, and knows her privately."""
    carol = cast.viewer("carol")
    zeta = services.organisations.create(carol, {"name": "Zeta Corp", "kind": "account"})
    person = services.people.create(carol, {"name": "Tina Target", "organisation_id": zeta["id"], **DETAILS})
    services.relationships.create(carol, {"person_id": carol.person_id, "other_id": person["id"], "strength": 4,
                                          "visibility": "private"})
    return person


def details_of(services, viewer, person_id) -> dict:
    shown = services.people.get(viewer, person_id)
    return {f: shown[f] for f in (*DETAILS, "details_locked")}


LOCKED = {"email": None, "phone": None, "notes": None, "details_locked": True}


@pytest.mark.parametrize("level", ["private", "exclusive", "team", "company"])
def test_claiming_to_know_a_contact_does_not_open_their_details(services, cast, tina, level):
    alice = cast.viewer("alice")
    assert details_of(services, alice, tina["id"]) == LOCKED
    rel = services.relationships.create(alice, {"person_id": alice.person_id, "other_id": tina["id"],
                                                "strength": 1, "visibility": level})
    assert details_of(services, alice, tina["id"]) == LOCKED
    services.relationships.update(alice, rel["id"], {"strength": 5, "visibility": "company"})
    assert details_of(services, alice, tina["id"]) == LOCKED
    services.relationships.delete(alice, rel["id"])
    assert details_of(services, alice, tina["id"]) == LOCKED


def test_recording_a_relationship_between_two_other_people_does_not_open_details(services, cast, tina):
    alice = cast.viewer("alice")
    other = services.people.create(alice, {"name": "Omar Other"})
    rel = services.relationships.create(alice, {"person_id": other["id"], "other_id": tina["id"], "strength": 3,
                                                "visibility": "team"})
    assert details_of(services, alice, tina["id"]) == LOCKED
    services.relationships.delete(alice, rel["id"])
    assert details_of(services, alice, tina["id"]) == LOCKED


def test_a_holder_of_a_relationship_cannot_overwrite_a_detail_they_cannot_see(services, cast, tina):
    alice = cast.viewer("alice")
    services.relationships.create(alice, {"person_id": alice.person_id, "other_id": tina["id"], "strength": 1,
                                          "visibility": "team"})
    for field, value in (("email", "alice@evil.example"), ("phone", "+33 9 99 99 99 99"), ("notes", "mine now")):
        with pytest.raises(NotFound):
            services.people.update(alice, tina["id"], {field: value})
    assert details_of(services, cast.viewer("ada"), tina["id"]) == {**DETAILS, "details_locked": False}


def test_a_refused_detail_write_writes_nothing(services, cast, tina):
    alice = cast.viewer("alice")
    with pytest.raises(NotFound):
        services.people.update(alice, tina["id"], {"title": "CEO", "email": "alice@evil.example"})
    assert services.people.get(cast.viewer("ada"), tina["id"])["title"] is None


def test_a_user_may_fill_an_empty_detail_and_then_sees_only_what_they_contributed(services, cast, tina):
    alice = cast.viewer("alice")
    services.people.update(cast.viewer("carol"), tina["id"], {"phone": None})
    services.people.update(alice, tina["id"], {"phone": "+33 6 00 00 00 01"})
    assert details_of(services, alice, tina["id"]) == {"email": None, "phone": "+33 6 00 00 00 01", "notes": None,
                                                       "details_locked": True}
    carol = details_of(services, cast.viewer("carol"), tina["id"])
    assert carol["phone"] is None and carol["email"] == DETAILS["email"] and carol["details_locked"] is True


def test_the_import_preview_does_not_tell_who_owns_an_email(services, cast, tina):
    alice = cast.viewer("alice")
    data = b"name,email\nSomebody Else,tina@zeta.example\n"
    plan = services.imports.plan(alice, data)
    [entry] = plan.entries
    assert entry.action == "create"
    assert not any("Tina" in str(note) for note in entry.notes)
    assert entry.target is None


def test_an_import_commit_does_not_merge_by_a_hidden_email(services, cast, tina):
    alice = cast.viewer("alice")
    plan = services.imports.plan(alice, b"name,email,phone\nSomebody Else,TINA@zeta.example,+33 7 77 77 77 77\n")
    services.imports.commit(alice, plan)
    ada = cast.viewer("ada")
    assert details_of(services, ada, tina["id"]) == {**DETAILS, "details_locked": False}
    assert services.people.get(ada, tina["id"])["name"] == "Tina Target"
    assert services.people.list(ada, q="Somebody Else")["total"] == 1  # a new person, not a merge


def test_an_import_matches_by_an_email_the_importer_may_see(services, cast, tina):
    carol = cast.viewer("carol")
    plan = services.imports.plan(carol, b"name,email\nT. Target,tina@zeta.example\n")
    [entry] = plan.entries
    assert entry.action in ("merge", "unchanged") and entry.target["id"] == tina["id"]


def test_writing_a_hidden_detail_is_refused_alike_whether_or_not_the_guess_is_right(services, cast, tina):
    alice = cast.viewer("alice")
    for guess in (DETAILS["email"], "wrong@zeta.example"):
        with pytest.raises(NotFound) as refused:
            services.people.update(alice, tina["id"], {"email": guess})
        assert str(refused.value.message) == "unknown person"


def test_rewriting_a_detail_with_its_own_value_keeps_its_contributor(services, cast, tina):
    carol, mona = cast.viewer("carol"), cast.viewer("mona")
    services.relationships.update(carol, services.relationships.owned(carol)[0]["id"], {"visibility": "company"})
    services.people.update(mona, tina["id"], {"email": DETAILS["email"], "title": "CFO"})  # a form sends all back
    assert services.people.get(cast.viewer("ada"), tina["id"])["email_by"] == cast.id("carol")
