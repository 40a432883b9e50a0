"""Real mail and calendar servers on loopback for the connection tests and `bench signals`:
Radicale (CalDAV/CardDAV, from the pinned package) and Dovecot (IMAP, Debian's dovecot-imapd,
which scripts/_common.sh installs), each in a temporary folder with its own configuration, user
and data, stopped and removed on exit. Both listen on 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import pathlib
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
USER, PASSWORD = "rep@example.com", "s3cret-pass"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen, log: pathlib.Path, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None and proc.args[0] != DOVECOT:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"server did not listen on {port}: {log.read_text(errors='replace')[-2000:]}")


def self_signed(folder: pathlib.Path) -> tuple[str, str]:
    """A certificate for localhost and 127.0.0.1 (it is its own CA, so clients can trust it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return str(cert_path), str(key_path)


# -- Radicale ----------------------------------------------------------------------------------------
class Radicale:
    def __init__(self, folder: pathlib.Path, port: int):
        self.folder, self.port = folder, port
        self.url = f"http://127.0.0.1:{port}/"
        self.home = f"{self.url}{USER}/"

    def collection(self, name: str, tag: str) -> pathlib.Path:
        """A calendar (VCALENDAR) or address book (VADDRESSBOOK) of the user, made on disk."""
        path = self.folder / "collections" / "collection-root" / USER / name
        path.mkdir(parents=True, exist_ok=True)
        (path / ".Radicale.props").write_text('{"tag": "%s"}' % tag)
        return path

    def put(self, collection: pathlib.Path, uid: str, text: str) -> None:
        """An item written where Radicale's file storage keeps it (read on the next request)."""
        suffix = ".vcf" if text.lstrip().startswith("BEGIN:VCARD") else ".ics"
        (collection / f"{uid}{suffix}").write_text(text.replace("\n", "\r\n"))


@contextlib.contextmanager
def radicale():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="carnet-radicale-"))
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
    port = free_port()
    log = folder / "radicale.log"
    cmd = [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
           "--storage-filesystem-folder", str(folder / "collections"), "--auth-type", "htpasswd",
           "--auth-htpasswd-filename", str(folder / "users"), "--auth-htpasswd-encryption", "plain",
           "--rights-type", "owner_only", "--logging-level", "warning"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait(port, proc, log)
        yield Radicale(folder, port)
    finally:
        _stop(proc, folder)


def _stop(proc: subprocess.Popen, folder: pathlib.Path) -> None:
    """End a server the tests started (politely, then not) and remove its folder."""
    proc.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(10)
    if proc.poll() is None:
        proc.kill()
    shutil.rmtree(folder, ignore_errors=True)


def event(uid: str, start: dt.datetime, organizer: str, attendees: list[str], summary: str = "Meeting") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Carnet tests//EN", "BEGIN:VEVENT", f"UID:{uid}",
             f"DTSTAMP:{start:%Y%m%dT%H%M%SZ}", f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
             f"DTEND:{start + dt.timedelta(hours=1):%Y%m%dT%H%M%SZ}", f"SUMMARY:{summary}",
             f"ORGANIZER:mailto:{organizer}"]
    lines += [f"ATTENDEE;CN=x:mailto:{a}" for a in attendees]
    return "\n".join(lines + ["END:VEVENT", "END:VCALENDAR", ""])


def vcard(uid: str, name: str, email: str, org: str = "", title: str = "") -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", f"FN:{name}", f"N:{name.split()[-1]};{name.split()[0]};;;",
             f"EMAIL;TYPE=work:{email}", "TEL:+33 1 23 45 67 89"]
    if org:
        lines.append(f"ORG:{org}")
    if title:
        lines.append(f"TITLE:{title}")
    return "\n".join(lines + ["END:VCARD", ""])


# -- Dovecot -----------------------------------------------------------------------------------------
class Dovecot:
    def __init__(self, folder: pathlib.Path, imaps_port: int, imap_port: int, ca_file: str, owner):
        self.folder, self.imaps_port, self.imap_port, self.ca_file = folder, imaps_port, imap_port, ca_file
        self.maildir = folder / "home" / USER / "Maildir"
        self._owner = owner
        self._n = 0

    def deliver(self, folder: str, sender: str, to: list[str], date: dt.datetime, cc: list[str] = (),
                message_id: str | None = None, body: str = "Hello, this body is never read.") -> str:
        """One message dropped into the folder's maildir (INBOX or Sent); Dovecot sees it at once."""
        self._n += 1
        message_id = message_id or f"<m{self._n}.{time.time_ns()}@example.com>"
        base = self.maildir if folder == "INBOX" else self.maildir / f".{folder}"
        if not (base / "new").is_dir():
            for sub in ("cur", "new", "tmp"):
                (base / sub).mkdir(parents=True, exist_ok=True)
                os.chown(base / sub, *self._owner)
            os.chown(base, *self._owner)
        headers = [f"From: {sender}", f"To: {', '.join(to)}", f"Date: {date:%a, %d %b %Y %H:%M:%S +0000}",
                   f"Message-ID: {message_id}", "Subject: private subject", "Content-Type: text/plain"]
        if cc:
            headers.insert(2, f"Cc: {', '.join(cc)}")
        name = base / "new" / f"{time.time_ns()}.{self._n}.carnet"
        name.write_text("\r\n".join(headers) + "\r\n\r\n" + body + "\r\n")
        os.chown(name, *self._owner)
        return message_id

    def chown(self) -> None:
        for root, dirs, files in os.walk(self.folder / "home"):
            for item in dirs + files:
                os.chown(os.path.join(root, item), *self._owner)
        os.chown(self.folder / "home", *self._owner)


CONFIG = """
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
default_internal_user = {user}
default_login_user = {login}
first_valid_uid = {uid}
mail_location = maildir:~/Maildir
mail_uid = {uid}
mail_gid = {gid}
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    auto = create
    special_use = \\Sent
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps}
    ssl = yes
  }}
}}
service auth {{
  unix_listener auth-userdb {{
    mode = 0666
  }}
}}
"""


@contextlib.contextmanager
def dovecot():
    """Dovecot in the foreground (-F) with its own configuration; the mail belongs to the
    `dovecot` system user (Dovecot refuses to serve mail as root)."""
    if DOVECOT is None:
        raise FileNotFoundError("dovecot")
    folder = pathlib.Path(tempfile.mkdtemp(prefix="carnet-dovecot-"))
    folder.chmod(0o755)
    account = pwd.getpwnam("dovecot")
    login = "dovenull" if _has_user("dovenull") else "dovecot"
    cert, key = self_signed(folder)
    imaps, imap = free_port(), free_port()
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    for sub in ("run", "state", "home"):
        (folder / sub).mkdir()
    conf = folder / "dovecot.conf"
    conf.write_text(CONFIG.format(d=folder, cert=cert, key=key, user="dovecot", login=login, uid=account.pw_uid,
                                  gid=account.pw_gid, imap=imap, imaps=imaps))
    server = Dovecot(folder, imaps, imap, cert, (account.pw_uid, account.pw_gid))
    for sub in ("cur", "new", "tmp"):
        (server.maildir / sub).mkdir(parents=True, exist_ok=True)
    server.chown()
    log = folder / "dovecot.log"
    log.touch()
    proc = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=open(log, "ab"))
    try:
        _wait(imaps, proc, log)
        yield server
    finally:
        _stop(proc, folder)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
