"""Small inputs built in the test's tmp_path: PDF, WARC, RSS, Atom, JSON Lines.

All sample wording is written for these tests (no sentence from any source).
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = (
    "Workers sent abroad from Pyongyang told researchers they laboured on building sites "
    "for most of the day and night. They said supervisors kept their passports and that "
    "most of their pay went to the state. Several described sleeping in metal containers "
    "near the site and being forbidden to speak with local people."
)


def page(title: str, body: str = ARTICLE, head: str = "", lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(lines: Sequence[str], title: str | None = None, author: str | None = None) -> bytes:
    """A minimal one-page PDF with a text layer, written by hand (Helvetica, WinAnsi text)."""
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        ops.append(f"({_pdf_string(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    info = []
    if title:
        info.append(f"/Title ({_pdf_string(title)})")
    if author:
        info.append(f"/Author ({_pdf_string(author)})")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ("<< " + " ".join(info) + " >>").encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _assemble_pdf(objects: Sequence[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _flate_stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + (
        packed + b"\nendstream"
    )


def make_shared_stream_pdf(pages: int, stream: bytes) -> bytes:
    """`pages` pages that all draw one content stream (kept once, compressed, in the file)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _flate_stream(stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    page_object = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>"
    )
    objects.extend(page_object for _ in range(pages))
    return _assemble_pdf(objects)


def make_text_ops(count: int, word: str = "forced labour figures ") -> bytes:
    """A content stream of `count` text-showing operators."""
    show = f"({_pdf_string(word)}) Tj\n".encode("latin-1")
    return b"BT /F1 12 Tf 72 720 Td\n" + show * count + b"ET"


def make_form_bomb_pdf(depth: int, fan_out: int, word: str = "words repeated ") -> bytes:
    """One page whose text comes from nested forms, each drawing the next `fan_out` times.

    The file is tiny, but the text it shows is fan_out ** depth copies of `word`.
    """
    font = b"<< /Font << /F1 4 0 R >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /X0 6 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _flate_stream(b"/X0 Do"),
    ]
    form = b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
    for level in range(depth):
        nxt = 6 + level + 1
        body = b"/X%d Do\n" % (level + 1)
        resources = b"/Resources << /XObject << /X%d %d 0 R >> >> " % (level + 1, nxt)
        objects.append(_flate_stream(body * fan_out, form + resources))
    leaf = f"BT /F1 12 Tf 72 720 Td ({_pdf_string(word)}) Tj ET".encode("latin-1")
    objects.append(_flate_stream(leaf, form + b"/Resources " + font + b" "))
    return _assemble_pdf(objects)


def make_warc(
    responses: Iterable[tuple[str, bytes, str]],
    gz: bool = False,
    date: str = "2025-08-14T09:30:00Z",
    extra_records: bool = True,
) -> bytes:
    """A WARC in the Common Crawl News layout: warcinfo, then request+response pairs.

    `responses` holds (url, body, content type) triples.
    """
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for url, body, content_type in responses:
        if extra_records:
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", url.split("/")[2])], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "request", http_headers=request, warc_headers_dict={"WARC-Date": date}
                )
            )
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", content_type), ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
        )
    return buffer.getvalue()


def make_rss(entries: Sequence[dict[str, str]], title: str = "Example Wire") -> bytes:
    items = []
    for entry in entries:
        items.append(
            "<item>"
            f"<title>{entry['title']}</title><link>{entry['link']}</link>"
            f"<pubDate>{entry['date']}</pubDate><author>{entry.get('author', '')}</author>"
            f"<description><![CDATA[{entry['body']}]]></description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://wire.example.org/</link>"
        "<language>en-gb</language>" + "".join(items) + "</channel></rss>"
    ).encode()


def make_atom(entries: Sequence[dict[str, str]], title: str = "Example Atom") -> bytes:
    items = []
    for entry in entries:
        items.append(
            "<entry>"
            f'<title>{entry["title"]}</title><link href="{entry["link"]}"/>'
            f"<id>{entry['link']}</id><updated>{entry['date']}</updated>"
            f'<content type="html">{entry["body"]}</content>'
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:test</id><updated>2025-08-14T00:00:00Z</updated>"
        + "".join(items)
        + "</feed>"
    ).encode()


def jsonl(records: Iterable[object]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)
