"""A small world of signals: alice (North rep) met and wrote to client people."""

from __future__ import annotations

from graph.signals.records import Card, Meeting, Message
from graph.visibility import SYSTEM

DAY = 86_400_000
ALICE = "alice@acme.test"


class World:
    def __init__(self, services, cast):
        self.s, self.cast = services, cast
        self.now = services.clock.now_ms()
        for name in ("alice", "bob", "mona", "carol", "sam", "ada"):  # colleagues' own addresses
            services.people.update(cast.viewer(name), cast.person(name), {"email": f"{name}@acme.test"})
        alice = cast.viewer("alice")
        # Paul: in alice's book (exclusive, strength 1, last contact long ago); she met him often
        self.paul = services.people.create(alice, {"name": "Paul Client", "email": "paul@client.test"})["id"]
        self.rel = services.relationships.create(alice, {"person_id": cast.person("alice"), "other_id": self.paul,
                                                         "strength": 1, "visibility": "exclusive",
                                                         "last_contact": "2020-01-01"})["id"]

    def days_ago(self, n: float) -> int:
        return int(self.now - n * DAY)

    def meetings(self, who: str, n: int, *, start_days: int = 3, prefix: str = "m") -> list[Meeting]:
        return [Meeting(uid=f"{prefix}-{who}-{i}", start_ms=self.days_ago(start_days + 7 * i), end_ms=None,
                        organizer=ALICE, attendees=(ALICE, who)) for i in range(n)]

    def exchange(self, who: str, n: int, *, start_days: int = 2) -> list[Message]:
        out = []
        for i in range(n):
            out.append(Message(message_id=f"<out-{who}-{i}@acme.test>", date_ms=self.days_ago(start_days + i),
                               sender=f"Alice <{ALICE}>", recipients=(who,)))
            out.append(Message(message_id=f"<in-{who}-{i}@x>", date_ms=self.days_ago(start_days + i),
                               sender=who, recipients=(ALICE,)))
        return out

    def feed(self, source: str = "cal") -> dict:
        """8 meetings with Paul (in 90 days), a two-way exchange with Nina (not in the book)."""
        return self.s.signals.ingest(self.cast.viewer("alice"), source,
                                     meetings=self.meetings("Paul@CLIENT.test", 8),
                                     messages=self.exchange("Nina New <nina@newco.test>", 3))


def card(uid="c1", name="Cora Card", emails=("cora@cards.test",)) -> Card:
    return Card(uid=uid, name=name, emails=tuple(emails), phones=("+33 1 02 03 04 05",), title="Buyer")


def system_person(services, name, email):
    return services.people.create(SYSTEM, {"name": name, "email": email})["id"]
