"""The visibility rules of DESIGN.md as a table, checked against graph/visibility.py."""

import pytest

from graph.visibility import (
    SYSTEM, Directory, Viewer, can_modify_relationship, can_see_details, relationship_access,
    shape_person, shape_relationship,
)
from tests.visibility_table import LEVELS, SEES

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


def test_details_follow_visible_relationships_only():
    person = {"id": "b", "created_by": "someone", "email": "x@y.z", "phone": "1", "notes": "n"}
    for level, row in EXPECTED.items():
        for who, code in row.items():
            allowed = can_see_details(VIEWERS[who], person, [_rel(level)], DIRECTORY)
            assert allowed is (code == "V" or who == "admin"), (level, who)


def test_details_for_creator_self_and_grant_holder():
    person = {"id": "p", "created_by": "other", "email": "x@y.z"}
    assert can_see_details(VIEWERS["other_team"], person, [], DIRECTORY)
    assert can_see_details(Viewer("u", person_id="p"), person, [], DIRECTORY)
    assert can_see_details(Viewer("u", granted_person_ids=frozenset({"p"})), person, [], DIRECTORY)
    shaped = shape_person(VIEWERS["teammate"], person, [], DIRECTORY)
    assert shaped["details_locked"] is True and shaped["email"] is None


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
    person = {"id": "p", "created_by": VIEWERS[seen].user_id}
    shown = can_see_details(preview_of(VIEWERS[seen], VIEWERS[looker]), person, [], DIRECTORY)
    assert shown == can_see_details(VIEWERS[looker], person, [], DIRECTORY)  # entered by the user: the looker decides
