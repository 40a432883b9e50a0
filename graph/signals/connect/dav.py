"""Calendars over CalDAV (the `caldav` library) and address books over CardDAV (WebDAV
sync-collection through the same guarded session), read incrementally by sync token.

A server without sync-collection falls back, inside `caldav`, to comparing each object's ETag;
for address books the same fallback is done here. Only who and when is kept from an event,
and only names, addresses, phones, organisation and title from a card."""

from __future__ import annotations

import datetime as dt
from typing import Iterator
from xml.etree import ElementTree

import caldav
import icalendar
import recurring_ical_events
import requests
import vobject
from caldav.lib import error as caldav_error

from ...messages import N_
from ..records import Card, Meeting
from . import http
from .errors import AuthFailed, ServerFailed
from .policy import Limits, Refused

DAV, CARD, CAL = "DAV:", "urn:ietf:params:xml:ns:carddav", "urn:ietf:params:xml:ns:caldav"
WINDOW_DAYS = 400  # recurring events are expanded over this many days back (and as many ahead)


def open_dav(url: str, username: str, password: str, allow, limits: Limits, ca_file: str | None) -> caldav.DAVClient:
    http.check_url(url, allow)
    client = caldav.DAVClient(url, username=username, password=password,
                              timeout=(limits.connect_timeout, limits.read_timeout),
                              ssl_verify_cert=ca_file or True)
    client.session = http.session(url, allow, limits, ca_file)
    return client


def _failed(exc: Exception):
    if isinstance(exc, (Refused, ServerFailed, AuthFailed)):
        return exc
    if isinstance(exc, caldav_error.AuthorizationError):
        return AuthFailed()
    return ServerFailed(N_("the calendar or address-book server cannot be read"), detail=exc)


def calendars(client: caldav.DAVClient) -> list:
    try:
        try:
            return client.principal().calendars()
        except caldav_error.NotFoundError:
            return [client.calendar(url=client.url)]
    except Exception as exc:  # noqa: BLE001 - every library failure becomes one clear error
        raise _failed(exc) from None


def read_calendar(client, calendar, state: dict, limits: Limits) -> Iterator[tuple[list[Meeting], dict]]:
    """Batches of meetings changed since `state` ({token}); the last batch carries the new token.

    One sync-collection REPORT asks for the changed events with their data; a server that
    refuses it is read through `caldav`'s own sync, which falls back to comparing ETags."""
    try:
        root = _request(client, str(calendar.url), "REPORT", _SYNC_CAL.format(token=_escape(state.get("token") or "")))
    except ServerFailed:
        yield from _read_calendar_by_library(calendar, state, limits)
        return
    datas = (response.findtext(f".//{{{CAL}}}calendar-data") for response in root.iter(f"{{{DAV}}}response"))
    yield from _meeting_batches(datas, state, root.findtext(f"{{{DAV}}}sync-token"), limits)


def _read_calendar_by_library(calendar, state: dict, limits: Limits) -> Iterator[tuple[list[Meeting], dict]]:
    try:
        found = calendar.objects_by_sync_token(sync_token=state.get("token"), load_objects=True)
        token = found.sync_token
        objects = list(found)
    except Exception as exc:  # noqa: BLE001
        raise _failed(exc) from None
    yield from _meeting_batches((obj.data for obj in objects), state,
                                str(token) if token is not None else None, limits)


def _meeting_batches(datas, state: dict, token, limits: Limits) -> Iterator[tuple[list[Meeting], dict]]:
    """Calendar objects as batches of meetings, each with the state that covers it: the old one
    until the last batch, which carries the new sync token (a killed sync reads again)."""
    batch: list[Meeting] = []
    for data in datas:
        if not data or len(data) > limits.object_bytes:
            continue
        batch.extend(meetings_of(data))
        if len(batch) >= limits.batch:
            yield batch, dict(state)
            batch = []
    yield batch, {"token": token}


def meetings_of(text: str) -> list[Meeting]:
    try:
        cal = icalendar.Calendar.from_ical(text)
    except ValueError:
        return []
    out = []
    now = dt.datetime.now(dt.timezone.utc)
    recurring = any(e.get("RRULE") for e in cal.walk("VEVENT"))
    if recurring:
        window = dt.timedelta(days=WINDOW_DAYS)
        events = recurring_ical_events.of(cal).between(now - window, now + window)
    else:
        events = cal.walk("VEVENT")
    for event in events:
        start = _ms(event.get("DTSTART"))
        uid = str(event.get("UID", "")).strip()
        if start is None or not uid:
            continue
        if recurring:
            uid = f"{uid}#{start}"
        organizer = _address(event.get("ORGANIZER"))
        attendees = event.get("ATTENDEE") or []
        if not isinstance(attendees, list):
            attendees = [attendees]
        out.append(Meeting(uid=uid, start_ms=start, end_ms=_ms(event.get("DTEND")), organizer=organizer,
                           attendees=tuple(dict.fromkeys(a for a in map(_address, attendees) if a))))
    return out


