"""`demo load`: a realistic fictional data set, idempotent, whose printed logins work."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

import pytest

from graph import backup, demo
from graph.errors import Conflict
from graph.model import CONTEXTS, STRENGTHS, VISIBILITIES
from graph.visibility import SYSTEM
from tests.conftest import PASSWORD

LOGIN_LINE = re.compile(r"^\s+(\S+)\s+(\S+)\s+(rep|manager|admin)\s+(.+)$")


def load(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def loaded(app):
    output = load(app)
    nodes, rels = backup.snapshot(app.extensions["carnet"].store)
    return output, nodes, rels


def by_label(nodes, label):
    return [n["props"] for n in nodes if n["labels"] == [label]]


def by_type(rels, rtype):
    return [r for r in rels if r["type"] == rtype]


def test_loading_twice_changes_nothing(app, loaded):
    output, nodes, rels = loaded
    assert "demo data loaded" in output
    store = app.extensions["carnet"].store
    version = store.version()
    again = load(app)
    assert "already loaded; nothing changed" in again
    assert backup.snapshot(store) == (nodes, rels)
    assert store.version() == version  # not a single write


def test_printed_logins_work(app, loaded):
    output, _, _ = loaded
    logins = [m.groups() for m in map(LOGIN_LINE.match, output.splitlines()) if m]
    assert len(logins) >= 11
    services = app.extensions["carnet"]
    for username, password, role, team in logins:
        user = services.users.authenticate(username, password)
        assert user["role"] == role
        assert (user["team"] or "-") == team.strip()
    assert {role for _, _, role, _ in logins} == {"rep", "manager", "admin"}


def test_the_team_has_colleagues_in_teams_with_a_manager_each(app, loaded):
    users = app.extensions["carnet"].users.list(SYSTEM)
    in_teams = [u for u in users if u["team"]]
    assert len(in_teams) >= 10
    teams = {u["team"] for u in in_teams}
    assert len(teams) >= 2
    listed = {t["name"]: t for t in app.extensions["carnet"].users.teams()}
    for team in teams:
        assert len(listed[team]["managers"]) == 1
    assert sum(u["role"] == "admin" for u in users) == 1


def test_the_market_is_realistic(loaded):
    _, nodes, rels = loaded
    people = by_label(nodes, "Person")
    assert len(people) >= 100
    orgs = {o["id"]: o for o in by_label(nodes, "Organisation")}
    kinds = Counter(o["kind"] for o in orgs.values())
    assert kinds["account"] >= 4 and kinds["partner"] >= 1 and kinds["supplier"] >= 1 and kinds["school"] >= 3
    part_of = by_type(rels, "PART_OF")
    assert len({r["to"] for r in part_of}) >= 4  # several groups with subsidiaries
    # Every person has a current job; reporting lines end at one head per group.
    current = {r["from"] for r in by_type(rels, "WORKS_AT") if "end" not in r["props"]}
    assert current == {f"Person:{p['id']}" for p in people}
    bosses = {r["from"]: r["to"] for r in by_type(rels, "REPORTS_TO")}
    for person in people:
        chain, key = [], f"Person:{person['id']}"
        while key in bosses:
            key = bosses[key]
            chain.append(key)
            assert len(chain) < 10, "reporting loop"
    heads = {f"Person:{p['id']}" for p in people} - set(bosses)
    assert 10 <= len(heads) <= 15  # one per group, partner, supplier and our own company


def test_former_colleagues_and_shared_schools_exist(loaded):
    _, _, rels = loaded
    stints = defaultdict(list)
    for r in by_type(rels, "WORKS_AT"):
        stints[r["to"]].append((r["from"], r["props"].get("start") or "", r["props"].get("end") or "9999"))
    former = {tuple(sorted((a[0], b[0])))
              for jobs in stints.values() for a in jobs for b in jobs
              if a[0] != b[0] and (a[2] != "9999" or b[2] != "9999") and a[1] <= b[2] and b[1] <= a[2]}
    assert len(former) >= 20
    schools = Counter(r["to"] for r in by_type(rels, "STUDIED_AT"))
    assert len(schools) >= 3 and max(schools.values()) >= 2


def test_address_books_cover_every_strength_context_and_level(loaded):
    _, nodes, rels = loaded
    knows = [r["props"] for r in by_type(rels, "KNOWS")]
    assert {k["strength"] for k in knows} == set(STRENGTHS)
    assert {k["context"] for k in knows} == set(CONTEXTS)
    assert {k["visibility"] for k in knows} == set(VISIBILITIES)
    users = {u["id"] for u in by_label(nodes, "User")}
    assert {k["owner"] for k in knows} <= users
    assert len({k["owner"] for k in knows}) >= 10
    assert len({k["pair"] for k in knows}) == len(knows)  # one relationship per owner per pair
    assert all(k["pair"].startswith(k["owner"] + "|") for k in knows)
    colleague_people = {f"Person:{p['id']}" for p in by_label(nodes, "Person") if p.get("colleague")}
    outsiders = [r for r in by_type(rels, "KNOWS") if r["from"] not in colleague_people
                 and r["to"] not in colleague_people]
    assert len(outsiders) >= 5  # recorded by a colleague between two people of the market
    today = dt.date.today().isoformat()
    assert all(k["since"] <= k["last_contact"] <= today for k in knows)


def test_a_private_tie_stays_private_in_the_loaded_data(app, loaded):
    _, nodes, rels = loaded
    services = app.extensions["carnet"]
    private = next(r for r in by_type(rels, "KNOWS") if r["props"]["visibility"] == "private")
    owner = private["props"]["owner"]
    other = next(u for u in by_label(nodes, "User") if u["id"] != owner and u["role"] == "rep")
    viewer = services.users.viewer(other["id"])
    target = private["to"].split(":", 1)[1]
    assert all(r["id"] != private["props"]["id"] for r in services.relationships.touching(viewer, target))
    assert any(r["id"] == private["props"]["id"]
               for r in services.relationships.touching(services.users.viewer(owner), target))


def test_the_data_set_is_deterministic():
    today, now = dt.date(2026, 1, 15), 1_768_435_200_000
    assert demo.build(today, now) == demo.build(today, now)
    first, later = demo.build(today, now), demo.build(today + dt.timedelta(days=3), now + 3 * 86_400_000)

    def ids(data):  # a later run derives the same ids, so MERGE finds what an earlier run wrote
        return ([o["id"] for o in data["organisations"]], [p["id"] for p in data["people"]],
                [u["user"]["id"] for u in data["users"]], [k["props"]["id"] for k in data["knows"]],
                [w["props"]["id"] for w in data["positions"]])

    assert ids(first) == ids(later)
    assert len(set(ids(first)[1])) == len(first["people"])


def test_a_taken_demo_username_is_refused_before_writing(app):
    app.extensions["carnet"].users.create(SYSTEM, {"username": "julien", "password": PASSWORD, "role": "rep"})
    store = app.extensions["carnet"].store
    before = backup.snapshot(store)
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 1
    assert "error: username: the demo username julien is already used by another user" in result.output
    assert backup.snapshot(store) == before
    with pytest.raises(Conflict):
        demo.load(app.extensions["carnet"])
