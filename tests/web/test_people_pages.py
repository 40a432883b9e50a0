"""People pages through the test client on the real store: rendering, forms, visibility."""

from __future__ import annotations

import html
import re

import pytest

from graph.visibility import SYSTEM
from tests.conftest import csrf_token, login


def svc(app):
    return app.extensions["carnet"]


def field_error(page: str, field_id: str) -> str | None:
    """The error text shown next to one field (the field macro's `<id>-error` paragraph)."""
    m = re.search(rf'<p class="error" id="{re.escape(field_id)}-error">([^<]*)</p>', page)
    return html.unescape(m.group(1)) if m else None


def form_error(page: str) -> str:
    return " ".join(html.unescape(m) for m in re.findall(r'<p class="error" role="alert">([^<]*)</p>', page))


def total_people(app) -> int:
    return svc(app).people.list(SYSTEM)["total"]


def rels_between(app, a: str, b: str) -> list:
    return svc(app).store.read("relationships/find_between", person_id=a, other_id=b)


@pytest.fixture
def world(app, web_cast):
    s = svc(app)
    acme = s.organisations.create(SYSTEM, {"name": "Acme Industries", "kind": "account"})
    school = s.organisations.create(SYSTEM, {"name": "Ecole Centrale", "kind": "school"})
    boss = s.people.create(SYSTEM, {"name": "Victor Boss", "organisation_id": acme["id"]})
    target = s.people.create(s.users.viewer(web_cast.id("carol")),
                             {"name": "Diane Target", "title": "CFO", "email": "diane@acme.example",
                              "organisation_id": acme["id"], "reports_to": boss["id"]})
    return {"acme": acme, "school": school, "boss": boss, "target": target, "cast": web_cast}


def test_every_people_page_renders_for_a_rep(client, world):
    login(client, "alice")
    pid = world["target"]["id"]
    for path, expected in [("/people", "Diane Target"), ("/people?q=acme", "Diane Target"),
                           ("/people/new", "Add a person"), (f"/people/{pid}", "Diane Target"),
                           (f"/people/{pid}/edit", "Edit Diane Target"),
                           (f"/people/{pid}/positions/new", "Add a position"),
                           (f"/people/{pid}/education/new", "Add education")]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert expected in response.get_data(as_text=True), path


def test_person_page_shows_profile_links_and_picture(client, world):
    login(client, "carol")  # carol created Diane: she sees her details
    pid = world["target"]["id"]
    page = client.get(f"/people/{pid}").get_data(as_text=True)
    assert "CFO" in page and "Acme Industries" in page
    assert "diane@acme.example" in page
    assert "Victor Boss" in page  # reports to
    assert f'href="/people/{pid}/paths"' in page and "Who can introduce me?" in page
    assert f'data-picture-url="/people/{pid}/network.json"' in page
    boss_page = client.get(f"/people/{world['boss']['id']}").get_data(as_text=True)
    assert "Direct reports" in boss_page and "Diane Target" in boss_page


def test_search_finds_by_name_and_organisation(client, world):
    login(client, "alice")
    by_org = client.get("/people?q=industries").get_data(as_text=True)
    assert "Diane Target" in by_org and "Victor Boss" in by_org
    by_name = client.get("/people?q=diane").get_data(as_text=True)
    assert "Diane Target" in by_name and "Victor Boss" not in by_name


