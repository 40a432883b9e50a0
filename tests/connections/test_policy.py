"""Where Carnet may connect, and what it never gives back: the allow-list (loopback, private
addresses, redirects), other users' connections, and the password in answers and backups."""

from __future__ import annotations

import http.server
import io
import threading

import pytest

from graph import backup
from graph.bench import mailservers as ms
from graph.signals.connect import policy
from graph.signals.connect.secrets import SecretBox, SecretUnreadable
from tests.conftest import api_token, bearer


def _caldav(client, headers, url, password=ms.PASSWORD):
    return client.post("/api/connections", headers=headers,
                       json={"kind": "caldav", "url": url, "username": ms.USER, "password": password})


def test_loopback_is_refused_unless_listed(client, web_cast, connections, sink, radicale):
    radicale.collection("work", "VCALENDAR")
    headers = bearer(api_token(client, "alice"))
    connections.allow = ()
    answer = _caldav(client, headers, radicale.home)
    assert answer.status_code == 400 and answer.get_json()["field"] == "url"
    connections.allow = ("*",)  # any public server: loopback still needs its own line
    answer = _caldav(client, headers, radicale.home)
    assert answer.status_code == 400 and "private or local" in answer.get_json()["error"]
    assert _caldav(client, headers, radicale.home.replace("127.0.0.1", "localhost")).status_code == 400
    assert client.get("/api/connections", headers=headers).get_json() == {"connections": []}
    connections.allow = ("127.0.0.1",)
    assert _caldav(client, headers, radicale.home).status_code == 201


@pytest.mark.parametrize("host", ["10.1.2.3", "192.168.0.10", "172.16.5.5", "169.254.169.254", "::1", "100.64.0.1"])
def test_private_and_link_local_addresses_are_refused_before_any_connection(host):
    with pytest.raises(policy.Refused):
        policy.check_host(host, 993, ("*",))
    with pytest.raises(policy.Refused):
        policy.check_host(host, 993, ("*.example.com",))
    assert policy.check_host(host, 993, (host,))  # listed exactly: the admin meant it


def test_allow_list_matching():
    allow = policy.parse_allow(" Mail.Example.com ,*.corp.example , ")
    assert allow == ("mail.example.com", "*.corp.example")
    assert policy._matches("mail.example.com", allow)
    assert policy._matches("dav.corp.example", allow)
    assert not policy._matches("corp.example", allow)
    assert not policy._matches("evilcorp.example", allow)
    assert not policy._matches("mail.example.com.evil.test", allow)


def test_imap_to_an_unlisted_host_is_refused(client, web_cast, connections, sink):
    headers = bearer(api_token(client, "alice"))
    answer = client.post("/api/connections", headers=headers, json={
        "kind": "imap", "host": "10.0.0.7", "username": "a", "password": "b"})
    assert answer.status_code == 400 and answer.get_json()["field"] == "host"


