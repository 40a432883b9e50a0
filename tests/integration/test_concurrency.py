"""Concurrent writers through the real API and the real embedded FalkorDB: no lost update.

Each test starts its writers together behind a barrier. The oracle is what the writers sent
(and what they were told): the final state must equal one whole write, every field nobody else
wrote must survive, and counters must count every acknowledged step."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph.model import CONTEXTS
from graph.services.users import MAX_FAILED_LOGINS
from graph.visibility import SYSTEM
from tests.conftest import api_token, bearer

WRITERS = 20


def together(app, jobs):
    """Run each job(client) in its own thread and test client, all released at once; returns
    their results in order."""
    barrier = threading.Barrier(len(jobs))

    def run(job):
        client = app.test_client()
        barrier.wait(timeout=30)
        return job(client)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


@pytest.fixture
def tie(app, web_cast):
    """Alice's team-level KNOWS to an outside person, and tokens of those who may change it."""
    services = app.extensions["carnet"]
    client = app.test_client()
    tokens = {name: api_token(client, name) for name in ("alice", "mona", "ada")}
    other = services.people.create(web_cast.viewer("alice"), {"name": "Olga Outside"})
    response = client.post("/api/relationships", headers=bearer(tokens["alice"]), json={
        "person_id": web_cast.person("alice"), "other_id": other["id"], "strength": 3, "context": "client",
        "visibility": "team", "notes": "initial"})
    assert response.status_code == 201, response.get_json()
    return {"id": response.get_json()["id"], "tokens": tokens, "services": services, "client": client}


def _patch(tie, token, body):
    return lambda client: client.patch(f"/api/relationships/{tie['id']}", headers=bearer(token), json=body)


def _stored(tie) -> dict:
    return tie["client"].get(f"/api/relationships/{tie['id']}", headers=bearer(tie["tokens"]["alice"])).get_json()


def test_concurrent_edits_leave_exactly_one_whole_write(app, tie):
    """20 owner/manager/admin PATCHes of strength, context and notes at once: all succeed, and the
    final relationship is one writer's write in full (no mix of two, nothing half-applied)."""
    people = list(tie["tokens"].values())
    writes = [{"strength": 1 + i % 5, "context": CONTEXTS[i % len(CONTEXTS)], "notes": f"write {i}"}
              for i in range(WRITERS)]
    answers = together(app, [_patch(tie, people[i % len(people)], w) for i, w in enumerate(writes)])
    assert [a.status_code for a in answers] == [200] * WRITERS, [a.get_json() for a in answers if a.status_code != 200]

    final = _stored(tie)
    winner = next((w for w in writes if w["notes"] == final["notes"]), None)
    assert winner is not None, final["notes"]
    assert {k: final[k] for k in winner} == winner
    assert final["visibility"] == "team"  # nobody wrote it: untouched
    # updated_at belongs to a write: no earlier than creation, and each answer saw its own write.
    assert final["updated_at"] >= final["created_at"]
    for write, answer in zip(writes, answers):
        assert answer.get_json()["updated_at"] >= final["created_at"]
        assert answer.get_json()["id"] == tie["id"]


