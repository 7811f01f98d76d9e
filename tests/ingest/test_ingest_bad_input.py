"""The bad-input corpus: every input becomes documents or rejected documents, never a crash."""

from __future__ import annotations

import gzip
import json
import os
import tracemalloc
from pathlib import Path

import pytest
from ingest_builders import ARTICLE, gz, jsonl, make_pdf, make_warc, page, write

from indicia.ingest import IngestOptions, display_path, iter_documents
from indicia.records import SourceDocument


def read(*paths: Path | str, options: IngestOptions | None = None) -> list[SourceDocument]:
    return list(iter_documents([str(p) for p in paths], options))


def rejected(doc: SourceDocument, *words: str) -> None:
    assert doc.status == "rejected"
    assert doc.media_type == "rejected"
    assert doc.content == ""
    assert doc.error
    for word in words:
        assert word in doc.error, doc.error
    assert len(doc.id) == 16


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.txt", b"", ("empty file",)),
        ("blank.txt", b"  \n\t\n   \r\n", ("only whitespace",)),
        ("junk.bin", bytes(range(256)) * 40, ("not a document", "binary")),
        ("image.jpg", b"\x89PNG\r\n\x1a\n" + bytes(300), ("PNG image",)),
        ("archive.zip", b"PK\x03\x04" + bytes(100), ("ZIP archive",)),
        ("cut.txt.gz", gz(ARTICLE.encode() * 50)[:200], ("truncated",)),
        ("bad.gz", b"\x1f\x8b\x08\x00" + b"\xff" * 64, ("gzip data",)),
        ("tiny.gz", b"\x1f\x8b", ("gzip data",)),
        ("empty.gz", gz(b""), ("gzip file holds no data",)),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", ("PDF",)),
        ("scan.pdf", make_pdf([]), ("no text layer",)),
        ("list.json", b"[]", ("no records",)),
        ("number.json", b"42", ("not records",)),
        ("broken.json", b'{"title": "x", ', ("invalid JSON",)),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, ("nested too deeply",)),
        (
            "feed.rss",
            b"<rss version='2.0'><channel><title>x</title></channel></rss>",
            ("no entries",),
        ),
        ("bad.warc", b"WARC/1.0\r\nWARC-Type: response\r\n\r\n", ("WARC",)),
        ("sitemap.xml", b'<?xml version="1.0"?><urlset><url/></urlset>', ("neither a web page",)),
        ("empty.jsonl", b"\n\n\n" + b'{"a": 1}\n'[:0], ("only whitespace",)),
    ],
)
def test_rejected_with_a_reason(
    tmp_path: Path, name: str, data: bytes, words: tuple[str, ...]
) -> None:
    path = write(tmp_path / name, data)
    [doc] = read(path)
    rejected(doc, *words)
    assert doc.source_path == str(path)


