"""Fixtures of the browser tests: headless Debian Chromium against a real Carnet server process.

- `chromium` (session): the browser, launched from /usr/bin/chromium (never downloaded).
- `site` (module): a fresh graph in the session's embedded FalkorDB, seeded with the standard
  cast (alice, bob, mona / carol, sam / ada), served by its own gunicorn process on loopback.
  Each test module gets its own, so modules never see each other's data.
- `new_page(username=None)`: a page in a fresh browser context (signed in as `username`); every
  console error, page error, dialog or request off the loopback address fails the test.
- `page`: one anonymous such page.
Screenshots go to artifacts/screenshots (gitignored): the pages a test takes, and every page
open when a test fails."""

from __future__ import annotations

import os
import re
import secrets
import uuid

import pytest

from graph.adapters.falkordb_store import FalkorDBStore
from graph.services import Services
from tests.conftest import FAST_HASH, PASSWORD, Cast

from .harness import CHROMIUM, CHROMIUM_ARGS, REPORT, Guard, ServerProcess, screenshot

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.write_sep("-", "browser tests")
        for name, count in REPORT.items():
            terminalreporter.write_line(f"{name}: {count}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    site = getattr(item, "funcargs", {}).get("site")
    if report.failed and site is not None:
        report.sections.append(("carnet server log (tail)", site.server.tail()))
    return report


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Site:
    """One running Carnet: its address, the cast, in-process services on the same graph (for
    seeding what no page creates), and signed-in sessions reused across browser contexts."""

    def __init__(self, browser, server: ServerProcess, services: Services, cast: Cast):
        self.browser = browser
        self.server = server
        self.base_url = server.base_url
        self.services = services
        self.cast = cast
        self._states: dict[str, dict] = {}

    def url(self, path: str) -> str:
        return self.base_url + path

    def context(self, username: str | None = None, password: str = PASSWORD):
        """A fresh browser context, with a session of `username` (signed in once per module)."""
        state = None
        if username:
            if username not in self._states:
                probe = self.browser.new_context(base_url=self.base_url)
                try:
                    http_login(probe.request, self.base_url, username, password)
                    self._states[username] = probe.storage_state()
                finally:
                    probe.close()
            state = self._states[username]
        return self.browser.new_context(base_url=self.base_url, storage_state=state,
                                        viewport={"width": 1280, "height": 900})


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no csrf token on the page"
    return match.group(1)


def http_login(request, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real /login form, without rendering it (request: an APIRequestContext)."""
    token = csrf_of(request.get(base_url + "/login").text())
    answer = request.post(base_url + "/login", form={"username": username, "password": password,
                                                     "csrf_token": token}, max_redirects=0)
    assert answer.status == 302, f"login of {username} failed: {answer.status}"


def login(page, username: str, password: str = PASSWORD, path: str = "/login") -> None:
    """Sign in as a person would: fill the login form (at `path`) and submit it."""
    page.goto(path)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form:has(input[name=password]) button[type=submit]")
    assert not page.url.split("?")[0].endswith("/login"), f"{username} could not sign in"


@pytest.fixture(scope="module")
def site(chromium, data_dir, tmp_path_factory):
    graph_name = f"b_{uuid.uuid4().hex[:12]}"
    store = FalkorDBStore(data_dir, graph_name=graph_name)
    store.ensure_schema()
    services = Services(store, password_method=FAST_HASH)
    cast = Cast(services)
    log = tmp_path_factory.mktemp("server") / "server.log"
    server = ServerProcess(data_dir, graph_name, secrets.token_hex(32), log)
    try:
        yield Site(chromium, server, services, cast)
    finally:
        server.stop()
        store.clear()
        store.close()


@pytest.fixture
def new_page(site, request):
    """new_page(username=None) -> a guarded page; the test fails on anything the guard saw."""
    opened = []

    def make(username: str | None = None):
        context = site.context(username)
        guard = Guard(context, site.base_url)
        page = context.new_page()
        page.guard = guard
        opened.append((context, page, guard))
        return page

    yield make
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    problems = []
    for index, (context, page, guard) in enumerate(opened):
        if failed:
            screenshot(page, f"FAILED-{request.node.name}-{index}")
        problems += guard.problems()
        context.close()
    assert not problems, "; ".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()
