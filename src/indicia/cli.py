"""The indicia command line: a thin layer over the library API.

Each command opens the store, calls one library function and prints what it did.
"""

from __future__ import annotations

import getpass
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import click

from indicia import __version__
from indicia.engine import ENGINES, EngineOptions
from indicia.errors import ConfigError, IndiciaError
from indicia.ingest import display_path, missing_inputs
from indicia.pipeline import IngestSummary, ProcessSummary, RunOptions, ingest_paths, process
from indicia.report import write_reports
from indicia.screen import ScreenOptions
from indicia.store import is_postgres_url, open_store
from indicia.store.postgres import redact

DEFAULT_DB = "indicia.db"

log = logging.getLogger("indicia.cli")


def shown(text: str) -> str:
    r"""`text` safe to print: control characters, bidi marks and stray bytes written out.

    File names and parser messages reach stderr; a newline or a terminal escape in one
    must not forge a line or drive the terminal, so each shows as `\n`, `\x1b`,
    `\u202e`; a byte of a name that is not UTF-8 shows as `\xNN`.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if char.isprintable():
            out.append(char)
        elif 0xDC80 <= code <= 0xDCFF:  # a surrogate-escaped byte of a file name
            out.append(f"\\x{code - 0xDC00:02x}")
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


class _ShownFormatter(logging.Formatter):
    """Log lines with what they quote made safe for a terminal (see `shown`)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        # The message only: a traceback that follows keeps its lines.
        return shown(super().formatMessage(record))


class Failure(click.ClickException):
    """The command failed and wrote no dossier.

    Exit status 3, kept apart from 1 (some inputs rejected, dossier written) so a
    script, or `make demo`, can tell a partial success from a failure.
    """

    exit_code = 3

    def __init__(self, message: str) -> None:
        super().__init__(shown(message))


class UsageError(click.UsageError):
    """A command used wrongly (exit status 2), its message safe for a terminal."""

    def __init__(self, message: str) -> None:
        super().__init__(shown(message))


@contextmanager
def _failures() -> Iterator[None]:
    """Turn what stops a command into a Failure with its reason."""
    try:
        yield
    except click.ClickException:
        raise
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    except IndiciaError as exc:
        raise Failure(str(exc)) from exc
    except OSError as exc:
        # The dossier folder cannot be written (read-only, full, not a folder): say which.
        where = f" {exc.filename}" if exc.filename else ""
        raise Failure(f"cannot write{where}: {exc.strerror or exc}") from exc
    except Exception as exc:
        # A bug, not bad input (stages turn bad input into rejections): keep the traceback.
        log.exception("indicia stopped on an unexpected error")
        raise Failure(f"unexpected {type(exc).__name__}: {exc} (traceback above)") from exc


class _Progress:
    """One progress line per stage on a terminal, rewritten in place; silent in a pipe."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()
        self.open_line = False
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.shown:
            return
        if stage != self.stage:
            self.close()  # a new stage starts on its own line
            self.stage = stage
        of = f"/{total}" if total else ""
        click.echo(f"\r{stage:>8}: {done}{of}   ", err=True, nl=False)
        self.open_line = True
        if total and done >= total:
            self.close()

    def close(self) -> None:
        """End the open progress line, so what is printed next starts on a fresh one."""
        if self.open_line:
            click.echo("", err=True)
            self.open_line = False


def _count(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _report_ingest(summary: IngestSummary) -> None:
    click.echo(
        f"read {_count(summary.read, 'input')}: {summary.added} new,"
        f" {summary.already_kept} already kept, {len(summary.rejected)} rejected"
    )
    for path, reason in summary.rejected:
        click.echo(f"  rejected {shown(path)}: {shown(reason)}", err=True)
    if summary.skipped:
        counts = ", ".join(f"{count} {shown(why)}" for why, count in summary.skipped.items())
        click.echo(
            f"skipped {_count(sum(summary.skipped.values()), 'record')} that hold no"
            f" document: {counts}"
        )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="indicia")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
def main(verbose: bool) -> None:
    """Turn a pile of web copies of news reports into an evidence dossier.

    indicia reads HTML pages, text dumps, PDFs, JSON records, WARC archives and
    feeds; strips site chrome; finds which documents are copies or rewrites of
    the same story and who first reported it; and lists, with exact quotes, the
    ILO indicators of forced labour, the figures and the names the reports give.

    \b
    Start with one command:
      indicia run reports/ --out dossier/
    or in two steps over a store you can add to later:
      indicia ingest reports/ --db case.db
      indicia report --db case.db --out dossier/
    then open dossier/dossier.html, or browse with: indicia serve --db case.db

    \b
    Exit status: 0 every input was read; 1 some inputs were rejected (the
    dossier is still written and says which, and why); 2 the command was
    used wrongly; 3 it failed and wrote no dossier (the reason is printed).
    Run 'indicia COMMAND --help' for each command's options.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(_ShownFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])


