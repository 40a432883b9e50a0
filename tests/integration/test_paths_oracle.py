"""Warm paths through the real store: a brute-force oracle on random graphs, every visibility
rule and edge kind by hand, and cache invalidation across writers."""

from __future__ import annotations

import uuid
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.adapters.falkordb_store import FalkorDBStore
from graph.errors import NotFound, ValidationError
from graph.services import Services
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, PASSWORD

KIND_ORDER = ["knows", "reports_to", "employer", "school"]


# -- building data through the services ------------------------------------------------------------
def org(services, name, kind="account"):
    return services.organisations.create(SYSTEM, {"name": name, "kind": kind})["id"]


def person(services, name):
    return services.people.create(SYSTEM, {"name": name})["id"]


def knows(services, viewer, a, b, strength, visibility):
    return services.relationships.create(viewer, {"person_id": a, "other_id": b, "strength": strength,
                                                  "visibility": visibility})


def hops(answer):
    return [[(h["from"], h["to"], h["kind"], h["strength"], h["locked"], h["owner"]) for h in p["hops"]]
            for p in answer["paths"]]


# -- the oracle: plain rules, plain DFS -----------------------------------------------------------
USERS = (("u0", "rep", "North"), ("u1", "rep", "North"), ("m", "manager", "North"),
         ("u2", "rep", "South"), ("ad", "admin", None))


def plain_access(viewer, owner, level):
    """The visibility rules (docs/ARCHITECTURE.md), written out again (viewer/owner are names from USERS)."""
    roles = {u: (r, t) for u, r, t in USERS}
    role, team = roles[viewer]
    owner_team = roles[owner][1]
    if viewer == owner:
        return "visible"
    if level == "private":
        return None
    if level == "company" or role == "admin":
        return "visible"
    if role == "manager" and owner_team == team:
        return "visible"
    if level == "team" and owner_team is not None and owner_team == team:
        return "visible"
    return "locked"


def plain_edges(spec, viewer):
    """{frozenset pair: (strength, locked, kind, owner)} per the pair rule (several owners may
    each hold a KNOWS between one pair)."""
    candidates = {}

    def add(a, b, cand):
        if a != b:
            candidates.setdefault(frozenset((a, b)), []).append(cand)

    for a, b, owner, strength, level in spec["knows"]:
        access = plain_access(viewer, owner, level)
        if access == "visible":
            add(a, b, (strength, False, "knows", owner))
        elif access == "locked":
            add(a, b, (3, True, "knows", owner))
    for a, b in spec["reports"]:
        add(a, b, (3, False, "reports_to", None))
    for a, sa in spec["education"]:
        for b, sb in spec["education"]:
            if sa == sb:
                add(a, b, (2, False, "school", None))
    for a, oa, a_start, a_end in spec["positions"]:
        for b, ob, b_start, b_end in spec["positions"]:
            if oa != ob or (a_end is None and b_end is None):
                continue
            if (a_end is None or b_start is None or b_start <= a_end) and \
                    (b_end is None or a_start is None or a_start <= b_end):
                add(a, b, (2, False, "employer", None))
    def preference(e):  # strength, unlocked, kind; then, between two KNOWS, the smaller owner id
        return (-e[0], e[1], KIND_ORDER.index(e[2]), spec["user_ids"][e[3]] if e[3] else "")

    return {pair: min(c, key=preference) for pair, c in candidates.items()}


def oracle(spec, viewer, target, source, k, max_hops):
    edges = plain_edges(spec, viewer)
    colleagues = set(spec["colleagues"])
    sources = [source] if source else sorted(colleagues)
    found = []

    def walk(nodes, path):
        here = nodes[-1]
        if here == target and path:
            score = Fraction(1)
            for e in path:
                score *= Fraction(e[0], 5)
            score *= Fraction(17, 20) ** (len(path) - 1)
            found.append((-score, len(path), list(nodes), path))
            return
        if len(path) == max_hops:
            return
        for other in spec["people"]:
            e = edges.get(frozenset((here, other)))
            if e is None or other in nodes:
                continue
            if other != target and source is None and other in colleagues:
                continue
            walk(nodes + [other], path + [e])

    if target not in sources:  # a colleague (or the source) needs no introduction
        for s in sources:
            walk([s], [])
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    out = []
    for neg, _, nodes, path in found[:k]:
        out.append([(a, b, e[2], None if e[1] else e[0], e[1], spec["user_ids"][e[3]] if e[3] else None)
                    for a, b, e in zip(nodes, nodes[1:], path)])
    return out, [round(float(-f[0]), 6) for f in found[:k]]


