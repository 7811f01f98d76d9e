"""Inputs that cost far more than their size: each hits a bound and says which.

The PDFs are built here (tests/ingest/ingest_builders.py): a few hundred kilobytes
that would take hours to read, or unfold into a hundred million characters. The
tests count the work spent (pages parsed) and check the rejection names its bound;
nothing here measures time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ingest_builders import (
    ARTICLE,
    make_form_bomb_pdf,
    make_pdf,
    make_shared_stream_pdf,
    make_text_ops,
)

from indicia.ingest import IngestOptions, iter_documents
from indicia.records import SourceDocument


def _read(path: Path, **limits: int) -> SourceDocument:
    [document] = iter_documents([str(path)], IngestOptions(**limits))
    return document


class _PagesParsed:
    """Counts the pages pypdf extracts text from."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from pypdf import PageObject

        self.count = 0
        real = PageObject.extract_text

        def counted(page: Any, *args: Any, **kwargs: Any) -> str:
            self.count += 1
            return real(page, *args, **kwargs)

        monkeypatch.setattr(PageObject, "extract_text", counted)


def test_thousands_of_pages_sharing_one_huge_stream_are_rejected_unparsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2,000 pages that each draw one 5 MB content stream: a file of about 330 KB.
    path = tmp_path / "shared.pdf"
    path.write_bytes(make_shared_stream_pdf(2000, make_text_ops(5 * 1024 * 1024 // 25)))
    assert path.stat().st_size < 400_000
    parsed = _PagesParsed(monkeypatch)
    document = _read(path)
    assert document.status == "rejected"
    assert "(max_pdf_page_content_bytes)" in (document.error or "")
    assert parsed.count == 0


def test_the_content_parsed_over_all_pages_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.pdf"
    path.write_bytes(make_shared_stream_pdf(2000, make_text_ops(400)))  # 10 KB a page
    parsed = _PagesParsed(monkeypatch)
    document = _read(path, max_pdf_content_bytes=50_000)
    assert document.status == "rejected"
    assert "more than 0.0476837 MiB to parse (max_pdf_content_bytes)" in (document.error or "")
    assert parsed.count <= 5  # it stopped as soon as the sum went over, not at page 2,000


def test_drawing_operations_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "ops.pdf"
    path.write_bytes(make_shared_stream_pdf(3, make_text_ops(1000)))
    document = _read(path, max_pdf_operators=2000)
    assert document.status == "rejected"
    assert "more than 2,000 operations (max_pdf_operators" in (document.error or "")
    assert _read(path).status == "ok"  # the default bound lets such a file through


def test_forms_drawing_forms_cannot_unfold_into_unbounded_text(tmp_path: Path) -> None:
    # 1.7 KB whose forms draw one long string ten thousand times over.
    path = tmp_path / "forms.pdf"
    path.write_bytes(make_form_bomb_pdf(4, 10, "many words " * 100))
    assert path.stat().st_size < 3000
    document = _read(path, max_text_chars=200_000)
    assert document.status == "rejected"
    assert document.error == "PDF text is longer than 200,000 characters (max_text_chars)"


def test_forms_over_the_operation_bound_are_rejected_not_half_read(tmp_path: Path) -> None:
    # pypdf logs and skips a form that fails; a bound hit inside one still rejects the PDF.
    path = tmp_path / "forms.pdf"
    path.write_bytes(make_form_bomb_pdf(3, 20))
    document = _read(path, max_pdf_operators=5000)
    assert document.status == "rejected"
    assert "(max_pdf_operators" in (document.error or "")


def test_forms_past_pypdfs_own_limit_are_rejected_never_silently_cut(tmp_path: Path) -> None:
    # A million nested form draws in 2 KB: pypdf stops drawing forms after a few thousand
    # and only logs it, which would keep a fraction of the text as if it were all of it.
    path = tmp_path / "forms.pdf"
    path.write_bytes(make_form_bomb_pdf(6, 10, "many words " * 11))
    document = _read(path)
    assert document.status == "rejected"
    assert document.error == (
        "a PDF page draws forms or images more than 2,000 times (max_pdf_page_form_draws)"
    )
    # 1,110 draws (forms three deep, ten to a level) are within it, and read whole
    path.write_bytes(make_form_bomb_pdf(3, 10, "some words "))
    document = _read(path)
    assert document.status == "ok"
    assert document.content.count("some words") == 1000


def test_too_many_pages_is_a_rejection_naming_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(make_shared_stream_pdf(30, make_text_ops(5)))
    document = _read(path, max_pdf_pages=20)
    assert document.status == "rejected"
    assert document.error == "PDF has 30 pages, more than 20 (max_pdf_pages)"


def test_an_ordinary_pdf_reads_within_every_bound(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["Harbour Workers Unpaid", "", ARTICLE[:90], ARTICLE[90:180]]))
    document = _read(path)
    assert document.status == "ok"
    assert "Harbour Workers Unpaid" in document.content


@pytest.mark.parametrize("name", ["long.txt", "long.md", "long.jsonl"])
def test_text_longer_than_the_bound_is_rejected_whatever_the_format(
    tmp_path: Path, name: str
) -> None:
    body = (ARTICLE + "\n\n") * 400  # about 130,000 characters
    if name.endswith(".html"):
        data = f"<html><body><article><p>{body}</p></article></body></html>"
    elif name.endswith(".jsonl"):
        data = '{"text": "' + body.replace("\n", "\\n") + '"}\n'
    else:
        data = body
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    document = _read(path, max_text_chars=100_000)
    assert document.status == "rejected"
    assert "text is longer than 100,000 characters" in (document.error or "")
    assert "max_text_chars)" in (document.error or "")
    assert _read(path).status == "ok"


def test_html_source_has_its_own_bound_and_its_text_is_held_to_the_text_bound_later(
    tmp_path: Path,
) -> None:
    # Markup makes a page's source many times its text: the source is bounded apart
    # (max_html_chars); its text meets max_text_chars once cleaned (tests/test_pipeline.py).
    body = (ARTICLE + "\n\n") * 400  # about 130,000 characters
    path = tmp_path / "long.html"
    path.write_text(f"<html><body><article><p>{body}</p></article></body></html>", "utf-8")
    assert _read(path, max_text_chars=100_000).status == "ok"
    document = _read(path, max_html_chars=100_000)
    assert document.status == "rejected"
    assert document.error is not None
    assert document.error.startswith("HTML source is longer than 100,000 characters (")
    assert document.error.endswith("; max_html_chars)")
