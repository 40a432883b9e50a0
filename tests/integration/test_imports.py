"""Import plan and commit on the real store: what is created, merged and rejected, job changes,
the visibility of the preview, and all-or-nothing writes (a failure half-way leaves nothing)."""

from __future__ import annotations

import json

import pytest

from graph import backup
from graph.errors import Conflict, ValidationError
from graph.visibility import SYSTEM


@pytest.fixture
def acme(services, cast):
    return services.organisations.create(cast.viewer("ada"), {"name": "Acmé Industries", "kind": "account",
                                                              "sector": "public"})


def graph_state(store) -> tuple:
    """The whole graph, less what an import legitimately leaves (its own Import record, the
    change counter, audit entries): nodes and relationships with all their properties."""
    nodes, rels = backup.snapshot(store)
    kept = [n for n in nodes if n["labels"][0] not in ("Import", "Meta", "AuditEntry")]
    return json.dumps(kept, sort_keys=True), json.dumps(rels, sort_keys=True)


def by_line(plan) -> dict:
    return {e.line: e for e in plan.entries}


def test_a_csv_creates_people_organisations_positions_and_relationships(services, cast, acme):
    alice = cast.viewer("alice")
    data = ("name,email,phone,title,organisation,organisation_kind,start,strength,context,visibility\n"
            "Zoé Martin,zoe@globex.example,+33 1 02 03 04 05,CFO,Globex,prospect,2022-01-10,4,client,\n"
            "Yann Petit,,,,acme industries,,,,,team\n"
            "Xavier Roux,,,,,,,0,,\n").encode()
    plan = services.imports.plan(alice, data)
    assert [e.action for e in plan.entries] == ["create", "create", "create"]
    assert plan.counts()["organisations"] == 1  # Acmé matched despite case and accent; Globex is new
    result = services.imports.commit(alice, plan)
    assert result["counts"]["people"] == 3 and result["counts"]["relationships"] == 2

    mine = {r["other_name"]: r for r in services.relationships.owned(alice)}
    assert set(mine) == {"Zoé Martin", "Yann Petit"}  # strength 0: the person only
    assert (mine["Zoé Martin"]["strength"], mine["Zoé Martin"]["context"]) == (4, "client")
    assert mine["Zoé Martin"]["visibility"] == "exclusive"  # the sharing rules' default decided
    assert (mine["Yann Petit"]["strength"], mine["Yann Petit"]["visibility"]) == (2, "team")  # file strength
    zoe = services.people.profile(alice, mine["Zoé Martin"]["other_id"])
    assert zoe["person"]["email"] == "zoe@globex.example"
    assert [(p["organisation"], p["title"], p["start"], p["end"]) for p in zoe["positions"]] == [
        ("Globex", "CFO", "2022-01-10", None)]
    globex = services.organisations.get(alice, zoe["positions"][0]["organisation_id"])
    assert globex["kind"] == "prospect"
    yann = services.people.get(alice, mine["Yann Petit"]["other_id"])
    assert yann["organisation_id"] == acme["id"]


def test_imported_contact_details_follow_the_visibility_model(services, cast):
    alice = cast.viewer("alice")
    plan = services.imports.plan(alice, b"name,email,visibility\nSecret Sam,sam@hidden.example,exclusive\n")
    services.imports.commit(alice, plan)
    person_id = services.relationships.owned(alice)[0]["other_id"]
    assert services.people.get(alice, person_id)["email"] == "sam@hidden.example"
    for other in ("bob", "carol"):  # exclusive: others learn that alice knows them, not the details
        seen = services.people.get(cast.viewer(other), person_id)
        assert seen["details_locked"] and seen["email"] is None
    assert services.people.get(cast.viewer("mona"), person_id)["email"] == "sam@hidden.example"  # her manager


