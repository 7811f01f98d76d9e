"""Small builders shared by the clean tests (documents from text, seeds as documents)."""

from __future__ import annotations

from pathlib import Path

from indicia.records import SourceDocument


def text_document(
    content: str,
    id: str = "doc",
    media_type: str = "text",
    outlet: str | None = None,
    url: str | None = None,
) -> SourceDocument:
    return SourceDocument(
        id=id,
        source_path=f"{id}.txt",
        raw_sha256=id,
        media_type=media_type,
        content=content,
        outlet=outlet,
        url=url,
    )


def seed_document(path: Path) -> SourceDocument:
    return text_document(path.read_text(encoding="utf-8"), id=path.stem)
