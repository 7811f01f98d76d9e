"""The command line end to end: exit codes, quiet pipes, stdin, and resumable steps.

Exit codes, terminals, pipes and stdin are checked on real `indicia` processes,
because that is what a user meets; the rest runs the same commands in this
process (click's runner) to spare the stages' start-up cost. The tests assert
what must hold whatever the stages find (every input listed, the exit code
agreeing with the rejections, two steps adding up to one run, reruns changing
nothing), not what today's stage bodies produce.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import indicia.clean
import indicia.ingest
import indicia.link
from indicia.cli import main
from indicia.records import SourceDocument
from indicia.store import open_store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
BROKEN = "99-broken-binary-junk.bin"

# The dossier parts that describe the pile, as opposed to how it was produced.
CONTENT_KEYS = ("documents", "stories", "indicators", "claims", "entities")


@dataclass
class Run:
    process: subprocess.CompletedProcess[str]
    out: Path
    db: Path
    corpus: Path

    @property
    def dossier(self) -> dict[str, Any]:
        return json.loads((self.out / "dossier.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def cli(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a separate process with pipes for stdin, stdout and stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "indicia.cli", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=600,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def invoke(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI in this process (click's runner): same code path, no start-up cost.

    stdin, stdout and stderr are not terminals here either, as in a pipe.
    """
    argv = [str(a) for a in args]
    result = CliRunner().invoke(main, argv)
    stderr = result.stderr
    crash = result.exception
    if crash is not None and not isinstance(crash, SystemExit):
        stderr += "".join(traceback.format_exception(crash))
    return subprocess.CompletedProcess(argv, result.exit_code, result.stdout, stderr)


def _copy_corpus(target: Path, skip: Sequence[str] = ()) -> Path:
    target.mkdir(parents=True)
    for path in sorted(EXAMPLES.iterdir()):
        if path.is_file() and path.name not in skip:
            shutil.copyfile(path, target / path.name)
    return target