# -- random graphs -------------------------------------------------------------------------------
YEARS = st.one_of(st.none(), st.integers(2000, 2010))


@st.composite
def specs(draw):
    n_extra = draw(st.integers(1, 4))
    n = len(USERS) + n_extra
    idx = st.integers(0, n - 1)
    knows_ = {}
    pairs = []
    for _ in range(draw(st.integers(0, 14))):
        # a pair holds one KNOWS per owner: often several owners on one pair, at different levels
        a, b = draw(st.sampled_from(pairs)) if pairs and draw(st.booleans()) else (draw(idx), draw(idx))
        owner = draw(st.sampled_from([u for u, _, _ in USERS]))
        if a != b:
            pairs.append((a, b))
            knows_[(frozenset((a, b)), owner)] = (a, b, owner, draw(st.integers(1, 5)),
                                                  draw(st.sampled_from(["private", "exclusive", "team", "company"])))
    reports = {}
    for _ in range(draw(st.integers(0, 3))):
        a, b = draw(idx), draw(idx)
        if a > b:
            reports[a] = b  # boss has a lower index: never a loop
    education = {(draw(idx), draw(st.integers(0, 1))) for _ in range(draw(st.integers(0, 4)))}
    positions = []
    for _ in range(draw(st.integers(0, 6))):
        start, end = draw(YEARS), draw(YEARS)
        if start is not None and end is not None and end < start:
            start, end = end, start
        positions.append((draw(idx), draw(st.integers(0, 1)), start, end))
    queries = draw(st.lists(st.tuples(st.sampled_from([u for u, _, _ in USERS]), idx,
                                      st.one_of(st.none(), idx), st.integers(1, 6), st.integers(1, 5)),
                            min_size=1, max_size=4))
    return dict(n=n, knows=list(knows_.values()), reports=list(reports.items()), education=sorted(education),
                positions=positions, queries=queries)


def date(year):
    return None if year is None else f"{year}-06-01"


def build(services, raw):
    """Create the random graph; returns the spec in person ids and the user ids by name."""
    user_ids, viewers, people = {}, {}, []
    for name, role, team in USERS:
        data = {"username": name, "password": PASSWORD, "role": role, "name": name}
        if team:
            data["team"] = team
        user = services.users.create(SYSTEM, data)
        user_ids[name] = user["id"]
        viewers[name] = services.users.viewer(user["id"])
        people.append(user["person_id"])
    colleagues = list(people)
    people += [person(services, f"p{i}") for i in range(raw["n"] - len(USERS))]
    orgs = [org(services, "Org A"), org(services, "Org B")]
    schools = [org(services, "School A", "school"), org(services, "School B", "school")]
    spec = dict(people=people, colleagues=colleagues, user_ids=user_ids, knows=[], reports=[],
                education=[], positions=[])
    for a, b, owner, strength, level in raw["knows"]:
        knows(services, viewers[owner], people[a], people[b], strength, level)
        spec["knows"].append((people[a], people[b], owner, strength, level))
    for a, b in raw["reports"]:
        services.people.update(SYSTEM, people[a], {"reports_to": people[b]})
        spec["reports"].append((people[a], people[b]))
    for p, s in raw["education"]:
        services.people.add_education(SYSTEM, people[p], {"school_id": schools[s]})
        spec["education"].append((people[p], schools[s]))
    for p, o, start, end in raw["positions"]:
        services.people.add_position(SYSTEM, people[p], {"organisation_id": orgs[o], "start": date(start),
                                                         "end": date(end)})
        spec["positions"].append((people[p], orgs[o], date(start), date(end)))
    return spec, viewers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=specs())
def test_engine_matches_brute_force(data_dir, raw):
    store = FalkorDBStore(data_dir, graph_name=f"o_{uuid.uuid4().hex[:12]}")
    try:
        services = Services(store, password_method=FAST_HASH)
        spec, viewers = build(services, raw)
        for viewer, t, s, k, max_hops in raw["queries"]:
            target, source = spec["people"][t], (spec["people"][s] if s is not None else None)
            expected, scores = oracle(spec, viewer, target, source, k, max_hops)
            got = services.paths.find(viewers[viewer], target, source, k=k, max_hops=max_hops)
            assert hops(got) == expected
            assert [p["score"] for p in got["paths"]] == scores
    finally:
        store.clear()
        store.close()


# -- visibility by hand ----------------------------------------------------------------------------
@pytest.fixture
def x(services):
    return person(services, "Xavier Target")


