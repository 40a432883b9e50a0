"""Full-text search on the real embedded FalkorDB: accents, case, prefixes, AND, ranking
(against a brute-force oracle), index and scan giving the same answers, asynchronous index
builds, the backfill, and visibility: a note matches only for a viewer who may read it."""

from __future__ import annotations

import random
import time
import uuid

import pytest

from graph import searchtext
from graph.adapters.falkordb_store import FalkorDBStore
from graph.services import Services
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH
from tests.visibility_table import CAST, LEVELS, READS_DETAIL, SEES

ALL_INDEXES = {"Person", "Organisation", "KNOWS"}


def wait_for_indexes(services, timeout: float = 60.0) -> None:
    """Index builds are asynchronous: poll until every full-text index answers."""
    deadline = time.monotonic() + timeout
    while services.search.ready_indexes() != ALL_INDEXES:
        assert time.monotonic() < deadline, f"indexes not ready: {services.search.ready_indexes()}"
        time.sleep(0.05)


def names(found: dict, group: str = "people") -> list[str]:
    return [r["name"] for r in found[group]]


@pytest.fixture
def admin(services, cast):
    wait_for_indexes(services)
    return cast.viewer("ada")


@pytest.fixture
def bare(data_dir):
    """Services on a graph that has no schema yet (before `graph init`): no full-text index."""
    store = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    yield Services(store, password_method=FAST_HASH)
    store.clear()
    store.close()


# -- matching --------------------------------------------------------------------------------------
def test_accents_case_and_prefixes_match_both_ways(services, admin):
    services.people.create(admin, {"name": "Hélène Dupont", "title": "Directrice financière"})
    services.people.create(admin, {"name": "HELENE MARTIN"})
    services.people.create(admin, {"name": "Marc Lenoir"})
    for q in ("Hélène", "helene", "HÉLÈNE", "hél", "hel", "Hele"):
        assert names(services.search.search(admin, q)) == ["Hélène Dupont", "HELENE MARTIN"], q
    assert names(services.search.search(admin, "financiere")) == ["Hélène Dupont"]
    assert names(services.search.search(admin, "DIRECT fin")) == ["Hélène Dupont"]
    assert names(services.search.search(admin, "lène")) == []  # the start of a word, not its middle
    services.people.create(admin, {"name": "Anticonstitutionnellement Long"})
    services.people.create(admin, {"name": "Anticonstitutionnel Court"})
    for q, expected in (("anticonstitutionnellement", ["Anticonstitutionnellement Long"]),
                        ("anticonstitutionnelle", ["Anticonstitutionnellement Long"]),  # past the 20 stored
                        ("anticonstitutionnel", ["Anticonstitutionnel Court", "Anticonstitutionnellement Long"])):
        assert names(services.search.search(admin, q)) == expected, q


def test_all_words_must_match_and_not_any(services, admin):
    """AND on every backend: FalkorDB's own syntax ANDs, Neo4j's ORs; the service does not care."""
    services.people.create(admin, {"name": "Hélène Dupont", "title": "CFO"})
    services.people.create(admin, {"name": "Hélène Durand", "title": "CEO"})
    services.people.create(admin, {"name": "Paul Dupont", "title": "CFO"})
    assert names(services.search.search(admin, "helene cfo")) == ["Hélène Dupont"]
    assert names(services.search.search(admin, "dupont cfo")) == ["Hélène Dupont", "Paul Dupont"]
    assert names(services.search.search(admin, "helene cto")) == []
    org = services.organisations.create(admin, {"name": "Acmé", "kind": "account", "sector": "Énergie",
                                                "country": "France"})
    services.organisations.create(admin, {"name": "Acme Water", "kind": "prospect", "country": "France"})
    assert names(services.search.search(admin, "acme energie"), "organisations") == ["Acmé"]
    assert names(services.search.search(admin, "france"), "organisations") == ["Acmé", "Acme Water"]
    assert org["id"] == services.search.search(admin, "fr ener")["organisations"][0]["id"]


def test_people_match_through_their_current_organisation(services, admin):
    acme = services.organisations.create(admin, {"name": "Acmé Énergie", "kind": "account", "sector": "Oil"})
    old = services.organisations.create(admin, {"name": "Acmé Legacy", "kind": "other"})
    worker = services.people.create(admin, {"name": "Zoé Worker", "organisation_id": acme["id"]})
    leaver = services.people.create(admin, {"name": "Yann Leaver"})
    services.people.add_position(admin, leaver["id"], {"organisation_id": old["id"], "start": "2010-01-01",
                                                       "end": "2012-01-01"})
    found = services.search.search(admin, "acme")
    assert names(found) == ["Zoé Worker"]  # a former employer does not count
    assert found["people"][0]["organisation_id"] == acme["id"] and found["people"][0]["rank"] == 3
    assert names(services.search.search(admin, "oil")) == []  # the organisation's name only, not its sector
    assert worker["id"] == services.search.search(admin, "energie")["people"][0]["id"]


