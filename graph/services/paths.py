"""Warm introduction paths for a viewer: validation, the cached raw graph, the exact engine.

The raw graph is the same for every viewer, so each process keeps one copy keyed by the
store's change counter (read before the data: a cache may be newer than its key, never older).
Visibility is applied per viewer while searching (graph/pathgraph.py → graph/visibility.py);
nothing viewer-specific is ever cached beyond one call."""

from __future__ import annotations

import threading

from .. import validation as v
from ..errors import NotFound
from ..pathgraph import RawGraph, ViewerGraph, build_raw
from ..paths import MAX_HOPS, Path, best_per_target, top_paths
from ..visibility import Viewer

DEFAULT_K = 5
MAX_K = 20
DEFAULT_MAX_HOPS = 4
CLOSEST_LIMIT = 5


class PathService:
    def __init__(self, store, clock, users):
        self.store = store
        self.clock = clock
        self.users = users
        self._cache: tuple[tuple, RawGraph] | None = None
        self._lock = threading.Lock()

    # -- the raw graph ---------------------------------------------------------------------------
    def raw(self) -> RawGraph:
        """The viewer-independent path graph as of the store's current change counter."""
        version = self.store.version()
        cached = self._cache
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._lock:
            cached = self._cache
            if cached is not None and cached[0] == version:
                return cached[1]
            raw = build_raw(self.store.read("paths/list_knows"), self.store.read("paths/list_reports"),
                            self.store.read("paths/list_education"), self.store.read("paths/list_positions"),
                            self.store.read("paths/list_colleagues"), self.users.directory())
            self._cache = (version, raw)
            return raw

    # -- use cases -------------------------------------------------------------------------------
    def find(self, viewer: Viewer, target_id, source_id=None, k=DEFAULT_K, max_hops=DEFAULT_MAX_HOPS) -> dict:
        """The k best introduction paths to `target_id` (CONTRACT /api/paths), exact."""
        target, source, k, max_hops = self._inputs(target_id, source_id, k, max_hops)
        people = self._people([target, source])
        raw = self.raw()
        graph = ViewerGraph(raw, viewer)
        sources, inner_ok = self._sources(raw, source)
        paths = [] if target in sources else top_paths(graph.neighbors, sources, target, k=k,
                                                       max_hops=max_hops, inner_ok=inner_ok)
        return {"target": target, "source": source, "k": k, "max_hops": max_hops,
                "paths": [self._shape(p, raw) for p in paths], "target_person": people[target]}

    def page(self, viewer: Viewer, target_id, k=DEFAULT_K, max_hops=DEFAULT_MAX_HOPS) -> dict:
        """Everything the "Who can introduce me?" page shows, names included.

        With no route, the closest people the viewer's colleagues can reach at the target's
        current organisation(s) are offered instead."""
        answer = self.find(viewer, target_id, None, k, max_hops)
        target = answer["target_person"]
        raw = self.raw()
        closest = []
        if not answer["paths"]:
            org_ids = {o["id"] for o in target["organisations"]}
            at_org = {p for org in org_ids for p, _, end in raw.staff.get(org, ()) if end is None}
            at_org -= {target["id"]} | set(raw.colleagues)
            if at_org:
                sources, inner_ok = self._sources(raw, None)
                found = best_per_target(ViewerGraph(raw, viewer).neighbors, sources, at_org,
                                        max_hops=answer["max_hops"], limit=CLOSEST_LIMIT, inner_ok=inner_ok)
                closest = [self._shape(p, raw) for p in found]
        ids = {h[end] for p in answer["paths"] + closest for h in p["hops"] for end in ("from", "to")}
        names = {p["id"]: p for p in self._people_rows(ids)}
        answer.update(closest=closest, people=names, viewer_person=viewer.person_id,
                      colleagues={pid: True for pid in ids if pid in raw.colleagues})
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
    def _sources(raw: RawGraph, source: str | None):
        """Default: every colleague's person, and then no colleague inside a path."""
        if source is not None:
            return {source}, lambda person: True
        colleagues = raw.colleagues
        return set(colleagues), lambda person: person not in colleagues

    @staticmethod
    def _shape(path: Path, raw: RawGraph) -> dict:
        hops = []
        for a, b, edge in zip(path.nodes, path.nodes[1:], path.edges):
            hops.append({
                "from": a, "to": b, "kind": edge.kind,
                "strength": None if edge.locked else edge.strength,
                "locked": edge.locked,
                "owner": edge.owner if edge.kind == "knows" else None,
                "owner_name": raw.directory.owner_name(edge.owner) if edge.kind == "knows" else None,
                "organisation_id": edge.via,
                "organisation": raw.org_names.get(edge.via) if edge.via else None,
            })
        return {"score": path.score, "hops": hops}
