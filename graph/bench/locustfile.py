"""Locust users for `bench load` (graph/bench/load.py runs this file; never imported by Carnet).

Each simulated user is one colleague of the scenario file (CARNET_LOAD_SCENARIO): pages with
their session cookie, the JSON API with their bearer token. The mix, by weight: person,
organisation and home pages; path searches (API and page); account plans (API and page); the
adoption dashboard (managers and admins; reps view a person instead); and writes — editing one of their own relationships, recording a person (JSON person reads instead
with --read-only: every write moves the change counter that per-process caches are keyed by)."""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import FastHttpUser, between, task

SCENARIO = json.loads(open(os.environ["CARNET_LOAD_SCENARIO"], encoding="utf-8").read())
_NEXT = itertools.count()


class Colleague(FastHttpUser):
    wait_time = between(SCENARIO["think_min_s"], SCENARIO["think_max_s"])

    def on_start(self):
        n = next(_NEXT)
        me = SCENARIO["users"][n % len(SCENARIO["users"])]
        self.rnd = random.Random(SCENARIO["seed"] * 1000 + n)
        self.page = {"Cookie": f"{SCENARIO['cookie_name']}={me['cookie']}"}
        self.api = {"Authorization": f"Bearer {me['token']}"}
        self.relationships = me["relationships"]
        self.small_book = me["address_book"] <= SCENARIO["home_max_book"]
        self.serial = itertools.count()
        self.tag = f"{me['username']}-{n}"
        self.manages = me.get("role") in ("manager", "admin")

    def _get(self, path: str, name: str, headers: dict):
        with self.client.get(path, headers=headers, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")

    def _pick(self, key: str) -> str:
        return self.rnd.choice(SCENARIO[key])

    # -- page views ---------------------------------------------------------------------------------
    @task(5)
    def person_page(self):
        self._get(f"/people/{self._pick('people')}", "/people/[id]", self.page)

    @task(2)
    def organisation_page(self):
        self._get(f"/organisations/{self._pick('organisations')}", "/organisations/[id]", self.page)

    @task(1)
    def home_page(self):
        """The home page lists the whole address book, unpaged: only for users whose book is of a
        realistic size (the synthetic colleagues know thousands each)."""
        if self.small_book:
            self._get("/", "/", self.page)
        else:
            self.person_page()

    @task(2)
    def person_json(self):
        self._get(f"/api/people/{self._pick('people')}", "/api/people/[id]", self.api)

    # -- path searches -------------------------------------------------------------------------------
    @task(3)
    def path_search(self):
        self._get(f"/api/paths?target={self._pick('targets')}", "/api/paths?target=[id]", self.api)

    @task(1)
    def paths_page(self):
        self._get(f"/people/{self._pick('targets')}/paths", "/people/[id]/paths", self.page)

    # -- account plans -------------------------------------------------------------------------------
    @task(2)
    def plan_json(self):
        self._get(f"/api/accounts/{self._pick('accounts')}/plan", "/api/accounts/[id]/plan", self.api)

    @task(1)
    def plan_page(self):
        self._get(f"/accounts/{self._pick('accounts')}/plan", "/accounts/[id]/plan", self.page)

    # -- adoption dashboard (every relationship of the team's reps is counted) ------------------------
    @task(1)
    def adoption_page(self):
        if self.manages:
            self._get("/adoption", "/adoption", self.page)
        else:
            self.person_page()

    # -- writes --------------------------------------------------------------------------------------
    @task(2)
    def edit_relationship(self):
        if not self.relationships or SCENARIO["read_only"]:
            self.person_json()
            return
        body = {"strength": self.rnd.randint(1, 5), "last_contact": SCENARIO["today"]}
        with self.client.patch(f"/api/relationships/{self.rnd.choice(self.relationships)}", json=body,
                               headers=self.api, name="/api/relationships/[id]", catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")

    @task(1)
    def record_person(self):
        if SCENARIO["read_only"]:
            self.person_json()
            return
        body = {"name": f"Load Person {self.tag}-{next(self.serial)}", "title": "Acheteur"}
        with self.client.post("/api/people", json=body, headers=self.api, name="/api/people",
                              catch_response=True) as answer:
            if answer.status_code != 201:
                answer.failure(f"HTTP {answer.status_code}")
