"""Stored and reflected XSS in a real browser.

Two by two (payloads.PAIRS), the hostile strings of payloads.py are written through the real
forms into every free-text field of a world of their own (world.py), and read back from the
graph as typed. Headless Chromium then opens every page of the url_map (pages.py) as a user who
may see it: the pages about that world once per pair (and again as a rep of another team where
relationships show locked), the lists and blank forms once at the end, holding every payload
together. On each page: no dialog, no console error (a CSP
refusal is one), no page error, no request off the machine, no run marker, no injected markup
in the DOM, the payload readable as plain text where it is shown, and the network pictures'
tooltips, hovered with the mouse, showing the payload as characters (checks.py)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from app import create_app

from .checks import INSTRUMENT, hover_tooltips, look, node_point, shows, wait_for_pictures
from .conftest import login
from .harness import REPORT, Guard, screenshot
from .pages import LOCKED_VIEW, LOCKED_VIEWER, VIEWERS, make_plan, page_rules
from .payloads import PAIRS, PAYLOADS, text
from .world import Actor, build, stored

# Worlds whose pictures get every tooltip hovered; the others, the first one of each picture.
FULL_HOVER = {PAIRS[0], PAIRS[-1]}
HOVER_LIMIT = 1
WRITERS = ("ada", "alice", "mona")  # they write the worlds from their viewer contexts


def guarded_page(site, context):
    context.add_init_script(INSTRUMENT)
    page = context.new_page()
    page.guard = Guard(context, site.base_url)
    return page


@pytest.fixture(scope="module")
def viewers(site):
    """One guarded page per viewer (None: signed out), reused page after page."""
    contexts = {v: site.context(v) for v in VIEWERS + (LOCKED_VIEWER,)}
    pages = {v: guarded_page(site, c) for v, c in contexts.items()}
    yield pages
    late = [problem for page in pages.values() for problem in page.guard.take()]
    for context in contexts.values():
        context.close()
    assert not late, f"after the last page: {late}"


@pytest.fixture(scope="module")
def writers(site, viewers):
    """ada, alice and mona writing from their viewer contexts: the flash messages their posts
    leave (quoting names) show on their next page."""
    return {name: Actor(site, name, viewers[name].context) for name in WRITERS}


@pytest.fixture(scope="module")
def plan(site, viewers, writers):
    """The pages, and who opens each, worked out once on a harmless world."""
    app = create_app({"TESTING": True, "SECRET_KEY": "unused"}, store=site.services.store)
    probe = build(site, 0, "Probe world", writers)
    probe.close()

    def status(viewer, url):
        return viewers[viewer].request.get(site.url(url), max_redirects=0).status

    return make_plan(page_rules(app), probe.ids, status)


@pytest.fixture(scope="module")
def worlds():
    return {}


def world_for(site, worlds, writers, pair):
    if pair not in worlds:
        world = worlds[pair] = build(site, min(pair), text(pair), writers)
        fields = stored(site, world.ids, world.text)
        wrong = {where: value for where, value in fields.items() if value != world.text.strip()}
        assert not wrong, f"fields the forms did not store as typed: {wrong}"
        REPORT["text fields checked stored per world"] = len(fields)
    return worlds[pair]


def test_every_page_is_planned(plan):
    assert not plan.unfilled, f"no world id fills these pages' placeholders (world.py): {plan.unfilled}"
    assert not plan.closed, f"no viewer gets a 200 from these pages (pages.py RULE_QUERY?): {plan.closed}"
    rules = {v.rule for v in plan.world_visits}
    assert set(LOCKED_VIEW) <= rules, "a locked-view page is not visited (pages.py)"


def inspect(page, url, payload: str, hover: int | None = 0, status: int = 200) -> str:
    """Open `url` and check it; returns the page's readable text. hover: items per picture whose
    tooltips quoting `payload` are hovered (None: all)."""
    try:
        with page.guard.allowing(rf"status of {status}" if status != 200 else "^$"):
            response = page.goto(url)
        assert response.status == status, f"{url}: {response.status}"
        if wait_for_pictures(page) and hover != 0:
            hovered, shown = hover_tooltips(page, payload, hover)
            REPORT["picture tooltips hovered"] += hovered
            REPORT["picture tooltips shown as text"] += shown
            assert shown or not hovered, f"{url}: no picture tooltip appeared of {hovered} hovered"
        found, readable = look(page)
        assert not found, f"{url}: injected markup or run marker: {found}"
        page.guard.check(url)
    except BaseException:
        screenshot(page, f"FAILED-xss-{url}")
        raise
    REPORT["page visits"] += 1
    return readable


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: "+".join(map(str, pair)))
def test_hostile_strings_stay_text_on_the_pages_about_them(pair, site, viewers, writers, plan, worlds):
    world = world_for(site, worlds, writers, pair)
    hostile = guarded_page(site, world.hostile.context)  # what the user named by the payloads sees
    assert shows(inspect(hostile, "/", world.text), world.text), "the hostile user's home page"
    world.close()
    hover = None if pair in FULL_HOVER else HOVER_LIMIT
    for visit in plan.world_visits:
        url = visit.url(world.ids, world.text)
        page = viewers[visit.viewer]
        assert shows(inspect(page, url, world.text, hover), world.text), \
            f"{url}: the payloads are not on the page as text"
        if pair == PAIRS[0]:  # one world's pages kept as pictures, to look at
            screenshot(page, f"xss-{visit.viewer}-{visit.rule}")
    REPORT["pages x payloads"] += len(pair) * (len(plan.world_visits) + 1)
    REPORT["hostile strings"] += len(pair)


def test_double_clicking_a_node_of_a_hostile_picture_opens_its_page(site, viewers, writers, plan, worlds):
    """picture.js follows a node's own address only: the boss's node leads to the boss's page."""
    world = world_for(site, worlds, writers, PAIRS[0])
    world.close()
    page = viewers["alice"]
    inspect(page, f"/people/{world.ids['person_id']}", world.text)
    point = node_point(page, world.ids["boss_id"])
    assert point, "the boss is not in the person's network picture"
    with page.expect_navigation():
        page.mouse.dblclick(point["x"], point["y"])
    assert page.url == site.url(f"/people/{world.ids['boss_id']}")
    assert shows(inspect(page, page.url, world.text), world.text)


