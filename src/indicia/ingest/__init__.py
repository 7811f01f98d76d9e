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

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from indicia.records import SourceDocument


@dataclass(frozen=True)
class IngestOptions:
    # A single document larger than this is rejected from its size, unread. WARC and JSON
    # Lines files are streamed record by record whatever their size; each record is capped.
    max_bytes: int = 64 * 1024 * 1024
    follow_symlinks: bool = True  # inside folder walks; a path given by name is always read
    # A document whose text is longer than this is rejected, whatever its file size: a
    # small PDF or a gzip can unfold into far more text than any report holds. It bounds
    # what the later stages cost, which grows with the text (entity recognition, figures
    # and indicator cues, sentence by sentence): report prose dense in figures costs
    # about 100 s of CPU a million characters end to end (bench/costly.py, (d)), so a
    # text at this bound runs in about 45 s, under a minute with margin. An HTML page's
    # text is held to it once cleaned (`max_html_chars` bounds its source). A longer
    # report (a book-length PDF) is best split into its chapters.
    max_text_chars: int = 400_000
    # HTML source longer than this is rejected unread: markup, scripts and styles make a
    # page's source many times its text.
    max_html_chars: int = 8_000_000
    # A PDF costs work in proportion to what it draws, not to its size, and pypdf reads
    # a few thousand drawing operations a second: these keep one PDF under a minute.
    max_pdf_pages: int = 2000
    max_pdf_content_bytes: int = 4 * 1024 * 1024  # summed over pages, shared streams too
    max_pdf_page_content_bytes: int = 512 * 1024
    max_pdf_operators: int = 200_000  # forms drawn from forms included
    # Forms one page draws (nested ones included). pypdf stops drawing forms past its own
    # limit and says so only in a log line: a PDF is rejected before it, never half read.
    max_pdf_page_form_draws: int = 2000


def iter_documents(
    paths: Sequence[str],
    options: IngestOptions | None = None,
    skipped: Counter[str] | None = None,
) -> Iterator[SourceDocument]:
    """Yield one SourceDocument per readable input (or rejected input), lazily.

    Records of a container that hold no document (a WARC's requests, its 404s, its
    images) are no input's failure: each is counted in `skipped`, by reason.
    """
    from indicia.ingest.reader import read_paths

    yield from read_paths(paths, options or IngestOptions(), skipped)


def missing_inputs(paths: Sequence[str]) -> list[str]:
    """The given paths that name no file, folder or link (and match no glob)."""
    from indicia.ingest.reader import missing_inputs as missing

    return missing(paths)


def display_path(path: str) -> str:
    """`path` as the store keeps it (each byte of a name that is not UTF-8 written out)."""
    from indicia.ingest.document import display_path as displayed

    return displayed(path)


__all__ = ["IngestOptions", "display_path", "iter_documents", "missing_inputs"]
