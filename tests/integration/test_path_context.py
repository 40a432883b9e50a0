"""The path service's shared context after writes: patched from the change journal for
relationship edits, rebuilt for anything else — and always equal to a context built from
scratch (the oracle: a fresh service over the same store), answers included."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import changes
from graph.pathgraph import Access, Decisions, StrongView
from graph.services.paths import PathService
from graph.visibility import SYSTEM

LEVELS = ("private", "team", "company", "exclusive")


def fresh(services) -> PathService:
    return PathService(services.store, services.clock, services.users)


def comparable(context) -> tuple:
    strong = context.strong
    used = {org for m in (*strong.memberships.values(), *context.memberships.values())
            for org in (*m.schools, *(p[0] for p in m.positions))}  # names of others may linger: harmless
    return (context.colleagues,
            {p: sorted(ls, key=repr) for p, ls in strong.links.items()},
            {p: (m.schools, m.positions) for p, m in strong.memberships.items()},
            {p: (m.schools, m.positions) for p, m in context.memberships.items()},
            {o: context.org_names[o] for o in sorted(used)},
            # what a patch changes in place of a rebuild: the index by organisation, the shared sets
            {o: sorted(ms) for o, ms in strong.index.alumni.items() if ms},
            {o: sorted(ms) for o, ms in strong.index.staff.items() if ms},
            strong.seen_by_all, strong.sure_for_all)


def decide_all(context, viewers) -> None:
    """Make each viewer's strong view decide every person and organisation it could be asked."""
    strong = context.strong
    for viewer in viewers:
        view = strong.view(viewer, context.directory)
        for person in (*strong.links, *context.colleagues):
            view.is_strong(person), view.is_sure(person)
        for org in (*strong.index.alumni, *strong.index.staff):
            view.alumni.get(org), view.staff.get(org)


def decisions(view: StrongView, people, orgs) -> tuple:
    return ({p: (view.is_strong(p), view.is_sure(p)) for p in people},
            {o: (view.alumni.get(o), view.staff.get(o)) for o in orgs})


def assert_views_as_new(context, viewers, before) -> None:
    """Each viewer's view, keeping what it decided on `before` where the patches since allow, decides
    every person and organisation of either side as a view decided from nothing."""
    strong = context.strong
    people = {*strong.links, *before.strong.links, *context.colleagues}
    orgs = {*strong.index.alumni, *strong.index.staff, *before.strong.index.alumni, *before.strong.index.staff}
    for viewer in viewers:
        carried = strong.view(viewer, context.directory)
        fresh_view = StrongView(strong, Decisions(Access(viewer, context.directory)))
        assert decisions(carried, people, orgs) == decisions(fresh_view, people, orgs)


def world(services, cast):
    """A school and a company with colleagues and outsiders on their books."""
    services.policy.rules()  # the default sharing rule is written on first use
    school = services.organisations.create(SYSTEM, {"name": "École Centrale", "kind": "school"})["id"]
    firm = services.organisations.create(SYSTEM, {"name": "Thales", "kind": "account"})["id"]
    outsiders = [services.people.create(SYSTEM, {"name": f"Outsider {i}"})["id"] for i in range(5)]
    services.people.add_education(SYSTEM, outsiders[0], {"school_id": school})
    services.people.add_position(SYSTEM, outsiders[1], {"organisation_id": firm, "start": "2015-01-01",
                                                        "end": "2019-12-31"})
    return outsiders


def test_the_journal_lists_what_each_write_noted_and_forgets_what_it_no_longer_holds(services, cast):
    store = services.store
    key = store.version()
    a, b = cast.person("alice"), cast.person("bob")
    rel = services.relationships.create(cast.viewer("alice"), {"person_id": a, "other_id": b, "strength": 4,
                                                               "visibility": "team"})
    now, changed = store.changes_since(key)
    assert now == store.version() and now[1] > key[1]
    assert changes.knows(a, b) in changed
    services.people.create(SYSTEM, {"name": "Nouveau"})
    _, changed = store.changes_since(now)
    assert [c.kind for c in changed] == [changes.NEW_PERSON]
    store.write("meta/get_version")  # an un-noted write
    _, changed = store.changes_since(now)
    assert changed[-1] == changes.ANYTHING
    assert store.changes_since(("another epoch", key[1]))[1] is None
    for _ in range(changes.JOURNAL_LENGTH):
        services.relationships.update(cast.viewer("alice"), rel["id"], {"strength": 3})
    assert len(store.read("meta/get_changes_after", after=0)[0]["journal"]) == changes.JOURNAL_LENGTH
    assert store.changes_since(key)[1] is not None  # this worker read along: it still knows
    for _ in range(changes.FEED_LENGTH):
        store.write("meta/get_version", change=changes.LOGGED)
    assert store.changes_since(key)[1] is None  # older than what the worker keeps: unknown


