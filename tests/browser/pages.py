"""Which pages the XSS suite visits: every GET rule of the app's url_map that answers HTML, its
placeholders filled from a seeded world, plus a few query-string views. New pages join by
themselves; a page whose placeholder no world fills, or that no viewer may open, makes
test_every_page_is_planned fail until world.py (ids) or RULE_QUERY here says how to reach it.

Pages about one world's objects (a placeholder, or a search for the payload) are visited once
per payload; the others (lists, blank forms) once, after every world is written, when they
hold all the payloads together."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import quote

# Not pages: JSON and CSV answers, the API, static files and suggestion feeds.
NOT_PAGES = re.compile(r"^/(api|static|assets)(/|$)|\.(json|csv)$|/suggest$")
PLACEHOLDER = re.compile(r"<(?:[^>:]+:)?([^>]+)>")
# Who may look, in order of preference: the first one the page answers 200 is its viewer.
VIEWERS = ("alice", "mona", "ada", "carol", None)
# Pages seen a second time by a rep of another team: relationships appear locked there, with
# their owner's name (the hostile user's name) on the hops and in the pictures.
LOCKED_VIEW = ("/people/<person_id>", "/people/<person_id>/paths", "/organisations/<org_id>",
               "/accounts/<org_id>/plan", "/accounts/<org_id>/plan/print", "/events/<event_id>")
LOCKED_VIEWER = "carol"
# Pages that need a query string (placeholders as in rules).
RULE_QUERY = {"/intros/new": "target=<person_id>"}
# Searches that echo what was typed and list the world's objects (when the page exists).
QUERIES = {"/people": "q={q}", "/organisations": "q={q}", "/search": "q={q}"}


@dataclasses.dataclass(frozen=True)
class Visit:
    rule: str
    viewer: str | None

    @property
    def path(self) -> str:
        query = RULE_QUERY.get(self.rule)
        return self.rule + ("?" + query if query else "")

    def url(self, ids: dict, payload: str = "") -> str:
        if "{q}" in self.rule:
            return self.rule.format(q=quote(payload.strip(), safe=""))
        return PLACEHOLDER.sub(lambda m: quote(ids[m.group(1)], safe=""), self.path)

    @property
    def per_world(self) -> bool:
        """About one world's objects (or searching for them): shows that world's payload."""
        return "<" in self.path or "{q}" in self.rule


@dataclasses.dataclass
class Plan:
    world_visits: list
    global_visits: list
    unfilled: list      # rules with a placeholder no world id fills
    closed: dict        # rule -> {viewer: status} when no viewer got a 200


def page_rules(app) -> list[str]:
    return sorted({r.rule for r in app.url_map.iter_rules() if "GET" in r.methods and not NOT_PAGES.search(r.rule)})


def make_plan(rules, ids: dict, status) -> Plan:
    """`status(viewer, url)` answers a GET's status; ids come from a seeded world."""
    visits, unfilled, closed = [], [], {}
    for rule in rules:
        if any(name not in ids for name in PLACEHOLDER.findall(Visit(rule, None).path)):
            unfilled.append(rule)
            continue
        url = Visit(rule, None).url(ids)
        answers = {}
        for viewer in VIEWERS:
            answers[viewer] = status(viewer, url)
            if answers[viewer] == 200:
                visits.append(Visit(rule, viewer))
                break
        else:
            closed[rule] = answers
            continue
        if rule in LOCKED_VIEW and status(LOCKED_VIEWER, url) == 200:
            visits.append(Visit(rule, LOCKED_VIEWER))
    visits += [Visit(f"{rule}?{query}", "alice") for rule, query in QUERIES.items() if rule in rules]
    return Plan([v for v in visits if v.per_world], [v for v in visits if not v.per_world], unfilled, closed)
