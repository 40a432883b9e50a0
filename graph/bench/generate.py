"""A realistic synthetic Carnet graph for benchmarks, fully determined by a seed.

`build_plan(Spec)` is pure data (no store): organisations with power-law sizes (a few with a
PART_OF parent), schools, colleague users in teams of about ten with a manager plus one admin,
outsiders with current and ended positions (so former-colleague overlaps exist), reporting
lines inside organisations, education, the colleagues' address books, then KNOWS between
outsiders recorded by colleagues until the graph holds exactly `relationships` KNOWS (the
people's 1–5 relationships; positions, schools and reporting lines come on top). `write_plan` sends it with UNWIND batches (cypher/bench/) through store.write.

Property names are those the services write (graph/services/*.py), so the app reads the
generated graph like one typed in by hand; ids are uuid4-like hex strings drawn from the seed."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import random
import time
from typing import Callable, Iterator

from ..model import CONTEXTS, VISIBILITIES

BASE_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z: "now" of every generated graph
YEAR_MS = 365 * 24 * 3600 * 1000
HOME_ORGANISATION = "Carnet Group (our company)"

FIRST = ("Alice Bruno Camille Denis Elise Fabien Gaelle Hugo Ines Julien Karine Louis Manon Nicolas "
         "Olivia Pierre Quentin Rose Sophie Thomas Ursula Victor Wendy Xavier Yasmine Zoe Adrien Brigitte "
         "Claire David Emma Francois Guillaume Helene Isabelle Jacques Laure Marc Nadia Olivier Pauline "
         "Raphael Sarah Theo Valerie William Anna Ben Chloe Daniel Eva Felix Greta Hans Ivan Jonas Lena "
         "Marta Noah Paul").split()
LAST = ("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre "
        "Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard Andre Mercier Dupont Lambert "
        "Bonnet Francois Martinez Legrand Garnier Faure Rousseau Blanc Guerin Muller Henry Roussel Nicolas "
        "Perrin Morin Mathieu Clement Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Schmidt "
        "Schneider Fischer Weber Meyer Wagner Becker Hoffmann Rossi Russo Ferrari Smith Jones Taylor "
        "Brown Williams Wilson Evans Janssen Peeters Maes").split()
TITLES = ("Chief Executive Officer", "Chief Financial Officer", "Chief Procurement Officer",
          "Head of Purchasing", "Buyer", "Category Manager", "IT Director", "Operations Director",
          "Plant Manager", "Project Manager", "Engineer", "Sales Director", "Marketing Manager",
          "HR Director", "Legal Counsel", "Logistics Manager", "Quality Manager", "R&D Manager",
          "Consultant", "Analyst")
DEPARTMENTS = ("Purchasing", "Finance", "IT", "Operations", "Sales", "Marketing", "HR", "Legal", "R&D",
               "Logistics", "General Management")
SECTORS = ("Aerospace", "Automotive", "Banking", "Chemicals", "Construction", "Energy", "Food",
           "Healthcare", "Insurance", "Logistics", "Luxury", "Media", "Pharma", "Public sector", "Retail",
           "Software", "Telecom", "Transport", "Utilities", "Water")
COUNTRIES = ("France", "Germany", "Belgium", "Switzerland", "Italy", "Spain", "United Kingdom",
             "Netherlands", "Luxembourg", "Canada")
ORG_WORDS = ("Acme Boreal Cobalt Delta Eiffel Fjord Granit Helio Iris Jade Kappa Lumen Mistral Nova Orion "
             "Pyla Quartz Rhone Sirius Titan Ulysse Vega Wagram Zenith Arcadia Bastion Cedre Dune").split()
ORG_SUFFIXES = ("Industries", "Systems", "Logistics", "Energie", "Finance", "Sante", "Telecom", "Conseil",
                "Group", "Services", "Foods", "Mobility", "Software", "Construction", "Chimie")
SCHOOL_KINDS = ("Ecole de Commerce", "Institut Polytechnique", "Universite", "Business School",
                "Ecole d'Ingenieurs", "Institut Superieur")
CITIES = ("Paris", "Lyon", "Lille", "Nantes", "Bordeaux", "Toulouse", "Grenoble", "Strasbourg", "Rennes",
          "Marseille", "Geneve", "Bruxelles", "Munich", "Milano", "Madrid", "London", "Rotterdam", "Montreal")
REGIONS = ("North", "South", "East", "West", "Central", "Atlantic", "Alpine", "Mediterranean", "Capital",
           "Export")
REP_TITLES = ("Key Account Manager", "Account Executive", "Business Developer", "Sales Engineer")

ORG_KINDS = (("account", 30), ("prospect", 30), ("partner", 15), ("supplier", 15), ("other", 10))
VISIBILITY_WEIGHTS = {"private": 15, "exclusive": 35, "team": 30, "company": 20}
STRENGTH_WEIGHTS = {1: 10, 2: 22, 3: 33, 4: 23, 5: 12}
BOOK_CONTEXTS = {"client": 50, "event": 15, "former_colleague": 10, "school": 5, "partner": 10,
                 "friend": 5, "other": 5}
OTHER_CONTEXTS = {"client": 20, "event": 20, "partner": 20, "friend": 15, "family": 5, "school": 10,
                  "other": 10}

NODE_BATCH = 10_000
EDGE_BATCH = 5_000  # KNOWS per write: short enough that reads are not held up long


@dataclasses.dataclass(frozen=True)
class Spec:
    people: int
    relationships: int
    colleagues: int
    seed: int = 1


class PlanError(ValueError):
    """The requested sizes cannot make a sensible graph (too few people or relationships)."""


@dataclasses.dataclass
class Plan:
    spec: Spec
    organisations: list = dataclasses.field(default_factory=list)
    part_of: list = dataclasses.field(default_factory=list)
    teams: list = dataclasses.field(default_factory=list)
    people: list = dataclasses.field(default_factory=list)
    users: list = dataclasses.field(default_factory=list)
    members: list = dataclasses.field(default_factory=list)
    managers: list = dataclasses.field(default_factory=list)
    positions: list = dataclasses.field(default_factory=list)
    education: list = dataclasses.field(default_factory=list)
    reports: list = dataclasses.field(default_factory=list)
    # KNOWS as compact tuples (a, b, owner index, strength, visibility, context); rows are built lazily.
    knows: list = dataclasses.field(default_factory=list)
    user_ids: list = dataclasses.field(default_factory=list)

    def statements(self) -> list[tuple[str, int, Callable[[], Iterator[dict]]]]:
        """(cypher name, row count, row iterator factory) in write order (ends before edges)."""
        return [
            ("bench/create_organisations", len(self.organisations), lambda: iter(self.organisations)),
            ("bench/link_part_of", len(self.part_of), lambda: iter(self.part_of)),
            ("bench/create_teams", len(self.teams), lambda: iter(self.teams)),
            ("bench/create_people", len(self.people), lambda: iter(self.people)),
            ("bench/create_users", len(self.users), lambda: iter(self.users)),
            ("bench/join_teams", len(self.members), lambda: iter(self.members)),
            ("bench/manage_teams", len(self.managers), lambda: iter(self.managers)),
            ("bench/add_positions", len(self.positions), lambda: iter(self.positions)),
            ("bench/add_education", len(self.education), lambda: iter(self.education)),
            ("bench/add_reports", len(self.reports), lambda: iter(self.reports)),
            ("relationships/create_knows", len(self.knows), self.knows_rows),
        ]

    def total_rows(self) -> int:
        return sum(count for _, count, _ in self.statements())

    def relationship_count(self) -> int:
        return (len(self.part_of) + len(self.users) + len(self.members) + len(self.managers)
                + len(self.positions) + len(self.education) + len(self.reports) + len(self.knows))

    def knows_rows(self) -> Iterator[dict]:
        """KNOWS rows as the relationship service writes them; own RNG so batching can't change them."""
        rnd = random.Random(f"{self.spec.seed}-knows")
        ids = [p["id"] for p in self.people]
        for a, b, owner, strength, visibility, context in self.knows:
            created = BASE_MS - rnd.randrange(3 * YEAR_MS)
            rel = {"id": f"{rnd.getrandbits(128):032x}", "strength": strength, "context": context,
                   "since": _date(rnd, rnd.randint(1995, 2024)), "visibility": visibility,
                   "owner": self.user_ids[owner],
                   "created_at": created, "updated_at": created + rnd.randrange(YEAR_MS // 2)}
            if rnd.random() < 0.5:
                rel["last_contact"] = _date(rnd, rnd.randint(2023, 2024))
            yield {"person_id": ids[a], "other_id": ids[b], "props": rel}


def _date(rnd: random.Random, year: int) -> str:
    return f"{year:04d}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def _chooser(rnd: random.Random, weights) -> Callable[[], int]:
    """A fast weighted index picker (bisect over cumulative weights)."""
    cum = list(itertools.accumulate(weights))
    total = cum[-1]
    return lambda: bisect.bisect_right(cum, rnd.random() * total)


def _picker(rnd: random.Random, table: dict) -> Callable:
    keys = list(table)
    pick = _chooser(rnd, list(table.values()))
    return lambda: keys[pick()]


class _Builder:
    def __init__(self, spec: Spec, password_hash: str):
        self.spec = spec
        self.rnd = random.Random(spec.seed)
        self.id_rnd = random.Random(f"{spec.seed}-ids")
        self.password_hash = password_hash
        self.plan = Plan(spec)

    def new_id(self) -> str:
        return f"{self.id_rnd.getrandbits(128):032x}"

    def created(self) -> int:
        return BASE_MS - self.rnd.randrange(5 * YEAR_MS)

    def name(self) -> tuple[str, str]:
        return self.rnd.choice(FIRST), self.rnd.choice(LAST)

    # -- organisations -------------------------------------------------------------------------
    def organisations(self, outsiders: int) -> None:
        rnd, plan = self.rnd, self.plan
        n_orgs = max(5, outsiders // 40)
        n_schools = max(3, outsiders // 250)
        kind = _picker(rnd, dict(ORG_KINDS))
        seen: dict[str, int] = {}

        def unique(name: str) -> str:
            seen[name] = seen.get(name, 0) + 1
            return name if seen[name] == 1 else f"{name} {seen[name]}"

        self.org_ids = []
        for _ in range(n_orgs):
            org = {"id": self.new_id(),
                   "name": unique(f"{rnd.choice(ORG_WORDS)} {rnd.choice(ORG_SUFFIXES)}"),
                   "kind": kind(), "sector": rnd.choice(SECTORS), "country": rnd.choice(COUNTRIES),
                   "created_at": self.created()}
            plan.organisations.append(org)
            self.org_ids.append(org["id"])
        # Power-law sizes: rank i gets weight 1/(i+10)^1.1 (largest ~2.5 % of people, smallest a handful).
        self.pick_org = _chooser(rnd, [1.0 / (i + 10) ** 1.1 for i in range(n_orgs)])
        # Groups: the top 5 % are parents; ~12 % of the others are subsidiaries of one of them.
        parents = max(1, n_orgs // 20)
        for i in range(parents, n_orgs):
            if rnd.random() < 0.12 or (i == n_orgs - 1 and not plan.part_of):  # at least one group
                plan.part_of.append({"id": self.org_ids[i], "parent_id": self.org_ids[rnd.randrange(parents)]})
        self.school_ids = []
        for _ in range(n_schools):
            school = {"id": self.new_id(), "name": unique(f"{rnd.choice(SCHOOL_KINDS)} de {rnd.choice(CITIES)}"),
                      "kind": "school", "country": rnd.choice(COUNTRIES), "created_at": self.created()}
            plan.organisations.append(school)
            self.school_ids.append(school["id"])
        self.pick_school = _chooser(rnd, [1.0 / (i + 3) for i in range(n_schools)])
        home = {"id": self.new_id(), "name": HOME_ORGANISATION, "kind": "other", "sector": "Software",
                "country": "France", "created_at": self.created()}
        plan.organisations.append(home)
        self.home_id = home["id"]

    # -- colleagues ----------------------------------------------------------------------------
    def colleagues(self) -> None:
        rnd, plan, spec = self.rnd, self.plan, self.spec
        used: set[str] = set()
        n_teams = max(min(2, (spec.colleagues - 1) // 2), round((spec.colleagues - 1) / 10))
        for t in range(n_teams):
            region = REGIONS[t % len(REGIONS)]
            name = region if t < len(REGIONS) else f"{region} {t // len(REGIONS) + 1}"
            plan.teams.append({"id": self.new_id(), "name": name, "created_at": self.created()})
        self.team_of = []  # colleague index -> team index (None for the admin)
        self.manager_of_team = {}
        for c in range(spec.colleagues):
            first, last = self.name()
            username = "admin" if c == 0 else f"{first}.{last}".lower()
            if username in used:
                username = f"{username}{c}"
            used.add(username)
            if c == 0:
                role, team = "admin", None
            else:
                team = (c - 1) % n_teams
                role = "manager" if team not in self.manager_of_team else "rep"
                if role == "manager":
                    self.manager_of_team[team] = c
            self.team_of.append(team)
            created = self.created()
            user_id, person_id = self.new_id(), self.new_id()
            name = f"{first} {last}"
            plan.user_ids.append(user_id)
            plan.users.append({"person_id": person_id, "user": {
                "id": user_id, "username": username, "password_hash": self.password_hash, "role": role,
                "name": name, "active": True, "auth_epoch": 0, "created_at": created}})
            title = {"admin": "Sales Operations", "manager": "Sales Manager"}.get(role) or rnd.choice(REP_TITLES)
            plan.people.append({"id": person_id, "name": name, "title": title,
                                "email": f"{username}@carnet.example", "email_by": user_id, "colleague": True,
                                "created_by": user_id, "created_at": created})
            if team is not None:
                plan.members.append({"user_id": user_id, "team_id": plan.teams[team]["id"]})
                if role == "manager":
                    plan.managers.append({"user_id": user_id, "team_id": plan.teams[team]["id"]})
            self.position(c, self.home_id, title, rnd.randint(2012, 2024), None)
            if rnd.random() < 0.5:  # many reps came from a client or partner: former-colleague links
                end = rnd.randint(2005, 2023)
                self.position(c, self.org_ids[self.pick_org()], rnd.choice(TITLES), end - rnd.randint(1, 8), end)
            if rnd.random() < 0.6:
                self.study(c)
        for c in range(1, spec.colleagues):
            boss = self.manager_of_team[self.team_of[c]]
            if boss != c:
                self.plan.reports.append({"id": plan.people[c]["id"], "boss_id": plan.people[boss]["id"]})

    def position(self, person: int, org_id: str, title: str, start_year: int, end_year: int | None) -> None:
        rnd = self.rnd
        position = {"id": self.new_id(), "title": title, "department": rnd.choice(DEPARTMENTS),
                    "start": _date(rnd, start_year), "created_at": self.created()}
        if end_year is not None:
            position["end"] = _date(rnd, end_year)
            if position["end"] < position["start"]:
                position["start"], position["end"] = position["end"], position["start"]
        self.plan.positions.append({"person_id": self.plan.people[person]["id"], "organisation_id": org_id,
                                    "position": position})

    def study(self, person: int) -> None:
        rnd = self.rnd
        start = rnd.randint(1980, 2016)
        self.plan.education.append({"person_id": self.plan.people[person]["id"],
                                    "school_id": self.school_ids[self.pick_school()],
                                    "education": {"id": self.new_id(), "start": f"{start}-09-01",
                                                  "end": f"{start + rnd.randint(2, 5)}-06-30",
                                                  "created_at": self.created()}})

    # -- outsiders -----------------------------------------------------------------------------
    def outsiders(self) -> None:
        rnd, plan, spec = self.rnd, self.plan, self.spec
        self.staff: dict[int, list[int]] = {}  # org index -> current staff (person indices)
        self.former: dict[int, list[int]] = {}  # person index -> orgs of ended positions
        self.employer: dict[int, int] = {}
        for p in range(spec.colleagues, spec.people):
            first, last = self.name()
            created = self.created()
            title = rnd.choice(TITLES)
            person = {"id": self.new_id(), "name": f"{first} {last}", "title": title,
                      "created_by": plan.user_ids[rnd.randrange(spec.colleagues)],
                      "created_at": created, "updated_at": created}
            if rnd.random() < 0.7:
                person["email"] = f"{first}.{last}.{p}@example.com".lower()
                person["email_by"] = person["created_by"]  # who entered a detail sees it (graph/visibility.py)
            if rnd.random() < 0.4:
                person["phone"] = f"+33 1 {rnd.randrange(100):02d} {rnd.randrange(100):02d} {rnd.randrange(10000):04d}"
                person["phone_by"] = person["created_by"]
            plan.people.append(person)
            current_start = 2025
            if rnd.random() < 0.92:
                org = self.pick_org()
                current_start = rnd.randint(2005, 2024)
                self.position(p, self.org_ids[org], title, current_start, None)
                self.staff.setdefault(org, []).append(p)
                self.employer[p] = org
            roll = rnd.random()
            for _ in range(2 if roll < 0.12 else 1 if roll < 0.52 else 0):
                org = self.pick_org()
                if org == self.employer.get(p):
                    continue
                end = rnd.randint(max(1990, current_start - 10), current_start)
                self.position(p, self.org_ids[org], rnd.choice(TITLES), end - rnd.randint(1, 8), end)
                self.former.setdefault(p, []).append(org)
            if rnd.random() < 0.55:
                self.study(p)
        # Reporting lines: each organisation's current staff as a 5-ary tree, some lines missing.
        for org in range(len(self.org_ids)):
            members = self.staff.get(org, [])
            for i in range(1, len(members)):
                if rnd.random() < 0.8:
                    plan.reports.append({"id": plan.people[members[i]]["id"],
                                         "boss_id": plan.people[members[(i - 1) // 5]]["id"]})

    # -- KNOWS ---------------------------------------------------------------------------------
    def relationships(self) -> None:
        rnd, plan, spec = self.rnd, self.plan, self.spec
        if spec.relationships < spec.colleagues:
            raise PlanError(f"--relationships must be at least {spec.colleagues} (one per colleague)")
        first_out, outsiders = spec.colleagues, spec.people - spec.colleagues
        visibility = _picker(rnd, VISIBILITY_WEIGHTS)
        strength = _picker(rnd, STRENGTH_WEIGHTS)
        book_context, other_context = _picker(rnd, BOOK_CONTEXTS), _picker(rnd, OTHER_CONTEXTS)
        pairs: set[int] = set()
        n = spec.people

        def add(a: int, b: int, owner: int, s: int, vis: str, ctx: str) -> bool:
            key = a * n + b if a < b else b * n + a
            if a == b or key in pairs:
                return False
            pairs.add(key)
            plan.knows.append((a, b, owner, s, vis, ctx))
            return True

        # Reps know their manager (team level, strong).
        for c in range(1, spec.colleagues):
            boss = self.manager_of_team[self.team_of[c]]
            if boss != c:
                add(c, boss, c, 4, "team", "colleague")
        # Address books: a few hundred contacts each, mostly staff of the colleague's accounts.
        budget = spec.relationships - len(plan.knows)
        per_book = max(1, min(400, int(budget * 0.35) // spec.colleagues, outsiders // 2))
        self.owners_of: dict[int, list[int]] = {}
        staffed = [org for org in range(len(self.org_ids)) if self.staff.get(org)]
        for c in range(spec.colleagues):
            size = rnd.randint(max(1, per_book // 2), per_book)
            accounts = [self.pick_org() for _ in range(rnd.randint(4, 12))]
            accounts = [o for o in accounts if self.staff.get(o)] or staffed[:1]
            got, tries = 0, 0
            while got < size and tries < size * 20:
                tries += 1
                if accounts and rnd.random() < 0.7:
                    contact = rnd.choice(self.staff[rnd.choice(accounts)])
                else:
                    contact = first_out + rnd.randrange(outsiders)
                if add(c, contact, c, strength(), visibility(), book_context()):
                    self.owners_of.setdefault(contact, []).append(c)
                    got += 1
        # Outsiders who know each other, recorded by a colleague (often one who knows one end).
        fill = spec.relationships - len(plan.knows)
        if fill > outsiders * (outsiders - 1) // 4:
            raise PlanError(f"--relationships {spec.relationships} is too many for {spec.people} people")
        tries = 0
        while fill > 0:
            tries += 1
            if tries > 50 * (spec.relationships + 100):
                raise PlanError("could not place that many distinct relationships; add people")
            a = first_out + int(outsiders * rnd.random() ** 1.6)  # a few people know many
            roll = rnd.random()
            org = self.employer.get(a)
            if roll < 0.5 and org is not None and len(self.staff[org]) > 1:
                b, ctx = rnd.choice(self.staff[org]), "colleague"
            elif roll < 0.65 and a in self.former:
                staff = self.staff.get(rnd.choice(self.former[a]))
                if not staff:
                    continue
                b, ctx = rnd.choice(staff), "former_colleague"
            else:
                b, ctx = first_out + rnd.randrange(outsiders), other_context()
            owners = self.owners_of.get(a) or self.owners_of.get(b)
            owner = rnd.choice(owners) if owners and rnd.random() < 0.7 else rnd.randrange(spec.colleagues)
            if add(a, b, owner, strength(), visibility(), ctx):
                fill -= 1


def build_plan(spec: Spec, password_hash: str) -> Plan:
    """The whole graph as data; the same spec always gives the same plan (except the hash)."""
    if spec.colleagues < 3:
        raise PlanError("--colleagues must be at least 3 (an admin, a manager and a rep)")
    if spec.people < spec.colleagues + 20:
        raise PlanError("--people must exceed --colleagues by at least 20")
    builder = _Builder(spec, password_hash)
    builder.organisations(spec.people - spec.colleagues)
    builder.colleagues()
    builder.outsiders()
    builder.relationships()
    assert len(builder.plan.knows) == spec.relationships
    return builder.plan


def _batches(rows: Iterator[dict], size: int) -> Iterator[list[dict]]:
    while True:
        batch = list(itertools.islice(rows, size))
        if not batch:
            return
        yield batch


def write_plan(store, plan: Plan, *, on_rows: Callable[[int], None] | None = None,
               node_batch: int = NODE_BATCH, edge_batch: int = EDGE_BATCH) -> dict:
    """Write the plan in short UNWIND batches; returns seconds spent per statement."""
    timings = {}
    for name, count, rows in plan.statements():
        started = time.perf_counter()
        size = edge_batch if name == "relationships/create_knows" or not name.split("/")[1].startswith("create_") \
            else node_batch
        for batch in _batches(rows(), size):
            created = store.write(name, rows=batch)
            done = created[0]["created"] if created else 0
            if done != len(batch):
                raise RuntimeError(f"{name}: wrote {done} of {len(batch)} rows (missing end nodes?)")
            if on_rows:
                on_rows(len(batch))
        timings[name.split("/")[1]] = round(time.perf_counter() - started, 3)
    return timings
