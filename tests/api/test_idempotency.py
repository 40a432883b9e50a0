"""Idempotency-Key on the API's POSTs: a client that lost an answer sends the request again and
the object is created once. Real store, real test client, real threads."""

from __future__ import annotations

import json
import threading

import pytest

from graph.services.idempotency import KEEP_MS, LEASE_MS, Claim, Kept, fingerprint
from tests.conftest import bearer

HEADER = "Idempotency-Key"


def people_named(store, name: str) -> list[str]:
    return [row["id"] for row in store.read("people/find_by_name", wanted=name, limit=50)]


def keys_in_graph(store) -> int:
    rows = store.read("backup/export_nodes", timeout_ms=0)
    return sum(1 for row in rows if row["labels"] == ["IdempotencyKey"])


def post_raw(api, who, path, raw: bytes, key: str | None):
    """A POST whose body bytes are exactly `raw` (so the test knows the request's fingerprint)."""
    headers = {HEADER: key} if key is not None else {}
    return api.post(who, path, data=raw, content_type="application/json", headers=headers)


def person_body(name: str) -> bytes:
    return json.dumps({"name": name, "title": "CFO"}).encode()


def test_a_repeat_after_the_write_returns_the_kept_answer_and_creates_nothing(api, store):
    first = post_raw(api, "alice", "/api/people", person_body("Paul Once"), "k-1")
    assert first.status_code == 201
    version = store.version()
    again = post_raw(api, "alice", "/api/people", person_body("Paul Once"), "k-1")
    assert again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert people_named(store, "Paul Once") == [first.get_json()["id"]]
    assert store.version() == version  # a replay is one read: nothing written, no cache disturbed


def test_without_a_key_a_repeat_creates_twice_as_before(api, store):
    for _ in range(2):
        assert post_raw(api, "alice", "/api/people", person_body("Paul Twice"), None).status_code == 201
    assert len(people_named(store, "Paul Twice")) == 2
    assert keys_in_graph(store) == 0


@pytest.mark.parametrize("change", ["body", "path", "query"])
def test_the_same_key_for_another_request_answers_422(api, store, change):
    assert post_raw(api, "alice", "/api/people", person_body("Paula First"), "k-2").status_code == 201
    if change == "body":
        response = post_raw(api, "alice", "/api/people", person_body("Paula Second"), "k-2")
    elif change == "path":
        response = post_raw(api, "alice", "/api/organisations", json.dumps({"name": "Acme", "kind": "account"}).encode(),
                            "k-2")
    else:
        response = post_raw(api, "alice", "/api/people?x=1", person_body("Paula First"), "k-2")
    assert response.status_code == 422
    assert response.get_json()["field"] == HEADER and response.get_json()["error"]
    assert people_named(store, "Paula Second") == [] and people_named(store, "Paula First") != []
    assert not people_named(store, "Acme") and len(people_named(store, "Paula First")) == 1


def test_keys_are_per_user_and_never_replay_another_users_answer(api, store, web_cast):
    body = person_body("Shared Key")
    mine = post_raw(api, "alice", "/api/people", body, "same-key")
    theirs = post_raw(api, "carol", "/api/people", body, "same-key")
    assert mine.status_code == theirs.status_code == 201
    assert theirs.get_json()["id"] != mine.get_json()["id"]  # carol's request ran: not alice's answer
    assert "Idempotent-Replayed" not in theirs.headers
    other = post_raw(api, "bob", "/api/people", person_body("Bob's Own"), "same-key")
    assert other.status_code == 201  # not a 422: alice's use of the key says nothing to bob
    assert len(people_named(store, "Shared Key")) == 2
    assert post_raw(api, "carol", "/api/people", body, "same-key").get_json() == theirs.get_json()


