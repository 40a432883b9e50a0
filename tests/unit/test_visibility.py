"""The visibility rules (docs/ARCHITECTURE.md) as a table, checked against graph/visibility.py."""

import pytest

from graph.visibility import (
    DETAIL_CONTRIBUTOR_FIELDS, PERSON_DETAIL_FIELDS, SYSTEM, Directory, Viewer, can_modify_relationship,
    contributor_field, credit_details, preview_of, readable_details, relationship_access, shape_person,
    shape_relationship,
)
from tests.visibility_table import LEVELS, READS_DETAIL, SEES

DIRECTORY = Directory(team_of={"owner": "N", "mate": "N", "other": "S", "mgrN": "N", "mgrS": "S", "admin": None},
                      name_of={"owner": "Olive"})

VIEWERS = {
    "owner": Viewer("owner", "rep", "N"),
    "teammate": Viewer("mate", "rep", "N"),
    "other_team": Viewer("other", "rep", "S"),
    "owner_manager": Viewer("mgrN", "manager", "N", frozenset({"N"})),
    "other_manager": Viewer("mgrS", "manager", "S", frozenset({"S"})),
    "admin": Viewer("admin", "admin"),
}

# The viewers above, as the roles of the hand-written table (tests/visibility_table.py).
ROLE_OF = {"owner": "owner", "teammate": "rep", "other_team": "other_rep", "owner_manager": "manager",
           "other_manager": "other_manager", "admin": "admin"}
# level -> viewer -> expected access (V visible, L locked, - hidden)
EXPECTED = {level: {who: SEES[role][level] for who, role in ROLE_OF.items()} for level in LEVELS}
CODE = {"visible": "V", "locked": "L", None: "-"}


@pytest.mark.parametrize("level", list(EXPECTED))
@pytest.mark.parametrize("who", list(VIEWERS))
def test_relationship_access_table(level, who):
    got = relationship_access(VIEWERS[who], "owner", level, "N")
    assert CODE[got] == EXPECTED[level][who]


def _rel(level):
    return {"id": "r", "owner": "owner", "visibility": level, "strength": 5, "context": "friend",
            "notes": "golf on Sundays", "since": "2020-01-01", "last_contact": "2026-01-01",
            "person_id": "a", "other_id": "b"}


@pytest.mark.parametrize("level", list(EXPECTED))
@pytest.mark.parametrize("who", list(VIEWERS))
def test_shape_relationship_hides_secrets_when_locked(level, who):
    shaped = shape_relationship(VIEWERS[who], _rel(level), DIRECTORY)
    expected = EXPECTED[level][who]
    if expected == "-":
        assert shaped is None
        return
    assert shaped["locked"] is (expected == "L")
    assert shaped["owner_name"] == "Olive"
    for field in ("strength", "context", "notes", "since", "last_contact"):
        assert (shaped[field] is None) is (expected == "L")


def _person(by="owner", **values):
    person = {"id": "b", "created_by": "someone", "email": "x@y.z", "phone": "1", "notes": "n", **values}
    return credit_details(person, by)


def test_details_follow_the_contributors_own_relationship():
    for level in LEVELS:
        for who, role in ROLE_OF.items():
            readable = readable_details(VIEWERS[who], _person(), [_rel(level)], DIRECTORY)
            expected = READS_DETAIL[role][level] == "Y"
            assert readable == (frozenset(PERSON_DETAIL_FIELDS) if expected else frozenset()), (level, who)


@pytest.mark.parametrize("level", LEVELS)
def test_someone_elses_relationship_opens_nothing(level):
    """The relationship belongs to the owner; the details to somebody else."""
    for who in VIEWERS:
        if who == "admin":
            continue
        readable = readable_details(VIEWERS[who], _person(by="stranger"), [_rel(level)], DIRECTORY)
        assert readable == frozenset(), (level, who)


