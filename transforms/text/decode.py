"""Bytes of an input file to text, or a terminal rejection with a reason.

Scraped corpora arrive in UTF-8, cp1252/latin-1 and UTF-16 with a BOM; those are decoded.
Images, PDFs, archives and raw HTML are not page text and are rejected with a reason.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from transforms.errors import RejectError

BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "gzip-compressed data",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF container (audio or video)",
}
"""Leading bytes of common binary formats, for a precise reject detail."""

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

MAX_CONTROL_SHARE = 0.01
"""Share of C0 control characters (besides tab/newline/CR/form feed) above which decoded text
is treated as binary; real pages have none, binary decoded as latin-1 has many."""

HTML_TAG_SHARE = 0.5
"""Share of non-blank lines that hold an HTML tag above which a file is markup, not page text;
a page that quotes a tag or two stays well below it."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")


def decode(data: bytes) -> str:
    """Decode one file's bytes to text.

    Raises:
        RejectError: empty, binary, undecodable or HTML input.
    """
    if not data.strip():
        raise RejectError("empty", f"{len(data)} bytes, no text")
    _reject_binary_magic(data)
    text = _decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise RejectError("empty", "only white space after decoding")
    if len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise RejectError("binary", "control characters throughout: not a text file")
    if _looks_like_html(text):
        raise RejectError("html", "an HTML document saved as .txt; extract its text first")
    return text


def _reject_binary_magic(data: bytes) -> None:
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise RejectError("binary", f"starts like {what}")


def _decode_bytes(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise RejectError("undecodable", f"{encoding} BOM but invalid data: {exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise RejectError("binary", "NUL bytes and no UTF-16/32 byte-order mark")
    best = from_bytes(data).best()
    if best is None:
        raise RejectError("undecodable", "no text encoding fits these bytes")
    return str(best)


def _looks_like_html(text: str) -> bool:
    if _HTML_START.match(text):
        return True
    lines = [ln for ln in text.split("\n") if ln.strip()]
    tagged = sum(1 for ln in lines if _HTML_TAG.search(ln))
    return len(lines) >= 3 and tagged > HTML_TAG_SHARE * len(lines)
