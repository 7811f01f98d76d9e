"""Clean a batch of documents (minimal: paragraphs as written)."""

from __future__ import annotations

from collections.abc import Sequence

from indicia.clean import CleanOptions
from indicia.records import CleanDocument, Segment, SourceDocument, Span


def clean_batch(documents: Sequence[SourceDocument], options: CleanOptions) -> list[CleanDocument]:
    out = []
    for doc in documents:
        text = doc.content.strip()
        offset = doc.content.find(text)
        out.append(
            CleanDocument(
                document_id=doc.id,
                text=text,
                paragraphs=(Span(0, len(text)),),
                segments=(Segment(0, len(text), offset, offset + len(text)),),
            )
        )
    return out
