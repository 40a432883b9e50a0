"""Organisation pages through the test client on the real store."""

from __future__ import annotations

import re

import pytest

from graph.visibility import SYSTEM
from tests.conftest import csrf_token, login
from tests.web.test_people_pages import field_error, svc


def all_orgs(app) -> list:
    return svc(app).organisations.list(SYSTEM)["items"]


@pytest.fixture
def world(app, web_cast):
    s = svc(app)
    group = s.organisations.create(SYSTEM, {"name": "Globex Group", "kind": "account", "country": "FR"})
    sub = s.organisations.create(SYSTEM, {"name": "Globex Energy", "kind": "account", "sector": "Energy",
                                          "parent_id": group["id"]})
    school = s.organisations.create(SYSTEM, {"name": "HEC Paris", "kind": "school"})
    ceo = s.people.create(SYSTEM, {"name": "Claire Chef", "title": "CEO", "organisation_id": sub["id"]})
    cfo = s.people.create(SYSTEM, {"name": "Felix Finance", "title": "CFO", "organisation_id": sub["id"],
                                   "reports_to": ceo["id"]})
    buyer = s.people.create(SYSTEM, {"name": "Bea Buyer", "organisation_id": sub["id"], "reports_to": cfo["id"]})
    outsider = s.people.create(SYSTEM, {"name": "Oscar Outside", "organisation_id": group["id"]})
    return {"group": group, "sub": sub, "school": school, "ceo": ceo, "cfo": cfo, "buyer": buyer,
            "outsider": outsider}


def test_every_organisation_page_renders_for_a_rep(client, world):
    login(client, "alice")
    oid = world["sub"]["id"]
    for path, expected in [("/organisations", "Globex Energy"), ("/organisations?q=glob&kind=account", "Globex Group"),
                           ("/organisations/new", "Add an organisation"), (f"/organisations/{oid}", "Globex Energy"),
                           (f"/organisations/{oid}/edit", "Edit Globex Energy")]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert expected in response.get_data(as_text=True), path


def test_anonymous_is_sent_to_login(client, world):
    oid = world["sub"]["id"]
    for path in ["/organisations", "/organisations/new", f"/organisations/{oid}", f"/organisations/{oid}/edit",
                 "/organisations/suggest?q=gl"]:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_list_filters_by_kind_and_name(client, world):
    login(client, "alice")
    schools = client.get("/organisations?kind=school").get_data(as_text=True)
    assert "HEC Paris" in schools and "Globex" not in schools
    named = client.get("/organisations?q=energy").get_data(as_text=True)
    rows = re.findall(r'<tr>\s*<td><a href="/organisations/[^"]+">([^<]+)</a>', named)
    assert rows == ["Globex Energy"]
    assert client.get("/organisations?kind=planet").status_code == 400


def test_unknown_organisation_is_404(client, world):
    login(client, "alice")
    assert client.get("/organisations/nope").status_code == 404
    assert client.get("/organisations/nope/edit").status_code == 404


def test_organisation_page_shows_parent_children_staff_and_chart(client, world):
    login(client, "alice")
    group_page = client.get(f"/organisations/{world['group']['id']}").get_data(as_text=True)
    assert "Sub-organisations" in group_page and "Globex Energy" in group_page
    page = client.get(f"/organisations/{world['sub']['id']}").get_data(as_text=True)
    assert "part of" in page and "Globex Group" in page
    assert "Oscar Outside" not in page  # works at the parent, not here
    chart = re.search(r'<nav class="orgchart"[^>]*>(.*?)</nav>', page, re.S).group(1)
    # nested list: CEO > CFO > buyer, each one <ul> deeper than their boss
    names = [(m.group(1), chart[:m.start()].count("<ul>") - chart[:m.start()].count("</ul>"))
             for m in re.finditer(r'>(Claire Chef|Felix Finance|Bea Buyer)</a>', chart)]
    assert names == [("Claire Chef", 1), ("Felix Finance", 2), ("Bea Buyer", 3)]
    assert f'data-picture-url="/organisations/{world["sub"]["id"]}/chart.json"' in page


