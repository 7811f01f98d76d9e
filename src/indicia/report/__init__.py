"""report: all presentation of a dossier, for the files and for the web app.

`build_dossier` assembles the contract in DESIGN.md from the store; everything else
renders that one dict, so no two outputs disagree:

- `dossier.py`  the contract: the dossier dict, its field list, validation
- `figures.py`  how a figure reads (`figure_text`), in every output
- `views.py`    view models: the dossier reshaped for a story, a document, the front page
- `plots.py`    inline SVG drawings over the view models
- `render.py`   the Jinja environment, link schemes, templates/ and static/
- `markdown.py`, `html.py`, `exports.py`  dossier.md, dossier.html, JSON and CSV exports

The web app (`indicia.web`) uses only what this module exports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from indicia.report.dossier import SCHEMA_ID, build_dossier, validate_dossier
from indicia.report.exports import (
    claims_csv,
    dossier_json,
    dossier_json_chunks,
    indicators_csv,
    write_xlsx,
    xlsx_bytes,
)
from indicia.report.figures import UNCLASSIFIED, figure_text, is_named
from indicia.report.ftm import entities_csv
from indicia.report.html import PARTS_FOLDER, render_html, render_html_parts
from indicia.report.markdown import render_markdown
from indicia.report.render import MARK_END, MARK_START, WebUrls, render, static_dir
from indicia.report.views import (
    Index,
    decisions_for,
    document_name,
    document_row,
    document_view,
    documents_list,
    entities_list,
    entity_key,
    entity_view,
    evidence_key,
    review_overview,
    stories_overview,
    story_view,
)
from indicia.store import Store


def write_reports(store: Store, out_dir: Path) -> dict[str, Path]:
    """Write dossier.json, .md, .html, the quote tables claims.csv and indicators.csv,
    dossier.xlsx (the same tables for spreadsheets) and entities.csv (every name with
    its mentions) into `out_dir`; return their paths. A dossier too large for one
    file has dossier.html link to its parts in `dossier-parts/` ("html_parts")."""
    out_dir.mkdir(parents=True, exist_ok=True)
    dossier = build_dossier(store)
    index = Index(dossier)
    paths = {
        "json": out_dir / "dossier.json",
        "markdown": out_dir / "dossier.md",
        "html": out_dir / "dossier.html",
        "claims_csv": out_dir / "claims.csv",
        "indicators_csv": out_dir / "indicators.csv",
        "xlsx": out_dir / "dossier.xlsx",
        "entities_csv": out_dir / "entities.csv",
    }
    # in pieces: the whole text of a large dossier.json is never held at once
    digest = hashlib.sha256()
    _write_atomically(paths["json"], _hashed(dossier_json_chunks(dossier), digest))
    folder = out_dir / PARTS_FOLDER
    stamp = _stamp_key(digest.hexdigest())
    if _still_written(out_dir, stamp, paths):
        # The same dossier, rendered by this version into these very files: the rest
        # of the report would write what the folder already holds.
        if folder.is_dir():
            paths["html_parts"] = folder
        return paths
    (out_dir / _STAMP).unlink(missing_ok=True)
    _write_atomically(paths["markdown"], render_markdown(dossier))
    main_html, parts = render_html_parts(dossier, index=index)
    if parts:
        folder.mkdir(exist_ok=True)
        paths["html_parts"] = folder
    # the parts first, so that every link of a new dossier.html finds its file
    for name, part in parts.items():
        _write_atomically(out_dir / name, part)
    _write_atomically(paths["html"], main_html)
    # parts a larger dossier left behind in this folder link to what is no longer there
    if folder.is_dir():
        for stale in folder.glob("*.html"):
            if f"{PARTS_FOLDER}/{stale.name}" not in parts:
                stale.unlink(missing_ok=True)
        if not parts and not any(folder.iterdir()):
            folder.rmdir()
    _write_atomically(paths["claims_csv"], claims_csv(dossier, index))
    _write_atomically(paths["indicators_csv"], indicators_csv(dossier, index))
    _write_atomically(paths["xlsx"], xlsx_bytes(dossier, index))
    _write_atomically(paths["entities_csv"], entities_csv(dossier))
    _write_stamp(out_dir, stamp, paths)
    return paths


# What the last report into a folder wrote: the dossier's digest, the version and the
# settings it was rendered with, and the size and time of each file it left, so a
# report of an unchanged store writes nothing but dossier.json (whose bytes it hashes).
_STAMP = ".dossier-stamp.json"


def _hashed(chunks: Iterable[str], digest: Any) -> Iterator[str]:
    for chunk in chunks:
        digest.update(chunk.encode("utf-8"))
        yield chunk


def _stamp_key(digest: str) -> str:
    from indicia._version import __version__
    from indicia.report import html

    return f"{__version__} {html.FILE_BUDGET} {digest}"


def _written(out_dir: Path, paths: dict[str, Path]) -> dict[str, list[int]]:
    """Size and modification time of each file the report left, dossier.json aside."""
    files = [paths[key] for key in _stamped(paths)]
    folder = out_dir / PARTS_FOLDER
    if folder.is_dir():
        files += sorted(folder.iterdir())
    found: dict[str, list[int]] = {}
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        found[path.relative_to(out_dir).as_posix()] = [info.st_size, info.st_mtime_ns]
    return found


def _write_stamp(out_dir: Path, key: str, paths: dict[str, Path]) -> None:
    import json

    record = {"key": key, "files": _written(out_dir, paths)}
    _write_atomically(out_dir / _STAMP, json.dumps(record, sort_keys=True))


def _still_written(out_dir: Path, key: str, paths: dict[str, Path]) -> bool:
    import json

    try:
        record = json.loads((out_dir / _STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(record, dict)
        and record.get("key") == key
        and record.get("files") == _written(out_dir, paths)
        and all(
            paths[key].relative_to(out_dir).as_posix() in record["files"] for key in _stamped(paths)
        )
    )


def _stamped(paths: dict[str, Path]) -> list[str]:
    """The outputs a stamp vouches for: the rendered files (dossier.json is hashed; the
    parts folder's files are listed one by one)."""
    return [key for key in paths if key not in ("json", "html_parts")]


def _write_atomically(path: Path, text: str | bytes | Iterable[str]) -> None:
    # A reader never sees half a dossier: write beside it under a name of this writer's
    # own (two reports into one folder never share one), then rename over it. A writer
    # killed before the rename leaves its file behind: the next one removes it.
    import os
    import secrets

    prefix = f".{path.name}."
    for stale in path.parent.glob(f"{prefix}*.tmp"):
        writer = stale.name[len(prefix) :].split(".", 1)[0]
        if writer.isdigit() and not _alive(int(writer)):
            stale.unlink(missing_ok=True)
    tmp = path.with_name(f"{prefix}{os.getpid()}.{secrets.token_hex(6)}.tmp")
    # O_EXCL: the name is this writer's alone; 0o666 less the umask, as a plain write gives.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                if isinstance(text, str):
                    handle.write(text)
                else:
                    handle.writelines(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to someone else
        return True
    return True


__all__ = [
    "MARK_END",
    "MARK_START",
    "SCHEMA_ID",
    "UNCLASSIFIED",
    "Index",
    "WebUrls",
    "build_dossier",
    "claims_csv",
    "decisions_for",
    "document_name",
    "document_row",
    "document_view",
    "documents_list",
    "dossier_json",
    "dossier_json_chunks",
    "entities_csv",
    "entities_list",
    "entity_key",
    "entity_view",
    "evidence_key",
    "figure_text",
    "indicators_csv",
    "is_named",
    "render",
    "render_html",
    "render_html_parts",
    "render_markdown",
    "review_overview",
    "static_dir",
    "stories_overview",
    "story_view",
    "validate_dossier",
    "write_reports",
    "write_xlsx",
    "xlsx_bytes",
]
