"""The pipeline runner: the one module that knows the order of the stages.

ingest -> clean -> link -> extract -> reconcile, each reading its inputs from the
store and writing its outputs back, so any step can be rerun or resumed. A failure
on one document is recorded as a drop with its reason and never stops the run.

The per-document stages (the costly part of cleaning, what linking reads of each
document alone, and extraction) go batch by batch through an engine (`indicia.engine`): in
process, a pool of worker processes, or a Dask cluster; the store sees the same writes
in the same order whichever runs.
The later stages get the documents' metadata without their raw content, which only
cleaning reads. A run that finds nothing new (same cleaned documents, evidence, drops,
settings and version as the last complete run) keeps that run's link and
reconciliation instead of redoing them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from indicia import clean, extract, ingest, link, reconcile, screen
from indicia.budget import time_budget
from indicia.engine import Engine, EngineOptions, Failed, guarded, open_engine
from indicia.errors import ConfigError, StoreError
from indicia.records import (
    CleanDocument,
    DocumentEvidence,
    LinkFeatures,
    Reconciliation,
    SiteLines,
    SourceDocument,
)
from indicia.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

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
    cleaned_again: int = 0  # earlier pages whose text their site's new chrome changed
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
    extract_batch_size: int = 400
    # Documents of a batch extracted together, as one task: the entity model reads their
    # lines in one call (its cost per call dwarfs a short text's); the outcome per
    # document is the same as alone.
    extract_group_size: int = 16
    engine: EngineOptions = field(default_factory=EngineOptions)
    # CPU seconds one document may use in one per-document stage (and, ten times that,
    # the longest it may take at all); past it, it is dropped with that reason and the
    # run goes on (None: no budget).
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
    store: Store,
    options: RunOptions | None = None,
    progress: Progress = _noop,
    engine: Engine | None = None,
) -> ProcessSummary:
    """Run clean, link, extract and reconcile over what the store holds.

    `engine` runs the per-document stages; without one, `options.engine` says which
    to start (by default a process pool over every core) and it is closed at the end.
    """
    options = options or RunOptions()
    if engine is None:
        with open_engine(options.engine) as own:
            return process(store, options, progress, own)
    summary = ProcessSummary()
    _clean_pending(store, options, summary, progress, engine)
    if not options.recompute and _unchanged(store, options):
        # Nothing new since the last complete run: its link and reconciliation stand.
        previous = store.get_link()
        summary.stories = len(previous.stories) if previous else 0
        reconciliation = store.get_reconciliation()
        if reconciliation is not None:  # lists given now are screened, nothing new or not
            screen_stored(store, reconciliation, options.screen)
        return summary

    cleaned = list(store.clean_documents())
    sources = [_metadata(_required(store.get_document(c.document_id))) for c in cleaned]
    features = _link_features(store, sources, cleaned, options, summary, progress, engine)
    if len(features) < len(cleaned):  # dropped at link: the later stages leave them out
        kept = [i for i, c in enumerate(cleaned) if c.document_id in features]
        sources, cleaned = [sources[i] for i in kept], [cleaned[i] for i in kept]
    state = None if options.recompute else store.get_link_state()
    link_result, new_state = engine.call(
        link.link_documents, sources, cleaned, state, options.link, features
    )
    store.put_link(link_result, new_state)
    summary.stories = len(link_result.stories)
    progress("link", len(cleaned), len(cleaned))

    if options.recompute:
        store.clear_results("extract")
    have = store.result_scopes("extract")
    pending = [
        (source, clean_doc)
        for source, clean_doc in zip(sources, cleaned, strict=True)
        if clean_doc.document_id not in have
    ]
    size = max(1, options.extract_batch_size)
    done_before = len(cleaned) - len(pending)
    group = max(1, options.extract_group_size)
    extract_group = partial(_extract_group, options.extract, options.document_seconds)

    def keep_evidence(document_id: str, evidence: DocumentEvidence) -> None:
        store.put_evidence(evidence)
        summary.extracted += 1

    for done in _in_batches(
        store,
        summary,
        "extract",
        pending,
        size,
        lambda batch: engine.map_groups(
            extract_group, [batch[k : k + group] for k in range(0, len(batch), group)]
        ),
        keep_evidence,
    ):
        progress("extract", done_before + done, len(cleaned))
    if not pending:
        progress("extract", len(cleaned), len(cleaned))
    methods = store.get_methods()
    if summary.extracted or not methods:  # kept evidence keeps the methods that made it
        methods.update(extract.describe_methods(options.extract))
    methods["link"] = link.describe_method(options.link)
    store.put_methods(methods)

    result = engine.call(reconcile.reconcile, link_result, store.all_evidence(), sources)
    with store.transaction():
        store.put_reconciliation(result)
        store.put_result("run", "inputs", _inputs_fingerprint(store, options))
    screen_stored(store, result, options.screen)
    return summary


def _link_features(
    store: Store,
    sources: Sequence[SourceDocument],
    cleaned: Sequence[CleanDocument],
    options: RunOptions,
    summary: ProcessSummary,
    progress: Progress,
    engine: Engine,
) -> dict[str, LinkFeatures]:
    """What linking reads of each document alone (its provenance and anchors), by id:
    the kept one, else found now on the engine's workers and kept. A document it fails
    on is dropped at link with the reason, and left out of this run and the later ones."""
    version = link.features_version()
    if options.recompute:
        store.clear_results("link_features")
    found = store.link_features(version)
    failed = {d: drop for d, drop in store.results("drops") if _dropped_at(drop) == "link"}
    present = {c.document_id for c in cleaned}
    for document_id, drop in failed.items():
        if document_id in present:  # counted again, as at clean
            summary.drops.append((document_id, "link", str(drop["reason"])))
    pending = [
        (source, clean_doc)
        for source, clean_doc in zip(sources, cleaned, strict=True)
        if clean_doc.document_id not in found and clean_doc.document_id not in failed
    ]
    find = partial(_within_budget, "link", options.document_seconds, link.document_features)

    def keep_features(document_id: str, features: LinkFeatures) -> None:
        store.put_link_features(document_id, features, version)
        found[document_id] = features

    size = max(1, options.extract_batch_size)
    for done in _in_batches(
        store, summary, "link", pending, size, lambda batch: engine.map(find, batch), keep_features
    ):
        progress("link features", done, len(pending))
    return found


def _in_batches(
    store: Store,
    summary: ProcessSummary,
    stage: str,
    pending: Sequence[tuple[SourceDocument, CleanDocument]],
    size: int,
    outcomes_of: Callable[[Sequence[tuple[SourceDocument, CleanDocument]]], Sequence[R | Failed]],
    keep: Callable[[str, R], None],
) -> Iterator[int]:
    """Run a per-document stage over `pending`, `size` documents at a time: each batch's
    outcomes are kept (or a failure recorded as that document's drop at `stage`) in one
    transaction; yields how many documents are done after each batch."""
    for first in range(0, len(pending), size):
        batch = pending[first : first + size]
        outcomes = outcomes_of(batch)
        with store.transaction():
            for (_, clean_doc), outcome in zip(batch, outcomes, strict=True):
                if isinstance(outcome, Failed):
                    _drop(store, summary, clean_doc.document_id, stage, outcome.reason)
                else:
                    keep(clean_doc.document_id, outcome)
        yield first + len(batch)


def _dropped_at(drop: object) -> object:
    return drop.get("stage") if isinstance(drop, dict) else None


def _inputs_fingerprint(store: Store, options: RunOptions) -> str:
    """What link and reconcile read: the cleaned documents, the evidence, the drops, the
    link and extract settings and this version of indicia; equal means same results."""
    from indicia import __version__

    described = json.dumps(
        [
            __version__,
            store.clean_ids(),
            sorted(store.result_scopes("extract")),
            sorted(store.result_scopes("drops")),
            dataclasses.asdict(options.link),
            link.describe_method(options.link),  # the aligner "auto" resolved to
            dataclasses.asdict(options.extract),
        ],
        sort_keys=True,
    )
    return hashlib.sha256(described.encode("utf-8")).hexdigest()


def _unchanged(store: Store, options: RunOptions) -> bool:
    saved = store.get_result("run", "inputs")
    return (
        saved is not None
        and {"corpus"} <= store.result_scopes("link")
        and {"corpus"} <= store.result_scopes("reconcile")
        and saved == _inputs_fingerprint(store, options)
    )


def _within_budget(stage: str, seconds: float | None, function: Callable[[T], R], item: T) -> R:
    # Runs where the engine sends the item: a worker process's main thread can be
    # interrupted when the time is up; elsewhere the time taken is judged after.
    with time_budget(stage, seconds):
        return function(item)


def _extract_group(
    options: extract.ExtractOptions,
    seconds: float | None,
    items: Sequence[tuple[SourceDocument, CleanDocument]],
) -> list[DocumentEvidence | Failed]:
    # What is cheaper read for many documents at once is read for the group, within one
    # document's budget; past it, or on an error, each document reads its own within its
    # budget, so the group's outcomes are those of one document at a time.
    prepared: Sequence[extract.PreparedText | None]
    try:
        with time_budget("extract", seconds):
            prepared = extract.prepare_documents(items, options)
    except (ConfigError, StoreError):
        raise
    except _DOCUMENT_FAILURES:
        prepared = [None] * len(items)
    return [
        guarded(
            partial(_within_budget, "extract", seconds, partial(_extract_one, options, ready)), item
        )
        for ready, item in zip(prepared, items, strict=True)
    ]


def _extract_one(
    options: extract.ExtractOptions,
    prepared: extract.PreparedText | None,
    item: tuple[SourceDocument, CleanDocument],
) -> DocumentEvidence:
    source, clean_doc = item
    return extract.extract_document(source, clean_doc, options, prepared)


def _metadata(document: SourceDocument) -> SourceDocument:
    # Link, extract and reconcile read a document's metadata and its cleaned text, never
    # the raw content: leaving it out keeps the raw HTML of the whole pile out of memory.
    return dataclasses.replace(document, content="")


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
    store: Store,
    options: RunOptions,
    summary: ProcessSummary,
    progress: Progress,
    engine: Engine,
) -> None:
    """Clean the documents not cleaned yet, batch by batch, with their site's chrome
    found over every page of the site the store keeps (see `_site_chrome`)."""
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
    drop = partial(_drop_at_clean, store, summary)
    for first in range(0, len(pending), size):
        batch = [_required(store.get_document(d)) for d in pending[first : first + size]]
        ready, prepared = _prepare_clean(batch, options, engine, drop)
        lines = [clean.site_lines(d, p) for d, p in zip(ready, prepared, strict=True)]
        chrome, stale = _site_chrome(store, [x for x in lines if x is not None], options.clean)
        results = _within_text_bound(
            store, summary, _finish_clean(drop, ready, prepared, options.clean, chrome), options
        )
        accounted = {c.document_id for c in results} | {d for d, _, _ in summary.drops}
        for document in ready:
            if document.id not in accounted:
                # A document the cleaner silently left out is a drop, never a gap.
                drop(document.id, "the cleaner returned nothing for it")
        again = _clean_again(store, stale, chrome, options, engine)
        with store.transaction():
            for cleaned in results:
                store.put_clean(cleaned)
            # Every page read counts toward its site's chrome, as in one batch, kept or not.
            for found in lines:
                if found is not None:
                    store.put_site_lines(_applied(found, chrome))
            _keep_again(store, summary, again)
        summary.cleaned += len(results)
        progress("clean", min(first + size, len(pending)), len(pending))
    changed = store.changed_sites()
    if changed:  # a page forgotten: its site's chrome is found again without it
        chrome, stale = _site_chrome(store, [], options.clean, changed)
        again = _clean_again(store, stale, chrome, options, engine)
        with store.transaction():
            _keep_again(store, summary, again)
            for site in changed:
                store.site_settled(site)


def _prepare_clean(
    batch: Sequence[SourceDocument],
    options: RunOptions,
    engine: Engine,
    drop: Callable[[str, str | BaseException], None],
) -> tuple[list[SourceDocument], list[clean.PreparedDocument]]:
    """The per-document part of cleaning on the engine; a failure goes to `drop`."""
    prepare = partial(clean.prepare_document, options=options.clean)
    outcomes = engine.map(
        partial(_within_budget, "clean", options.document_seconds, prepare), batch
    )
    ready: list[SourceDocument] = []
    prepared: list[clean.PreparedDocument] = []
    for document, outcome in zip(batch, outcomes, strict=True):
        if isinstance(outcome, Failed):
            drop(document.id, outcome.reason)
        else:
            ready.append(document)
            prepared.append(outcome)
    return ready, prepared


def _site_chrome(
    store: Store,
    arrived: Sequence[SiteLines],
    options: clean.CleanOptions,
    sites: Sequence[str] = (),
) -> tuple[dict[str, frozenset[str]], list[SiteLines]]:
    """The chrome of each site of `arrived` (and of `sites`), over every page of it the
    store keeps and those arriving; and the kept pages whose cleaned text that changes
    (their chrome was another). Reads only those sites' pages, never the whole store."""
    arriving: dict[str, list[SiteLines]] = {}
    for lines in arrived:
        arriving.setdefault(lines.site, []).append(lines)
    chrome: dict[str, frozenset[str]] = {}
    stale: list[SiteLines] = []
    for site in sorted({*arriving, *sites}):
        new = arriving.get(site, [])
        ids = {lines.document_id for lines in new}
        kept = [lines for lines in store.site_lines(site) if lines.document_id not in ids]
        chrome[site] = clean.site_chrome([*kept, *new], options)
        stale.extend(x for x in kept if set(x.chrome) != chrome[site].intersection(x.lines))
    return chrome, stale


def _applied(lines: SiteLines, chrome: Mapping[str, frozenset[str]]) -> SiteLines:
    removed = chrome.get(lines.site, frozenset())
    return replace(lines, chrome=tuple(key for key in lines.lines if key in removed))


def _clean_again(
    store: Store,
    stale: Sequence[SiteLines],
    chrome: Mapping[str, frozenset[str]],
    options: RunOptions,
    engine: Engine,
) -> list[tuple[SiteLines, CleanDocument | None]]:
    """Kept pages whose site's chrome changed, cleaned again with the new chrome, with
    their lines as now applied and their new text where it differs from the kept one
    (none for a page dropped at cleaning: it has none to change). A page that fails now
    keeps its text and old lines, so the next run tries it again; the old text is not
    dropped for a failure its first cleaning did not have."""
    if not stale:
        return []

    def keep_old(document_id: str, reason: str | BaseException) -> None:
        log.warning("document %s not cleaned again (its old text stays): %s", document_id, reason)

    kept = {x.document_id: store.get_clean(x.document_id) for x in stale}
    documents = [_required(store.get_document(d)) for d, text in kept.items() if text is not None]
    log.info("site chrome changed: cleaning %d earlier pages again", len(documents))
    ready, prepared = _prepare_clean(documents, options, engine, keep_old)
    results = {
        c.document_id: c for c in _finish_clean(keep_old, ready, prepared, options.clean, chrome)
    }
    again: list[tuple[SiteLines, CleanDocument | None]] = []
    for x in stale:
        if kept[x.document_id] is None:
            again.append((_applied(x, chrome), None))
        elif x.document_id in results:
            new = results[x.document_id]
            again.append((_applied(x, chrome), None if new == kept[x.document_id] else new))
    return again


def _keep_again(
    store: Store, summary: ProcessSummary, again: Sequence[tuple[SiteLines, CleanDocument | None]]
) -> None:
    """Keep pages cleaned again; what was made from a text that changed is made again."""
    for lines, cleaned in again:
        store.put_site_lines(lines)
        if cleaned is not None:  # a text that changed
            store.put_clean(cleaned)
            store.forget_derived(cleaned.document_id)
            summary.cleaned_again += 1


def _within_text_bound(
    store: Store, summary: ProcessSummary, results: list[CleanDocument], options: RunOptions
) -> list[CleanDocument]:
    # Ingest holds a document's text to the bound; an HTML page's text is known only
    # once cleaned, and one longer than the bound would cost the later stages as much.
    limit = options.ingest.max_text_chars
    kept: list[CleanDocument] = []
    for cleaned in results:
        if len(cleaned.text) > limit:
            reason = (
                f"cleaned text is longer than {limit:,} characters "
                f"({len(cleaned.text):,}; max_text_chars)"
            )
            _drop(store, summary, cleaned.document_id, "clean", reason)
        else:
            kept.append(cleaned)
    return kept


def _finish_clean(
    drop: Callable[[str, str | BaseException], None],
    documents: list[SourceDocument],
    prepared: list[clean.PreparedDocument],
    options: clean.CleanOptions,
    chrome: Mapping[str, frozenset[str]],
) -> list[CleanDocument]:
    try:
        return clean.finish_documents(documents, prepared, options, chrome)
    except StoreError:
        raise
    except _DOCUMENT_FAILURES:
        # One bad document must not sink its batch: finish one by one to find it.
        results: list[CleanDocument] = []
        for document, one in zip(documents, prepared, strict=True):
            try:
                results.extend(clean.finish_documents([document], [one], options, chrome))
            except StoreError:
                raise
            except _DOCUMENT_FAILURES as exc:
                drop(document.id, exc)
        return results


def _drop_at_clean(
    store: Store, summary: ProcessSummary, document_id: str, exc: BaseException | str
) -> None:
    _drop(store, summary, document_id, "clean", exc)


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
