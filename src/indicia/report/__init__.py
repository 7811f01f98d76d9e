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
    # A reader never sees half a dossier: write beside it, then rename over it.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


__all__ = ["SCHEMA_ID", "build_dossier", "validate_dossier", "write_reports"]
