"""The Store interface on both backends: SQLite files and a real PostgreSQL server.

Every test that takes `store_location` runs once per backend (see tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from indicia.records import (
    CleanDocument,
    DocumentEvidence,
    Evidence,
    IndicatorHit,
    LinkResult,
    Removal,
    Segment,
    SiteLines,
    SourceDocument,
    Span,
    Story,
)
from indicia.store import open_store
from indicia.store.migrations import MIGRATIONS, POSTGRES_MIGRATIONS
from indicia.store.postgres import is_postgres_url, redact

NewStore = Callable[[str], str]


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


def test_documents_round_trip_and_dedupe(store_location: NewStore) -> None:
    with open_store(store_location("s")) as store:
        assert store.add_document(_doc(1))
        assert not store.add_document(_doc(1))
        store.add_source_path("doc1", "/elsewhere/1.txt")
        assert store.get_document("doc1") == _doc(1)
        assert store.source_paths("doc1") == ["/in/1.txt", "/elsewhere/1.txt"]
        assert store.document_ids() == ["doc1"]


def test_clean_and_results_round_trip(store_location: NewStore) -> None:
    location = store_location("s")
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
    with open_store(location) as store:
        store.add_document(_doc(1))
        assert store.uncleaned_ids() == ["doc1"]
        store.put_clean(clean)
        store.put_evidence(evidence)
        store.put_link(link, {"k": 1})
    with open_store(location) as store:
        assert store.get_clean("doc1") == clean
        assert store.uncleaned_ids() == []
        assert store.get_evidence("doc1") == evidence
        assert store.get_link() == link
        assert store.get_link_state() == {"k": 1}
        assert store.schema_version() >= 1


def test_transaction_rolls_back(store_location: NewStore) -> None:
    with open_store(store_location("s")) as store:
        try:
            with store.transaction():
                store.add_document(_doc(1))
                raise RuntimeError("boom")
        except RuntimeError:
            pass
        assert store.document_ids() == []
        # Nested groups land with the outermost one.
        with store.transaction():
            store.add_document(_doc(2))
            with store.transaction():
                store.add_document(_doc(3))
        assert store.document_ids() == ["doc2", "doc3"]


def _open_and_close(path: str) -> int:
    with open_store(path) as store:
        return store.schema_version()


def test_processes_creating_one_store_at_once_all_succeed(store_location: NewStore) -> None:
    # Migrations are checked inside the write lock, so racing creators never both apply one.
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        for round_ in range(5 if is_postgres_url(store_location("probe")) else 20):
            location = store_location(f"race{round_}")
            versions = pool.map(_open_and_close, [location] * 8)
            assert len(set(versions)) == 1 and versions[0] == len(MIGRATIONS)


def test_result_scopes_lists_scopes_of_one_stage(store_location: NewStore) -> None:
    with open_store(store_location("s")) as store:
        store.put_result("extract", "a", {"x": 1})
        store.put_result("extract", "b", [1, 2])
        store.put_result("drops", "c", {})
        assert store.result_scopes("extract") == {"a", "b"}
        store.clear_results("extract")
        assert store.result_scopes("extract") == set()
        assert store.result_scopes("drops") == {"c"}


def test_a_replaced_result_moves_last_and_any_text_round_trips(store_location: NewStore) -> None:
    odd = _doc(7)
    odd = SourceDocument(**{**odd.__dict__, "content": "a\x00b \u00e9 \U0001f600 \u4e2d"})
    with open_store(store_location("s")) as store:
        store.add_document(odd)
        assert store.get_document("doc7") == odd
        for scope in ("a", "b", "c"):
            store.put_result("extract", scope, {"scope": scope, "text": "nul\x00 here"})
        store.put_result("extract", "a", {"scope": "a", "again": True})
        assert [scope for scope, _ in store.results("extract")] == ["b", "c", "a"]
        assert store.get_result("extract", "b") == {"scope": "b", "text": "nul\x00 here"}
        assert store.get_result("extract", "zz") is None


def test_both_backends_have_the_same_migrations_in_the_same_order() -> None:
    assert [name for name, _ in MIGRATIONS] == [name for name, _ in POSTGRES_MIGRATIONS]


def test_open_store_tells_a_postgres_url_from_a_file_and_hides_passwords() -> None:
    assert is_postgres_url("postgresql://u@h/db") and is_postgres_url("postgres://h/db")
    assert not is_postgres_url("case.db") and not is_postgres_url(Path("postgresql:x"))
    assert redact("postgresql://ana:s3cret@db.example:5432/case") == (
        "postgresql://ana:***@db.example:5432/case"
    )
    assert redact("postgresql://db.example/case") == "postgresql://db.example/case"


def test_an_unreachable_postgres_server_is_a_store_error_without_the_password() -> None:
    pytest.importorskip("psycopg")
    from indicia.errors import StoreError

    url = "postgresql://ana:s3cret@/case?host=/nonexistent-socket-dir&connect_timeout=2"
    with pytest.raises(StoreError, match="cannot open store") as caught:
        open_store(url)
    assert "s3cret" not in str(caught.value)


def test_one_command_holds_the_store_and_a_second_is_told(store_location: NewStore) -> None:
    from indicia.errors import StoreError

    location = store_location("s")
    with open_store(location) as first, open_store(location) as second:
        with (
            first.hold(),
            pytest.raises(StoreError, match="in use by another indicia command"),
            second.hold(),
        ):
            pass
        with second.hold():  # released once the first let go
            pass
        with first.hold(exclusive=False), second.hold(exclusive=False):
            pass  # commands that only add documents share it


def test_forget_removes_a_document_and_what_was_made_from_it(store_location: NewStore) -> None:
    with open_store(store_location("s")) as store:
        for i in (1, 2):
            store.add_document(_doc(i))
            store.put_clean(CleanDocument(document_id=f"doc{i}", text=f"Text {i}."))
            store.put_result("extract", f"doc{i}", {"n": i})
        store.add_source_path("doc1", "/elsewhere/1.txt")
        store.put_link(LinkResult(), {"k": 1})
        assert store.find_documents("/elsewhere/1.txt") == ["doc1"]
        assert store.find_documents("doc2") == ["doc2"]
        assert store.forget("doc1") and not store.forget("doc1")
        assert store.document_ids() == ["doc2"] and store.clean_ids() == ["doc2"]
        assert store.result_scopes("extract") == {"doc2"}
        assert store.get_link() is None and store.find_documents("/elsewhere/1.txt") == []


def test_site_lines_are_kept_per_site_and_forget_marks_the_site_changed(
    store_location: NewStore,
) -> None:
    with open_store(store_location("s")) as store:
        for i in (1, 2, 3):
            store.add_document(_doc(i))
        first = SiteLines("doc1", "outlet:gazette", ("a1", "b2"), ("s1",), ("a1",))
        second = SiteLines("doc2", "outlet:gazette", ("a1",), ("s2", "s3"))
        other = SiteLines("doc3", "host:other.example", ("a1",), ())
        with store.transaction():
            for lines in (second, other, first):
                store.put_site_lines(lines)
        assert store.site_lines("outlet:gazette") == [first, second]
        assert store.site_lines("host:other.example") == [other]
        assert store.site_lines("outlet:nobody") == []
        again = SiteLines("doc1", "outlet:gazette", ("a1", "b2"), ("s1",), ("a1", "b2"))
        store.put_site_lines(again)  # replaced, not added
        assert store.site_lines("outlet:gazette") == [again, second]
        assert store.changed_sites() == []
        assert store.forget("doc1")
        assert store.site_lines("outlet:gazette") == [second]
        assert store.changed_sites() == ["outlet:gazette"]
        store.site_settled("outlet:gazette")
        assert store.changed_sites() == []


def test_forget_derived_drops_what_was_made_from_one_cleaned_text(
    store_location: NewStore,
) -> None:
    with open_store(store_location("s")) as store:
        for i in (1, 2):
            store.add_document(_doc(i))
            for stage in ("extract", "link_features", "drops"):
                store.put_result(stage, f"doc{i}", {"n": i})
        store.put_link(LinkResult(), {"k": 1})
        store.put_result("reconcile", "corpus", {})
        store.put_result("run", "methods", {"ner": "x"})
        store.forget_derived("doc1")
        for stage in ("extract", "link_features", "drops"):
            assert store.result_scopes(stage) == {"doc2"}
        assert store.get_link() is None and store.get_link_state() is None
        assert store.get_result("reconcile", "corpus") is None
        assert store.get_methods() == {"ner": "x"}
        assert store.document_ids() == ["doc1", "doc2"]
