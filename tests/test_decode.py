"""Bytes to text: encodings decoded, non-text rejected with the right reason."""

from __future__ import annotations

import gzip

import pytest

from transforms.errors import RejectError
from transforms.text.decode import decode


@pytest.fixture()
def accented(cases_dir) -> str:
    return (cases_dir / "decode" / "accents.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_unicode_encodings_round_trip(accented, encoding):
    assert decode(accented.encode(encoding)) == accented


def test_cp1252_is_decoded_not_rejected(accented):
    data = accented.replace("“", '"').replace("”", '"').replace("—", "-").encode("cp1252")
    text = decode(data)
    assert "Zürich" in text and "façade" in text


def test_crlf_becomes_lf():
    assert decode(b"one line\r\nsecond line\r\n") == "one line\nsecond line\n"


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b" \n\t\n", "empty"),
    (b"%PDF-1.7\n" + bytes(range(256)), "binary"),
    (gzip.compress(b"hello world" * 20), "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"text\x00with\x00nuls\x00" * 20, "binary"),
    (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
    (b"<div>\n<p>one</p>\n<p>two</p>\n<span>x</span>\n", "html"),
])
def test_rejects(data, reason):
    with pytest.raises(RejectError) as err:
        decode(data)
    assert err.value.reason == reason
    assert err.value.detail


def test_a_quoted_tag_in_prose_is_not_html():
    text = "Editors wrap quotes in a <q> element.\n\nThe rest is prose.\n\nMore prose here.\n"
    assert decode(text.encode()) == text
