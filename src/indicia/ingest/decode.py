"""Bytes -> text: find the encoding a document was written in and decode it.

Order of evidence: a byte-order mark; the UTF-16 pattern of NUL bytes; strict
UTF-8; an encoding the transport declared (an HTTP Content-Type in a WARC record)
or the markup declares (HTML meta charset, XML declaration), each trusted only if
it decodes cleanly; then charset-normalizer for legacy encodings (cp1251,
EUC-KR, GB18030, Shift-JIS, ...). Mostly-UTF-8 text with a few bad bytes is
decoded as UTF-8 with replacement characters, and the count is reported, rather
than turned into mojibake by a guess. This module does not sniff formats.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that pages declare for an encoding whose superset is what they really use
# (the WHATWG encoding standard makes the same substitutions).
_SUPERSETS = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}

_SAMPLE = 1 << 20  # enough text to recognise an encoding; the whole file is decoded after
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})""", re.I
)
_XML_DECLARATION = re.compile(
    rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{2,40})"""
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name
    replaced: int = 0  # bytes that could not be decoded and became U+FFFD
    evidence: str = ""  # bom | declared | markup | utf-16 pattern | utf-8 | detected | fallback


def codec_name(label: str | None) -> str | None:
    """Python's codec name for an encoding label, widened to its common superset."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) when `data` starts with a byte-order mark."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def markup_encoding(head: bytes) -> str | None:
    """The encoding an XML declaration or HTML meta tag declares in the first bytes."""
    window = head[:8192]
    match = _XML_DECLARATION.match(window) or _META_CHARSET.search(window)
    return codec_name(match.group(1).decode("ascii")) if match else None


def utf16_pattern(head: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL in every other byte of mostly-Latin text."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(sample: bytes) -> bool:
    """True when bad bytes are rare next to well-formed multi-byte UTF-8 sequences."""
    text = sample.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - sample.count(b"\xef\xbf\xbd")
    wide = len(re.findall(r"[^\x00-\x7f\ufffd]", text))
    return wide >= 4 and invalid * 10 <= wide


def _detect(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return codec_name(best.encoding) if best is not None else None


def _replacing(data: bytes, encoding: str, evidence: str) -> Decoded:
    text = data.decode(encoding, "replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    return Decoded(text, encoding, max(replaced, 0), evidence)


def decode(data: bytes, declared: str | None = None, markup: bool = False) -> Decoded:
    """Decode `data`; `declared` is a transport's charset, `markup` says to read meta tags."""
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        return _replacing(data[skip:], encoding, "bom")
    # Well-formed multi-byte UTF-8 is next to impossible by accident, so it beats a
    # declaration (pages that declare latin-1 and send UTF-8 are common; the reverse is not).
    candidates: list[tuple[str | None, str]] = [
        (utf16_pattern(data), "utf-16 pattern"),
        ("utf-8", "utf-8"),
        (codec_name(declared), "declared"),
    ]
    if markup:
        candidates.append((markup_encoding(data), "markup"))
    for candidate, evidence in candidates:
        if candidate is None:
            continue
        strict = _strict(data, candidate)
        if strict is not None:
            return Decoded(strict, candidate, 0, evidence)
    sample = data[:_SAMPLE]
    if _mostly_utf8(sample):
        return _replacing(data, "utf-8", "utf-8")
    detected = _detect(sample)
    if detected is not None:
        text = _strict(data, detected)
        if text is not None:
            return Decoded(text, detected, 0, "detected")
        # The sample fitted; a later byte did not. Keep the detected encoding, mark the rest.
        return _replacing(data, detected, "detected")
    return _replacing(data, "utf-8", "fallback")
