"""ingest: paths, folders, globs and stdin -> SourceDocument records.

Reads bytes, sniffs the format by content, decodes, pulls metadata. A file that
cannot be read becomes a rejected SourceDocument carrying its reason; ingest
never raises for one bad input.

One module per concern: `reader` (walking inputs, dispatch), `sniff` (what a file
is), `decode` (which encoding), `guard` (the one place third-party errors become
`InputError`), `document` (ids), `metadata` (dates, outlets), and one module per
format: `html`, `text` (plain text and Markdown), `pdf`, `json_records`, `warc`, `feed`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from indicia.records import SourceDocument


@dataclass(frozen=True)
class IngestOptions:
    # A single document larger than this is rejected from its size, unread. WARC and JSON
    # Lines files are streamed record by record whatever their size; each record is capped.
    max_bytes: int = 64 * 1024 * 1024
    follow_symlinks: bool = True  # inside folder walks; a path given by name is always read


def iter_documents(
    paths: Sequence[str], options: IngestOptions | None = None
) -> Iterator[SourceDocument]:
    """Yield one SourceDocument per readable input (or rejected input), lazily."""
    from indicia.ingest.reader import read_paths

    yield from read_paths(paths, options or IngestOptions())


__all__ = ["IngestOptions", "iter_documents"]
