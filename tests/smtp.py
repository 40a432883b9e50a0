"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for e-mail tests."""

from __future__ import annotations

import contextlib
import email
import email.policy
import socket


class Inbox:
    def __init__(self):
        self.mails = []  # (recipients, raw text)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.mails.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"

    def read(self) -> list[tuple[list, str, str]]:
        """(recipients, subject, body) of each mail, decoded as a mail reader would."""
        out = []
        for to, raw in self.mails:
            message = email.message_from_string(raw, policy=email.policy.default)
            out.append((to, str(message["Subject"]), message.get_body(("plain",)).get_content()))
        return out


@contextlib.contextmanager
def smtp_inbox():
    """(inbox, port) of a running server, stopped on exit."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # a free loopback port for the SMTP server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()
