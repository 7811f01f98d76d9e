"""Quality gates of the link stage on real piles.

news-pile-dev (../shared/benchdata/news-pile-dev): 123 excerpts in 12 languages, four
reports with 18-25 copies each and 30 distractors. The pile is ingested as a crawl
gives it, JSON records {url, text} built in a temporary folder from the excerpts; the
labels are read only to score. The floors are the measured values (bench/RESULTS.md,
section link-pile), below the issue's targets: raising one is a commit, lowering one
needs a reason in it.

article-extraction (181 real pages): no outlet comes from a credit line, a caption or
an appeal, and no outlet name is a hash.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from indicia.clean import clean_documents
from indicia.ingest import iter_documents
from indicia.link import link_documents
from indicia.link.provenance import outlet_for_url
from shared_inputs import floors, require

BENCH = Path(__file__).resolve().parents[2] / "bench" / "link.py"

# Measured (bench/RESULTS.md, link-pile); the issue asks ARI >= 0.95, share >= 0.95,
# no distractor merged: not reached yet. One source per report is.
ARI_FLOOR = floors("link")["ari"]
SHARE_FLOOR = floors("link")["share"]
MAX_DISTRACTORS_MERGED = floors("link")["max_distractors_merged"]
# Where the origin is found, it is the report's original outlet (or its co-publisher).
ORIGINS = {
    "aspi-uyghurs-for-sale-2020": {"Australian Strategic Policy Institute"},
    "doj-nk-it-workers-chapman-indictment-2024-05": {"US Department of Justice"},
    "guardian-qatar-6500-deaths-2021-02": {"The Guardian"},
    "outlaw-ocean-nk-seafood-2024": {"The Outlaw Ocean Project", "The New Yorker"},
}
MAX_SOURCES = {
    "aspi-uyghurs-for-sale-2020": 1,
    "doj-nk-it-workers-chapman-indictment-2024-05": 1,
    "guardian-qatar-6500-deaths-2021-02": 1,
    "outlaw-ocean-nk-seafood-2024": 1,
}
HASH = re.compile(r"\b[0-9a-f]{12,}\b")


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("indicia_bench_link", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench()


@pytest.fixture(scope="module")
def pile(benchdata_dir: Path, bench: ModuleType) -> Any:
    folder = require(benchdata_dir / "news-pile-dev")
    labels, sources, cleaned = bench.load_pile(folder, with_urls=True)
    score, result, _seconds = bench.link_pile(labels, sources, cleaned)
    return labels, sources, cleaned, score, result


def test_pile_stories_hold_the_floor(pile: Any) -> None:
    _labels, _sources, _cleaned, score, _result = pile
    assert score.ari >= ARI_FLOOR
    for report, floor in SHARE_FLOOR.items():
        assert score.share[report] >= floor, report
    assert len(score.merged) <= MAX_DISTRACTORS_MERGED, score.merged


def test_pile_origins_are_original_outlets(pile: Any) -> None:
    _labels, _sources, _cleaned, score, _result = pile
    for report, expected in ORIGINS.items():
        assert set(score.origins[report]) & expected, (report, score.origins[report])
        assert score.independent[report] <= MAX_SOURCES[report], report


def test_pile_unrelated_pages_stay_apart(pile: Any) -> None:
    labels, _sources, _cleaned, _score, result = pile
    files = {s.id: label for s, label in zip(pile[1], labels, strict=True)}
    for story in result.stories:
        kinds = {files[d]["story"] for d in story.documents}
        unrelated = {k for k in kinds if k.startswith("unrelated-")}
        assert not unrelated or kinds == unrelated, kinds


def test_pile_provenance_quotes_and_names(pile: Any) -> None:
    _labels, _sources, cleaned, _score, result = pile
    texts = {c.document_id: c.text for c in cleaned}
    relations = set()
    for link in result.documents:
        assert not (link.outlet and HASH.search(link.outlet))
        for d in link.derived_from:
            relations.add(d.relation)
            if d.start is not None and d.end is not None:
                assert texts[link.document_id][d.start : d.end] == d.evidence
    assert "translation" in relations
    for story in result.stories:
        for origin in story.origins:
            assert not HASH.search(origin.outlet), origin.outlet


def test_pile_text_only_still_links_across_languages(
    benchdata_dir: Path, bench: ModuleType
) -> None:
    folder = require(benchdata_dir / "news-pile-dev")
    labels, sources, cleaned = bench.load_pile(folder, with_urls=False)
    score, _result, _seconds = bench.link_pile(labels, sources, cleaned)
    assert score.ari >= ARI_FLOOR - 0.1


def test_pages_take_no_outlet_from_credits_or_furniture(benchdata_dir: Path) -> None:
    folder = require(benchdata_dir / "article-extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    records = [
        {
            "url": value["url"],
            "html": gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode(
                "utf-8", "replace"
            ),
        }
        for key, value in sorted(truth.items())
    ]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pages.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        sources = [s for s in iter_documents([str(path)]) if s.status == "ok"]
    assert len(sources) == len(records)
    cleaned = clean_documents(sources)
    result, _ = link_documents(sources, cleaned)
    by_id = {s.id: s for s in sources}
    for link in result.documents:
        source = by_id[link.document_id]
        assert link.outlet and not HASH.search(link.outlet), (source.url, link.outlet)
        listed = outlet_for_url(source.url)
        # A page on a listed outlet's domain is that outlet's, whatever its credits say.
        if listed:
            assert link.outlet == listed, (source.url, link.outlet)
        for d in link.derived_from:
            if d.relation == "copy" and d.outlet:
                # "copy of an outlet" only from metadata, never from a credit line
                assert d.outlet in (source.outlet, listed), (source.url, d.evidence)
    for story in result.stories:
        for origin in story.origins:
            assert not HASH.search(origin.outlet), origin.outlet
