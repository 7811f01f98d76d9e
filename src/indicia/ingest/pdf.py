"""PDF files: their text layer, page by page, with the title and author they declare.

pypdf reads the text layer; pages are joined with blank lines. A PDF that is
encrypted with a password, or has no text layer (a scan), is rejected with that
reason: OCR is out of scope. The creation date in a PDF's info dictionary is
when the file was made, not when the report was published, so it is not used.

A small file can describe an enormous amount of work (thousands of pages drawing
one big content stream, forms that draw forms), so reading is bounded by design:
pages, content-stream bytes parsed and drawing operators run, each counted as it
is spent; a PDF past one of them is rejected naming the bound, before the cost.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from indicia.errors import InputError
from indicia.ingest.document import ok_document
from indicia.ingest.guard import translating
from indicia.ingest.metadata import Metadata, clean_field
from indicia.ingest.text import text_metadata
from indicia.records import SourceDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfLimits:
    """How much work one PDF may cost; the names are IngestOptions' fields."""

    max_pages: int
    max_content_bytes: int
    max_page_content_bytes: int
    max_operators: int
    max_text_chars: int
    max_page_form_draws: int


class _OverBudget(MemoryError):
    """A bound was hit. A MemoryError, because pypdf lets only that escape a form it draws
    (any other error there is logged and the next form drawn)."""


class _Budget:
    """Counts the work spent on one PDF and stops it, naming the bound, when one is hit."""

    def __init__(self, path: str, limits: PdfLimits) -> None:
        self.path = path
        self.limits = limits
        self.content_bytes = 0
        self.operators = 0
        self.text_chars = 0
        self.page_form_draws = 0  # reset for each page
        self.exceeded: str | None = None  # sticky: once over, every later step stops too

    def _over(self, reason: str) -> None:
        self.exceeded = self.exceeded or reason
        raise _OverBudget(self.exceeded)

    def check(self) -> None:
        if self.exceeded:
            raise InputError(self.path, self.exceeded)

    def spend_content(self, size: int) -> None:
        # Text extraction costs more than linear time in a page's size: each page is capped.
        if size > self.limits.max_page_content_bytes:
            self._over(
                f"a PDF page draws more than {_mib(self.limits.max_page_content_bytes)}"
                " of content (max_pdf_page_content_bytes)"
            )
        self.content_bytes += size
        if self.content_bytes > self.limits.max_content_bytes:
            self._over(
                f"PDF content streams add up to more than {_mib(self.limits.max_content_bytes)}"
                " to parse (max_pdf_content_bytes)"
            )

    def operator(self, operator: Any, *_: Any) -> None:
        self.operators += 1
        if self.exceeded or self.operators > self.limits.max_operators:
            self._over(
                f"PDF draws more than {self.limits.max_operators:,} operations"
                " (max_pdf_operators; forms drawing forms multiply them)"
            )
        if operator == b"Do":
            self.page_form_draws += 1
            if self.page_form_draws > self.limits.max_page_form_draws:
                self._over(
                    f"a PDF page draws forms or images more than"
                    f" {self.limits.max_page_form_draws:,} times (max_pdf_page_form_draws)"
                )

    def text(self, text: Any, *_: Any) -> None:
        self.text_chars += len(text) if isinstance(text, str) else 0
        if self.exceeded or self.text_chars > self.limits.max_text_chars:
            self._over(
                f"PDF text is longer than {self.limits.max_text_chars:,} characters"
                " (max_text_chars)"
            )


def _mib(count: int) -> str:
    return f"{count / 1024 / 1024:g} MiB"


def _content_size(page: Any) -> int:
    """Decoded bytes of a page's own content streams (a shared stream counts each time)."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    return sum(len(s.get_object().get_data()) for s in streams if hasattr(s, "get_object"))


def read_pdf(payload: bytes, source_path: str, limits: PdfLimits) -> SourceDocument:
    try:
        from pypdf import PdfReader
    except ImportError as exc:
        raise InputError(source_path, "PDF support needs pypdf (pip install pypdf)") from exc

    with translating(source_path, "PDF"):
        reader = PdfReader(io.BytesIO(payload))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(source_path, "PDF is encrypted with a password")
        if len(reader.pages) > limits.max_pages:
            raise InputError(
                source_path,
                f"PDF has {len(reader.pages):,} pages, more than {limits.max_pages:,}"
                " (max_pdf_pages)",
            )
        budget = _Budget(source_path, limits)
        pages = []
        try:
            for page in reader.pages:
                budget.spend_content(_content_size(page))
                budget.page_form_draws = 0
                text = page.extract_text(
                    visitor_operand_before=budget.operator, visitor_text=budget.text
                )
                budget.check()
                pages.append((text or "").strip())
        except _OverBudget:
            budget.check()
            raise
        info = reader.metadata
        declared = Metadata(
            title=clean_field(info.title) if info else None,
            author=clean_field(info.author) if info else None,
        )
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise InputError(source_path, "PDF has no text layer (a scan?); OCR is not supported")
    # A title from the info dictionary is often a file name ("Microsoft Word - draft.docx");
    # a headline on the first page is better evidence.
    found = text_metadata(text)
    title = declared.title
    if title is None or title.lower().endswith((".doc", ".docx", ".pdf", ".indd")):
        title = found.title
    meta = Metadata(
        title=title, author=declared.author, outlet=found.outlet, published=found.published
    )
    return ok_document(payload, source_path, "pdf", text, None, meta)