def test_ranking_exact_then_prefix_then_name_words_then_other_fields(services, admin):
    for name, title in (("Marc Olivier", None), ("Marc", None), ("Marcel Duval", None),
                        ("Anne Marchand", None), ("Zed Alpha", "Marcom director"), ("marc", "twin")):
        services.people.create(admin, {"name": name, "title": title})
    found = services.search.search(admin, "Marc")
    assert [(p["name"].lower(), p["rank"]) for p in found["people"]] == [
        ("marc", 0), ("marc", 0), ("marc olivier", 1), ("marcel duval", 1), ("anne marchand", 2),
        ("zed alpha", 3)]
    twins = found["people"][:2]
    assert [p["id"] for p in twins] == sorted(p["id"] for p in twins)  # the same folded name: by id
    assert [p["name"].lower() for p in services.search.search(admin, "marc", limit=3)["people"]] == [
        "marc", "marc", "marc olivier"]


def test_updates_keep_the_search_fields_in_step(services, admin, cast):
    person = services.people.create(admin, {"name": "Old Name", "title": "Buyer"})
    services.people.update(admin, person["id"], {"name": "Nouveau Nom"})
    assert names(services.search.search(admin, "old")) == []
    assert names(services.search.search(admin, "nouveau buyer")) == ["Nouveau Nom"]
    services.people.update(admin, person["id"], {"title": "Acheteuse"})
    assert names(services.search.search(admin, "nouveau ache")) == ["Nouveau Nom"]
    org = services.organisations.create(admin, {"name": "Before", "kind": "account"})
    services.organisations.update(admin, org["id"], {"name": "Après", "kind": "account", "sector": "Rail"})
    assert names(services.search.search(admin, "apres rail"), "organisations") == ["Après"]
    alice = cast.viewer("alice")
    rel = services.relationships.create(alice, {"person_id": alice.person_id, "other_id": person["id"],
                                                "strength": 3, "notes": "met at golf", "visibility": "private"})
    services.relationships.update(alice, rel["id"], {"notes": "dinner in Évian"})
    assert services.search.search(alice, "golf")["notes"] == []
    assert [n["id"] for n in services.search.search(alice, "evian dinner")["notes"]] == [rel["id"]]
    services.relationships.update(alice, rel["id"], {"context": "former_colleague"})
    assert [n["id"] for n in services.search.search(alice, "former coll evian")["notes"]] == [rel["id"]]


def test_kind_limit_and_bad_input(services, admin):
    services.people.create(admin, {"name": "Kim Acme"})
    services.organisations.create(admin, {"name": "Acme", "kind": "account"})
    found = services.search.search(admin, "acme", kind="organisation")
    assert found["people"] == [] and names(found, "organisations") == ["Acme"]
    assert services.search.search(admin, "   ") == {"q": "", "people": [], "organisations": [], "notes": []}
    from graph.errors import ValidationError
    for kwargs, field in (({"q": "x" * 101}, "q"), ({"q": "a", "kind": "team"}, "kind"),
                          ({"q": "a", "limit": 0}, "limit"), ({"q": "a", "limit": 101}, "limit")):
        with pytest.raises(ValidationError) as err:
            services.search.search(admin, **kwargs)
        assert err.value.field == field


# -- the index and the scan answer the same; builds are asynchronous --------------------------------
VOCAB = ["Hélène", "Helen", "Hélio", "Marc", "Marcel", "Marchand", "Dupont", "Dupond", "Duval", "Le Gall",
         "Zoë", "Zola", "Ångström", "Anne", "Annette", "Éric", "Erica"]
TITLES = [None, "CFO", "Chief Financial Officer", "Head of Sales", "Directeur Général", "Acheteur"]
ORGS = [("Acmé", "Énergie", "France"), ("Acme Water", "Utilities", "Belgique"), ("Hélios SA", "Solar", "Suisse"),
        ("Marchand Frères", "Retail", "France")]


def build_random_graph(services, viewer, rng) -> dict:
    orgs = [services.organisations.create(viewer, {"name": n, "kind": "account", "sector": s, "country": c})
            for n, s, c in ORGS]
    people = []
    for _ in range(30):
        name = " ".join(rng.sample(VOCAB, rng.choice((1, 2, 2, 3))))
        org = rng.choice(orgs + [None])
        data = {"name": name, "title": rng.choice(TITLES)}
        if org:
            data["organisation_id"] = org["id"]
        people.append(dict(services.people.create(viewer, data), org=org))
    return {"orgs": orgs, "people": people}


