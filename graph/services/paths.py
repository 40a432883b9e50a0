"""Warm introduction paths for a viewer: validation, the exact engine over the live store.

Each query reads only what its bound reaches (graph/pathgraph.py, a frontier per round trip),
so writes show at once and no worker holds the graph. The one thing kept between calls is
small: who the colleagues are, their schools and positions, who knows one of them at strength
5, and the user directory, keyed by the store's change counter (read before the data: a cache
may be newer than its key, never older), plus, inside it, each recent viewer's decisions on
those strength-5 links (graph/pathgraph.StrongView), which go with it at the next write."""

from __future__ import annotations

import dataclasses
import threading

from .. import changes
from .. import validation as v
from ..errors import NotFound
from ..pathgraph import STRONG, Memberships, Neighbourhoods, SourceIndex, StoreGraph, StrongSide
from ..paths import MAX_HOPS, Path, best_per_target, top_paths
from ..visibility import Directory, Viewer

DEFAULT_K = 5
MAX_K = 20
DEFAULT_MAX_HOPS = 4
CLOSEST_LIMIT = 5


def _link(row: dict) -> tuple:
    """(owner, level, exact) of a strength-≥5 KNOWS row; exact: the strength is the integer STRONG."""
    return row["owner"], row["level"], type(row["strength"]) is int and row["strength"] == STRONG


@dataclasses.dataclass(frozen=True)
class Context:
    """Viewer-independent facts every query needs, as of one change counter."""

    colleagues: dict  # person id -> user id
    memberships: dict  # colleague person id -> Memberships
    strong: StrongSide  # who knows a colleague at strength 5, and their memberships
    org_names: dict  # organisation id -> name (organisations of the above)
    directory: Directory
    sources: SourceIndex  # the colleagues' memberships by organisation


