"""Introduction requests against the real store: each transition and refusal, the atomic decision
under 20 threads, the 30-day grant on a fixed clock, who sees each step, and that nothing of a
private relationship reaches anyone through these flows."""

from __future__ import annotations

import dataclasses
import io
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph import backup
from graph.clock import FixedClock
from graph.errors import Conflict, Forbidden, NotFound, ValidationError
from graph.services import Services
from graph.services.grants import DAY_MS
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, Cast
from tests.integration.test_backup import fresh  # noqa: F401  (fixture)

NOW = 1_767_225_600_000  # 2026-01-01T00:00:00Z
ROLES = ("alice", "bob", "mona", "carol", "sam", "ada")


@dataclasses.dataclass
class World:
    s: Services
    cast: Cast
    clock: FixedClock
    ids: dict

    def v(self, who: str):
        """A fresh viewer (grants are read when a viewer is built, as on every request)."""
        return self.cast.viewer(who)


@pytest.fixture
def w(store) -> World:
    """Tara is the target. alice knows her exclusively (locked for bob, carol, sam) and records
    a private Pia—Tara link; carol's South team-level Victor—Wanda link is a locked hop on bob's
    route bob → Victor → Wanda → Tara (Wanda reports to Tara); carol's Lone—Lonely link is on no route to Tara."""
    clock = FixedClock(NOW)
    s = Services(store, clock, password_method=FAST_HASH)
    cast = Cast(s)
    person = lambda name, **kw: s.people.create(SYSTEM, {"name": name, **kw})["id"]  # noqa: E731
    ids = {n: person(n.title(), email=f"{n}@secret.example") for n in ("tara", "pia", "victor", "lone", "lonely")}
    ids["wanda"] = person("Wanda", email="wanda@secret.example", reports_to=ids["tara"])

    def knows(who, a, b, strength, level):
        return s.relationships.create(cast.viewer(who), {"person_id": a, "other_id": b, "strength": strength,
                                                         "visibility": level, "notes": f"NOTE-{level}-{who}"})["id"]

    ids["excl"] = knows("alice", cast.person("alice"), ids["tara"], 4, "exclusive")
    ids["private"] = knows("alice", ids["pia"], ids["tara"], 5, "private")
    knows("bob", cast.person("bob"), ids["victor"], 5, "team")
    ids["hop"] = knows("carol", ids["victor"], ids["wanda"], 4, "team")
    ids["far"] = knows("carol", ids["lone"], ids["lonely"], 4, "team")
    return World(s, cast, clock, ids)


def ask(w: World, who="bob", rel="excl", target="tara", **extra) -> dict:
    return w.s.intros.request(w.v(who), {"target_id": w.ids[target], "relationship_id": w.ids[rel], **extra})


def refusal(call) -> tuple[int, str | None, str]:
    with pytest.raises((NotFound, ValidationError, Conflict, Forbidden)) as info:
        call()
    return info.value.status, info.value.field, info.value.message


# -- asking ----------------------------------------------------------------------------------------
def test_request_on_a_locked_relationship_with_the_target_asks_its_owner(w):
    intro = ask(w, message="We meet at the fair")
    assert intro["status"] == "pending" and intro["owner"] == w.cast.id("alice")
    assert intro["contact_id"] == w.ids["tara"] and intro["via_id"] == w.cast.person("alice")
    assert intro["can_decide"] is False
    inbox = w.s.notifications.inbox(w.v("alice"))
    assert len(inbox) == 1 and inbox[0]["kind"] == "decision" and "Bob asks you" in inbox[0]["text"]
    assert "We meet at the fair" in inbox[0]["text"]
    assert w.s.intros.mine(w.v("alice"))["received"][0]["can_decide"] is True
    entry = [e for e in w.s.audit.list(w.v("ada")) if e["action"] == "intro.request"]
    assert len(entry) == 1 and entry[0]["actor_id"] == w.cast.id("bob") and entry[0]["relationship_id"] == w.ids["excl"]


