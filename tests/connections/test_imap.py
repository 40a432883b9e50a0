"""A mailbox read from a real Dovecot on loopback: headers only, Inbox and Sent, by UID."""

from __future__ import annotations

import datetime as dt
import ssl
import time

import imapclient

from graph.bench import mailservers as ms
from tests.conftest import api_token, bearer

DAY = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone.utc)


def _connect(client, headers, dovecot, password=ms.PASSWORD, **extra):
    data = {"kind": "imap", "host": "127.0.0.1", "port": dovecot.imaps_port, "username": ms.USER,
            "password": password}
    data.update(extra)
    return client.post("/api/connections", headers=headers, json=data)


def test_inbox_and_sent_headers_then_only_new_messages(client, web_cast, connections, sink, dovecot):
    connections.ca_file = dovecot.ca_file
    dovecot.deliver("INBOX", "Ann <ann@acme.com>", [ms.USER], DAY, cc=["cy@acme.com"], message_id="<a1@acme.com>")
    dovecot.deliver("INBOX", "bob@beta.fr", [ms.USER], DAY - dt.timedelta(days=3), message_id="<b1@beta.fr>")
    dovecot.deliver("Sent", ms.USER, ["Ann <ann@acme.com>"], DAY + dt.timedelta(hours=1), message_id="<s1@x>")
    headers = bearer(api_token(client, "alice"))
    created = _connect(client, headers, dovecot)
    assert created.status_code == 201, created.get_json()
    cid = created.get_json()["id"]

    first = client.post(f"/api/connections/{cid}/sync", headers=headers)
    assert first.status_code == 200, first.get_json()
    assert first.get_json()["counts"]["messages"] == 3
    by_id = {m.message_id: m for m in sink.records("messages")}
    assert by_id["<a1@acme.com>"].sender == "ann@acme.com"
    assert by_id["<a1@acme.com>"].recipients == (ms.USER, "cy@acme.com")
    assert by_id["<a1@acme.com>"].date_ms == int(DAY.timestamp() * 1000)
    assert by_id["<s1@x>"].sender == ms.USER  # the Sent folder, found by its \Sent flag

    dovecot.deliver("INBOX", "dan@delta.io", [ms.USER], DAY, message_id="<d1@delta.io>")
    second = client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()
    assert second["counts"]["messages"] == 1
    ids = [m.message_id for m in sink.records("messages")]
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 4

    # headers were read with BODY.PEEK: nothing was marked as read on the server
    mailbox = imapclient.IMAPClient("127.0.0.1", port=dovecot.imaps_port,
                                    ssl_context=ssl.create_default_context(cafile=dovecot.ca_file))
    mailbox.login(ms.USER, ms.PASSWORD)
    mailbox.select_folder("INBOX", readonly=True)
    assert mailbox.search(["SEEN"]) == []
    mailbox.logout()


def test_starttls_and_chosen_folders(client, web_cast, connections, sink, dovecot):
    connections.ca_file = dovecot.ca_file
    dovecot.deliver("INBOX", "ann@acme.com", [ms.USER], DAY, message_id="<a1@acme.com>")
    dovecot.deliver("Sent", ms.USER, ["ann@acme.com"], DAY, message_id="<s1@x>")
    headers = bearer(api_token(client, "alice"))
    created = client.post("/api/connections", headers=headers, json={
        "kind": "imap", "host": "127.0.0.1", "port": dovecot.imap_port, "security": "starttls",
        "username": ms.USER, "password": ms.PASSWORD, "folders": ["Sent"]})
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["folders"] == ["Sent"]
    done = client.post(f"/api/connections/{created.get_json()['id']}/sync", headers=headers).get_json()
    assert done["counts"]["messages"] == 1
    assert [m.message_id for m in sink.records("messages")] == ["<s1@x>"]


def test_wrong_password_is_refused_and_nothing_is_written(client, web_cast, connections, sink, dovecot):
    connections.ca_file = dovecot.ca_file
    headers = bearer(api_token(client, "alice"))
    answer = _connect(client, headers, dovecot, password="not-it")
    assert answer.status_code == 400
    assert answer.get_json()["field"] == "password"
    assert client.get("/api/connections", headers=headers).get_json() == {"connections": []}


def test_an_untrusted_certificate_is_a_502(client, web_cast, connections, sink, dovecot):
    # the test server's certificate is not trusted unless CARNET_CONNECT_CA_FILE names it
    headers = bearer(api_token(client, "alice"))
    answer = _connect(client, headers, dovecot)
    assert answer.status_code == 502 and answer.get_json()["error"]
    assert client.get("/api/connections", headers=headers).get_json() == {"connections": []}


def test_a_password_changed_on_the_server_fails_the_sync_and_writes_nothing(client, web_cast, connections, sink,
                                                                            dovecot):
    connections.ca_file = dovecot.ca_file
    dovecot.deliver("INBOX", "ann@acme.com", [ms.USER], DAY)
    headers = bearer(api_token(client, "alice"))
    cid = _connect(client, headers, dovecot).get_json()["id"]
    time.sleep(1.1)  # Dovecot notices a changed passwd-file by its modification time (seconds)
    (dovecot.folder / "passwd").write_text(f"{ms.USER}:{{PLAIN}}changed\n")
    answer = client.post(f"/api/connections/{cid}/sync", headers=headers)
    assert answer.status_code == 400 and answer.get_json()["field"] == "password"
    assert sink.batches == []
    shown = client.get(f"/api/connections/{cid}", headers=headers).get_json()
    assert shown["status"] == "error" and shown["last_sync"] is None


def test_a_sync_stops_at_its_cap_and_the_next_one_goes_on(client, web_cast, connections, sink, dovecot, monkeypatch):
    from graph.signals.connect.policy import Limits

    connections.ca_file = dovecot.ca_file
    for i in range(7):
        dovecot.deliver("INBOX", f"p{i}@acme.com", [ms.USER], DAY, message_id=f"<n{i}@acme.com>")
    headers = bearer(api_token(client, "alice"))
    cid = _connect(client, headers, dovecot, folders=["INBOX"]).get_json()["id"]
    monkeypatch.setattr(connections, "limits", Limits(batch=3, sync_items=5))
    first = client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()
    assert first["status"] == "partial" and first["counts"]["messages"] == 3
    second = client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()
    assert second["counts"]["messages"] == 4
    assert sorted(m.message_id for m in sink.records("messages")) == sorted(f"<n{i}@acme.com>" for i in range(7))