def test_merge_into_existing_people_by_a_readable_email_or_by_name_at_the_same_organisation(services, cast, acme):
    ada, alice = cast.viewer("ada"), cast.viewer("alice")
    jane = services.people.create(ada, {"name": "Jane Doe", "email": "Jane.Doe@acme.example",
                                        "phone": "+33 6 00 00 00 01", "organisation_id": acme["id"]})
    kim = services.people.create(alice, {"name": "Kim Lee", "email": "kim@acme.example"})
    leo = services.people.create(ada, {"name": "Léo Blanc", "organisation_id": acme["id"], "title": "Buyer"})
    data = ("name,email,organisation,title\n"
            "J. Doe,JANE.DOE@ACME.EXAMPLE,,\n"
            "leo  BLANC,,Acme Industries,Buyer\n"
            "Léo Blanc,,Other Corp,\n"
            "K. Lee,KIM@acme.example,,\n").encode()
    plan = services.imports.plan(alice, data)
    rows = by_line(plan)
    assert rows[2].action == "create"  # Jane's e-mail is hidden from alice: it matches nobody for her
    assert rows[3].action == "merge" and rows[3].target["id"] == leo["id"]
    assert rows[4].action == "create"  # same name, another organisation: another person
    assert rows[5].action in ("merge", "unchanged") and rows[5].target["id"] == kim["id"]
    assert "same e-mail" in str(rows[5].notes[0])  # alice entered Kim's e-mail herself
    assert set(rows[3].target) == {"id", "name", "title", "organisation"}
    text = json.dumps([[str(n) for n in e.notes] for e in plan.entries]) + json.dumps([e.target for e in plan.entries])
    assert "jane" not in text.lower() and "00 01" not in text
    assert not [u for u in plan.person_updates if u["id"] == jane["id"]]

    services.imports.commit(alice, plan)
    assert services.people.get(ada, jane["id"])["email"] == "Jane.Doe@acme.example"  # untouched
    assert services.people.get(ada, jane["id"])["name"] == "Jane Doe"  # an import never renames
    again = by_line(services.imports.plan(alice, data))
    assert again[2].action == "unchanged" and again[2].target["id"] != jane["id"]  # the record alice made
    pairs = {frozenset((c["keep"]["id"], c["drop"]["id"])) for c in services.duplicates.candidates(ada)}
    assert frozenset((jane["id"], again[2].target["id"])) in pairs  # the duplicate finder proposes the pair


def test_a_job_change_ends_the_old_position_records_the_new_and_is_returned(services, cast, acme):
    ada, alice, bob = cast.viewer("ada"), cast.viewer("alice"), cast.viewer("bob")
    jane = services.people.create(alice, {"name": "Jane Doe", "email": "jane@acme.example", "title": "Buyer",
                                          "organisation_id": acme["id"]})
    services.relationships.create(bob, {"person_id": bob.person_id, "other_id": jane["id"], "strength": 3})
    heard = []
    services.imports.on_job_changes = heard.extend
    plan = services.imports.plan(alice, b"name,email,organisation,title\nJane Doe,jane@acme.example,Globex,CEO\n")
    entry = plan.entries[0]
    assert entry.action == "merge" and entry.job_change["old_organisation"] == "Acmé Industries"
    assert any("job change: Acmé Industries → Globex (new organisation)" in n for n in entry.notes)
    result = services.imports.commit(alice, plan)
    assert [(j["person_id"], j["name"], j["old_organisation"], j["new_organisation"])
            for j in result["job_changes"]] == [(jane["id"], "Jane Doe", "Acmé Industries", "Globex")]
    assert heard == result["job_changes"]
    positions = services.people.profile(ada, jane["id"])["positions"]
    assert [(p["organisation"], p["title"], p["end"]) for p in positions] == [
        ("Globex", "CEO", None), ("Acmé Industries", "Buyer", services.clock.today())]
    assert services.people.get(ada, jane["id"])["title"] == "CEO"


