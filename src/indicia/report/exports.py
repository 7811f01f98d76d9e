"""Exports a reviewer can take elsewhere: dossier JSON, claims CSV, indicator-evidence CSV.

One row per quote, so every figure and every indicator in a spreadsheet still
points at the exact sentence and document it came from. Markdown is
`render_markdown`. The `figure` column reads as the figure reads in every other output.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from indicia.report.figures import figure_text
from indicia.report.views import Index

CLAIM_COLUMNS = (
    "claim",
    "story",
    "measure",
    "figure",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "period",
    "attributed_to",
    "independent_sources",
    "conflicts",
    "document",
    "outlet",
    "published",
    "quote",
    "start",
    "end",
)
INDICATOR_COLUMNS = (
    "story",
    "code",
    "label",
    "independent_sources",
    "document",
    "outlet",
    "published",
    "quote",
    "start",
    "end",
)


def _cell(value: Any) -> Any:
    # Spreadsheets run a cell that starts with = + - @ as a formula; article text must
    # stay text, so such strings get a leading apostrophe (the OWASP advice).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()


def claims_csv(dossier: dict[str, Any]) -> str:
    index = Index(dossier)
    rows = []
    for claim in dossier["claims"]:
        for ev in claim["evidence"]:
            rows.append(
                {
                    **{k: claim.get(k) for k in CLAIM_COLUMNS},
                    "claim": claim["id"],
                    "figure": figure_text(claim),
                    "conflicts": len(claim["conflicts"]),
                    **_quote_fields(index, ev),
                }
            )
    return _csv(CLAIM_COLUMNS, rows)


def _quote_fields(index: Index, ev: dict[str, Any]) -> dict[str, Any]:
    """The columns every quote row shares: where the quote is and who published it."""
    doc = index.documents.get(ev["document"], {})
    return {
        "document": ev["document"],
        "outlet": doc.get("outlet"),
        "published": doc.get("published"),
        "quote": ev["quote"],
        "start": ev["start"],
        "end": ev["end"],
    }


def indicators_csv(dossier: dict[str, Any]) -> str:
    index = Index(dossier)
    rows = []
    for finding in dossier["indicators"]:
        for ev in finding["evidence"]:
            rows.append(
                {
                    "story": finding["story"],
                    "code": finding["code"],
                    "label": finding["label"],
                    "independent_sources": finding["independent_sources"],
                    **_quote_fields(index, ev),
                }
            )
    return _csv(INDICATOR_COLUMNS, rows)


def dossier_json(dossier: dict[str, Any]) -> str:
    return json.dumps(dossier, ensure_ascii=False, indent=2)


# Pieces of about this many characters: a download holds one piece at a time, not
# the whole file (a big dossier.json ran to hundreds of megabytes per request).
JSON_CHUNK = 1 << 16


def dossier_json_chunks(dossier: dict[str, Any], size: int = JSON_CHUNK) -> Iterator[str]:
    """`dossier_json(dossier)` in pieces of about `size` characters, encoded as they go."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    pending: list[str] = []
    held = 0
    for piece in encoder.iterencode(dossier):
        pending.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(pending)
            pending, held = [], 0
    if pending:
        yield "".join(pending)


__all__ = [
    "CLAIM_COLUMNS",
    "INDICATOR_COLUMNS",
    "JSON_CHUNK",
    "claims_csv",
    "dossier_json",
    "dossier_json_chunks",
    "indicators_csv",
]
