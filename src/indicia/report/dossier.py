"""Assemble dossier.json (schema indicia.dossier/1) from the store."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from indicia._version import __version__
from indicia.records import (
    Amount,
    Claim,
    CleanDocument,
    Conflict,
    Derivation,
    DocumentLink,
    Entity,
    Evidence,
    IndicatorFinding,
    LanguageSpan,
    LinkResult,
    Origin,
    Reconciliation,
    Removal,
    SourceDocument,
    Story,
    to_dict,
)
from indicia.review import apply_decisions
from indicia.store import Store

SCHEMA_ID = "indicia.dossier/1"

# The fields of one dossier document, in order (`error` is added when it was rejected).
# The JSON Schema's `document` lists exactly these; tests/report/test_contract.py checks
# the schema, this list and the records against each other.
DOCUMENT_FIELDS = (
    "id",
    "source_path",
    "also_found_at",
    "raw_sha256",
    "media_type",
    "title",
    "outlet",
    "url",
    "author",
    "published",
    "language",
    "languages",
    "status",
    "text",
    "removed",
    "story",
    "derived_from",
    "duplicate_of",
    "joined_by",
    "notes",
)
# Written only where they apply: whether indicators were read in the document's
# language (a processed document), and why a document was rejected.
OPTIONAL_DOCUMENT_FIELDS = ("indicators_analysed", "error")
# The schema's definitions written straight from a record by `to_dict`: the record's
# fields are the definition's properties.
RECORD_DEFINITIONS: dict[str, type] = {
    "evidence": Evidence,
    "amount": Amount,
    "removal": Removal,
    "story": Story,
    "indicator": IndicatorFinding,
    "claim": Claim,
    "entity": Entity,
}
# Nested objects of those definitions, by JSON pointer into the schema.
RECORD_PARTS: dict[str, type] = {
    "/$defs/story/properties/origins/items": Origin,
    "/$defs/claim/properties/conflicts/items": Conflict,
    "/$defs/document/properties/derived_from/items": Derivation,
    "/$defs/document/properties/languages/items": LanguageSpan,
}


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
    pending = sum(1 for d in documents if d["status"] == "pending")
    dossier: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "generator": f"indicia {__version__}",
        "summary": {
            "documents": len(documents),
            "ok": ok,
            "rejected": len(documents) - ok - pending,
            "pending": pending,
            "stories": len(link.stories),
            "rejections": [
                {"document": d["id"], "source_path": d["source_path"], "error": d["error"]}
                for d in documents
                if d["status"] == "rejected"
            ],
            "notes": list(link.notes),
            "methods": store.get_methods(),
        },
        "documents": documents,
        "stories": [to_dict(s) for s in link.stories],
        "indicators": [to_dict(f) for f in reconciliation.indicators],
        "claims": [to_dict(c) for c in reconciliation.claims],
        "entities": [to_dict(e) for e in reconciliation.entities],
        "screening": _screening(store),
    }
    # a reviewer's decisions sit on top of whatever the stages produced this run
    apply_decisions(dossier, store.decisions(include_undone=True))
    return dossier


def _screening(store: Store) -> dict[str, Any] | None:
    """Sanctions candidates, each still a candidate unless a reviewer decided."""
    result = store.get_screening()
    return to_dict(result) if result is not None else None


def _document(
    source: SourceDocument,
    clean: CleanDocument | None,
    link: DocumentLink | None,
    drop: dict[str, Any] | None,
    store: Store,
) -> dict[str, Any]:
    status: str = source.status
    error = source.error
    if status == "ok" and clean is None:
        # Ingested, but no stage has run yet (a store between 'ingest' and 'report'),
        # unless a stage dropped it: then it is rejected, with that stage's reason.
        status = "rejected" if drop else "pending"
        error = f"{drop['stage']} failed: {drop['reason']}" if drop else None
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
        # detected from the cleaned text, never taken from the page's markup
        "language": clean.language if clean else None,
        "languages": [to_dict(span) for span in clean.languages] if clean else [],
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
        "joined_by": link.joined_by if link else "",
        "notes": list(clean.notes) if clean else [],
    }
    if clean is not None and drop:
        # cleaned, then dropped by a later stage (extract): it is read, and says why
        # nothing was found in it, never passing for a document with no evidence
        entry["notes"].append(
            f"{drop['stage']} failed, so no evidence is listed for this document: {drop['reason']}"
        )
    analysed = store.get_indicator_language(source.id) if status == "ok" else None
    if analysed is not None:
        # an unread language is said so, never left to read as "no evidence"
        entry["indicators_analysed"] = to_dict(analysed)
    if status == "rejected":
        entry["error"] = error or "unreadable"
    return entry


def load_schema() -> dict[str, Any]:
    text = resources.files("indicia.data").joinpath("dossier.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@functools.cache
def _validator() -> Any:
    # Checking the schema and building the validator costs far more than one validation.
    import jsonschema

    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate_dossier(dossier: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `dossier` breaks the contract, and
    ValueError when an id it refers to is missing or a quote is not its
    document's text[start:end]."""
    _validator().validate(dossier)
    _check_references(dossier)
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    for section, evidence in _all_evidence(dossier):
        text = texts.get(evidence["document"])
        start, end = evidence["start"], evidence["end"]
        if text is None or text[start:end] != evidence["quote"]:
            raise ValueError(
                f"{section}: quote {evidence['quote']!r} is not text[{start}:{end}]"
                f" of document {evidence['document']}"
            )


def _all_evidence(dossier: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [("indicators", ev) for item in dossier["indicators"] for ev in item["evidence"]]
    for claim in dossier["claims"]:
        found += [("claims", ev) for ev in claim["evidence"]]
        for conflict in claim["conflicts"]:
            found += [("conflicts", ev) for ev in conflict.get("evidence", [])]
    return found


def _check_references(dossier: dict[str, Any]) -> None:
    # JSON Schema cannot say "this id exists elsewhere in the file"; these checks can.
    documents = _unique_ids("documents", dossier["documents"])
    stories = _unique_ids("stories", dossier["stories"])
    _unique_ids("claims", dossier["claims"])

    def known(ids: set[str], value: str | None, where: str) -> None:
        if value is not None and value not in ids:
            raise ValueError(f"{where}: {value!r} is not in the dossier")

    for document in dossier["documents"]:
        known(stories, document["story"], f"document {document['id']} story")
        for edge in document["derived_from"]:
            known(documents, edge["document"], f"document {document['id']} derived_from")
    for story in dossier["stories"]:
        for document_id in story["documents"]:
            known(documents, document_id, f"story {story['id']} documents")
        for origin in story["origins"]:
            for document_id in origin["documents"]:
                known(documents, document_id, f"story {story['id']} origins")
    for section in ("indicators", "claims"):
        for item in dossier[section]:
            known(stories, item["story"], f"{section} story")
    for entity in dossier["entities"]:
        for document_id in entity["documents"]:
            known(documents, document_id, f"entity {entity['name']!r} documents")


def _unique_ids(section: str, items: list[dict[str, Any]]) -> set[str]:
    ids = [item["id"] for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{section}: ids are not unique")
    return set(ids)
