"""`flask --app app signals sync` (cron) and the /connections page with its Sync now button."""

from __future__ import annotations

import datetime as dt

from graph.bench import mailservers as ms
from tests.conftest import csrf_token, login

NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _calendar(radicale, n=2):
    cal = radicale.collection("work", "VCALENDAR")
    for i in range(n):
        radicale.put(cal, f"ev{i}", ms.event(f"ev{i}", NOW - dt.timedelta(days=i), ms.USER, ["x@acme.com"]))
    return cal


def test_cli_syncs_every_connection_with_progress_lines(app, web_cast, connections, sink, radicale):
    cal = _calendar(radicale)
    connections.create(web_cast.viewer("alice"), {"kind": "caldav", "url": radicale.home, "username": ms.USER,
                                                  "password": ms.PASSWORD})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["signals", "sync"])
    assert result.exit_code == 0, result.output
    assert "alice caldav" in result.output and "done (2 meetings)" in result.output
    assert "reading" in result.output
    radicale.put(cal, "late", ms.event("late", NOW, ms.USER, ["y@acme.com"]))
    result = runner.invoke(args=["signals", "sync", "--user", "alice"])
    assert "done (1 meetings)" in result.output
    assert runner.invoke(args=["signals", "sync", "--user", "bob"]).output.strip() == "no connections for bob"


def test_cli_reports_a_failing_connection_and_exits_1(app, web_cast, connections, sink, radicale):
    _calendar(radicale)
    connections.create(web_cast.viewer("alice"), {"kind": "caldav", "url": radicale.home, "username": ms.USER,
                                                  "password": ms.PASSWORD})
    connections.allow = ()  # the administrator took the server off the list since
    result = app.test_cli_runner().invoke(args=["signals", "sync"])
    assert result.exit_code == 1
    assert "error:" in result.output and sink.batches == []


def test_page_adds_syncs_and_deletes(client, web_cast, connections, sink, radicale):
    _calendar(radicale, 3)
    login(client, "alice")
    token = csrf_token(client, "/connections")
    refused = client.post("/connections", data={"csrf_token": token, "kind": "caldav", "url": radicale.home,
                                                "username": ms.USER, "password": "wrong"})
    assert refused.status_code == 400 and ms.USER in refused.get_data(as_text=True)
    added = client.post("/connections", data={"csrf_token": token, "kind": "caldav", "url": radicale.home,
                                              "username": ms.USER, "password": ms.PASSWORD})
    assert added.status_code == 302
    cid = connections.mine(web_cast.viewer("alice"))[0]["id"]
    page = client.post(f"/connections/{cid}/sync", data={"csrf_token": token}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "3 meetings" in text and "reading" in text  # the counts and the progress lines
    assert len(sink.records("meetings")) == 3
    client.post(f"/connections/{cid}/delete", data={"csrf_token": token, "purge": "1"})
    assert sink.purged == [cid] and connections.mine(web_cast.viewer("alice")) == []
