"""The plan forms on a large account (usability rules): no list over 20 options; the
person, owner, "about" and influence choices become type-to-find fields fed by the plan's suggest
routes, and what is typed is resolved on the server among the same choices (an exact name works
without JavaScript; unknown or ambiguous names are refused at the field). Small sets keep a list."""

from __future__ import annotations

import re

import pytest

import app.people  # noqa: F401 (first, as create_app does: app.csvexport imports app.plans.routes)
from app.plans import pick
from graph.visibility import SYSTEM
from tests.conftest import PASSWORD, csrf_token, login
from tests.web.test_people_pages import field_error

STAFF, MEMBERS, COLLEAGUES = 50, 25, 22  # each beyond pick.MAX_OPTIONS
SELECT = re.compile(r"<select[^>]*>(.*?)</select>", re.S)


def big_account(services, cast) -> dict:
    """Zenith Industries: STAFF people (two of them namesakes, "Jean Martin"), the first MEMBERS
    in mona's plan, and COLLEAGUES more active users in North."""
    org = services.organisations.create(SYSTEM, {"name": "Zenith Industries", "kind": "account"})["id"]
    names = [f"Staff{i:02d} Zenith" for i in range(STAFF - 2)] + ["Jean Martin", "Jean Martin"]
    titles = [f"Title {i:02d}" for i in range(STAFF - 2)] + ["Buyer", "Engineer"]
    staff = [services.people.create(SYSTEM, {"name": n, "title": t, "organisation_id": org})["id"]
             for n, t in zip(names, titles)]
    mona = cast.viewer("mona")
    for pid in staff[:MEMBERS]:
        services.plans.set_member(mona, org, pid, {"role": "user", "stance": "neutral", "influence": 2})
    colleagues = [services.users.create(cast.viewer("ada"), {
        "username": f"colleague{i:02d}", "password": PASSWORD, "role": "rep", "team": "North",
        "name": f"Colleague{i:02d} North"})["id"] for i in range(COLLEAGUES)]
    return {"org": org, "staff": staff, "members": staff[:MEMBERS], "outside": staff[MEMBERS:],
            "jeans": staff[-2:], "colleagues": colleagues}


@pytest.fixture
def big(app, web_cast):
    return big_account(app.extensions["carnet"], web_cast)


def plan_url(big, rest=""):
    return f"/accounts/{big['org']}/plan{rest}"


def longest_list(html: str) -> int:
    return max([len(re.findall(r"<option\b", body)) for body in SELECT.findall(html)] or [0])


def typed_field(html: str, name: str) -> str:
    m = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html)
    assert m, f"no {name} field"
    return m.group(0)


def test_large_account_forms_have_no_long_list_but_type_to_find_fields(client, big):
    login(client, "mona")
    pages = {rest: client.get(plan_url(big, rest)).get_data(as_text=True)
             for rest in ("", "/members/new", "/actions/new")}
    for rest, html in pages.items():
        assert longest_list(html) <= pick.MAX_OPTIONS, rest
        assert "suggest.js" in html, rest
    for rest, name, hidden, feed in (("/members/new", "person_name", "person_id", "staff"),
                                     ("", "to_name", "to_id", "dmu"), ("", "from_name", "from_id", "dmu"),
                                     ("/actions/new", "owner_name", "owner", "colleagues"),
                                     ("/actions/new", "member_name", "member_id", "dmu")):
        html = pages[rest]
        field = typed_field(html, name)
        assert f'data-suggest="/accounts/{big["org"]}/plan/{feed}/suggest"' in field
        assert f'data-id-field="{hidden}"' in field and f'list="{field.split("list=")[1].split(chr(34))[1]}"' in field
        assert re.search(rf'<label for="{name}">', html), f"{name} has no label"
        assert re.search(rf'<input type="hidden" name="{hidden}" id="{hidden}"', html)
        assert not re.search(rf'<select[^>]*name="{hidden}"', html)
    # the action's owner starts as the viewer, shown by name
    assert 'value="Mona"' in typed_field(pages["/actions/new"], "owner_name")