def _count_documents(db: Path) -> tuple[int, int]:
    """(rows, distinct ids) in the store's documents table, read-only."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        query = "SELECT COUNT(*), COUNT(DISTINCT id) FROM documents"
        rows, distinct = con.execute(query).fetchone()
    finally:
        con.close()
    return int(rows), int(distinct)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """`indicia run` over the whole example corpus, broken input included."""
    base = tmp_path_factory.mktemp("corpus-run")
    corpus = _copy_corpus(base / "corpus")
    out, db = base / "out", base / "store.db"
    process = cli("run", corpus, "--out", out, "--db", db)
    return Run(process, out, db, corpus)


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """`indicia run` (in this process) over the example corpus without its broken file."""
    base = tmp_path_factory.mktemp("clean-run")
    corpus = _copy_corpus(base / "corpus", skip=[BROKEN])
    out, db = base / "out", base / "store.db"
    process = invoke("run", corpus, "--out", out, "--db", db)
    return Run(process, out, db, corpus)


# ------------------------------------------------------------------ exit codes


def test_run_exits_0_when_every_input_was_read(clean_run: Run) -> None:
    assert clean_run.process.returncode == 0, clean_run.process.stderr
    summary = clean_run.dossier["summary"]
    assert summary["rejected"] == 0
    assert summary["ok"] == summary["documents"] == len(list(clean_run.corpus.iterdir()))


def test_run_exit_code_agrees_with_the_rejections(corpus_run: Run) -> None:
    # Whatever ingest decides about the broken file, the exit code must say it.
    dossier = corpus_run.dossier
    rejected = [d for d in dossier["documents"] if d["status"] != "ok"]
    expected = 1 if rejected else 0
    assert corpus_run.process.returncode == expected, corpus_run.process.stderr
    for document in rejected:
        assert document["error"]
        assert document["source_path"] in corpus_run.process.stderr


def test_run_exits_1_for_the_broken_example(corpus_run: Run) -> None:
    broken = [d for d in corpus_run.dossier["documents"] if d["source_path"].endswith(BROKEN)]
    assert len(broken) == 1
    assert broken[0]["status"] == "rejected"
    assert corpus_run.process.returncode == 1, corpus_run.process.stderr
    assert f"rejected {broken[0]['source_path']}" in corpus_run.process.stderr


def test_run_writes_the_dossier_even_when_inputs_are_rejected(corpus_run: Run) -> None:
    assert corpus_run.process.returncode in (0, 1), corpus_run.process.stderr
    for name in ("dossier.json", "dossier.md", "dossier.html"):
        assert (corpus_run.out / name).stat().st_size > 0
    assert "dossier.json" in corpus_run.process.stdout


def test_every_input_file_is_in_the_dossier(corpus_run: Run) -> None:
    listed = {Path(d["source_path"]).name for d in corpus_run.dossier["documents"]}
    assert listed == {p.name for p in corpus_run.corpus.iterdir()}


def test_example_corpus_holds_more_than_one_story(clean_run: Run) -> None:
    # The unrelated library article can never join the North Korea story.
    dossier = clean_run.dossier
    assert len(dossier["stories"]) >= 2
    by_name = {Path(d["source_path"]).name: d for d in dossier["documents"]}
    library = by_name["06-unrelated-library-reopens.md"]["story"]
    original = by_name["01-example-ledger-original.html"]["story"]
    assert library and original and library != original


class _FakeIngest:
    """Stands in for the ingest stage: yields the documents it was given."""

    def __init__(self, documents: Sequence[SourceDocument]) -> None:
        self.documents = documents

    def __call__(
        self, paths: Sequence[str], options: object = None, skipped: object = None
    ) -> Iterator[SourceDocument]:
        yield from self.documents


def _document(name: str, text: str, rejected: bool = False) -> SourceDocument:
    digest = hashlib.sha256(f"{name}\0{text}".encode()).hexdigest()
    return SourceDocument(
        id=digest[:16],
        source_path=name,
        raw_sha256=digest,
        media_type="rejected" if rejected else "text",
        content="" if rejected else text,
        size_bytes=len(text),
        status="rejected" if rejected else "ok",
        error="not a document: binary data" if rejected else None,
    )


@pytest.mark.parametrize(
    ("rejected", "expected"),
    [((), 0), (("b.bin",), 1), (("a.txt", "b.bin"), 1)],
)
def test_run_exit_code_counts_rejections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rejected: tuple[str, ...], expected: int
) -> None:
    # The CLI's side of the contract, independent of what ingest rejects today.
    documents = [
        _document(name, f"Text number {i} of the pile, about a harbour.", name in rejected)
        for i, name in enumerate(["a.txt", "b.bin", "c.txt"])
    ]
    monkeypatch.setattr(indicia.ingest, "iter_documents", _FakeIngest(documents))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(tmp_path), "--out", str(out), "--db", str(tmp_path / "s.db")]
    )
    assert result.exit_code == expected, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert dossier["summary"]["rejected"] == len(rejected)
    errors = {d["source_path"]: d.get("error") for d in dossier["documents"]}
    for name in rejected:
        assert errors[name] == "not a document: binary data"


@pytest.mark.parametrize("rejected", [False, True])
def test_ingest_exit_code_counts_rejections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rejected: bool
) -> None:
    documents = [_document("one.txt", "One harbour story."), _document("two", "x", rejected)]
    monkeypatch.setattr(indicia.ingest, "iter_documents", _FakeIngest(documents))
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == (1 if rejected else 0), result.output


class _FailingCleaner:
    """Wraps the real cleaner's two parts: a document holding FAIL raises, SKIP is left out."""

    def __init__(self, prepare: Any, finish: Any) -> None:
        self.prepare, self.finish = prepare, finish

    def prepare_document(self, document: SourceDocument, options: Any) -> Any:
        if "FAIL" in document.content:
            raise RuntimeError("cleaner broke on this document")
        return self.prepare(document, options)

    def finish_documents(
        self,
        documents: Sequence[SourceDocument],
        prepared: Any,
        options: Any = None,
        chrome: Any = None,
    ) -> Any:
        finished = self.finish(documents, prepared, options, chrome)
        return [c for c in finished if "SKIP" not in c.text]


@pytest.mark.parametrize("word", ["FAIL", "SKIP"])
def test_a_document_a_stage_drops_keeps_exit_1_on_every_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("A ferry in a fictional town was repainted.\n", "utf-8")
    (corpus / "bad.txt").write_text(f"A bakery in a fictional town reopened. {word}\n", "utf-8")
    failing = _FailingCleaner(indicia.clean.prepare_document, indicia.clean.finish_documents)
    monkeypatch.setattr(indicia.clean, "prepare_document", failing.prepare_document)
    monkeypatch.setattr(indicia.clean, "finish_documents", failing.finish_documents)
    for attempt in ("first", "second"):
        out = tmp_path / attempt
        done = invoke("run", corpus, "--out", out, "--db", tmp_path / "s.db")
        assert done.returncode == 1, (attempt, done.stdout, done.stderr)
        assert "dropped" in done.stderr
        dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
        status = {Path(d["source_path"]).name: d for d in dossier["documents"]}
        assert status["good.txt"]["status"] == "ok"
        assert status["bad.txt"]["status"] == "rejected"
        assert "clean" in status["bad.txt"]["error"]


def _broken_linker(*args: object, **kwargs: object) -> Any:
    raise RuntimeError("linker bug")


