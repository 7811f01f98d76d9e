"""Walk paths and read each file into a SourceDocument (minimal: text files)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from indicia.ingest import IngestOptions
from indicia.records import SourceDocument


def read_paths(paths: Sequence[str], options: IngestOptions) -> Iterator[SourceDocument]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, _dirs, files in os.walk(path):
                for name in sorted(files):
                    yield read_file(Path(root) / name, options)
        else:
            yield read_file(path, options)


def read_file(path: Path, options: IngestOptions) -> SourceDocument:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    text = data.decode("utf-8", errors="replace")
    media = "html" if "<html" in text[:2000].lower() else "text"
    return SourceDocument(
        id=digest[:16],
        source_path=str(path),
        raw_sha256=digest,
        media_type=media,
        content=text,
        encoding="utf-8",
        size_bytes=len(data),
    )