def oracle(graph: dict, q: str) -> tuple[list, list]:
    """Brute force over the records, written from the rules (not from the Cypher)."""
    words_q = list(dict.fromkeys(searchtext.fold(q).split()))
    phrase = searchtext.fold(q)

    def has_all(*texts):
        words = searchtext.fold(" ".join(t for t in texts if t)).split()
        return all(any(w.startswith(t) for w in words) for t in words_q)

    def rank(name):
        folded = searchtext.fold(name)
        if folded == phrase:
            return 0
        if folded.startswith(phrase):
            return 1
        return 2 if has_all(name) else 3

    people = []
    for p in graph["people"]:
        if has_all(p["name"], p["title"]):
            people.append((rank(p["name"]), searchtext.fold(p["name"]), p["id"]))
        elif p["org"] and has_all(p["org"]["name"]):
            people.append((3, searchtext.fold(p["name"]), p["id"]))
    orgs = [(rank(o["name"]), searchtext.fold(o["name"]), o["id"]) for o in graph["orgs"]
            if has_all(o["name"], o["sector"], o["country"])]
    return [i for *_, i in sorted(people)], [i for *_, i in sorted(orgs)]


def random_queries(rng, n: int) -> list[str]:
    words = [w for v in VOCAB + TITLES[1:] + [o[0] for o in ORGS] for w in v.split()]
    out = []
    for _ in range(n):
        picked = [rng.choice(words) for _ in range(rng.choice((1, 1, 2)))]
        cut = [w[:rng.randint(1, len(w))] for w in picked]
        out.append(" ".join(w.upper() if rng.random() < 0.3 else w for w in cut))
    return out


def ids(found: dict) -> tuple[list, list]:
    return [p["id"] for p in found["people"]], [o["id"] for o in found["organisations"]]


@pytest.mark.parametrize("seed", [1, 2])
def test_index_and_scan_agree_with_a_brute_force_oracle(bare, seed):
    """Same random graph, same queries: the scan (no index yet), then the index once built."""
    rng = random.Random(seed)
    viewer = SYSTEM
    graph = build_random_graph(bare, viewer, rng)
    queries = random_queries(rng, 40)
    assert bare.search.ready_indexes() == set()
    scanned = {q: ids(bare.search.search(viewer, q, limit=100)) for q in queries}
    bare.store.ensure_schema()  # `graph init`: the indexes build over existing data, asynchronously
    during = {q: ids(bare.search.search(viewer, q, limit=100)) for q in queries[:5]}
    wait_for_indexes(bare)
    for q in queries:
        expected = oracle(graph, q)
        assert scanned[q] == expected, q
        assert ids(bare.search.search(viewer, q, limit=100)) == expected, q
        if q in during:
            assert during[q] == expected, q
    assert any(scanned[q] != ([], []) for q in queries)  # the queries do find things


# -- backfill ----------------------------------------------------------------------------------------
def test_backfill_fills_records_written_without_search_fields(services, admin, cast):
    services.store.write("backup/create_person", rows=[{"id": "p-old", "name": "Édith Ancienne", "title": "CTO"}])
    services.store.write("backup/create_organisation", rows=[{"id": "o-old", "name": "Vieux Groupe",
                                                               "kind": "account", "country": "Italia"}])
    services.store.write("relationships/create_knows", rows=[{"person_id": cast.person("alice"), "other_id": "p-old", "props": {
        "id": "k-old", "owner": cast.id("alice"), "visibility": "company", "strength": 2, "notes": "Opéra de Lyon"}}])
    assert services.search.search(admin, "edith")["people"] == []
    assert services.search.backfill() == {"person": 1, "organisation": 1, "note": 1}
    assert names(services.search.search(admin, "edith cto")) == ["Édith Ancienne"]
    assert names(services.search.search(admin, "vieux ital"), "organisations") == ["Vieux Groupe"]
    assert [n["id"] for n in services.search.search(admin, "opera lyon")["notes"]] == ["k-old"]
    assert services.search.backfill() == {"person": 0, "organisation": 0, "note": 0}


# -- visibility --------------------------------------------------------------------------------------
@pytest.fixture
def notes_world(services, cast):
    """alice enters one contact per level (with an e-mail) and knows them at that level; each
    note carries its own word (and a shared one)."""
    wait_for_indexes(services)
    alice = cast.viewer("alice")
    world = {}
    for level in LEVELS:
        person = services.people.create(alice, {"name": f"Contact {level.title()}",
                                                "email": f"{level}@secret.example"})
        rel = services.relationships.create(alice, {"person_id": alice.person_id, "other_id": person["id"],
                                                    "strength": 4, "context": "client",
                                                    "notes": f"quokka {level}word dinner", "visibility": level})
        world[level] = {"person": person["id"], "rel": rel["id"]}
    return world