def test_a_crash_exits_3_and_writes_no_dossier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Exit 1 promises a dossier; a failure must not look like it.
    corpus = _copy_corpus(tmp_path / "corpus", skip=[BROKEN])
    monkeypatch.setattr(indicia.link, "link_documents", _broken_linker)
    out = tmp_path / "out"
    done = invoke("run", corpus, "--out", out, "--db", tmp_path / "s.db")
    assert done.returncode == 3, done.stderr
    assert "RuntimeError: linker bug" in done.stderr
    assert not (out / "dossier.json").exists()


@pytest.mark.parametrize("command", ["run", "ingest", "report"])
def test_a_store_that_is_not_a_database_exits_3(tmp_path: Path, command: str) -> None:
    db = tmp_path / "s.db"
    db.write_bytes(b"this is not an SQLite database, just some text\n" * 100)
    (tmp_path / "a.txt").write_text("A short note about a harbour.\n", encoding="utf-8")
    args = {
        "run": ["run", tmp_path / "a.txt", "--out", tmp_path / "out", "--db", db],
        "ingest": ["ingest", tmp_path / "a.txt", "--db", db],
        "report": ["report", "--out", tmp_path / "out", "--db", db],
    }[command]
    done = invoke(*args)
    assert done.returncode == 3, (done.stdout, done.stderr)
    assert str(db) in done.stderr
    assert not (tmp_path / "out" / "dossier.json").exists()


# ---------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["run"], id="run-without-paths"),
        pytest.param(["run", "CORPUS"], id="run-without-out"),
        pytest.param(["run", "CORPUS", "--out", "OUT", "--no-such-option"], id="unknown-option"),
        pytest.param(["run", "CORPUS", "--out"], id="out-without-value"),
        pytest.param(["ingest"], id="ingest-without-paths"),
        pytest.param(["report"], id="report-without-out"),
        pytest.param(["report", "--out", "OUT", "--db", "MISSING"], id="report-without-store"),
        pytest.param(["no-such-command"], id="unknown-command"),
        pytest.param(["--no-such-option"], id="unknown-group-option"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A short note about a harbour.\n", encoding="utf-8")
    names = {"CORPUS": corpus, "OUT": tmp_path / "out", "MISSING": tmp_path / "missing.db"}
    argv = [str(names.get(a, a)) for a in args]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.output or "Error" in result.output
    assert not (tmp_path / "out" / "dossier.json").exists()


def test_usage_error_exit_code_from_a_real_process(tmp_path: Path) -> None:
    done = cli("run", tmp_path)  # no --out
    assert done.returncode == 2
    assert "--out" in done.stderr


# --------------------------------------------------------------------- output


def test_progress_is_quiet_in_a_pipe(corpus_run: Run) -> None:
    # stderr is a pipe here: no carriage-return progress line may reach it.
    assert "\r" not in corpus_run.process.stderr
    assert "\r" not in corpus_run.process.stdout
    for stage in ("ingest:", "clean:", "extract:"):
        assert stage not in corpus_run.process.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_shows_on_a_terminal(tmp_path: Path) -> None:
    corpus = _copy_corpus(tmp_path / "corpus", skip=[BROKEN])
    leader, follower = os.openpty()
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "indicia.cli",
            "ingest",
            str(corpus),
            "--db",
            str(tmp_path / "s.db"),
        ],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=300)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert process.returncode == 0, shown
    assert "ingest" in shown and "\r" in shown
    # The summary starts on its own line, not glued to the end of a progress line.
    assert [line for line in shown.split("\n") if "read " in line and "ingest:" in line] == []
    assert "read 6 inputs" in shown


def test_run_reports_where_the_dossier_is(clean_run: Run) -> None:
    stdout = clean_run.process.stdout
    assert str(clean_run.out / "dossier.json") in stdout
    assert str(clean_run.out / "dossier.html") in stdout


# ------------------------------------------------------- steps, reruns, stdin


def test_ingest_then_report_equals_run(corpus_run: Run, tmp_path: Path) -> None:
    db, out = tmp_path / "steps.db", tmp_path / "out"
    ingested = invoke("ingest", corpus_run.corpus, "--db", db)
    assert ingested.returncode == corpus_run.process.returncode, ingested.stderr
    reported = invoke("report", "--out", out, "--db", db)
    assert reported.returncode == 0, reported.stderr
    steps = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    whole = corpus_run.dossier
    assert [d["id"] for d in steps["documents"]] == [d["id"] for d in whole["documents"]]
    for key in CONTENT_KEYS:
        assert steps[key] == whole[key], key


def test_running_again_changes_nothing(corpus_run: Run, tmp_path: Path) -> None:
    before = _count_documents(corpus_run.db)
    out = tmp_path / "again"
    again = invoke("run", corpus_run.corpus, "--out", out, "--db", corpus_run.db)
    assert again.returncode == corpus_run.process.returncode, again.stderr
    assert " 0 new" in again.stdout
    assert _count_documents(corpus_run.db) == before
    rows, distinct = before
    assert rows == distinct == len(list(corpus_run.corpus.iterdir()))
    second = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    for key in CONTENT_KEYS:
        assert second[key] == corpus_run.dossier[key], key


