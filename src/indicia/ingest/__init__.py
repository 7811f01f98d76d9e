"""ingest: paths, folders, globs and stdin -> SourceDocument records.

Reads bytes, sniffs the format by content, decodes, pulls metadata. A file that
cannot be read becomes a rejected SourceDocument carrying its reason; ingest
never raises for one bad input.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from indicia.records import SourceDocument


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = 64 * 1024 * 1024  # larger inputs are rejected, never loaded whole
    follow_symlinks: bool = True


def iter_documents(
    paths: Sequence[str], options: IngestOptions | None = None
) -> Iterator[SourceDocument]:
    """Yield one SourceDocument per readable input (or rejected input), lazily."""
    from indicia.ingest.reader import read_paths

    yield from read_paths(paths, options or IngestOptions())


__all__ = ["IngestOptions", "iter_documents"]
