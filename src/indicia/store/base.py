"""The store interface, independent of the database behind it."""

from __future__ import annotations

import abc
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from indicia.records import (
    CleanDocument,
    DocumentEvidence,
    IndicatorLanguage,
    LinkFeatures,
    LinkResult,
    Reconciliation,
    ReviewDecision,
    ScreeningResult,
    SiteLines,
    SourceDocument,
    from_dict,
    to_dict,
)

# Results made from one document's cleaned text, and those made from every document's.
_FROM_CLEANED_TEXT = ("extract", "link_features", "drops")
_CORPUS_WIDE = ("link", "link_state", "reconcile")


class Store(abc.ABC):
    """Keeps documents, cleaned texts and each later stage's results.

    Stage results are JSON payloads keyed by (stage, scope), where scope is a
    document id, a story id or "corpus". A stage that reruns replaces its rows.
    """

    @abc.abstractmethod
    def add_document(self, document: SourceDocument) -> bool:
        """Keep a document; False when one with the same id is already kept."""

    @abc.abstractmethod
    def has_document(self, document_id: str) -> bool: ...

    @abc.abstractmethod
    def add_source_path(self, document_id: str, source_path: str) -> None:
        """Record that the same bytes were also found at another path."""

    @abc.abstractmethod
    def source_paths(self, document_id: str) -> list[str]: ...

    @abc.abstractmethod
    def get_document(self, document_id: str) -> SourceDocument | None: ...

    @abc.abstractmethod
    def documents(self, status: str | None = None) -> Iterator[SourceDocument]:
        """Documents in the order they were ingested."""

    @abc.abstractmethod
    def document_ids(self, status: str | None = None) -> list[str]: ...

    @abc.abstractmethod
    def find_documents(self, id_or_path: str) -> list[str]:
        """Ids of the documents with this id, or read from this source path."""

    @abc.abstractmethod
    def forget(self, document_id: str) -> bool:
        """Remove a document and everything made from it; False when it was not kept.

        The story-wide results (links, reconciliation) are cleared with it, so the
        next report recomputes them without the document. Its site's lines go too,
        and the site is listed in `changed_sites`, so the next run cleans again the
        site's pages whose chrome that changes.
        """

    @abc.abstractmethod
    def put_clean(self, clean: CleanDocument) -> None: ...

    @abc.abstractmethod
    def get_clean(self, document_id: str) -> CleanDocument | None: ...

    @abc.abstractmethod
    def clean_documents(self) -> Iterator[CleanDocument]:
        """Cleaned documents in ingest order."""

    @abc.abstractmethod
    def clean_ids(self) -> list[str]:
        """Ids of the cleaned documents in ingest order, without loading them."""

    @abc.abstractmethod
    def uncleaned_ids(self) -> list[str]:
        """Ids of ok documents that have no cleaned text yet."""

    @abc.abstractmethod
    def put_site_lines(self, lines: SiteLines) -> None:
        """Keep what site chrome reads of one document (replacing what was kept)."""

    @abc.abstractmethod
    def site_lines(self, site: str) -> list[SiteLines]:
        """The kept lines of every document of one site, by document id."""

    @abc.abstractmethod
    def put_result(self, stage: str, scope: str, payload: Any) -> None: ...

    @abc.abstractmethod
    def get_result(self, stage: str, scope: str) -> Any | None: ...

    @abc.abstractmethod
    def results(self, stage: str) -> Iterator[tuple[str, Any]]: ...

    @abc.abstractmethod
    def result_scopes(self, stage: str) -> set[str]:
        """The scopes `stage` has results for, without loading the payloads."""

    @abc.abstractmethod
    def clear_results(self, stage: str) -> None: ...

    @abc.abstractmethod
    def delete_result(self, stage: str, scope: str) -> None: ...

    @abc.abstractmethod
    def add_decision(self, decision: ReviewDecision) -> None:
        """Keep a reviewer's decision (an audit trail: never replaced or deleted)."""

    @abc.abstractmethod
    def decisions(self, include_undone: bool = False) -> list[ReviewDecision]:
        """Decisions in the order they were made; undone ones only when asked."""

    @abc.abstractmethod
    def undo_decision(self, decision_id: str, reviewer: str, reason: str, at: str) -> bool:
        """Mark a decision undone; False when there is no such decision still in force."""

    @abc.abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Group writes so they land together or not at all."""

    def hold(self, exclusive: bool = True, wait: float = 0.0) -> AbstractContextManager[None]:
        """Hold the store for one command, so no other command changes it underneath.

        A command that builds a dossier holds it exclusively, from its first write to
        the dossier's last byte; commands that only add documents share it. When the
        store is held the other way, this waits up to `wait` seconds, then raises
        StoreError naming the holder. A store without a lock of its own (a server
        database) relies on its transactions.
        """
        return nullcontext()

    @abc.abstractmethod
    def schema_version(self) -> int: ...

    @abc.abstractmethod
    def close(self) -> None: ...

    # Typed access to the stages' results, so no caller needs to know the keys.

    def forget_derived(self, document_id: str) -> None:
        """The document's cleaned text changed: what was made from it goes (its evidence,
        link features, a drop at a later stage) with the corpus-wide link, link state and
        reconciliation, so the next run makes them again from the new text."""
        with self.transaction():
            for stage in _FROM_CLEANED_TEXT:
                self.delete_result(stage, document_id)
            for stage in _CORPUS_WIDE:
                self.delete_result(stage, "corpus")

    def changed_sites(self) -> list[str]:
        """Sites whose pages changed other than by cleaning (a page forgotten), whose
        chrome is to be found again; `site_settled` takes one off the list."""
        return sorted(self.result_scopes("site_changed"))

    def site_changed(self, site: str, why: str) -> None:
        self.put_result("site_changed", site, {"why": why})

    def site_settled(self, site: str) -> None:
        self.delete_result("site_changed", site)

    def put_link(self, result: LinkResult, state: dict[str, Any]) -> None:
        with self.transaction():
            self.put_result("link", "corpus", to_dict(result))
            self.put_result("link_state", "corpus", state)

    def get_link(self) -> LinkResult | None:
        payload = self.get_result("link", "corpus")
        return from_dict(LinkResult, payload) if payload is not None else None

    def get_link_state(self) -> dict[str, Any] | None:
        state = self.get_result("link_state", "corpus")
        return state if isinstance(state, dict) else None

    def put_link_features(self, document_id: str, features: LinkFeatures, version: str) -> None:
        """What linking reads of one document alone, found under `version`."""
        self.put_result("link_features", document_id, {"version": version, **to_dict(features)})

    def link_features(self, version: str) -> dict[str, LinkFeatures]:
        """The kept link features of every document, by id, of those found under `version`."""
        return {
            document_id: from_dict(LinkFeatures, payload)
            for document_id, payload in self.results("link_features")
            if isinstance(payload, dict) and payload.get("version") == version
        }

    def put_evidence(self, evidence: DocumentEvidence) -> None:
        self.put_result("extract", evidence.document_id, to_dict(evidence))

    def get_evidence(self, document_id: str) -> DocumentEvidence | None:
        payload = self.get_result("extract", document_id)
        return from_dict(DocumentEvidence, payload) if payload is not None else None

    def get_indicator_language(self, document_id: str) -> IndicatorLanguage | None:
        """Whether extraction read the document's language for indicators; the one part
        of its evidence the dossier lists per document, without rebuilding the rest."""
        payload = self.get_result("extract", document_id)
        if not isinstance(payload, dict) or payload.get("indicator_language") is None:
            return None
        return from_dict(IndicatorLanguage, payload["indicator_language"])

    def all_evidence(self) -> list[DocumentEvidence]:
        return [from_dict(DocumentEvidence, payload) for _, payload in self.results("extract")]

    def put_methods(self, methods: dict[str, str]) -> None:
        """How each stage did its work in the latest run (e.g. which NER was used)."""
        self.put_result("run", "methods", methods)

    def get_methods(self) -> dict[str, str]:
        methods = self.get_result("run", "methods")
        return dict(methods) if isinstance(methods, dict) else {}

    def put_reconciliation(self, result: Reconciliation) -> None:
        self.put_result("reconcile", "corpus", to_dict(result))

    def get_reconciliation(self) -> Reconciliation | None:
        payload = self.get_result("reconcile", "corpus")
        return from_dict(Reconciliation, payload) if payload is not None else None

    def put_screening(self, result: ScreeningResult) -> None:
        self.put_result("screen", "corpus", to_dict(result))

    def get_screening(self) -> ScreeningResult | None:
        payload = self.get_result("screen", "corpus")
        return from_dict(ScreeningResult, payload) if payload is not None else None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