def test_a_locked_hop_on_the_requesters_route_asks_for_its_far_end(w):
    """bob → Victor → Wanda (carol's South link, locked) → Tara: the contact is Wanda."""
    route = w.s.paths.find(w.v("bob"), w.ids["tara"], k=20)["paths"]
    assert any(h["locked"] and {h["from"], h["to"]} == {w.ids["victor"], w.ids["wanda"]} for p in route
               for h in p["hops"])
    intro = ask(w, rel="hop")
    assert (intro["owner"], intro["contact_id"], intro["via_id"]) == (w.cast.id("carol"), w.ids["wanda"],
                                                                      w.ids["victor"])
    assert intro["target_id"] == w.ids["tara"]


def test_refusals_name_the_field(w):
    unknown = refusal(lambda: w.s.intros.request(w.v("bob"), {"target_id": w.ids["tara"],
                                                              "relationship_id": "no-such-relationship"}))
    assert unknown[:2] == (404, "relationship_id")
    assert refusal(lambda: ask(w, target="lone", rel="excl"))[:2] == (400, "relationship_id")  # not with Lone
    assert refusal(lambda: ask(w, rel="far"))[:2] == (400, "relationship_id")  # on no route to Tara
    assert refusal(lambda: ask(w, who="alice"))[:2] == (400, "relationship_id")  # her own
    assert "yours" in refusal(lambda: ask(w, who="alice"))[2]
    assert refusal(lambda: ask(w, who="mona"))[:2] == (400, "relationship_id")  # her team's: she sees it
    assert refusal(lambda: ask(w, who="ada"))[:2] == (400, "relationship_id")  # admins see it
    assert refusal(lambda: w.s.intros.request(w.v("bob"), {"target_id": "nobody",
                                                           "relationship_id": w.ids["excl"]}))[:2] == (404, "target_id")
    assert refusal(lambda: ask(w, message="x" * 5000))[:2] == (400, "message")
    assert refusal(lambda: ask(w, extra_field=1))[0] == 400
    assert refusal(lambda: w.s.intros.request(SYSTEM, {}))[0] == 403
    ask(w)
    assert refusal(lambda: ask(w))[:2] == (409, "relationship_id")  # already asked, still pending
    ask(w, who="carol")  # someone else may ask too


def test_a_disabled_owner_cannot_be_asked(w):
    w.s.users.set_active(w.v("ada"), w.cast.id("alice"), False)
    assert refusal(lambda: ask(w))[:2] == (409, "relationship_id")


def test_private_relationships_answer_exactly_like_unknown_ones(w):
    """Asking about alice's private Pia—Tara link, by id or by its two ends, is a 404 word for
    word like an unknown id; the form never offers it; no trace of it is written anywhere."""
    before = len(w.s.audit.list(w.v("ada")))
    for who in ("bob", "carol", "mona", "sam", "ada"):
        private = refusal(lambda: ask(w, who=who, rel="private"))
        unknown = refusal(lambda: w.s.intros.request(w.v(who), {"target_id": w.ids["tara"],
                                                                "relationship_id": "f" * 32}))
        assert private == unknown == (404, "relationship_id", "unknown relationship")
        by_ends = refusal(lambda: w.s.intros.form(w.v(who), w.ids["tara"], a=w.ids["pia"], b=w.ids["tara"]))
        assert by_ends == (404, "relationship_id", "unknown relationship")
        form = w.s.intros.form(w.v(who), w.ids["tara"])
        assert all(c["relationship_id"] != w.ids["private"] and c["via_id"] != w.ids["pia"] for c in form["choices"])
    assert len(w.s.audit.list(w.v("ada"))) == before
    assert all(not w.s.notifications.inbox(w.v(who)) for who in ROLES)


def test_the_form_offers_the_locked_relationships_touching_the_target(w):
    form = w.s.intros.form(w.v("bob"), w.ids["tara"])
    assert [c["relationship_id"] for c in form["choices"]] == [w.ids["excl"]]
    assert form["selected"] == w.ids["excl"] and form["choices"][0]["owner_name"] == "Alice"
    assert set(form["choices"][0]) >= {"owner_name", "via_name", "contact_name"}
    assert "strength" not in form["choices"][0] and "notes" not in form["choices"][0]
    by_hop = w.s.intros.form(w.v("bob"), w.ids["tara"], a=w.ids["victor"], b=w.ids["wanda"])
    assert by_hop["selected"] == w.ids["hop"] and by_hop["choices"][0]["contact_id"] == w.ids["wanda"]
    assert w.s.intros.form(w.v("mona"), w.ids["tara"])["choices"] == []  # she sees alice's link


