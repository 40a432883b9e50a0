"""Bugs the fuzzers found, pinned by plain examples (so they stay fixed whatever is generated)."""

from __future__ import annotations

from tests.conftest import api_token, bearer
from tests.fuzz.conftest import note_activity


def _as(client, who: str) -> dict:
    return bearer(api_token(client, who))


def test_plan_paths_parameter_takes_only_0_or_1(client, world):
    """?paths=avr was read as "1": the document says 0 or 1, so anything else is a 400."""
    url = f"/api/accounts/{world['org_id']}/plan"
    headers = _as(client, "alice")
    assert client.get(f"{url}?paths=0", headers=headers).status_code == 200
    wrong = client.get(f"{url}?paths=avr", headers=headers)
    assert (wrong.status_code, wrong.get_json()["field"]) == (400, "paths")
    assert client.get("/api/accounts/unknown/plan?paths=avr", headers=headers).status_code == 404  # 404 first


def _refused_without_a_write(app, client, store, cast, who: str, path: str, body: dict) -> None:
    headers = _as(client, who)
    note_activity(app, cast.id(who))
    before = store.version()
    response = client.post(path, json=body, headers=headers)
    assert response.status_code == 409, response.get_data(as_text=True)
    assert store.version() == before, "a refused duplicate bumped the graph's version"


def test_a_duplicate_influence_line_writes_nothing(app, client, store, web_cast, world):
    """The conditional CREATE ran (and bumped the version) before the duplicate was refused."""
    _refused_without_a_write(app, client, store, web_cast, "mona", f"/api/accounts/{world['org_id']}/plan/influences",
                             {"from_id": world["contacts"]["company"], "to_id": world["contacts"]["exclusive"]})


def test_a_second_pending_intro_request_writes_nothing(app, client, store, web_cast, world):
    """build_world has bob ask alice about her exclusive contact; asking again is refused, unwritten."""
    _refused_without_a_write(app, client, store, web_cast, "bob", "/api/intro-requests",
                             {"target_id": world["contacts"]["exclusive"], "relationship_id": world["rels"]["exclusive"]})