def test_repeated_rows_in_one_file_are_one_person(services, cast):
    alice = cast.viewer("alice")
    data = ("name,email,phone,organisation\nAnn Lee,ann@x.example,,\nANN LEE,Ann@X.example,+33 1 11 11 11 11,\n"
            "ann lee,,,Initech\nAnn Lee,,,\nÁnn  Lee,,,initech\n").encode()
    plan = services.imports.plan(alice, data)
    assert [(e.action, e.duplicate_of) for e in plan.entries] == [
        ("create", None), ("duplicate", 2), ("create", None), ("create", None), ("duplicate", 4)]
    assert plan.people[0]["phone"] == "+33 1 11 11 11 11"  # the repeat filled what the first row lacked
    assert plan.counts()["people"] == 3  # a name alone (no e-mail, no organisation) is not enough to merge


def test_a_forced_sharing_rule_rejects_a_row_that_asks_for_another_level(services, cast, acme):
    ada, alice = cast.viewer("ada"), cast.viewer("alice")
    services.policy.create(ada, {"name": "Public buyers", "sector": "public", "outcome": "company",
                                 "mode": "forced", "reason": "shared"})
    data = b"name,organisation,visibility\nPat Public,Acme Industries,private\nPia Public,Acme Industries,\n"
    rows = by_line(services.imports.plan(alice, data))
    assert rows[2].action == "reject"
    assert rows[2].errors == ["visibility: the rule “Public buyers” requires company"]
    assert "company by the rule “Public buyers”" in rows[3].notes[-1]


def test_rejected_rows_stop_the_whole_file_unless_the_valid_rows_are_asked_for(services, store, cast):
    alice = cast.viewer("alice")
    data = b"name,email,strength\nGood One,good@x.example,3\nBad One,not-an-address,7\n"
    plan = services.imports.plan(alice, data)
    assert by_line(plan)[3].errors == ["email is not a valid address", "strength must be a whole number from 0 to 5"]
    before = graph_state(store)
    with pytest.raises(ValidationError, match="line 3: email is not a valid address") as err:
        services.imports.commit(alice, plan)
    assert err.value.field == "file"
    assert graph_state(store) == before
    services.imports.commit(alice, plan, valid_rows=True)
    assert [r["other_name"] for r in services.relationships.owned(alice)] == ["Good One"]


def test_an_importer_without_a_user_records_no_relationship(services, cast):
    plan = services.imports.plan(SYSTEM, b"name,strength\nNo Owner,4\n")
    assert plan.warnings == ["no importing user: people, organisations and positions only, no relationships"]
    services.imports.commit(SYSTEM, plan)
    assert services.people.list(SYSTEM, q="No Owner")["total"] == 1
    assert plan.knows == []


def test_your_own_record_is_not_imported(services, cast):
    alice = cast.viewer("alice")
    rows = services.imports.plan(alice, b"name\nAlice\n").entries
    # "Alice" has no organisation, so it is not matched by name; by e-mail it would be:
    assert rows[0].action == "create"
    services.people.update(alice, alice.person_id, {"email": "alice@carnet.example"})
    rows = services.imports.plan(alice, b"name,email\nAlice,alice@carnet.example\n").entries
    assert rows[0].errors == ["this is you: your own record is not imported"]


# -- all or nothing ------------------------------------------------------------------------------------
def _mixed_file(services, cast, acme) -> tuple[bytes, dict]:
    """A file that creates, updates fields, changes jobs and updates relationships, so a rollback
    has every kind of write to undo."""
    alice = cast.viewer("alice")  # she entered the e-mails, so the file meets these people by them
    known = {}
    for i in range(4):
        person = services.people.create(alice, {"name": f"Known {i}", "email": f"known{i}@x.example",
                                                "organisation_id": acme["id"]})
        services.relationships.create(alice, {"person_id": alice.person_id, "other_id": person["id"],
                                              "strength": 1, "visibility": "team"})
        known[i] = person
    late = services.people.create(alice, {"name": "Late Comer", "email": "late@x.example"})
    known["late"] = late
    lines = ["name,email,title,organisation,strength"]
    lines += [f"Known {i},known{i}@x.example,Director,Globex,5" for i in range(4)]  # job changes + updates
    lines += [f"New {i},new{i}@x.example,Engineer,Initech,2" for i in range(7)]
    lines += ["Late Comer,late@x.example,,,3"]
    return ("\n".join(lines) + "\n").encode(), known