# -- deciding --------------------------------------------------------------------------------------
def test_accepting_grants_the_contact_for_30_days_then_it_expires(w):
    assert w.s.people.get(w.v("bob"), w.ids["tara"])["details_locked"] is True
    intro = ask(w)
    assert w.s.intros.decide(w.v("alice"), intro["id"], {"decision": "accept", "message": "Call her Monday"}) == \
        {"id": intro["id"], "status": "accepted"}
    tara = w.s.people.get(w.v("bob"), w.ids["tara"])
    assert tara["details_locked"] is False and tara["email"] == "tara@secret.example"
    assert w.s.people.get(w.v("carol"), w.ids["tara"])["details_locked"] is True  # only bob
    note = w.s.notifications.inbox(w.v("bob"))[0]
    assert note["kind"] == "outcome" and "accepted" in note["text"] and "Call her Monday" in note["text"]
    assert "2026-01-31" in note["text"]
    shown = w.s.intros.get(w.v("bob"), intro["id"])
    assert shown["status"] == "accepted" and shown["grant_expires_at"] == NOW + 30 * DAY_MS
    actions = [e["action"] for e in w.s.audit.list(w.v("ada"))]
    assert actions.count("intro.accept") == 1 and actions.count("grant.create") == 1

    w.clock.advance(30 * DAY_MS - 1)
    assert w.s.people.get(w.v("bob"), w.ids["tara"])["details_locked"] is False
    w.clock.advance(1)
    assert w.s.people.get(w.v("bob"), w.ids["tara"])["details_locked"] is True
    expired = w.s.grants.expire_due()
    assert [(g["source"], g["intro_id"]) for g in expired] == [("intro", intro["id"])]
    assert "through the introduction has expired" in w.s.notifications.inbox(w.v("bob"))[0]["text"]
    assert "grant.expire" in [e["action"] for e in w.s.audit.list(w.v("ada"))]
    assert w.s.grants.expire_due() == []  # once


def test_declining_tells_the_requester_with_the_message_and_grants_nothing(w):
    intro = ask(w)
    assert w.s.intros.decide(w.v("alice"), intro["id"], {"decision": "decline", "message": "Not now"})["status"] \
        == "declined"
    assert w.s.people.get(w.v("bob"), w.ids["tara"])["details_locked"] is True
    assert w.s.store.read("grants/active_person_ids", user=w.cast.id("bob"), now=NOW)[0]["ids"] == []
    note = w.s.notifications.inbox(w.v("bob"))[0]
    assert "declined" in note["text"] and "Not now" in note["text"]
    assert "intro.decline" in [e["action"] for e in w.s.audit.list(w.v("ada"))]


def test_only_the_owner_decides_once(w):
    intro = ask(w)
    for who, status in (("bob", 403), ("ada", 403), ("carol", 404), ("sam", 404), ("mona", 404)):
        assert refusal(lambda: w.s.intros.decide(w.v(who), intro["id"], {"decision": "accept"}))[0] == status, who
    assert refusal(lambda: w.s.intros.decide(w.v("alice"), "nope", {"decision": "accept"}))[0] == 404
    assert refusal(lambda: w.s.intros.decide(w.v("alice"), intro["id"], {"decision": "maybe"}))[:2] == (400, "decision")
    w.s.intros.decide(w.v("alice"), intro["id"], {"decision": "decline"})
    status, field, message = refusal(lambda: w.s.intros.decide(w.v("alice"), intro["id"], {"decision": "accept"}))
    assert (status, field) == (409, "decision") and "declined" in message
    assert w.s.people.get(w.v("bob"), w.ids["tara"])["details_locked"] is True
    ask(w)  # decided: bob may ask again


