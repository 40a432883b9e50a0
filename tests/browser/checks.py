"""What the XSS suite looks at on a rendered page: injected markup, run markers, the payload as
plain text, and the network pictures' tooltips (hovered with the mouse)."""

from __future__ import annotations

from .payloads import visible

# Injected before any page script: keeps every vis.Network the page builds (read-only use: its
# node positions, for hovering), so nothing of the app is changed.
INSTRUMENT = """
(() => {
  const networks = [];
  let vis;
  Object.defineProperty(window, "__carnetNetworks", {value: networks});
  Object.defineProperty(window, "vis", {configurable: true, get() {
    if (vis && vis.Network && !vis.Network.__kept) {
      const Original = vis.Network;
      const Kept = function (...args) { const n = new Original(...args); networks.push(n); return n; };
      Kept.prototype = Original.prototype;
      Kept.__kept = true;
      vis.Network = Kept;
    }
    return vis;
  }, set(value) { vis = value; }});
})();
"""

# Markup no Carnet page has, whatever the data: event-handler attributes, script-ish URLs,
# inline or foreign scripts, frames, a <base>, element or attribute names that only a broken-out
# string leaves behind, and the run markers; and all the text a person can read on the page,
# form values included.
LOOK = """
() => {
  const found = [];
  if (window.__xss !== undefined) found.push("window.__xss = " + window.__xss);
  const urlish = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"];
  const wellFormed = /^[a-z_:][-a-z0-9_:.]*$/i;  // what a template writes; a breakout leaves others
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (!/^[a-z][a-z0-9-]*$/i.test(tag)) found.push("malformed element <" + tag + ">");
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (!wellFormed.test(name)) found.push("<" + tag + "> with malformed attribute " + name);
      if (name.startsWith("on")) found.push("<" + tag + " " + name + "=" + a.value + ">");
      const squeezed = a.value.replace(/[\\s\\u0000-\\u001f]/g, "");
      if (urlish.includes(name) && /^(javascript|vbscript|data:text\\/html)/i.test(squeezed))
        found.push("<" + tag + " " + name + "=" + a.value + ">");
    }
    if (tag === "script" && (!el.src || new URL(el.src).origin !== location.origin))
      found.push("inline or foreign <script>");
    const headMeta = tag === "meta" && el.parentNode === document.head;
    if (["iframe", "frame", "object", "embed", "base", "meta"].includes(tag) && !headMeta)
      found.push("<" + tag + ">");
  }
  const text = [document.title, document.body.textContent,
                ...Array.from(document.querySelectorAll("input, textarea"), e => e.value)].join("\\n");
  return {found, text};
}
"""

PICTURES_DONE = """
() => Array.from(document.querySelectorAll(".picture[data-picture-url]"))
  .every(f => ["drawn", "settled", "failed"].includes(f.getAttribute("data-picture-state")))
"""

# Screen points of every node and edge of picture `index` whose tooltip holds `needle`, one per
# distinct tooltip, after scrolling the picture into view.
HOVER_POINTS = """
([needle, index]) => {
  const points = [], seen = new Set();
  for (const net of window.__carnetNetworks.slice(index, index + 1)) {
    net.stopSimulation();
    net.body.container.scrollIntoView({block: "center"});
    const box = net.body.container.getBoundingClientRect();
    const at = (p) => { const d = net.canvasToDOM(p); return {x: box.left + d.x, y: box.top + d.y}; };
    const titled = (item) => typeof item.title === "string" || item.title instanceof Element;
    const text = (item) => (item.title instanceof Element ? item.title.textContent : String(item.title));
    const add = (item, p) => {
      const t = text(item);
      if (!t.includes(needle) || seen.has(t)) return;
      seen.add(t);
      points.push(Object.assign(at(p), {title: t}));
    };
    for (const node of net.body.data.nodes.get()) if (titled(node)) add(node, net.getPosition(node.id));
    for (const edge of net.body.data.edges.get()) {
      if (!titled(edge)) continue;
      const a = net.getPosition(edge.from), b = net.getPosition(edge.to);
      add(edge, {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
    }
  }
  return points;
}
"""

# Where node `id` of the first picture is on the screen (scrolled into view), or null.
NODE_POINT = """
(id) => {
  const net = window.__carnetNetworks[0];
  if (!net || !net.body.data.nodes.get(id)) return null;
  net.stopSimulation();
  net.body.container.scrollIntoView({block: "center"});
  const box = net.body.container.getBoundingClientRect(), d = net.canvasToDOM(net.getPosition(id));
  return {x: box.left + d.x, y: box.top + d.y};
}
"""

TOOLTIP = """
() => { const t = document.querySelector(".vis-tooltip");
        return t && t.style.visibility !== "hidden" && t.textContent ? t.textContent : null; }
"""


def wait_for_pictures(page) -> int:
    """Waits until every picture on the page is drawn; returns how many there are."""
    count = page.locator(".picture[data-picture-url]").count()
    if count:
        page.wait_for_function(PICTURES_DONE, timeout=20000)
        failed = page.locator('.picture[data-picture-state="failed"]').count()
        assert not failed, f"{failed} picture(s) failed to draw on {page.url}"
    return count


# Every picture laid out: settled (picture.js, once the layout is done) or drawn without a
# simulation (organisation charts). A picture still stabilising fits itself into view when the
# layout ends, which moves every node on the screen after its point was taken: stopping the
# simulation does not prevent that fit, it brings it forward to the next tick (seen on a loaded
# CI machine: a double click on a node met empty canvas).
LAID_OUT = """
() => (window.__carnetNetworks || []).every((net) =>
  net.body.container.getAttribute("data-picture-state") === "settled" || net.physics.options.enabled === false)
"""


def wait_laid_out(page, timeout: float = 30000) -> None:
    page.wait_for_function(LAID_OUT, timeout=timeout)


def hover_tooltips(page, payload: str, limit: int | None = None) -> tuple[int, int]:
    """Hovers the picture items whose tooltip quotes the payload (at most `limit` per picture);
    returns (items hovered, tooltips that showed exactly the title's text, markup as characters)."""
    hovered = shown = 0
    wait_laid_out(page)
    for index in range(page.evaluate("window.__carnetNetworks.length")):
        for point in page.evaluate(HOVER_POINTS, [payload.strip(), index])[:limit]:
            hovered += 1
            page.mouse.move(1, 1)
            page.mouse.move(point["x"], point["y"])
            try:
                handle = page.wait_for_function(TOOLTIP, timeout=1500)
            except Exception:  # an item hidden under another one: its neighbour's tooltip or none
                continue
            if handle.json_value().replace("\n", "") == point["title"].replace("\n", ""):
                shown += 1
    page.mouse.move(1, 1)
    return hovered, shown


def node_point(page, node_id: str) -> dict | None:
    wait_laid_out(page)
    return page.evaluate(NODE_POINT, node_id)


def look(page) -> tuple[list[str], str]:
    """(injected markup and run markers found, the page's readable text)."""
    seen = page.evaluate(LOOK)
    return seen["found"], seen["text"]


def shows(text: str, payload: str) -> bool:
    return visible(payload.strip()) in visible(text)
