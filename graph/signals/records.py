"""The records every source of signals is read into, whatever its protocol or file format.

Connectors (CalDAV, IMAP, CardDAV) and file uploads (.ics, .mbox/.eml, .vcf) both produce these
and hand them to the one pipeline that stores and scores them, so a calendar read over the
network and the same calendar uploaded as a file count exactly the same. Only metadata is
kept: who, when, which direction; never a subject, a body or an attachment.

E-mail addresses are kept as written; the pipeline compares them case-insensitively."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Meeting:
    """One calendar event: its stable uid (recurring instances carry their start in it), when,
    who organised it and who attended."""

    uid: str
    start_ms: int
    end_ms: int | None
    organizer: str | None
    attendees: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Message:
    """One e-mail's envelope: its Message-ID, date, sender and every To/Cc recipient."""

    message_id: str
    date_ms: int
    sender: str | None
    recipients: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Card:
    """One address-book entry: a person as the rep's own address book knows them."""

    uid: str
    name: str
    emails: tuple[str, ...]
    phones: tuple[str, ...] = ()
    organisation: str | None = None
    title: str | None = None
