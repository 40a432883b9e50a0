"""Uploaded files read into the records every source produces: .ics calendars, .mbox and .eml
mail (headers only: a body is never parsed nor kept) and .vcf address books.

The calendar reader is a small RFC 5545 reader of what signals need (UID, RECURRENCE-ID,
DTSTART, DTEND, ORGANIZER, ATTENDEE); a recurring event counts once, by its first start, unless
the file lists its instances. vCards go through the address-book import's own reader."""

from __future__ import annotations

import datetime as _dt
import email.parser
import email.policy
import email.utils
import hashlib
import mailbox
import os
import tempfile

from ..errors import ValidationError
from ..imports import vcard
from ..messages import N_
from .records import Card, Meeting, Message

KINDS = ("ics", "mbox", "eml", "vcf")
MAX_ITEMS = 200_000  # records read from one file


def kind_of(filename: str, data: bytes) -> str:
    """The file's kind by its extension, else by its first bytes."""
    ext = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if ext in KINDS:
        return ext
    head = data[:200].lstrip().upper()
    if head.startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if head.startswith(b"BEGIN:VCARD"):
        return "vcf"
    if head.startswith(b"FROM "):
        return "mbox"
    raise ValidationError(N_("send a .ics, .mbox, .eml or .vcf file"), "file")


def parse(filename: str, data: bytes) -> tuple[list[Meeting], list[Message], list[Card]]:
    kind = kind_of(filename, data)
    if kind == "ics":
        return _ics(_text(data)), [], []
    if kind == "vcf":
        return [], [], _vcf(_text(data))
    if kind == "eml":
        return [], [m for m in [_message(_headers(data))] if m], []
    return [], _mbox(data), []


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# -- calendar -------------------------------------------------------------------------------------
def _instant(value: str, params: dict) -> int | None:
    """Epoch ms of a DATE or DATE-TIME (a floating or TZID time is read as UTC: a day's
    precision is all the counts need)."""
    value = value.strip()
    try:
        if len(value) == 8 or "DATE" in params.get("VALUE", ()):
            moment = _dt.datetime.strptime(value[:8], "%Y%m%d")
        else:
            moment = _dt.datetime.strptime(value.rstrip("Zz")[:15], "%Y%m%dT%H%M%S")
    except ValueError:
        return None
    return int(moment.replace(tzinfo=_dt.timezone.utc).timestamp() * 1000)


def _person(value: str, params: dict) -> str:
    addr = value.strip()
    if addr.lower().startswith("mailto:"):
        addr = addr[7:]
    name = (params.get("CN") or [""])[0]
    return email.utils.formataddr((name, addr)) if name else addr


def _ics(text: str) -> list[Meeting]:
    out, event = [], None
    for _line, content in vcard.unfold(text):
        match = vcard._PROPERTY.match(content.strip())
        if not match:
            continue
        name, raw_params, value = match.group(1).upper(), match.group(2), match.group(3)
        if name == "BEGIN" and value.strip().upper() == "VEVENT":
            event = {"attendees": []}
        elif name == "END" and value.strip().upper() == "VEVENT" and event is not None:
            if event.get("uid") and event.get("start") is not None and len(out) < MAX_ITEMS:
                uid = event["uid"] + (f"|{event['recurrence']}" if event.get("recurrence") else "")
                out.append(Meeting(uid=uid, start_ms=event["start"], end_ms=event.get("end"),
                                   organizer=event.get("organizer"), attendees=tuple(event["attendees"])))
            event = None
        elif event is not None:
            params = _params(raw_params)
            if name == "UID":
                event["uid"] = vcard.unescape(value).strip()
            elif name == "RECURRENCE-ID":
                event["recurrence"] = value.strip()
            elif name == "DTSTART":
                event["start"] = _instant(value, params)
            elif name == "DTEND":
                event["end"] = _instant(value, params)
            elif name == "ORGANIZER":
                event["organizer"] = _person(value, params)
            elif name == "ATTENDEE":
                event["attendees"].append(_person(value, params))
    return out


def _params(raw: str) -> dict:
    """iCalendar parameters as {NAME: [values]}, keeping case (a CN is a name)."""
    out: dict = {}
    for part in filter(None, raw.split(";")):
        key, _, val = part.partition("=")
        out.setdefault(key.strip().upper(), []).append(val.strip().strip('"'))
    return out


# -- mail -----------------------------------------------------------------------------------------
def _headers(data: bytes):
    return email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(data, headersonly=True)


def _message(headers) -> Message | None:
    message_id = (headers.get("Message-ID") or "").strip()
    try:
        date = email.utils.parsedate_to_datetime(headers.get("Date") or "")
    except (TypeError, ValueError):
        return None
    if not message_id or date is None:
        return None
    if date.tzinfo is None:
        date = date.replace(tzinfo=_dt.timezone.utc)
    recipients = tuple(email.utils.formataddr(pair) for pair in
                       email.utils.getaddresses([str(v) for k in ("To", "Cc") for v in headers.get_all(k) or ()])
                       if pair[1])
    return Message(message_id=message_id, date_ms=int(date.timestamp() * 1000), sender=str(headers.get("From") or ""),
                   recipients=recipients)


def _mbox(data: bytes) -> list[Message]:
    fd, path = tempfile.mkstemp(suffix=".mbox")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        box = mailbox.mbox(path, create=False)
        out = []
        try:
            for key in box.iterkeys():
                if len(out) >= MAX_ITEMS:
                    break
                with box.get_file(key) as f:
                    found = _message(email.parser.BytesHeaderParser(policy=email.policy.compat32).parse(
                        f, headersonly=True))
                if found:
                    out.append(found)
        finally:
            box.close()
        return out
    finally:
        os.unlink(path)


# -- address book ---------------------------------------------------------------------------------
def _vcf(text: str) -> list[Card]:
    if not vcard.looks_like(text):
        raise ValidationError(N_("this is not a vCard file: it does not start with BEGIN:VCARD"), "file")
    out, card, number = [], None, 0
    for line, content in vcard.unfold(text):
        upper = content.strip().upper()
        if upper == "BEGIN:VCARD":
            number += 1
            card = vcard._Card(line, number)
        elif upper == "END:VCARD" and card is not None:
            row = card.row()
            emails = tuple(vcard.unescape(val).removeprefix("mailto:") for _, val in card.props.get("EMAIL", []))
            uid = (card.props.get("UID") or [({}, "")])[0][1].strip()
            if row.data.get("name") and len(out) < MAX_ITEMS:
                uid = uid or hashlib.sha256("\0".join((row.data["name"],) + emails).encode()).hexdigest()[:24]
                out.append(Card(uid=uid, name=row.data["name"], emails=emails,
                                phones=tuple(p for p in [row.data.get("phone")] if p),
                                organisation=row.data.get("organisation"), title=row.data.get("title")))
            card = None
        elif card is not None and content.strip():
            card.add(line, content.strip())
    return out
