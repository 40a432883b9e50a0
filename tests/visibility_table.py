"""The visibility rules (docs/ARCHITECTURE.md) written out once, by hand (not computed), for every test that
checks them: role -> relationship level -> V visible / L locked / - hidden.

Roles are seen from the owner of the relationship (a rep): the owner, a rep of the owner's
team, a rep of another team, the owner's manager, another team's manager, an admin. In the
shared cast (tests/conftest.py) they are alice, bob, carol, mona, sam and ada."""

LEVELS = ("private", "exclusive", "team", "company")

SEES = {
    "owner":         {"private": "V", "exclusive": "V", "team": "V", "company": "V"},
    "rep":           {"private": "-", "exclusive": "L", "team": "V", "company": "V"},
    "other_rep":     {"private": "-", "exclusive": "L", "team": "L", "company": "V"},
    "manager":       {"private": "-", "exclusive": "V", "team": "V", "company": "V"},
    "other_manager": {"private": "-", "exclusive": "L", "team": "L", "company": "V"},
    "admin":         {"private": "-", "exclusive": "V", "team": "V", "company": "V"},
}

CAST = {"owner": "alice", "rep": "bob", "other_rep": "carol", "manager": "mona", "other_manager": "sam",
        "admin": "ada"}

# A contact detail entered by the owner, whose one relationship to the person has the level:
# role -> level -> Y (reads the detail) / N. Only an unlocked view of the contributor's own
# relationship shares it; the contributor and admins always read it.
READS_DETAIL = {
    "owner":         {"private": "Y", "exclusive": "Y", "team": "Y", "company": "Y"},
    "rep":           {"private": "N", "exclusive": "N", "team": "Y", "company": "Y"},
    "other_rep":     {"private": "N", "exclusive": "N", "team": "N", "company": "Y"},
    "manager":       {"private": "N", "exclusive": "Y", "team": "Y", "company": "Y"},
    "other_manager": {"private": "N", "exclusive": "N", "team": "N", "company": "Y"},
    "admin":         {"private": "Y", "exclusive": "Y", "team": "Y", "company": "Y"},
}
