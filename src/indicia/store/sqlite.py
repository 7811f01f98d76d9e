"""The embedded store: one SQLite file in WAL mode.

Each write is its own transaction unless grouped with `transaction()`, so a
process killed at any moment leaves every committed document whole and no
half-written one; ingesting again skips what is already kept.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from indicia.errors import StoreError

try:
    import fcntl
except ImportError:  # not on Windows: there the store relies on SQLite's own locking
    fcntl = None  # type: ignore[assignment]
from indicia.records import (
    CleanDocument,
    ReviewDecision,
    SiteLines,
    SourceDocument,
    from_dict,
    to_dict,
)
from indicia.store.base import Store
from indicia.store.migrations import MIGRATIONS, apply_migrations

log = logging.getLogger(__name__)

_DOCUMENT_COLUMNS = (
    "id",
    "source_path",
    "raw_sha256",
    "media_type",
    "content",
    "encoding",
    "size_bytes",
    "title",
    "outlet",
    "url",
    "author",
    "published",
    "language",
    "status",
    "error",
)


class SQLiteStore(Store):
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        try:
            if read_only:
                self._db = _connect_read_only(self.path)
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(
                    self.path, isolation_level=None, check_same_thread=False, timeout=30
                )
                _enable_wal(self._db)
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                apply_migrations(self._db)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open store {self.path}: {_explain(exc)}") from exc
        self._lock = threading.RLock()
        self._depth = 0

    # ---------------------------------------------------------------- plumbing

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            outermost = self._depth == 0
            if outermost:
                self._execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outermost:
                    self._rollback()
                raise
            self._depth -= 1
            if outermost:
                try:
                    self._execute("COMMIT")
                except StoreError:
                    self._rollback()  # a failed COMMIT (disk full) leaves the transaction open
                    raise

    def _rollback(self) -> None:
        # SQLite may already have rolled back on its own (after SQLITE_FULL, for one).
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                log.debug("%s: rollback failed", self.path, exc_info=True)

    def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        try:
            with self._lock:
                return self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {_explain(exc)}") from exc

    @contextmanager
    def hold(self, exclusive: bool = True, wait: float = 0.0) -> Iterator[None]:
        # An advisory lock on a file beside the store: the system releases it when the
        # holder exits, however it exits (a killed run never leaves the store locked).
        # Never a lock on the store file itself: SQLite's own locks live there.
        if self.path == ":memory:" or fcntl is None:
            yield
            return
        lock_path = self.path + ".lock"
        try:
            handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 (held below)
        except OSError as exc:
            raise StoreError(f"cannot lock store {self.path}: {_explain(exc)}") from exc
        with handle:
            self._take(handle, exclusive, wait)
            if exclusive:
                handle.seek(0)
                handle.truncate()
                handle.write(str(os.getpid()))
                handle.flush()
            try:
                yield
            finally:
                if exclusive:  # the file names a holder only while one holds it
                    handle.truncate(0)
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _take(self, handle: Any, exclusive: bool, wait: float) -> None:
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(handle, mode)
                return
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
            except OSError as exc:
                raise StoreError(f"cannot lock store {self.path}: {_explain(exc)}") from exc
            handle.seek(0)
            holder = handle.read().strip()
            by = f" (process {holder})" if holder.isdigit() else ""
            waited = f", still after {wait:g} s" if wait > 0 else ""
            raise StoreError(
                f"{self.path} is in use by another indicia command{by}{waited}; "
                "wait for it to finish (or pass --wait SECONDS), then run this again"
            )

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for read-only queries such as full-text search."""
        return self._db

    def schema_version(self) -> int:
        row = self._execute("SELECT COUNT(*) FROM schema_migrations").fetchone()
        return int(row[0])

    def close(self) -> None:
        self._db.close()

    # --------------------------------------------------------------- documents

    def add_document(self, document: SourceDocument) -> bool:
        values = tuple(getattr(document, c) for c in _DOCUMENT_COLUMNS)
        placeholders = ", ".join("?" for _ in _DOCUMENT_COLUMNS)
        with self.transaction():
            cur = self._execute(
                f"INSERT OR IGNORE INTO documents ({', '.join(_DOCUMENT_COLUMNS)}) "
                f"VALUES ({placeholders})",
                values,
            )
            inserted = cur.rowcount == 1
            self._execute(
                "INSERT OR IGNORE INTO source_paths (document_id, source_path) VALUES (?, ?)",
                (document.id, document.source_path),
            )
        return inserted

    def has_document(self, document_id: str) -> bool:
        row = self._execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None

    def add_source_path(self, document_id: str, source_path: str) -> None:
        self._execute(
            "INSERT OR IGNORE INTO source_paths (document_id, source_path) VALUES (?, ?)",
            (document_id, source_path),
        )

    def source_paths(self, document_id: str) -> list[str]:
        rows = self._execute(
            "SELECT source_path FROM source_paths WHERE document_id = ? ORDER BY rowid",
            (document_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def get_document(self, document_id: str) -> SourceDocument | None:
        row = self._execute(
            f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return _document(row) if row else None

    def documents(self, status: str | None = None) -> Iterator[SourceDocument]:
        for document_id in self.document_ids(status):
            document = self.get_document(document_id)
            if document is not None:
                yield document

    def document_ids(self, status: str | None = None) -> list[str]:
        if status is None:
            rows = self._execute("SELECT id FROM documents ORDER BY seq").fetchall()
        else:
            rows = self._execute(
                "SELECT id FROM documents WHERE status = ? ORDER BY seq", (status,)
            ).fetchall()
        return [r[0] for r in rows]

    def find_documents(self, id_or_path: str) -> list[str]:
        rows = self._execute(
            "SELECT id FROM documents WHERE id = ? UNION "
            "SELECT document_id FROM source_paths WHERE source_path = ?",
            (id_or_path, id_or_path),
        ).fetchall()
        return sorted(r[0] for r in rows)

    def forget(self, document_id: str) -> bool:
        with self.transaction():
            if not self.has_document(document_id):
                return False
            self._execute("DELETE FROM clean WHERE document_id = ?", (document_id,))
            self._execute("DELETE FROM results WHERE scope = ?", (document_id,))
            site = self._execute(
                "SELECT site FROM site_lines WHERE document_id = ?", (document_id,)
            ).fetchone()
            self._execute("DELETE FROM site_lines WHERE document_id = ?", (document_id,))
            if site is not None:
                self.site_changed(site[0], f"{document_id} forgotten")
            self._execute(
                "DELETE FROM results WHERE scope = 'corpus' AND stage IN "
                "('link', 'link_state', 'reconcile')"
            )
            self._execute("DELETE FROM source_paths WHERE document_id = ?", (document_id,))
            self._execute("DELETE FROM documents WHERE id = ?", (document_id,))
        return True

    # ------------------------------------------------------------------- clean

    def put_clean(self, clean: CleanDocument) -> None:
        self._execute(
            "INSERT OR REPLACE INTO clean (document_id, text, payload) VALUES (?, ?, ?)",
            (clean.document_id, clean.text, json.dumps(to_dict(clean), ensure_ascii=False)),
        )

    def get_clean(self, document_id: str) -> CleanDocument | None:
        row = self._execute(
            "SELECT payload FROM clean WHERE document_id = ?", (document_id,)
        ).fetchone()
        return from_dict(CleanDocument, json.loads(row[0])) if row else None

    def clean_documents(self) -> Iterator[CleanDocument]:
        for document_id in self.clean_ids():
            clean = self.get_clean(document_id)
            if clean is not None:
                yield clean

    def clean_ids(self) -> list[str]:
        rows = self._execute(
            "SELECT c.document_id FROM clean c JOIN documents d ON d.id = c.document_id "
            "ORDER BY d.seq"
        ).fetchall()
        return [r[0] for r in rows]

    def uncleaned_ids(self) -> list[str]:
        rows = self._execute(
            "SELECT d.id FROM documents d LEFT JOIN clean c ON c.document_id = d.id "
            "WHERE d.status = 'ok' AND c.document_id IS NULL ORDER BY d.seq"
        ).fetchall()
        return [r[0] for r in rows]

    # ------------------------------------------------------------- site lines

    def put_site_lines(self, lines: SiteLines) -> None:
        self._execute(
            "INSERT OR REPLACE INTO site_lines (document_id, site, payload) VALUES (?, ?, ?)",
            (lines.document_id, lines.site, json.dumps(to_dict(lines), ensure_ascii=False)),
        )

    def site_lines(self, site: str) -> list[SiteLines]:
        rows = self._execute(
            "SELECT payload FROM site_lines WHERE site = ? ORDER BY document_id", (site,)
        ).fetchall()
        return [from_dict(SiteLines, json.loads(row[0])) for row in rows]

    # ----------------------------------------------------------------- results

    def put_result(self, stage: str, scope: str, payload: Any) -> None:
        self._execute(
            "INSERT OR REPLACE INTO results (stage, scope, payload) VALUES (?, ?, ?)",
            (stage, scope, json.dumps(payload, ensure_ascii=False)),
        )

    def get_result(self, stage: str, scope: str) -> Any | None:
        row = self._execute(
            "SELECT payload FROM results WHERE stage = ? AND scope = ?", (stage, scope)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def results(self, stage: str) -> Iterator[tuple[str, Any]]:
        rows = self._execute(
            "SELECT scope, payload FROM results WHERE stage = ? ORDER BY rowid", (stage,)
        ).fetchall()
        for scope, payload in rows:
            yield scope, json.loads(payload)

    def result_scopes(self, stage: str) -> set[str]:
        rows = self._execute("SELECT scope FROM results WHERE stage = ?", (stage,)).fetchall()
        return {r[0] for r in rows}

    def clear_results(self, stage: str) -> None:
        self._execute("DELETE FROM results WHERE stage = ?", (stage,))

    def delete_result(self, stage: str, scope: str) -> None:
        self._execute("DELETE FROM results WHERE stage = ? AND scope = ?", (stage, scope))

    # ----------------------------------------------------------------- review

    _DECISION_COLUMNS = (
        "id, action, target, reviewer, reason, made_at, value, overrode, "
        "undone_at, undone_by, undo_reason"
    )

    def add_decision(self, decision: ReviewDecision) -> None:
        self._execute(
            f"INSERT INTO review_decisions ({self._DECISION_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                decision.id, decision.action, decision.target, decision.reviewer,
                decision.reason, decision.made_at, decision.value, decision.overrode,
                decision.undone_at, decision.undone_by, decision.undo_reason,
            ),
        )  # fmt: skip

    def decisions(self, include_undone: bool = False) -> list[ReviewDecision]:
        where = "" if include_undone else " WHERE undone_at IS NULL"
        rows = self._execute(
            f"SELECT {self._DECISION_COLUMNS} FROM review_decisions{where} ORDER BY seq"
        ).fetchall()
        return [ReviewDecision(*row) for row in rows]

    def undo_decision(self, decision_id: str, reviewer: str, reason: str, at: str) -> bool:
        cursor = self._execute(
            "UPDATE review_decisions SET undone_at = ?, undone_by = ?, undo_reason = ? "
            "WHERE id = ? AND undone_at IS NULL",
            (at, reviewer, reason, decision_id),
        )
        return cursor.rowcount > 0


def _explain(exc: BaseException) -> str:
    """Words for a database failure that tell the user what to do about it."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary code, not the extended
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in str(exc):
        return (
            "the disk is full (or the store reached its size limit); nothing was recorded "
            "as a document's fault: free space and run again to go on where this stopped"
        )
    if code == sqlite3.SQLITE_READONLY or "readonly database" in str(exc):
        return f"the store cannot be written ({exc}): check the file's and folder's permissions"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror} ({exc.filename})" if exc.filename else exc.strerror
    return str(exc)


def _document(row: tuple[Any, ...]) -> SourceDocument:
    return from_dict(SourceDocument, dict(zip(_DOCUMENT_COLUMNS, row, strict=True)))


def _enable_wal(db: sqlite3.Connection, patience: float = 30.0) -> None:
    # Switching a new database to WAL takes an exclusive lock and SQLite answers "locked"
    # at once, without its busy handler, while another process does the same: retry.
    deadline = time.monotonic() + patience
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _connect_read_only(path: str) -> sqlite3.Connection:
    """A connection that never writes: no WAL switch, no migration, no new file.

    A store on a read-only disk or folder cannot get the WAL index SQLite wants beside
    it; it is opened as immutable then (nothing can change it anyway).
    """
    if not Path(path).is_file():
        raise StoreError(f"no store at {path}")
    uri = Path(path).resolve().as_uri()
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        db = sqlite3.connect(
            uri + query, uri=True, isolation_level=None, check_same_thread=False, timeout=30
        )
        try:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.OperationalError as exc:
            db.close()
            if "unable to open" in str(exc) and "immutable" not in query:
                continue
            raise StoreError(f"{path} is not an indicia store: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            db.close()
            raise StoreError(f"{path} is not an indicia store: {exc}") from exc
        if "schema_migrations" not in tables:
            db.close()
            raise StoreError(f"{path} is not an indicia store (no schema_migrations table)")
        done = {r[0] for r in db.execute("SELECT name FROM schema_migrations")}
        missing = [name for name, _ in MIGRATIONS if name not in done]
        if missing:
            db.close()
            raise StoreError(
                f"{path} was made by an older indicia and needs migrating ({missing[0]}); "
                "open it once writable (indicia report --db ...) to upgrade it"
            )
        return db
    raise StoreError(f"cannot open store {path} read-only")


__all__ = ["MIGRATIONS", "SQLiteStore"]