def test_suggest_feeds_give_a_few_matches_of_their_scope_only(app, client, big, web_cast):
    login(client, "mona")

    def items(feed, q, client=client):
        response = client.get(plan_url(big, f"/{feed}/suggest"), query_string={"q": q})
        assert response.status_code == 200 and response.mimetype == "application/json"
        return response.get_json()["items"]

    staff = items("staff", "zenith")  # every label holds the account's name
    assert len(staff) == pick.SUGGESTIONS
    assert {i["id"] for i in staff} <= set(big["outside"])  # not those already in the plan
    assert [i["label"] for i in items("staff", "staff30")] == ["Staff30 Zenith — Title 30, Zenith Industries"]
    assert {i["label"] for i in items("staff", "jean")} == {"Jean Martin — Buyer, Zenith Industries",
                                                              "Jean Martin — Engineer, Zenith Industries"}
    members = items("dmu", "staff0")
    assert [i["id"] for i in members] == big["members"][:10]  # Staff00..Staff09, in name order
    assert items("dmu", "staff30") == [] and items("dmu", "") == []
    colleagues = items("colleagues", "colleague1")
    assert [i["label"] for i in colleagues] == [f"Colleague{i:02d} North" for i in range(10, 20)]
    rep = app.test_client()  # a rep: no staff feed (cannot edit the plan), owns their own actions only
    login(rep, "alice")
    assert rep.get(plan_url(big, "/staff/suggest"), query_string={"q": "zen"}).status_code == 403
    assert items("colleagues", "a", rep) == [{"id": web_cast.id("alice"), "label": "Alice"}]


def test_a_member_is_added_by_typing_their_name_or_picking_a_suggestion(client, app, big, web_cast):
    plans = app.extensions["carnet"].plans
    login(client, "mona")
    token = csrf_token(client, plan_url(big, "/members/new"))
    form = {"csrf_token": token, "role": "champion", "stance": "ally", "influence": "4"}

    def post(**fields):
        return client.post(plan_url(big, "/members/new"), data=dict(form, **fields))

    def in_plan():
        return {m["person_id"] for m in plans.get(SYSTEM, big["org"], paths=False)["members"]}

    bad = post(person_id="", person_name="Nobody Known")
    assert bad.status_code == 400 and "unknown person" in field_error(bad.get_data(as_text=True), "person_name")
    bad = post(person_id="", person_name="jean martin")
    assert bad.status_code == 400
    assert "pick one" in field_error(bad.get_data(as_text=True), "person_name")
    assert len(in_plan()) == MEMBERS
    # without JavaScript: the exact name (any case) of someone at the account
    assert post(person_id="", person_name="staff30 zenith").status_code == 302
    # with suggest.js: the picked label and its id; a namesake told apart by the label
    assert post(person_id=big["jeans"][1], person_name="Jean Martin — Engineer, Zenith Industries").status_code == 302
    assert in_plan() - set(big["members"]) == {big["outside"][5], big["jeans"][1]}
    # an id posted alone is still checked by the service, its error shown at the typed field
    bad = client.post(plan_url(big, "/members/new"), data=dict(form, person_id=web_cast.person("mona")))
    assert bad.status_code == 400 and "never worked" in field_error(bad.get_data(as_text=True), "person_name")


