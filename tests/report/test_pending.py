"""A store that was ingested but not yet reported says its documents wait to be
processed; it does not call them rejected ("5 documents (0 read, 5 rejected)")."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from indicia.pipeline import ingest_paths, process
from indicia.report import build_dossier, render_html, render_markdown, validate_dossier
from indicia.store import open_store
from indicia.web.app import create_app


def _ingested(tmp_path: Path, count: int = 5) -> Path:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for k in range(count):
        (corpus / f"{k}.txt").write_text(
            f"Report number {k}. Auditors counted {k + 10} workers on the night shift.\n",
            encoding="utf-8",
        )
    db = tmp_path / "indicia.db"
    with open_store(db) as store:
        ingest_paths([str(corpus)], store)
    return db


def test_an_ingested_store_counts_its_documents_as_waiting(tmp_path: Path) -> None:
    db = _ingested(tmp_path)
    with open_store(db) as store:
        dossier = build_dossier(store)
    validate_dossier(dossier)
    summary = dossier["summary"]
    assert (summary["ok"], summary["rejected"], summary["pending"]) == (0, 0, 5)
    assert summary["rejections"] == []
    assert {d["status"] for d in dossier["documents"]} == {"pending"}
    assert all("error" not in d for d in dossier["documents"])
    expected = "5 documents (0 read, 5 not processed yet: run 'indicia report')"
    assert expected in render_markdown(dossier)
    assert "5 rejected" not in render_markdown(dossier)
    assert "5 rejected" not in render_html(dossier)
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        page = client.get("/").text
    assert "5 not processed yet" in page and "5 rejected" not in page


def test_once_processed_the_same_documents_are_read(tmp_path: Path) -> None:
    db = _ingested(tmp_path, 2)
    with open_store(db) as store:
        process(store)
        summary = build_dossier(store)["summary"]
    assert (summary["ok"], summary["rejected"], summary["pending"]) == (2, 0, 0)
    assert render_markdown({**_empty(), "summary": summary}).count(
        "2 documents (2 read, 0 rejected)"
    )


def _empty() -> dict[str, list[object]]:
    return {"documents": [], "stories": [], "indicators": [], "claims": [], "entities": []}
