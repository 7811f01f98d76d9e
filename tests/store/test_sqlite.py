from __future__ import annotations

from pathlib import Path

from indicia.records import (
    CleanDocument,
    DocumentEvidence,
    Evidence,
    IndicatorHit,
    LinkResult,
    Removal,
    Segment,
    SourceDocument,
    Span,
    Story,
)
from indicia.store import open_store


def _doc(i: int) -> SourceDocument:
    return SourceDocument(
        id=f"doc{i}",
        source_path=f"/in/{i}.txt",
        raw_sha256=f"{i:064d}",
        media_type="text",
        content=f"text {i}",
        size_bytes=6,
        title=f"T{i}",
        published="2025-08-12",
    )


def test_documents_round_trip_and_dedupe(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        assert store.add_document(_doc(1))
        assert not store.add_document(_doc(1))
        store.add_source_path("doc1", "/elsewhere/1.txt")
        assert store.get_document("doc1") == _doc(1)
        assert store.source_paths("doc1") == ["/in/1.txt", "/elsewhere/1.txt"]
        assert store.document_ids() == ["doc1"]


def test_clean_and_results_round_trip(tmp_path: Path) -> None:
    clean = CleanDocument(
        document_id="doc1",
        text="Hello.",
        paragraphs=(Span(0, 6),),
        segments=(Segment(0, 6, 2, 8),),
        removals=(Removal("login_form", "Login", 0, 5),),
    )
    evidence = DocumentEvidence(
        document_id="doc1",
        indicators=(IndicatorHit("isolation", Evidence("doc1", "Hello.", 0, 6), 0.8, "cue"),),
    )
    link = LinkResult(stories=(Story(id="s1", title="t", documents=("doc1",)),))
    with open_store(tmp_path / "s.db") as store:
        store.add_document(_doc(1))
        assert store.uncleaned_ids() == ["doc1"]
        store.put_clean(clean)
        store.put_evidence(evidence)
        store.put_link(link, {"k": 1})
    with open_store(tmp_path / "s.db") as store:
        assert store.get_clean("doc1") == clean
        assert store.uncleaned_ids() == []
        assert store.get_evidence("doc1") == evidence
        assert store.get_link() == link
        assert store.get_link_state() == {"k": 1}
        assert store.schema_version() >= 1


def test_transaction_rolls_back(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        try:
            with store.transaction():
                store.add_document(_doc(1))
                raise RuntimeError("boom")
        except RuntimeError:
            pass
        assert store.document_ids() == []


def _open_and_close(path: str) -> int:
    with open_store(path) as store:
        return store.schema_version()


def test_processes_creating_one_store_at_once_all_succeed(tmp_path: Path) -> None:
    # Migrations are checked inside the write lock, so racing creators never both apply one.
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        for round_ in range(20):
            path = str(tmp_path / f"race{round_}.db")
            versions = pool.map(_open_and_close, [path] * 8)
            assert len(set(versions)) == 1 and versions[0] >= 1


def test_result_scopes_lists_scopes_of_one_stage(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.put_result("extract", "a", {"x": 1})
        store.put_result("extract", "b", [1, 2])
        store.put_result("drops", "c", {})
        assert store.result_scopes("extract") == {"a", "b"}
        store.clear_results("extract")
        assert store.result_scopes("extract") == set()
        assert store.result_scopes("drops") == {"c"}
