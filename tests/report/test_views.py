"""The view models: text runs, the origins graph, figures over time, matrices."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicia.report import build_dossier, views
from indicia.report.plots import coverage_svg, figures_svg, origins_svg, timeline_svg
from web_sample import HOSTILE_STORY, ORIGINAL, REWRITE, STORY, build_sample_store


def _quote(start: int, end: int, kind: str = "indicator") -> dict[str, Any]:
    return {"start": start, "end": end, "key": f"k{start}-{end}", "kinds": [kind], "what": [kind]}


@given(
    st.text(min_size=0, max_size=80),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=8),
)
def test_text_runs_give_back_the_text_and_cover_each_quote(
    text: str, spans: list[tuple[int, int]]
) -> None:
    quotes = [_quote(a, b) for a, b in spans if 0 <= a < b <= len(text)]
    runs = views.text_runs(text, quotes)
    assert "".join(r["text"] for r in runs) == text
    for quote in quotes:
        covered = "".join(r["text"] for r in runs if quote["key"] in r["evidence_keys"])
        assert covered == text[quote["start"] : quote["end"]]
        starts = [r for r in runs if quote["key"] in r["anchors"]]
        assert len(starts) == 1 and starts[0]["start"] == quote["start"]


def test_overlapping_quotes_mark_their_overlap_with_both() -> None:
    runs = views.text_runs("abcdefgh", [_quote(1, 5, "indicator"), _quote(3, 7, "figure")])
    assert [r["text"] for r in runs] == ["a", "bc", "de", "fg", "h"]
    assert runs[2]["kinds"] == ["figure", "indicator"]


def _dossier(documents: list[dict[str, Any]], origins: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "documents": documents,
        "stories": [
            {
                "id": "s",
                "title": "t",
                "documents": [d["id"] for d in documents],
                "origins": origins,
                "independent_sources": 1,
            }
        ],
        "indicators": [],
        "claims": [],
        "entities": [],
    }


def _doc(doc_id: str, derived: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": doc_id,
        "title": doc_id,
        "outlet": None,
        "published": None,
        "status": "ok",
        "source_path": doc_id,
        "text": "",
        "removed": {"boilerplate_lines": 0, "repeated_paragraphs": 0},
        "story": "s",
        "derived_from": derived,
    }


def test_origins_graph_columns_follow_derivation_depth() -> None:
    dossier = _dossier(
        [
            _doc("a", []),
            _doc("b", [{"relation": "rewrite", "document": "a", "outlet": None, "evidence": ""}]),
            _doc(
                "c",
                [
                    {"relation": "cites", "document": None, "outlet": "BBC", "evidence": ""},
                    {"relation": "copy", "document": "b", "outlet": None, "evidence": ""},
                ],
            ),
        ],
        [{"outlet": "BBC", "documents": []}],
    )
    graph = views.origins_graph(dossier, "s")
    columns = {n["id"]: n["column"] for n in graph["nodes"]}
    assert columns == {"d:a": 0, "d:b": 1, "d:c": 2, "o:BBC": 0}
    assert len(graph["edges"]) == 3
    assert origins_svg(graph, lambda d, k: f"/documents/{d}").count("<a href=") == 3


def test_origins_graph_survives_a_cycle() -> None:
    dossier = _dossier(
        [
            _doc("a", [{"relation": "copy", "document": "b", "outlet": None, "evidence": ""}]),
            _doc("b", [{"relation": "copy", "document": "a", "outlet": None, "evidence": ""}]),
        ],
        [],
    )
    graph = views.origins_graph(dossier, "s")
    assert {n["id"] for n in graph["nodes"]} == {"d:a", "d:b"}
    assert str(origins_svg(graph, lambda d, k: "#"))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from indicia.store import open_store

    db = build_sample_store(tmp_path_factory.mktemp("sample") / "indicia.db")
    with open_store(Path(db)) as store:
        return build_dossier(store)


def test_sample_story_view(sample: dict[str, Any]) -> None:
    view = views.story_view(sample, STORY)
    assert view is not None
    assert [d["id"] for d in view["timeline"]] == [ORIGINAL, REWRITE]
    # The two conflicting counts share one panel, one series each.
    panels = {p["measure"]: p for p in view["figure_series"]}
    migrants = panels["migrants employed at the plant"]
    assert sorted(p["value"] for p in migrants["points"]) == [250.0, 300.0]
    assert {p["series"] for p in migrants["points"]} == {0, 1}
    wages = panels["monthly wage withheld"]["points"][0]
    assert (wages["low"], wages["high"], wages["value"]) == (350.0, 400.0, 375.0)
    assert len(view["conflicts"]) == 1  # one pair, though both claims name the other


def test_hostile_story_view_keeps_its_strings(sample: dict[str, Any]) -> None:
    view = views.story_view(sample, HOSTILE_STORY)
    assert view is not None
    assert view["story"]["title"].startswith("<script>")


_XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'"),
    max_size=40,
)
_SVG_TAGS = {"svg", "a", "title", "line", "circle", "text", "rect", "g", "defs", "marker", "path"}


def _tags(svg: str) -> set[str]:
    # Parsing proves the escaping: a leaked "<" would add an element or break the parse.
    root = ElementTree.fromstring(svg)
    return {element.tag.split("}")[-1] for element in root.iter()}


@given(_XML_TEXT, _XML_TEXT, _XML_TEXT)
def test_svg_text_is_always_escaped(measure: str, source: str, quote: str) -> None:
    panel = {
        "measure": measure,
        "unit": "<b>",
        "claims": [],
        "points": [
            {
                "series": 0,
                "claim": "c",
                "date": "2025-01-02",
                "value": 3.0,
                "low": 1.0,
                "high": 4.0,
                "source": source,
                "quote": quote,
                "key": "k",
                "document": "d",
            },
            {
                "series": 1,
                "claim": "c",
                "date": None,
                "value": 2.0,
                "low": None,
                "high": None,
                "source": quote,
                "quote": source,
                "key": "k",
                "document": "d",
            },
        ],
    }
    assert _tags(str(figures_svg(panel, lambda d, k: "#x"))) <= _SVG_TAGS
    rows = [{"id": "d", "published": "2025-01-02", "outlet": source, "title": quote}]
    assert _tags(str(timeline_svg(rows, lambda d, k: "#x"))) <= _SVG_TAGS
    graph = {
        "nodes": [
            {
                "id": "d:1",
                "kind": "document",
                "document": "1",
                "label": source,
                "published": measure,
                "origin": False,
                "column": 1,
            },
            {
                "id": "o:x",
                "kind": "outlet",
                "document": None,
                "label": quote,
                "published": None,
                "origin": True,
                "column": 0,
            },
        ],
        "edges": [{"source": "d:1", "target": "o:x", "relation": "cites", "evidence": measure}],
    }
    assert _tags(str(origins_svg(graph, lambda d, k: "#x"))) <= _SVG_TAGS
    rows2 = [{"code": "x", "label": quote, "independent_sources": 1, "quotes": 2, "documents": 1}]
    assert _tags(str(coverage_svg(rows2))) <= _SVG_TAGS


def test_indicator_codes_are_the_eleven_of_the_schema() -> None:
    codes = views.indicator_codes()
    assert len(codes) == 11 and "excessive_overtime" in codes


def test_derivations_merge_repeated_citations() -> None:
    dossier = _dossier(
        [
            _doc("a", []),
            _doc(
                "b",
                [
                    {"relation": "cites", "document": None, "outlet": "BBC", "evidence": "x"},
                    {"relation": "cites", "document": None, "outlet": "BBC", "evidence": "y"},
                    {"relation": "cites", "document": None, "outlet": "BBC", "evidence": "x"},
                    {"relation": "rewrite", "document": "a", "outlet": None, "evidence": ""},
                ],
            ),
        ],
        [],
    )
    index = views.Index(dossier)
    merged = views.derivations(dossier["documents"][1]["derived_from"], index)
    assert [(d["relation"], d["label"], d["count"], d["evidence"]) for d in merged] == [
        ("cites", "BBC", 3, "x; y"),
        ("rewrite", "a", 1, ""),
    ]
    assert merged[1]["document"] == "a"
