"""The pipeline runner: the one module that knows the order of the stages.

ingest -> clean -> link -> extract -> reconcile, each reading its inputs from the
store and writing its outputs back, so any step can be rerun or resumed. A failure
on one document is recorded as a drop with its reason and never stops the run.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from indicia import clean, extract, ingest, link, reconcile, screen
from indicia.budget import time_budget
from indicia.errors import ConfigError, StoreError
from indicia.records import Reconciliation, SourceDocument
from indicia.store import Store

log = logging.getLogger(__name__)

# progress(stage, done, total); total is None when unknown (ingest streams).
Progress = Callable[[str, int, int | None], None]

# A failure on one document's content becomes a recorded drop, whatever its type, so one
# strange input never ends a run over thousands; the reason is kept in the store and dossier.
# A StoreError is never a document's fault (a full disk, a locked store): it stops the run.
_DOCUMENT_FAILURES = (Exception,)


@dataclass
class IngestSummary:
    read: int = 0
    added: int = 0
    already_kept: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # container records, by reason


@dataclass
class ProcessSummary:
    cleaned: int = 0
    extracted: int = 0
    stories: int = 0
    drops: list[tuple[str, str, str]] = field(default_factory=list)  # (document, stage, reason)


@dataclass(frozen=True)
class RunOptions:
    ingest: ingest.IngestOptions = field(default_factory=ingest.IngestOptions)
    clean: clean.CleanOptions = field(default_factory=clean.CleanOptions)
    link: link.LinkOptions = field(default_factory=link.LinkOptions)
    extract: extract.ExtractOptions = field(default_factory=extract.ExtractOptions)
    screen: screen.ScreenOptions = field(default_factory=screen.ScreenOptions)
    recompute: bool = False  # redo link, extract and reconcile for every kept document
    clean_batch_size: int = 500
    # Longest one document may spend in one per-document stage; past it, it is dropped
    # with that reason and the run goes on (None: no budget).
    document_seconds: float | None = 120.0


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


def ingest_paths(
    paths: Sequence[str],
    store: Store,
    options: RunOptions | None = None,
    progress: Progress = _noop,
) -> IngestSummary:
    """Read every input into the store; identical bytes already kept are skipped."""
    options = options or RunOptions()
    summary = IngestSummary()
    skipped: Counter[str] = Counter()
    for document in ingest.iter_documents(paths, options.ingest, skipped):
        summary.read += 1
        if store.add_document(document):
            summary.added += 1
        else:
            store.add_source_path(document.id, document.source_path)
            summary.already_kept += 1
        if document.status == "rejected":
            summary.rejected.append((document.source_path, document.error or "unreadable"))
        progress("ingest", summary.read, None)
    summary.skipped = dict(sorted(skipped.items()))
    return summary


def process(
    store: Store, options: RunOptions | None = None, progress: Progress = _noop
) -> ProcessSummary:
    """Run clean, link, extract and reconcile over what the store holds."""
    options = options or RunOptions()
    summary = ProcessSummary()
    _clean_pending(store, options, summary, progress)

    cleaned = list(store.clean_documents())
    sources = [_required(store.get_document(c.document_id)) for c in cleaned]
    state = None if options.recompute else store.get_link_state()
    link_result, new_state = link.link_documents(sources, cleaned, state, options.link)
    store.put_link(link_result, new_state)
    summary.stories = len(link_result.stories)
    progress("link", len(cleaned), len(cleaned))

    if options.recompute:
        store.clear_results("extract")
    have = store.result_scopes("extract")
    for i, (source, clean_doc) in enumerate(zip(sources, cleaned, strict=True), 1):
        if clean_doc.document_id not in have:
            try:
                with time_budget("extract", options.document_seconds):
                    evidence = extract.extract_document(source, clean_doc, options.extract)
            except StoreError:
                raise
            except _DOCUMENT_FAILURES as exc:
                _drop(store, summary, clean_doc.document_id, "extract", exc)
            else:
                store.put_evidence(evidence)
                summary.extracted += 1
        progress("extract", i, len(cleaned))
    methods = store.get_methods()
    if summary.extracted or not methods:  # kept evidence keeps the methods that made it
        methods.update(extract.describe_methods(options.extract))
    methods["link"] = link.describe_method(options.link)
    store.put_methods(methods)

    result = reconcile.reconcile(link_result, store.all_evidence(), sources)
    store.put_reconciliation(result)
    screen_stored(store, result, options.screen)
    return summary


def screen_stored(
    store: Store, reconciliation: Reconciliation, options: screen.ScreenOptions
) -> None:
    """Screen the entities against the lists given now, or those of an earlier run.

    The list paths are kept in the store, so `indicia report` screens again with
    them; a kept list that is no longer readable leaves the earlier result, with
    a note saying so.
    """
    kept = store.get_result("screen", "lists")
    lists = options.lists or tuple(kept or ())
    if not lists:
        return
    try:
        result = screen.screen(reconciliation.entities, replace(options, lists=lists))
    except ConfigError as exc:
        if options.lists:
            raise  # a list given in this command must be readable
        earlier = store.get_screening()
        if earlier is not None:
            store.put_screening(replace(earlier, notes=(*earlier.notes, f"not re-screened: {exc}")))
        return
    with store.transaction():
        store.put_result("screen", "lists", list(lists))
        store.put_screening(result)
    methods = store.get_methods()
    methods["screen"] = screen.describe_method(options)
    store.put_methods(methods)


def _clean_pending(
    store: Store, options: RunOptions, summary: ProcessSummary, progress: Progress
) -> None:
    pending = store.uncleaned_ids()
    dropped = dict(store.results("drops"))
    for document_id in pending:
        if document_id in dropped:
            # Dropped on an earlier run and not retried: count it again, so this run's
            # exit status agrees with the dossier, which lists it as rejected.
            earlier = dropped[document_id]
            summary.drops.append((document_id, str(earlier["stage"]), str(earlier["reason"])))
    pending = [d for d in pending if d not in dropped]
    size = max(1, options.clean_batch_size)
    for first in range(0, len(pending), size):
        batch = [_required(store.get_document(d)) for d in pending[first : first + size]]
        failed: set[str] = set()
        seconds = options.document_seconds
        try:
            with time_budget("clean", seconds * len(batch) if seconds else None):
                results = clean.clean_documents(batch, options.clean)
        except StoreError:
            raise
        except _DOCUMENT_FAILURES:
            # One bad (or slow) document must not sink its batch: retry one by one to find it.
            results = []
            for document in batch:
                try:
                    with time_budget("clean", seconds):
                        results.extend(clean.clean_documents([document], options.clean))
                except StoreError:
                    raise
                except _DOCUMENT_FAILURES as exc:
                    _drop(store, summary, document.id, "clean", exc)
                    failed.add(document.id)
        returned = {cleaned.document_id for cleaned in results}
        for document in batch:
            if document.id not in returned and document.id not in failed:
                # A document the cleaner silently left out is a drop, never a gap.
                _drop(store, summary, document.id, "clean", "the cleaner returned nothing for it")
        with store.transaction():
            for cleaned in results:
                store.put_clean(cleaned)
        summary.cleaned += len(results)
        progress("clean", min(first + size, len(pending)), len(pending))


def _drop(
    store: Store,
    summary: ProcessSummary,
    document_id: str,
    stage: str,
    exc: BaseException | str,
) -> None:
    reason = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    log.warning("document %s dropped at %s: %s", document_id, stage, reason)
    store.put_result("drops", document_id, {"stage": stage, "reason": reason})
    summary.drops.append((document_id, stage, reason))


def _required(document: SourceDocument | None) -> SourceDocument:
    if document is None:
        raise LookupError("cleaned document has no source document in the store")
    return document


@dataclass
class RunSummary:
    ingest: IngestSummary
    process: ProcessSummary
    outputs: dict[str, Path]


def run(
    paths: Sequence[str],
    store: Store,
    out_dir: str | Path,
    options: RunOptions | None = None,
    progress: Progress = _noop,
) -> RunSummary:
    """Ingest `paths`, run every stage, and write the dossier files into `out_dir`."""
    from indicia.report import write_reports

    ingested = ingest_paths(paths, store, options, progress)
    processed = process(store, options, progress)
    outputs = write_reports(store, Path(out_dir))
    return RunSummary(ingest=ingested, process=processed, outputs=outputs)