def test_a_relationship_edit_patches_the_context_and_a_position_change_rebuilds_it(services, cast):
    outsiders = world(services, cast)
    service = services.paths
    alice = cast.viewer("alice")
    before = service.context()
    employee = services.relationships.create(alice, {"person_id": cast.person("alice"), "other_id": outsiders[1],
                                                     "strength": 5, "visibility": "company"})
    patched = service.context()
    assert patched.colleagues is before.colleagues  # patched, not rebuilt
    assert outsiders[1] in patched.strong.links and patched.strong.memberships[outsiders[1]].positions
    assert comparable(patched) == comparable(fresh(services).context())
    # in and out of the strong side, for a former employee and an alumnus: the index follows
    school = services.relationships.create(alice, {"person_id": cast.person("alice"), "other_id": outsiders[0],
                                                   "strength": 5, "visibility": "team"})
    for person, rel_id, change in ((outsiders[0], school["id"], {"strength": 4}),
                                   (outsiders[1], employee["id"], {"visibility": "private"})):
        assert person in service.context().strong.links
        services.relationships.update(alice, rel_id, change)
        assert comparable(service.context()) == comparable(fresh(services).context())
    assert outsiders[0] not in service.context().strong.links
    assert service.context().colleagues is before.colleagues
    services.relationships.update(alice, rel_id, {"visibility": "company"})
    patched = service.context()
    services.people.add_position(SYSTEM, outsiders[1], {"organisation_id": patched.strong.memberships[
        outsiders[1]].positions[0][0], "start": "2020-01-01"})
    rebuilt = service.context()
    assert rebuilt.colleagues is not patched.colleagues
    assert comparable(rebuilt) == comparable(fresh(services).context())


def test_a_viewer_decides_again_only_what_a_write_moved(services, cast):
    """Decisions kept across patches: a person stays decided until a write moves their links
    (another owner's private strength-5 link, then the viewer's own), an organisation until a
    write touches one of its strong members; others keep their decision object for object."""
    outsiders = world(services, cast)
    school_mate, other = outsiders[0], outsiders[2]
    service = services.paths
    alice, carol = cast.viewer("alice"), cast.viewer("carol")

    def know(owner, who, strength=5):
        return services.relationships.create(cast.viewer(owner), {"person_id": cast.person(owner), "other_id": who,
                                                                  "strength": strength, "visibility": "private"})

    def view(viewer):
        context = service.context()
        return context.strong.view(viewer, context.directory)
    know("carol", school_mate)
    know("carol", other)
    school = service.context().strong.memberships[school_mate].schools[0]
    assert not view(alice).is_strong(school_mate) and view(carol).is_strong(school_mate)
    assert view(alice).alumni.get(school) == [] and view(carol).alumni.get(school) == [school_mate]
    kept = view(alice).alumni.get(school)
    mine = know("alice", school_mate)  # the same person, a link alice sees: decided again
    assert view(alice).is_strong(school_mate) and view(alice).alumni.get(school) == [school_mate]
    assert view(carol).alumni.get(school) == [school_mate]
    assert not view(alice).is_strong(other)  # untouched: still decided, and still right
    services.relationships.update(alice, mine["id"], {"strength": 4})  # carol's link keeps them listed
    assert school_mate in service.context().strong.links
    assert not view(alice).is_strong(school_mate) and view(alice).alumni.get(school) == []
    assert view(alice).alumni.get(school) is not kept  # decided again after the touch
    same = view(alice).alumni.get(school)
    know("bob", other, strength=3)  # moves nobody on the strong side
    assert view(alice).alumni.get(school) is same