# Options that several commands share, declared once so their help never drifts apart.
_out_option = click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for dossier.json, dossier.md and dossier.html.",
)
_wait_option = click.option(
    "--wait",
    default=0.0,
    show_default=True,
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="How long to wait for another indicia command using the same store to finish "
    "(otherwise this one stops at once, exit 3).",
)
_recompute_option = click.option(
    "--recompute",
    is_flag=True,
    help="Redo linking and extraction for documents already in the store.",
)


def _engine_options(command: Callable[..., None]) -> Callable[..., None]:
    """--workers, --engine and --scheduler: where the per-document stages run."""
    for option in reversed(
        (
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                help="Worker processes for cleaning and extraction (default: one per core).",
            ),
            click.option(
                "--engine",
                type=click.Choice(ENGINES),
                default="local",
                show_default=True,
                help="Run the stages on this machine, or as tasks on a Dask cluster.",
            ),
            click.option(
                "--scheduler",
                metavar="ADDRESS",
                help="Dask scheduler for --engine dask, e.g. tcp://10.0.0.5:8786.",
            ),
        )
    ):
        command = option(command)
    return command


_sanctions_option = click.option(
    "--sanctions",
    "sanctions",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Sanctions list to screen people and organisations against: OFAC SDN "
    "(sdn.csv or sdn.xml) or FollowTheMoney entities (.json lines). Repeat for more "
    "lists; later reports screen again with the same lists.",
)


def _screen_options(sanctions: tuple[str, ...]) -> ScreenOptions:
    return ScreenOptions(lists=tuple(str(Path(p).resolve()) for p in sanctions))


def _require_inputs(paths: tuple[str, ...]) -> None:
    # A mistyped path is the user's slip, not a rejected document: nothing is stored.
    missing = missing_inputs(paths)
    if missing:
        names = ", ".join(missing)
        raise UsageError(f"no such file, folder or matching pattern: {names}")


def _require_store(db: str) -> None:
    if not is_postgres_url(db) and not Path(db).exists():
        raise UsageError(f"no store at {db}: run 'indicia ingest' first")


def _run_options(
    recompute: bool = False,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    sanctions: tuple[str, ...] = (),
) -> RunOptions:
    """The stages' settings, with what the environment asks for filled in here: the
    stages themselves never read it. INDICIA_ALIGNER (ngram, embedding, auto) picks
    the link stage's sentence aligner, INDICIA_NER (auto, spacy, rules) the entity
    recogniser."""
    import os

    options = RunOptions(
        recompute=recompute,
        engine=EngineOptions(kind=engine, workers=workers, scheduler=scheduler),
        screen=_screen_options(sanctions),
    )
    aligner = os.environ.get("INDICIA_ALIGNER", "").strip().lower()
    if aligner:
        options = replace(options, link=replace(options.link, aligner=aligner))
    ner = os.environ.get("INDICIA_NER", "").strip().lower()
    if ner:
        options = replace(options, extract=replace(options.extract, ner=ner))
    return options