def test_hostile_strings_in_addresses_stay_text(site, viewers):
    """Reflected: each payload as an unknown person's id (the 404 page) and as the login page's
    `next` address (which keeps it for the language switch)."""
    for payload in PAYLOADS:
        quoted = quote(payload.strip(), safe="")
        inspect(viewers["alice"], f"/people/{quoted}", payload, status=404)
        inspect(viewers[None], f"/login?next={quoted}", payload)
        REPORT["pages x payloads"] += 2


@pytest.mark.parametrize("target", ["javascript:alert(1)", "//127.0.0.3/x", "/\\127.0.0.3/x", "http://127.0.0.3/"])
def test_signing_in_never_leaves_for_a_hostile_next_address(target, site, new_page):
    page = new_page()
    login(page, "bob", path=f"/login?next={quote(target, safe='')}")
    assert page.url == site.url("/"), page.url


def test_every_hostile_string_stays_text_on_the_lists(site, viewers, writers, plan, worlds):
    """Lists and blank forms, once every world is written: all the payloads on one page."""
    for pair in PAIRS:
        world_for(site, worlds, writers, pair).close()
    for visit in plan.global_visits:
        readable = inspect(viewers[visit.viewer], visit.url({}), "", HOVER_LIMIT)
        REPORT["pages x payloads"] += sum(shows(readable, p) for p in PAYLOADS)
    screenshot(viewers["alice"], "xss-lists-last-page")