def only(answer):
    assert len(answer["paths"]) == 1, answer["paths"]
    return answer["paths"][0]


def test_private_is_absent_for_others_and_visible_to_its_owner(services, cast, x):
    knows(services, cast.viewer("alice"), cast.person("alice"), x, 5, "private")
    mine = only(services.paths.find(cast.viewer("alice"), x))
    assert mine["score"] == 1.0 and mine["hops"][0]["strength"] == 5 and not mine["hops"][0]["locked"]
    for other in ("bob", "mona", "carol", "ada"):
        assert services.paths.find(cast.viewer(other), x)["paths"] == [], other


def test_exclusive_is_locked_ranked_as_three_with_owner(services, cast, x):
    knows(services, cast.viewer("alice"), cast.person("alice"), x, 5, "exclusive")
    for other in ("bob", "carol", "sam"):
        path = only(services.paths.find(cast.viewer(other), x))
        assert path["score"] == 0.6
        assert path["hops"] == [{"from": cast.person("alice"), "to": x, "kind": "knows", "strength": None,
                                 "locked": True, "owner": cast.id("alice"), "owner_name": "Alice",
                                 "organisation_id": None, "organisation": None}]
    for full in ("alice", "mona", "ada"):  # owner, her manager, admin
        path = only(services.paths.find(cast.viewer(full), x))
        assert path["score"] == 1.0 and path["hops"][0]["strength"] == 5, full


def test_team_level_visible_to_teammates_locked_to_other_teams(services, cast, x):
    knows(services, cast.viewer("alice"), cast.person("alice"), x, 4, "team")
    for mate in ("bob", "mona"):
        assert only(services.paths.find(cast.viewer(mate), x))["hops"][0]["strength"] == 4
    for stranger in ("carol", "sam"):
        hop = only(services.paths.find(cast.viewer(stranger), x))["hops"][0]
        assert hop["locked"] and hop["strength"] is None


def test_company_is_visible_to_all(services, cast, x):
    knows(services, cast.viewer("carol"), cast.person("carol"), x, 2, "company")
    for who in ("alice", "bob", "mona", "sam", "ada"):
        assert only(services.paths.find(cast.viewer(who), x))["score"] == 0.4


# -- edge kinds and the pair rule ------------------------------------------------------------------
def test_reports_school_and_former_colleague_hops(services, cast, x):
    m = person(services, "Middle")
    knows(services, cast.viewer("alice"), cast.person("alice"), m, 5, "company")
    services.people.update(SYSTEM, x, {"reports_to": m})
    path = only(services.paths.find(cast.viewer("bob"), x))
    assert path["hops"][1]["kind"] == "reports_to" and path["hops"][1]["strength"] == 3
    assert path["score"] == round(1.0 * 0.6 * 0.85, 6)

    y = person(services, "Yvonne")
    school = org(services, "HEC", "school")
    for p in (m, y):
        services.people.add_education(SYSTEM, p, {"school_id": school, "start": "1990-09-01"})
    hop = only(services.paths.find(cast.viewer("bob"), y))["hops"][1]
    assert (hop["kind"], hop["strength"], hop["organisation"]) == ("school", 2, "HEC")

    z = person(services, "Zoé")
    thales = org(services, "Thales")
    services.people.add_position(SYSTEM, m, {"organisation_id": thales, "start": "2010-01-01"})
    services.people.add_position(SYSTEM, z, {"organisation_id": thales, "start": "2011-01-01"})
    assert services.paths.find(cast.viewer("bob"), z)["paths"] == []  # both still there: not former
    services.people.add_position(SYSTEM, z, {"organisation_id": thales, "start": "2005-01-01", "end": "2010-06-01"})
    hop = only(services.paths.find(cast.viewer("bob"), z))["hops"][1]
    assert (hop["kind"], hop["strength"], hop["organisation"]) == ("employer", 2, "Thales")
    # employer beats school on a tie of strength
    services.people.add_education(SYSTEM, z, {"school_id": school})
    assert services.paths.find(cast.viewer("bob"), z)["paths"][0]["hops"][1]["kind"] == "employer"


