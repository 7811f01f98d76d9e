"""Tell what kind of input a file is from its first bytes (and its name only as a tie-breaker).

Magic numbers first (gzip, WARC, PDF, common binary formats we do not read), then
the decoded head: feeds (RSS, Atom, RDF), HTML, JSON and JSON Lines, Markdown,
plain text. A name such as `.md` or `.jsonl` decides only where the content is
compatible with it. Nothing is parsed here beyond the head.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

from indicia.ingest.decode import bom_encoding, utf16_pattern

Kind = Literal[
    "empty",
    "gzip",
    "warc",
    "pdf",
    "html",
    "feed",
    "json",
    "jsonl",
    "markdown",
    "text",
    "binary",
    "xml",
]
CONTAINERS: frozenset[str] = frozenset({"warc", "jsonl", "json", "feed"})

HEAD_BYTES = 64 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP, WAV or AVI)"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\x7fELF", "executable (ELF)"),
    (b"MZ", "executable (Windows)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 media"),
    (b"\x00\x00\x00\x20ftyp", "MP4 media"),
)

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b", re.I)
_HTML_START = re.compile(
    r"<(!doctype\s+html|html|head|body|meta|title|div|p|article|section|h[1-6]|table|span|a|br"
    r"|link|script|style|header|main|nav|ul|ol|img|b|i|em|strong|font|center|form|iframe"
    r"|noscript|footer|aside|figure|blockquote|pre|base|html:html)\b",
    re.I,
)
_MARKUP_PROLOGUE = re.compile(
    r"^\s*(?:(?:<\?xml[^>]*\?>|<!--.*?-->|<!doctype[^>]*>)\s*)*", re.I | re.S
)
_FRONT_MATTER = re.compile(
    r"^(---|\+\+\+)[ \t]*\n(.{0,4000}?\n)(---|\+\+\+|\.\.\.)[ \t]*(\n|$)", re.S
)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_MD_OTHER = re.compile(
    r"(\[[^\]\n]+\]\([^)\s]+\)|^```|^[ \t]*[-*+][ \t]+\S|\*\*[^*\n]+\*\*|^>[ \t]|^\d+\.[ \t]+\S)",
    re.M,
)


@dataclass(frozen=True)
class Sniffed:
    kind: Kind
    detail: str = ""  # what a binary input looks like, in words


def _extension(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return lower.rsplit(".", 1)[-1] if "." in lower.rsplit("/", 1)[-1] else ""


def _looks_binary(head: bytes) -> bool:
    sample = head[:8192]
    if not sample or bom_encoding(sample):
        return False
    wide = utf16_pattern(sample)
    if wide:
        # A NUL in every other byte is UTF-16 text, or binary that looks like it: the
        # decoded characters tell (text is not mostly control characters).
        return _mostly_controls(sample[: len(sample) // 2 * 2].decode(wide, "replace"))
    if b"\x00" in sample:
        return True
    return _mostly_controls(sample.decode("latin-1"))


def _mostly_controls(text: str) -> bool:
    controls = sum(1 for c in text if c < "\x20" and c not in "\t\n\r\f\v\x1b")
    return controls * 20 > len(text)


def _head_text(head: bytes) -> str:
    bom = bom_encoding(head)
    if bom is not None:
        return head[bom[1] :].decode(bom[0], "replace")
    pattern = utf16_pattern(head)
    if pattern is not None:
        return head.decode(pattern, "replace")
    # Any ASCII-compatible encoding shows markup and JSON punctuation the same way.
    return head.decode("utf-8", "replace")


def _json_kind(text: str, extension: str) -> Kind | None:
    stripped = text.lstrip()
    if extension == "json" and re.match(r'[{\["\d-]|true|false|null', stripped):
        return "json"
    if not stripped.startswith(("{", "[")):
        return None
    lines = [line for line in stripped.splitlines()[:3] if line.strip()]
    if stripped.startswith("{") and len(lines) > 1:
        try:
            first = json.loads(lines[0])
        except ValueError:
            first = None
        if isinstance(first, dict):
            return "jsonl"
    if extension in ("jsonl", "ndjson"):
        return "jsonl"
    if (
        extension == "json"
        or stripped.rstrip().endswith(("}", "]"))
        or len(text) >= HEAD_BYTES // 2
    ):
        return "json"
    return None


def _markdown(text: str, extension: str) -> bool:
    if extension in ("md", "markdown", "mdown", "mkd"):
        return True
    if _FRONT_MATTER.match(text):
        return True
    # A heading alone is common in text dumps; Markdown shows a second construct too.
    return bool(_MD_HEADING.search(text)) and bool(_MD_OTHER.search(text))


def sniff(head: bytes, name: str = "") -> Sniffed:
    """The kind of input whose first bytes are `head` (HEAD_BYTES are plenty)."""
    extension = _extension(name)
    if not head.strip():
        return Sniffed("empty")
    if head.startswith(b"\x1f\x8b"):
        return Sniffed("gzip")
    if head.startswith((b"WARC/", b"filedesc://")):  # WARC, or its ancestor ARC
        return Sniffed("warc")
    if b"%PDF-" in head[:1024]:
        return Sniffed("pdf")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return Sniffed("binary", what)
    if _looks_binary(head):
        return Sniffed("binary", "binary data, not text")
    text = _head_text(head).lstrip("\ufeff")
    if text.lstrip().startswith("<"):
        body = _MARKUP_PROLOGUE.sub("", text[:4096], count=1)
        if _FEED_ROOT.match(body):
            return Sniffed("feed")
        if _HTML_START.match(body) or re.match(r"\s*<!doctype\s+html", text, re.I):
            return Sniffed("html")
        if extension in ("rss", "atom") or _FEED_ROOT.search(text[:4096]):
            return Sniffed("feed")
        if extension in ("html", "htm", "xhtml"):
            return Sniffed("html")
        if text.lstrip().startswith("<?xml"):
            return Sniffed("xml")  # a sitemap, NewsML, an office file's XML: not read
    json_kind = _json_kind(text, extension)
    if json_kind is not None:
        return Sniffed(json_kind)
    if _markdown(text, extension):
        return Sniffed("markdown")
    return Sniffed("text")
