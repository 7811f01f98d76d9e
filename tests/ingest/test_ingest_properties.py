"""Property tests: arbitrary bytes never crash ingest; a plain file gives exactly one document."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicia.ingest import IngestOptions, iter_documents
from indicia.ingest.decode import decode
from indicia.ingest.metadata import iso_date
from indicia.ingest.sniff import CONTAINERS, sniff
from indicia.ingest.text import text_metadata

# Bytes with a bias towards the prefixes that switch format readers on.
PREFIXES = st.sampled_from(
    [
        b"",
        b"\x1f\x8b",
        b"\x1f\x8b\x08\x00",
        b"WARC/1.0\r\n",
        b"%PDF-1.4\n",
        b"<html>",
        b"<rss>",
        b"{",
        b"[",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"---\n",
        b"# ",
    ]
)
INPUTS = st.builds(lambda prefix, rest: prefix + rest, PREFIXES, st.binary(max_size=600))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=INPUTS)
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input"
        path.write_bytes(data)
        docs = list(iter_documents([str(path)], IngestOptions(max_bytes=100_000)))
    assert docs, "every input yields at least one document"
    kind = sniff(data[:65536], str(path)).kind
    if kind not in CONTAINERS and kind != "gzip":
        assert len(docs) == 1
    for doc in docs:
        assert doc.status in ("ok", "rejected")
        assert len(doc.id) == 16
        assert doc.source_path.startswith(str(path))
        if doc.status == "rejected":
            assert doc.error and doc.media_type == "rejected" and doc.content == ""
            assert "unreadable input" not in doc.error, doc.error  # no unexpected internal error
        else:
            assert doc.media_type in ("html", "text", "markdown", "pdf")


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=400))
def test_utf8_text_round_trips(text: str) -> None:
    # A leading U+FEFF is a byte-order mark once encoded, and is read as one.
    assert decode(text.encode("utf-8")).text == text.removeprefix("\ufeff")


@given(st.text(max_size=300))
def test_text_metadata_never_crashes(text: str) -> None:
    meta = text_metadata(text)
    assert meta.published is None or len(meta.published) == 10


@given(st.text(max_size=60))
def test_iso_date_is_iso_or_none(value: str) -> None:
    result = iso_date(value)
    assert result is None or (len(result) == 10 and result[4] == "-" and result[7] == "-")
