"""`flask --app app bench ...`: build a large synthetic graph and time the path engine on it.

Benchmarks are commands run on purpose: they print a table and write JSON into
bench-results/ (gitignored); they are never timed assertions in the test suite."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pathlib
import time

import click
from flask import current_app
from flask.cli import AppGroup

from graph.adapters.factory import make_store
from graph.bench import generate as gen
from graph.bench import measure
from graph.services import Services

from .extensions import services

bench_cli = AppGroup("bench", help="Benchmarks: synthetic data and path-finding speed.")
DEFAULT_RESULTS = "bench-results"  # gitignored; CARNET_BENCH_RESULTS moves it (tests)
BENCH_PASSWORD = "bench-password"  # every generated user's password (bench data only)


def _services(graph: str | None) -> Services:
    """The app's services, or the same over another graph name of the configured store."""
    if not graph:
        return services()
    cfg = dict(current_app.config, CARNET_GRAPH_NAME=graph)
    server = getattr(services().store, "server", None)
    if server is not None:  # the same embedded server as the app's own store
        cfg["CARNET_DATA_DIR"] = str(server.data_dir)
    return Services(make_store(cfg), password_method=current_app.config.get("CARNET_PASSWORD_METHOD"))


def _graph_label(svc: Services) -> str:
    return getattr(svc.store, "graph_name", svc.store.backend)


def _results() -> pathlib.Path:
    return pathlib.Path(current_app.config.get("CARNET_BENCH_RESULTS") or DEFAULT_RESULTS)


def _record_path(svc: Services) -> pathlib.Path:
    """One generation record per graph and data directory (runs in other data dirs don't clash)."""
    where = hashlib.sha1(str(_data_dir(svc) or svc.store.backend).encode()).hexdigest()[:8]
    return _results() / f"generate-{_graph_label(svc)}-{where}.json"


def _data_dir(svc: Services) -> str | None:
    server = getattr(svc.store, "server", None)
    return str(server.data_dir) if server is not None else None


