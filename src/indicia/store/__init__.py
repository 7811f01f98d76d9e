"""Where every stage's output is kept.

`Store` is the interface the pipeline and the web app talk to; `SQLiteStore` is
the embedded implementation (one file, WAL mode, named migrations). Stages never
open the database themselves: the runner reads their inputs from the store and
writes their outputs back.
"""

from indicia.store.base import Store
from indicia.store.sqlite import SQLiteStore, open_store

__all__ = ["SQLiteStore", "Store", "open_store"]
