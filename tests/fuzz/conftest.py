"""Fuzzing fixtures: the authorization matrix's world (tests/security/routes.py, kept complete
by that suite) plus a school and a stranger (known by nobody, a third plan member), and the ids
of its objects grouped by kind, so generated requests can name real objects."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

from graph.visibility import SYSTEM
from tests.conftest import PASSWORD
from tests.security.routes import build_world

# CARNET_FUZZ_SCALE=10 digs ten times deeper (other examples, still fixed); CI runs scale 1.
SCALE = float(os.environ.get("CARNET_FUZZ_SCALE", "1"))
# CARNET_FUZZ_SEED=random draws new examples on every run (a failure prints the blob that replays
# it); unset, the examples are fixed (derandomized) so CI stays stable.
RANDOM = os.environ.get("CARNET_FUZZ_SEED", "").lower() == "random"


def scaled(examples: int) -> int:
    return max(1, round(examples * SCALE))


def fuzz_settings(max_examples: int, *, shrink: bool = True) -> settings:
    """Fixed examples (derandomized, no example database): the same requests on every run, in CI
    too; new ones on every run with CARNET_FUZZ_SEED=random."""
    phases = [Phase.explicit, Phase.generate] + ([Phase.shrink] if shrink else [])
    return settings(max_examples=max_examples, derandomize=not RANDOM, database=None, deadline=None, phases=phases,
                    print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])


def note_activity(app, user_id: str) -> None:
    """A signed-in write marks the user active for the week, once (graph/services/adoption.py), even
    when refused; mark it up front so a check of the graph's version is about the request itself."""
    adoption = getattr(app.extensions["carnet"], "adoption", None)
    if adoption is not None:
        adoption.seen(user_id)


@pytest.fixture
def world(app, web_cast) -> dict:
    services = app.extensions["carnet"]
    world = build_world(services, web_cast)
    world["school_id"] = services.organisations.create(SYSTEM, {"name": "Fuzz School", "kind": "school"})["id"]
    world["stranger"] = services.people.create(SYSTEM, {"name": "Nobody Knows", "organisation_id": world["org_id"]})["id"]
    services.plans.set_member(web_cast.viewer("mona"), world["org_id"], world["stranger"],  # room for new lines
                              {"role": "user", "stance": "neutral", "influence": 1})
    return world


@pytest.fixture
def known_ids(world, web_cast) -> dict[str, list[str]]:
    """Real ids by kind (world keys `<kind>_id`, plus people, organisations, relationships and
    users), "any" holding them all for parameters of an unknown kind; and the logins."""
    kinds = {key.removesuffix("_id"): [value] for key, value in world.items()
             if key.endswith("_id") and isinstance(value, str)}
    kinds.update(
        person=sorted(set(world["contacts"].values()) | {world["stranger"]} | {web_cast.person(u) for u in web_cast.users}),
        org=[world["org_id"], world["school_id"]],
        rel=list(world["rels"].values()),
        user=[web_cast.id(u) for u in web_cast.users],
    )
    kinds["any"] = sorted({i for ids in kinds.values() for i in ids})
    kinds["username"] = sorted(web_cast.users)
    kinds["password"] = [PASSWORD]
    return kinds
