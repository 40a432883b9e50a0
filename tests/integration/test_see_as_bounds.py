""""See as colleague" never exceeds the previewer's own rights: a manager previews only the reps
of the teams they manage (never an admin, never another manager), and whatever Viewer a
preview runs with, it shows a relationship, a detail, a path hop or a plan's coverage only when
the previewer may see it on their own too."""

from __future__ import annotations

import pytest

from graph.errors import Forbidden
from graph.visibility import SYSTEM, preview_of
from tests.conftest import PASSWORD
from tests.integration.test_credit_preview import env, knows, person  # noqa: F401 (fixture)


@pytest.fixture
def north_admin_and_manager(env):  # noqa: F811
    s, cast, _ = env
    for username, role in (("adam", "admin"), ("max", "manager")):
        cast.users[username] = s.users.create(SYSTEM, {"username": username, "password": PASSWORD, "role": role,
                                                       "name": username.title(), "team": "North"})
    return env


@pytest.mark.parametrize("who", ["adam", "max", "carol", "sam", "ada"])
def test_a_manager_may_not_preview_an_admin_another_manager_or_another_teams_rep(north_admin_and_manager, who):
    s, cast, _ = north_admin_and_manager
    target = person(s, "Tara")
    with pytest.raises(Forbidden):
        s.preview.person(cast.viewer("mona"), cast.id(who), target)
    assert who not in {u["username"] for u in s.preview.candidates(cast.viewer("mona"))}


def test_a_manager_previews_their_own_rep_but_no_detail_they_may_not_see(env):  # noqa: F811
    s, cast, _ = env
    dora = s.people.create(cast.viewer("alice"), {"name": "Dora", "email": "dora@secret.example"})["id"]
    assert s.people.page(cast.viewer("alice"), dora)["person"]["details_locked"] is False  # alice entered it
    assert s.people.page(cast.viewer("mona"), dora)["person"]["details_locked"] is True
    shown = s.preview.person(cast.viewer("mona"), cast.id("alice"), dora)
    assert shown["as"]["username"] == "alice"
    assert shown["person"]["details_locked"] is True and "dora@secret" not in repr(shown)


def test_a_view_through_an_admins_eyes_shows_a_manager_no_more_than_their_own(env):  # noqa: F811
    """Whatever user is previewed, the previewer's own rights bound it: an admin's eyes lent to
    a manager still show another team's exclusive relationship locked, on the person page, in
    paths and in a plan's coverage."""
    s, cast, _ = env
    acme = s.organisations.create(SYSTEM, {"name": "Acme", "kind": "account"})["id"]
    paul = person(s, "Paul", organisation_id=acme)
    rel = knows(s, cast, "carol", cast.person("carol"), paul, 2, "exclusive", "NOTE-carol")
    s.plans.set_member(cast.viewer("sam"), acme, paul, {"role": "decision_maker", "stance": "ally", "influence": 5})
    eyes = preview_of(cast.viewer("ada"), cast.viewer("mona"))

    page = s.people.page(eyes, paul)
    shown = [r for r in page["knows"] + page["known_by"] if r["id"] == rel]
    assert [(r["locked"], r["strength"]) for r in shown] == [(True, None)]
    assert page["person"]["details_locked"] is True and "NOTE-carol" not in repr(page)

    hops = [h for p in s.paths.page(eyes, paul)["paths"] for h in p["hops"]
            if {h["from"], h["to"]} == {cast.person("carol"), paul}]
    assert hops and all(h["locked"] and h["strength"] is None for h in hops)

    plan = s.plans.get(eyes, acme, cached=False)
    coverage = [c for m in plan["members"] for c in m["coverage"]]
    assert coverage and all(c["locked"] and c["strength"] is None for c in coverage)
