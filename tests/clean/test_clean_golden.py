"""Golden files: the cleaned seeds, reviewed like code, with none of their text.

tests/clean/golden/<seed>.json describes the cleaned seed by digests and offsets
only, since no text of the seeds may be copied into the repository: the SHA-256 of
the title, the length and a short digest of every line of the cleaned text, and
each removal's kind, source offsets and digest. A change in cleaning shows as the
lines whose digests differ, printed from the seed as it is cleaned now, so the
review reads real text without the repository holding it. After an intended
change, regenerate with `INDICIA_UPDATE_GOLDEN=1 pytest tests/clean/test_clean_golden.py`
and review the lines the failing run printed.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from clean_builders import seed_document

from indicia.clean import clean_documents
from indicia.records import CleanDocument

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("INDICIA_UPDATE_GOLDEN") == "1"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@pytest.fixture(scope="module")
def cleaned(seed_paths: list[Path]) -> dict[str, CleanDocument]:
    documents = [seed_document(p) for p in seed_paths]
    return {p.stem: c for p, c in zip(seed_paths, clean_documents(documents), strict=True)}


def summary(document: CleanDocument) -> dict[str, Any]:
    """What the golden file keeps of a cleaned document: digests, lengths and offsets."""
    return {
        "title_sha256": None if document.title is None else _digest(document.title),
        "text_sha256": _digest(document.text),
        "lines": [[len(line), _digest(line)] for line in document.text.split("\n")],
        "removals": [
            [r.kind, r.source_start, r.source_end, _digest(r.text)] for r in document.removals
        ],
    }


def _dumps(summary: dict[str, Any]) -> str:
    """One line per cleaned line and per removal, so a diff of the file reads by line."""
    out = ["{"]
    for i, (field, value) in enumerate(summary.items()):
        comma = "," if i < len(summary) - 1 else ""
        if isinstance(value, list):
            rows = ",\n".join(f"  {json.dumps(row, ensure_ascii=False)}" for row in value)
            out.append(f' "{field}": [\n{rows}\n ]{comma}' if value else f' "{field}": []{comma}')
        else:
            out.append(f' "{field}": {json.dumps(value)}{comma}')
    return "\n".join([*out, "}"]) + "\n"


def _changed_lines(document: CleanDocument, expected: list[list[Any]]) -> str:
    """The cleaned lines that differ from the golden digests, quoted from the seed now."""
    lines = document.text.split("\n")
    have = [_digest(line) for line in lines]
    want = [digest for _, digest in expected]
    report: list[str] = []
    matcher = difflib.SequenceMatcher(a=want, b=have, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        report.append(f"golden lines {a0 + 1}-{a1} ({op}) now read:")
        report.extend(f"  + {line[:160]}" for line in lines[b0:b1])
    return "\n".join(report[:40])


@pytest.mark.parametrize("index", range(5))
def test_cleaned_seed_matches_golden(
    cleaned: dict[str, CleanDocument], seed_paths: list[Path], index: int
) -> None:
    stem = seed_paths[index].stem
    document = cleaned[stem]
    path = GOLDEN / f"{stem}.json"
    actual = summary(document)
    if UPDATE:
        path.write_text(_dumps(actual), encoding="utf-8")
        return
    assert path.exists(), f"{path.name} missing: run with INDICIA_UPDATE_GOLDEN=1"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual["title_sha256"] == expected["title_sha256"], "the title changed"
    if actual["lines"] != expected["lines"]:
        pytest.fail(f"{stem}: cleaned text differs\n{_changed_lines(document, expected['lines'])}")
    assert actual["removals"] == expected["removals"], f"{stem}: removals differ"
    assert actual["text_sha256"] == expected["text_sha256"]


def test_golden_files_hold_no_seed_text(seed_paths: list[Path]) -> None:
    """The golden files are digests: no line of a seed appears in them."""
    golden = "\n".join(p.read_text(encoding="utf-8") for p in sorted(GOLDEN.iterdir()))
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(f"{p.stem}.json" for p in seed_paths)
    for seed in seed_paths:
        for line in seed.read_text(encoding="utf-8").splitlines():
            if len(line.strip()) >= 12:
                assert line.strip() not in golden, f"{seed.name} text in the golden files"
