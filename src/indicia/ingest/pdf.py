"""PDF files: their text layer, page by page, with the title and author they declare.

pypdf reads the text layer; pages are joined with blank lines. A PDF that is
encrypted with a password, or has no text layer (a scan), is rejected with that
reason: OCR is out of scope. The creation date in a PDF's info dictionary is
when the file was made, not when the report was published, so it is not used.
"""

from __future__ import annotations

import io
import logging

from indicia.errors import InputError
from indicia.ingest.document import ok_document
from indicia.ingest.guard import translating
from indicia.ingest.metadata import Metadata, clean_field
from indicia.ingest.text import text_metadata
from indicia.records import SourceDocument

log = logging.getLogger(__name__)

_MAX_PAGES = 2000  # a news report is not a phone book; past this we stop and say so


def read_pdf(payload: bytes, source_path: str) -> SourceDocument:
    try:
        from pypdf import PdfReader
    except ImportError as exc:
        raise InputError(source_path, "PDF support needs pypdf (pip install pypdf)") from exc

    with translating(source_path, "PDF"):
        reader = PdfReader(io.BytesIO(payload))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(source_path, "PDF is encrypted with a password")
        pages = []
        for number, page in enumerate(reader.pages, 1):
            if number > _MAX_PAGES:
                log.warning("%s: only the first %d pages read", source_path, _MAX_PAGES)
                break
            pages.append((page.extract_text() or "").strip())
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
