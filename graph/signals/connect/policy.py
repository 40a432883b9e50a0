"""Where Carnet may connect to: only hosts an administrator listed in CARNET_CONNECT_ALLOW.

A rep types a server address, and Carnet connects from inside the company network, so an
unchecked address would let a rep probe internal services. A host is allowed when it matches
the list (an exact name, `*.domain`, or `*` for any public server); every address it resolves to is checked, and loopback,
private, link-local and other non-public addresses are refused unless the host (or the literal
address) is listed exactly."""

from __future__ import annotations

import dataclasses
import ipaddress
import socket

from ...errors import ValidationError
from ...messages import N_


class Refused(ValidationError):
    """The address is not one Carnet may connect to."""


@dataclasses.dataclass(frozen=True)
class Limits:
    """Timeouts and size caps for one sync."""

    connect_timeout: float = 10.0
    read_timeout: float = 120.0  # a first sync-collection report over a large calendar is slow
    header_bytes: int = 64 * 1024          # one message's header block
    object_bytes: int = 1024 * 1024        # one calendar object or card
    response_bytes: int = 64 * 1024 * 1024  # one HTTP answer (a sync report lists many objects)
    sync_items: int = 200_000              # records read by one sync
    batch: int = 500                       # records handed to the pipeline at once


def parse_allow(text: str | None) -> tuple[str, ...]:
    return tuple(p.strip().lower().rstrip(".") for p in (text or "").split(",") if p.strip())


def _listed_exactly(host: str, allow: tuple[str, ...]) -> bool:
    return host in allow


def _matches(host: str, allow: tuple[str, ...]) -> bool:
    for entry in allow:
        if entry == host or entry == "*":
            return True
        if entry.startswith("*.") and host.endswith(entry[1:]) and len(host) > len(entry) - 1:
            return True
    return False


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_host(host: str, port: int, allow: tuple[str, ...], field: str = "host") -> list[str]:
    """The addresses `host` resolves to, once every one of them is allowed; else Refused."""
    name = (host or "").strip().lower().rstrip(".").strip("[]")
    if not name:
        raise Refused(N_("a server address is required"), field)
    if not _matches(name, allow):
        raise Refused(N_("this server is not on the list of servers Carnet may connect to "
                         "(CARNET_CONNECT_ALLOW)"), field)
    try:
        infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Refused(N_("this server name cannot be resolved"), field) from None
    addresses = sorted({info[4][0] for info in infos})
    exact = _listed_exactly(name, allow)
    for address in addresses:
        if not _public(address) and not (exact or _listed_exactly(address, allow)):
            raise Refused(N_("this server resolves to a private or local address, which Carnet may only "
                             "reach when it is listed exactly in CARNET_CONNECT_ALLOW"), field)
    return addresses