def test_ingesting_the_same_bytes_under_another_name_is_a_no_op(tmp_path: Path) -> None:
    corpus = _copy_corpus(tmp_path / "corpus", skip=[BROKEN])
    db = tmp_path / "s.db"
    assert cli("ingest", corpus, "--db", db).returncode == 0
    copy = tmp_path / "copy.txt"
    shutil.copyfile(corpus / "02-content-farm-rewrite.txt", copy)
    done = cli("ingest", copy, corpus, "--db", db)
    assert done.returncode == 0, done.stderr
    assert " 0 new" in done.stdout
    rows, distinct = _count_documents(db)
    assert rows == distinct == len(list(corpus.iterdir()))


STDIN_TEXT = (
    "Harbour workers in the fictional port of Lowmere went on strike on Tuesday.\n\n"
    "The union said 300 dockers walked out after talks on pay broke down.\n"
)


def test_dash_reads_stdin(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    done = cli("ingest", "-", "--db", db, stdin=STDIN_TEXT.encode("utf-8"))
    assert done.returncode == 0, done.stderr
    assert "1 new" in done.stdout
    with open_store(db) as store:
        documents = list(store.documents())
    assert len(documents) == 1
    assert documents[0].status == "ok"
    assert "300 dockers walked out" in documents[0].content


def test_dash_beside_paths(tmp_path: Path) -> None:
    corpus = _copy_corpus(tmp_path / "corpus", skip=[BROKEN])
    db = tmp_path / "s.db"
    done = cli("ingest", corpus, "-", "--db", db, stdin=STDIN_TEXT.encode("utf-8"))
    assert done.returncode == 0, done.stderr
    rows, distinct = _count_documents(db)
    assert rows == distinct == len(list(corpus.iterdir())) + 1


# ------------------------------------------------------------ hostile file names


def test_file_names_never_forge_lines_or_reach_the_terminal_raw(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    hostile = "junk\n  rejected forged.txt: all is well\x1b[2J\u202e.bin"
    (corpus / hostile).write_bytes(b"\x00\x01\x02 binary junk \xff\xfe" * 40)
    (corpus / "note.txt").write_text("A short note about a harbour ferry.\n", "utf-8")
    done = cli("-v", "run", corpus, "--out", tmp_path / "out", "--db", tmp_path / "s.db")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert not any(line.startswith("  rejected forged.txt") for line in lines)
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr
    assert "junk\\n  rejected forged.txt: all is well\\x1b[2J\\u202e.bin" in done.stderr


def test_a_name_that_is_not_utf8_keeps_its_bytes_shown_escaped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    raw = os.fsencode(corpus) + b"/caf\xe9\x1b.bin"
    fd = os.open(raw, os.O_WRONLY | os.O_CREAT)
    os.write(fd, b"\x00\x01\x02 binary junk \xff\xfe" * 40)
    os.close(fd)
    db = tmp_path / "s.db"
    done = cli("ingest", corpus, "--db", db)
    assert done.returncode == 1
    assert "caf\\xe9\\x1b.bin" in done.stderr
    with open_store(db) as store:
        [document] = store.documents()
    assert document.source_path.endswith("caf\\xe9\x1b.bin")  # stored whole, bytes written out
    forgot = invoke("forget", os.fsdecode(raw), "--db", db)  # the name as the shell gives it
    assert forgot.returncode == 0, forgot.stderr


def test_the_command_line_fills_stage_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from indicia.cli import _run_options

    monkeypatch.setenv("INDICIA_ALIGNER", "Embedding")
    monkeypatch.setenv("INDICIA_NER", "rules")
    options = _run_options(recompute=True)
    assert (options.link.aligner, options.extract.ner, options.recompute) == (
        "embedding",
        "rules",
        True,
    )
    monkeypatch.delenv("INDICIA_ALIGNER")
    monkeypatch.delenv("INDICIA_NER")
    assert _run_options().link.aligner == "ngram" and _run_options().extract.ner == "auto"


# A read of the environment (a write, such as telling a library to stay offline, is not).
_READS_ENV = r"os\.environ\.get\(|os\.getenv\(|os\.environ\[[^\]]+\](?!\s*=[^=])"


def test_no_stage_reads_the_environment() -> None:
    import re

    from shared_inputs import REPO

    stages = ("ingest", "clean", "link", "extract", "reconcile", "report", "store", "text")
    readers = [
        str(path.relative_to(REPO))
        for stage in stages
        for path in (REPO / "src" / "indicia" / stage).rglob("*.py")
        if re.search(_READS_ENV, path.read_text("utf-8"))
    ]
    assert readers == []