def test_a_failure_half_way_leaves_nothing_of_the_file(services, store, cast, acme):
    alice, bob = cast.viewer("alice"), cast.viewer("bob")
    data, known = _mixed_file(services, cast, acme)
    plan = services.imports.plan(alice, data)
    counts = plan.counts()
    assert (counts["people"], counts["people_updated"], counts["positions_ended"], counts["job_changes"],
            counts["relationships"], counts["relationships_updated"]) == (7, 4, 4, 4, 8, 4)
    # Meanwhile alice records Late Comer by hand: the plan's relationship with Late Comer can no
    # longer be written (one KNOWS per owner per pair), after everything else was.
    services.relationships.create(alice, {"person_id": known["late"]["id"], "other_id": alice.person_id,
                                          "strength": 2})
    before = graph_state(store)
    with pytest.raises(Conflict, match="the graph changed while importing"):
        services.imports.commit(alice, plan, batch_size=2)  # many small batches: most of it was written
    assert graph_state(store) == before
    assert store.read("imports/get_import", id=plan.batch)[0]["import"]["status"] == "failed"


def test_a_constraint_violation_in_a_later_batch_rolls_back_the_earlier_ones(services, store, cast, acme):
    alice = cast.viewer("alice")
    data, _ = _mixed_file(services, cast, acme)
    plan = services.imports.plan(alice, data)
    before = graph_state(store)
    # Another writer takes the id of the 6th new person: the 3rd batch of people fails on the
    # unique constraint after two batches (and every organisation) were written.
    intruder = {"id": plan.people[5]["id"], "name": "Intruder"}
    store.write("imports/create_people", rows=[intruder], batch="someone-else")
    with_intruder = graph_state(store)
    assert with_intruder != before
    with pytest.raises(Conflict):
        services.imports.commit(alice, plan, batch_size=2)
    assert graph_state(store) == with_intruder


def test_a_successful_commit_writes_exactly_the_plan_and_stamps_it(services, store, cast, acme):
    alice = cast.viewer("alice")
    data, known = _mixed_file(services, cast, acme)
    plan = services.imports.plan(alice, data)
    services.imports.commit(alice, plan, batch_size=3)
    mine = {r["other_name"]: r for r in services.relationships.owned(alice)}
    assert {mine[f"Known {i}"]["strength"] for i in range(4)} == {5}  # explicit strengths update
    assert mine["Known 0"]["visibility"] == "team"  # an update never touches the level
    assert mine["New 3"]["strength"] == 2 and mine["Late Comer"]["strength"] == 3
    nodes, rels = backup.snapshot(store)
    stamped = [n for n in nodes if n["props"].get("import_batch") == plan.batch]
    assert sorted(n["labels"][0] for n in stamped) == ["Organisation"] * 2 + ["Person"] * 7
    ended = [r for r in rels if r["props"].get("ended_by_import") == plan.batch]
    assert len(ended) == 4
    again = services.imports.plan(alice, data)
    assert again.writes() == 0 and {e.action for e in again.entries} == {"unchanged"}


