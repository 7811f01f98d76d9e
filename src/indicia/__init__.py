"""indicia: turn a pile of web copies of news reports into an evidence dossier.

The library API is what the CLI calls:

    from indicia import open_store, run
    with open_store("indicia.db") as store:
        summary = run(["reports/"], store, "out/")
"""

from __future__ import annotations

from indicia._version import __version__
from indicia.engine import EngineOptions
from indicia.errors import ConfigError, IndiciaError, InputError, StoreError
from indicia.pipeline import RunOptions, RunSummary, ingest_paths, process, run
from indicia.report import build_dossier, validate_dossier, write_reports
from indicia.store import PostgresStore, SQLiteStore, Store, open_store

__all__ = [
    "ConfigError",
    "EngineOptions",
    "IndiciaError",
    "InputError",
    "PostgresStore",
    "RunOptions",
    "RunSummary",
    "SQLiteStore",
    "Store",
    "StoreError",
    "__version__",
    "build_dossier",
    "ingest_paths",
    "open_store",
    "process",
    "run",
    "validate_dossier",
    "write_reports",
]
