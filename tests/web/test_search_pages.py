"""Search and export pages through the test client: the search box on every page, grouped
results with their next step, and CSV exports (visibility-aware, formulas neutralised)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from graph.visibility import SYSTEM
from tests.conftest import login
from tests.integration.test_search_service import wait_for_indexes


def svc(app):
    return app.extensions["carnet"]


def signed_in(app, username: str):
    client = app.test_client()
    login(client, username)
    return client


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.fixture
def world(app, web_cast):
    s = svc(app)
    wait_for_indexes(s)
    ada, alice = web_cast.viewer("ada"), web_cast.viewer("alice")
    acme = s.organisations.create(ada, {"name": "Acmé Énergie", "kind": "account", "sector": "Oil", "country": "FR"})
    other = s.organisations.create(ada, {"name": "Globex", "kind": "partner"})
    helene = s.people.create(alice, {"name": "Hélène Dupont", "title": "CFO", "organisation_id": acme["id"],
                                     "email": "helene@acme.example", "phone": "+33 1 23 45 67 89"})
    formula = s.people.create(ada, {"name": "=HYPERLINK(\"http://evil\")", "title": "@SUM(A1)",
                                    "organisation_id": acme["id"], "email": "formula@acme.example"})
    outsider = s.people.create(ada, {"name": "Hélène Outsider", "organisation_id": other["id"]})
    s.relationships.create(alice, {"person_id": alice.person_id, "other_id": helene["id"], "strength": 4,
                                   "notes": "-2+3 golf partner", "visibility": "team"})
    s.relationships.create(alice, {"person_id": alice.person_id, "other_id": outsider["id"], "strength": 2,
                                   "notes": "golf secret", "visibility": "exclusive"})
    return {"acme": acme, "helene": helene, "formula": formula, "outsider": outsider}


def test_the_search_box_is_on_every_page(client, world):
    login(client, "bob")
    for path in ("/", "/people", "/organisations", f"/people/{world['helene']['id']}",
                 f"/organisations/{world['acme']['id']}", "/search?q=x"):
        page = client.get(path).get_data(as_text=True)
        assert re.search(r'<form class="search" role="search" action="/search" method="get">', page), path
        assert 'id="nav-q" name="q"' in page, path


def test_results_are_grouped_with_the_next_step(client, world):
    login(client, "bob")
    page = client.get("/search?q=acme").get_data(as_text=True)
    assert 'id="people"' in page and 'id="organisations"' in page and 'id="notes"' not in page
    assert f'href="/people/{world["helene"]["id"]}/paths">Who can introduce me?' in page
    assert f'href="/accounts/{world["acme"]["id"]}/plan">Account plan' in page
    assert 'href="/search.csv?q=acme">Download CSV' in page
    assert 'value="acme"' in page  # the query stays in the box


def test_notes_show_only_to_who_may_read_them(client, world):
    login(client, "bob")  # alice's team: her team note yes, her exclusive one no
    page = client.get("/search?q=golf").get_data(as_text=True)
    assert "golf partner" in page and "golf secret" not in page
    assert f'href="/people/{world["helene"]["id"]}">Hélène Dupont</a>' in page
    carol = signed_in(client.application, "carol")  # another team: neither
    page = carol.get("/search?q=golf").get_data(as_text=True)
    assert "golf" in page and "golf partner" not in page and "golf secret" not in page
    assert "Nothing matches" in page


def test_empty_and_unmatched_searches_say_what_to_do(client, world):
    login(client, "bob")
    assert "the start of a word is enough" in client.get("/search").get_data(as_text=True)
    page = client.get("/search?q=zzzz&kind=person").get_data(as_text=True)
    assert "Nothing matches" in page and 'href="/people/new"' in page and "Search everything" in page
    assert client.get("/search?q=a&kind=team").status_code == 400


def test_people_csv_follows_the_list_filter_and_locks_details(client, world):
    login(client, "carol")  # no visible relationship to anyone here: every detail locked
    got = rows(client.get("/people.csv?q=acm"))
    assert [r["name"] for r in got] == sorted([r["name"] for r in got], key=str.lower)
    by_id = {r["id"]: r for r in got}
    assert set(by_id) == {world["helene"]["id"], world["formula"]["id"]}  # the /people filter: name or org
    assert by_id[world["helene"]["id"]]["email"] == "" and by_id[world["helene"]["id"]]["details_locked"] == "yes"
    assert list(got[0]) == ["id", "name", "title", "organisation", "email", "phone", "details_locked"]
    bob = signed_in(client.application, "bob")  # alice entered Hélène's details and shares her with her team
    by_id = {r["id"]: r for r in rows(bob.get("/people.csv?q=acm"))}
    assert by_id[world["helene"]["id"]]["email"] == "helene@acme.example"
    assert by_id[world["helene"]["id"]]["phone"] == "'+33 1 23 45 67 89"  # neutralised like every cell
    assert by_id[world["formula"]["id"]]["email"] == ""
    assert len(rows(bob.get("/people.csv"))) == svc(client.application).people.list(SYSTEM)["total"]


def test_formula_cells_are_neutralised(client, world):
    login(client, "ada")
    for path, title in (("/people.csv?q=acm", "title"), (f"/organisations/{world['acme']['id']}/people.csv", "title"),
                        ("/search.csv?q=acme", "detail")):
        by_name = {r["name"]: r for r in rows(client.get(path))}
        assert by_name["'=HYPERLINK(\"http://evil\")"][title] == "'@SUM(A1)", path
        assert not any(v[:1] in "=+-@" for r in by_name.values() for v in r.values() if v), path
    notes = [r for r in rows(client.get("/search.csv?q=golf+partner")) if r["kind"] == "note"]
    assert notes[0]["notes"] == "'-2+3 golf partner"


def test_organisation_people_csv_lists_current_staff(client, world, app, web_cast):
    s = svc(app)
    leaver = s.people.create(web_cast.viewer("ada"), {"name": "Former Staff"})
    s.people.add_position(web_cast.viewer("ada"), leaver["id"], {"organisation_id": world["acme"]["id"],
                                                                "start": "2001-01-01", "end": "2002-01-01"})
    login(client, "carol")
    response = client.get(f"/organisations/{world['acme']['id']}/people.csv")
    assert f'organisation-{world["acme"]["id"]}-people.csv' in response.headers["Content-Disposition"]
    got = rows(response)
    assert {r["id"] for r in got} == {world["helene"]["id"], world["formula"]["id"]}
    assert {r["organisation"] for r in got} == {"Acmé Énergie"} and {r["email"] for r in got} == {""}
    assert client.get("/organisations/no-such-org/people.csv").status_code == 404
    page = client.get(f"/organisations/{world['acme']['id']}").get_data(as_text=True)
    assert f'href="/organisations/{world["acme"]["id"]}/people.csv"' in page


def test_search_csv_holds_every_kind_for_this_viewer(client, world):
    login(client, "bob")
    got = rows(client.get("/search.csv?q=golf"))
    assert [(r["kind"], r["notes"]) for r in got] == [("note", "'-2+3 golf partner")]
    got = rows(client.get("/search.csv?q=acme"))
    assert [r["kind"] for r in got] == ["person", "person", "organisation"]
    org = got[-1]
    assert org["id"] == world["acme"]["id"] and org["detail"] == "account · Oil · FR"
    helene = next(r for r in got if r["id"] == world["helene"]["id"])
    assert helene["email"] == "helene@acme.example" and helene["details_locked"] == ""
    assert rows(client.get("/search.csv")) == []