def _report_drops(processed: ProcessSummary) -> None:
    for document, stage, reason in processed.drops:
        click.echo(f"  dropped {document} at {stage}: {shown(reason)}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_out_option
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    help="Store file to use or create (default: OUT/indicia.db), or a postgresql:// URL.",
)
@_recompute_option
@_sanctions_option
@_engine_options
@_wait_option
def run(
    paths: tuple[str, ...],
    out_dir: str,
    db: str | None,
    recompute: bool,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    sanctions: tuple[str, ...],
    wait: float,
) -> None:
    """Read reports and write the dossier: every stage in one go.

    PATHS are files, folders (read recursively), glob patterns, or - for
    standard input. Runs every stage: ingest, clean, link, extract, reconcile,
    report. The store keeps what was read, so running again with more PATHS
    adds to the same dossier and skips what it already holds.

    Exits 0 when every input was read, 1 when some were rejected (the dossier
    is still written and lists them with their reasons).
    """
    _require_inputs(paths)
    store_path: str | Path = (
        db if db and is_postgres_url(db) else Path(db or Path(out_dir) / DEFAULT_DB)
    )
    options = _run_options(recompute, engine, workers, scheduler, sanctions)
    progress = _Progress()
    with _failures(), open_store(store_path) as store, store.hold(wait=wait):
        ingested = ingest_paths(paths, store, options, progress)
        progress.close()
        _report_ingest(ingested)
        processed = process(store, options, progress)
        progress.close()
        _report_drops(processed)
        outputs = write_reports(store, Path(out_dir))
    where = redact(store_path) if isinstance(store_path, str) else str(store_path)
    click.echo(f"{_count(processed.stories, 'story', 'stories')}; store: {shown(where)}")
    _report_screening(store_path)
    click.echo(f"dossier: {shown(str(outputs['json']))}")
    click.echo(f"         {shown(str(outputs['markdown']))}")
    click.echo(f"         {shown(str(outputs['html']))}")
    click.echo(
        f"tables:  {shown(str(outputs['xlsx']))} (and claims.csv, indicators.csv, entities.csv)"
    )
    if ingested.rejected or processed.drops:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Store file to add the documents to, or a postgresql:// URL.",
)
@_wait_option
def ingest(paths: tuple[str, ...], db: str, wait: float) -> None:
    """Read reports into the store only; 'indicia report' does the rest.

    PATHS are files, folders (read recursively), glob patterns, or - for
    standard input. Identical bytes already in the store are skipped, so
    ingesting again after an interrupted run completes it without duplicates.
    Exits 1 when some inputs were rejected.
    """
    _require_inputs(paths)
    progress = _Progress()
    with _failures(), open_store(db) as store, store.hold(exclusive=False, wait=wait):
        summary = ingest_paths(paths, store, _run_options(), progress)
    progress.close()
    _report_ingest(summary)
    if summary.rejected:
        sys.exit(1)


@main.command()
@_out_option
@click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Store file to report on, or a postgresql:// URL.",
)
@_recompute_option
@_engine_options
@_wait_option
def report(
    out_dir: str,
    db: str,
    recompute: bool,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    wait: float,
) -> None:
    """Write the dossier from the store, after 'indicia ingest'.

    Runs the stages not yet done (clean, link, extract, reconcile) over the
    documents the store holds, then writes dossier.json, dossier.md and
    dossier.html into OUT: the same dossier 'indicia run' writes for the
    same inputs.
    """
    _require_store(db)
    progress = _Progress()
    with _failures(), open_store(db) as store, store.hold(wait=wait):
        processed = process(store, _run_options(recompute, engine, workers, scheduler), progress)
        outputs = write_reports(store, Path(out_dir))
    progress.close()
    _report_drops(processed)
    click.echo(f"dossier: {shown(str(outputs['json']))}")


@main.command()
@click.argument("documents", nargs=-1, required=True)
@click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Store file to remove the documents from.",
)
@_wait_option
def forget(documents: tuple[str, ...], db: str, wait: float) -> None:
    """Remove documents from the store for good, by id or by the path they were read from.

    DOCUMENTS are document ids (as the dossier lists them) or source paths. Each
    document goes with everything made from it (cleaned text, evidence, drops);
    the links and claims are recomputed without it by the next 'indicia report'.
    Ingesting the same bytes again brings it back. To keep a document in the
    store but leave it out of the dossier, record a reviewer's decision instead.
    """
    _require_store(db)
    with _failures(), open_store(db) as store, store.hold(wait=wait):
        found = {given: store.find_documents(display_path(given)) for given in documents}
        unknown = [given for given, ids in found.items() if not ids]
        if unknown:
            raise UsageError(f"no document with this id or path: {', '.join(unknown)}")
        removed = sorted({d for ids in found.values() for d in ids if store.forget(d)})
    click.echo(f"forgot {_count(len(removed), 'document')}: {', '.join(removed)}")
    click.echo("run 'indicia report' to write the dossier without them")


def _report_screening(store_path: str | Path) -> None:
    with open_store(store_path) as store:
        result = store.get_screening()
    if result is None:
        return
    click.echo(
        f"screened {_count(result.screened, 'name')}: "
        f"{_count(len(result.candidates), 'sanctions candidate')} (not findings until reviewed)"
    )
    for c in result.candidates:
        click.echo(
            f"  {c.entity} ({c.entity_type}) ~ {c.entry.list_name} {c.entry.entry_id} "
            f"{c.entry.name!r}: score {c.score:.2f}"
        )