def test_a_private_answer_is_not_replayed_to_a_colleague(api, web_cast):
    """A relationship recorded private: its answer (strength, context) stays with its owner even
    when a colleague sends the very same request with the same key."""
    person = api.created("alice", "/api/people", {"name": "Secret Contact"})["id"]
    raw = json.dumps({"person_id": web_cast.person("alice"), "other_id": person, "strength": 5,
                      "visibility": "private", "context": "friend"}).encode()
    mine = post_raw(api, "alice", "/api/relationships", raw, "rel-1")
    assert mine.status_code == 201 and mine.get_json()["owner"] == web_cast.id("alice")
    theirs = post_raw(api, "bob", "/api/relationships", raw, "rel-1")
    assert "Idempotent-Replayed" not in theirs.headers
    assert theirs.get_data(as_text=True) != mine.get_data(as_text=True)
    assert theirs.status_code in (201, 403, 404)
    if theirs.status_code == 201:
        assert theirs.get_json()["owner"] == web_cast.id("bob")


@pytest.mark.parametrize("key", ["x" * 201, "has space", "tab\tinside", "caf\u00e9", ""])
def test_a_malformed_key_answers_400_naming_the_header_and_writes_nothing(api, store, key):
    response = post_raw(api, "alice", "/api/people", person_body("Never Made"), key)
    assert response.status_code == 400
    assert response.get_json()["field"] == HEADER
    assert people_named(store, "Never Made") == []
    assert keys_in_graph(store) == 0


def test_an_oversized_body_is_refused_before_any_claim(app, api, store):
    app.config["API_MAX_BODY"] = 1000
    response = api.post("alice", "/api/people", data=b"x" * 5000, content_type="application/json",
                        headers={HEADER: "big"})
    assert response.status_code == 413
    assert keys_in_graph(store) == 0


def test_a_key_of_200_visible_characters_is_accepted(api):
    key = "".join(chr(33 + i % 94) for i in range(200))
    assert post_raw(api, "alice", "/api/people", person_body("Long Key"), key).status_code == 201
    assert post_raw(api, "alice", "/api/people", person_body("Long Key"), key).headers["Idempotent-Replayed"] == "true"


def test_a_refusal_is_kept_too(api, store):
    """A 4xx is the answer to that request: sent again, the same answer, without running again."""
    raw = json.dumps({"name": "Gala", "date": "2026-03-01"}).encode()
    first = post_raw(api, "alice", "/api/events", raw, "ev-1")  # a rep may not create events
    assert first.status_code == 403
    again = post_raw(api, "alice", "/api/events", raw, "ev-1")
    assert (again.status_code, again.get_json()) == (403, first.get_json())
    assert again.headers["Idempotent-Replayed"] == "true"


def test_a_running_request_makes_the_same_one_answer_409_until_its_lease_lapses(app, api, store, web_cast):
    service = app.extensions["carnet"].idempotency
    raw = person_body("In Flight")
    claim = service.begin(web_cast.id("alice"), "run-1", fingerprint(app.secret_key.encode(), "POST", "/api/people", raw))
    assert isinstance(claim, Claim)  # as if another worker were running that very request now
    busy = post_raw(api, "alice", "/api/people", raw, "run-1")
    assert busy.status_code == 409
    assert busy.get_json()["field"] == HEADER and busy.headers["Retry-After"] == "1"
    assert people_named(store, "In Flight") == []
    other = post_raw(api, "alice", "/api/people", person_body("Other Body"), "run-1")
    assert other.status_code == 422  # another request is refused even while the key is running
    app.extensions["carnet"].clock.advance(LEASE_MS + 1)  # that worker died without answering
    retried = post_raw(api, "alice", "/api/people", raw, "run-1")
    assert retried.status_code == 201
    assert people_named(store, "In Flight") == [retried.get_json()["id"]]
    service.finish(claim, 201, "{}", "application/json")  # the dead claim can no longer overwrite it
    assert post_raw(api, "alice", "/api/people", raw, "run-1").get_json() == retried.get_json()


def test_concurrent_requests_with_one_key_run_once(app, api, store):
    """Threads send the same request with the same key at once: one runs, each other one answers
    409 (still running) or, once the first has finished, the kept answer."""
    token = api.token("alice")
    raw = person_body("Race Winner")
    barrier = threading.Barrier(6)
    answers = []

    def send():
        client = app.test_client()
        barrier.wait()
        response = client.post("/api/people", data=raw, content_type="application/json",
                               headers={**bearer(token), HEADER: "race"})
        answers.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    made = people_named(store, "Race Winner")
    assert len(made) == 1
    assert {status for status, _ in answers} <= {201, 409}
    assert all(body["id"] == made[0] for status, body in answers if status == 201)
    assert all(body["field"] == HEADER for status, body in answers if status == 409)


