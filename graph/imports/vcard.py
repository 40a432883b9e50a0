"""vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) address books: one row per card.

Read: FN (else N), EMAIL, TEL, ORG (organisation; department), TITLE, NOTE, URL (LinkedIn).
Folded lines (a line starting with a space or a tab continues the previous one) are unfolded
first. A card that cannot be read (no END, a line that is no property, an unsupported
version, no name) becomes a row with a clear error naming the card and its line, so the rest
of the file is still previewed and nothing of it is written unless the user says so."""

from __future__ import annotations

import re
from typing import Iterator

from ..errors import ValidationError
from ..messages import N_
from .rows import Row

VERSIONS = ("3.0", "4.0")
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$")
SHOWN = 40  # characters of a bad line quoted in an error


def looks_like(text: str) -> bool:
    head = text.lstrip()[:200].upper()
    return head.startswith("BEGIN:VCARD")


def unfold(text: str) -> Iterator[tuple[int, str]]:
    """(line number of the first physical line, logical line)."""
    number, current = 0, None
    for i, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and current is not None:
            current += raw[1:]
            continue
        if current is not None:
            yield number, current
        number, current = i, raw
    if current is not None:
        yield number, current


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def components(value: str) -> list[str]:
    """A structured value (N, ORG) split on the semicolons that are not escaped."""
    return [unescape(p) for p in re.split(r"(?<!\\);", value)]


def _params(raw: str) -> dict:
    out: dict = {}
    for part in filter(None, raw.split(";")):
        key, _, val = part.partition("=")
        if not _:
            key, val = "TYPE", key  # vCard 2.1 style bare type
        out.setdefault(key.strip().upper(), []).extend(x.strip().strip('"').lower() for x in val.split(","))
    return out


def _preferred(values: list[tuple[dict, str]]) -> str | None:
    """The value marked preferred (TYPE=pref or PREF=1), else the first."""
    for params, value in values:
        if "pref" in params.get("TYPE", ()) or "1" in params.get("PREF", ()):
            return value
    return values[0][1] if values else None


class _Card:
    def __init__(self, line: int, number: int):
        self.line, self.number = line, number
        self.props: dict = {}
        self.errors: list = []

    def where(self) -> str:
        return N_("card %(number)s (line %(line)s)", number=self.number, line=self.line)

    def add(self, line: int, text: str) -> None:
        match = _PROPERTY.match(text)
        if not match:
            shown = text if len(text) <= SHOWN else text[:SHOWN] + "…"
            self.errors.append(N_("%(card)s: line %(line)s is not a vCard property: “%(text)s”", card=self.where(), line=line,
                                   text=shown))
            return
        name, params, value = match.group(1).upper(), _params(match.group(2)), match.group(3)
        self.props.setdefault(name, []).append((params, value))

    def row(self) -> Row:
        data: dict = {}
        version = (self.props.get("VERSION") or [({}, "")])[0][1].strip()
        if version and version not in VERSIONS:
            self.errors.append(N_("%(card)s: vCard version %(version)s is not supported (3.0 or 4.0)", card=self.where(),
                                   version=version))
        name = unescape(_preferred(self.props.get("FN", [])) or "").strip()
        if not name and self.props.get("N"):
            family, given, *rest = components(self.props["N"][0][1]) + ["", ""]
            extra = rest[0] if rest else ""
            name = " ".join(p.strip() for p in (given, extra, family) if p.strip())
        if name:
            data["name"] = name
        else:
            self.errors.append(N_("%(card)s: no name (FN or N)", card=self.where()))
        email = _preferred(self.props.get("EMAIL", []))
        if email:
            data["email"] = unescape(email).removeprefix("mailto:")
        phone = _preferred(self.props.get("TEL", []))
        if phone:
            data["phone"] = unescape(phone).removeprefix("tel:").split(";")[0]
        if self.props.get("ORG"):
            org = components(self.props["ORG"][0][1])
            if org[0].strip():
                data["organisation"] = org[0]
            if len(org) > 1 and org[1].strip():
                data["department"] = org[1]
        for prop, field in (("TITLE", "title"), ("NOTE", "notes")):
            if self.props.get(prop):
                data[field] = unescape(self.props[prop][0][1])
        urls = [unescape(val) for _, val in self.props.get("URL", []) if "linkedin." in val.lower()]
        if urls:
            data["linkedin"] = urls[0]
        return Row(self.line, data, list(self.errors))


def parse(text: str) -> tuple[list[str], Iterator[Row]]:
    if not looks_like(text):
        raise ValidationError("this is not a vCard file: it does not start with BEGIN:VCARD", "file")
    return [], _cards(text)


def _cards(text: str) -> Iterator[Row]:
    card, number = None, 0
    for line, content in unfold(text):
        stripped = content.strip()
        upper = stripped.upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                card.errors.append(N_("%(card)s: no END:VCARD before the next card (line %(line)s)", card=card.where(),
                                       line=line))
                yield card.row()
            number += 1
            card = _Card(line, number)
        elif upper == "END:VCARD":
            if card is None:
                yield Row(line, {}, [N_("line %(line)s: END:VCARD without BEGIN:VCARD", line=line)])
            else:
                yield card.row()
                card = None
        elif not stripped:
            continue
        elif card is None:
            shown = stripped if len(stripped) <= SHOWN else stripped[:SHOWN] + "…"
            yield Row(line, {}, [N_("line %(line)s: text outside any card: “%(text)s”", line=line, text=shown)])
        else:
            card.add(line, content)
    if card is not None:
        card.errors.append(N_("%(card)s: the file ends before END:VCARD", card=card.where()))
        yield card.row()
