"""Run the extractors over one document (minimal: finds nothing yet)."""

from __future__ import annotations

from indicia.extract import ExtractOptions
from indicia.records import CleanDocument, DocumentEvidence, SourceDocument


def extract_all(
    source: SourceDocument, clean: CleanDocument, options: ExtractOptions
) -> DocumentEvidence:
    return DocumentEvidence(document_id=clean.document_id)
