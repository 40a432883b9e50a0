"""The browser harness itself: signing in through the real form, and a guard that does fail."""

from __future__ import annotations

from .checks import look
from .conftest import login
from .harness import screenshot
from .payloads import PAYLOADS


def test_a_person_signs_in_through_the_login_form(page):
    login(page, "alice")
    assert page.locator(".topbar .who").inner_text().startswith("Alice")
    page.goto("/people")
    assert page.locator("h1").first.is_visible()
    screenshot(page, "harness-people-list")
    page.guard.check("people list")


def test_a_wrong_password_keeps_the_login_page(page):
    page.goto("/login")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", "not the password")
    with page.guard.allowing(r"status of 401"), page.expect_navigation():
        page.click("main form:has(input[name=password]) button[type=submit]")
    assert page.url.endswith("/login")
    page.guard.check("failed login")


def test_the_guard_sees_console_errors_page_errors_dialogs_and_foreign_requests(new_page):
    page = new_page("bob")
    page.goto("/")
    page.evaluate("console.error('guard-probe')")
    page.evaluate("setTimeout(function () { throw new Error('probe-throw'); }, 0)")
    page.evaluate("alert('probe-dialog')")
    # Another address on loopback: the guard must abort it, and nothing leaves the machine anyway.
    page.evaluate("fetch('http://127.0.0.2:9/probe').catch(function () {})")
    page.wait_for_timeout(300)
    problems = " | ".join(page.guard.take())
    for seen in ("guard-probe", "probe-throw", "probe-dialog", "http://127.0.0.2:9/probe"):
        assert seen in problems


def test_a_signed_in_context_needs_no_second_login(site, new_page):
    first, second = new_page("carol"), new_page("carol")
    for page in (first, second):
        page.goto("/")
        assert page.locator(".topbar .who").inner_text().startswith("Carol")


# The four places a template puts text: element content, double- and single-quoted attributes,
# and a link address. A payload pasted raw into them stands for a template that forgot to escape.
RAW_CONTEXTS = ("<div>{}</div>", '<div title="{}"></div>', "<div title='{}'></div>", '<a href="{}">x</a>')


def test_the_xss_checks_catch_every_markup_payload_pasted_unescaped(new_page):
    """The suite's eyes are not blind: each payload that carries markup, a quote or a script
    address, pasted unescaped into a real page (under its CSP), is reported by the DOM check or
    by the guard."""
    page = new_page("alice")
    page.goto("/")
    missed = []
    for number, payload in enumerate(PAYLOADS, start=1):
        if not any(c in payload for c in "<\"'") and "javascript:" not in payload:
            continue
        page.evaluate("""html => { const box = document.createElement("section");
                                   box.id = "raw"; box.innerHTML = html; document.body.appendChild(box); }""",
                      "".join(c.format(payload) for c in RAW_CONTEXTS))
        found, _ = look(page)
        if not found:
            page.wait_for_timeout(300)  # a request off the machine or a CSP refusal arrives later
            found = page.guard.take()
        if not found:
            missed.append(number)
        page.evaluate("document.getElementById('raw').remove(); delete window.__xss")
        page.guard.take()
    assert not missed, f"payloads no check reports when pasted unescaped: {missed}"