def _commit_then_die(data_dir, graph_name, user_id, data, batches):
    """In a child process: plan and commit, and die (no rollback, no cleanup) after `batches`."""
    import os

    from graph.adapters.falkordb_store import FalkorDBStore
    from graph.services import Services
    from tests.conftest import FAST_HASH

    services = Services(FalkorDBStore(data_dir, graph_name), password_method=FAST_HASH)
    viewer = services.users.viewer(user_id)
    written = []

    def progress(n):
        written.append(n)
        if len(written) == batches:
            os._exit(3)

    services.imports.commit(viewer, services.imports.plan(viewer, data), batch_size=2, progress=progress)
    os._exit(0)


def test_an_import_cut_short_by_a_dead_process_is_rolled_back_by_the_next_one(services, store, data_dir, cast,
                                                                             acme):
    import multiprocessing

    from graph.clock import FixedClock
    from graph.services import Services
    from graph.services.imports import LEASE_MS

    data, _ = _mixed_file(services, cast, acme)
    before = graph_state(store)
    child = multiprocessing.get_context("fork").Process(
        target=_commit_then_die, args=(data_dir, store.graph_name, cast.id("alice"), data, 12))
    child.start()
    child.join(120)
    assert child.exitcode == 3  # it died half-way: people, updates and ended positions written
    assert graph_state(store) != before
    assert services.imports.recover() == []  # not stale yet: it might still be running
    later = Services(store, FixedClock(services.clock.now_ms() + LEASE_MS + 1))
    rolled = later.imports.recover()
    assert len(rolled) == 1
    assert graph_state(store) == before
    assert store.read("imports/get_import", id=rolled[0])[0]["import"]["status"] == "rolled_back"


def _commit_upload_then_get_killed(data_dir, graph_name, user_id, import_id, writes):
    """In a child process: commit an upload and be SIGKILLed after `writes` write statements."""
    import os
    import signal

    from graph.adapters.falkordb_store import FalkorDBStore
    from graph.services import Services
    from tests.conftest import FAST_HASH

    class Dying(FalkorDBStore):
        count = 0

        def write(self, name, **kwargs):
            rows = super().write(name, **kwargs)
            if name.startswith("imports/create_"):
                Dying.count += 1
                if Dying.count == writes:
                    os.kill(os.getpid(), signal.SIGKILL)
            return rows

    services = Services(Dying(data_dir, graph_name), password_method=FAST_HASH)
    services.imports.commit_upload(services.users.viewer(user_id), import_id)
    os._exit(0)


@pytest.mark.parametrize("then", ["commit", "discard"])
def test_a_worker_killed_mid_import_frees_the_upload_within_a_minute(services, store, data_dir, cast, acme, then):
    """The claim of a committing worker is a lease it renews while it writes: once a killed
    worker's lease has run out (LEASE_MS, well under a minute), the next commit or discard rolls
    its leftovers back and proceeds."""
    import multiprocessing

    from graph.clock import FixedClock
    from graph.services import Services
    from graph.services.imports import LEASE_MS

    assert LEASE_MS <= 60_000
    alice = cast.viewer("alice")
    data, _ = _mixed_file(services, cast, acme)
    before = graph_state(store)
    upload = services.imports.upload(alice, "contacts.csv", data)
    child = multiprocessing.get_context("fork").Process(
        target=_commit_upload_then_get_killed, args=(data_dir, store.graph_name, cast.id("alice"), upload["id"], 3))
    child.start()
    child.join(120)
    assert child.exitcode == -9  # killed half-way
    assert graph_state(store) != before
    with pytest.raises(Conflict):  # its lease still runs: the worker might be alive
        services.imports.discard(alice, upload["id"])
    later = Services(store, FixedClock(services.clock.now_ms() + LEASE_MS + 1))
    alice = later.users.viewer(cast.id("alice"))
    if then == "discard":
        later.imports.discard(alice, upload["id"])
        assert graph_state(store) == before
    else:
        result = later.imports.commit_upload(alice, upload["id"])
        assert result["counts"]["people"] == 7
        assert len(later.people.suggest(SYSTEM, "New 3")) == 1  # written once, not twice