def test_neighbourhoods_are_kept_until_a_write_names_their_people(services, cast):
    """What path queries read is kept (graph/pathgraph.Neighbourhoods) until the journal names
    the person: a KNOWS edit drops both ends, a new person their manager, any other write all."""
    outsiders = world(services, cast)
    service, store = services.paths, services.store
    held = service.neighbourhoods
    alice = cast.viewer("alice")
    target, other = outsiders[2], outsiders[3]
    rel = services.relationships.create(alice, {"person_id": cast.person("alice"), "other_id": target,
                                                "strength": 4, "visibility": "team"})
    first = service.find(alice, target)
    assert held.get(target, 1) is not None and first["paths"]
    services.people.create(SYSTEM, {"name": "Nouvelle", "reports_to": target})
    held.synced(store)
    assert held.get(target, 1) is None  # a new report: the manager's lines changed
    assert service.find(alice, target) == fresh(services).find(alice, target)
    services.relationships.update(alice, rel["id"], {"strength": 2})
    held.synced(store)
    assert held.get(target, 1) is None
    assert service.find(alice, target) == fresh(services).find(alice, target) != first
    services.relationships.create(alice, {"person_id": cast.person("alice"), "other_id": other, "strength": 3})
    held.synced(store)
    assert held.get(target, 1) is not None and held.get(other, 1) is None  # only the people it names
    began = held.synced(store)
    raw = held.get(target, 1)
    services.relationships.update(alice, rel["id"], {"strength": 5})
    held.synced(store)
    held.put({target: raw[1]}, {target: 1}, began)  # read before that edit: not kept
    assert held.get(target, 1) is None
    firm = services.organisations.create(SYSTEM, {"name": "Acme", "kind": "account"})["id"]
    service.find(alice, target)
    assert held.get(target, 1) is not None
    services.people.add_position(SYSTEM, other, {"organisation_id": firm, "start": "2021-01-01"})
    held.synced(store)
    assert held.get(target, 1) is None  # a write noted as anything: everything goes


OPS = st.lists(st.tuples(st.sampled_from(["create", "strength", "level", "delete", "person", "report"]),
                         st.integers(0, 4), st.integers(0, 6), st.integers(1, 5), st.sampled_from(LEVELS)),
               min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops=OPS, seed=st.integers(0, 10 ** 6))
def test_any_sequence_of_writes_leaves_the_same_context_and_answers_as_a_rebuild(store_factory, ops, seed):
    services, cast = store_factory()
    outsiders = world(services, cast)
    reps = ["alice", "bob", "carol"]
    people = [cast.person(u) for u in reps] + outsiders
    service = services.paths
    first = service.context()
    made: dict = {}
    rnd = random.Random(seed)
    viewers = [cast.viewer(u) for u in ("alice", "carol", "mona", "ada")]
    for op, i, j, strength, level in ops:
        before = service.context()
        decide_all(before, viewers)
        owner = reps[i % len(reps)]
        viewer = cast.viewer(owner)
        a, b = cast.person(owner), people[j % len(people)]
        if op == "person":
            services.people.create(SYSTEM, {"name": f"P{rnd.random()}"})
        elif op == "report":
            services.people.create(SYSTEM, {"name": f"R{rnd.random()}", "reports_to": b})
        elif op == "create" and a != b and frozenset((a, b)) not in made:
            made[frozenset((a, b))] = (owner, services.relationships.create(
                viewer, {"person_id": a, "other_id": b, "strength": strength, "visibility": level})["id"])
        elif made and op in ("strength", "level", "delete"):
            pair = sorted(made, key=sorted)[i % len(made)]
            holder, rel_id = made[pair]
            if op == "delete":
                services.relationships.delete(cast.viewer(holder), rel_id)
                del made[pair]
            else:
                services.relationships.update(cast.viewer(holder), rel_id,
                                              {"strength": strength} if op == "strength" else {"visibility": level})
        now = service.context()
        assert now.colleagues is first.colleagues  # every write here is one the journal lets it patch
        assert comparable(now) == comparable(fresh(services).context())
        assert_views_as_new(now, viewers, before)
        viewer, target = viewers[i % len(viewers)], outsiders[j % len(outsiders)]  # held neighbourhoods
        assert service.find(viewer, target) == fresh(services).find(viewer, target)
    oracle = fresh(services)
    for username in ("alice", "carol", "mona", "ada"):
        viewer = cast.viewer(username)
        for target in outsiders:
            assert service.find(viewer, target) == oracle.find(viewer, target)


@pytest.fixture
def store_factory(data_dir):
    """A fresh graph and cast per hypothesis example (the function-scoped fixtures are shared)."""
    import uuid

    from graph.adapters.falkordb_store import FalkorDBStore
    from graph.services import Services
    from tests.conftest import FAST_HASH, Cast

    made = []

    def make():
        s = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
        s.ensure_schema()
        made.append(s)
        services = Services(s, password_method=FAST_HASH)
        return services, Cast(services)

    yield make
    for s in made:
        s.clear()
        s.close()
