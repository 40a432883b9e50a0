"""Uploaded calendars, mail and address books read into records (headers only)."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.signals import files

ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:ev-1@example\r
DTSTART:20261120T100000Z\r
DTEND:20261120T110000Z\r
SUMMARY:Secret pricing talk\r
ORGANIZER;CN=Alice:mailto:alice@acme.test\r
ATTENDEE;CN="Paul Client";PARTSTAT=ACCEPTED:mailto:paul@client.test\r
ATTENDEE:mailto:very.long.address.that.is.folded@c\r
 lient.test\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ev-2@example\r
RECURRENCE-ID:20261121T100000Z\r
DTSTART;VALUE=DATE:20261121\r
ORGANIZER:mailto:paul@client.test\r
END:VEVENT\r
BEGIN:VEVENT\r
SUMMARY:no uid, skipped\r
DTSTART:20261122T100000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""

EML = b"""Message-ID: <abc@client.test>\r
Date: Fri, 20 Nov 2026 10:00:00 +0100\r
From: Paul Client <paul@client.test>\r
To: alice@acme.test, "Bob" <bob@acme.test>\r
Cc: carol@acme.test\r
Subject: confidential\r
\r
The body says things that must never be kept.\r
"""

MBOX = b"From paul@client.test Fri Nov 20 10:00:00 2026\n" + EML.replace(b"\r\n", b"\n") + \
    b"\nFrom x Fri Nov 20 10:00:00 2026\nMessage-ID: <def@x>\nDate: Sat, 21 Nov 2026 10:00:00 +0000\n" \
    b"From: alice@acme.test\nTo: paul@client.test\n\nhello\n" \
    b"\nFrom y Fri Nov 20 10:00:00 2026\nSubject: no id, skipped\n\nx\n"

VCF = b"""BEGIN:VCARD\r
VERSION:3.0\r
UID:card-1\r
FN:Cora Card\r
EMAIL;TYPE=work:cora@cards.test\r
EMAIL;TYPE=home:cora@home.test\r
TEL:+33 1 02 03 04 05\r
ORG:Cards Inc;Sales\r
TITLE:Buyer\r
END:VCARD\r
"""


def test_ics():
    meetings, messages, cards = files.parse("cal.ics", ICS)
    assert not messages and not cards and len(meetings) == 2
    first, second = meetings
    assert first.uid == "ev-1@example" and first.start_ms == 1795168800000 and first.end_ms == 1795172400000
    assert first.organizer == "Alice <alice@acme.test>"
    assert first.attendees == ("Paul Client <paul@client.test>", "very.long.address.that.is.folded@client.test")
    assert second.uid == "ev-2@example|20261121T100000Z" and second.organizer == "paul@client.test"
    assert "Secret" not in repr(meetings)


def test_eml_headers_only():
    _, [message], _ = files.parse("one.eml", EML)
    assert message.message_id == "<abc@client.test>" and message.date_ms == 1795165200000
    assert message.sender == "Paul Client <paul@client.test>"
    assert message.recipients == ("alice@acme.test", "Bob <bob@acme.test>", "carol@acme.test")
    assert "confidential" not in repr(message) and "body" not in repr(message)


def test_mbox():
    _, messages, _ = files.parse("box.mbox", MBOX)
    assert [m.message_id for m in messages] == ["<abc@client.test>", "<def@x>"]


def test_vcf_keeps_every_address():
    _, _, [card] = files.parse("book.vcf", VCF)
    assert card.uid == "card-1" and card.name == "Cora Card" and card.emails == ("cora@cards.test", "cora@home.test")
    assert card.organisation == "Cards Inc" and card.title == "Buyer" and card.phones == ("+33 1 02 03 04 05",)


def test_unknown_file():
    with pytest.raises(ValidationError):
        files.parse("notes.txt", b"hello")
    assert files.kind_of("x", ICS) == "ics"