def test_create_organisation_with_parent_by_name(app, client, world):
    login(client, "alice")
    token = csrf_token(client, "/organisations/new")
    response = client.post("/organisations/new", data={
        "csrf_token": token, "name": "Globex Retail", "kind": "prospect", "sector": "Retail", "country": "DE",
        "parent": "globex group"})
    assert response.status_code == 302
    new_id = response.headers["Location"].rsplit("/", 1)[1]
    org = svc(app).organisations.get(SYSTEM, new_id)
    assert (org["name"], org["kind"], org["sector"], org["country"], org["parent_id"]) == \
        ("Globex Retail", "prospect", "Retail", "DE", world["group"]["id"])
    assert "Globex Retail was saved." in client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("data, field, message", [
    ({"name": "", "kind": "account"}, "name", "name is required"),
    ({"name": "n" * 201, "kind": "account"}, "name", "name is longer than 200 characters"),
    ({"name": "Ok", "kind": "planet"}, "kind", "Not a valid choice"),
    ({"name": "Ok", "kind": "account", "parent": "Nobody Group"}, "parent", "unknown organisation"),
    ({"name": "Ok", "kind": "account", "parent": "x", "parent_id": "f" * 32}, "parent", "unknown organisation"),
    ({"name": "Ok", "kind": "account", "country": "c" * 101}, "country", "longer than 100"),
])
def test_create_organisation_bad_input(app, client, world, data, field, message):
    login(client, "alice")
    before = all_orgs(app)
    response = client.post("/organisations/new", data=dict(data, csrf_token=csrf_token(client, "/organisations/new")))
    assert response.status_code == 400
    assert message in (field_error(response.get_data(as_text=True), field) or "")
    assert all_orgs(app) == before


def test_post_without_csrf_is_refused(app, client, world):
    login(client, "alice")
    before = all_orgs(app)
    assert client.post("/organisations/new", data={"name": "Sneaky", "kind": "account"}).status_code == 400
    oid = world["sub"]["id"]
    assert client.post(f"/organisations/{oid}/edit", data={"name": "Renamed", "kind": "account"}).status_code == 400
    assert all_orgs(app) == before


def test_edit_organisation(app, client, world):
    login(client, "alice")
    oid = world["sub"]["id"]
    page = client.get(f"/organisations/{oid}/edit").get_data(as_text=True)
    assert re.search(r'id="parent"[^>]*value="Globex Group', page)
    token = csrf_token(client, f"/organisations/{oid}/edit")
    response = client.post(f"/organisations/{oid}/edit", data={
        "csrf_token": token, "name": "Globex Power", "kind": "partner", "sector": "Energy", "parent": ""})
    assert response.status_code == 302
    org = svc(app).organisations.get(SYSTEM, oid)
    assert (org["name"], org["kind"], org["parent_id"]) == ("Globex Power", "partner", None)


def test_organisation_cannot_be_part_of_itself(app, client, world):
    login(client, "alice")
    gid = world["group"]["id"]
    token = csrf_token(client, f"/organisations/{gid}/edit")
    response = client.post(f"/organisations/{gid}/edit", data={
        "csrf_token": token, "name": "Globex Group", "kind": "account", "parent": "Globex Energy"})
    assert response.status_code == 400
    assert "cannot be part of itself" in field_error(response.get_data(as_text=True), "parent")
    assert svc(app).organisations.get(SYSTEM, gid)["parent_id"] is None


def test_suggest_filters_by_kind(client, world):
    login(client, "alice")
    items = client.get("/organisations/suggest?q=e&kind=school").get_json()["items"]
    assert [i["name"] for i in items] == ["HEC Paris"]
    assert client.get("/organisations/suggest?q=").get_json()["items"] == []
