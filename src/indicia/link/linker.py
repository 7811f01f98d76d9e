"""Link documents into stories (minimal: one story per document)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from indicia.link import LinkOptions
from indicia.records import CleanDocument, DocumentLink, LinkResult, SourceDocument, Story


def link_corpus(
    sources: Sequence[SourceDocument],
    cleaned: Sequence[CleanDocument],
    state: dict[str, Any] | None,
    options: LinkOptions,
) -> tuple[LinkResult, dict[str, Any]]:
    links = []
    stories = []
    for source, clean in zip(sources, cleaned, strict=True):
        story_id = "s-" + clean.document_id[:10]
        links.append(DocumentLink(document_id=clean.document_id, story_id=story_id))
        title = source.title or clean.title or clean.text[:80]
        stories.append(Story(id=story_id, title=title, documents=(clean.document_id,)))
    return LinkResult(documents=tuple(links), stories=tuple(stories)), {}
