"""Assemble dossier.json (schema indicia.dossier/1) from the store."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from indicia import __version__
from indicia.records import (
    CleanDocument,
    DocumentLink,
    LinkResult,
    Reconciliation,
    SourceDocument,
    to_dict,
)
from indicia.store import Store

SCHEMA_ID = "indicia.dossier/1"


def build_dossier(store: Store) -> dict[str, Any]:
    """The whole dossier as a JSON-ready dict."""
    link = store.get_link() or LinkResult()
    reconciliation = store.get_reconciliation() or Reconciliation()
    links = {d.document_id: d for d in link.documents}
    drops = {scope: payload for scope, payload in store.results("drops")}

    documents = []
    for source in store.documents():
        clean = store.get_clean(source.id) if source.status == "ok" else None
        documents.append(
            _document(source, clean, links.get(source.id), drops.get(source.id), store)
        )

    ok = sum(1 for d in documents if d["status"] == "ok")
    return {
        "schema": SCHEMA_ID,
        "generator": f"indicia {__version__}",
        "summary": {
            "documents": len(documents),
            "ok": ok,
            "rejected": len(documents) - ok,
            "stories": len(link.stories),
            "rejections": [
                {"document": d["id"], "source_path": d["source_path"], "error": d["error"]}
                for d in documents
                if d["status"] != "ok"
            ],
            "notes": list(link.notes),
        },
        "documents": documents,
        "stories": [to_dict(s) for s in link.stories],
        "indicators": [to_dict(f) for f in reconciliation.indicators],
        "claims": [to_dict(c) for c in reconciliation.claims],
        "entities": [to_dict(e) for e in reconciliation.entities],
    }


def _document(
    source: SourceDocument,
    clean: CleanDocument | None,
    link: DocumentLink | None,
    drop: dict[str, Any] | None,
    store: Store,
) -> dict[str, Any]:
    status = source.status
    error = source.error
    if status == "ok" and clean is None:
        status = "rejected"
        error = f"{drop['stage']} failed: {drop['reason']}" if drop else "not cleaned yet"
    title = source.title or (clean.title if clean else None)
    entry: dict[str, Any] = {
        "id": source.id,
        "source_path": source.source_path,
        "also_found_at": store.source_paths(source.id)[1:],
        "raw_sha256": source.raw_sha256,
        "media_type": source.media_type,
        "title": title,
        "outlet": (link.outlet if link and link.outlet else None) or source.outlet,
        "url": source.url,
        "author": source.author,
        "published": source.published,
        "language": (clean.language if clean and clean.language else None) or source.language,
        "status": status,
        "text": clean.text if clean else "",
        "removed": {
            "boilerplate_lines": clean.boilerplate_lines if clean else 0,
            "repeated_paragraphs": clean.repeated_paragraphs if clean else 0,
            "items": [to_dict(r) for r in clean.removals] if clean else [],
        },
        "story": link.story_id if link else None,
        "derived_from": [to_dict(d) for d in link.derived_from] if link else [],
        "duplicate_of": link.duplicate_of if link else None,
    }
    if status != "ok":
        entry["error"] = error or "unreadable"
    return entry


def load_schema() -> dict[str, Any]:
    text = resources.files("indicia.data").joinpath("dossier.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def validate_dossier(dossier: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `dossier` breaks the contract, and
    ValueError when a quote is not its document's text[start:end]."""
    import jsonschema

    jsonschema.validate(dossier, load_schema())
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    for section in ("indicators", "claims"):
        for item in dossier[section]:
            for ev in item["evidence"]:
                text = texts.get(ev["document"])
                if text is None or text[ev["start"] : ev["end"]] != ev["quote"]:
                    raise ValueError(
                        f"{section}: quote {ev['quote']!r} is not text[{ev['start']}:{ev['end']}]"
                        f" of document {ev['document']}"
                    )
