"""Usability rules, in Chromium.

- Every HTML page of the app (the url_map, reached as in the XSS suite: pages.py over a world
  written through the real forms) keeps its lists short (no <select> over 20 options) and its
  ratings as 1-5 buttons, never a list or a typed number (rules.USABILITY); the journeys and
  the accessibility pages are held to the same rules as they load (rules.WATCH).
- Ratings are radio buttons styled as buttons, each with its label and a visible focus.
- "I know this person" is usable from the keyboard alone: Tab to the fields, Enter to record.
- The main pages fit a tablet (768×1024) without scrolling sideways.
- A 300-person network picture finishes drawing; the time it takes is printed, not asserted."""

from __future__ import annotations

import pytest

from app import create_app
from graph.visibility import SYSTEM
from tests.conftest import PASSWORD

from .checks import wait_for_pictures
from .harness import REPORT
from .kit import TABLET, browse, linkedin_csv, seed, wait_settled  # noqa: F401 (browse: fixture)
from .pages import make_plan, page_rules
from .rules import MAX_OPTIONS, PICTURE_CLOCK, overflow, usability
from .world import Actor, build

PEOPLE = 300  # the largest picture Carnet draws (graph/services/pictures.py MAX_PEOPLE)

MAIN_PAGES = ["/", "/people", "/people/{helene}", "/people/{helene}/paths", "/organisations",
              "/organisations/{orion}", "/accounts/{orion}/plan", "/accounts/{orion}/plan/print", "/events",
              "/events/{event}", "/alerts", "/search?q=orion", "/imports", "/notifications"]


@pytest.fixture(scope="module")
def world(site):
    return seed(site)


def test_no_long_list_and_no_rating_list_on_any_page(site, world, browse):
    """Every page of the url_map, with a world written through every form."""
    actors = {name: Actor(site, name) for name in ("ada", "alice", "mona", "carol")}
    anonymous = site.context()
    try:
        written = build(site, 0, "Usability world", actors)
        written.close()
        app = create_app({"TESTING": True, "SECRET_KEY": "unused"}, store=site.services.store)

        def status(viewer, url):
            request = actors[viewer].request if viewer in actors else anonymous.request
            return request.get(site.url(url), max_redirects=0).status

        plan = make_plan(page_rules(app), written.ids, status)
    finally:
        anonymous.close()
        for actor in actors.values():
            actor.close()
    assert not plan.unfilled and not plan.closed, (plan.unfilled, plan.closed)
    pages, breaches, seen = {}, [], 0
    for visit in plan.world_visits + plan.global_visits:
        if visit.viewer not in pages:
            pages[visit.viewer] = browse(visit.viewer)
        page = pages[visit.viewer]
        url = visit.url(written.ids, "Usability world")
        page.goto(url)
        seen += 1
        breaches += [f"{url}: {b}" for b in usability(page)]
        breaches += [f"{url}: {p}" for p in page.guard.take()]  # rules.WATCH reports on the console too
    REPORT["usability: pages checked for long lists and rating lists"] = seen
    assert seen > 40
    assert not breaches, "\n".join(breaches)


def test_the_rules_see_a_long_list_a_rating_list_and_a_page_too_wide(world, browse):
    page = browse("alice")
    page.goto("/")
    page.evaluate("""(n) => { const f = document.createElement("form");
      f.innerHTML = '<select name="who">' + '<option>x</option>'.repeat(n) + '</select>'
                  + '<select name="strength"><option>1</option></select><input name="influence" type="number">';
      document.querySelector("main").appendChild(f); }""", MAX_OPTIONS + 1)
    found = " | ".join(usability(page))
    assert f"has {MAX_OPTIONS + 1} options" in found
    assert "rating strength is a select-one" in found and "rating influence is a number" in found
    assert overflow(page)[0] == 0
    page.evaluate("() => { const d = document.createElement('div'); d.style.width = '3000px'; d.textContent = 'wide';"
                  " document.querySelector('main').appendChild(d); }")
    extra, culprits = overflow(page)
    assert extra > 1000 and culprits and culprits[0].startswith("div"), (extra, culprits)


