"""Backups carry the governed-sharing data: rules, events, nominations, grants, audit, inbox."""

from __future__ import annotations

import io

from graph import backup
from graph.clock import FixedClock
from graph.services import Services
from tests.conftest import FAST_HASH, Cast
from tests.integration.test_backup import canonical, export_text, fresh  # noqa: F401  (fixture)


def test_round_trip_keeps_sharing_data(store, fresh):  # noqa: F811
    services = Services(store, FixedClock(1_767_225_600_000), password_method=FAST_HASH)
    cast = Cast(services)
    vip = services.people.create(cast.viewer("ada"), {"name": "Victor Vip", "email": "v@vip.example"})
    services.relationships.create(cast.viewer("bob"), {"person_id": cast.person("bob"), "other_id": vip["id"],
                                                       "strength": 3, "visibility": "exclusive"})
    services.policy.create(cast.viewer("ada"), {"name": "Strong", "min_strength": 5, "outcome": "company"})
    event = services.events.create(cast.viewer("mona"), {"name": "Gala", "date": "2026-03-01"})
    n = services.events.nominate(cast.viewer("alice"), event["id"], {"person_id": vip["id"]})
    services.events.consent(cast.viewer("bob"), n["id"], {"decision": "consent"})
    services.events.decide(cast.viewer("mona"), n["id"], {"decision": "approve", "reason": "ok"})

    text = export_text(store)
    nodes = backup.import_graph(fresh, io.StringIO(text))["nodes"]
    assert {k: nodes[k] for k in ("PolicyRule", "Event", "Nomination", "AccessGrant")} == \
        {"PolicyRule": 2, "Event": 1, "Nomination": 1, "AccessGrant": 2}
    assert nodes["AuditEntry"] >= 5 and nodes["Notification"] >= 3
    assert canonical(fresh) == canonical(store)
    restored = Services(fresh, FixedClock(1_767_225_600_000), password_method=FAST_HASH)
    assert restored.users.viewer(cast.id("alice")).granted_person_ids == frozenset({vip["id"]})