@pytest.mark.parametrize("role", list(CAST))
@pytest.mark.parametrize("level", LEVELS)
def test_a_note_matches_only_where_the_table_says_visible(services, cast, notes_world, role, level):
    viewer = cast.viewer(CAST[role])
    found = services.search.search(viewer, f"quokka {level}word")
    visible = SEES[role][level] == "V"
    assert [n["id"] for n in found["notes"]] == ([notes_world[level]["rel"]] if visible else [])
    assert found["people"] == [] and found["organisations"] == []
    everything = services.search.search(viewer, "quokka", limit=100)["notes"]
    assert [n["other_name"] for n in everything] == sorted(n["other_name"] for n in everything)
    assert (notes_world[level]["rel"] in [n["id"] for n in everything]) == visible
    by_context = services.search.search(viewer, "client dinner", kind="note", limit=100)["notes"]
    assert (notes_world[level]["rel"] in [n["id"] for n in by_context]) == visible  # context is locked too
    if visible:
        assert found["notes"][0]["notes"] == f"quokka {level}word dinner"


@pytest.mark.parametrize("role", list(CAST))
@pytest.mark.parametrize("level", LEVELS)
def test_exports_empty_the_details_the_viewer_may_not_see(services, cast, notes_world, role, level):
    viewer = cast.viewer(CAST[role])
    rows = {r["id"]: r for r in services.exports.people(viewer, q="Contact")}
    row = rows[notes_world[level]["person"]]
    visible = READS_DETAIL[role][level] == "Y"
    assert row["email"] == (f"{level}@secret.example" if visible else None)
    assert row["details_locked"] is (not visible)


def test_a_private_note_is_never_found_by_anyone_else(services, cast):
    wait_for_indexes(services)
    bob = cast.viewer("bob")
    ada = cast.viewer("ada")
    target = services.people.create(ada, {"name": "Neutral Person"})
    rel = services.relationships.create(bob, {"person_id": bob.person_id, "other_id": target["id"], "strength": 5,
                                              "notes": "Confidential merger talks with Zyxel",
                                              "visibility": "private"})
    for q in ("merger", "zyxel", "confidential merger", "merg zyx", "MERGER"):
        assert [n["id"] for n in services.search.search(bob, q)["notes"]] == [rel["id"]], q
        for other in ("alice", "mona", "carol", "sam", "ada"):
            assert services.search.search(cast.viewer(other), q) == {
                "q": q, "people": [], "organisations": [], "notes": []}, (other, q)
        assert services.exports.search(ada, q)["notes"] == []


def test_preview_never_shows_the_users_private_notes(services, cast):
    """"See as colleague" hides the user's private relationships; so does search (same visibility)."""
    from graph.visibility import preview_of

    wait_for_indexes(services)
    alice = cast.viewer("alice")
    target = services.people.create(alice, {"name": "Pat Quiet"})
    services.relationships.create(alice, {"person_id": alice.person_id, "other_id": target["id"], "strength": 3,
                                          "notes": "wombat", "visibility": "private"})
    assert len(services.search.search(alice, "wombat")["notes"]) == 1
    assert services.search.search(preview_of(alice), "wombat")["notes"] == []


def test_cast_colleagues_are_searchable(services, cast):
    """Users' own person records get their search fields when the user is created."""
    wait_for_indexes(services)
    assert names(services.search.search(cast.viewer("bob"), "alic")) == ["Alice"]


# -- command line ------------------------------------------------------------------------------------
def test_graph_init_and_demo_load_fill_in_the_search_fields(app):
    s = app.extensions["carnet"]
    runner = app.test_cli_runner()
    s.store.write("backup/create_person", rows=[{"id": "p-cli", "name": "Ségolène Import"}])
    result = runner.invoke(args=["graph", "init"])
    assert result.exit_code == 0 and "search fields filled in: 1 person, 0 organisation, 0 note" in result.output
    assert "0 person" in runner.invoke(args=["graph", "init"]).output
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    wait_for_indexes(s)
    missing = [s.store.read(f"search/missing_{kind}", limit=1) for kind in ("people", "organisations", "notes")]
    assert missing == [[], [], []]
    demo_name = s.people.list(SYSTEM)["items"][0]["name"]
    assert demo_name in names(s.search.search(SYSTEM, searchtext.fold(demo_name).upper(), limit=100))
    assert names(s.search.search(SYSTEM, "segolene")) == ["Ségolène Import"]
