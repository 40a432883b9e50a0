"""A mailbox over IMAP: only the From/To/Cc/Date/Message-ID headers of each message, fetched
with BODY.PEEK (nothing is marked read, no body is ever asked for), folder by folder, by UID.

State per folder is {uidvalidity, last_uid}: a folder whose UIDVALIDITY changed is read again
from the start (the pipeline keys messages by Message-ID, so nothing counts twice)."""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import email.utils
import hashlib
import ssl
from typing import Iterator

import imapclient
from imapclient.exceptions import IMAPClientError, LoginError  # noqa: F401 (IMAPClientError re-exported)

from ...messages import N_
from ..records import Message
from .errors import AuthFailed, ServerFailed
from .policy import Limits

FIELDS = b"BODY.PEEK[HEADER.FIELDS (FROM TO CC DATE MESSAGE-ID)]"
ANSWER = b"BODY[HEADER.FIELDS (FROM TO CC DATE MESSAGE-ID)]"
_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)


def open_mailbox(host: str, port: int, security: str, username: str, password: str, limits: Limits,
                 context: ssl.SSLContext) -> imapclient.IMAPClient:
    """A logged-in client, or AuthFailed / ServerFailed."""
    timeout = imapclient.SocketTimeout(connect=limits.connect_timeout, read=limits.read_timeout)
    try:
        client = imapclient.IMAPClient(host, port=port, ssl=security == "ssl", ssl_context=context,
                                       timeout=timeout)
        if security == "starttls":
            client.starttls(context)
    except (OSError, IMAPClientError, ssl.SSLError) as exc:
        raise ServerFailed(N_("the mail server cannot be reached over a secure connection"), detail=exc) from None
    try:
        client.login(username, password)
    except LoginError:
        _close(client)
        raise AuthFailed() from None
    except (OSError, IMAPClientError) as exc:
        _close(client)
        raise ServerFailed(N_("the mail server broke off the login"), detail=exc) from None
    return client


def _close(client) -> None:
    try:
        client.logout()
    except Exception:  # noqa: BLE001 - closing a connection that is already broken
        try:
            client.shutdown()
        except Exception:  # noqa: BLE001
            pass


def default_folders(client) -> list[str]:
    """INBOX and the folder the server flags \\Sent (SPECIAL-USE), else one named Sent."""
    folders = ["INBOX"]
    listed = client.list_folders()
    sent = [name for flags, _d, name in listed if b"\\Sent" in flags]
    if not sent:
        sent = [name for _f, _d, name in listed if name.lower() in ("sent", "sent items", "sent messages")]
    folders += [s for s in sent[:1] if s != "INBOX"]
    return folders


def read_folder(client, folder: str, state: dict, limits: Limits) -> Iterator[tuple[list[Message], dict]]:
    """Batches of messages newer than `state`, each with the folder state that covers it."""
    try:
        info = client.select_folder(folder, readonly=True)
    except IMAPClientError as exc:
        raise ServerFailed(N_("a mail folder cannot be opened"), detail=exc) from None
    validity = int(info.get(b"UIDVALIDITY", 0))
    last = int(state.get("last_uid", 0)) if state.get("uidvalidity") == validity else 0
    uids = sorted(u for u in client.search(["UID", f"{last + 1}:*"]) if u > last)
    for start in range(0, len(uids), limits.batch):
        chunk = uids[start:start + limits.batch]
        answer = client.fetch(chunk, [FIELDS])
        messages = []
        for uid in chunk:
            raw = (answer.get(uid) or {}).get(ANSWER)
            if raw is None or len(raw) > limits.header_bytes:
                continue
            message = parse_headers(raw)
            if message is not None:
                messages.append(message)
        yield messages, {"uidvalidity": validity, "last_uid": chunk[-1]}
    if not uids:
        yield [], {"uidvalidity": validity, "last_uid": last}


def parse_headers(raw: bytes) -> Message | None:
    """The envelope of one header block; None when it has no readable date."""
    headers = _PARSER.parsebytes(raw)
    try:
        date = email.utils.parsedate_to_datetime(str(headers.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return None
    if date is None:
        return None
    if date.tzinfo is None:
        date = date.replace(tzinfo=dt.timezone.utc)
    senders = _addresses(headers.get_all("From", []))
    recipients = tuple(dict.fromkeys(_addresses(headers.get_all("To", []) + headers.get_all("Cc", []))))
    message_id = str(headers.get("Message-ID", "")).strip()
    if not message_id:
        message_id = "<carnet-" + hashlib.sha256(raw).hexdigest()[:32] + ">"
    return Message(message_id=message_id[:998], date_ms=int(date.timestamp() * 1000),
                   sender=senders[0] if senders else None, recipients=recipients)


def _addresses(values) -> list[str]:
    return [addr.strip() for _name, addr in email.utils.getaddresses([str(v) for v in values]) if "@" in addr]