def test_pair_rule_locked_three_loses_to_reports_to_but_beats_school(services, cast, x):
    m = person(services, "Boss")
    knows(services, cast.viewer("bob"), cast.person("bob"), m, 5, "company")
    knows(services, cast.viewer("carol"), m, x, 5, "exclusive")  # locked for alice
    school = org(services, "ESSEC", "school")
    for p in (m, x):
        services.people.add_education(SYSTEM, p, {"school_id": school})
    hop = only(services.paths.find(cast.viewer("alice"), x))["hops"][1]
    assert hop["kind"] == "knows" and hop["locked"] and hop["owner"] == cast.id("carol")
    services.people.update(SYSTEM, x, {"reports_to": m})
    hop = only(services.paths.find(cast.viewer("alice"), x))["hops"][1]
    assert (hop["kind"], hop["locked"], hop["strength"]) == ("reports_to", False, 3)
    hop = only(services.paths.find(cast.viewer("carol"), x))["hops"][1]
    assert (hop["kind"], hop["strength"]) == ("knows", 5)  # the owner sees the real, stronger edge


def test_ties_follow_the_person_id_sequence(services, cast, x):
    middles = [person(services, f"M{i}") for i in range(3)]
    for m in middles:
        knows(services, cast.viewer("alice"), cast.person("alice"), m, 4, "company")
        knows(services, cast.viewer("alice"), m, x, 5, "company")
    answer = services.paths.find(cast.viewer("bob"), x, k=2)
    assert [p["hops"][0]["to"] for p in answer["paths"]] == sorted(middles)[:2]
    assert answer["paths"][0]["score"] == answer["paths"][1]["score"] == round(0.8 * 0.85, 6)


def test_colleagues_sit_only_at_the_start_unless_a_source_is_given(services, cast, x):
    knows(services, cast.viewer("alice"), cast.person("alice"), cast.person("bob"), 5, "company")
    knows(services, cast.viewer("bob"), cast.person("bob"), x, 5, "company")
    answer = services.paths.find(cast.viewer("alice"), x)
    assert [[h["from"] for h in p["hops"]] for p in answer["paths"]] == [[cast.person("bob")]]
    answer = services.paths.find(cast.viewer("alice"), x, source_id=cast.person("alice"))
    assert [[h["to"] for h in p["hops"]] for p in answer["paths"]] == [[cast.person("bob"), x]]
    assert services.paths.find(cast.viewer("alice"), cast.person("bob"))["paths"] == []
    assert services.paths.find(cast.viewer("alice"), x, source_id=x)["paths"] == []


def test_inputs_are_checked(services, cast, x):
    viewer = cast.viewer("alice")
    with pytest.raises(NotFound):
        services.paths.find(viewer, "no-such-person")
    with pytest.raises(NotFound) as err:
        services.paths.find(viewer, x, source_id="nobody")
    assert err.value.field == "source"
    for field, kwargs in (("k", {"k": 0}), ("k", {"k": 21}), ("k", {"k": "two"}), ("max_hops", {"max_hops": 6}),
                          ("max_hops", {"max_hops": 0}), ("max_hops", {"max_hops": "1.5"})):
        with pytest.raises(ValidationError) as err:
            services.paths.find(viewer, x, **kwargs)
        assert err.value.field == field


# -- cache invalidation ------------------------------------------------------------------------------
def test_every_write_is_seen_at_once_even_from_another_worker(services, store, cast, x, data_dir):
    other = Services(FalkorDBStore(data_dir, graph_name=store.graph_name), password_method=FAST_HASH)
    bob = cast.viewer("bob")
    assert services.paths.find(bob, x)["paths"] == []
    rel = knows(other, cast.viewer("alice"), cast.person("alice"), x, 5, "company")  # the other worker
    assert only(services.paths.find(bob, x))["score"] == 1.0
    other.relationships.update(cast.viewer("alice"), rel["id"], {"strength": 2})
    assert only(services.paths.find(bob, x))["score"] == 0.4
    other.relationships.update(cast.viewer("alice"), rel["id"], {"visibility": "private"})
    assert services.paths.find(bob, x)["paths"] == []
    # a position with an end date makes former colleagues
    acme = org(services, "Acme")
    m = person(services, "Mid")
    knows(services, cast.viewer("bob"), cast.person("bob"), m, 5, "company")
    services.people.add_position(SYSTEM, m, {"organisation_id": acme, "start": "2001-01-01"})
    services.people.add_position(SYSTEM, x, {"organisation_id": acme, "start": "2002-01-01"})
    assert services.paths.find(bob, x)["paths"] == []
    other.people.add_position(SYSTEM, x, {"organisation_id": acme, "start": "1999-01-01", "end": "2001-06-01"})
    assert only(services.paths.find(bob, x))["hops"][1]["kind"] == "employer"
    other.store.close()


