"""The five seed copies and real benchmark pages, read from ../shared at run time."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from indicia.ingest import iter_documents
from indicia.records import SourceDocument


@pytest.fixture(scope="module")
def seed_documents(seeds_dir: Path) -> list[SourceDocument]:
    return list(iter_documents([str(seeds_dir)]))


def test_five_ok_text_documents(
    seed_documents: list[SourceDocument], seed_paths: list[Path]
) -> None:
    assert [d.source_path for d in seed_documents] == [str(p) for p in seed_paths]
    assert all(d.status == "ok" and d.media_type == "text" for d in seed_documents)
    for doc, path in zip(seed_documents, seed_paths, strict=True):
        raw = path.read_bytes()
        assert doc.raw_sha256 == hashlib.sha256(raw).hexdigest()
        assert doc.id == doc.raw_sha256[:16]
        assert doc.content == raw.decode("utf-8")
        assert doc.encoding == "utf-8"


def test_seed_004_dateline(seed_documents: list[SourceDocument]) -> None:
    doc = seed_documents[4]
    assert doc.published == "2025-08-12"
    assert doc.outlet == "The Independent"  # named in Chinese in its dateline
    assert doc.title is not None
    assert doc.title.startswith("North Koreans")
    assert doc.title.endswith("report")
    assert doc.title in doc.content.splitlines()


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_seeds_without_date_or_outlet_say_nothing(
    seed_documents: list[SourceDocument], index: int
) -> None:
    doc = seed_documents[index]
    assert doc.published is None
    assert doc.outlet is None
    assert doc.url is None


@pytest.mark.parametrize(
    ("index", "start"),
    [(0, "North Korean Workers"), (2, "North Korean Laborers"), (3, "North Korean Labour")],
)
def test_seed_titles(seed_documents: list[SourceDocument], index: int, start: str) -> None:
    title = seed_documents[index].title
    assert title is not None and title.startswith(start)
    assert not title.startswith("#")


def test_seed_001_has_no_headline(seed_documents: list[SourceDocument]) -> None:
    assert seed_documents[1].title is None  # every line is a paragraph: no title is stated


def test_reingest_gives_the_same_documents(
    seeds_dir: Path, seed_documents: list[SourceDocument]
) -> None:
    assert list(iter_documents([str(seeds_dir)])) == seed_documents


PAGES = 8


@pytest.fixture(scope="module")
def benchmark_pages(benchdata_dir: Path) -> list[Path]:
    from shared_inputs import require

    folder = require(benchdata_dir / "article-extraction" / "html")
    return sorted(folder.glob("*.html.gz"))[:PAGES]


def test_real_html_pages(benchmark_pages: list[Path], benchdata_dir: Path) -> None:
    truth = json.loads((benchdata_dir / "article-extraction" / "ground-truth.json").read_text())
    docs = list(iter_documents([str(p) for p in benchmark_pages]))
    assert len(docs) == PAGES
    hosts_agree = 0
    for doc, path in zip(docs, benchmark_pages, strict=True):
        assert doc.status == "ok", doc.error
        assert doc.media_type == "html"
        assert doc.title
        html = gzip.decompress(path.read_bytes())
        assert doc.id == hashlib.sha256(html).hexdigest()[:16]
        expected = urlsplit(truth[path.name.removesuffix(".html.gz")]["url"]).hostname or ""
        if doc.url and (urlsplit(doc.url).hostname or "").endswith(expected.removeprefix("www.")):
            hosts_agree += 1
    assert hosts_agree >= PAGES // 2  # canonical links mostly name the page's own site
