"""A real mailbox synced into the real signals pipeline: the rep's own summary follows what the
server holds, nobody else reads it, and deleting the connection with purge takes it back."""

from __future__ import annotations

import datetime as dt

from graph.bench import mailservers as ms
from tests.conftest import api_token, bearer


def test_a_synced_mailbox_feeds_the_reps_own_signals_only(app, client, web_cast, dovecot):
    s = app.extensions["carnet"]
    service = s.connections
    service.allow, service.ca_file = ("127.0.0.1",), dovecot.ca_file
    assert service.sink is s.signals  # the app wires the real pipeline
    alice = web_cast.viewer("alice")
    ann = s.people.create(alice, {"name": "Ann Acme", "email": "ann@acme.com"})["id"]
    now = dt.datetime.now(dt.timezone.utc)
    dovecot.deliver("INBOX", "Ann <ann@acme.com>", [ms.USER], now - dt.timedelta(days=2), message_id="<a1@acme.com>")
    dovecot.deliver("Sent", ms.USER, ["ann@acme.com"], now - dt.timedelta(days=1), message_id="<s1@x>")
    dovecot.deliver("INBOX", "Zoe <zoe@zeta.io>", [ms.USER], now - dt.timedelta(days=3), message_id="<z1@zeta.io>")
    headers = bearer(api_token(client, "alice"))
    created = client.post("/api/connections", headers=headers, json={
        "kind": "imap", "host": "127.0.0.1", "port": dovecot.imaps_port, "username": ms.USER, "password": ms.PASSWORD})
    assert created.status_code == 201, created.get_json()
    cid = created.get_json()["id"]
    assert client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()["counts"]["messages"] == 3
    again = client.post(f"/api/connections/{cid}/sync", headers=headers).get_json()
    assert again["counts"]["messages"] == 0

    summary = client.get(f"/api/signals/people/{ann}", headers=headers).get_json()
    assert (summary["messages_30d"], summary["two_way"]) == (2, True)
    assert summary["reason"]
    for other in ("bob", "mona", "ada"):
        theirs = client.get(f"/api/signals/people/{ann}", headers=bearer(api_token(client, other))).get_json()
        assert theirs["messages_365d"] == 0 and theirs["last_contact"] is None, other

    gone = client.delete(f"/api/connections/{cid}?purge=true", headers=headers)
    assert gone.status_code == 200, gone.get_json()
    after = client.get(f"/api/signals/people/{ann}", headers=headers).get_json()
    assert (after["messages_365d"], after["last_contact"]) == (0, None)
