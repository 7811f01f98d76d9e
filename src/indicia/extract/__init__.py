"""extract: cleaned text -> evidence (indicators, quantities, entities).

Works sentence by sentence on one document at a time; every hit carries offsets
into the cleaned text so a quote can always be checked against its document.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicia.records import CleanDocument, DocumentEvidence, SourceDocument


@dataclass(frozen=True)
class ExtractOptions:
    indicators: bool = True
    quantities: bool = True
    entities: bool = True


def extract_document(
    source: SourceDocument, clean: CleanDocument, options: ExtractOptions | None = None
) -> DocumentEvidence:
    """Everything extract finds in one document."""
    from indicia.extract.extractor import extract_all

    return extract_all(source, clean, options or ExtractOptions())


__all__ = ["ExtractOptions", "extract_document"]
