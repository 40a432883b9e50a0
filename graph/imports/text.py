"""Bytes of an uploaded file to text: the encodings people's tools really write."""

from __future__ import annotations

import codecs

from ..errors import ValidationError


def decode(data: bytes | str) -> tuple[str, str]:
    """(text, encoding name). UTF-8 with or without a BOM first, UTF-16 when a BOM says so
    (Excel's "Unicode text"), then Windows-1252 (Excel on Windows), then Latin-1, which
    decodes any byte, so every file gets a text and bad rows are reported where they are."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValidationError("the file says it is UTF-16 but is not", "file") from None
    for encoding, name in (("utf-8-sig", "utf-8"), ("cp1252", "windows-1252"), ("latin-1", "latin-1")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and data.startswith(codecs.BOM_UTF8):
            name = "utf-8 (BOM)"
        break
    if "\x00" in text:
        raise ValidationError("this is not a text file (a spreadsheet or a binary file?); "
                              "save it as CSV (UTF-8) or vCard", "file")
    return text, name