def _ms(prop) -> int | None:
    if prop is None:
        return None
    value = prop.dt
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
    elif isinstance(value, dt.date):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    else:
        return None
    return int(value.timestamp() * 1000)


def _address(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text if "@" in text else None


# -- CardDAV ---------------------------------------------------------------------------------------
_FIND = """<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>"""
_SYNC = """<?xml version="1.0" encoding="utf-8"?>
<d:sync-collection xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">
<d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level>
<d:prop><d:getetag/><c:address-data/></d:prop></d:sync-collection>"""


_SYNC_CAL = """<?xml version="1.0" encoding="utf-8"?>
<d:sync-collection xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
<d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level>
<d:prop><d:getetag/><c:calendar-data/></d:prop></d:sync-collection>"""


def _request(client, url: str, method: str, body: str = "", depth: str = "1") -> ElementTree.Element:
    try:
        response = client.session.request(method, url, data=body.encode(), auth=(client.username, client.password),
                                          headers={"Depth": depth, "Content-Type": "application/xml; charset=utf-8"},
                                          timeout=client.timeout, verify=client.ssl_verify_cert,
                                          allow_redirects=True)
    except (Refused, ServerFailed):
        raise
    except requests.RequestException as exc:
        raise ServerFailed(N_("the calendar or address-book server cannot be reached"), detail=exc) from None
    if response.status_code in (401, 403):
        raise AuthFailed()
    if response.status_code != 207:
        raise ServerFailed(N_("the calendar or address-book server cannot be read"))
    try:
        return ElementTree.fromstring(response.content)
    except ElementTree.ParseError as exc:
        raise ServerFailed(N_("the calendar or address-book server cannot be read"), detail=exc) from None


def addressbooks(client) -> list[str]:
    """The address-book collections at the connection's URL or one level below it."""
    base = str(client.url)
    root = _request(client, base, "PROPFIND", _FIND, depth="1")
    found = []
    for response in root.iter(f"{{{DAV}}}response"):
        href = response.findtext(f"{{{DAV}}}href") or ""
        if response.find(f".//{{{DAV}}}resourcetype/{{{CARD}}}addressbook") is not None:
            found.append(requests.compat.urljoin(base, href))
    return sorted(set(found))


def read_addressbook(client, url: str, state: dict, limits: Limits) -> Iterator[tuple[list[Card], dict]]:
    token = state.get("token") or ""
    root = _request(client, url, "REPORT", _SYNC.format(token=_escape(token)))
    batch: list[Card] = []
    for response in root.iter(f"{{{DAV}}}response"):
        data = response.findtext(f".//{{{CARD}}}address-data")
        if not data or len(data) > limits.object_bytes:
            continue
        card = card_of(data)
        if card is not None:
            batch.append(card)
        if len(batch) >= limits.batch:
            yield batch, dict(state)
            batch = []
    yield batch, {"token": root.findtext(f"{{{DAV}}}sync-token")}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def card_of(text: str) -> Card | None:
    try:
        vcard = vobject.readOne(text)
    except Exception:  # noqa: BLE001 - vobject raises many kinds on a malformed card
        return None
    contents = vcard.contents
    uid = _first(contents, "uid")
    name = _first(contents, "fn")
    if not name and "n" in contents:
        n = contents["n"][0].value
        name = " ".join(p for p in (n.given, n.family) if p)
    emails = tuple(dict.fromkeys(str(e.value).strip() for e in contents.get("email", []) if "@" in str(e.value)))
    if not uid or not name:
        return None
    org = contents.get("org")
    organisation = None
    if org:
        value = org[0].value
        organisation = (value[0] if isinstance(value, list) and value else str(value)) or None
    return Card(uid=uid, name=name.strip(), emails=emails,
                phones=tuple(str(t.value).strip() for t in contents.get("tel", [])),
                organisation=organisation, title=_first(contents, "title"))


def _first(contents, key) -> str | None:
    values = contents.get(key)
    return str(values[0].value).strip() or None if values else None
