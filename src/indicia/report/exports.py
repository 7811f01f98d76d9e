"""Exports a reviewer can take elsewhere: dossier JSON, CSV and XLSX tables of the quotes.

One row per quote, so every figure and every indicator in a spreadsheet still
points at the exact sentence and document it came from; the `figure` column reads
as the figure reads in every other output (`figure_text`). Markdown is
`render_markdown`.

Every cell holds the exact text: a quote is its document's text[start:end] in the
CSV too. A spreadsheet runs a CSV cell that starts with = + - @ as a formula, and
CSV has no way to say "this is text"; so the spreadsheet export is dossier.xlsx,
whose cells are typed text (written by XlsxWriter, never as formulas). The CSV files
start with a UTF-8 byte-order mark, so spreadsheets read £, ₩ and curly quotes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from indicia.report.figures import figure_text
from indicia.report.views import Index

BOM = "\ufeff"
# The columns of every quote row: where the quote is and who published it.
QUOTE_COLUMNS = (
    "document",
    "title",
    "source_path",
    "outlet",
    "published",
    "quote",
    "start",
    "end",
)
CLAIM_COLUMNS = (
    "claim",
    "story",
    "measure",
    "figure",
    "value",
    "low",
    "high",
    "unit",
    "per",
    "alternatives",
    "qualifier",
    "period",
    "attributed_to",
    "independent_sources",
    "conflicts",
    *QUOTE_COLUMNS,
)
INDICATOR_COLUMNS = (
    "story",
    "code",
    "label",
    "independent_sources",
    *QUOTE_COLUMNS,
)


def claim_rows(dossier: dict[str, Any], index: Index | None = None) -> Iterator[dict[str, Any]]:
    """One row per quote behind each figure (CLAIM_COLUMNS)."""
    index = index or Index(dossier)
    for claim in dossier["claims"]:
        fixed = {
            **{k: claim.get(k) for k in CLAIM_COLUMNS},
            "claim": claim["id"],
            "figure": figure_text(claim),
            # The same amount in other currencies, as the text wrote it.
            "alternatives": "; ".join(str(a) for a in claim.get("alternatives") or []),
            "conflicts": len(claim["conflicts"]),
        }
        for ev in claim["evidence"]:
            yield {**fixed, **_quote_fields(index, ev)}


def indicator_rows(dossier: dict[str, Any], index: Index | None = None) -> Iterator[dict[str, Any]]:
    """One row per quote behind each indicator finding (INDICATOR_COLUMNS)."""
    index = index or Index(dossier)
    for finding in dossier["indicators"]:
        fixed = {
            "story": finding["story"],
            "code": finding["code"],
            "label": finding["label"],
            "independent_sources": finding["independent_sources"],
        }
        for ev in finding["evidence"]:
            yield {**fixed, **_quote_fields(index, ev)}


def _quote_fields(index: Index, ev: dict[str, Any]) -> dict[str, Any]:
    doc = index.documents.get(ev["document"], {})
    return {
        "document": ev["document"],
        "title": doc.get("title"),
        "source_path": doc.get("source_path"),
        "outlet": doc.get("outlet"),
        "published": doc.get("published"),
        "quote": ev["quote"],
        "start": ev["start"],
        "end": ev["end"],
    }


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k) for k in columns})
    return out.getvalue()


def claims_csv(dossier: dict[str, Any], index: Index | None = None) -> str:
    return _csv(CLAIM_COLUMNS, claim_rows(dossier, index))


def indicators_csv(dossier: dict[str, Any], index: Index | None = None) -> str:
    return _csv(INDICATOR_COLUMNS, indicator_rows(dossier, index))


def write_xlsx(dossier: dict[str, Any], path: Path, index: Index | None = None) -> None:
    """dossier.xlsx: the figures and indicator quotes as two sheets of typed cells.

    Strings are written as strings (never formulas, never guessed numbers or URLs),
    so a quote that starts with "=" stays that text in any spreadsheet.
    """
    import xlsxwriter

    index = index or Index(dossier)
    options = {
        "constant_memory": True,  # rows go to disk as written: memory stays flat
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }
    workbook = xlsxwriter.Workbook(str(path), options)
    try:
        for name, columns, rows in (
            ("figures", CLAIM_COLUMNS, claim_rows(dossier, index)),
            ("indicators", INDICATOR_COLUMNS, indicator_rows(dossier, index)),
        ):
            sheet = workbook.add_worksheet(name)
            sheet.write_row(0, 0, columns)
            for r, row in enumerate(rows, start=1):
                for c, column in enumerate(columns):
                    _write_cell(sheet, r, c, row.get(column))
    finally:
        workbook.close()


def _write_cell(sheet: Any, row: int, col: int, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value)
    else:
        # Excel holds at most 32,767 characters in a cell; a longer quote is cut and says so.
        text = str(value)
        limit = 32_767
        sheet.write_string(row, col, text if len(text) <= limit else text[: limit - 1] + "…")


def xlsx_bytes(dossier: dict[str, Any], index: Index | None = None) -> bytes:
    """dossier.xlsx in memory, for the web app's download."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dossier.xlsx"
        write_xlsx(dossier, path, index)
        return path.read_bytes()


