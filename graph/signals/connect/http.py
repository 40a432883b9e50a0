"""The HTTP session every CalDAV/CardDAV request goes through: each request's host is checked
against the outbound policy, a redirect to another host is refused, the environment's proxies
are ignored, and an answer larger than the cap is cut off as an error."""

from __future__ import annotations

import urllib.parse

import requests
from requests.adapters import HTTPAdapter

from ...messages import N_
from .errors import ServerFailed
from .policy import Limits, Refused, check_host

CHUNK = 64 * 1024


def _host_port(url: str) -> tuple[str, int, str]:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(N_("the address must start with https:// (or http://)"), "url")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), parts.scheme


def check_url(url: str, allow: tuple[str, ...]) -> None:
    host, port, _scheme = _host_port(url)
    check_host(host, port, allow, field="url")


class GuardedAdapter(HTTPAdapter):
    def __init__(self, allow: tuple[str, ...], limits: Limits):
        super().__init__(max_retries=0)
        self.allow = allow
        self.limits = limits

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        check_url(request.url, self.allow)
        response = super().send(request, stream=True, timeout=timeout, verify=verify, cert=cert, proxies=None)
        body, size = [], 0
        try:
            for chunk in response.raw.stream(CHUNK, decode_content=True):
                size += len(chunk)
                if size > self.limits.response_bytes:
                    raise ServerFailed(N_("the server's answer is larger than Carnet accepts"))
                body.append(chunk)
        finally:
            response.close()
        response._content = b"".join(body)
        response._content_consumed = True
        return response


def session(origin: str, allow: tuple[str, ...], limits: Limits, ca_file: str | None) -> requests.Session:
    origin_host = _host_port(origin)[0]

    def same_host_redirects(response, *_args, **_kwargs):
        if response.is_redirect:
            target = urllib.parse.urljoin(response.url, response.headers.get("location", ""))
            if (urllib.parse.urlsplit(target).hostname or "").lower() != origin_host.lower():
                raise Refused(N_("the server redirected to another host, which Carnet does not follow"), "url")
        return response

    s = requests.Session()
    s.trust_env = False
    s.max_redirects = 3
    if ca_file:
        s.verify = ca_file
    adapter = GuardedAdapter(allow, limits)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    s.hooks["response"].append(same_host_redirects)
    return s
