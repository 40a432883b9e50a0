"""E-mail through SMTP, when configured (CARNET_SMTP_HOST); otherwise alerts stay in-app.

A mail that cannot be sent is reported, never retried in a loop: the in-app alert is the
record, the e-mail only a nudge."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

log = logging.getLogger(__name__)


class SmtpMailer:
    def __init__(self, host: str, port: int = 25, sender: str = "carnet@localhost", user: str | None = None,
                 password: str | None = None, starttls: bool = False, timeout: float = 10.0):
        self.host, self.port, self.sender = host, port, sender
        self.user, self.password, self.starttls, self.timeout = user, password, starttls, timeout

    def send(self, messages: list[tuple[str, str, str]]) -> int:
        """Send (to, subject, body) messages over one connection; returns how many went."""
        if not messages:
            return 0
        sent = 0
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password or "")
                for to, subject, body in messages:
                    msg = EmailMessage()
                    msg["From"], msg["To"], msg["Subject"] = self.sender, to, subject
                    msg.set_content(body)
                    smtp.send_message(msg)
                    sent += 1
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("alert e-mail not sent (%s of %s went): %s", sent, len(messages), exc)
        return sent


def make_mailer(config) -> SmtpMailer | None:
    host = config.get("CARNET_SMTP_HOST")
    if not host:
        return None
    return SmtpMailer(host, int(config.get("CARNET_SMTP_PORT") or 25),
                      config.get("CARNET_SMTP_FROM") or "carnet@localhost",
                      config.get("CARNET_SMTP_USER") or None, config.get("CARNET_SMTP_PASSWORD") or None,
                      str(config.get("CARNET_SMTP_STARTTLS") or "").lower() in ("1", "true", "yes"))
