"""`bench plans`: an account with 500 contacts and 50 colleagues covering them, added into a
graph made by `bench generate`, then the plan read again and again as a few viewers.

`prepare` is idempotent (the account's id comes from the seed; a second run finds it and writes
nothing) and deterministic. `timings` takes the calls to time (JSON and page are HTTP requests
made by the app layer) and returns p50/p95 per call kind. The plan holds every contact as a
member: the worst case a manager could build."""

from __future__ import annotations

import random
import time
import uuid
from typing import Callable

from ..model import ACTION_STATUSES, CONTEXTS, PLAN_ROLES, STANCES
from .measure import summary

_NS = uuid.UUID("0b7e55a1-2f4c-4d8e-9a3b-5eedbe9c4a11")
BATCH = 1000
GAP_DECISION_MAKERS = 4  # decision makers nobody covers: each gap asks the path engine for a route
TARGET_P95_MS = {"json": 150.0, "page": 250.0}


def _id(kind: str, key: str) -> str:
    return uuid.uuid5(_NS, f"{kind}:{key}").hex


def _batches(rows):
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def build(colleagues: list[dict], *, contacts: int, covering: int, seed: int, now_ms: int) -> dict:
    """The rows to write (pure): account, contacts with titles and a reporting tree, KNOWS from
    colleagues (1–3 per covered contact, every strength and level), the plan and its parts."""
    rnd = random.Random(seed)
    account_id = _id("account", str(seed))
    chosen = sorted(colleagues, key=lambda c: c["user_id"])
    rnd.shuffle(chosen)
    chosen = chosen[:covering]
    people, positions, reports, knows, members, lines, actions = [], [], [], [], [], [], []
    titles = ("CEO", "CFO", "CIO", "Head of Purchasing", "Buyer", "IT Manager", "Project Manager", "Engineer",
              "Plant Manager", "Analyst")
    for i in range(contacts):
        pid = _id("contact", f"{seed}/{i}")
        title = titles[min(i, len(titles) - 1)] if i < 10 else rnd.choice(titles[3:])
        people.append({"id": pid, "name": f"Bench Contact {seed}-{i:04d}", "title": title, "created_at": now_ms})
        positions.append({"person_id": pid, "organisation_id": account_id,
                          "position": {"id": _id("works", f"{seed}/{i}"), "title": title, "start": "2018-01-01",
                                       "created_at": now_ms}})
        if i:
            reports.append({"id": pid, "boss_id": _id("contact", f"{seed}/{(i - 1) // 5}")})
    # Roles: the first contacts decide; the last GAP_DECISION_MAKERS of the deciders go uncovered.
    deciders = 20
    for i, person in enumerate(people):
        role = ("decision_maker" if i % 2 == 0 else "economic_buyer") if i < deciders \
            else PLAN_ROLES[2 + i % (len(PLAN_ROLES) - 2)]
        members.append({"plan_id": _id("plan", str(seed)), "person_id": person["id"], "props": {
            "role": role, "stance": STANCES[i % len(STANCES)], "influence": 5 if i < deciders else 1 + i % 5,
            "added_at": now_ms, "updated_at": now_ms}})
        if deciders - GAP_DECISION_MAKERS <= i < deciders:
            continue
        for colleague in rnd.sample(chosen, rnd.randint(1, 3)) if chosen else ():
            strength = rnd.randint(1, 5)
            visibility = rnd.choice(("private", "exclusive", "team", "company"))
            knows.append({"person_id": colleague["person_id"], "other_id": person["id"], "props": {
                "id": _id("knows", f"{colleague['person_id']}|{person['id']}"),
                "strength": strength,
                "visibility": visibility, "context": rnd.choice(CONTEXTS), "owner": colleague["user_id"],
                "created_at": now_ms, "updated_at": now_ms}})
    plan_id = _id("plan", str(seed))
    for i in range(100):
        a, b = rnd.sample(range(contacts), 2)
        lines.append({"from_id": people[a]["id"], "to_id": people[b]["id"], "props": {
            "id": _id("influence", f"{seed}/{i}"), "plan_id": plan_id, "created_at": now_ms}})
    for i in range(50):
        owner = chosen[i % len(chosen)]["user_id"] if chosen else None
        actions.append({"plan_id": plan_id, "props": {
            "id": _id("action", f"{seed}/{i}"), "title": f"Bench action {i}", "owner": owner,
            "due": f"2026-{1 + i % 12:02d}-15", "status": ACTION_STATUSES[i % len(ACTION_STATUSES)],
            "member_id": people[i % contacts]["id"], "created_at": now_ms, "updated_at": now_ms}})
    plan = {"id": plan_id, "account_id": account_id, "status": "active", "objectives": ["Benchmark objective"],
            "period_start": "2026-01-01", "period_end": "2026-12-31", "created_at": now_ms}
    account = {"id": account_id, "name": f"Bench Account {seed}", "kind": "account", "created_at": now_ms}
    return {"account": account, "people": people, "positions": positions, "reports": reports, "knows": knows,
            "plans": [plan], "members": members, "influences": lines, "actions": actions,
            "colleagues": chosen}


def prepare(store, *, contacts: int = 500, covering: int = 50, seed: int = 1, now_ms: int = 0) -> dict:
    """Add the bench account and its plan unless already there; returns its id and colleagues."""
    colleagues = store.read("bench/list_colleagues")
    if len(colleagues) < 3:
        raise ValueError("the graph has no colleagues: run `bench generate` first")
    data = build(colleagues, contacts=contacts, covering=covering, seed=seed, now_ms=now_ms)
    account_id = data["account"]["id"]
    if store.read("plans/get_plan", account_id=account_id):
        return {"account_id": account_id, "created": False, "colleagues": data["colleagues"]}
    steps = (("bench/create_organisations", [data["account"]]), ("bench/create_people", data["people"]),
             ("bench/add_positions", data["positions"]), ("bench/add_reports", data["reports"]),
             ("relationships/create_knows", data["knows"]))
    for statement, rows in steps:
        for batch in _batches(rows):
            store.write(statement, rows=batch)
    for statement, rows in (("plans/merge_demo_plans", data["plans"]), ("plans/merge_demo_members", data["members"]),
                            ("plans/merge_demo_influences", data["influences"]),
                            ("plans/merge_demo_actions", data["actions"])):
        for batch in _batches(rows):
            store.write(statement, rows=batch)
    return {"account_id": account_id, "created": True, "colleagues": data["colleagues"],
            "knows": len(data["knows"])}


def timings(calls: dict[str, Callable[[], object]], *, runs: int, warmup: int = 2) -> dict:
    """Each call `runs` times (after `warmup` untimed ones), interleaved so noise hits all alike."""
    for _ in range(warmup):
        for call in calls.values():
            call()
    samples: dict = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: summary(ms) for name, ms in samples.items()}