def test_concurrent_edits_of_different_fields_keep_both(app, tie):
    """Half the writers change only the strength, half only the context: the final state holds
    one strength write and one context write, never the value from before (a lost update)."""
    strengths = [{"strength": 1 + i % 2} for i in range(WRITERS // 2)]  # never 3, the initial value
    contexts = [{"context": c} for c in ("school", "former_colleague") * (WRITERS // 4)]
    assert "client" not in {c["context"] for c in contexts}
    jobs = [_patch(tie, tie["tokens"]["alice"], w) for pair in zip(strengths, contexts) for w in pair]
    answers = together(app, jobs)
    assert {a.status_code for a in answers} == {200}

    final = _stored(tie)
    assert final["strength"] in {1, 2}
    assert final["context"] in {"school", "former_colleague"}
    assert final["notes"] == "initial"


def test_concurrent_visibility_changes_are_audited_as_a_chain(app, tie):
    """Writers flip the visibility between team and company at once. Each audit entry says
    `before → after`; read in any order they must chain from the first level to the final one
    (so every entry's `before` was the real level at its write, not a stale read)."""
    writes = [{"visibility": "company" if i % 2 == 0 else "team"} for i in range(WRITERS)]
    answers = together(app, [_patch(tie, tie["tokens"]["alice"], w) for w in writes])
    assert {a.status_code for a in answers} == {200}

    final = _stored(tie)["visibility"]
    services = tie["services"]
    entries = [e for e in services.audit.list(services.users.viewer(_user_id(services, "ada")))
               if e.get("relationship_id") == tie["id"] and e["action"] == "relationship.visibility"]
    moves = [tuple(e["detail"].split(" → ")) for e in entries]
    assert all(before != after for before, after in moves), moves
    # A chain team → company → team → ...: each level is left once more than it is reached,
    # or as often, ending where the relationship is now.
    up = moves.count(("team", "company"))
    down = moves.count(("company", "team"))
    assert len(moves) == up + down, moves
    assert up - down == (1 if final == "company" else 0), (moves, final)


def _user_id(services, username: str) -> str:
    return next(u["id"] for u in services.users.list(SYSTEM) if u["username"] == username)


def test_concurrent_creates_of_one_pair_make_one_relationship_per_owner(app, web_cast):
    """Alice, bob and carol each record the same pair many times at once: one 201 per owner,
    the rest 409, one KNOWS per owner."""
    services = app.extensions["carnet"]
    tokens = {name: api_token(app.test_client(), name) for name in ("alice", "bob", "carol")}
    a = services.people.create(web_cast.viewer("ada"), {"name": "Anna Pair"})["id"]
    b = services.people.create(web_cast.viewer("ada"), {"name": "Boris Pair"})["id"]
    names = list(tokens)
    jobs = [(lambda client, token=tokens[names[i % 3]], flip=i % 2: client.post(
        "/api/relationships", headers=bearer(token),
        json={"person_id": b if flip else a, "other_id": a if flip else b, "strength": 2, "visibility": "company"}))
        for i in range(WRITERS)]
    codes = sorted(r.status_code for r in together(app, jobs))
    assert codes == [201] * 3 + [409] * (WRITERS - 3)
    owners = [r["owner"] for r in services.store.read("relationships/find_between", person_id=a, other_id=b)]
    assert sorted(owners) == sorted(web_cast.id(name) for name in names)


def test_concurrent_failed_logins_judge_no_more_than_the_limit(app, web_cast):
    """Wrong passwords at once from one address: each attempt takes its slot before its
    password is judged, so no more than the limit are judged (401) and the rest are 429."""
    jobs = [lambda client: client.post("/api/tokens", json={"username": "bob", "password": "wrong password"})
            for _ in range(WRITERS)]
    codes = [r.status_code for r in together(app, jobs)]
    assert set(codes) <= {401, 429}
    assert codes.count(401) == MAX_FAILED_LOGINS
    assert app.test_client().post("/api/tokens", json={"username": "bob", "password": "x"}).status_code == 429


def test_every_concurrent_write_moves_the_change_counter_once(store):
    """The change counter (the cache key of every worker) counts every acknowledged write."""
    _, start = store.version()
    per_thread = 10
    barrier = threading.Barrier(WRITERS)

    def writer(n):
        barrier.wait(timeout=30)
        for i in range(per_thread):
            pid = f"c{n}-{i}-{uuid.uuid4().hex[:6]}"
            store.write("people/create_person", person={"id": pid, "name": pid, "created_at": i},
                        organisation_id=None, reports_to=None, title=None, position_id=uuid.uuid4().hex, now=i)

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        list(pool.map(writer, range(WRITERS)))
    assert store.version()[1] - start == WRITERS * per_thread