def test_rejected_ids_are_stable(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    assert read(path) == read(path)
    other = write(tmp_path / "other.txt", b"")
    assert read(path)[0].id != read(other)[0].id


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("a secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    [doc] = read(path)
    rejected(doc, "encrypted")


def test_huge_text_file_is_rejected_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write((ARTICLE + "\n").encode() * 4000)  # a real text head, ~1.2 MB
        handle.truncate(200 * 1024 * 1024)  # the rest is a sparse hole: 200 MB on paper
    tracemalloc.start()
    try:
        [doc] = read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rejected(doc, "too large", "200.0 MiB", "64.0 MiB")
    assert peak < 8 * 1024 * 1024  # only the head was read
    assert doc.size_bytes == 0


def test_limit_is_an_option(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "A Short Headline Here\n\n" + ARTICLE)
    [doc] = read(path, options=IngestOptions(max_bytes=100))
    rejected(doc, "too large")
    [doc] = read(path, options=IngestOptions(max_bytes=10_000))
    assert doc.status == "ok"


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.txt.gz", gz(b"all work and no play " * 500_000))
    [doc] = read(path, options=IngestOptions(max_bytes=1024 * 1024))
    rejected(doc, "decompresses to more than 1.0 MiB")


@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize("keep", [0.45, 0.7, 0.9])
def test_truncated_warc_keeps_what_came_before(
    tmp_path: Path, compressed: bool, keep: float
) -> None:
    pages = [
        (
            f"https://news.example.org/{n}",
            page(f"Crawled story number {n}", ARTICLE * 3).encode(),
            "text/html",
        )
        for n in range(4)
    ]
    whole = make_warc(pages, gz=compressed, extra_records=False)
    complete = read(write(tmp_path / "whole.warc", whole))
    assert [d.title for d in complete] == [f"Crawled story number {n}" for n in range(4)]
    path = write(
        tmp_path / ("cut.warc.gz" if compressed else "cut.warc"), whole[: int(len(whole) * keep)]
    )
    docs = read(path)
    *kept, damage = docs
    assert all(d.status == "ok" for d in kept)
    assert [d.id for d in kept] == [d.id for d in complete[: len(kept)]]
    assert len(kept) >= 1
    rejected(damage, "truncated")


def test_streamed_jsonl_is_not_bounded_by_the_size_limit(tmp_path: Path) -> None:
    records = [{"title": f"Record {n}", "text": f"{ARTICLE} ({n})"} for n in range(300)]
    oversized = {"title": "Too long", "text": "x" * 20_000}
    path = write(tmp_path / "big.jsonl", jsonl([*records[:150], oversized, *records[150:]]))
    assert path.stat().st_size > 10_000
    docs = read(path, options=IngestOptions(max_bytes=10_000))
    assert len(docs) == 301
    rejected(docs[150], "larger than 10000 bytes")
    assert [d.title for d in docs if d.status == "ok"] == [r["title"] for r in records]
    assert docs[151].source_path.endswith("#record-152")


def test_deeply_nested_jsonl_line(tmp_path: Path) -> None:
    data = b"[" * 100_000 + b"]" * 100_000 + b"\n" + jsonl([{"text": ARTICLE}])
    first, second = read(write(tmp_path / "deep.jsonl", data), options=IngestOptions())
    rejected(first, "nested too deeply")
    assert second.status == "ok"


def test_html_nested_100000_deep(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Deep Nesting Survives</title></head><body>"
        + "<div>" * 100_000
        + "<p>Buried sentence.</p>"
        + "</div>" * 100_000
        + "</body></html>"
    )
    [doc] = read(write(tmp_path / "deep.html", html))
    assert doc.status == "ok"
    assert doc.media_type == "html"
    assert doc.title == "Deep Nesting Survives"
    assert doc.content == html


def test_symlink_to_itself(tmp_path: Path) -> None:
    link = tmp_path / "loop"
    link.symlink_to(link)
    [doc] = read(link)
    rejected(doc, "symlink loop")
    [doc] = read(tmp_path)  # met inside a folder walk as well
    rejected(doc, "symlink loop")


def test_folder_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "top" / "a.txt", "Headline for file A\n\n" + ARTICLE)
    write(tmp_path / "top" / "inner" / "b.txt", "Headline for file B\n\n" + ARTICLE + " b")
    (tmp_path / "top" / "inner" / "back").symlink_to(tmp_path / "top", target_is_directory=True)
    docs = read(tmp_path / "top")
    assert [Path(d.source_path).name for d in docs] == ["a.txt", "b.txt"]


def test_broken_symlink_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    [broken] = read(tmp_path / "dangling")
    rejected(broken, "broken symlink")
    [missing] = read(tmp_path / "never-existed.txt")
    rejected(missing, "no such file or directory")


def test_file_that_vanishes_between_listing_and_reading(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "First Headline Stays Here\n\n" + ARTICLE)
    doomed = write(tmp_path / "b.txt", "Second Headline Goes Away\n\n" + ARTICLE)
    documents = iter_documents([str(tmp_path)])
    first = next(documents)  # the folder has been listed by now
    assert first.status == "ok"
    doomed.unlink()
    [second] = list(documents)
    rejected(second, "file disappeared")
    assert second.source_path == str(doomed)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", ARTICLE)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = os.open

        def deny(file: str, flags: int, *args: int) -> int:
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, flags, *args)

        monkeypatch.setattr(os, "open", deny)
    else:
        path.chmod(0)
    [doc] = read(path)
    rejected(doc, "permission denied")


def test_folder_without_files(tmp_path: Path) -> None:
    (tmp_path / "empty" / "deeper").mkdir(parents=True)
    write(tmp_path / "empty" / ".hidden.txt", ARTICLE)
    [doc] = read(tmp_path / "empty")
    rejected(doc, "folder holds no files")
    assert doc.source_path == str(tmp_path / "empty")


def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    [doc] = read(fifo)
    rejected(doc, "not a regular file")
    [doc] = read(tmp_path)
    rejected(doc, "not a regular file")


def test_a_mixed_folder_never_stops_the_run(tmp_path: Path) -> None:
    write(tmp_path / "01-good.txt", "A Good Headline Line\n\n" + ARTICLE)
    write(tmp_path / "02-empty.txt", b"")
    write(tmp_path / "03-junk.dat", bytes(range(256)) * 8)
    write(tmp_path / "04-cut.gz", gzip.compress(ARTICLE.encode() * 20)[:60])
    write(tmp_path / "05-page.html", page("Good Page"))
    write(tmp_path / "06-bad.json", b"{")
    (tmp_path / "07-loop").symlink_to(tmp_path / "07-loop")
    write(tmp_path / "08-records.jsonl", jsonl([{"text": ARTICLE}, {"html": page("Record Page")}]))
    docs = read(tmp_path)
    assert [d.status for d in docs] == [
        "ok",
        "rejected",
        "rejected",
        "rejected",
        "ok",
        "rejected",
        "rejected",
        "ok",
        "ok",
    ]
    assert len({d.id for d in docs}) == len(docs)
    assert all(d.error for d in docs if d.status == "rejected")
    json.dumps([d.error for d in docs])  # reasons are plain strings


def test_file_name_in_a_foreign_byte_encoding(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9-report.txt"  # latin-1 bytes, not UTF-8
    fd = os.open(name, os.O_WRONLY | os.O_CREAT)
    os.write(fd, ("Headline in a Strange File\n\n" + ARTICLE).encode())
    os.close(fd)
    [doc] = read(tmp_path)
    assert doc.status == "ok"
    # Every byte is kept, written out: the name the user types finds the same document.
    assert doc.source_path.endswith("caf\\xe9-report.txt")
    doc.source_path.encode("utf-8")  # storable
    assert display_path(os.fsdecode(name)) == doc.source_path