class PathService:
    def __init__(self, store, clock, users):
        self.store = store
        self.clock = clock
        self.users = users
        self._cache: tuple[tuple, Context] | None = None
        self._lock = threading.Lock()
        self.neighbourhoods = Neighbourhoods()  # what queries read, kept for the next ones

    # -- the shared context ---------------------------------------------------------------------
    def context(self) -> Context:
        """Colleagues, their memberships and the directory as of the current change counter.

        After relationship edits (the everyday write) the context is patched from the change
        journal — only the people whose strength-5 links to a colleague may have moved are
        read again; any other change (or a journal that no longer reaches back) rebuilds it."""
        version = self.store.current()
        cached = self._cache
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._lock:
            cached = self._cache
            if cached is not None and cached[0] == version:
                return cached[1]
            context = None
            if cached is not None:
                version, changed = self.store.changes_since(cached[0])
                context = self._patched(cached[1], changed)
            if context is None:
                context = self._built()
            self._cache = (version, context)
            return context

    def _built(self) -> Context:
        colleagues = {r["person_id"]: r["user_id"] for r in self.store.read("paths/list_colleagues")}
        links: dict = {}
        for r in self.store.read("paths/list_strong_links", strength=STRONG):
            if r["person"] not in colleagues:
                links.setdefault(r["person"], []).append(_link(r))
        org_names: dict = {}
        memberships = self._memberships(sorted(colleagues) + sorted(links), org_names)
        strong = StrongSide(links, {p: memberships[p] for p in links})
        mine = {p: memberships[p] for p in colleagues}
        return Context(colleagues, mine, strong, org_names, self.users.directory(), SourceIndex(mine))

    def _patched(self, context: Context, changed: list | None) -> Context | None:
        """`context` brought up to date with `changed`, or None when only a rebuild will do."""
        if changed is None or any(c.kind not in changes.SETTLED for c in changed):
            return None
        colleagues = context.colleagues
        moved = {p for c in changed if c.kind == changes.KNOWS and set(c.ids) & colleagues.keys()
                 for p in c.ids if p not in colleagues}
        if not moved:
            return context
        links: dict = {}
        for r in self.store.read("paths/list_strong_links_of", ids=sorted(moved), strength=STRONG):
            if r["colleague"] in colleagues:
                links.setdefault(r["person"], []).append(_link(r))
        known = context.strong.memberships
        memberships = {p: known[p] for p in links if p in known}
        org_names = dict(context.org_names)
        memberships.update(self._memberships(sorted(links.keys() - memberships.keys()), org_names))
        return dataclasses.replace(context, strong=context.strong.patched(moved, links, memberships),
                                   org_names=org_names)

    def _memberships(self, ids: list, org_names: dict) -> dict:
        out = {p: Memberships() for p in ids}
        if not ids:
            return out
        for r in self.store.read("paths/list_memberships", ids=ids):
            out[r["person"]].add("school" if r["rel"] == "STUDIED_AT" else "employer", r["org"], r["start"], r["end"])
            org_names[r["org"]] = r["name"]
        return out

    def _graph(self, viewer: Viewer, context: Context, source: str | None):
        """The viewer's path graph, its sources, and who may sit inside a path.

        Default: every colleague's person is a source, and then no colleague sits inside."""
        if source is None:
            sources = set(context.colleagues)
            graph = StoreGraph(self.store, viewer, context.directory, sources, context.sources, context.strong,
                               self.neighbourhoods)
        else:
            sources = {source}
            graph = StoreGraph(self.store, viewer, context.directory, sources, neighbourhoods=self.neighbourhoods)
        graph.org_names.update(context.org_names)
        return graph, sources, (lambda person: person not in sources)

    # -- use cases -------------------------------------------------------------------------------
    def find(self, viewer: Viewer, target_id, source_id=None, k=DEFAULT_K, max_hops=DEFAULT_MAX_HOPS) -> dict:
        """The k best introduction paths to `target_id` (CONTRACT /api/paths), exact."""
        answer, _ = self._find(viewer, target_id, source_id, k, max_hops)
        return answer

    def _find(self, viewer, target_id, source_id, k, max_hops):
        target, source, k, max_hops = self._inputs(target_id, source_id, k, max_hops)
        context = self.context()
        people = self._people([target, source])
        graph, sources, inner_ok = self._graph(viewer, context, source)
        paths = [] if target in sources else top_paths(graph, sources, target, k=k, max_hops=max_hops,
                                                       inner_ok=inner_ok)
        answer = {"target": target, "source": source, "k": k, "max_hops": max_hops,
                  "paths": [self._shape(p, graph, context) for p in paths], "target_person": people[target]}
        return answer, context

    def page(self, viewer: Viewer, target_id, k=DEFAULT_K, max_hops=DEFAULT_MAX_HOPS) -> dict:
        """Everything the "Who can introduce me?" page shows, names included.

        With no route, the closest people the viewer's colleagues can reach at the target's
        current organisation(s) are offered instead."""
        answer, context = self._find(viewer, target_id, None, k, max_hops)
        target = answer["target_person"]
        closest = []
        if not answer["paths"]:
            org_ids = sorted({o["id"] for o in target["organisations"]})
            at_org = {r["id"] for r in self.store.read("paths/list_current_staff", orgs=org_ids)} if org_ids else set()
            at_org -= {target["id"]} | set(context.colleagues)
            if at_org:
                graph, sources, inner_ok = self._graph(viewer, context, None)
                found = best_per_target(graph, sources, at_org, max_hops=answer["max_hops"], limit=CLOSEST_LIMIT,
                                        inner_ok=inner_ok)
                closest = [self._shape(p, graph, context) for p in found]
        ids = {h[end] for p in answer["paths"] + closest for h in p["hops"] for end in ("from", "to")}
        names = {p["id"]: p for p in self._people_rows(ids)}
        answer.update(closest=closest, people=names, viewer_person=viewer.person_id,
                      colleagues={pid: True for pid in ids if pid in context.colleagues})
        return answer

    # -- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _inputs(target_id, source_id, k, max_hops):
        target = v.identifier("target", target_id)
        source = v.identifier("source", source_id, required=False)
        k = v.integer("k", k, low=1, high=MAX_K, required=False, default=DEFAULT_K)
        max_hops = v.integer("max_hops", max_hops, low=1, high=MAX_HOPS, required=False, default=DEFAULT_MAX_HOPS)
        return target, source, k, max_hops

    def _people_rows(self, ids) -> list[dict]:
        ids = sorted(i for i in ids if i)
        return self.store.read("paths/get_people", ids=ids) if ids else []

    def _people(self, ids) -> dict:
        found = {p["id"]: p for p in self._people_rows(ids)}
        for field, pid in zip(("target", "source"), ids):
            if pid and pid not in found:
                raise NotFound("unknown person", field)
        return found

    @staticmethod
    def _shape(path: Path, graph: StoreGraph, context: Context) -> dict:
        hops = []
        for a, b, edge in zip(path.nodes, path.nodes[1:], path.edges):
            hops.append({
                "from": a, "to": b, "kind": edge.kind,
                "strength": None if edge.locked else edge.strength,
                "locked": edge.locked,
                "owner": edge.owner if edge.kind == "knows" else None,
                "owner_name": context.directory.owner_name(edge.owner) if edge.kind == "knows" else None,
                "organisation_id": edge.via,
                "organisation": graph.org_names.get(edge.via) if edge.via else None,
            })
        return {"score": path.score, "hops": hops}
