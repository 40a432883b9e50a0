"""Usability on a large account, in Chromium: more than 20 staff, plan members and
colleagues, yet no page offers a list over 20 options (rules.USABILITY, also run on every page
load by rules.WATCH). Each choice is a labelled type-to-find field: the test reaches it from its
label, types a few letters, sees the few suggestions and types on to one; the journey then saves a
member, an influence line and an action with the ids of the people picked. The pictures' text
list speaks French on a French page."""

from __future__ import annotations

import pytest

from graph.visibility import SYSTEM
from tests.web.test_plan_pickers import big_account

from .checks import wait_for_pictures
from .kit import browse  # noqa: F401 (fixture)
from .rules import usability


@pytest.fixture(scope="module")
def big(site):
    return big_account(site.services, site.cast)


def pick(page, name: str, wanted: str, letters: int = 7) -> None:
    """From the field's label, by keyboard: type the first `letters` of `wanted`, wait until it is
    among the few suggestions, then type on to it (a headless browser never opens the native
    suggestion list; a person would take it there with the arrow keys and Enter)."""
    field = page.locator(f"input[name={name}]")
    page.locator(f"label[for={name}]").click()  # the label leads to the field
    assert page.evaluate("document.activeElement.name") == name
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Backspace")
    page.keyboard.type(wanted[:letters], delay=30)
    datalist = field.get_attribute("list")
    page.wait_for_function("([list, wanted]) => Array.from(document.querySelectorAll('datalist#' + list + ' option'))"
                           ".some(o => o.value === wanted)", arg=[datalist, wanted])
    assert page.locator(f"datalist#{datalist} option").count() <= 10
    page.keyboard.type(wanted[letters:])
    assert field.input_value() == wanted


def hidden(page, name: str) -> str:
    return page.locator(f"input[type=hidden][name={name}]").input_value()


def test_a_manager_works_a_large_plan_without_any_long_list(site, big, browse):
    s, org = site.services, big["org"]
    page = browse("mona")

    page.goto(f"/accounts/{org}/plan/members/new")
    assert usability(page) == []
    pick(page, "person_name", "Staff31 Zenith — Title 31, Zenith Industries")
    assert hidden(page, "person_id") == big["staff"][31]
    page.locator("select[name=role]").select_option("champion")
    with page.expect_navigation():
        page.locator("main form button.primary").click()
    members = {m["person_id"]: m for m in s.plans.get(SYSTEM, org, paths=False)["members"]}
    assert members[big["staff"][31]]["role"] == "champion" and len(members) == 26

    page.goto(f"/accounts/{org}/plan#influence")
    assert usability(page) == []
    pick(page, "to_name", "Staff01 Zenith")
    pick(page, "from_name", "Staff31 Zenith")  # the member just added is offered
    with page.expect_navigation():
        page.locator("#influence form.searchbar button[type=submit]").click()
    lines = s.plans.get(SYSTEM, org, paths=False)["influences"]
    assert [(line["to_id"], line["from_id"]) for line in lines] == [(big["staff"][1], big["staff"][31])]

    page.goto(f"/accounts/{org}/plan/actions/new")
    assert usability(page) == []
    assert page.locator("input[name=owner_name]").input_value() == "Mona" and hidden(page, "owner")
    page.locator("input[name=title]").fill("Invite to the plant visit")
    pick(page, "owner_name", "Colleague12 North", letters=10)
    pick(page, "member_name", "Staff04 Zenith")
    with page.expect_navigation():
        page.locator("main form button.primary").click()
    actions = s.plans.get(SYSTEM, org, paths=False)["actions"]
    assert [(a["title"], a["owner"], a["member_id"]) for a in actions] == [
        ("Invite to the plant visit", big["colleagues"][12], big["staff"][4])]
    page.guard.check("large plan")


def test_the_picture_list_speaks_french(big, browse):
    page = browse("mona", lang="fr-FR")
    page.goto(f"/accounts/{big['org']}/plan")
    assert wait_for_pictures(page) == 1
    summary = page.locator(".picture-list summary").inner_text()
    assert summary.startswith("L’image sous forme de liste (") and "liens" in summary, summary
    page.guard.check("french picture")
