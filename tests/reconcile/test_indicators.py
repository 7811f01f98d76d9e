"""Indicator findings per story: quotes gathered, origins counted once."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicia.clean import clean_documents
from indicia.extract.indicators import find_indicators
from indicia.extract.sentences import split_sentences
from indicia.ingest import iter_documents
from indicia.reconcile.indicators import (
    document_origins,
    indicators_by_document,
    reconcile_indicators,
)
from indicia.records import (
    Derivation,
    DocumentEvidence,
    DocumentLink,
    Evidence,
    IndicatorHit,
    LinkResult,
    Origin,
    Story,
)


def _hit(
    doc: str, code: str = "excessive_overtime", conf: float = 0.8, start: int = 0
) -> IndicatorHit:
    quote = "They worked 18-hour shifts."
    return IndicatorHit(code, Evidence(doc, quote, start, start + len(quote)), conf, "cue")


def _evidence(*docs: str, code: str = "excessive_overtime") -> list[DocumentEvidence]:
    return [DocumentEvidence(d, indicators=(_hit(d, code),)) for d in docs]


def _links(*docs: DocumentLink, origins: tuple[Origin, ...] = ()) -> LinkResult:
    story = Story("s1", "t", tuple(d.document_id for d in docs), origins)
    return LinkResult(documents=docs, stories=(story,))


def test_copies_in_one_origin_are_one_source() -> None:
    link = _links(
        DocumentLink("a", "s1"),
        DocumentLink("b", "s1"),
        origins=(Origin("BBC", ("a", "b")),),
    )
    (finding,) = reconcile_indicators(link, _evidence("a", "b"))
    assert finding.independent_sources == 1
    assert [e.document for e in finding.evidence] == ["a", "b"]
    assert finding.label == "Excessive overtime"


def test_two_origins_are_two_sources_and_raise_confidence() -> None:
    link = _links(
        DocumentLink("a", "s1"),
        DocumentLink("b", "s1"),
        origins=(Origin("BBC", ("a",)), Origin("Reuters", ("b",))),
    )
    (finding,) = reconcile_indicators(link, _evidence("a", "b"))
    assert finding.independent_sources == 2
    assert finding.confidence == pytest.approx(1 - 0.2 * 0.2, abs=1e-3)


def test_a_document_citing_an_origin_outlet_joins_that_origin() -> None:
    link = _links(
        DocumentLink("a", "s1"),
        DocumentLink("b", "s1", derived_from=(Derivation("cites", outlet="bbc"),)),
        origins=(Origin("BBC", ("a",)),),
    )
    assert document_origins(link)["b"] == document_origins(link)["a"]
    (finding,) = reconcile_indicators(link, _evidence("a", "b"))
    assert finding.independent_sources == 1


def test_without_origins_duplicates_and_rewrites_count_once() -> None:
    link = _links(
        DocumentLink("a", "s1"),
        DocumentLink("b", "s1", duplicate_of="a"),
        DocumentLink("c", "s1", derived_from=(Derivation("rewrite", document="b"),)),
        DocumentLink("d", "s1"),
    )
    (finding,) = reconcile_indicators(link, _evidence("a", "b", "c", "d"))
    assert finding.independent_sources == 2  # a-b-c is one chain; d stands alone


def test_without_origins_a_cited_outlet_is_one_source() -> None:
    cites = (Derivation("cites", outlet="BBC"),)
    link = _links(
        DocumentLink("a", "s1", derived_from=cites), DocumentLink("b", "s1", derived_from=cites)
    )
    (finding,) = reconcile_indicators(link, _evidence("a", "b"))
    assert finding.independent_sources == 1


def test_derivation_cycles_end() -> None:
    link = _links(
        DocumentLink("a", "s1", duplicate_of="b"),
        DocumentLink("b", "s1", duplicate_of="a"),
    )
    (finding,) = reconcile_indicators(link, _evidence("a", "b"))
    assert finding.independent_sources == 1


def test_findings_are_per_story_and_in_taxonomy_order() -> None:
    link = LinkResult(
        documents=(DocumentLink("a", "s1"), DocumentLink("b", "s2")),
        stories=(Story("s1", "one", ("a",)), Story("s2", "two", ("b",))),
    )
    ev = [
        DocumentEvidence("a", indicators=(_hit("a", "excessive_overtime"), _hit("a", "isolation"))),
        DocumentEvidence("b", indicators=(_hit("b", "deception"),)),
    ]
    found = [(f.story, f.code) for f in reconcile_indicators(link, ev)]
    assert found == [("s1", "isolation"), ("s1", "excessive_overtime"), ("s2", "deception")]


def test_same_sentence_twice_is_one_quote() -> None:
    link = _links(DocumentLink("a", "s1"))
    ev = [DocumentEvidence("a", indicators=(_hit("a"), _hit("a", conf=0.9)))]
    (finding,) = reconcile_indicators(link, ev)
    assert len(finding.evidence) == 1
    assert finding.confidence == pytest.approx(0.9)


def test_unlinked_documents_are_their_own_story() -> None:
    (finding,) = reconcile_indicators(LinkResult(), _evidence("x"))
    assert finding.story == "x" and finding.independent_sources == 1


def test_matrix_per_document() -> None:
    ev = [DocumentEvidence("a", indicators=(_hit("a"), _hit("a", "isolation", start=40)))]
    matrix = indicators_by_document(ev)
    assert set(matrix["a"]) == {"excessive_overtime", "isolation"}


def test_five_seed_copies_of_one_report_are_one_source(seed_paths: list[Path]) -> None:
    docs = [d for d in iter_documents([str(p) for p in seed_paths]) if d.status == "ok"]
    cleaned = clean_documents(docs)
    ids = tuple(c.document_id for c in cleaned)
    evidence = [
        DocumentEvidence(c.document_id, indicators=find_indicators(c, split_sentences(c.text)))
        for c in cleaned
    ]
    link = LinkResult(
        documents=tuple(DocumentLink(i, "bbc-story") for i in ids),
        stories=(Story("bbc-story", "North Korean workers in Russia", ids, (Origin("BBC", ids),)),),
    )
    findings = reconcile_indicators(link, evidence)
    assert {f.code for f in findings} >= {"excessive_overtime", "physical_sexual_violence"}
    by_id = {c.document_id: c.text for c in cleaned}
    for f in findings:
        assert f.independent_sources == 1
        for e in f.evidence:
            assert by_id[e.document][e.start : e.end] == e.quote
