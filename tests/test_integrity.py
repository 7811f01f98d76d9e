"""What keeps a store and a dossier whole: the run lock, a full disk, forgetting a document.

Two commands on one store are real processes here (the lock is the operating
system's, so a thread in this process would not show it); a full disk is SQLite's
own SQLITE_FULL, reached by capping the database's page count, not a faked error.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import indicia.cli
import indicia.report
from indicia.cli import main
from indicia.errors import StoreError
from indicia.pipeline import ingest_paths, process
from indicia.store import SQLiteStore, open_store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
BROKEN = "99-broken-binary-junk.bin"


def _corpus(target: Path) -> Path:
    target.mkdir(parents=True)
    for path in sorted(EXAMPLES.iterdir()):
        if path.is_file() and path.name != BROKEN:
            shutil.copyfile(path, target / path.name)
    return target


def _invoke(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return result.exit_code, result.stdout, stderr


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "indicia.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


# -------------------------------------------------------------------- the lock

_HOLDER = """
import sys
from indicia.store import open_store
store = open_store(sys.argv[1])
with store.hold(exclusive=sys.argv[2] == "exclusive"):
    print("held", flush=True)
    sys.stdin.readline()
"""


class _Holder:
    """Another process that holds the store until told to let go."""

    def __init__(self, db: Path, exclusive: bool = True) -> None:
        mode = "exclusive" if exclusive else "shared"
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(db), mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "held"

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.process.wait(timeout=60) == 0


def test_a_second_run_on_a_held_store_fails_clearly_and_writes_nothing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    db = tmp_path / "s.db"
    open_store(db).close()
    holder = _Holder(db)
    try:
        blocked = _cli("run", corpus, "--out", tmp_path / "out", "--db", db)
        assert blocked.returncode == 3, blocked.stderr
        assert f"in use by another indicia command (process {holder.process.pid})" in (
            blocked.stderr
        )
        assert "Traceback" not in blocked.stderr
        assert not (tmp_path / "out" / "dossier.json").exists()
        with open_store(db) as store:
            assert store.document_ids() == []  # it stored nothing either
    finally:
        holder.release()
    done = _cli("run", corpus, "--out", tmp_path / "out", "--db", db)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "dossier.json").exists()


def test_ingests_share_the_store_but_a_report_waits_for_none(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    db = tmp_path / "s.db"
    open_store(db).close()
    holder = _Holder(db, exclusive=False)  # an ingest in progress
    try:
        ingested = _cli("ingest", corpus, "--db", db)
        assert ingested.returncode == 0, ingested.stderr  # adding documents is shared
        blocked = _cli("report", "--out", tmp_path / "out", "--db", db)
        assert blocked.returncode == 3
        assert "in use by another indicia command" in blocked.stderr
        assert not (tmp_path / "out").exists()
    finally:
        holder.release()


def test_a_bounded_wait_for_a_held_store_ends_with_the_same_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(db).close()
    holder = _Holder(db)
    try:
        blocked = _cli("report", "--out", tmp_path / "out", "--db", db, "--wait", "0.5")
        assert blocked.returncode == 3
        assert "in use by another indicia command" in blocked.stderr
        assert "still after 0.5 s" in blocked.stderr
    finally:
        holder.release()


def test_two_reports_into_one_folder_both_finish_when_they_wait(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    db, out = tmp_path / "s.db", tmp_path / "out"
    assert _invoke("ingest", corpus, "--db", db)[0] == 0
    command = [sys.executable, "-m", "indicia.cli", "report", "--out", str(out), "--db", str(db)]
    children = [
        subprocess.Popen([*command, "--wait", "600"], stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outcomes = [child.communicate(timeout=900) for child in children]
    assert [child.returncode for child in children] == [0, 0], [e for _, e in outcomes]
    assert {"dossier.html", "dossier.json", "dossier.md"} <= {p.name for p in out.iterdir()}
    assert not [p.name for p in out.iterdir() if ".tmp" in p.name]
    json.loads((out / "dossier.json").read_text(encoding="utf-8"))


def test_a_killed_holder_leaves_the_store_free(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(db).close()
    holder = _Holder(db)
    holder.process.kill()
    holder.process.wait(timeout=60)
    with open_store(db) as store, store.hold():
        pass


def test_two_runs_at_once_never_write_a_dossier_with_missing_evidence(tmp_path: Path) -> None:
    # Whichever order the system gives them, each dossier written is whole.
    corpus = _corpus(tmp_path / "corpus")
    db = tmp_path / "s.db"
    open_store(db).close()
    command = [sys.executable, "-m", "indicia.cli", "run", str(corpus), "--db", str(db)]
    children = [
        subprocess.Popen([*command, "--out", str(tmp_path / f"out{i}")], stderr=subprocess.PIPE)
        for i in range(2)
    ]
    codes = [child.wait(timeout=600) for child in children]
    for child in children:
        assert child.stderr is not None
        child.stderr.close()
    assert 0 in codes and set(codes) <= {0, 3}
    with open_store(db) as store:
        have = store.result_scopes("extract")
        cleaned = {c.document_id for c in store.clean_documents()}
    assert cleaned <= have
    for i, code in enumerate(codes):
        dossier = tmp_path / f"out{i}" / "dossier.json"
        assert dossier.exists() == (code == 0)


# ------------------------------------------------------------------ full disk


def _fill_up_at(store: SQLiteStore, method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """From the first call of `method` on, the database may not grow by a single page."""
    real = getattr(SQLiteStore, method)

    def capped(self: SQLiteStore, *args: Any) -> Any:
        pages = self.connection.execute("PRAGMA page_count").fetchone()[0]
        self.connection.execute(f"PRAGMA max_page_count = {pages}")
        return real(self, *args)

    monkeypatch.setattr(SQLiteStore, method, capped)


@pytest.mark.parametrize("write", ["put_clean", "put_evidence"])
def test_a_full_disk_stops_the_run_blames_no_document_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: str
) -> None:
    # put_clean fills the disk during clean, put_evidence during extract.
    corpus = _corpus(tmp_path / "corpus")
    db = tmp_path / "s.db"
    with open_store(db) as store:
        ingest_paths([str(corpus)], store)
    with monkeypatch.context() as patched, open_store(db) as store:
        _fill_up_at(store, write, patched)
        with pytest.raises(StoreError, match="disk is full"):
            process(store)
        assert list(store.results("drops")) == []
        assert store.result_scopes("extract") == set()
    with open_store(db) as store:  # room again: the run resumes where it stopped
        summary = process(store)
        assert summary.drops == []
        assert store.result_scopes("extract") == {c.document_id for c in store.clean_documents()}


def test_a_full_disk_exits_3_with_the_reason_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    real_open = indicia.cli.open_store

    def tiny_store(path: str | Path) -> SQLiteStore:
        store = real_open(path)
        pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
        store.connection.execute(f"PRAGMA max_page_count = {pages + 2}")
        return store

    monkeypatch.setattr(indicia.cli, "open_store", tiny_store)
    code, _, stderr = _invoke("run", corpus, "--out", tmp_path / "out", "--db", tmp_path / "s.db")
    assert code == 3, stderr
    assert "disk is full" in stderr
    assert "Traceback" not in stderr and "OperationalError" not in stderr
    assert not (tmp_path / "out" / "dossier.json").exists()


def test_a_failed_commit_leaves_no_transaction_open(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
        store.connection.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError, match="disk is full"), store.transaction():
            store.put_result("note", "corpus", "x" * 100_000)
        assert not store.connection.in_transaction
        store.connection.execute(f"PRAGMA max_page_count = {pages * 1000}")
        store.put_result("note", "corpus", "fits now")
        assert store.get_result("note", "corpus") == "fits now"


def test_a_store_in_a_folder_that_cannot_be_made_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(tmp_path / "file" / "s.db")


# -------------------------------------------------------------- dossier files


def test_a_dossier_folder_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "file" / "out"
    code, _, stderr = _invoke("run", corpus, "--out", out, "--db", tmp_path / "s.db")
    assert code == 3, stderr
    assert f"cannot write {out}" in stderr
    assert "Traceback" not in stderr


def test_a_read_only_file_system_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    db = tmp_path / "s.db"
    assert _invoke("ingest", corpus, "--db", db)[0] == 0
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".tmp") and flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    code, _, stderr = _invoke("report", "--out", tmp_path / "out", "--db", db)
    assert code == 3, stderr
    assert "cannot write" in stderr and "Read-only file system" in stderr
    assert "Traceback" not in stderr


def test_reports_into_one_folder_at_once_never_collide(tmp_path: Path) -> None:
    target = tmp_path / "dossier.json"
    texts = [json.dumps({"writer": i, "body": "x" * 200_000}) for i in range(8)]
    failures: list[BaseException] = []

    def write(text: str) -> None:
        try:
            indicia.report._write_atomically(target, text)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert target.read_text(encoding="utf-8") in texts
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.json"]


def test_a_killed_writers_file_is_removed_by_the_next_one(tmp_path: Path) -> None:
    target = tmp_path / "dossier.html"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / f".dossier.html.{gone.stdout.strip()}.0a0b0c.tmp"
    dead.write_text("half a dossier", encoding="utf-8")
    live = tmp_path / f".dossier.html.{os.getppid()}.0d0e0f.tmp"  # a writer still running
    live.write_text("being written", encoding="utf-8")
    indicia.report._write_atomically(target, "<html></html>")
    assert not dead.exists()
    assert live.exists()
    assert target.read_text(encoding="utf-8") == "<html></html>"


def test_a_report_killed_while_writing_leaves_only_whole_files(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    db, out = tmp_path / "s.db", tmp_path / "out"
    assert _invoke("run", corpus, "--out", out, "--db", db)[0] == 0
    # A writer killed mid-file: its temporary file stays, the dossier beside it is whole.
    (out / ".dossier.json.999999999.abcdef.tmp").write_text("{", encoding="utf-8")
    assert _invoke("report", "--out", out, "--db", db)[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".dossier-stamp.json",  # what the files were rendered from (report/__init__.py)
        "claims.csv",
        "dossier.html",
        "dossier.json",
        "dossier.md",
        "dossier.xlsx",
        "entities.csv",
        "indicators.csv",
    ]


# ------------------------------------------------------------ a mistyped path


@pytest.mark.parametrize("command", ["run", "ingest"])
def test_a_missing_input_path_is_a_usage_error_that_stores_nothing(
    tmp_path: Path, command: str
) -> None:
    db, out = tmp_path / "s.db", tmp_path / "out"
    missing = tmp_path / "no" / "such" / "dir"
    args = ["run", missing, "--out", out] if command == "run" else ["ingest", missing]
    done = _cli(*args, "--db", db)
    assert done.returncode == 2, done.stderr
    assert f"no such file, folder or matching pattern: {missing}" in done.stderr
    assert not db.exists() and not out.exists()


def test_a_glob_that_matches_nothing_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = _invoke("ingest", tmp_path / "*.nothing", "--db", tmp_path / "s.db")
    assert code == 2, stderr
    assert not (tmp_path / "s.db").exists()


# ---------------------------------------------------------------------- forget


def test_forget_removes_a_document_by_id_or_path_and_the_next_report_leaves_it_out(
    tmp_path: Path,
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    db, out = tmp_path / "s.db", tmp_path / "out"
    assert _invoke("run", corpus, "--out", out, "--db", db)[0] == 0
    before = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    first, second = before["documents"][0], before["documents"][1]

    code, stdout, stderr = _invoke("forget", first["id"], second["source_path"], "--db", db)
    assert code == 0, stderr
    assert "forgot 2 documents" in stdout
    assert _invoke("report", "--out", out, "--db", db)[0] == 0
    after = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    ids = {d["id"] for d in after["documents"]}
    assert ids == {d["id"] for d in before["documents"]} - {first["id"], second["id"]}
    text = json.dumps({k: after[k] for k in ("stories", "indicators", "claims", "entities")})
    assert first["id"] not in text and second["id"] not in text
    con = sqlite3.connect(db)
    try:
        for table, column in (
            ("documents", "id"),
            ("clean", "document_id"),
            ("source_paths", "document_id"),
            ("results", "scope"),
        ):
            rows = con.execute(
                f"SELECT COUNT(*) FROM {table} WHERE {column} IN (?, ?)",
                (first["id"], second["id"]),
            ).fetchone()[0]
            assert rows == 0, table
    finally:
        con.close()


def test_forget_an_unknown_document_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(db).close()
    code, _, stderr = _invoke("forget", "0123456789abcdef", "--db", db)
    assert code == 2
    assert "no document with this id or path: 0123456789abcdef" in stderr
    assert _invoke("forget", "x", "--db", tmp_path / "none.db")[0] == 2
