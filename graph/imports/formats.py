"""The three formats, told apart by their content when the user does not say which."""

from __future__ import annotations

import dataclasses
from typing import Iterator

from .. import validation as v
from ..errors import ValidationError
from . import csv_format, linkedin, vcard
from .rows import Row
from .text import decode

FORMATS = ("csv", "linkedin", "vcard")
FORMAT_LABELS = {"csv": "Carnet CSV", "linkedin": "LinkedIn connections (Connections.csv)",
                 "vcard": "vCard 3.0/4.0 (.vcf)"}
PARSERS = {"csv": csv_format.parse, "linkedin": linkedin.parse, "vcard": vcard.parse}


@dataclasses.dataclass
class Parsed:
    """A file read far enough to know it is usable; `rows` is consumed once, lazily."""

    format: str
    encoding: str
    warnings: list
    rows: Iterator[Row]
    lines: int  # physical lines, for progress


def guess(text: str) -> str:
    if vcard.looks_like(text):
        return "vcard"
    if linkedin.looks_like(text):
        return "linkedin"
    return "csv"


def parse(data: bytes | str, fmt: str | None = None) -> Parsed:
    """Decode and open the file; file-level problems (encoding, missing columns, not a vCard)
    raise a ValidationError on the field `file` here, before any row is planned."""
    fmt = v.choice("format", fmt or None, FORMATS, required=False)
    text, encoding = decode(data)
    if not text.strip():
        raise ValidationError("the file is empty", "file")
    fmt = fmt or guess(text)
    warnings, rows = PARSERS[fmt](text)
    return Parsed(fmt, encoding, warnings, rows, text.count("\n") + 1)
