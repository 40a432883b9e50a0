"""Each visibility level × viewer, through pages, JSON and pictures (docs/ARCHITECTURE.md, "Visibility").

Alice (rep, North) enters one contact per level with their details and records her relationship
with each at that level; the admin enters the same contacts' twins, whose details Alice's
relationships never open. Every secret carries a unique marker so a leak shows up anywhere in a
body."""

import pytest

from graph.visibility import SYSTEM
from tests.conftest import api_token, bearer, login
from tests.visibility_table import CAST, LEVELS, READS_DETAIL, SEES

# username -> level -> V visible / L locked / - hidden (written by hand, not computed)
EXPECTED = {CAST[role]: SEES[role] for role in CAST}
# username -> level -> whether they read the details Alice entered (Y/N)
READS = {CAST[role]: {level: READS_DETAIL[role][level] == "Y" for level in LEVELS} for role in CAST}


@pytest.fixture
def world(app, web_cast):
    services = app.extensions["carnet"]
    admin = web_cast.viewer("ada")
    alice = web_cast.viewer("alice")
    contacts, rels, twins = {}, {}, {}
    for level in LEVELS:
        person = services.people.create(alice, {"name": f"Contact {level.title()}",
                                                "email": f"mail-{level}@secret.example",
                                                "phone": f"+33 1 00 00 0{LEVELS.index(level)}"})
        rel = services.relationships.create(alice, {"person_id": alice.person_id, "other_id": person["id"],
                                                    "strength": 4, "context": "family",
                                                    "notes": f"NOTE-{level}-MARK", "visibility": level})
        twin = services.people.create(admin, {"name": f"Twin {level.title()}",
                                              "email": f"twin-{level}@secret.example"})
        services.relationships.create(alice, {"person_id": alice.person_id, "other_id": twin["id"],
                                              "strength": 4, "visibility": level})
        contacts[level], rels[level], twins[level] = person["id"], rel["id"], twin["id"]
    return {"contacts": contacts, "rels": rels, "twins": twins, "cast": web_cast}


CASES = [(who, level) for who in EXPECTED for level in LEVELS]


@pytest.mark.parametrize("who,level", CASES)
def test_api_relationship_and_person(client, world, who, level):
    expected = EXPECTED[who][level]
    headers = bearer(api_token(client, who))
    rel = client.get(f"/api/relationships/{world['rels'][level]}", headers=headers)
    if expected == "-":
        assert rel.status_code == 404
        assert "NOTE-" not in rel.get_data(as_text=True)
    else:
        body = rel.get_json()
        assert rel.status_code == 200
        assert body["locked"] is (expected == "L")
        assert body["strength"] == (None if expected == "L" else 4)
        assert ("NOTE-" in rel.get_data(as_text=True)) is (expected == "V")
    person = client.get(f"/api/people/{world['contacts'][level]}", headers=headers)
    assert person.status_code == 200
    details_visible = READS[who][level]
    assert person.get_json()["details_locked"] is (not details_visible)
    assert (f"mail-{level}@secret.example" in person.get_data(as_text=True)) is details_visible
    twin = client.get(f"/api/people/{world['twins'][level]}", headers=headers)
    assert twin.get_json()["details_locked"] is (who != "ada")  # entered by the admin: Alice shares nothing
    assert (f"twin-{level}@secret.example" in twin.get_data(as_text=True)) is (who == "ada")


@pytest.mark.parametrize("who,level", CASES)
def test_person_page(client, world, who, level):
    expected = EXPECTED[who][level]
    login(client, who)
    page = client.get(f"/people/{world['contacts'][level]}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert (f"mail-{level}@secret.example" in html) is READS[who][level]
    assert (f"NOTE-{level}-MARK" in html) is (expected == "V")
    if expected == "-" and who != "alice":
        assert "Alice" not in html  # others never learn a private relationship exists


@pytest.mark.parametrize("who,level", CASES)
def test_network_picture(client, world, who, level):
    expected = EXPECTED[who][level]
    login(client, who)
    response = client.get(f"/people/{world['contacts'][level]}/network.json")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "NOTE-" not in text
    assert "secret.example" not in text or READS[who][level]
    alice_person = world["cast"].person("alice")
    assert (alice_person in text) is (expected != "-")


def test_owner_of_private_sees_it_in_export_only_as_system(app, world):
    """The CLI's system viewer sees everything (backups must be complete)."""
    services = app.extensions["carnet"]
    rel = services.relationships.get(SYSTEM, world["rels"]["private"])
    assert rel["strength"] == 4 and rel["locked"] is False
