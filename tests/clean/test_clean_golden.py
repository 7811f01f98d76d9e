"""Golden files: the cleaned seeds, reviewed like code.

tests/clean/golden/<seed>.txt holds the cleaned text and <seed>.removals.json the
removals (kind, source offsets, text). They are derived from the seeds and kept
only as test expectations. After an intended change, regenerate them with
`INDICIA_UPDATE_GOLDEN=1 pytest tests/clean/test_clean_golden.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from clean_builders import seed_document

from indicia.clean import clean_documents
from indicia.records import CleanDocument

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("INDICIA_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def cleaned(seed_paths: list[Path]) -> dict[str, CleanDocument]:
    documents = [seed_document(p) for p in seed_paths]
    return {p.stem: c for p, c in zip(seed_paths, clean_documents(documents), strict=True)}


def removals_json(document: CleanDocument) -> str:
    rows = [
        {"kind": r.kind, "source_start": r.source_start, "source_end": r.source_end, "text": r.text}
        for r in document.removals
    ]
    summary = {"title": document.title, "removals": rows}
    return json.dumps(summary, ensure_ascii=False, indent=1) + "\n"


def check(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path.name} missing: run with INDICIA_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs from the golden file"


@pytest.mark.parametrize("index", range(5))
def test_cleaned_seed_matches_golden(
    cleaned: dict[str, CleanDocument], seed_paths: list[Path], index: int
) -> None:
    stem = seed_paths[index].stem
    check(GOLDEN / f"{stem}.txt", cleaned[stem].text + "\n")
    check(GOLDEN / f"{stem}.removals.json", removals_json(cleaned[stem]))
