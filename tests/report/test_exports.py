"""The quote tables: claims.csv, indicators.csv and dossier.xlsx hold the exact quote
(text[start:end]) whatever it starts with, the figure as every output reads it, the
document's title and path, the rate period and the other-currency amount; the CSV
starts with a UTF-8 BOM and dossier.xlsx keeps text as text, never a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from indicia.report import claims_csv, figure_text, indicators_csv, write_reports, write_xlsx
from indicia.report.exports import CLAIM_COLUMNS, INDICATOR_COLUMNS
from indicia.store import open_store

FORMULAS = ['=HYPERLINK("http://x.example","ok")', "+1+1", "-2+3", "@SUM(A1:A2)"]
TEXT = " ".join(FORMULAS) + " Pay was ₩2,000,000 (£1,100) a month, said the “union”."


def _span(quote: str) -> dict[str, Any]:
    start = TEXT.index(quote)
    return {"document": "d1", "quote": quote, "start": start, "end": start + len(quote)}


def _dossier() -> dict[str, Any]:
    pay = "Pay was ₩2,000,000 (£1,100) a month"
    claims = [
        {"id": f"c{n}", "story": "s1", "measure": formula, "value": 1.0, "low": None,
         "high": None, "unit": "people", "qualifier": None, "period": None,
         "attributed_to": formula, "independent_sources": 1, "conflicts": [],
         "evidence": [_span(formula)], "per": None, "change": None, "alternatives": [],
         "clock": None}
        for n, formula in enumerate(FORMULAS)
    ]  # fmt: skip
    claims.append(
        {"id": "c-pay", "story": "s1", "measure": "monthly pay", "value": 2_000_000.0,
         "low": None, "high": None, "unit": "KRW", "qualifier": None, "period": None,
         "attributed_to": "the “union”", "independent_sources": 1, "conflicts": [],
         "evidence": [_span(pay)], "per": "month", "change": None,
         "alternatives": ["£1,100"], "clock": None}
    )  # fmt: skip
    return {
        "summary": {"documents": 1, "ok": 1, "rejected": 0, "stories": 1},
        "documents": [{"id": "d1", "source_path": "pile/=cmd.txt", "title": "-Untitled “x”",
                       "outlet": "@outlet", "published": "2025-03-01", "text": TEXT}],
        "stories": [],
        "indicators": [{"story": "s1", "code": "withholding_of_wages",
                        "label": "Withholding of wages", "evidence": [_span(FORMULAS[0])],
                        "independent_sources": 1}],
        "claims": claims,
        "entities": [],
    }  # fmt: skip


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_claims_csv_keeps_exact_quotes_and_every_column() -> None:
    dossier = _dossier()
    rows = _rows(claims_csv(dossier))
    assert list(rows[0]) == list(CLAIM_COLUMNS)
    for row in rows:
        assert TEXT[int(row["start"]) : int(row["end"])] == row["quote"]
        assert row["title"] == "-Untitled “x”" and row["source_path"] == "pile/=cmd.txt"
    assert [r["measure"] for r in rows[:4]] == FORMULAS  # exact: no apostrophe added
    pay = rows[-1]
    assert (pay["per"], pay["alternatives"], pay["unit"]) == ("month", "£1,100", "KRW")
    assert pay["figure"] == figure_text(dossier["claims"][-1]) == "₩2,000,000 (£1,100) a month"


def test_indicators_csv_keeps_exact_quotes() -> None:
    rows = _rows(indicators_csv(_dossier()))
    assert list(rows[0]) == list(INDICATOR_COLUMNS)
    assert rows[0]["quote"] == FORMULAS[0] and rows[0]["title"] == "-Untitled “x”"


def test_the_xlsx_cells_are_text_never_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "dossier.xlsx"
    write_xlsx(_dossier(), path)
    book = load_workbook(path)
    sheet = book["figures"]
    header = [c.value for c in sheet[1]]
    quote_col = header.index("quote")
    cells = [row[quote_col] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells[:4]] == FORMULAS
    assert {c.data_type for c in cells} == {"s"}  # strings, not formulas ("f")
    assert [c.value for c in book["indicators"][2]][INDICATOR_COLUMNS.index("quote")] == (
        FORMULAS[0]
    )


@pytest.mark.parametrize("name", ["claims.csv", "indicators.csv", "dossier.xlsx"])
def test_run_writes_the_tables_too(tmp_path: Path, name: str) -> None:
    from indicia import pipeline

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "An invented account. Inspectors found 40 workers whose passports were held "
        "by the agency, and pay of $300 a month withheld.\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "s.db") as store:
        pipeline.run([str(corpus)], store, tmp_path / "out")
        paths = write_reports(store, tmp_path / "again")
    assert (tmp_path / "out" / name).is_file()
    assert paths[{"claims.csv": "claims_csv", "indicators.csv": "indicators_csv",
                  "dossier.xlsx": "xlsx"}[name]].is_file()  # fmt: skip


def test_a_report_of_an_unchanged_store_rewrites_nothing_but_what_changed(
    tmp_path: Path,
) -> None:
    from indicia import pipeline

    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, count in (("a.txt", 40), ("b.txt", 75)):
        (corpus / name).write_text(
            f"An invented account. Inspectors found {count} workers whose passports were "
            "held by the agency, and pay of $300 a month withheld.\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    with open_store(tmp_path / "s.db") as store:
        pipeline.run([str(corpus)], store, out)
        first = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
        paths = write_reports(store, out)
        again = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
        rendered = {n for n in first if n not in ("dossier.json", ".dossier-stamp.json")}
        assert rendered >= {"dossier.md", "dossier.html", "claims.csv", "dossier.xlsx"}
        assert all(again[n] == first[n] for n in rendered), "an unchanged report was redone"
        assert set(paths) >= {"json", "markdown", "html", "claims_csv", "xlsx"}

        # A file changed or removed by hand is written again, with the rest.
        (out / "dossier.html").write_text("edited", encoding="utf-8")
        (out / "claims.csv").unlink()
        write_reports(store, out)
        assert "edited" not in (out / "dossier.html").read_text(encoding="utf-8")
        assert (out / "claims.csv").is_file()

        # Another dossier (a document forgotten) is rendered anew.
        markdown = (out / "dossier.md").read_text(encoding="utf-8")
        texts = {d: store.get_clean(d) for d in store.document_ids()}
        (counted,) = [d for d, c in texts.items() if c is not None and "75 workers" in c.text]
        assert store.forget(counted)
        pipeline.process(store)
        write_reports(store, out)
        assert (out / "dossier.md").read_text(encoding="utf-8") != markdown
        assert "75 workers" not in (out / "dossier.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"documents": [], "stories": [{}], "summary": {}},
        {"documents": [{"text": 'quote \u201cé\u201d\n\t\x00\x1f\\"', "spans": [[0, 5]]}]},
        {"claims": [{"value": 12.9e9, "low": 0.5, "high": None, "share": 99.25}]},
        {"claims": [{"value": 12.9e9, "big": 10**30}], "x": [[], {}]},
        {"documents": [{"text": "a lone surrogate \ud800 stays"}]},
    ],
)
def test_dossier_json_is_the_standard_layout(value: dict[str, Any]) -> None:
    # dossier.json is laid out as json.dumps(indent=2, ensure_ascii=False) lays it out,
    # whichever encoder writes each value, and reads back as the same dossier.
    import json

    from indicia.report import dossier_json, dossier_json_chunks

    text = dossier_json(value)
    assert text == json.dumps(value, ensure_ascii=False, indent=2)
    assert json.loads(text) == value
    assert "".join(dossier_json_chunks(value, size=8)) == text


def test_a_float_in_dossier_json_reads_back_as_itself() -> None:
    import json

    from indicia.report import dossier_json

    floats = [1e-05, 1e16, 1.5e300, 0.1 + 0.2, -0.0, 5e-324]
    read = json.loads(dossier_json({"claims": [{"values": floats}]}))
    assert read["claims"][0]["values"] == floats


def test_dossier_json_of_the_seeds_is_the_standard_layout(seed_paths: list[Path]) -> None:
    import json

    from indicia.pipeline import RunOptions, ingest_paths, process
    from indicia.report import build_dossier, dossier_json

    with open_store(":memory:") as store:
        ingest_paths(seed_paths, store, RunOptions())
        process(store, RunOptions())
        dossier = build_dossier(store)
    assert dossier_json(dossier) == json.dumps(dossier, ensure_ascii=False, indent=2)
