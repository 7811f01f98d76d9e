"""Named schema changes, applied in order and recorded in the database.

Add a migration by appending to MIGRATIONS (SQLite) and, under the same name, to
POSTGRES_MIGRATIONS (the same change in PostgreSQL's dialect); never edit one that
has shipped. A test checks both lists name the same migrations in the same order.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_documents",
        """
        CREATE TABLE documents (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            source_path TEXT NOT NULL,
            raw_sha256 TEXT NOT NULL,
            media_type TEXT NOT NULL,
            content TEXT NOT NULL,
            encoding TEXT,
            size_bytes INTEGER NOT NULL,
            title TEXT, outlet TEXT, url TEXT, author TEXT, published TEXT, language TEXT,
            status TEXT NOT NULL,
            error TEXT,
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE TABLE source_paths (
            document_id TEXT NOT NULL REFERENCES documents(id),
            source_path TEXT NOT NULL,
            PRIMARY KEY (document_id, source_path)
        );
        CREATE TABLE clean (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            text TEXT NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE TABLE results (
            stage TEXT NOT NULL,
            scope TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (stage, scope)
        );
        """,
    ),
    (
        "0002_review_decisions",
        """
        CREATE TABLE review_decisions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            value TEXT,
            reviewer TEXT NOT NULL,
            reason TEXT NOT NULL,
            overrode TEXT NOT NULL DEFAULT '',
            made_at TEXT NOT NULL,
            undone_at TEXT,
            undone_by TEXT,
            undo_reason TEXT
        );
        CREATE INDEX review_decisions_target ON review_decisions (action, target)
        """,
    ),
    (
        "0003_site_lines",
        """
        CREATE TABLE site_lines (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            site TEXT NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE INDEX site_lines_site ON site_lines (site, document_id)
        """,
    ),
]


# The same tables in PostgreSQL. `seq` columns give the insertion order SQLite's rowid
# gives; a document's content is bytes (UTF-8) because PostgreSQL text refuses NUL.
POSTGRES_MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_documents",
        """
        CREATE TABLE documents (
            seq BIGSERIAL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source_path TEXT NOT NULL,
            raw_sha256 TEXT NOT NULL,
            media_type TEXT NOT NULL,
            content BYTEA NOT NULL,
            encoding TEXT,
            size_bytes BIGINT NOT NULL,
            title TEXT, outlet TEXT, url TEXT, author TEXT, published TEXT, language TEXT,
            status TEXT NOT NULL,
            error TEXT,
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE source_paths (
            seq BIGSERIAL,
            document_id TEXT NOT NULL REFERENCES documents(id),
            source_path TEXT NOT NULL,
            PRIMARY KEY (document_id, source_path)
        );
        CREATE TABLE clean (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            text TEXT NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE TABLE results (
            seq BIGSERIAL,
            stage TEXT NOT NULL,
            scope TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (stage, scope)
        );
        CREATE INDEX results_stage_seq ON results (stage, seq)
        """,
    ),
    (
        "0002_review_decisions",
        """
        CREATE TABLE review_decisions (
            seq BIGSERIAL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            value TEXT,
            reviewer TEXT NOT NULL,
            reason TEXT NOT NULL,
            overrode TEXT NOT NULL DEFAULT '',
            made_at TEXT NOT NULL,
            undone_at TEXT,
            undone_by TEXT,
            undo_reason TEXT
        );
        CREATE INDEX review_decisions_target ON review_decisions (action, target)
        """,
    ),
    (
        "0003_site_lines",
        """
        CREATE TABLE site_lines (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            site TEXT NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE INDEX site_lines_site ON site_lines (site, document_id)
        """,
    ),
]


def apply_migrations(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks; return their names."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT "
        "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    applied = []
    for name, sql in MIGRATIONS:
        db.execute("BEGIN IMMEDIATE")
        # Checked inside the write lock: another process may have applied it meanwhile.
        done = db.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone()
        if done:
            db.execute("COMMIT")
            continue
        try:
            for statement in sql.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT INTO schema_migrations (name) VALUES (?)", (name,))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        applied.append(name)
    return applied