def test_details_for_contributor_grant_holder_and_nobody():
    person = _person(by="other", created_by="mate")
    assert readable_details(VIEWERS["other_team"], person, [], DIRECTORY) == frozenset(PERSON_DETAIL_FIELDS)
    assert readable_details(VIEWERS["teammate"], person, [], DIRECTORY) == frozenset()  # creating opens nothing
    assert readable_details(Viewer("u", person_id="b"), person, [], DIRECTORY) == frozenset()
    granted = Viewer("u", granted_person_ids=frozenset({"b"}))
    shares = [dict(_rel("exclusive"), owner="other")]  # the contributor is in governed sharing
    assert readable_details(granted, person, shares, DIRECTORY) == frozenset(PERSON_DETAIL_FIELDS)
    assert readable_details(granted, person, shares, DIRECTORY, grants=False) == frozenset()
    # a contributor who holds the person privately, or not at all, was never asked: a grant opens nothing
    assert readable_details(granted, person, [dict(_rel("private"), owner="other")], DIRECTORY) == frozenset()
    assert readable_details(granted, person, [], DIRECTORY) == frozenset()
    assert readable_details(granted, _person(by=None), [], DIRECTORY) == frozenset(PERSON_DETAIL_FIELDS)
    nobody = _person(by=None)
    assert readable_details(VIEWERS["admin"], nobody, [], DIRECTORY) == frozenset(PERSON_DETAIL_FIELDS)
    assert readable_details(SYSTEM, nobody, [], DIRECTORY) == frozenset(PERSON_DETAIL_FIELDS)
    assert readable_details(VIEWERS["owner"], nobody, [_rel("company")], DIRECTORY) == frozenset()


def test_details_are_locked_one_by_one_and_an_empty_one_locks_nothing():
    person = dict(_person(by="other"), phone=None, phone_by=None, notes_by="owner")
    shaped = shape_person(VIEWERS["owner"], person, [], DIRECTORY)
    assert (shaped["email"], shaped["phone"], shaped["notes"]) == (None, None, "n")
    assert shaped["details_locked"] is True and shaped["locked_details"] == ["email"]
    assert not any(f in shaped for f in DETAIL_CONTRIBUTOR_FIELDS)
    empty = shape_person(VIEWERS["teammate"], {"id": "b", "email": None}, [], DIRECTORY)
    assert empty["details_locked"] is False and empty["locked_details"] == []
    assert shape_person(VIEWERS["admin"], person, [], DIRECTORY)[contributor_field("email")] == "other"


def test_a_preview_shares_the_users_contributions_as_the_user_does():
    """Seen as the owner, their own detail shows only where their relationship is not private."""
    for level in LEVELS:
        readable = readable_details(preview_of(VIEWERS["owner"]), _person(), [_rel(level)], DIRECTORY)
        assert bool(readable) is (level != "private"), level


def test_credit_details_names_the_writer_and_clears_with_the_value():
    assert credit_details({"email": "a@b.c", "phone": None, "title": "x"}, "u") == \
        {"email": "a@b.c", "email_by": "u", "phone": None, "phone_by": None, "title": "x"}


def test_modify_rights():
    for level, row in EXPECTED.items():
        rel = _rel(level)
        assert can_modify_relationship(VIEWERS["owner"], rel, DIRECTORY)
        assert not can_modify_relationship(VIEWERS["teammate"], rel, DIRECTORY)
        assert not can_modify_relationship(VIEWERS["other_manager"], rel, DIRECTORY)
        assert can_modify_relationship(VIEWERS["owner_manager"], rel, DIRECTORY) is (level != "private")
        assert can_modify_relationship(VIEWERS["admin"], rel, DIRECTORY) is (level != "private")
    assert can_modify_relationship(SYSTEM, _rel("private"), DIRECTORY)


@pytest.mark.parametrize("level", list(EXPECTED))
@pytest.mark.parametrize("seen", list(VIEWERS))
@pytest.mark.parametrize("looker", list(VIEWERS))
def test_a_preview_shows_the_narrower_of_the_user_and_the_previewer(level, seen, looker):
    """See as colleague never exceeds the previewer's own rights (nor the user's, less their
    private relationships)."""
    from graph.visibility import preview_of

    rank = {"-": 0, "L": 1, "V": 2}
    own = EXPECTED[level][seen] if not (level == "private" and seen == "owner") else "-"
    want = min(own, EXPECTED[level][looker], key=rank.__getitem__)
    got = relationship_access(preview_of(VIEWERS[seen], VIEWERS[looker]), "owner", level, "N")
    assert CODE[got] == want
    person = {"id": "p", "email": "p@example.com", "email_by": VIEWERS[seen].user_id}
    shown = "email" in readable_details(preview_of(VIEWERS[seen], VIEWERS[looker]), person, [], DIRECTORY)
    looker_reads = "email" in readable_details(VIEWERS[looker], person, [], DIRECTORY)
    # entered by the previewed user: a preview never shows what is theirs alone, nor more than the looker reads
    assert shown == (looker_reads and VIEWERS[seen].is_admin)