@main.command()
@click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Store file whose people and organisations to screen.",
)
@click.option(
    "--sanctions",
    "sanctions",
    multiple=True,
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Sanctions list: OFAC SDN (sdn.csv or sdn.xml) or FollowTheMoney entities "
    "(.json lines). Repeat for more lists.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.5, 1.0),
    default=ScreenOptions().threshold,
    show_default=True,
    help="Lowest name score kept as a candidate.",
)
def screen(db: str, sanctions: tuple[str, ...], threshold: float) -> None:
    """Screen the store's people and organisations against sanctions lists.

    Prints each candidate with its score; 'indicia report' then writes them,
    with the features behind each score, into the dossier. A candidate is not
    a finding until a reviewer accepts it.
    """

    from indicia.pipeline import screen_stored

    _require_store(db)
    options = replace(_screen_options(sanctions), threshold=threshold)
    with _failures(), open_store(db) as store, store.hold():
        reconciliation = store.get_reconciliation()
        if reconciliation is None:
            raise UsageError(f"nothing extracted yet in {db}: run 'indicia report' first")
        screen_stored(store, reconciliation, options)
    _report_screening(Path(db))


@main.command()
@click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False, exists=True),
    help="Store file to export from.",
)
@click.option(
    "--format",
    "kind",
    type=click.Choice(["ftm", "entities-csv"]),
    required=True,
    help="ftm: FollowTheMoney entities, one JSON object a line, for Aleph and the ftm "
    "tools; entities-csv: every person, organisation and place with its mentions.",
)
@click.option(
    "--out", "out_file", required=True, type=click.Path(dir_okay=False), help="File to write."
)
def export(db: str, kind: str, out_file: str) -> None:
    """Export the dossier for other tools, after any review decisions.

    The FtM export holds the documents (Article), the people and organisations
    (Person, Organization) with each mention (Mention), a Sanction for each
    accepted sanctions match, and the indicator and figure findings as Notes.
    """
    from indicia.report import build_dossier
    from indicia.report.ftm import write_entities_csv, write_ftm

    with _failures(), open_store(db) as store:
        dossier = build_dossier(store)
        write = write_ftm if kind == "ftm" else write_entities_csv
        count = write(dossier, Path(out_file))
    click.echo(f"wrote {count} {'entities' if kind == 'ftm' else 'rows'}: {shown(out_file)}")


@main.group()
def review() -> None:
    """Decide on candidates, quotes, indicators, documents, entities and stories.

    Each decision is kept in the store with who made it, when, why and what it
    overrode; it survives re-runs and --recompute, shows in the dossier the next
    time it is written ('indicia report'), and can be undone. List the ids to
    decide on with 'indicia review list'.
    """


_review_db = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False, exists=True),
    help="Store file the decision is kept in.",
)
_reviewer = click.option(
    "--reviewer",
    default=lambda: getpass.getuser(),
    show_default="your login name",
    help="Who decides (kept in the audit trail).",
)
_reason = click.option("--reason", required=True, help="Why (kept in the audit trail).")

_REVIEW_COMMANDS = {
    "accept": ("accept_candidate", "CANDIDATE", "Accept a sanctions candidate as a match."),
    "reject": ("reject_candidate", "CANDIDATE", "Reject a sanctions candidate: not a match."),
    "reject-quote": (
        "reject_quote",
        "DOCUMENT:START:END",
        "Reject a quote: it no longer supports any finding.",
    ),
    "reject-indicator": ("reject_indicator", "STORY:CODE", "Reject an indicator finding."),
    "exclude": ("exclude_document", "DOCUMENT", "Exclude a document from every finding."),
}


def _decide(
    db: str, action: str, target: str, reviewer: str, reason: str, value: str | None
) -> None:
    from indicia.report import build_dossier
    from indicia.review import decide

    with _failures(), open_store(db) as store, store.hold():
        decision = decide(store, build_dossier(store), action, target, reviewer, reason, value)
    click.echo(f"decision {decision.id}: {action} {target}" + (f" -> {value}" if value else ""))
    click.echo(f"  overrode: {decision.overrode}")
    click.echo(f"  write the dossier again to show it: indicia report --db {shown(db)} --out ...")


def _review_command(name: str, action: str, metavar: str, summary: str) -> None:
    @review.command(name=name, help=summary)
    @click.argument("target", metavar=metavar)
    @_review_db
    @_reviewer
    @_reason
    def command(target: str, db: str, reviewer: str, reason: str) -> None:
        _decide(db, action, target, reviewer, reason, None)


for _name, (_action, _metavar, _summary) in _REVIEW_COMMANDS.items():
    _review_command(_name, _action, _metavar, _summary)


