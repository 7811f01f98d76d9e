"""Kill-and-resume: a run killed with SIGKILL mid-ingest leaves a consistent store,
and running again completes it with nothing duplicated and nothing lost.

The kill is real: `indicia ingest` runs as a child process and is sent SIGKILL
once the store (polled read-only) holds some but not all documents. Nothing here
depends on timing: when the child finishes before it can be killed, the test
tries again with a larger pile. Each test runs on both backends: a SQLite file and a
database on a real PostgreSQL server (see tests/conftest.py).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from indicia.cli import main
from indicia.store import is_postgres_url, open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

# Piles to try, smallest first; each attempt uses a fresh folder and store. The later
# stages cost more per document than ingest, so a smaller pile keeps them busy long enough.
INGEST_PILE_SIZES = (80, 320, 1280)
PROCESS_PILE_SIZES = (40, 160, 640)

_PLACES = ("Ardmere", "Belton Quay", "Corrin", "Dunsby", "Elgarth", "Fallowmere", "Gresham Bay")
_THINGS = ("ferry", "bakery", "bridge", "school choir", "bus route", "harbour wall", "orchard")
_EVENTS = ("reopened", "was repainted", "won a prize", "closed for repairs", "changed hands")
_PEOPLE = ("a retired teacher", "the town clerk", "two fishermen", "a local baker", "the mayor")


def _note(i: int, rng: random.Random) -> str:
    """A short, unique, made-up local news note."""
    place, thing = rng.choice(_PLACES), rng.choice(_THINGS)
    return (
        f"Note {i}: the {thing} in {place} {rng.choice(_EVENTS)} on day {rng.randint(1, 28)}.\n\n"
        f"It cost {rng.randint(2, 900)} thousand crowns, said {rng.choice(_PEOPLE)}, "
        f"and {rng.randint(3, 400)} people came to see it (marker {i:06d}).\n"
    )


def _make_pile(folder: Path, size: int) -> dict[str, Path]:
    """Write `size` small documents; return them by the SHA-256 of their bytes."""
    folder.mkdir(parents=True)
    rng = random.Random(size)
    by_hash = {}
    for i in range(size):
        path = folder / f"note-{i:05d}.txt"
        data = _note(i, rng).encode("utf-8")
        path.write_bytes(data)
        by_hash[hashlib.sha256(data).hexdigest()] = path
    assert len(by_hash) == size
    return by_hash


def _query(db: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of `sql` read straight from the database, past the store's own code."""
    if is_postgres_url(db):
        import psycopg

        with psycopg.connect(db, connect_timeout=5) as con:
            return [tuple(row) for row in con.execute(sql)]  # type: ignore[arg-type]
    con = sqlite3.connect(db, timeout=5)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _kept(db: str) -> int:
    """How many documents a reader sees now (0 while the store is being created)."""
    if is_postgres_url(db):
        import psycopg

        try:
            return int(_query(db, "SELECT COUNT(*) FROM documents")[0][0])
        except psycopg.Error:  # the tables are not there yet: look again
            return 0
    if not Path(db).exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(con.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:  # not created yet, or busy: look again
        return 0


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "indicia.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _invoke(*args: str | Path) -> Result:
    """Run the CLI in this process; a crash's traceback goes into the failure message."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    crash = result.exception
    if crash is not None and not isinstance(crash, SystemExit):
        trace = "".join(traceback.format_exception(crash))
        raise AssertionError(f"indicia {' '.join(map(str, args))} crashed:\n{trace}")
    return result


def _wait_released(db: str) -> None:
    """Wait until the killed command's hold on the store is gone.

    A SQLite store's lock file is freed by the kernel as the process dies. A
    PostgreSQL store's lock is the killed session's advisory lock, which the server
    frees only once its backend notices the closed connection: a run started in
    that moment is (rightly) refused as "in use", so the test waits for the release.
    """
    if not is_postgres_url(db):
        return
    held = (
        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    deadline = time.monotonic() + 120
    while _query(db, held)[0][0]:
        if time.monotonic() > deadline:
            pytest.fail("the killed run's advisory lock was not released within 120 s")
        time.sleep(0.05)


def _start_and_kill(command: list[str], ready: Callable[[], bool]) -> bool:
    """Run `indicia COMMAND` as a child and SIGKILL it as soon as `ready()` holds.

    Returns False when the child exited on its own before it could be killed.
    """
    with subprocess.Popen(
        [sys.executable, "-m", "indicia.cli", *command],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as child:
        while child.poll() is None and not ready():
            time.sleep(0.002)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    # It may have finished between the last look and the signal: then it was not killed.
    if child.returncode not in (0, -signal.SIGKILL):
        pytest.fail(f"indicia {' '.join(command)} failed on its own: exit {child.returncode}")
    return child.returncode == -signal.SIGKILL


def _ingest_and_kill(folder: Path, db: str, size: int) -> int | None:
    """Start `indicia ingest`, SIGKILL it once the store holds some documents.

    Returns how many documents the store held right after the kill, or None when
    the child finished (or had nothing left to write) before it could be killed.
    """
    # Kill early in the run, but after the first commits, so the pile is part done.
    threshold = max(1, size // 20)
    command = ["ingest", str(folder), "--db", str(db)]
    if not _start_and_kill(command, lambda: _kept(db) >= threshold):
        return None
    _wait_released(db)
    kept = _kept_after_recovery(db)
    return kept if kept < size else None


def _kept_after_recovery(db: str) -> int:
    # A read-write connection replays or discards the killed writer's WAL (SQLite); the
    # PostgreSQL server rolled the killed client's open transaction back already.
    return int(_query(db, "SELECT COUNT(*) FROM documents")[0][0])


def _check_consistent(db: str, pile: dict[str, Path]) -> int:
    """The store after the kill: intact, and every document row complete."""
    if not is_postgres_url(db):
        assert _query(db, "PRAGMA integrity_check") == [("ok",)]
        assert _query(db, "PRAGMA foreign_key_check") == []
    rows = _query(
        db, "SELECT id, source_path, raw_sha256, content, size_bytes, status FROM documents"
    )
    paths = set(_query(db, "SELECT document_id, source_path FROM source_paths"))
    assert len({r[0] for r in rows}) == len(rows), "a document was kept twice"
    for document_id, source_path, raw_sha256, content, size_bytes, status in rows:
        if isinstance(content, bytes | memoryview):  # PostgreSQL keeps content as UTF-8 bytes
            content = bytes(content).decode("utf-8")
        assert raw_sha256 in pile, f"{source_path}: hash of no input"
        data = pile[raw_sha256].read_bytes()
        assert Path(source_path).name == pile[raw_sha256].name
        assert size_bytes == len(data)
        assert status == "ok"
        # The whole text is there, up to its last line: no half-written row.
        marker = data.decode("utf-8").strip().rsplit("(", 1)[1]
        assert marker in content, f"{source_path}: content incomplete"
        assert (document_id, source_path) in paths
    return len(rows)


def test_sigkill_mid_ingest_then_resume(
    tmp_path: Path, store_location: Callable[[str], str]
) -> None:
    for size in INGEST_PILE_SIZES:
        folder, db = tmp_path / f"pile-{size}", store_location(f"store-{size}")
        pile = _make_pile(folder, size)
        killed_at = _ingest_and_kill(folder, db, size)
        if killed_at is not None:
            break
    else:
        pytest.fail(f"ingest always finished before it could be killed: {INGEST_PILE_SIZES}")

    kept = _check_consistent(db, pile)
    assert kept == killed_at
    assert 0 < kept < size

    resumed = _cli("ingest", folder, "--db", db)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{size - kept} new, {kept} already kept" in resumed.stdout

    assert _check_consistent(db, pile) == size
    hashes = {row[0] for row in _query(db, "SELECT raw_sha256 FROM documents")}
    assert hashes == set(pile), "documents lost or invented"

    out = tmp_path / "out"
    # The later stages run in this process: the kill and the resume above are what
    # need real processes, and the stages' start-up cost is paid once per test run.
    reported = _invoke("report", "--out", out, "--db", db)
    assert reported.exit_code == 0, reported.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    documents = dossier["documents"]
    assert len(documents) == size
    assert len({d["id"] for d in documents}) == size
    assert {Path(d["source_path"]).name for d in documents} == {p.name for p in pile.values()}
    assert all(d["status"] == "ok" for d in documents)


def test_sigkill_after_ingest_then_run_again(
    tmp_path: Path, store_location: Callable[[str], str]
) -> None:
    # Killed while the later stages run: the next run finishes the dossier in full.
    for size in PROCESS_PILE_SIZES:
        folder, db, out = tmp_path / f"pile-{size}", store_location(f"s-{size}"), tmp_path / "out"
        pile = _make_pile(folder, size)
        command = ["run", str(folder), "--out", str(out), "--db", str(db)]
        if _start_and_kill(command, lambda db=db, size=size: _kept(db) >= size):
            break
    else:
        pytest.fail(f"run always finished before it could be killed: {PROCESS_PILE_SIZES}")
    _wait_released(db)
    assert _check_consistent(db, pile) == size
    again = _invoke("run", folder, "--out", out, "--db", db)
    assert again.exit_code == 0, again.output
    assert f"0 new, {size} already kept" in again.stdout
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    documents = dossier["documents"]
    assert len(documents) == len({d["id"] for d in documents}) == size
    assert all(d["status"] == "ok" and d["text"] for d in documents)
    cleaned = _query(db, "SELECT COUNT(*), COUNT(DISTINCT document_id) FROM clean")[0]
    assert cleaned == (size, size)


def test_two_ingests_at_once_keep_each_document_once(
    tmp_path: Path, store_location: Callable[[str], str]
) -> None:
    # Two writers on one store: every document is kept once, and by exactly one of them.
    size = 120
    folder, db = tmp_path / "pile", store_location("store")
    pile = _make_pile(folder, size)
    # The store exists before they start: this is about concurrent document writes.
    open_store(db).close()
    command = [sys.executable, "-m", "indicia.cli", "ingest", str(folder), "--db", str(db)]
    children = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=600) for child in children]
    for child, (_, stderr) in zip(children, outputs, strict=True):
        assert child.returncode == 0, stderr
    added = [int(re.search(r"(\d+) new", stdout).group(1)) for stdout, _ in outputs]  # type: ignore[union-attr]
    assert sum(added) == size
    assert _check_consistent(db, pile) == size
