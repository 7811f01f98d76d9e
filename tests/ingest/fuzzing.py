"""The ingest+clean fuzz target: hostile bytes in, and what must hold whatever they are.

`inputs()` draws files of every kind ingest reads (HTML, text, JSON, JSON Lines,
WARC, RSS, PDF, gzip), built from the project's own sample wording and then
mutated byte by byte: cut, spliced, bytes flipped, markup and control characters
thrown in. `check(path)` reads one through ingest and clean and asserts the
contract: no exception escapes; every input leaves as documents that are either
ok (with text) or rejected (with a reason); every cleaned segment maps back to the
bytes it came from (text: `normalise_inline(content[s]) == text[s]`; HTML: the
segment's visible text is its paragraph, `segment_matches`).

tests/ingest/test_ingest_fuzz.py runs it briefly with a fixed seed on every
`make test`; bench/fuzz.py runs it for as long as it is given.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from hypothesis import strategies as st
from ingest_builders import ARTICLE, jsonl, make_pdf, make_warc, page

from indicia.clean import clean_documents
from indicia.clean.html import segment_matches
from indicia.clean.normalise import normalise_inline
from indicia.ingest import IngestOptions, iter_documents

_NOISE = [
    b"<",
    b">",
    b"</p>",
    b"<p>",
    b"<b>",
    b"</div",
    b"<!--",
    b"-->",
    b"<script>",
    b"&amp;",
    b"&#0;",
    b"&#x1F600;",
    b"&nbsp;",
    b"&",
    b";",
    b"\x00",
    b"\x1b[2J",
    b"\r\n",
    b"\n\n",
    b"\t",
    "\u00a0".encode(),
    "\u200b".encode(),
    "\u00ad".encode(),
    "e\u0301".encode(),
    "\u202e".encode(),
    "中文".encode(),
    "한국어".encode(),
    "русский".encode(),
    b"\xff\xfe",
    b"\xc3",
    b'"',
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b"%PDF-",
    b"WARC/1.0\r\n",
]


def _seeds() -> list[tuple[str, bytes]]:
    title = "Harbour Crews Describe Unpaid Months"
    html = page(title).encode()
    text = (f"{title}\n\n{ARTICLE}\n\nRead more\nShare this\n\n{ARTICLE}\n").encode()
    record = {"title": title, "text": ARTICLE, "url": "https://example.org/a"}
    return [
        ("page.html", html),
        ("notes.txt", text),
        ("notes.md", b"# " + text),
        ("records.jsonl", jsonl([record, {"html": page("Second Page")}])),
        ("record.json", jsonl([record]).strip()),
        ("crawl.warc", make_warc([("https://example.org/a", html, "text/html")])),
        ("report.pdf", make_pdf([title, "", ARTICLE[:80], ARTICLE[80:160]])),
        ("page.html.gz", gzip.compress(html, mtime=0)),
        (
            "feed.xml",
            (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                f"<item><title>{title}</title><description>{ARTICLE}</description>"
                "</item></channel></rss>"
            ).encode(),
        ),
    ]


_SEEDS = _seeds()


@st.composite
def inputs(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and bytes: one seed of each kind, mutated a few times."""
    name, data = draw(st.sampled_from(_SEEDS))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(buffer)))
        action = draw(st.sampled_from(["insert", "delete", "flip", "cut", "repeat"]))
        if action == "insert":
            buffer[at:at] = draw(st.sampled_from(_NOISE))
        elif action == "delete":
            del buffer[at : at + draw(st.integers(1, 40))]
        elif action == "flip" and buffer:
            where = min(at, len(buffer) - 1)
            buffer[where] = draw(st.integers(0, 255))
        elif action == "cut":
            del buffer[at:]
        else:
            piece = bytes(buffer[at : at + draw(st.integers(1, 200))])
            buffer[at:at] = piece * draw(st.integers(1, 5))
    return name, bytes(buffer)


def check(folder: Path, name: str, data: bytes) -> None:
    """Read `data` (as file `name`) through ingest and clean; assert the contract."""
    path = folder / name
    path.write_bytes(data)
    options = IngestOptions(max_bytes=1 << 20, max_text_chars=200_000)
    documents = list(iter_documents([str(path)], options))
    assert documents, "an input left no trace"
    for document in documents:
        assert document.status in ("ok", "rejected"), document.status
        if document.status == "rejected":
            assert document.error, "a rejection without a reason"
        else:
            assert document.content, "an ok document without text"
        document.source_path.encode("utf-8")  # storable
    readable = [d for d in documents if d.status == "ok"]
    for document, cleaned in zip(readable, clean_documents(readable), strict=True):
        assert cleaned.document_id == document.id
        for span in cleaned.paragraphs:
            assert 0 <= span.start <= span.end <= len(cleaned.text)
        for segment in cleaned.segments:
            shown = cleaned.text[segment.clean_start : segment.clean_end]
            source = document.content[segment.source_start : segment.source_end]
            if document.media_type == "html":
                assert segment_matches(source, shown), (shown[:80], source[:200])
            else:
                assert normalise_inline(source) == shown, (shown[:80], source[:200])