def test_an_action_and_an_influence_line_by_typed_names(client, app, big):
    plans = app.extensions["carnet"].plans
    login(client, "mona")
    token = csrf_token(client, plan_url(big, "/actions/new"))
    base = {"csrf_token": token, "title": "Lunch", "due": "", "status": "open"}
    bad = client.post(plan_url(big, "/actions/new"), data=dict(base, owner="", owner_name="Colleague99 North",
                                                                member_id="", member_name="Staff03 Zenith"))
    assert bad.status_code == 400 and "unknown colleague" in field_error(bad.get_data(as_text=True), "owner_name")
    bad = client.post(plan_url(big, "/actions/new"), data=dict(base, owner="", owner_name="Colleague07 North",
                                                                member_id="", member_name="Staff30 Zenith"))
    assert bad.status_code == 400 and "unknown member" in field_error(bad.get_data(as_text=True), "member_name")
    ok = client.post(plan_url(big, "/actions/new"), data=dict(base, owner="", owner_name="colleague07 north",
                                                               member_id="", member_name="Staff03 Zenith"))
    assert ok.status_code == 302
    actions = plans.get(SYSTEM, big["org"], paths=False)["actions"]
    assert [(a["title"], a["owner"], a["member_id"]) for a in actions] == [
        ("Lunch", big["colleagues"][7], big["members"][3])]
    # emptying "about" links nobody, even with a stale id left in the hidden field
    action_id = actions[0]["id"]
    ok = client.post(plan_url(big, f"/actions/{action_id}"), data=dict(
        base, owner=big["colleagues"][7], owner_name="Colleague07 North", member_id=big["members"][3], member_name=""))
    assert ok.status_code == 302
    assert plans.get(SYSTEM, big["org"], paths=False)["actions"][0].get("member_id") is None

    bad = client.post(plan_url(big, "/influences"), data={"csrf_token": token, "to_id": "", "to_name": "Staff01 Zenith",
                                                         "from_id": "", "from_name": "Staff01 Zenith"})
    assert bad.status_code == 400 and "themself" in field_error(bad.get_data(as_text=True), "to_name")
    ok = client.post(plan_url(big, "/influences"), data={"csrf_token": token, "to_id": "", "to_name": "Staff01 Zenith",
                                                        "from_id": big["members"][2], "from_name": "Staff02 Zenith"})
    assert ok.status_code == 302
    lines = plans.get(SYSTEM, big["org"], paths=False)["influences"]
    assert [(line["to_id"], line["from_id"]) for line in lines] == [(big["members"][1], big["members"][2])]


def test_a_rep_typing_into_the_influence_form_is_refused_before_the_input_is_read(client, big):
    login(client, "alice")
    token = csrf_token(client, plan_url(big))
    answer = client.post(plan_url(big, "/influences"), data={"csrf_token": token, "to_name": "nobody at all"})
    assert answer.status_code == 403


def test_small_sets_keep_a_list_and_labels_are_told_apart():
    """Unit: the list/typed switch at MAX_OPTIONS options (a blank option counts), unique labels,
    matches ordered with those starting with the text first."""
    from wtforms import Form, SelectField, StringField

    class F(Form):
        pick_id = SelectField(choices=[], validate_choice=False)
        pick_name = StringField()

    def items(n):
        return [{"id": f"i{k}", "name": f"N{k}", "label": f"N{k}"} for k in range(n)]

    assert pick.Picker(items(20), F().pick_id, F().pick_name).listed
    assert not pick.Picker(items(20), F().pick_id, F().pick_name, blank="—").listed
    form = F()
    listed = pick.Picker(items(19), form.pick_id, form.pick_name, blank="—")
    assert listed.listed and len(form.pick_id.choices) == 20
    same = [{"id": "a", "name": "Ann", "label": "Ann"}, {"id": "b", "name": "Ann", "label": "Ann"},
            {"id": "c", "name": "Jo Ann", "label": "Jo Ann"}]
    assert [i["label"] for i in pick.unique(same)] == ["Ann", "Ann (2)", "Jo Ann"]
    assert pick.matches(same, " ANN ") == [{"id": "a", "label": "Ann"}, {"id": "b", "label": "Ann (2)"},
                                           {"id": "c", "label": "Jo Ann"}]
    assert pick.matches(same, "jo") == [{"id": "c", "label": "Jo Ann"}]
    assert [c["name"] for c in pick.colleagues([{"id": "1", "name": "Al", "username": "al1"},
                                                {"id": "2", "name": "Al", "username": "al2"},
                                                {"id": "3", "name": "Bo", "username": "bo"}])] == ["Al", "Al", "Bo"]
    assert [c["label"] for c in pick.colleagues([{"id": "1", "name": "Al", "username": "al1"},
                                                 {"id": "2", "name": "Al", "username": "al2"}])] == ["Al — al1",
                                                                                                     "Al — al2"]
