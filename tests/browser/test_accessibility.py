"""axe-core over the main pages, as drawn in Chromium: no serious or critical violation
of WCAG 2.1 A/AA or axe's best practices (labels, contrast, names of images and pictures,
landmarks...). axe-core is the npm package pinned in tools/axe, injected as a script tag from
the installed file: nothing is fetched. Pictures are checked once drawn."""

from __future__ import annotations

import pytest

from graph.visibility import SYSTEM

from .checks import wait_for_pictures
from .kit import browse, linkedin_csv, seed  # noqa: F401 (browse: fixture)
from .rules import axe, describe

# (name, who looks, address with {placeholders} from the world)
PAGES = [
    ("login", None, "/login"),
    ("home", "alice", "/"),
    ("person", "alice", "/people/{helene}"),
    ("paths", "alice", "/people/{helene}/paths"),
    ("organisation", "alice", "/organisations/{orion}"),
    ("plan", "mona", "/accounts/{orion}/plan"),
    ("plan member", "mona", "/accounts/{orion}/plan/members/{paul}"),
    ("plan print", "mona", "/accounts/{orion}/plan/print"),
    ("events", "alice", "/events"),
    ("event", "bob", "/events/{event}"),
    ("alerts", "mona", "/alerts"),
    ("search", "alice", "/search?q=orion"),
    ("import", "alice", "/imports"),
    ("import preview", "alice", "/imports/{upload}"),
    ("inbox", "bob", "/notifications"),
]


@pytest.fixture(scope="module")
def world(site):
    ids = seed(site)
    s, cast = site.services, site.cast
    # Something on the inbox and the event page (a pending consent), and a file to preview.
    s.events.nominate(cast.viewer("alice"), ids["event"], {"person_id": ids["victor"], "reason": "Key sponsor"})
    ids["upload"] = s.imports.upload(cast.viewer("alice"), "Connections.csv", linkedin_csv(
        [("Claire", "Dumas", "Orion Aéronautique", "Flight test engineer")]), strength=3)["id"]
    assert s.events.get(SYSTEM, ids["event"])["nominations"]
    return ids


@pytest.mark.parametrize("name, user, path", PAGES, ids=[p[0] for p in PAGES])
def test_no_serious_accessibility_violation(world, browse, name, user, path):
    page = browse(user, axe=True)
    page.goto(path.format(**world))
    wait_for_pictures(page)
    found = axe(page)
    assert not found, f"{name} ({path}):\n{describe(found)}"
    page.guard.check(name)


def test_the_french_pages_pass_too(world, browse):
    """The language changes words, lengths and the lang attribute: the person page in French."""
    page = browse("alice", lang="fr-FR", axe=True)
    page.goto(f"/people/{world['helene']}")
    wait_for_pictures(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    found = axe(page)
    assert not found, describe(found)


def test_the_checker_sees_a_violation(world, browse):
    """axe is really running: an image without a text alternative, an unlabelled field and a
    label on an element that cannot carry one (axe: "needs review"), added to a real page, are
    reported."""
    page = browse("alice", axe=True)
    page.goto("/")
    page.evaluate("""() => { const box = document.createElement("div");
      box.innerHTML = '<img width="20" height="20"><input type="text"><span aria-label="3 out of 5">3/5</span>';
      document.querySelector("main").appendChild(box); }""")
    found = {v["id"] for v in axe(page)}
    assert {"image-alt", "label", "aria-prohibited-attr"} <= found, found


def test_every_picture_has_a_name_and_a_description(world, browse):
    """The network pictures are images with a name (aria-label) and, once drawn, a text list of
    what they show next to them."""
    page = browse("alice")
    for path in ("/people/{helene}", "/people/{helene}/paths", "/organisations/{orion}"):
        page.goto(path.format(**world))
        count = wait_for_pictures(page)
        assert count >= 1, path
        for index in range(count):
            frame = page.locator(".picture").nth(index)
            assert frame.get_attribute("role") == "img" and frame.get_attribute("aria-label"), path
            listing = page.locator(f"#{frame.get_attribute('aria-describedby')}")
            assert listing.count() == 1 and listing.locator("li").count() >= 1, path
    page.guard.check("pictures")
