"""Account plan pages through the test client: the one-screen plan, print view, exports, the
power map, and the forms (errors next to the field, nothing written)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from graph import backup
from tests.conftest import csrf_token, login
from tests.integration.test_plans_service import build_world
from tests.web.test_people_pages import field_error


@pytest.fixture
def world(app, web_cast):
    return build_world(app.extensions["carnet"], web_cast)


def url(world, rest=""):
    return f"/accounts/{world['group']['id']}/plan{rest}"


def test_the_plan_screen_shows_summary_dmu_gaps_and_warnings(client, world):
    login(client, "alice")
    response = client.get(url(world))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for text in ("Account plan — ", "Globex Group", "Coverage score", ">42<", "Decision-making unit (5)",
                 "Felix Finance", "Best warm path", "Hana Heir", "Single-threaded: <strong>Chad Champ</strong>",
                 "Opponent on a decision maker: <strong>Claire Chef</strong> listens to Olga Opp",
                 "Left the account: <strong>Leo Left</strong>", "Probable successor", "Claire Chef listens to Olga Opp",
                 "Power map"):
        assert text in page, text
    assert "Add a member" not in page and "Edit period" not in page  # a rep reads
    assert "Add an action" in page


def test_a_manager_sees_the_edit_links_and_organisation_page_links_the_plan(client, world):
    login(client, "mona")
    page = client.get(url(world)).get_data(as_text=True)
    assert "Add a member" in page and "Edit period, objectives, status" in page
    org = client.get(f"/organisations/{world['group']['id']}").get_data(as_text=True)
    assert f'href="/accounts/{world["group"]["id"]}/plan"' in org
    school = client.get(f"/organisations/{world['school']['id']}").get_data(as_text=True)
    assert "/plan" not in school


def test_visibility_on_the_page_locked_shows_owner_private_is_absent(client, app, world, web_cast):
    login(client, "carol")
    page = client.get(url(world)).get_data(as_text=True)
    assert "Alice 4/5" not in page and "Bob 2/5" not in page and "Carol 5/5" in page
    client = app.test_client()
    login(client, "alice")
    page = client.get(url(world)).get_data(as_text=True)
    assert "Alice 4/5" in page and "Carol 5/5" not in page


def test_unknown_or_not_an_account_is_404_and_anonymous_goes_to_login(client, world):
    assert client.get(url(world)).status_code == 302
    login(client, "alice")
    assert client.get("/accounts/nope/plan").status_code == 404
    assert client.get(f"/accounts/{world['school']['id']}/plan").status_code == 404
    assert client.get(url(world, "/edit")).status_code == 403


def test_print_view_and_exports(client, world):
    login(client, "alice")
    printed = client.get(url(world, "/print"))
    assert printed.status_code == 200
    text = printed.get_data(as_text=True)
    assert "plans.css" in text and "Decision-making unit" in text and "data-picture-url" not in text
    css = client.get("/static/plans.css").get_data(as_text=True)
    assert "@media print" in css and "A4" in css
    rows = list(csv.DictReader(io.StringIO(client.get(url(world, ".csv")).get_data(as_text=True))))
    assert [r["name"] for r in rows] == ["Chad Champ", "Claire Chef", "Felix Finance", "Leo Left", "Olga Opp"]
    assert rows[1]["coverage"] == "Alice (4); Bob (2)" and rows[0]["coverage"] == "Carol (locked, known by Carol)"
    assert rows[3]["left"] == "yes" and rows[3]["successors"] == "Hana Heir"
    exported = client.get(url(world, ".json"))
    assert "attachment" in exported.headers["Content-Disposition"]
    data = json.loads(exported.get_data(as_text=True))
    assert data["summary"]["coverage_score"] == 42 and len(data["members"]) == 5


def test_csv_cells_cannot_become_formulas(client, app, world, web_cast):
    app.extensions["carnet"].plans.add_action(web_cast.viewer("mona"), world["group"]["id"],
                                              {"title": "=HYPERLINK(\"x\")", "owner": web_cast.id("alice")})
    login(client, "alice")
    rows = list(csv.DictReader(io.StringIO(client.get(url(world, ".csv?part=actions")).get_data(as_text=True))))
    assert rows[0]["title"] == "'=HYPERLINK(\"x\")" and rows[0]["owner"] == "Alice"


def test_power_map_json_is_escaped_and_shaped(client, app, world, web_cast):
    app.extensions["carnet"].plans.set_member(web_cast.viewer("mona"), world["group"]["id"], world["p"]["heir"],
                                              {"role": "user", "stance": "ally", "influence": 1,
                                               "notes": "<script>alert(1)</script>"})
    login(client, "carol")
    response = client.get(url(world, "/power-map.json"))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<" not in body and ">" not in body
    data = response.get_json()
    members = {n["id"]: n for n in data["nodes"] if n.get("role") == "member"}
    colleagues = {n["id"] for n in data["nodes"] if n.get("role") == "colleague"}
    p = world["p"]
    assert members[p["ceo"]]["size"] > members[p["opp"]]["size"]  # influence 5 vs 3
    assert members[p["opp"]]["stance"] == "opponent"
    assert colleagues == {web_cast.person(u) for u in ("alice", "bob", "carol", "mona")}  # mona covers the heir
    knows = [e for e in data["edges"] if e["kind"] == "knows"]
    locked = [e for e in knows if e["locked"]]
    assert {e["owner_name"] for e in locked} == {"Alice", "Bob"} and all("strength" not in e for e in locked)
    assert sorted(e["width"] for e in knows if not e["locked"]) == [4, 5, 5]  # carol: cfo 5, champ 4; mona: heir 5
    influences = [e for e in data["edges"] if e["kind"] == "influences"]
    assert len(influences) == 1 and influences[0]["dashes"]
    assert client.get("/accounts/nope/plan/power-map.json").status_code == 404


def test_a_manager_adds_a_member_and_bad_input_is_shown_at_the_field(client, app, world):
    login(client, "mona")
    page = client.get(url(world, "/members/new")).get_data(as_text=True)
    assert "Hana Heir" in page and "Xavier Out" not in page  # only the account's staff
    token = csrf_token(client, url(world, "/members/new"))
    store = app.extensions["carnet"].store
    before = backup.snapshot(store)
    bad = client.post(url(world, "/members/new"), data={"csrf_token": token, "person_id": world["p"]["out"],
                                                        "role": "user", "stance": "ally", "influence": "3"})
    assert bad.status_code == 400
    assert "never worked at the account" in field_error(bad.get_data(as_text=True), "person_id")
    bad = client.post(url(world, "/members/new"), data={"csrf_token": token, "person_id": world["p"]["heir"],
                                                        "role": "king", "stance": "ally", "influence": "3"})
    assert bad.status_code == 400 and field_error(bad.get_data(as_text=True), "role")
    assert backup.snapshot(store) == before
    ok = client.post(url(world, "/members/new"), data={"csrf_token": token, "person_id": world["p"]["heir"],
                                                       "role": "coach", "stance": "strong_ally", "influence": "2",
                                                       "notes": "Knows everyone"})
    assert ok.status_code == 302
    page = client.get(url(world)).get_data(as_text=True)
    assert "Decision-making unit (6)" in page and "Knows everyone" in page


def test_a_rep_adds_an_action_for_themself_and_a_bad_date_is_refused(client, app, world, web_cast):
    login(client, "alice")
    form = client.get(url(world, "/actions/new")).get_data(as_text=True)
    assert ">Alice<" in form and ">Bob<" not in form  # a rep can only own their own actions
    token = csrf_token(client, url(world, "/actions/new"))
    store = app.extensions["carnet"].store
    before = backup.snapshot(store)
    bad = client.post(url(world, "/actions/new"), data={"csrf_token": token, "title": "Call", "owner": web_cast.id("alice"),
                                                        "due": "32/01/2026", "status": "open", "member_id": ""})
    assert bad.status_code == 400 and "date" in field_error(bad.get_data(as_text=True), "due")
    assert backup.snapshot(store) == before
    ok = client.post(url(world, "/actions/new"), data={"csrf_token": token, "title": "Call Claire",
                                                       "owner": web_cast.id("alice"), "due": "2001-01-01",
                                                       "status": "open", "member_id": world["p"]["ceo"]})
    assert ok.status_code == 302
    page = client.get(url(world)).get_data(as_text=True)
    assert "Call Claire" in page and "overdue" in page


def test_influence_lines_from_the_plan_page(client, world):
    login(client, "mona")
    token = csrf_token(client, url(world))
    p = world["p"]
    bad = client.post(url(world, "/influences"), data={"csrf_token": token, "from_id": p["ceo"], "to_id": p["ceo"]})
    assert bad.status_code == 400 and "themself" in field_error(bad.get_data(as_text=True), "to_id")
    ok = client.post(url(world, "/influences"), data={"csrf_token": token, "from_id": p["champ"], "to_id": p["cfo"]})
    assert ok.status_code == 302
    assert "Felix Finance listens to Chad Champ" in client.get(url(world)).get_data(as_text=True)


def test_editing_the_plan(client, world):
    login(client, "mona")
    token = csrf_token(client, url(world, "/edit"))
    bad = client.post(url(world, "/edit"), data={"csrf_token": token, "period_start": "2026-02-31", "status": "active"})
    assert bad.status_code == 400 and field_error(bad.get_data(as_text=True), "period_start")
    ok = client.post(url(world, "/edit"), data={"csrf_token": token, "period_start": "2026-01-01",
                                                "period_end": "2026-12-31", "status": "active",
                                                "objectives": "Win the grid deal\nMeet the CFO"})
    assert ok.status_code == 302
    page = client.get(url(world)).get_data(as_text=True)
    assert "<li>Win the grid deal</li>" in page and "Period 2026-01-01 to 2026-12-31" in page
