"""`bench signals`: a generated mailbox (Dovecot) and calendar (Radicale) on loopback, read by
the connection service the way a rep's sync reads them: the first sync, then an incremental
sync after new items arrive. Times and the app's peak memory are reported; the records go to
the configured signals pipeline, or to a sink that only counts them when there is none."""

from __future__ import annotations

import datetime as dt
import random
import time

from ..errors import NotFound
from ..signals.connect.policy import Limits
from ..signals.connect.secrets import SecretBox
from ..signals.connect.service import ConnectionService
from ..visibility import SYSTEM
from . import mailservers as ms
from .measure import rss_mib

TARGETS = {"first_sync_s": 300.0, "incremental_s": 5.0, "app_peak_mib": 300.0}
BENCH_USER = "bench-signals"


class CountingSink:
    def __init__(self):
        self.counts = {"meetings": 0, "messages": 0, "cards": 0}

    def ingest(self, viewer, source_id, *, meetings=(), messages=(), cards=()):
        for kind, records in (("meetings", meetings), ("messages", messages), ("cards", cards)):
            self.counts[kind] += len(records)
        return dict(self.counts)

    def purge(self, viewer, source_id):
        return {}


def _people(n: int, rng: random.Random) -> list[str]:
    return [f"contact{rng.randrange(n * 10)}@client{rng.randrange(200)}.example" for _ in range(n)]


def _fill_mail(server, count: int, rng: random.Random, start: int = 0) -> None:
    contacts = _people(2000, rng)
    now = dt.datetime.now(dt.timezone.utc)
    for i in range(start, start + count):
        when = now - dt.timedelta(minutes=rng.randrange(365 * 24 * 60))
        other = rng.choice(contacts)
        if i % 3:
            server.deliver("INBOX", other, [ms.USER], when, cc=[rng.choice(contacts)], message_id=f"<b{i}@bench>")
        else:
            server.deliver("Sent", ms.USER, [other], when, message_id=f"<b{i}@bench>")


def _fill_calendar(radicale, collection, count: int, rng: random.Random, start: int = 0) -> None:
    contacts = _people(500, rng)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, second=0)
    for i in range(start, start + count):
        when = now - dt.timedelta(hours=rng.randrange(365 * 24))
        radicale.put(collection, f"bench-{i}", ms.event(f"bench-{i}", when, ms.USER,
                                                        [ms.USER] + rng.sample(contacts, 3)))


def run(services, *, messages: int, events: int, new: int, progress=print, seed: int = 1) -> dict:
    rng = random.Random(seed)
    try:
        user = services.users.by_username(BENCH_USER)
    except NotFound:
        user = services.users.create(SYSTEM, {"username": BENCH_USER, "password": "bench-signals-password",
                                               "role": "rep", "name": "Bench Signals"})
    viewer = services.users.viewer(user["id"])
    sink = getattr(services, "signals", None) or CountingSink()
    service = ConnectionService(services.store, services.clock)
    service.box, service.allow, service.sink, service.limits = SecretBox(SecretBox.new_key()), ("127.0.0.1",), sink, Limits()
    result = {"messages": messages, "events": events, "new_items": new, "sink": type(sink).__name__, "runs": {}}
    with ms.dovecot() as dovecot, ms.radicale() as radicale:
        service.ca_file = dovecot.ca_file
        t0 = time.perf_counter()
        _fill_mail(dovecot, messages, rng)
        collection = radicale.collection("bench", "VCALENDAR")
        _fill_calendar(radicale, collection, events, rng)
        result["generate_s"] = round(time.perf_counter() - t0, 1)
        progress(f"generated {messages} messages and {events} events in {result['generate_s']} s")
        mail = service.create(viewer, {"kind": "imap", "host": "127.0.0.1", "port": dovecot.imaps_port,
                                       "username": ms.USER, "password": ms.PASSWORD})
        cal = service.create(viewer, {"kind": "caldav", "url": radicale.home, "username": ms.USER,
                                      "password": ms.PASSWORD})
        before = rss_mib()
        for phase in ("first", "incremental"):
            if phase == "incremental":
                _fill_mail(dovecot, new, rng, start=messages)
                _fill_calendar(radicale, collection, new, rng, start=events)
            for name, connection in (("imap", mail), ("caldav", cal)):
                t0, cpu0 = time.perf_counter(), time.process_time()
                done = service.sync(viewer, connection["id"], progress=lambda line: None)
                seconds = round(time.perf_counter() - t0, 2)
                cpu = round(time.process_time() - cpu0, 2)  # the app's own share; the rest is the server
                result["runs"][f"{phase}_{name}"] = {"seconds": seconds, "app_cpu_s": cpu, "counts": done["counts"]}
                progress(f"{phase} sync {name}: {seconds} s ({cpu} s app CPU), {done['counts']}")
        for connection in (mail, cal):
            service.delete(viewer, connection["id"])
    result["app_rss_before_mib"] = before
    result["app_peak_mib"] = rss_mib(field="VmHWM")
    runs = result["runs"]
    result["first_sync_s"] = round(runs["first_imap"]["seconds"] + runs["first_caldav"]["seconds"], 2)
    result["incremental_s"] = round(runs["incremental_imap"]["seconds"] + runs["incremental_caldav"]["seconds"], 2)
    result["targets"] = TARGETS
    result["targets_met"] = {k: (result[k] is not None and result[k] <= v) for k, v in TARGETS.items()}
    return result


def table(r: dict) -> str:
    lines = [f"{'step':<22}{'seconds':>10}{'app CPU s':>11}  counts", "-" * 60]
    for name, run_ in r["runs"].items():
        counts = ", ".join(f"{n} {k}" for k, n in run_["counts"].items() if n) or "nothing new"
        lines.append(f"{name:<22}{run_['seconds']:>10}{run_['app_cpu_s']:>11}  {counts}")
    lines.append("-" * 60)
    for key, target in TARGETS.items():
        mark = "ok" if r["targets_met"][key] else "MISSED"
        lines.append(f"{key:<22}{r[key]!s:>10}  target <= {target} ({mark})")
    return "\n".join(lines)
