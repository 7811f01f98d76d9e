"""Each input format, built small in tmp_path, read into the documents it holds."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
from ingest_builders import (
    ARTICLE,
    gz,
    jsonl,
    make_atom,
    make_pdf,
    make_rss,
    make_warc,
    page,
    write,
)

from indicia.ingest import IngestOptions, iter_documents
from indicia.records import SourceDocument


def read(*paths: Path | str, **options: object) -> list[SourceDocument]:
    return list(iter_documents([str(p) for p in paths], IngestOptions(**options)))  # type: ignore[arg-type]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


HTML_META = page(
    "Laid off and locked in: a site inspector's notes",
    head=(
        '<meta property="og:site_name" content="BBC News">'
        '<meta property="article:published_time" content="2025-08-12T06:00:00+00:00">'
        '<link rel="canonical" href="https://www.bbc.co.uk/news/articles/example123">'
        '<meta name="author" content="Jane Placeholder">'
    ),
)


@pytest.mark.parametrize(
    ("name", "data", "media_type", "title"),
    [
        (
            "page.html",
            HTML_META.encode(),
            "html",
            "Laid off and locked in: a site inspector's notes",
        ),
        (
            "page.html.gz",
            gz(HTML_META.encode()),
            "html",
            "Laid off and locked in: a site inspector's notes",
        ),
        (
            "no-extension",
            HTML_META.encode(),
            "html",
            "Laid off and locked in: a site inspector's notes",
        ),
        (
            "notes.txt",
            f"Crews Work Through the Night\n\n{ARTICLE}\n".encode(),
            "text",
            "Crews Work Through the Night",
        ),
        (
            "note.md",
            f"# Containers for Beds\n\nSome **bold** words.\n\n{ARTICLE}\n".encode(),
            "markdown",
            "Containers for Beds",
        ),
        (
            "report.pdf",
            make_pdf(["Passports Held by Managers", ARTICLE[:80]], title="Site report"),
            "pdf",
            "Site report",
        ),
    ],
)
def test_single_document_formats(
    tmp_path: Path, name: str, data: bytes, media_type: str, title: str
) -> None:
    path = write(tmp_path / name, data)
    [doc] = read(path)
    assert doc.status == "ok", doc.error
    assert doc.media_type == media_type
    assert doc.title == title
    assert doc.source_path == str(path)
    assert doc.content.strip()


def test_html_metadata(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "a.html", HTML_META))
    assert doc.outlet == "BBC"  # og:site_name "BBC News" is an alias of BBC in outlets.json
    assert doc.url == "https://www.bbc.co.uk/news/articles/example123"
    assert doc.published == "2025-08-12"
    assert doc.author == "Jane Placeholder"
    assert doc.language == "en"
    assert doc.content == HTML_META  # HTML source kept; main text is the clean stage's job
    assert doc.id == sha(HTML_META.encode())[:16]
    assert doc.raw_sha256 == sha(HTML_META.encode())


def test_html_json_ld(tmp_path: Path) -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Escape routes narrow for overseas crews",
        "datePublished": "2024-03-09T10:00:00Z",
        "author": {"@type": "Person", "name": "Sam Example"},
        "publisher": {"@type": "Organization", "name": "The Independent"},
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    html = page("Escape routes narrow for overseas crews", head=head)
    [doc] = read(write(tmp_path / "ld.html", html))
    assert doc.published == "2024-03-09"
    assert doc.author == "Sam Example"
    assert doc.outlet == "The Independent"


def test_gzip_id_hashes_the_document_bytes(tmp_path: Path) -> None:
    raw = HTML_META.encode()
    [plain] = read(write(tmp_path / "a.html", raw))
    [packed] = read(write(tmp_path / "b.html.gz", gz(raw)))
    assert plain.id == packed.id == sha(raw)[:16]


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Shifts From Dawn to Past Midnight"\ndate: 2025-08-13\n'
        "url: https://example.org/shifts\nauthor: A. Writer\nlang: en\n---\n\n"
        f"# A Heading That Is Not the Title\n\n{ARTICLE}\n"
    )
    [doc] = read(write(tmp_path / "front.md", text))
    assert doc.media_type == "markdown"
    assert (doc.title, doc.published, doc.url, doc.author, doc.language) == (
        "Shifts From Dawn to Past Midnight",
        "2025-08-13",
        "https://example.org/shifts",
        "A. Writer",
        "en",
    )


def test_markdown_sniffed_without_extension(tmp_path: Path) -> None:
    text = f"---\ntitle: Front Matter Only\n---\n\n{ARTICLE}\n"
    [doc] = read(write(tmp_path / "noext", text))
    assert doc.media_type == "markdown"
    assert doc.title == "Front Matter Only"


def test_pdf_text_layer(tmp_path: Path) -> None:
    data = make_pdf(["Passports Held by Managers", "Two days off in a year."], author="A. Writer")
    [doc] = read(write(tmp_path / "r.pdf", data))
    assert "Passports Held by Managers" in doc.content
    assert "Two days off in a year." in doc.content
    assert doc.title == "Passports Held by Managers"  # no /Title: the first-page headline
    assert doc.author == "A. Writer"
    assert doc.id == sha(data)[:16]


RECORDS = [
    {
        "title": "Record one headline",
        "text": ARTICLE,
        "url": "https://www.theguardian.com/world/one",
        "date": "2025-08-12T08:00:00Z",
        "author": ["First Author", "Second Author"],
    },
    {
        "title": "Record two headline",
        "html": page("Page title loses to record title"),
        "url": "https://example.org/two",
        "published": "13 August 2025",
        "source": "Reuters",
    },
    {"title": "Record three has nothing to read"},
]


def test_jsonl_records(tmp_path: Path) -> None:
    data = jsonl(RECORDS)
    path = write(tmp_path / "batch.jsonl", data)
    docs = read(path)
    assert [d.source_path for d in docs] == [f"{path}#record-{n}" for n in (1, 2, 3)]
    one, two, three = docs
    assert (one.media_type, one.title, one.outlet, one.published, one.author) == (
        "text",
        "Record one headline",
        "The Guardian",
        "2025-08-12",
        "First Author; Second Author",
    )
    assert one.content == ARTICLE
    assert one.id == sha(data.splitlines()[0])[:16]
    assert (two.media_type, two.title, two.outlet, two.published) == (
        "html",
        "Record two headline",
        "Reuters",
        "2025-08-13",
    )
    assert three.status == "rejected"
    assert three.error == "JSON record has no text or html field"


def test_jsonl_gzip_and_bad_lines(tmp_path: Path) -> None:
    data = jsonl(RECORDS[:1]) + b"{not json\n\n" + jsonl(["just a string"])
    docs = read(write(tmp_path / "batch.jsonl.gz", gz(data)))
    assert [d.status for d in docs] == ["ok", "rejected", "rejected"]
    assert "invalid JSON" in (docs[1].error or "")
    assert "not an object" in (docs[2].error or "")


@pytest.mark.parametrize("wrap", ["array", "object", "single"])
def test_json_documents(tmp_path: Path, wrap: str) -> None:
    records = RECORDS[:2]
    value: object = {
        "array": records,
        "object": {"articles": records, "count": 2},
        "single": records[0],
    }[wrap]
    path = write(tmp_path / "batch.json", json.dumps(value))
    docs = read(path)
    assert all(d.status == "ok" for d in docs)
    assert [d.title for d in docs] == [r["title"] for r in records][: len(docs)]
    assert len(docs) == (1 if wrap == "single" else 2)
    if wrap == "single":
        assert docs[0].source_path == str(path)
    else:
        assert docs[1].source_path == f"{path}#record-2"


WARC_PAGES = [
    (
        "https://www.bbc.co.uk/news/articles/first",
        page("First crawled story").encode(),
        "text/html; charset=utf-8",
    ),
    ("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n0000", "image/png"),
    (
        "https://www.independent.co.uk/news/second",
        page("Second crawled story, in cp1251: Рабочие", lang="ru").encode("cp1251"),
        "text/html; charset=windows-1251",
    ),
]


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_common_crawl_news_layout(tmp_path: Path, compressed: bool) -> None:
    name = "crawl.warc.gz" if compressed else "crawl.warc"
    path = write(tmp_path / name, make_warc(WARC_PAGES, gz=compressed))
    docs = read(path)
    assert [d.status for d in docs] == ["ok", "ok"]  # the PNG response is not a document
    first, second = docs
    assert first.media_type == "html"
    assert first.url == "https://www.bbc.co.uk/news/articles/first"
    assert first.outlet == "BBC"
    assert first.title == "First crawled story"
    assert first.id == sha(WARC_PAGES[0][1])[:16]
    assert second.title == "Second crawled story, in cp1251: Рабочие"
    assert second.outlet == "The Independent"
    assert second.language == "ru"
    # warcinfo is record 1, then request/response pairs: responses are records 3 and 7.
    assert [d.source_path for d in docs] == [f"{path}#record-3", f"{path}#record-7"]


def test_warc_without_html(tmp_path: Path) -> None:
    path = write(tmp_path / "img.warc", make_warc(WARC_PAGES[1:2]))
    [doc] = read(path)
    assert doc.status == "rejected"
    assert "no HTML responses" in (doc.error or "")


ENTRIES = [
    {
        "title": "Feed item about wages withheld",
        "link": "https://www.reuters.com/world/asia/wages-withheld",
        "date": "Tue, 12 Aug 2025 07:30:00 GMT",
        "author": "desk@example.org (News Desk)",
        "body": "<p>Managers kept back most of each month's pay until the end of a contract.</p>",
    },
    {
        "title": "Feed item in plain words",
        "link": "https://wire.example.org/two",
        "date": "Wed, 13 Aug 2025 07:30:00 GMT",
        "body": "Plain summary text without any markup at all.",
    },
]


def test_rss_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.xml", make_rss(ENTRIES))
    docs = read(path)
    assert [d.source_path for d in docs] == [f"{path}#record-1", f"{path}#record-2"]
    first, second = docs
    assert (first.media_type, first.title, first.url, first.published, first.outlet) == (
        "html",
        ENTRIES[0]["title"],
        ENTRIES[0]["link"],
        "2025-08-12",
        "Reuters",
    )
    assert "Managers kept back" in first.content
    assert first.language == "en"
    assert (second.media_type, second.outlet, second.published) == (
        "text",
        "Example Wire",
        "2025-08-13",
    )
    assert second.content == ENTRIES[1]["body"]


def test_atom_feed(tmp_path: Path) -> None:
    atom_entries = [
        dict(e, date="2025-08-12T07:30:00Z", body="&lt;p&gt;Escaped markup body.&lt;/p&gt;")
        for e in ENTRIES
    ]
    docs = read(write(tmp_path / "feed.atom", make_atom(atom_entries)))
    assert [d.title for d in docs] == [e["title"] for e in ENTRIES]
    assert all(d.media_type == "html" and d.published == "2025-08-12" for d in docs)
    assert "Escaped markup body." in docs[0].content


def test_identical_bytes_give_identical_ids(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "x.txt", ARTICLE)
    b = write(tmp_path / "b" / "y.txt", ARTICLE)
    first, second = read(a, b)
    assert first.id == second.id
    assert first.source_path != second.source_path


def test_folder_walk_is_sorted_and_recursive(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second file headline\n\n" + ARTICLE)
    write(tmp_path / "a" / "z.txt", "Nested file headline\n\n" + ARTICLE + " nested")
    write(tmp_path / "a" / "y.html", page("Nested page"))
    write(tmp_path / ".hidden" / "skip.txt", ARTICLE)
    write(tmp_path / ".DS_Store", b"\x00\x01")
    docs = read(tmp_path)
    assert [Path(d.source_path).relative_to(tmp_path).as_posix() for d in docs] == [
        "a/y.html",
        "a/z.txt",
        "b.txt",
    ]
    assert docs == read(tmp_path)  # deterministic


def test_glob(tmp_path: Path) -> None:
    write(tmp_path / "one.txt", "First headline here\n\n" + ARTICLE)
    write(tmp_path / "sub" / "two.txt", "Second headline here\n\n" + ARTICLE + " two")
    write(tmp_path / "three.html", page("Third"))
    docs = read(str(tmp_path / "**" / "*.txt"))
    assert [Path(d.source_path).name for d in docs] == ["one.txt", "two.txt"]


def test_glob_without_matches(tmp_path: Path) -> None:
    [doc] = read(str(tmp_path / "*.nothing"))
    assert doc.status == "rejected"
    assert doc.error == "no file matches this pattern"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = ("Headline From a Pipe\n\n" + ARTICLE).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [doc] = read("-")
    assert (doc.source_path, doc.status, doc.title) == ("<stdin>", "ok", "Headline From a Pipe")
    assert doc.id == sha(data)[:16]


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 5000)))
    [doc] = read("-", max_bytes=1000)
    assert doc.status == "rejected"
    assert "larger than 1000 bytes" in (doc.error or "")


def test_warc_decodes_content_encoding_and_skips_redirects(tmp_path: Path) -> None:
    import gzip
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = page("Compressed in transit").encode()
    packed = gzip.compress(body)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = [
        ("Content-Type", "text/html"),
        ("Content-Encoding", "gzip"),
        ("Content-Length", str(len(packed))),
    ]
    for uri, status, payload, http in [
        ("<https://www.bbc.com/news/x>", "200 OK", packed, headers),
        ("https://www.bbc.com/news/y", "301 Moved Permanently", b"", [("Location", "/x")]),
    ]:
        writer.write_record(
            writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                http_headers=StatusAndHeaders(status, http, protocol="HTTP/1.1"),
            )
        )
    [doc] = read(write(tmp_path / "ce.warc.gz", buffer.getvalue()))
    assert (doc.title, doc.url, doc.outlet) == (
        "Compressed in transit",
        "https://www.bbc.com/news/x",
        "BBC",
    )
    assert doc.id == sha(body)[:16]  # the payload as the server meant it, not as sent


def test_warc_records_that_hold_no_document_are_counted_by_reason(tmp_path: Path) -> None:
    robots = ("https://example.org/robots.txt", b"User-agent: *\nDisallow:\n", "text/plain")
    path = write(tmp_path / "crawl.warc", make_warc([*WARC_PAGES, robots]))
    skipped: Counter[str] = Counter()
    docs = list(iter_documents([str(path)], IngestOptions(), skipped))
    assert [d.status for d in docs] == ["ok", "ok"]
    assert skipped == {
        "WARC warcinfo record": 1,
        "WARC request record": 4,
        "WARC non-HTML image/png": 1,
        "WARC non-HTML text/plain": 1,
    }


def test_the_run_summary_counts_skipped_warc_records(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from indicia.cli import main

    path = write(tmp_path / "crawl.warc", make_warc(WARC_PAGES))
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert (
        "skipped 5 records that hold no document: 1 WARC non-HTML image/png, "
        "3 WARC request record, 1 WARC warcinfo record"
    ) in result.stdout


def test_jsonl_errors_name_the_line_of_the_file(tmp_path: Path) -> None:
    good = json.dumps({"text": "A harbour note that is long enough to keep as text."})
    lines = [good, "", "", '  {"text": "cut short', good, "[1, 2"]
    path = write(tmp_path / "records.jsonl", ("\n".join(lines) + "\n").encode())
    docs = read(path)
    assert [d.status for d in docs] == ["ok", "rejected", "ok", "rejected"]
    assert docs[1].source_path == f"{path}#record-2"
    assert docs[1].error is not None and docs[1].error.startswith(
        "invalid JSON on line 4, column 12: Unterminated string"
    )
    assert docs[3].error is not None and docs[3].error.startswith("invalid JSON on line 6, column")