def test_imported_and_updated_people_are_found_by_search_at_once(services, cast, acme):
    """Bulk writes skip the search fields; the commit fills them (new and updated records)."""
    alice = cast.viewer("alice")
    services.people.create(cast.viewer("ada"), {"name": "Hélène Dubois", "email": "helene@acme.example",
                                                "title": "Buyer", "organisation_id": acme["id"]})
    data = ("name,email,title,organisation\n"
            "Quentin Zylberstein,,Treasurer,Acmé Industries\n"
            "Hélène Dubois,helene@acme.example,Procurement director,Acmé Industries\n").encode()
    services.imports.commit(alice, services.imports.plan(alice, data))

    def names(q):
        return [p["name"] for p in services.search.search(alice, q, kind="person")["people"]]
    assert names("zylber") == ["Quentin Zylberstein"]
    assert names("helene procurement") == ["Hélène Dubois"]  # the new title, not the old one
    assert names("helene buyer") == []


def test_a_colleagues_relationship_with_the_pair_never_changes_what_an_import_does(services, cast, acme):
    """Imports record the importer's own relationships: bob's private one with alice's contact
    neither shows in alice's preview nor stops hers from being written."""
    ada, alice, bob = cast.viewer("ada"), cast.viewer("alice"), cast.viewer("bob")
    data = b"name,organisation,strength\nJane Doe,Acm\xc3\xa9 Industries,4\nJohn Roe,Acm\xc3\xa9 Industries,4\n"
    jane = services.people.create(ada, {"name": "Jane Doe", "organisation_id": acme["id"]})
    john = services.people.create(ada, {"name": "John Roe", "organisation_id": acme["id"]})
    services.relationships.create(bob, {"person_id": alice.person_id, "other_id": jane["id"], "strength": 2,
                                        "visibility": "private"})
    plan = services.imports.plan(alice, data)
    rows = by_line(plan)
    assert [e.action for e in plan.entries] == ["merge", "merge"]
    assert [n.replace("John Roe", "Jane Doe") for n in rows[3].notes] == rows[2].notes
    assert plan.counts()["relationships"] == 2
    services.imports.commit(alice, plan)
    for person in (jane, john):
        mine = [r for r in services.relationships.touching(alice, person["id"]) if r["owner"] == alice.user_id]
        assert [(r["strength"], {r["person_id"], r["other_id"]}) for r in mine] == [(4, {alice.person_id,
                                                                                         person["id"]})]
    assert len(services.relationships.touching(bob, jane["id"])) == 2  # bob's own is still there


def test_the_preview_plans_the_file_once_at_upload(data_dir, cast, acme, store):
    """Viewing a preview, page after page, reads the plan kept with the upload: no re-planning
    (which reads every person of the graph) per view."""
    from tests.integration.test_write_once import Counting
    from graph.services import Services
    from tests.conftest import FAST_HASH

    counting = Counting(data_dir, graph_name=store.graph_name)
    services = Services(counting, password_method=FAST_HASH)
    alice = services.users.viewer(cast.id("alice"))
    data, _ = _mixed_file(services, cast, acme)
    upload = services.imports.upload(alice, "contacts.csv", data)
    planned = services.imports.plan(alice, data)
    names = []
    original = Counting.read

    def reading(self, name, **params):
        names.append(name)
        return original(self, name, **params)

    Counting.read = reading
    try:
        for _ in range(3):
            record, plan = services.imports.preview(alice, upload["id"])
    finally:
        Counting.read = original
    assert "duplicates/list_people" not in names
    assert plan.counts() == planned.counts()
    assert [(e.line, e.action, e.name, list(e.notes), list(e.errors)) for e in plan.entries] == \
        [(e.line, e.action, e.name, list(e.notes), list(e.errors)) for e in planned.entries]
    assert all(type(n) is type(m) for e, f in zip(plan.entries, planned.entries) for n, m in zip(e.notes, f.notes))
