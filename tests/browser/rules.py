"""Usability and accessibility rules checked in the real browser.

- USABILITY (a function over the DOM): no <select> with more than MAX_OPTIONS options, and every
  rating (a form control named in RATINGS: how well you know someone, a plan member's
  influence) is a group of radio buttons, never a list, a number box or typed text.
- WATCH: an init script running USABILITY on every page as it loads and writing each breach to
  the console as an error, which the guard turns into a test failure.
- axe(): axe-core from tools/axe (pinned in package-lock.json, installed by scripts/_common.sh
  setup_axe), injected as a script tag, run over the whole page; serious and critical
  violations are returned, with the results axe says need review (but unmeasurable contrast).
- OVERFLOW: how far the page scrolls sideways (0 when it fits the viewport)."""

from __future__ import annotations

import json
import os

import pytest

from .harness import ROOT

MAX_OPTIONS = 20
RATINGS = ("strength", "influence")
AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, headings...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")

USABILITY = """
() => {
  const RATINGS = %s, MAX = %d, found = [];
  const name = (el) => el.name || el.id || "(unnamed)";
  for (const s of document.querySelectorAll("select")) {
    if (s.options.length > MAX) found.push("<select " + name(s) + "> has " + s.options.length + " options (at most " + MAX + ")");
  }
  for (const el of document.querySelectorAll("select, input, textarea")) {
    if (!RATINGS.includes(el.name) || el.type === "hidden") continue;
    if (el.type !== "radio") found.push("rating " + el.name + " is a " + (el.type || el.tagName.toLowerCase()) + ", not 1-5 buttons");
    else if (!/^[0-5]$/.test(el.value)) found.push("rating " + el.name + " has a button valued " + el.value);
    else if (!(el.labels && el.labels.length)) found.push("rating " + el.name + " button " + el.value + " has no label");
  }
  return found;
}
""" % (json.dumps(list(RATINGS)), MAX_OPTIONS)

WATCH = """
(() => {
  const rules = %s;
  const run = () => { for (const breach of rules()) console.error("usability: " + breach + " on " + location.pathname); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run); else run();
})();
""" % USABILITY

OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"

# The elements sticking out of the viewport on the right (to say what to fix when a page overflows).
WIDE = """
() => Array.from(document.querySelectorAll("body *"))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : "")
                   + " " + Math.round(e.getBoundingClientRect().right) + "px")
"""

AXE_RUN = """
async (tags) => {
  const result = await window.axe.run(document, {runOnly: {type: "tag", values: tags}});
  const shape = (v, review) => ({id: v.id, impact: v.impact, help: v.help + (review ? " (needs review)" : ""),
    nodes: v.nodes.map(n => n.target.join(" ") + " — " + (n.failureSummary || "").split("\\n").slice(1, 2).join(""))});
  return result.violations.map(v => shape(v, false)).concat(result.incomplete.map(v => shape(v, true)));
}
"""
# "Needs review" results count too, except contrast axe could not measure (text over a picture).
UNSURE_OK = ("color-contrast",)


def usability(page) -> list[str]:
    return page.evaluate(USABILITY)


def axe(page) -> list[dict]:
    """The serious and critical axe-core violations of the page as it is now (the page's context
    must bypass its CSP: kit.browse(axe=True))."""
    if not os.path.exists(AXE):
        message = f"{AXE} is missing: scripts/test.sh installs it (npm ci in tools/axe)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(AXE_RUN, AXE_TAGS) if v["impact"] in BLOCKING
            and not (v["help"].endswith("(needs review)") and v["id"] in UNSURE_OK)]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"  {v['impact']} {v['id']}: {v['help']}\n" + "\n".join(f"    {n}" for n in v["nodes"][:5])
                     for v in violations)


def overflow(page) -> tuple[int, list[str]]:
    """(pixels the page scrolls sideways, the elements sticking out)."""
    extra = page.evaluate(OVERFLOW)
    return extra, (page.evaluate(WIDE) if extra > 0 else [])


# Marks, in ms since navigation start, when each picture reached each state of picture.js
# ("loading", "drawn", "settled") and first painted its canvas ("painted").
PICTURE_CLOCK = """
(() => {
  const marks = [];
  Object.defineProperty(window, "__pictureMarks", {value: marks});
  new MutationObserver((records) => {
    for (const r of records) {
      const frame = r.target, state = frame.getAttribute("data-picture-state");
      const index = Array.from(document.querySelectorAll(".picture")).indexOf(frame);
      marks[index] = marks[index] || {};
      if (state && !(state in marks[index])) marks[index][state] = performance.now();
      if (state === "drawn" && window.__carnetNetworks) {
        const network = window.__carnetNetworks[window.__carnetNetworks.length - 1];
        network.once("afterDrawing", () => { marks[index].painted = performance.now(); });
      }
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-picture-state"]});
})();
"""