def test_anonymous_is_sent_to_login(client, world):
    pid = world["target"]["id"]
    for path in ["/people", "/people/new", f"/people/{pid}", f"/people/{pid}/edit",
                 f"/people/{pid}/positions/new", f"/people/{pid}/education/new", "/people/suggest?q=di"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/login" in response.headers["Location"], path


def test_create_person_resolves_organisation_and_boss_by_name(app, client, world):
    login(client, "alice")
    token = csrf_token(client, "/people/new")
    response = client.post("/people/new", data={
        "csrf_token": token, "name": "Paul Neuf", "title": "Buyer", "email": "paul@acme.example",
        "phone": "+33 1 23 45 67 89", "notes": "met at the fair", "organisation": "acme industries",
        "reports_to": "Diane Target"})
    assert response.status_code == 302
    new_id = response.headers["Location"].rsplit("/", 1)[1]
    person = svc(app).people.get(SYSTEM, new_id)
    assert (person["name"], person["title"], person["email"]) == ("Paul Neuf", "Buyer", "paul@acme.example")
    assert person["organisation_id"] == world["acme"]["id"]
    assert person["reports_to"] == world["target"]["id"]
    assert "Paul Neuf was added." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_create_person_accepts_the_id_a_suggestion_filled_in(app, client, world):
    s = svc(app)
    twin = s.organisations.create(SYSTEM, {"name": "Acme Industries", "kind": "prospect", "country": "BE"})
    login(client, "alice")
    # two organisations share the name: the typed name alone is ambiguous ...
    token = csrf_token(client, "/people/new")
    response = client.post("/people/new", data={"csrf_token": token, "name": "Zoe", "organisation": "Acme Industries"})
    assert response.status_code == 400
    assert "several organisations are called Acme Industries" in field_error(response.get_data(as_text=True), "organisation")
    # ... the picked suggestion's id (kept while the text still names it) decides
    response = client.post("/people/new", data={"csrf_token": token, "name": "Zoe", "organisation": "Acme Industries",
                                                "organisation_id": twin["id"]})
    assert response.status_code == 302
    assert s.people.get(SYSTEM, response.headers["Location"].rsplit("/", 1)[1])["organisation_id"] == twin["id"]
    # and so does the suggestion label typed in full
    labels = client.get("/organisations/suggest?q=acme").get_json()["items"]
    assert {i["id"] for i in labels} == {twin["id"], world["acme"]["id"]}
    twin_label = next(i["label"] for i in labels if i["id"] == twin["id"])
    response = client.post("/people/new", data={"csrf_token": token, "name": "Zed", "organisation": twin_label})
    assert response.status_code == 302
    assert s.people.get(SYSTEM, response.headers["Location"].rsplit("/", 1)[1])["organisation_id"] == twin["id"]


@pytest.mark.parametrize("data, field, message", [
    ({"name": ""}, "name", "name is required"),
    ({"name": "x" * 201}, "name", "name is longer than 200 characters"),
    ({"name": "Ok", "organisation": "No Such Company"}, "organisation", "unknown organisation"),
    ({"name": "Ok", "organisation": "nope", "organisation_id": "0" * 32}, "organisation", "unknown organisation"),
    ({"name": "Ok", "reports_to": "Nobody Here"}, "reports_to", "unknown person"),
    ({"name": "Ok", "email": "not-an-address"}, "email", "email is not a valid address"),
])
def test_create_person_bad_input_is_400_next_to_the_field_and_writes_nothing(app, client, world, data, field, message):
    login(client, "alice")
    before = total_people(app)
    data = dict(data, csrf_token=csrf_token(client, "/people/new"))
    response = client.post("/people/new", data=data)
    assert response.status_code == 400
    assert message in (field_error(response.get_data(as_text=True), field) or "")
    assert total_people(app) == before


def test_post_without_csrf_token_is_refused(app, client, world):
    login(client, "alice")
    before = total_people(app)
    assert client.post("/people/new", data={"name": "Sneaky"}).status_code == 400
    pid = world["target"]["id"]
    response = client.post(f"/people/{pid}/know", data={"strength": "3", "visibility": "exclusive"})
    assert response.status_code == 400
    assert total_people(app) == before
    assert rels_between(app, world["cast"].person("alice"), pid) == []


def test_edit_person(app, client, world):
    login(client, "carol")
    pid = world["target"]["id"]
    token = csrf_token(client, f"/people/{pid}/edit")
    response = client.post(f"/people/{pid}/edit", data={
        "csrf_token": token, "name": "Diane Target-Martin", "title": "CEO", "email": "d@acme.example",
        "phone": "", "notes": "", "reports_to": ""})
    assert response.status_code == 302
    person = svc(app).people.get(SYSTEM, pid)
    assert (person["name"], person["title"], person["email"], person["reports_to"]) == \
        ("Diane Target-Martin", "CEO", "d@acme.example", None)


def test_edit_keeps_the_boss_when_the_prefilled_text_is_sent_back(app, client, world):
    login(client, "carol")
    pid = world["target"]["id"]
    page = client.get(f"/people/{pid}/edit").get_data(as_text=True)
    prefilled = html.unescape(re.search(r'id="reports_to"[^>]*value="([^"]*)"', page).group(1))
    assert prefilled.startswith("Victor Boss")
    token = csrf_token(client, f"/people/{pid}/edit")
    response = client.post(f"/people/{pid}/edit", data={
        "csrf_token": token, "name": "Diane Target", "reports_to": prefilled,
        "reports_to_id": world["boss"]["id"], "email": "diane@acme.example"})
    assert response.status_code == 302
    assert svc(app).people.get(SYSTEM, pid)["reports_to"] == world["boss"]["id"]


def test_edit_person_reporting_to_themself_is_400(app, client, world):
    login(client, "carol")
    pid = world["target"]["id"]
    token = csrf_token(client, f"/people/{pid}/edit")
    response = client.post(f"/people/{pid}/edit", data={"csrf_token": token, "name": "Diane Target",
                                                        "reports_to": "Diane Target"})
    assert response.status_code == 400
    assert "cannot report to themself" in field_error(response.get_data(as_text=True), "reports_to")
    assert svc(app).people.get(SYSTEM, pid)["reports_to"] == world["boss"]["id"]


def test_edit_form_hides_locked_details(app, client, world):
    login(client, "alice")
    pid = world["target"]["id"]
    page = client.get(f"/people/{pid}/edit").get_data(as_text=True)
    assert "diane@acme.example" not in page and 'name="email"' not in page
    token = csrf_token(client, f"/people/{pid}/edit")
    response = client.post(f"/people/{pid}/edit", data={"csrf_token": token, "name": "Diane Target",
                                                        "title": "CFO", "email": "hijack@evil.example"})
    assert response.status_code == 302  # the locked email is not a field of the form: ignored
    assert svc(app).people.get(SYSTEM, pid)["email"] == "diane@acme.example"


def test_edit_form_offers_the_empty_details_and_credits_their_writer(app, client, world):
    login(client, "alice")  # carol entered Diane's e-mail; her phone and notes are empty
    pid = world["target"]["id"]
    page = client.get(f"/people/{pid}/edit").get_data(as_text=True)
    assert 'name="email"' not in page and 'name="phone"' in page and 'name="notes"' in page
    token = csrf_token(client, f"/people/{pid}/edit")
    response = client.post(f"/people/{pid}/edit", data={"csrf_token": token, "name": "Diane Target",
                                                        "title": "CFO", "phone": "+33 1 40 00 00 01"})
    assert response.status_code == 302
    shown = svc(app).people.get(world["cast"].viewer("alice"), pid)
    assert (shown["email"], shown["phone"], shown["locked_details"]) == (None, "+33 1 40 00 00 01", ["email"])
    assert svc(app).people.get(SYSTEM, pid)["phone_by"] == world["cast"].id("alice")
    carol = svc(app).people.get(world["cast"].viewer("carol"), pid)  # alice shares nothing with carol
    assert (carol["email"], carol["phone"]) == ("diane@acme.example", None)


def test_add_position_and_education(app, client, world):
    login(client, "alice")
    pid = world["target"]["id"]
    token = csrf_token(client, f"/people/{pid}/positions/new")
    response = client.post(f"/people/{pid}/positions/new", data={
        "csrf_token": token, "organisation": "Ecole Centrale", "title": "Lecturer", "department": "Finance",
        "start": "2010-09-01", "end": "2012-06-30"})
    assert response.status_code == 302
    positions = svc(app).people.profile(SYSTEM, pid)["positions"]
    assert [(p["organisation"], p["title"], p["department"], p["start"], p["end"]) for p in positions
            if p["organisation_id"] == world["school"]["id"]] == \
        [("Ecole Centrale", "Lecturer", "Finance", "2010-09-01", "2012-06-30")]
    token = csrf_token(client, f"/people/{pid}/education/new")
    response = client.post(f"/people/{pid}/education/new", data={
        "csrf_token": token, "school": "ecole centrale", "start": "2000-09-01", "end": "2003-06-30"})
    assert response.status_code == 302
    education = svc(app).people.profile(SYSTEM, pid)["education"]
    assert [(e["school_id"], e["start"], e["end"]) for e in education] == \
        [(world["school"]["id"], "2000-09-01", "2003-06-30")]
    page = client.get(f"/people/{pid}").get_data(as_text=True)
    assert "Lecturer" in page and "2000-09-01" in page


@pytest.mark.parametrize("path, data, field, message", [
    ("positions", {"organisation": ""}, "organisation", "organisation is required"),
    ("positions", {"organisation": "Nowhere Ltd"}, "organisation", "unknown organisation"),
    ("positions", {"organisation": "Acme Industries", "start": "2012-01-01", "end": "2011-01-01"}, "end",
     "end is before start"),
    ("positions", {"organisation": "Acme Industries", "start": "31/12/2001"}, "start", "Not a valid date"),
    ("education", {"school": "Acme Industries"}, "school", "not a school"),
    ("education", {"school": "No School"}, "school", "unknown organisation"),
])
def test_position_and_education_bad_input(app, client, world, path, data, field, message):
    login(client, "alice")
    pid = world["target"]["id"]
    url = f"/people/{pid}/{path}/new"
    before = (svc(app).people.profile(SYSTEM, pid)["positions"], svc(app).people.profile(SYSTEM, pid)["education"])
    response = client.post(url, data=dict(data, csrf_token=csrf_token(client, url)))
    assert response.status_code == 400
    assert message in (field_error(response.get_data(as_text=True), field) or "")
    after = (svc(app).people.profile(SYSTEM, pid)["positions"], svc(app).people.profile(SYSTEM, pid)["education"])
    assert after == before


# -- "I know this person" -------------------------------------------------------------------------

def test_i_know_this_person_records_a_relationship_from_the_viewer(app, client, world):
    login(client, "alice")
    pid = world["target"]["id"]
    page = client.get(f"/people/{pid}").get_data(as_text=True)
    assert "I know this person" in page and 'class="stars"' in page
    # left on its first choice, the sharing rules decide (the default rule: exclusive)
    assert re.search(r'<option selected value="">As the sharing rule decides', page)
    assert "Sharing rule “Default: exclusive”: exclusive" in html.unescape(page)
    response = client.post(f"/people/{pid}/know", data={"csrf_token": csrf_token(client, f"/people/{pid}"),
                                                         "strength": "4", "context": "client", "visibility": "team"})
    assert response.status_code == 302
    rows = rels_between(app, world["cast"].person("alice"), pid)
    assert len(rows) == 1
    rel = svc(app).relationships.get(SYSTEM, rows[0]["id"])
    assert (rel["person_id"], rel["other_id"], rel["strength"], rel["context"], rel["visibility"], rel["owner"]) == \
        (world["cast"].person("alice"), pid, 4, "client", "team", world["cast"].id("alice"))
    page = client.get(f"/people/{pid}").get_data(as_text=True)
    assert "You know Diane Target" in page and "I know this person" not in page


def test_know_form_is_hidden_on_your_own_page(client, world):
    login(client, "alice")
    page = client.get(f"/people/{world['cast'].person('alice')}").get_data(as_text=True)
    assert "This is you" in page and "I know this person" not in page


@pytest.mark.parametrize("data, field, message", [
    ({"strength": "0"}, "strength", "Not a valid choice"),
    ({"strength": "6"}, "strength", "Not a valid choice"),
    ({}, "strength", "strength is required"),
    ({"strength": "3", "context": "golf"}, "context", "Not a valid choice"),
    ({"strength": "3", "visibility": "world"}, "visibility", "Not a valid choice"),
])
def test_know_form_bad_input(app, client, world, data, field, message):
    login(client, "alice")
    pid = world["target"]["id"]
    data = dict({"visibility": "exclusive"}, **data, csrf_token=csrf_token(client, f"/people/{pid}"))
    response = client.post(f"/people/{pid}/know", data=data)
    assert response.status_code == 400
    assert message in (field_error(response.get_data(as_text=True), field) or "")
    assert rels_between(app, world["cast"].person("alice"), pid) == []


def test_know_form_refuses_oneself_and_duplicates(app, client, world):
    login(client, "alice")
    me = world["cast"].person("alice")
    token = csrf_token(client, f"/people/{me}")
    response = client.post(f"/people/{me}/know", data={"csrf_token": token, "strength": "5", "visibility": "exclusive"})
    assert response.status_code == 400
    assert "cannot know themself" in form_error(response.get_data(as_text=True))
    assert svc(app).store.read("relationships/list_touching", id=me) == []
    # a colleague's relationship with the pair (bob's, private) neither blocks nor shows; her own does
    pid = world["target"]["id"]
    svc(app).relationships.create(world["cast"].viewer("bob"), {"person_id": pid, "other_id": me, "strength": 2,
                                                               "visibility": "private"})
    response = client.post(f"/people/{pid}/know", data={"csrf_token": token, "strength": "4", "visibility": "team"})
    assert response.status_code in (200, 302), form_error(response.get_data(as_text=True))
    response = client.post(f"/people/{pid}/know", data={"csrf_token": token, "strength": "3", "visibility": "team"})
    assert response.status_code == 400  # from a stale page: the person page now offers to edit hers
    assert sorted(r["owner"] for r in rels_between(app, me, pid)) == sorted([world["cast"].id("alice"),
                                                                             world["cast"].id("bob")])


# -- visibility on the person page -------------------------------------------------------------

def test_rep_sees_no_private_and_only_locked_exclusive_relationships(app, client, world):
    s, cast = svc(app), world["cast"]
    pid = world["target"]["id"]
    s.relationships.create(cast.viewer("bob"), {"person_id": cast.person("bob"), "other_id": pid, "strength": 5,
                                                "visibility": "private"})
    s.relationships.create(cast.viewer("carol"), {"person_id": cast.person("carol"), "other_id": pid, "strength": 4,
                                                  "context": "client", "notes": "CAROL-SECRET-NOTE",
                                                  "visibility": "exclusive"})
    login(client, "alice")
    page = client.get(f"/people/{pid}").get_data(as_text=True)
    assert "Bob" not in page  # private: alice never learns it exists
    row = re.search(r'<tr class="locked">(.*?)</tr>', page, re.S).group(1)
    assert "Carol" in row and "known by Carol" in row and "locked" in row
    assert 'class="strength"' not in page and "4/5" not in page and "good contact" not in row
    assert "client" not in row  # the context is a secret of a locked relationship too
    assert "CAROL-SECRET-NOTE" not in page
    # contact details: locked, and never in the HTML
    assert "diane@acme.example" not in page
    assert "Some details are locked" in page
    # carol herself sees her strength and the details
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    login(client, "carol")
    page = client.get(f"/people/{pid}").get_data(as_text=True)
    assert "4/5" in page and "diane@acme.example" in page and "Bob" not in page
    assert "CAROL-SECRET-NOTE" in page


def test_team_relationship_is_visible_to_the_team_and_details_open_only_by_their_contributor(app, client, world):
    s, cast = svc(app), world["cast"]
    pid = world["target"]["id"]
    s.relationships.create(cast.viewer("bob"), {"person_id": cast.person("bob"), "other_id": pid, "strength": 3,
                                                "visibility": "team"})
    login(client, "alice")
    page = client.get(f"/people/{pid}").get_data(as_text=True)
    assert "3/5" in page and "Bob" in page and "diane@acme.example" not in page  # carol entered the e-mail
    s.relationships.create(cast.viewer("carol"), {"person_id": cast.person("carol"), "other_id": pid, "strength": 2,
                                                  "visibility": "company"})
    page = client.get(f"/people/{pid}").get_data(as_text=True)
    assert "diane@acme.example" in page


# -- edit and delete a relationship -------------------------------------------------------------

@pytest.fixture
def alices_rel(app, world):
    cast = world["cast"]
    return svc(app).relationships.create(cast.viewer("alice"), {
        "person_id": cast.person("alice"), "other_id": world["target"]["id"], "strength": 3, "visibility": "team"})


def test_owner_edits_and_deletes_a_relationship(app, client, world, alices_rel):
    login(client, "alice")
    pid, rid = world["target"]["id"], alices_rel["id"]
    url = f"/people/{pid}/relationships/{rid}/edit"
    page = client.get(f"/people/{pid}").get_data(as_text=True)
    assert url in page
    assert client.get(url).status_code == 200
    token = csrf_token(client, url)
    response = client.post(url, data={"csrf_token": token, "strength": "5", "context": "friend",
                                      "visibility": "company", "since": "2019-05-01", "notes": "golf buddy"})
    assert response.status_code == 302
    rel = svc(app).relationships.get(SYSTEM, rid)
    assert (rel["strength"], rel["context"], rel["visibility"], rel["since"], rel["notes"]) == \
        (5, "friend", "company", "2019-05-01", "golf buddy")
    assert "golf buddy" in client.get(f"/people/{pid}").get_data(as_text=True)
    response = client.post(url, data={"csrf_token": token, "strength": "9", "visibility": "team"})
    assert response.status_code == 400
    assert "Not a valid choice" in field_error(response.get_data(as_text=True), "strength")
    assert svc(app).relationships.get(SYSTEM, rid)["strength"] == 5
    response = client.post(f"/people/{pid}/relationships/{rid}/delete", data={"csrf_token": token})
    assert response.status_code == 302
    assert rels_between(app, world["cast"].person("alice"), pid) == []


def test_only_owner_manager_or_admin_may_change_a_relationship(app, client, world, alices_rel):
    pid, rid = world["target"]["id"], alices_rel["id"]
    url = f"/people/{pid}/relationships/{rid}/edit"
    login(client, "bob")  # same team: sees it, may not change it
    assert client.get(url).status_code == 403
    token = csrf_token(client)
    assert client.post(f"/people/{pid}/relationships/{rid}/delete", data={"csrf_token": token}).status_code == 403
    assert "/relationships/" not in client.get(f"/people/{pid}").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": token})
    login(client, "carol")  # another team: the team-level relationship is locked to her
    assert client.get(url).status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    login(client, "mona")  # alice's manager
    token = csrf_token(client, url)
    response = client.post(url, data={"csrf_token": token, "strength": "2", "visibility": "team"})
    assert response.status_code == 302
    assert svc(app).relationships.get(SYSTEM, rid)["strength"] == 2


def test_suggestions_are_few_and_labelled(app, client, world):
    s = svc(app)
    for i in range(12):
        s.people.create(SYSTEM, {"name": f"Dana {i:02d}", "organisation_id": world["acme"]["id"]})
    login(client, "alice")
    items = client.get("/people/suggest?q=dana").get_json()["items"]
    assert 0 < len(items) <= 8
    assert all(i["label"] == f"{i['name']} — Acme Industries" for i in items)