def test_the_fingerprint_is_keyed_by_the_secret():
    """A body may hold a password: what the graph keeps of it cannot be recomputed without the key."""
    args = ("POST", "/api/me/password", b'{"current": "old password", "new": "new password"}')
    assert fingerprint(b"one", *args) != fingerprint(b"two", *args)
    assert fingerprint(b"one", *args) == fingerprint(b"one", *args)
    assert fingerprint(b"one", "POST", "/a", b"b/c") != fingerprint(b"one", "POST", "/a/b", b"c")


def test_claims_are_atomic_across_threads(services, cast):
    """The claim statement alone decides: of many simultaneous claims, exactly one wins."""
    print_ = fingerprint(b"secret", "POST", "/api/people", b"{}")
    barrier = threading.Barrier(8)
    results = []

    def claim():
        barrier.wait()
        try:
            results.append(services.idempotency.begin(cast.id("alice"), "atomic", print_))
        except Exception as exc:  # noqa: BLE001 - the losers' refusal is the point
            results.append(exc)

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(r, Claim) for r in results) == 1
    assert all(isinstance(r, Claim) or getattr(r, "status", None) == 409 for r in results)


def test_a_server_error_is_not_kept_so_the_client_may_retry(services, cast):
    print_ = fingerprint(b"secret", "POST", "/api/people", b"{}")
    claim = services.idempotency.begin(cast.id("alice"), "k-5xx", print_)
    services.idempotency.finish(claim, 503, '{"error": "the graph store is unavailable"}', "application/json")
    again = services.idempotency.begin(cast.id("alice"), "k-5xx", print_)
    assert isinstance(again, Claim)  # runs again, not replayed
    services.idempotency.finish(again, 201, '{"id": "p1"}', "application/json")
    assert services.idempotency.begin(cast.id("alice"), "k-5xx", print_) == Kept(201, '{"id": "p1"}',
                                                                                 "application/json")


def test_a_kept_answer_lapses_after_24_hours(app, api, store):
    raw = person_body("Day Later")
    first = post_raw(api, "alice", "/api/people", raw, "daily")
    app.extensions["carnet"].clock.advance(KEEP_MS - 1)
    assert post_raw(api, "alice", "/api/people", raw, "daily").get_json() == first.get_json()
    app.extensions["carnet"].clock.advance(1)
    later = post_raw(api, "alice", "/api/people", raw, "daily")
    assert later.status_code == 201 and "Idempotent-Replayed" not in later.headers
    assert later.get_json()["id"] != first.get_json()["id"]


def test_lapsed_keys_are_pruned(app, api, store):
    for n in range(3):
        post_raw(api, "alice", "/api/people", person_body(f"Pruned {n}"), f"old-{n}")
    assert keys_in_graph(store) == 3
    app.extensions["carnet"].clock.advance(KEEP_MS)
    post_raw(api, "alice", "/api/people", person_body("Fresh"), "new")
    assert keys_in_graph(store) == 1


def test_the_token_exchange_ignores_the_header(client, web_cast):
    from tests.conftest import PASSWORD

    tokens = {client.post("/api/tokens", json={"username": "alice", "password": PASSWORD},
                          headers={HEADER: "tok"}).get_json()["token"] for _ in range(2)}
    assert len(tokens) == 2


def test_a_get_ignores_the_header_and_writes_nothing(api, store):
    api.token("alice")
    version = store.version()
    assert api.get("alice", "/api/me", headers={HEADER: "bad key with spaces"}).status_code == 200
    assert store.version() == version


def test_the_openapi_document_describes_the_header(client):
    doc = client.get("/api/openapi.json").get_json()
    assert HEADER in doc["info"]["description"]
    for path, item in doc["paths"].items():
        if "post" not in item:
            continue
        names = [p["name"] for p in item["post"].get("parameters", ())]
        if path == "/api/tokens":
            assert HEADER not in names
        else:
            assert names.count(HEADER) == 1, path
            assert {"400", "409", "422"} <= set(item["post"]["responses"]), path
    again = client.get("/api/openapi.json").get_json()
    assert again == doc  # describing it twice adds nothing twice