@pytest.mark.parametrize("path, name", [("/people/{marc}", "strength"), ("/accounts/{orion}/plan/members/{paul}", "influence")])
def test_ratings_are_five_labelled_buttons(world, browse, path, name):
    page = browse("mona")
    page.goto(path.format(**world))
    buttons = page.locator(f"input[name={name}]")
    assert [buttons.nth(i).get_attribute("type") for i in range(buttons.count())] == ["radio"] * 5
    assert [buttons.nth(i).get_attribute("value") for i in range(5)] == ["1", "2", "3", "4", "5"]
    for i in range(5):
        label = page.locator(f"label[for='{buttons.nth(i).get_attribute('id')}']")
        box = label.bounding_box()
        assert label.is_visible() and box["height"] >= 24 and box["width"] >= 24, (i, box)  # a button to press
    label.click()
    assert buttons.nth(4).is_checked()
    page.guard.check(path)


def test_i_know_this_person_by_keyboard_alone(site, world, browse):
    page = browse("bob")
    marc = world["marc"]
    page.goto(f"/people/{marc}")
    form = f'form[action="/people/{marc}/know"]'
    for _ in range(80):  # Tab from the top of the page to the first button of the rating
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "strength":
            break
    else:
        pytest.fail("Tab never reaches the strength buttons")
    label = page.locator(f"label[for='{page.evaluate('document.activeElement.id')}']")
    assert label.evaluate("l => getComputedStyle(l).outlineStyle") != "none", "no visible focus on the rating"
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 1 → 4
    assert page.locator(f"{form} input[name=strength]:checked").get_attribute("value") == "4"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "context"
    page.keyboard.type("former")  # a list picks by its first letters
    assert page.locator(f"{form} select[name=context]").input_value() == "former_colleague"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "visibility"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".know-box h2").inner_text() == "You know Marc Petit"
    rel = [r for r in site.services.relationships.touching(SYSTEM, marc) if r["owner"] == site.cast.id("bob")]
    assert [(r["strength"], r["context"]) for r in rel] == [(4, "former_colleague")]
    page.guard.check("keyboard")


@pytest.mark.parametrize("user", ["alice", "mona"])
def test_main_pages_fit_a_tablet(world, browse, user):
    page = browse(user, viewport=TABLET)
    wide = []
    for path in MAIN_PAGES:
        page.goto(path.format(**world))
        wait_for_pictures(page)
        extra, culprits = overflow(page)
        if extra > 0:
            wide.append(f"{path}: {extra}px too wide ({', '.join(culprits)})")
    assert not wide, "\n".join(wide)
    page.guard.check("tablet")


def test_a_300_person_network_picture_finishes_drawing(site, browse):
    """A rep with 299 contacts (a LinkedIn file through the real import): their network picture
    holds 300 people. How long it takes to settle is printed (and listed at the end of the run)."""
    s = site.services
    hugo = s.users.viewer(s.users.create(site.cast.viewer("ada"), {
        "username": "hugo", "password": PASSWORD, "role": "rep", "team": "North", "name": "Hugo Network"})["id"])
    contacts = [(f"Contact{i:03d}", f"Person{i:03d}", f"Company {i % 40:02d}", "Engineer") for i in range(PEOPLE - 1)]
    upload = s.imports.upload(hugo, "Connections.csv", linkedin_csv(contacts), strength=3)
    s.imports.commit_upload(hugo, upload["id"])

    page = browse("hugo")
    page.context.add_init_script(PICTURE_CLOCK)
    page.goto(f"/people/{hugo.person_id}")
    assert wait_for_pictures(page) == 1
    wait_settled(page, timeout=60000)
    people = page.evaluate("window.__carnetNetworks[0].body.data.nodes.get().filter(n => n.kind === 'person').length")
    assert people == PEOPLE
    marks = page.evaluate("window.__pictureMarks[0]")
    settled = marks["settled"] - marks["loading"]
    REPORT["300-person picture: ms from fetch to settled"] = round(settled)
    REPORT["300-person picture: ms from page start to settled"] = round(marks["settled"])
    if "painted" in marks:
        REPORT["300-person picture: ms from fetch to first paint"] = round(marks["painted"] - marks["loading"])
    print(f"\n300-person picture: fetch→drawn {marks['drawn'] - marks['loading']:.0f} ms, "
          f"fetch→settled {settled:.0f} ms, page start→settled {marks['settled']:.0f} ms")
    page.guard.check("300 people")