class _Redirect(http.server.BaseHTTPRequestHandler):
    target = ""

    def _go(self):
        self.send_response(301)
        self.send_header("Location", self.target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PROPFIND = do_REPORT = do_OPTIONS = _go

    def log_message(self, *_args):
        pass


@pytest.fixture
def redirector(radicale):
    """A loopback HTTP server that sends every request to Radicale under another host name."""
    handler = type("Redirect", (_Redirect,), {"target": radicale.home.replace("127.0.0.1", "localhost")})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_redirect_to_another_host_is_refused(client, web_cast, connections, sink, radicale, redirector):
    radicale.collection("work", "VCALENDAR")
    connections.allow = ("127.0.0.1", "localhost")  # both listed: the redirect is refused all the same
    headers = bearer(api_token(client, "alice"))
    answer = _caldav(client, headers, redirector)
    assert answer.status_code == 400 and "redirect" in answer.get_json()["error"]
    assert client.get("/api/connections", headers=headers).get_json() == {"connections": []}


def test_an_answer_past_the_size_cap_is_a_502(client, web_cast, connections, sink, radicale, monkeypatch):
    cal = radicale.collection("work", "VCALENDAR")
    radicale.put(cal, "ev", ms.event("ev", ms.dt.datetime(2026, 11, 1, 9), ms.USER, ["a@b.com"]))
    monkeypatch.setattr(connections, "limits", policy.Limits(response_bytes=200))
    answer = _caldav(client, bearer(api_token(client, "alice")), radicale.home)
    assert answer.status_code == 502


def test_another_users_connection_is_unknown_to_everyone_else(client, web_cast, connections, sink, radicale):
    radicale.collection("work", "VCALENDAR")
    alice = bearer(api_token(client, "alice"))
    cid = _caldav(client, alice, radicale.home).get_json()["id"]
    for other in ("bob", "mona", "ada"):
        headers = bearer(api_token(client, other))
        assert client.get(f"/api/connections/{cid}", headers=headers).status_code == 404
        assert client.post(f"/api/connections/{cid}/sync", headers=headers).status_code == 404
        assert client.delete(f"/api/connections/{cid}", headers=headers).status_code == 404
        assert client.get("/api/connections", headers=headers).get_json() == {"connections": []}
    assert sink.batches == []
    assert client.get(f"/api/connections/{cid}", headers=alice).status_code == 200


def test_a_preview_through_someone_elses_eyes_sees_no_connection(web_cast, connections, radicale):
    radicale.collection("work", "VCALENDAR")
    alice = web_cast.viewer("alice")
    created = connections.create(alice, {"kind": "caldav", "url": radicale.home, "username": ms.USER,
                                         "password": ms.PASSWORD})
    import dataclasses
    preview = dataclasses.replace(alice, preview=True, previewer=web_cast.viewer("mona"))
    with pytest.raises(Exception) as caught:
        connections.get(preview, created["id"])
    assert getattr(caught.value, "status", None) == 404


def test_the_password_is_never_in_an_answer_a_page_or_a_backup(app, client, web_cast, connections, sink, radicale):
    radicale.collection("work", "VCALENDAR")
    headers = bearer(api_token(client, "alice"))
    created = _caldav(client, headers, radicale.home)
    cid = created.get_json()["id"]
    answers = [created, client.get("/api/connections", headers=headers),
               client.get(f"/api/connections/{cid}", headers=headers),
               client.post(f"/api/connections/{cid}/sync", headers=headers)]
    for answer in answers:
        text = answer.get_data(as_text=True)
        assert ms.PASSWORD not in text and "secret" not in text and "gAAAA" not in text, text
    from tests.conftest import login
    login(client, "alice")
    page = client.get("/connections").get_data(as_text=True)
    assert radicale.home in page and ms.PASSWORD not in page and "gAAAA" not in page

    out = io.StringIO()
    backup.export_graph(app.extensions["carnet"].store, out)
    dump = out.getvalue()
    assert '"Connection"' in dump and ms.PASSWORD not in dump  # the backup keeps it sealed
    sealed = app.extensions["carnet"].store.read("connections/get_connection", user=web_cast.id("alice"),
                                                 id=cid)[0]["connection"]["secret"]
    assert sealed.startswith("gAAAA") and connections.box.open(sealed) == ms.PASSWORD


def test_a_password_sealed_under_another_key_cannot_be_opened():
    sealed = SecretBox(SecretBox.new_key()).seal("pw")
    with pytest.raises(SecretUnreadable):
        SecretBox(SecretBox.new_key()).open(sealed)


def test_delete_removes_the_connection_and_purges_on_request(client, web_cast, connections, sink, radicale):
    radicale.collection("work", "VCALENDAR")
    headers = bearer(api_token(client, "alice"))
    first = _caldav(client, headers, radicale.home).get_json()["id"]
    second = _caldav(client, headers, radicale.home).get_json()["id"]
    assert client.delete(f"/api/connections/{first}", headers=headers).status_code == 200
    assert sink.purged == []
    assert client.delete(f"/api/connections/{second}?purge=true", headers=headers).status_code == 200
    assert sink.purged == [second]
    assert client.get(f"/api/connections/{first}", headers=headers).status_code == 404
    assert client.get("/api/connections", headers=headers).get_json() == {"connections": []}
