"""Alerts and adoption through real HTTP (pages, API) and the `alerts run` command."""

from __future__ import annotations

import re

from graph.alerts import Alert
from tests.conftest import api_token, bearer, csrf_token, login


def give_alert(app, cast, user="alice", text="Call Olga: no contact since January"):
    return app.extensions["carnet"].alerts.deliver([Alert("stale", f"stale:{text}", cast.id(user), text,
                                                          "/people")])[0]["id"]


def test_alerts_page_lists_mine_and_dismiss_removes_it(app, client, web_cast):
    alert_id = give_alert(app, web_cast)
    login(client, "alice")
    page = client.get("/alerts").get_data(as_text=True)
    assert "Call Olga" in page and "Relationship going cold" in page
    token = csrf_token(client, "/alerts")
    response = client.post(f"/alerts/{alert_id}/dismiss", data={"csrf_token": token})
    assert response.status_code == 302
    assert "Call Olga" not in client.get("/alerts").get_data(as_text=True)


def test_snooze_from_the_page_and_bad_days(app, client, web_cast):
    alert_id = give_alert(app, web_cast)
    login(client, "alice")
    token = csrf_token(client, "/alerts")
    assert client.post(f"/alerts/{alert_id}/snooze", data={"csrf_token": token, "days": "abc"}).status_code == 400
    assert client.post(f"/alerts/{alert_id}/snooze", data={"csrf_token": token, "days": "30"}).status_code == 302
    page = client.get("/alerts").get_data(as_text=True)
    assert "Call Olga" not in page and "Nothing needs your attention" in page


def test_someone_elses_alert_is_404(app, client, web_cast):
    alert_id = give_alert(app, web_cast)
    login(client, "bob")
    assert "Call Olga" not in client.get("/alerts").get_data(as_text=True)
    token = csrf_token(client, "/alerts")
    assert client.post(f"/alerts/{alert_id}/dismiss", data={"csrf_token": token}).status_code == 404


def test_nav_links_by_role(client, web_cast):
    login(client, "alice")
    page = client.get("/").get_data(as_text=True)
    assert 'href="/alerts"' in page and 'href="/adoption"' not in page
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    login(client, "mona")
    assert 'href="/adoption"' in client.get("/").get_data(as_text=True)


def test_adoption_page_shows_my_teams_as_svg(app, client, web_cast):
    login(client, "mona")
    page = client.get("/adoption").get_data(as_text=True)
    assert "North" in page and "South" not in page
    assert page.count("<svg") >= 5 and "<script" not in page.split("<main>")[1]
    assert re.search(r'aria-label="Weekly active users: [^"]*over 12 weeks"', page)
    rep = app.test_client()
    login(rep, "bob")
    assert rep.get("/adoption").status_code == 403


def test_api_alerts_snooze_dismiss(app, client, web_cast):
    alert_id = give_alert(app, web_cast)
    headers = bearer(api_token(client, "alice"))
    listed = client.get("/api/alerts", headers=headers).get_json()["alerts"]
    assert [a["id"] for a in listed] == [alert_id] and listed[0]["rule"] == "stale"
    bad = client.post(f"/api/alerts/{alert_id}/snooze", json={"days": 500}, headers=headers)
    assert bad.status_code == 400 and bad.get_json()["field"] == "days"
    ok = client.post(f"/api/alerts/{alert_id}/snooze", json={}, headers=headers)
    assert ok.status_code == 200 and ok.get_json() == {"id": alert_id, "status": "snoozed"}
    assert client.get("/api/alerts", headers=headers).get_json()["alerts"] == []
    other = bearer(api_token(client, "carol"))
    assert client.post(f"/api/alerts/{alert_id}/dismiss", headers=other).status_code == 404
    assert client.post("/api/alerts/nope/snooze", json={"days": 1000}, headers=other).status_code == 404


def test_api_adoption(client, web_cast):
    api_token(client, "alice")  # a login: alice is active this week
    board = client.get("/api/adoption", headers=bearer(api_token(client, "ada"))).get_json()
    assert len(board["weeks"]) == 12 and {t["name"] for t in board["teams"]} == {"North", "South"}
    north = next(t for t in board["teams"] if t["name"] == "North")
    south = next(t for t in board["teams"] if t["name"] == "South")
    assert north["active"][-1] == 1 and south["active"][-1] == 0  # ada has no team
    assert client.get("/api/adoption", headers=bearer(api_token(client, "bob"))).status_code == 403


def test_cli_alerts_run(app, web_cast):
    services = app.extensions["carnet"]
    ada, alice = web_cast.viewer("ada"), web_cast.viewer("alice")
    org = services.organisations.create(ada, {"name": "Acme", "kind": "account"})
    olga = services.people.create(ada, {"name": "Olga", "organisation_id": org["id"]})
    services.relationships.create(alice, {"person_id": alice.person_id, "other_id": olga["id"], "strength": 3,
                                          "visibility": "team", "last_contact": "2020-01-01"})
    runner = app.test_cli_runner()
    first = runner.invoke(args=["alerts", "run"])
    assert first.exit_code == 0, first.output
    assert re.search(r"^stale\s+1$", first.output, re.M)
    second = runner.invoke(args=["alerts", "run"])
    assert re.search(r"^stale\s+0$", second.output, re.M)
    assert runner.invoke(args=["alerts", "run", "--stale-days", "5"]).exit_code != 0