def test_twenty_concurrent_decisions_make_exactly_one_transition(w):
    intro = ask(w)
    alice = w.v("alice")

    def decide(i):
        try:
            return w.s.intros.decide(alice, intro["id"], {"decision": "accept" if i % 2 else "decline"})["status"]
        except Conflict:
            return "conflict"

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(decide, range(20)))
    winners = [r for r in results if r != "conflict"]
    assert len(winners) == 1 and results.count("conflict") == 19
    assert w.s.intros.get(alice, intro["id"])["status"] == winners[0]
    grants = w.s.store.read("grants/active_person_ids", user=w.cast.id("bob"), now=NOW)[0]["ids"]
    assert grants == ([w.ids["tara"]] if winners[0] == "accepted" else [])
    decided = [e for e in w.s.audit.list(w.v("ada")) if e["action"] in ("intro.accept", "intro.decline")]
    assert len(decided) == 1
    assert len(w.s.notifications.inbox(w.v("bob"))) == 1


# -- who sees what ---------------------------------------------------------------------------------
def test_each_step_is_seen_by_the_parties_and_admins_only(w):
    intro = ask(w)
    seen = {}
    for who in ROLES:
        try:
            seen[who] = w.s.intros.get(w.v(who), intro["id"])["status"]
        except NotFound:
            seen[who] = None
    assert seen == {"alice": "pending", "bob": "pending", "ada": "pending", "mona": None, "carol": None, "sam": None}
    assert [r["id"] for r in w.s.intros.mine(w.v("bob"))["made"]] == [intro["id"]]
    assert [r["id"] for r in w.s.intros.mine(w.v("alice"))["received"]] == [intro["id"]]
    for who in ("mona", "carol", "sam", "ada"):
        assert w.s.intros.mine(w.v(who)) == {"made": [], "received": []}
    w.s.intros.decide(w.v("alice"), intro["id"], {"decision": "accept"})
    audit = {who: {e["action"] for e in w.s.audit.list(w.v(who))} for who in ("mona", "sam", "ada")}
    assert {"intro.request", "intro.accept", "grant.create"} <= audit["mona"]  # both parties are North
    assert not audit["sam"] & {"intro.request", "intro.accept", "grant.create"}
    assert {"intro.request", "intro.accept", "grant.create"} <= audit["ada"]
    told = {who: len(w.s.notifications.inbox(w.v(who))) for who in ROLES}
    assert told == {"alice": 1, "bob": 1, "mona": 0, "carol": 0, "sam": 0, "ada": 0}


def test_nothing_of_a_private_relationship_is_in_any_request_or_notice(w):
    """bob asks about the locked hop and alice's exclusive link; neither a request, the lists,
    the notices nor the audit entries mention Pia, the private link's id or its notes."""
    intro = ask(w, message="hello")
    other = ask(w, rel="hop")
    w.s.intros.decide(w.v("alice"), intro["id"], {"decision": "accept"})
    w.s.intros.decide(w.v("carol"), other["id"], {"decision": "decline"})
    texts = [repr(w.s.intros.mine(w.v(who))) + repr(w.s.notifications.inbox(w.v(who))) for who in ROLES]
    texts.append(repr(w.s.audit.list(w.v("ada"))))
    for text in texts:
        assert w.ids["private"] not in text and w.ids["pia"] not in text and "Pia" not in text
        assert "NOTE-private" not in text and "pia@secret" not in text
        assert "NOTE-exclusive" not in text  # nor the secrets of the locked links asked about


def test_backups_carry_introduction_requests(w, fresh):  # noqa: F811
    intro = ask(w)
    w.s.intros.decide(w.v("alice"), intro["id"], {"decision": "accept"})
    text = io.StringIO()
    backup.export_graph(w.s.store, text)
    nodes = backup.import_graph(fresh, io.StringIO(text.getvalue()))["nodes"]
    assert nodes["IntroRequest"] == 1
    restored = Services(fresh, FixedClock(NOW), password_method=FAST_HASH)
    assert restored.intros.get(restored.users.viewer(w.cast.id("bob")), intro["id"])["status"] == "accepted"
    assert restored.users.viewer(w.cast.id("bob")).granted_person_ids == frozenset({w.ids["tara"]})