# Decisions on a target and a value: (action, TARGET, VALUE, help).
_REVIEW_PAIRS = {
    "merge-entities": (
        "merge_entities", "ENTITY", "INTO",
        "Fold the entity named ENTITY into the entity named INTO.",
    ),
    "set-origin": (
        "set_origin", "STORY", "OUTLET",
        "Set STORY's origin to OUTLET, over what the linker found.",
    ),
    "split-story": (
        "split_story", "STORY", "DOCUMENT",
        "Move DOCUMENT out of STORY into a story of its own, with its quotes.",
    ),
    "merge-stories": (
        "merge_stories", "STORY", "INTO",
        "Fold STORY into the story INTO: its documents, origins and findings join it.",
    ),
}  # fmt: skip


def _review_pair(name: str, action: str, target: str, value: str, summary: str) -> None:
    @review.command(name=name, help=summary)
    @click.argument("target", metavar=target)
    @click.argument("value", metavar=value)
    @_review_db
    @_reviewer
    @_reason
    def command(target: str, value: str, db: str, reviewer: str, reason: str) -> None:
        _decide(db, action, target, reviewer, reason, value)


for _name, (_action, _target, _value, _summary) in _REVIEW_PAIRS.items():
    _review_pair(_name, _action, _target, _value, _summary)


@review.command(name="split-entity")
@click.argument("entity")
@click.option("--alias", help="The spelling to take out, with its mentions.")
@click.option("--document", metavar="DOCUMENT", help="The document whose mentions to take out.")
@_review_db
@_reviewer
@_reason
def split_entity(
    entity: str, alias: str | None, document: str | None, db: str, reviewer: str, reason: str
) -> None:
    """Take one spelling (--alias) or one document's mentions (--document) out of
    ENTITY into an entity of its own."""
    if (alias is None) == (document is None):
        raise click.UsageError("give one of --alias NAME or --document DOCUMENT")
    value = f"alias:{alias}" if alias is not None else f"document:{document}"
    _decide(db, "split_entities", entity, reviewer, reason, value)


@review.command(name="undo")
@click.argument("decision")
@_review_db
@_reviewer
@_reason
def undo_decision(decision: str, db: str, reviewer: str, reason: str) -> None:
    """Undo DECISION; it stays in the audit trail, marked undone."""
    from indicia.review import undo

    with _failures(), open_store(db) as store, store.hold():
        undo(store, decision, reviewer, reason)
    click.echo(f"decision {decision} undone")


@review.command(name="list")
@_review_db
def list_review(db: str) -> None:
    """List the sanctions candidates and the decisions made, with their ids."""
    from indicia.report import build_dossier

    with _failures(), open_store(db) as store:
        dossier = build_dossier(store)
    for c in (dossier.get("screening") or {}).get("candidates", []):
        click.echo(
            f"candidate {c['id']}: {c['entity']} ~ {c['entry']['name']} "
            f"({c['score']:.2f}, {c['status']})"
        )
    for d in dossier["review"]["decisions"]:
        state = "undone" if d["undone_at"] else ("in force" if d["applied"] else "not applied")
        click.echo(
            f"decision {d['id']}: {d['action']} {d['target']} by {d['reviewer']} "
            f"at {d['made_at']} ({state}): {d['reason']}"
        )


@main.command()
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    help="Store file to show (default: OUT/indicia.db with --out, else ./indicia.db).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="The folder 'indicia run ... --out DIR' wrote: show the store it keeps there.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but this machine (127.0.0.1, ::1, localhost) "
    "needs a token.",
)
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--token",
    envvar="INDICIA_TOKEN",
    help="Secret every request must carry (?token=... once in the browser, or the "
    "X-Indicia-Token header). Also read from INDICIA_TOKEN.",
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Show the store without the review forms, though it could be written.",
)
def serve(
    db: str | None, out_dir: str | None, host: str, port: int, token: str | None, read_only: bool
) -> None:
    """Browse and review the dossier in a local web app: stories, names, quotes, search.

    Open http://127.0.0.1:8000/ once it runs; stop it with Ctrl-C. It listens only
    on this machine unless --host says otherwise, and then only with a token.
    Reviewers record decisions from its pages' forms (each a short write to the
    store); a store it cannot write, or --read-only, is shown without them, so a
    store on a read-only disk can be shown.
    """
    from indicia.web import check_serve
    from indicia.web import serve as serve_web

    store_path = Path(db) if db else Path(out_dir or ".") / DEFAULT_DB
    try:
        # Everything that would stop the server is checked before it starts.
        check_serve(store_path, host=host, token=token)
    except IndiciaError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        serve_web(str(store_path), host=host, port=port, token=token, reviewing=not read_only)
    except IndiciaError as exc:
        raise Failure(str(exc)) from exc


if __name__ == "__main__":
    main()
