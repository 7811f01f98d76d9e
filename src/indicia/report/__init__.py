"""report: store -> dossier.json, dossier.md, dossier.html.

`build_dossier` assembles the contract in DESIGN.md from the store; the writers
render that one dict, so the three files never disagree.
"""

from __future__ import annotations

from pathlib import Path

from indicia.report.dossier import SCHEMA_ID, build_dossier, validate_dossier
from indicia.store import Store


def write_reports(store: Store, out_dir: Path) -> dict[str, Path]:
    """Write dossier.json, dossier.md and dossier.html into `out_dir`; return their paths."""
    import json

    from indicia.report.html import render_html
    from indicia.report.markdown import render_markdown

    out_dir.mkdir(parents=True, exist_ok=True)
    dossier = build_dossier(store)
    paths = {
        "json": out_dir / "dossier.json",
        "markdown": out_dir / "dossier.md",
        "html": out_dir / "dossier.html",
    }
    _write_atomically(paths["json"], json.dumps(dossier, ensure_ascii=False, indent=2))
    _write_atomically(paths["markdown"], render_markdown(dossier))
    _write_atomically(paths["html"], render_html(dossier))
    return paths


def _write_atomically(path: Path, text: str) -> None:
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
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
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


__all__ = ["SCHEMA_ID", "build_dossier", "validate_dossier", "write_reports"]
