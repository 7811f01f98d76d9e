"""Rendering costs in proportion to the dossier, not its square.

dossier.html renders every story and every document; each view used to scan every
indicator, claim, entity and document again, so 100,000 one-line files took hours.
These tests count how often the dossier's sections are walked (deterministic: no
timing), and how often `text_runs` touches a quote.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicia.report import (
    Index,
    claims_csv,
    documents_list,
    dossier_json_chunks,
    indicators_csv,
    render_html,
    render_markdown,
    stories_overview,
    views,
    xlsx_bytes,
)


class CountingList(list[Any]):
    """A list that counts how often it is walked from the start."""

    walks = 0

    def __iter__(self) -> Any:
        type(self).walks += 1
        return super().__iter__()


def _dossier(n: int) -> dict[str, Any]:
    documents, stories, indicators, claims, entities = [], [], [], [], []
    for k in range(n):
        doc_id, story_id = f"d{k:05d}", f"s{k // 2:05d}"
        text = f"Report {k}: inspectors found 12 workers locked in."
        ev = {"document": doc_id, "quote": text[11:], "start": 11, "end": len(text)}
        documents.append(
            {"id": doc_id, "source_path": f"in/{k}.txt", "also_found_at": [], "title": None,
             "outlet": None, "url": None, "author": None, "published": "2025-01-01",
             "language": "en", "status": "ok", "text": text, "story": story_id,
             "removed": {"boilerplate_lines": 0, "repeated_paragraphs": 0, "items": []},
             "derived_from": [], "duplicate_of": None, "notes": [f"note {k}"]}
        )  # fmt: skip
        if k % 2 == 0:
            stories.append({"id": story_id, "title": f"Story {k}", "documents": [doc_id],
                            "origins": [], "independent_sources": 1})  # fmt: skip
        else:
            stories[-1]["documents"].append(doc_id)
        indicators.append({"story": story_id, "code": "restriction_of_movement",
                           "label": "Restriction of movement", "evidence": [ev],
                           "independent_sources": 1, "confidence": 0.9})  # fmt: skip
        claims.append({"id": f"c{k}", "story": story_id, "measure": "workers locked in",
                       "value": 12.0, "low": None, "high": None, "unit": "people",
                       "qualifier": None, "period": None, "attributed_to": None,
                       "evidence": [ev], "independent_sources": 1, "conflicts": [],
                       "per": None, "change": None, "alternatives": [], "clock": None})  # fmt: skip
        entities.append({"name": f"Place {k}", "type": "place", "aliases": [],
                         "documents": [doc_id]})  # fmt: skip
    sections = {"documents": documents, "stories": stories, "indicators": indicators,
                "claims": claims, "entities": entities}  # fmt: skip
    return {
        "schema": "indicia.dossier/1",
        "generator": "indicia test",
        "summary": {"documents": n, "ok": n, "rejected": 0, "stories": len(stories)},
        **{name: CountingList(items) for name, items in sections.items()},
    }


def _walks(n: int) -> int:
    dossier = _dossier(n)
    CountingList.walks = 0
    html = render_html(dossier)
    assert "Place" in html or "workers locked in" in html
    return CountingList.walks


def test_dossier_html_walks_each_section_a_fixed_number_of_times() -> None:
    # Before: every story and document view walked the sections again (walks ~ n).
    small, large = _walks(10), _walks(40)
    assert small == large, (small, large)


# Every other file a report writes, and the pages the web app lists everything on.
_OUTPUTS = {
    "dossier.md": render_markdown,
    "claims.csv": lambda d: claims_csv(d, Index(d)),
    "indicators.csv": lambda d: indicators_csv(d, Index(d)),
    "dossier.xlsx": lambda d: xlsx_bytes(d, Index(d)),
    "dossier.json": lambda d: "".join(dossier_json_chunks(d)),
    "front page": lambda d: stories_overview(d, Index(d)),
    "document list": documents_list,
}


@pytest.mark.parametrize("output", sorted(_OUTPUTS))
def test_every_output_walks_each_section_a_fixed_number_of_times(output: str) -> None:
    walks = []
    for n in (10, 40):
        dossier = _dossier(n)
        CountingList.walks = 0
        _OUTPUTS[output](dossier)
        walks.append(CountingList.walks)
    assert walks[0] == walks[1], walks


class CountingQuote(dict[str, Any]):
    reads = 0

    def __getitem__(self, key: str) -> Any:
        type(self).reads += 1
        return super().__getitem__(key)


def test_text_runs_read_each_quote_a_bounded_number_of_times() -> None:
    count = 3000
    text = "word " * count
    quotes = [
        CountingQuote(start=5 * k, end=5 * k + 4, key=f"q{k}", kinds=["figure"], what=["x"])
        for k in range(count)
    ]
    CountingQuote.reads = 0
    runs = views.text_runs(text, list(quotes))
    assert "".join(r["text"] for r in runs) == text
    # Each quote is read a handful of times; the old scan read it once per run (~6,000).
    assert CountingQuote.reads <= 20 * count


def _naive_runs(text: str, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The definition text_runs must keep: cut at every boundary, list what covers a run."""
    cuts = {0, len(text)}
    for q in quotes:
        cuts.update((q["start"], q["end"]))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    runs = []
    for start, end in itertools.pairwise(bounds):
        covering = [q for q in quotes if q["start"] <= start and end <= q["end"]]
        runs.append(
            {
                "text": text[start:end],
                "start": start,
                "evidence_keys": [q["key"] for q in covering],
                "anchors": [q["key"] for q in covering if q["start"] == start],
                "kinds": sorted({k for q in covering for k in q["kinds"]}),
                "what": [w for q in covering for w in q["what"]],
            }
        )
    return runs


@settings(deadline=None)  # no time limit: the machine may be busy
@given(
    st.text(max_size=40),
    st.lists(
        st.tuples(st.integers(-5, 45), st.integers(-5, 45), st.sampled_from(["a", "b"])),
        max_size=10,
    ),
)
def test_text_runs_match_their_definition(text: str, spans: list[tuple[int, int, str]]) -> None:
    quotes = [
        {"start": a, "end": b, "key": f"k{n}", "kinds": [kind], "what": [f"w{n}"]}
        for n, (a, b, kind) in enumerate(spans)
    ]
    assert views.text_runs(text, quotes) == _naive_runs(text, quotes)
