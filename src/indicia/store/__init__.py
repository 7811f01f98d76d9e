"""Where every stage's output is kept.

`Store` is the interface the pipeline and the web app talk to. `SQLiteStore` is the
embedded implementation (one file, WAL mode, named migrations); `PostgresStore` the
team server (a postgresql:// URL; the `postgres` extra). `open_store` picks one by
the location it is given. Stages never open the database themselves: the runner
reads their inputs from the store and writes their outputs back.
"""

from __future__ import annotations

from pathlib import Path

from indicia.store.base import Store
from indicia.store.postgres import PostgresStore, is_postgres_url
from indicia.store.sqlite import SQLiteStore


def open_store(location: str | Path, read_only: bool = False) -> Store:
    """Open (creating and migrating as needed) the store at `location`.

    A postgresql:// or postgres:// URL opens a PostgreSQL database; anything else is
    the path of a SQLite file (":memory:" for one that lives only in this process).
    With `read_only`, a SQLite store is only read: nothing is created, switched or
    migrated, and a missing or foreign file is a StoreError.
    """
    if is_postgres_url(location):
        return PostgresStore(str(location))
    return SQLiteStore(location, read_only=read_only)


__all__ = ["PostgresStore", "SQLiteStore", "Store", "is_postgres_url", "open_store"]
