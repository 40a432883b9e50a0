"""What the journey, accessibility and usability tests share: a small business world seeded
in-process, a `browse` fixture opening guarded pages with options (language, viewport, axe),
numbered step screenshots, and reading what a network picture drew.

Every page `browse` opens also runs the usability rules of rules.py when it loads: a select
with more than 20 options or a rating that is not radio buttons is reported on the console,
which the guard turns into a failure, so every page a test walks through is checked."""

from __future__ import annotations

import csv
import datetime as _dt
import io

import pytest

from graph.visibility import SYSTEM

from .checks import INSTRUMENT
from .harness import Guard, screenshot
from .rules import WATCH

TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}


def seed(site) -> dict:
    """Orion Aéronautique, an account: Hélène Garnier (CFO) with three people under her, and the
    team's knowledge of them. Routes from alice to Hélène, by hand (score = Π strength/5 × 0.85
    per extra hop; a locked link counts 3):
      alice → Paul Lemaire (4, alice's) → Hélène (5, bob's, team)        0.8 × 1.0 × 0.85 = 0.68
      alice → Sophie Bernard (5, alice's) → Hélène (carol's, exclusive)   1.0 × 0.6 × 0.85 = 0.51
    Victor Lemaire is known to bob only, exclusively (so a nomination needs bob's consent). mona
    has a plan for Orion (Hélène decision maker, Paul influencer, neutral) and an event."""
    s, cast = site.services, site.cast
    orion = s.organisations.create(SYSTEM, {"name": "Orion Aéronautique", "kind": "account",
                                            "sector": "Aerospace", "country": "France"})["id"]

    def person(name, title, boss=None, **extra):
        return s.people.create(SYSTEM, {"name": name, "title": title, "organisation_id": orion,
                                        "reports_to": boss, **extra})["id"]

    helene = person("Hélène Garnier", "Chief financial officer", email="helene.garnier@orion.example")
    paul = person("Paul Lemaire", "Head of procurement", helene, email="paul.lemaire@orion.example")
    ines = person("Inès Moreau", "IT director", helene)
    marc = person("Marc Petit", "Senior buyer", paul)
    victor = person("Victor Lemaire", "Chief executive officer", email="victor.lemaire@orion.example",
                    phone="+33 1 99 00 12 34")
    sophie = s.people.create(SYSTEM, {"name": "Sophie Bernard", "title": "Consultant"})["id"]

    def knows(user, a, b, strength, visibility, context="client"):
        s.relationships.create(cast.viewer(user), {"person_id": a, "other_id": b, "strength": strength,
                                                   "visibility": visibility, "context": context})

    knows("alice", cast.person("alice"), paul, 4, "team")
    knows("alice", cast.person("alice"), sophie, 5, "company", "friend")
    knows("bob", paul, helene, 5, "team", "colleague")
    knows("carol", sophie, helene, 4, "exclusive", "former_colleague")
    knows("bob", cast.person("bob"), victor, 4, "exclusive")
    knows("mona", cast.person("mona"), ines, 3, "team", "event")

    mona = cast.viewer("mona")
    s.plans.update(mona, orion, {"status": "active", "period_start": "2026-01-01", "period_end": "2026-12-31",
                                 "objectives": "Renew the avionics support contract\nOpen the MRO division"})
    s.plans.set_member(mona, orion, helene, {"role": "decision_maker", "stance": "neutral", "influence": 5})
    s.plans.set_member(mona, orion, paul, {"role": "influencer", "stance": "neutral", "influence": 3})
    s.plans.set_member(mona, orion, ines, {"role": "user", "stance": "opponent", "influence": 2})
    s.plans.add_influence(mona, orion, {"from_id": paul, "to_id": helene})
    soon = (_dt.date.today() + _dt.timedelta(days=60)).isoformat()
    event = s.events.create(mona, {"name": "Paris Air Forum dinner", "date": soon, "capacity": 12,
                                   "description": "A table of twelve at the forum's closing dinner."})["id"]
    return {"orion": orion, "helene": helene, "paul": paul, "ines": ines, "marc": marc, "victor": victor,
            "sophie": sophie, "event": event}


def linkedin_csv(people) -> bytes:
    """A LinkedIn Connections.csv as LinkedIn writes it (notes first, then the header); people:
    (first, last, company, position) tuples."""
    out = io.StringIO()
    out.write('Notes:\n"When exporting your connection data, you may notice that some of the email addresses '
              'are missing."\n\n')
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    for first, last, company, position in people:
        slug = f"{first}-{last}".lower().replace(" ", "-")
        writer.writerow([first, last, f"https://www.linkedin.com/in/{slug}", "", company, position, "17 Jan 2024"])
    return out.getvalue().encode("utf-8")


class Steps:
    """Numbered screenshots of one journey: artifacts/screenshots/<name>-01-<step>.png ..."""

    def __init__(self, name: str):
        self.name, self.count = name, 0

    def __call__(self, page, step: str):
        self.count += 1
        return screenshot(page, f"{self.name}-{self.count:02d}-{step}")


def state_of(site, username: str) -> dict:
    """The signed-in storage state of `username` (Site signs in once per module)."""
    context = site.context(username)
    try:
        return context.storage_state()
    finally:
        context.close()


@pytest.fixture
def browse(site, request):
    """browse(username=None, lang=None, viewport=DESKTOP, axe=False) -> a guarded page in a fresh
    context: `lang` sets the browser's language (its Accept-Language), `axe` lets a test inject
    axe-core as a script tag (the page's CSP would refuse it). Pictures' networks are kept for
    reading (checks.INSTRUMENT) and the usability rules run on every page."""
    opened = []

    def make(username=None, lang=None, viewport=DESKTOP, axe=False):
        options = {"base_url": site.base_url, "viewport": viewport, "bypass_csp": axe}
        if username:
            options["storage_state"] = state_of(site, username)
        if lang:
            options["locale"] = lang
        context = site.browser.new_context(**options)
        context.add_init_script(INSTRUMENT)
        context.add_init_script(WATCH)
        guard = Guard(context, site.base_url)
        page = context.new_page()
        page.guard = guard
        opened.append((context, page, guard))
        return page

    yield make
    report = getattr(request.node, "report_call", None)
    problems = []
    for index, (context, page, guard) in enumerate(opened):
        if report is not None and report.failed:
            screenshot(page, f"FAILED-{request.node.name}-{index}")
        problems += guard.problems()
        context.close()
    assert not problems, "; ".join(problems)


# -- pictures ---------------------------------------------------------------------------------------
NODES = "(index) => window.__carnetNetworks[index].body.data.nodes.get().map(n => ({id: n.id, stance: n.stance, label: n.label}))"

# How much of the picture's canvas is drawn on (pixels that are not blank), out of all.
INK = """
(index) => {
  const canvas = document.querySelectorAll(".picture canvas")[index];
  if (!canvas || !canvas.width || !canvas.height) return {ink: 0, total: 0};
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i + 3] && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) ink++;
  return {ink, total: data.length / 4};
}
"""


def wait_settled(page, frame: str = ".picture", timeout: float = 30000) -> None:
    """Wait until the picture `frame` (a selector) has finished laying out (picture.js "settled")."""
    page.wait_for_function("(frame) => document.querySelector(frame).getAttribute('data-picture-state') === 'settled'",
                           arg=frame, timeout=timeout)


def picture_nodes(page, index: int = 0) -> list[dict]:
    return page.evaluate(NODES, index)


def canvas_ink(page, index: int = 0) -> int:
    """Pixels the picture's canvas drew (0 when nothing was drawn)."""
    return page.evaluate(INK, index)["ink"]
