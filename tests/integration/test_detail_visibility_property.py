"""Random sequences of what users do on their own (enter people with details, record, edit and
delete their own relationships at any level, edit details) never show a user a contact detail
unless the rules allow it, as computed here from the raw graph by an oracle of our own; and
someone's private relationship with a person never changes another user's API answer."""

from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from graph.adapters.falkordb_store import FalkorDBStore
from graph.errors import CarnetError
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, Cast, api_token, bearer

USERS = ("alice", "bob", "mona", "carol", "sam", "ada")
TEAM = {"alice": "North", "bob": "North", "mona": "North", "carol": "South", "sam": "South", "ada": None}
MANAGES = {"mona": {"North"}, "sam": {"South"}}
LEVELS = ("private", "exclusive", "team", "company")
FIELDS = ("email", "phone", "notes")
VALUES = {"email": ("a@x.example", "b@x.example"), "phone": ("+33 1 00 00 00 01", "+33 1 00 00 00 02"),
          "notes": ("note one", "note two")}
CONTACTS = 3

users = st.sampled_from(USERS)
contacts = st.integers(0, CONTACTS - 1)
detail_values = st.fixed_dictionaries({f: st.sampled_from((None,) + VALUES[f]) for f in FIELDS})
ACTIONS = st.one_of(
    st.tuples(st.just("create"), users, detail_values),
    st.tuples(st.just("know"), users, contacts, st.sampled_from(LEVELS), st.integers(1, 5)),
    st.tuples(st.just("link"), users, contacts, contacts, st.sampled_from(LEVELS)),
    st.tuples(st.just("edit_rel"), users, st.integers(0, 20), st.sampled_from(LEVELS), st.integers(1, 5)),
    st.tuples(st.just("delete_rel"), users, st.integers(0, 20)),
    st.tuples(st.just("edit_person"), users, contacts, st.sampled_from(FIELDS),
              st.sampled_from((None, "a@x.example", "+33 1 00 00 00 03", "note three"))),
)


def apply(services, cast, people: list, action: tuple) -> None:
    kind, who = action[0], cast.viewer(action[1])
    try:
        if kind == "create":
            details = {f: v for f, v in action[2].items() if v is not None}
            people.append(services.people.create(who, {"name": f"Contact {len(people)}", **details})["id"])
        elif kind == "know":
            services.relationships.create(who, {"person_id": who.person_id, "other_id": people[action[2]],
                                                "visibility": action[3], "strength": action[4]})
        elif kind == "link":
            services.relationships.create(who, {"person_id": people[action[2]], "other_id": people[action[3]],
                                                "visibility": action[4], "strength": 3})
        elif kind in ("edit_rel", "delete_rel"):
            owned = services.relationships.owned(who)
            if owned:
                rel = owned[action[2] % len(owned)]
                if kind == "delete_rel":
                    services.relationships.delete(who, rel["id"])
                else:
                    services.relationships.update(who, rel["id"], {"visibility": action[3], "strength": action[4]})
        elif kind == "edit_person":
            field, value = action[3], action[4]
            if field == "email" and value and "@" not in value or field != "email" and value and "@" in value:
                value = VALUES[field][0]
            services.people.update(who, people[action[2]], {field: value})
    except CarnetError:
        pass  # refused (a pair already related, a rule forcing a level, a detail not theirs): fine


def oracle(store, cast, person_id: str, username: str) -> dict:
    """field -> whether `username` may read it, from the raw node and its raw KNOWS."""
    node = store.read("people/get_person", id=person_id)[0]["person"]
    rels = [r["rel"] for r in store.read("relationships/list_touching", id=person_id)]
    me = cast.id(username)
    user_of = {cast.id(u): u for u in USERS}
    out = {}
    for field in FIELDS:
        by = node.get(f"{field}_by")
        if node.get(field) is None or username == "ada" or (by and by == me):
            out[field] = True
            continue
        contributor = user_of.get(by)
        shared = False
        for r in rels:
            if contributor is None or r["owner"] != by or r["visibility"] == "private":
                continue
            if r["visibility"] == "company" or TEAM[contributor] in MANAGES.get(username, ()) \
                    or r["visibility"] == "team" and TEAM[contributor] == TEAM[username]:
                shared = True
        out[field] = shared
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(actions=st.lists(ACTIONS, min_size=3, max_size=14), seeds=st.lists(detail_values, min_size=CONTACTS,
                                                                         max_size=CONTACTS),
       authors=st.lists(users, min_size=CONTACTS, max_size=CONTACTS), intruder=users, target=contacts)
def test_no_detail_shows_unless_the_rules_allow_and_private_relationships_change_nothing(
        data_dir, actions, seeds, authors, intruder, target):
    store = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    try:
        store.ensure_schema()
        app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                         store=store)
        services = app.extensions["carnet"]
        cast = Cast(services)
        people = []
        for author, details in zip(authors, seeds):
            apply(services, cast, people, ("create", author, details))
        for action in actions:
            apply(services, cast, people, action)

        for pid in people:
            for username in USERS:
                allowed = oracle(store, cast, pid, username)
                shown = services.people.get(cast.viewer(username), pid)
                raw = services.people.get(SYSTEM, pid)
                for field in FIELDS:
                    assert shown[field] == (raw[field] if allowed[field] else None), (username, field)
                assert shown["details_locked"] is (not all(allowed.values()))

        client = app.test_client()
        tokens = {u: api_token(client, u) for u in USERS if u != intruder}
        pid = people[target]

        def answers() -> dict:
            return {u: client.get(f"/api/people/{pid}", headers=bearer(t)).get_json() for u, t in tokens.items()}
        without = answers()
        viewer = cast.viewer(intruder)
        try:
            rel = services.relationships.create(viewer, {"person_id": viewer.person_id, "other_id": pid,
                                                         "strength": 5, "visibility": "private"})
        except CarnetError:
            return  # that pair is already related: no private relationship to add
        assert answers() == without
        services.relationships.delete(viewer, rel["id"])
        assert answers() == without
    finally:
        store.clear()
        store.close()