def dossier_json(dossier: dict[str, Any]) -> str:
    """dossier.json's text: the dossier indented by two spaces, non-ASCII as it is."""
    return "".join(dossier_json_chunks(dossier))


# Pieces of about this many characters: a download holds one piece at a time, not
# the whole file (a big dossier.json ran to hundreds of megabytes per request).
JSON_CHUNK = 1 << 16

# The dossier's sections and their lists are laid out here, one value at a time; each
# value below them (a document, a claim) is encoded whole by orjson, many times faster
# than the standard library's indenting encoder, which is written in Python. Both lay
# JSON out alike (two-space indents, ": " after a key); orjson writes some floats in
# another form ("1e-05" reads "0.00001"), which reads back as the same number.
_LAID_OUT_DEPTH = 2
_INDENT = "  "


def dossier_json_chunks(dossier: dict[str, Any], size: int = JSON_CHUNK) -> Iterator[str]:
    """`dossier_json(dossier)` in pieces of about `size` characters, encoded as they go:
    a piece holds at most one value of a section (a document, a claim) past `size`."""
    pending: list[str] = []
    held = 0
    for piece in _json_pieces(dossier, 0):
        pending.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(pending)
            pending, held = [], 0
    if pending:
        yield "".join(pending)


def _json_pieces(value: Any, depth: int) -> Iterator[str]:
    if depth < _LAID_OUT_DEPTH and isinstance(value, dict) and value:
        inner = "\n" + _INDENT * (depth + 1)
        for number, (key, item) in enumerate(value.items()):
            yield ("{" if number == 0 else ",") + inner + _json_value(str(key), 0) + ": "
            yield from _json_pieces(item, depth + 1)
        yield "\n" + _INDENT * depth + "}"
    elif depth < _LAID_OUT_DEPTH and isinstance(value, (list, tuple)) and value:
        inner = "\n" + _INDENT * (depth + 1)
        for number, item in enumerate(value):
            yield ("[" if number == 0 else ",") + inner
            yield from _json_pieces(item, depth + 1)
        yield "\n" + _INDENT * depth + "]"
    else:
        yield _json_value(value, depth)


def _json_value(value: Any, depth: int) -> str:
    """One value as indented JSON, its lines after the first indented `depth` levels."""
    import orjson

    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()
    except (TypeError, orjson.JSONEncodeError):
        # What orjson refuses (an integer past 64 bits, a lone surrogate in a string),
        # the standard library writes as it always has.
        text = json.dumps(value, ensure_ascii=False, indent=2)
    # A JSON string never holds a raw line break, so every one is between values.
    return text.replace("\n", "\n" + _INDENT * depth) if depth else text


__all__ = [
    "BOM",
    "CLAIM_COLUMNS",
    "INDICATOR_COLUMNS",
    "JSON_CHUNK",
    "QUOTE_COLUMNS",
    "claim_rows",
    "claims_csv",
    "dossier_json",
    "dossier_json_chunks",
    "indicator_rows",
    "indicators_csv",
    "write_xlsx",
    "xlsx_bytes",
]
