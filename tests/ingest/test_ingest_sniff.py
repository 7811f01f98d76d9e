"""Format sniffing by content, with the file name only as a tie-breaker."""

from __future__ import annotations

import pytest

from indicia.ingest.sniff import sniff


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"", "a.txt", "empty"),
        (b"   \n\n", "a.html", "empty"),
        (b"\x1f\x8b\x08\x00rest", "a.txt", "gzip"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "x", "warc"),
        (b"filedesc://crawl.arc 0.0.0.0 20250812000000 text/plain 76\n", "x.arc", "warc"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "report.txt", "pdf"),
        (b"<!DOCTYPE html><html><head>", "page.txt", "html"),
        (b"\xef\xbb\xbf<!doctype html>", "", "html"),
        (b"  \n<html lang='en'>", "", "html"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "", "html"),
        (b"<!-- saved page -->\n<div class='story'><p>text</p></div>", "", "html"),
        (b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">', "feed.html", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "", "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "", "feed"),
        (b'<?xml version="1.0"?>\n<urlset xmlns="x">', "sitemap.xml", "xml"),
        (b"<b>Bold opening</b> of a saved fragment", "", "html"),
        (b"<unknown-tag> is text here", "", "text"),
        (b'{"title": "a", "text": "b"}\n{"title": "c", "text": "d"}\n', "dump.txt", "jsonl"),
        (b'{"title": "a", "text": "b"}', "x.jsonl", "jsonl"),
        (b'[{"title": "a"}]', "x", "json"),
        (b'{"articles": []}', "", "json"),
        (b'"just a string"', "x.json", "json"),
        (b"[Updated] A headline that opens with a bracket\nand a body", "news.txt", "text"),
        (b"---\ntitle: x\n---\n\nBody", "note.txt", "markdown"),
        (b"# Heading\n\nSee [the report](https://example.org).", "", "markdown"),
        (b"### A heading in a text dump\n\nA paragraph.", "seed.txt", "text"),
        (b"- item one\n- item two", "", "text"),
        (b"Plain words only.", "note.md", "markdown"),
        (b"Plain words only.", "", "text"),
        ("Обычный текст в кодировке cp1251.".encode("cp1251"), "", "text"),
        ("UTF-16 text".encode("utf-16"), "", "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.html", "binary"),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07" * 8, "", "binary"),
    ],
)
def test_sniff(head: bytes, name: str, kind: str) -> None:
    assert sniff(head, name).kind == kind


def test_binary_detail_names_the_format() -> None:
    assert sniff(b"PK\x03\x04....", "story.docx").detail.startswith("ZIP archive")


@pytest.mark.parametrize(
    "head",
    [
        b"# a\n" + b"\n" * 60_000 + b"x",  # once took minutes: ^\s* spanning blank lines
        b"---" + b"\n" * 60_000 + b"x",
        b"<!--" + b" " * 60_000,
    ],
)
def test_whitespace_runs_are_sniffed_in_linear_time(head: bytes) -> None:
    assert sniff(head).kind == "text"


def test_binary_with_a_nul_in_every_other_byte_is_not_utf16_text() -> None:
    # The NUL pattern of UTF-16 without a BOM, but the characters it decodes to are controls.
    junk = b"\x00\x01\x02\xff" * 50
    assert sniff(junk, "junk.bin").kind == "binary"
    text = "A harbour note written in UTF-16 without a byte-order mark.\n" * 4
    assert sniff(text.encode("utf-16-le"), "note.txt").kind == "text"
    assert sniff(text.encode("utf-16-be"), "note.txt").kind == "text"