@bench_cli.command("generate")
@click.option("--people", type=click.IntRange(min=23), default=100_000, show_default=True)
@click.option("--relationships", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Relationships of every type in the finished graph.")
@click.option("--colleagues", type=click.IntRange(min=3), default=200, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--graph", "graph", default=None, help="Graph name (default: the configured graph).")
def bench_generate(people, relationships, colleagues, seed, graph):
    """Build a realistic graph into an EMPTY graph (deterministic from --seed)."""
    svc = _services(graph)
    store = svc.store
    started = time.perf_counter()
    store.ensure_schema()
    existing = store.read("bench/count_entities")[0]["total"]
    if existing:
        raise click.ClickException(
            f"graph '{_graph_label(svc)}' already holds {existing} people/organisations/users/teams; "
            "bench generate only writes into an empty graph (pick another --graph name)")
    spec = gen.Spec(people=people, relationships=relationships, colleagues=colleagues, seed=seed)
    try:
        plan = gen.build_plan(spec, svc.users.hash_password(BENCH_PASSWORD))
    except gen.PlanError as exc:
        raise click.ClickException(str(exc)) from None
    planned = time.perf_counter() - started
    with click.progressbar(length=plan.total_rows(), label="writing", show_eta=True, show_percent=True) as bar:
        timings = gen.write_plan(store, plan, on_rows=bar.update)
    elapsed = time.perf_counter() - started
    counts = _counts(store)
    click.echo(f"generated graph '{_graph_label(svc)}' in {elapsed:.1f} s (plan {planned:.1f} s)")
    click.echo("nodes: " + ", ".join(f"{n} {label}" for label, n in counts["nodes"].items()))
    click.echo("relationships: " + ", ".join(f"{n} {kind}" for kind, n in counts["relationships"].items())
               + f" (total {sum(counts['relationships'].values())})")
    click.echo(f"every generated user's password: {BENCH_PASSWORD} (admin username: admin)")
    record = {"graph": _graph_label(svc), "backend": store.backend, "data_dir": _data_dir(svc),
              "spec": dataclasses.asdict(spec),
              "seconds": round(elapsed, 1), "plan_seconds": round(planned, 1), "write_seconds": timings,
              "counts": counts, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    _results().mkdir(parents=True, exist_ok=True)
    _record_path(svc).write_text(json.dumps(record, indent=2))


def _counts(store) -> dict:
    nodes = {r["label"]: r["total"] for r in store.read("bench/count_nodes") if r["label"] != "Meta"}
    rels = {r["kind"]: r["total"] for r in store.read("bench/count_relationships")}
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


@bench_cli.command("paths")
@click.option("--graph", "graph", default=None, help="Graph name (default: the configured graph).")
@click.option("--targets", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--viewers", type=click.IntRange(min=1), default=4, show_default=True)
@click.option("--baseline-sample", type=click.IntRange(min=0), default=10, show_default=True,
              help="Targets to time the networkx baseline on (0 skips it).")
@click.option("--seed", type=int, default=1, show_default=True, help="Picks the targets.")
@click.option("--query-timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Seconds before one query is abandoned (counted as a timeout; 0 = none).")
@click.option("--baseline-timeout", type=click.FloatRange(min=0), default=600.0, show_default=True,
              help="Seconds before one baseline query is abandoned (0 = none).")
@click.option("--time-budget", type=click.FloatRange(min=0), default=1800.0, show_default=True,
              help="Seconds for the timed service loop; targets left over are skipped (0 = none).")
@click.option("--json", "json_file", type=click.Path(dir_okay=False), default=None,
              help=f"Where to write the results [default: {DEFAULT_RESULTS}/paths.json].")
def bench_paths(graph, targets, viewers, baseline_sample, seed, query_timeout, baseline_timeout, time_budget,
                json_file):
    """Time services.paths.find (k=5, max_hops=4) against a naive networkx baseline."""
    svc = _services(graph)
    svc.store.ping()  # the embedded server starts at the first query: started now, its pid can be read
    data_dir = _data_dir(svc)
    steps = targets + baseline_sample
    with click.progressbar(length=steps, label="timing") as bar:
        try:
            result = measure.run(svc, targets=targets, viewers=viewers, baseline_sample=baseline_sample,
                                 seed=seed, server_pid=measure.server_pid(data_dir),
                                 query_timeout=query_timeout or None, time_budget=time_budget or None,
                                 baseline_timeout=baseline_timeout or None,
                                 progress=lambda stage, n: bar.update(n))
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    result["graph"] = _graph_label(svc)
    result["data_dir"] = data_dir
    generated = _generation(svc, data_dir)
    result["generation"] = generated
    result["targets_met"] = measure.targets_met(result)
    result["at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    click.echo(_table(result))
    path = pathlib.Path(json_file) if json_file else _results() / "paths.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2))
    click.echo(f"results written to {path}")


def _generation(svc: Services, data_dir: str | None) -> dict | None:
    """The generation record of this graph, if `bench generate` made it (same data dir)."""
    try:
        record = json.loads(_record_path(svc).read_text())
    except (OSError, ValueError):
        return None
    if record.get("data_dir") != data_dir:
        return None
    return {"seconds": record.get("seconds"), "spec": record.get("spec"), "at": record.get("at")}


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.1f}{unit}" if value >= 100 else f"{value:.2f}{unit}"
    return f"{value}{unit}"


def _table(r: dict) -> str:
    s, b, rss = r["service"], r.get("baseline") or {}, r["rss"]
    met = r["targets_met"]
    mark = {True: "ok", False: "MISSED", None: "-"}
    lines = [
        f"graph {r['graph']} ({r['backend']}): {r['people']} people, {r['colleagues']} colleagues; "
        f"k={r['k']} max_hops={r['max_hops']}",
        "",
        f"{'viewer':<24}{'role':<9}{'p50':>9}{'p95':>9}{'p99':>9}{'mean':>9}{'max':>9}{'found':>8}",
    ]
    for v in r["per_viewer"]:
        lines.append(f"{v['username'][:23]:<24}{v['role']:<9}{_fmt(v['p50_ms']):>9}{_fmt(v['p95_ms']):>9}"
                     f"{_fmt(v['p99_ms']):>9}{_fmt(v['mean_ms']):>9}{_fmt(v['max_ms']):>9}"
                     f"{v['paths_found_ratio'] * 100:>7.1f}%")
    lines.append(f"{'all (' + str(s['queries']) + ' queries)':<33}{_fmt(s['p50_ms']):>9}{_fmt(s['p95_ms']):>9}"
                 f"{_fmt(s['p99_ms']):>9}{_fmt(s['mean_ms']):>9}{_fmt(s['max_ms']):>9}"
                 f"{s['paths_found_ratio'] * 100:>7.1f}%")
    lines += [
        "(milliseconds; found = share of queries with at least one path)",
        "",
        f"cold load (first query of the process)     {_fmt(r['cold_load_ms'], ' ms')}"
        + (f"  [STOPPED: {r['cold_load_stopped']} limit]" if r.get("cold_load_stopped") else ""),
        f"timed targets                              {r['targets_timed']} of {r['targets']}; "
        f"{s['timeouts']} queries over {_fmt(s['query_timeout_s'], ' s')}, {s['over_memory']} over "
        f"{measure.MEMORY_LIMIT_MIB // 1024} GiB RSS",
        f"p95 <= 50 ms                               {_fmt(s['p95_ms'], ' ms')}  [{mark[met['p95_le_50ms']]}]",
    ]
    if b:
        lines += [
            f"baseline load (networkx, viewer {b['viewer']})   {_fmt(b['load_s'], ' s')}  "
            f"({b['graph']['nodes']} nodes, {b['graph']['edges']} edges)",
            f"baseline p50 / service p50, {b['queries']} queries   {_fmt(b['p50_ms'], ' ms')} / "
            f"{_fmt(b['service_p50_ms_same_queries'], ' ms')}",
            f"baseline queries over the timeout          {b.get('timeouts', 0)}",
            f"speed-up (>= 50x)                          {_fmt(b.get('speedup'), 'x')}  "
            f"[{mark[met['speedup_ge_50x']]}]",
        ]
    lines.append(f"RSS app + store (<= 1.5 GiB)               {_fmt(rss['app_mib'], ' MiB')} + "
                 f"{_fmt(rss['store_mib'], ' MiB')} = {_fmt(rss['total_mib'], ' MiB')}  [{mark[met['rss_le_1_5GiB']]}]")
    gen_s = (r.get("generation") or {}).get("seconds")
    lines.append(f"generation time                            {_fmt(gen_s, ' s')}")
    return "\n".join(lines)


@bench_cli.command("plans")
@click.option("--graph", "graph", default=None, help="Graph name (default: the configured graph).")
@click.option("--contacts", type=click.IntRange(min=20), default=500, show_default=True)
@click.option("--colleagues", type=click.IntRange(min=1), default=50, show_default=True,
              help="Colleagues who cover the contacts.")
@click.option("--runs", type=click.IntRange(min=1), default=50, show_default=True, help="Requests per kind and viewer.")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--json", "json_file", type=click.Path(dir_okay=False), default=None,
              help=f"Where to write the results [default: {DEFAULT_RESULTS}/plans.json].")
def bench_plans(graph, contacts, colleagues, runs, seed, json_file):
    """Time the account plan (GET /api/accounts/<id>/plan and the plan page) for an account with
    500 contacts covered by 50 colleagues, added to a `bench generate` graph (once, idempotent)."""
    from graph.bench import plans as plan_bench

    from . import create_app
    from .auth.session import issue_token

    svc = _services(graph)
    started = time.perf_counter()
    try:
        prepared = plan_bench.prepare(svc.store, contacts=contacts, covering=colleagues, seed=seed,
                                      now_ms=svc.clock.now_ms())
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"account {prepared['account_id']} {'created' if prepared['created'] else 'found'} "
               f"in {time.perf_counter() - started:.1f} s")
    bench_app = create_app({"SECRET_KEY": current_app.config["SECRET_KEY"],
                            "CARNET_PASSWORD_METHOD": current_app.config.get("CARNET_PASSWORD_METHOD")},
                           store=svc.store)
    account = prepared["account_id"]
    viewers = measure.pick_viewers(svc.store.read("bench/list_colleagues"), 3)
    result = {"graph": _graph_label(svc), "backend": svc.store.backend, "account_id": account,
              "contacts": contacts, "colleagues": colleagues, "runs": runs, "per_viewer": [],
              "targets_ms": plan_bench.TARGET_P95_MS}
    for colleague in viewers:
        user = svc.users.get(colleague["user_id"])
        client = bench_app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = f"{user['id']}:{user.get('auth_epoch') or 0}"
            session["_fresh"] = True
        with bench_app.app_context():
            headers = {"Authorization": f"Bearer {issue_token(user)}"}

        def call(path, **kw):
            def run():
                response = client.get(path, **kw)
                if response.status_code != 200:
                    raise click.ClickException(f"{path}: HTTP {response.status_code}")
                return response
            return run

        viewer = svc.users.viewer_of(user)
        figures = plan_bench.timings({
            "json": call(f"/api/accounts/{account}/plan", headers=headers),
            "page": call(f"/accounts/{account}/plan"),
            # the first read after a write: nothing kept, every gap's route searched again
            "cold": lambda: bench_app.extensions["carnet"].plans.get(viewer, account, cached=False)}, runs=runs)
        result["per_viewer"].append({"username": user["username"], "role": user["role"], **figures})
    result["targets_met"] = {kind: all(v[kind]["p95_ms"] <= limit for v in result["per_viewer"])
                             for kind, limit in plan_bench.TARGET_P95_MS.items()}
    result["at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    mark = {True: "ok", False: "MISSED"}
    click.echo(f"{'viewer':<24}{'role':<9}{'json p50':>10}{'json p95':>10}{'page p50':>10}{'page p95':>10}"
               f"{'cold p50':>10}{'cold p95':>10}")
    for v in result["per_viewer"]:
        click.echo(f"{v['username'][:23]:<24}{v['role']:<9}" + "".join(
            f"{_fmt(v[kind]['p50_ms']):>10}{_fmt(v[kind]['p95_ms']):>10}" for kind in ("json", "page", "cold")))
    click.echo(f"(milliseconds, {runs} requests each; cold = the service on the first read after a write, "
               f"gap routes included) plan JSON p95 <= 150 ms [{mark[result['targets_met']['json']]}], "
               f"plan page p95 <= 250 ms [{mark[result['targets_met']['page']]}]")
    path = pathlib.Path(json_file) if json_file else _results() / "plans.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2))
    click.echo(f"results written to {path}")


LOAD_GRAPH = "bench_load"  # load runs write: never the configured graph unless asked
LOAD_RELATIONSHIPS_PER_USER = 20
LOAD_HOME_MAX_BOOK = 500  # the home page lists the whole address book: only users with a realistic one visit it


@bench_cli.command("load")
@click.option("--graph", "graph", default=LOAD_GRAPH, show_default=True,
              help="Graph to load (built with `bench generate` + `demo load` when empty; the run writes to it).")
@click.option("--people", type=click.IntRange(min=23), default=100_000, show_default=True)
@click.option("--relationships", type=click.IntRange(min=1), default=1_000_000, show_default=True)
@click.option("--colleagues", type=click.IntRange(min=3), default=200, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--users", type=click.IntRange(min=1), default=50, show_default=True, help="Simulated users.")
@click.option("--seconds", type=click.IntRange(min=1, max=3600), default=60, show_default=True)
@click.option("--warmup", type=click.IntRange(min=1, max=600), default=10, show_default=True,
              help="Seconds over which the users start (workers warm up); not counted in the figures.")
@click.option("--think", type=(click.FloatRange(min=0), click.FloatRange(min=0)), default=(0.05, 0.45),
              show_default=True, help="Pause between a user's requests: min max seconds.")
@click.option("--read-only", is_flag=True, help="Replace the writes by reads (to see what the writes cost).")
@click.option("--workers", type=click.IntRange(min=1), default=3, show_default=True, help="gunicorn workers.")
@click.option("--threads", type=click.IntRange(min=1), default=4, show_default=True, help="Threads per worker.")
@click.option("--cores", type=click.IntRange(min=1), default=None,
              help="Run everything (gunicorn, Locust, the embedded graph server) on this many of the "
                   "machine's cores: 1 on a 2-core machine is a host at half speed.  [default: all]")
@click.option("--json", "json_file", type=click.Path(dir_okay=False), default=None,
              help=f"Where to write the results [default: {DEFAULT_RESULTS}/load.json].")
@click.pass_context
def bench_load(ctx, graph, people, relationships, colleagues, seed, users, seconds, warmup, think, read_only,
               workers, threads, cores, json_file):
    """Page views, path searches, plan views and writes by simulated colleagues (Locust,
    headless) against gunicorn on 127.0.0.1, for a bounded time; prints a table per endpoint."""
    import importlib.util
    import os

    from graph import demo
    from graph.bench import load

    if importlib.util.find_spec("locust") is None:  # not in the runtime image
        raise click.ClickException("Locust is not installed: pip install -r requirements-bench.txt")
    svc = _services(graph)
    store = svc.store
    store.ensure_schema()
    if not store.read("bench/count_entities")[0]["total"]:
        ctx.invoke(bench_generate, people=people, relationships=relationships, colleagues=colleagues, seed=seed,
                   graph=graph)
    demo.load(svc)  # idempotent: the demo accounts and their plans, next to the synthetic graph
    results = _results()
    results.mkdir(parents=True, exist_ok=True)
    scenario = _load_scenario(svc, users, seed, think)
    scenario["read_only"] = read_only
    scenario_path = results / f"load-scenario-{os.getpid()}.json"  # bearer tokens: private, removed after
    scenario_path.touch(mode=0o600)
    scenario_path.write_text(json.dumps(scenario))
    env = {"CARNET_GRAPH_BACKEND": store.backend, "CARNET_GRAPH_NAME": graph,
           "CARNET_SECRET_KEY": current_app.config["SECRET_KEY"]}
    if _data_dir(svc):
        env["CARNET_DATA_DIR"] = _data_dir(svc)
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        if store.backend == "neo4j" and current_app.config.get(key):
            env[key] = current_app.config[key]
    log_path = results / "load-server.log"
    prefix = results / "load"
    big = sum(u["address_book"] > LOAD_HOME_MAX_BOOK for u in scenario["users"])
    click.echo(f"{len(scenario['users'])} colleagues ({big} with more than {LOAD_HOME_MAX_BOOK} relationships: "
               "their home page, the whole address book unpaged, is left out), "
               f"{len(scenario['people'])} people, "
               f"{len(scenario['targets'])} path targets, {len(scenario['accounts'])} accounts; "
               f"{users} users start over {warmup} s, then run for {seconds} s (gunicorn log: {log_path})")
    before = os.getloadavg()[0]
    graph_pid = [pid for pid in [measure.server_pid(_data_dir(svc))] if pid]  # the embedded server, if any
    available = len(os.sched_getaffinity(0))
    cores = min(cores or available, available)
    cpu = {}
    try:
        with load.pinned(cores if cores < available else None, graph_pid):
            reference_before = load.reference_ms()
            speed = load.HostSpeed()
            speed.start()
            with load.AppServer(env, log_path, workers=workers, threads=threads) as server:
                def warm():
                    cpu["start"] = (server.cpu_seconds(), load.cpu_seconds(graph_pid))
                    speed.count()

                code = load.run_locust(server.url, scenario_path, prefix, users=users, seconds=seconds,
                                       warmup=warmup, log_path=results / "load-locust.log", on_warm=warm, cpu=cpu)
                cpu["end"] = (server.cpu_seconds(), load.cpu_seconds(graph_pid))
            during = speed.stop()
            reference_after = load.reference_ms()
    finally:
        scenario_path.unlink(missing_ok=True)
    try:
        stats = load.read_stats(prefix, seconds)
    except OSError:
        raise click.ClickException(f"locust wrote no statistics (exit {code}); see {results / 'load-locust.log'}")
    result = {"graph": graph, "backend": store.backend, "people": scenario["population"], "users": users,
              "seconds": seconds, "workers": workers, "threads": threads, "think_s": list(think),
              "warmup_s": warmup, "read_only": read_only, "locust_exit_code": code, "home_page_left_out_for": big,
              "loadavg_before": before,
              "loadavg_after": os.getloadavg()[0], "cpus": cores, "stats": stats,
              "reference_ms_before": reference_before, "reference_ms_during": during,
              "reference_ms_after": reference_after,
              "targets": load.TARGETS, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    result["targets_met"] = load.targets_met(stats)
    if "start" in cpu:
        result["cpu_per_request"] = load.cpu_per_request(
            cpu["end"][0] - cpu["start"][0], cpu["end"][1] - cpu["start"][1] if graph_pid else None,
            (stats["total"] or {}).get("requests", 0), cores, cpu.get("locust"))
    click.echo(load.table(result))
    path = pathlib.Path(json_file) if json_file else results / "load.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2))
    click.echo(f"results written to {path}")


def _load_scenario(svc: Services, users: int, seed: int, think: tuple) -> dict:
    """Who the simulated users are (token, session cookie, a few of their own relationships) and
    what they visit: a sample of people and path targets, the demo organisations and accounts."""
    import datetime as _dt
    import os
    import random

    from graph import demo
    from graph.model import PLAN_KINDS

    from .auth.session import issue_token

    rnd = random.Random(seed)
    store = svc.store
    demo_names = {row[0] for row in demo.USERS}
    everyone = store.read("bench/list_colleagues")
    chosen = [c for c in everyone if c["username"] in demo_names]
    chosen += measure.pick_viewers([c for c in everyone if c["username"] not in demo_names],
                                   max(users - len(chosen), 0))
    cookies = current_app.session_interface.get_signing_serializer(current_app)
    people = []
    for colleague in chosen[:users]:
        user = svc.users.get(colleague["user_id"])
        owned = [r["rel"]["id"] for r in store.read("relationships/list_owned", owner=user["id"])]
        session_id = f"{user['id']}:{user.get('auth_epoch') or 0}"
        # the session a browser holds after its first page: with Flask-WTF's CSRF secret, and not
        # fresh (Flask-Login's basic protection marks it so) — a cookie without them, sent unchanged
        # by every request, made every page write a new session cookie
        session = {"_user_id": session_id, "_fresh": False, "csrf_token": hashlib.sha1(os.urandom(64)).hexdigest()}
        people.append({"username": user["username"], "role": user.get("role"), "token": issue_token(user),
                       "cookie": cookies.dumps(session),
                       "relationships": rnd.sample(owned, min(len(owned), LOAD_RELATIONSHIPS_PER_USER)),
                       "address_book": len(owned)})
    outsiders = [r["id"] for r in store.read("bench/list_outsiders")]
    built = demo.build(_dt.date.fromisoformat(svc.clock.today()), svc.clock.now_ms())
    plans = [p["account_id"] for p in built["plans"]]
    accounts = [o["id"] for o in built["organisations"] if o["kind"] in PLAN_KINDS]
    return {"seed": seed, "today": svc.clock.today(), "think_min_s": min(think), "think_max_s": max(think),
            "cookie_name": current_app.config.get("SESSION_COOKIE_NAME") or "session", "users": people,
            "home_max_book": LOAD_HOME_MAX_BOOK,
            "population": len(outsiders) + len(everyone),
            "people": rnd.sample(outsiders, min(len(outsiders), 5000)),
            "targets": rnd.sample(outsiders, min(len(outsiders), 500)),
            "organisations": [o["id"] for o in built["organisations"]],
            "accounts": plans * 3 + accounts}  # the accounts with a plan are the ones looked at most


def init_app(app) -> None:
    app.cli.add_command(bench_cli)


@bench_cli.command("signals")
@click.option("--graph", default="carnet-bench-signals", show_default=True,
              help="Graph name holding the bench user and its connections.")
@click.option("--messages", type=click.IntRange(min=1), default=100_000, show_default=True)
@click.option("--events", type=click.IntRange(min=1), default=5_000, show_default=True)
@click.option("--new", type=click.IntRange(min=1), default=100, show_default=True,
              help="New messages and new events before the incremental sync.")
@click.option("--json", "json_file", type=click.Path(dir_okay=False), default=None,
              help=f"Where to write the results [default: {DEFAULT_RESULTS}/signals.json].")
def bench_signals(graph, messages, events, new, json_file):
    """Sync a generated Dovecot mailbox and Radicale calendar on loopback: first and incremental."""
    from graph.bench import signals

    result = signals.run(_services(graph), messages=messages, events=events, new=new, progress=click.echo)
    result["at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    click.echo(signals.table(result))
    path = pathlib.Path(json_file) if json_file else _results() / "signals.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2))
    click.echo(f"results written to {path}")