# -- hyperedges and the strong side at a (small) scale ------------------------------------------------
def test_schoolmates_known_well_are_found_without_reading_the_school_and_follow_writes(services, store, cast, x,
                                                                                      data_dir):
    """A school of many: only the alumni a colleague knows at 5 can beat 0.289 through it, and a
    new strength-5 link (written by another worker) shows at once."""
    school = org(services, "Big School", "school")
    alumni = [person(services, f"Alum {i}") for i in range(12)]
    for p in [x] + alumni:
        services.people.add_education(SYSTEM, p, {"school_id": school})
    knows(services, cast.viewer("alice"), cast.person("alice"), alumni[3], 5, "company")  # 0.34 via school
    knows(services, cast.viewer("bob"), cast.person("bob"), alumni[5], 4, "company")  # 0.272 via school
    knows(services, cast.viewer("carol"), cast.person("carol"), alumni[7], 5, "exclusive")  # locked for bob: 0.204
    bob = cast.viewer("bob")
    answer = services.paths.find(bob, x, k=3)
    assert [p["score"] for p in answer["paths"]] == [0.34, 0.272, 0.204]
    assert [[h["to"] for h in p["hops"]] for p in answer["paths"]] == [[alumni[3], x], [alumni[5], x], [alumni[7], x]]
    assert [p["hops"][1]["kind"] for p in answer["paths"]] == ["school"] * 3
    assert answer["paths"][0]["hops"][1]["organisation"] == "Big School"
    carol = services.paths.find(cast.viewer("carol"), x, k=2)["paths"]  # her own link is visible to her
    assert [p["score"] for p in carol] == [0.34, 0.34]
    assert [p["hops"][0]["from"] for p in carol] == sorted([cast.person("alice"), cast.person("carol")])
    other = Services(FalkorDBStore(data_dir, graph_name=store.graph_name), password_method=FAST_HASH)
    rel = knows(other, cast.viewer("bob"), cast.person("bob"), alumni[9], 5, "team")
    answer = services.paths.find(bob, x, k=2)
    assert [p["score"] for p in answer["paths"]] == [0.34, 0.34]
    assert [p["hops"][0]["from"] for p in answer["paths"]] == sorted([cast.person("alice"), cast.person("bob")])
    other.relationships.update(cast.viewer("bob"), rel["id"], {"strength": 1})
    assert [p["score"] for p in services.paths.find(bob, x, k=2)["paths"]] == [0.34, 0.272]
    other.store.close()


def test_a_weak_knows_loses_to_a_shared_school_but_a_strength_two_knows_wins(services, cast, x):
    m = person(services, "Mia")
    school = org(services, "ESCP", "school")
    for p in (m, x):
        services.people.add_education(SYSTEM, p, {"school_id": school})
    knows(services, cast.viewer("alice"), cast.person("alice"), m, 5, "company")
    rel = knows(services, cast.viewer("alice"), m, x, 1, "company")
    hop = only(services.paths.find(cast.viewer("bob"), x))["hops"][1]
    assert (hop["kind"], hop["strength"]) == ("school", 2)
    services.relationships.update(cast.viewer("alice"), rel["id"], {"strength": 2})
    hop = only(services.paths.find(cast.viewer("bob"), x))["hops"][1]
    assert (hop["kind"], hop["strength"]) == ("knows", 2)


# -- odd data: a relationship whose packed form does not split back ------------------------------------
def test_odd_relationship_values_are_read_one_row_at_a_time(services, store, cast, x):
    """Each person's KNOWS come packed as "strength level owner other" strings; a space inside a
    value or a missing level must not mislead the engine (the batch is read again row by row)."""
    m, n = person(services, "Mid"), person(services, "Nia")
    knows(services, cast.viewer("alice"), cast.person("alice"), m, 5, "company")
    knows(services, cast.viewer("alice"), cast.person("alice"), n, 5, "company")
    odd = [{"person_id": m, "other_id": x, "props": {"id": "odd-1", "strength": 4, "visibility": "company",
                                                     "owner": "someone else"}},
           {"person_id": n, "other_id": x, "props": {"id": "odd-2", "strength": 5, "owner": cast.id("carol")}}]
    store.write("relationships/create_knows", rows=odd)
    answer = services.paths.find(cast.viewer("bob"), x)
    assert hops(answer) == [
        [(cast.person("alice"), m, "knows", 5, False, cast.id("alice")), (m, x, "knows", 4, False, "someone else")],
        [(cast.person("alice"), n, "knows", 5, False, cast.id("alice")), (n, x, "knows", None, True, cast.id("carol"))],
    ]
