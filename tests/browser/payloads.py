"""Hostile strings for the XSS suite (after OWASP's XSS filter-evasion cheat sheet).

Each one, if it ever ran, calls a marker: `alert(n)` (a dialog) or `window.__xss=n`; or makes a
request off the machine (the guard aborts and reports it). `{n}` is the payload's number.
Line and paragraph separators and bidi overrides are refused at the door (graph/validation.py,
tests/security/test_hostile_text.py), so the invisible characters here are ones a field keeps:
zero-width space and joiner, and the right-to-left mark. Worlds carry them two by two (PAIRS: a long one with a short one, ≤ 100 characters together,
the shortest field limit), which halves the pages to open and keeps each in every field."""

from __future__ import annotations

import re

TEMPLATES = (
    "<script>window.__xss={n}</script>",
    '"><img src=x onerror=alert({n})>',
    "'><img src=x onerror=window.__xss={n}>",
    "</script><script>alert({n})</script>",
    "<svg onload=alert({n})>",
    "<svg><script>window.__xss={n}</script></svg>",
    "javascript:alert({n})",
    '<a href="javascript:window.__xss={n}">an href to click</a>',
    'a title with href="javascript:alert({n})" in it',
    "{{{{7*7}}}} ${{7*7}} {{{{constructor.constructor('alert({n})')()}}}}",
    "' onmouseover='alert({n})' x='",
    '" onmouseover="alert({n})" autofocus onfocus="window.__xss={n}" x="',
    "x\u200b<script>alert({n})</script>\u200dy",
    "\u200f<img src=x onerror=alert({n})>gnp.exe",
    "\uff1cscript\uff1ealert({n})\uff1c/script\uff1e",
    '<iframe src="javascript:alert({n})"></iframe>',
    "<details open ontoggle=window.__xss={n}>",
    "&lt;script&gt;alert({n})&lt;/script&gt; &amp;",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert({n})>",
    '\\"}};alert({n});//',
    "<img src=//127.0.0.3/x{n}.png><link rel=stylesheet href=//127.0.0.3/{n}.css>",
    "%3Cscript%3Ealert({n})%3C%2Fscript%3E",
    "<scr<script>ipt>alert({n})</scr</script>ipt>",
    "\\x3cscript\\x3ealert({n})\\x3c/script\\x3e",
    "--><script>alert({n})</script><!--",
    '<input autofocus onfocus=alert({n})><form action="javascript:alert({n})">',
    "${{alert({n})}} `${{window.__xss={n}}}`",
    '<a href=" jav&#x09;ascript:alert({n})">tab</a>',
)

PAYLOADS = tuple(t.format(n=n) for n, t in enumerate(TEMPLATES, start=1))
FIELD_LIMIT = 100  # team names, sectors, countries


def _pairs() -> tuple[tuple[int, int], ...]:
    by_length = sorted(range(1, len(PAYLOADS) + 1), key=lambda n: (len(PAYLOADS[n - 1]), n))
    half = len(by_length) // 2
    pairs = tuple(sorted(zip(by_length[:half], reversed(by_length[half:]))))
    assert len(by_length) % 2 == 0 and all(len(text(pair)) <= FIELD_LIMIT for pair in pairs)
    return pairs


def text(pair: tuple[int, int]) -> str:
    """The two payloads of a world as one field value."""
    return " ".join(PAYLOADS[n - 1] for n in pair)


PAIRS = _pairs()


def email_of(payload: str) -> str:
    """The payload squeezed into an address Carnet accepts (no spaces, one @)."""
    return re.sub(r"[\s@]", "", payload)[:200] + "@xss.example"


def visible(text: str) -> str:
    """Text as compared on a page: whitespace runs (including U+2028/9) folded to one space."""
    return " ".join(text.split())
