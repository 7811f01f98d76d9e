"""The team store: PostgreSQL behind the same `Store` interface as the SQLite file.

Open it with a URL (`open_store("postgresql://user@host/dbname")`, or `--db` with
such a URL on the command line); needs the `postgres` extra (psycopg 3). Several
analysts' runs may write to one database at once: a document is inserted once
whoever gets there first (`ON CONFLICT DO NOTHING`), every write is its own
transaction unless grouped with `transaction()`, and migrations are applied under
an advisory lock, so racing first runs never apply one twice. `hold()` is a
session-level advisory lock, the server's counterpart of the SQLite store's lock file.

The tables and columns are SQLite's (see `migrations.py`), with two differences a
database that refuses NUL characters in text forces: a document's `content` is kept
as UTF-8 bytes, so it round-trips whatever it holds, and NUL in the other text
columns (titles, outlets) becomes U+FFFD. Stage results are the same JSON text.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from indicia.errors import ConfigError, StoreError
from indicia.records import (
    CleanDocument,
    ReviewDecision,
    SiteLines,
    SourceDocument,
    from_dict,
    to_dict,
)
from indicia.store.base import Store
from indicia.store.migrations import POSTGRES_MIGRATIONS

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
# Taken inside the migration transaction, so two first runs migrate one after the other.
_MIGRATION_LOCK = 0x696E646963  # "indic"
_HOLD_LOCK = 0x696E646964  # held by one command for its whole run (see Store.hold)

URL_SCHEMES = ("postgresql", "postgres")


def is_postgres_url(location: object) -> bool:
    """True for a postgresql:// (or postgres://) URL, which `open_store` opens here."""
    return isinstance(location, str) and location.split("://", 1)[0].lower() in URL_SCHEMES


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    netloc = f"{parts.username}:***@{host}" if parts.username else f"***@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresStore(Store):
    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise ConfigError(
                "a PostgreSQL store needs the optional extra: pip install 'indicia[postgres]'"
            ) from exc
        self._errors: type[Exception] = psycopg.Error
        self.url = url
        self._lock = threading.RLock()
        try:
            self._db = psycopg.connect(url, autocommit=True)
            self._migrate()
        except psycopg.Error as exc:
            raise StoreError(f"cannot open store {redact(url)}: {exc}") from exc

    # ---------------------------------------------------------------- plumbing

    def _migrate(self) -> None:
        with self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            done = {r[0] for r in self._db.execute("SELECT name FROM schema_migrations")}
            for name, sql in POSTGRES_MIGRATIONS:
                if name in done:
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute("INSERT INTO schema_migrations (name) VALUES (%s)", (name,))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # Nested calls become savepoints; the outermost one commits or rolls back.
        with self._lock:
            try:
                with self._db.transaction():
                    yield
            except self._errors as exc:
                raise StoreError(f"{redact(self.url)}: {exc}") from exc

    @contextmanager
    def hold(self, exclusive: bool = True, wait: float = 0.0) -> Iterator[None]:
        # A session-level advisory lock on this database: the server releases it when the
        # holder's connection ends, however it ends (a killed run never leaves it held).
        how = "pg_try_advisory_lock" if exclusive else "pg_try_advisory_lock_shared"
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            row = self._execute(f"SELECT {how}(%s)", (_HOLD_LOCK,)).fetchone()
            if (row and row[0]) or time.monotonic() >= deadline:
                break
            time.sleep(0.1)
        if not row or not row[0]:
            raise StoreError(
                f"{redact(self.url)} is in use by another indicia command; "
                "wait for it to finish, then run this again"
            )
        try:
            yield
        finally:
            release = "pg_advisory_unlock" if exclusive else "pg_advisory_unlock_shared"
            self._execute(f"SELECT {release}(%s)", (_HOLD_LOCK,))

    def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        try:
            with self._lock:
                return self._db.execute(sql, params)
        except self._errors as exc:
            raise StoreError(f"{redact(self.url)}: {exc}") from exc

    def schema_version(self) -> int:
        row = self._execute("SELECT COUNT(*) FROM schema_migrations").fetchone()
        return int(row[0])

    def close(self) -> None:
        self._db.close()

    # --------------------------------------------------------------- documents

    def add_document(self, document: SourceDocument) -> bool:
        values = tuple(_column(c, getattr(document, c)) for c in _DOCUMENT_COLUMNS)
        placeholders = ", ".join("%s" for _ in _DOCUMENT_COLUMNS)
        with self.transaction():
            cur = self._execute(
                f"INSERT INTO documents ({', '.join(_DOCUMENT_COLUMNS)}) "
                f"VALUES ({placeholders}) ON CONFLICT (id) DO NOTHING",
                values,
            )
            inserted = bool(cur.rowcount == 1)
            self.add_source_path(document.id, document.source_path)
        return inserted

    def has_document(self, document_id: str) -> bool:
        row = self._execute("SELECT 1 FROM documents WHERE id = %s", (document_id,)).fetchone()
        return row is not None

    def add_source_path(self, document_id: str, source_path: str) -> None:
        self._execute(
            "INSERT INTO source_paths (document_id, source_path) VALUES (%s, %s) "
            "ON CONFLICT DO NOTHING",
            (document_id, _text(source_path)),
        )

    def source_paths(self, document_id: str) -> list[str]:
        rows = self._execute(
            "SELECT source_path FROM source_paths WHERE document_id = %s ORDER BY seq",
            (document_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def get_document(self, document_id: str) -> SourceDocument | None:
        row = self._execute(
            f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents WHERE id = %s", (document_id,)
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
                "SELECT id FROM documents WHERE status = %s ORDER BY seq", (status,)
            ).fetchall()
        return [r[0] for r in rows]

    def find_documents(self, id_or_path: str) -> list[str]:
        rows = self._execute(
            "SELECT id FROM documents WHERE id = %s UNION "
            "SELECT document_id FROM source_paths WHERE source_path = %s",
            (id_or_path, _text(id_or_path)),
        ).fetchall()
        return sorted(r[0] for r in rows)

    def forget(self, document_id: str) -> bool:
        with self.transaction():
            if not self.has_document(document_id):
                return False
            self._execute("DELETE FROM clean WHERE document_id = %s", (document_id,))
            self._execute("DELETE FROM results WHERE scope = %s", (document_id,))
            site = self._execute(
                "SELECT site FROM site_lines WHERE document_id = %s", (document_id,)
            ).fetchone()
            self._execute("DELETE FROM site_lines WHERE document_id = %s", (document_id,))
            if site is not None:
                self.site_changed(site[0], f"{document_id} forgotten")
            self._execute(
                "DELETE FROM results WHERE scope = 'corpus' AND stage IN "
                "('link', 'link_state', 'reconcile')"
            )
            self._execute("DELETE FROM source_paths WHERE document_id = %s", (document_id,))
            self._execute("DELETE FROM documents WHERE id = %s", (document_id,))
        return True

    # ------------------------------------------------------------------- clean

    def put_clean(self, clean: CleanDocument) -> None:
        self._execute(
            "INSERT INTO clean (document_id, text, payload) VALUES (%s, %s, %s) "
            "ON CONFLICT (document_id) DO UPDATE SET text = EXCLUDED.text, "
            "payload = EXCLUDED.payload",
            (clean.document_id, _text(clean.text), _json(to_dict(clean))),
        )

    def get_clean(self, document_id: str) -> CleanDocument | None:
        row = self._execute(
            "SELECT payload FROM clean WHERE document_id = %s", (document_id,)
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
            "INSERT INTO site_lines (document_id, site, payload) VALUES (%s, %s, %s) "
            "ON CONFLICT (document_id) DO UPDATE SET site = EXCLUDED.site, "
            "payload = EXCLUDED.payload",
            (lines.document_id, _text(lines.site), _json(to_dict(lines))),
        )

    def site_lines(self, site: str) -> list[SiteLines]:
        rows = self._execute(
            "SELECT payload FROM site_lines WHERE site = %s ORDER BY document_id", (_text(site),)
        ).fetchall()
        return [from_dict(SiteLines, json.loads(row[0])) for row in rows]

    # ----------------------------------------------------------------- results

    def put_result(self, stage: str, scope: str, payload: Any) -> None:
        # A replaced result moves to the end, as SQLite's INSERT OR REPLACE moves its rowid.
        self._execute(
            "INSERT INTO results (stage, scope, payload) VALUES (%s, %s, %s) "
            "ON CONFLICT (stage, scope) DO UPDATE SET payload = EXCLUDED.payload, "
            "seq = nextval(pg_get_serial_sequence('results', 'seq'))",
            (stage, scope, _json(payload)),
        )

    def get_result(self, stage: str, scope: str) -> Any | None:
        row = self._execute(
            "SELECT payload FROM results WHERE stage = %s AND scope = %s", (stage, scope)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def results(self, stage: str) -> Iterator[tuple[str, Any]]:
        rows = self._execute(
            "SELECT scope, payload FROM results WHERE stage = %s ORDER BY seq", (stage,)
        ).fetchall()
        for scope, payload in rows:
            yield scope, json.loads(payload)

    def result_scopes(self, stage: str) -> set[str]:
        rows = self._execute("SELECT scope FROM results WHERE stage = %s", (stage,)).fetchall()
        return {r[0] for r in rows}

    def clear_results(self, stage: str) -> None:
        self._execute("DELETE FROM results WHERE stage = %s", (stage,))

    def delete_result(self, stage: str, scope: str) -> None:
        self._execute("DELETE FROM results WHERE stage = %s AND scope = %s", (stage, scope))

    # --------------------------------------------------------- review decisions

    _DECISION_COLUMNS = (
        "id, action, target, reviewer, reason, made_at, value, overrode, "
        "undone_at, undone_by, undo_reason"
    )

    def add_decision(self, decision: ReviewDecision) -> None:
        self._execute(
            f"INSERT INTO review_decisions ({self._DECISION_COLUMNS}) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            tuple(
                _text(v) if isinstance(v, str) else v
                for v in (
                    decision.id, decision.action, decision.target, decision.reviewer,
                    decision.reason, decision.made_at, decision.value, decision.overrode,
                    decision.undone_at, decision.undone_by, decision.undo_reason,
                )
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
            "UPDATE review_decisions SET undone_at = %s, undone_by = %s, undo_reason = %s "
            "WHERE id = %s AND undone_at IS NULL",
            (at, _text(reviewer), _text(reason), decision_id),
        )
        return bool(cursor.rowcount > 0)


def _json(payload: Any) -> str:
    # JSON escapes NUL as \\u0000, so any payload fits a text column.
    return json.dumps(payload, ensure_ascii=False)


def _text(value: str) -> str:
    return value.replace("\x00", "\ufffd")


def _column(name: str, value: Any) -> Any:
    if name == "content":
        return value.encode("utf-8", "surrogatepass")
    return _text(value) if isinstance(value, str) else value


def _document(row: tuple[Any, ...]) -> SourceDocument:
    values = dict(zip(_DOCUMENT_COLUMNS, row, strict=True))
    values["content"] = bytes(values["content"]).decode("utf-8", "surrogatepass")
    return from_dict(SourceDocument, values)


__all__ = ["PostgresStore", "is_postgres_url", "redact"]
