"""The contract in one place: the records, the JSON Schema and the dossier's field list
agree, and the indicator codes and the "unclassified" measure are defined once."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from indicia.data import load_json
from indicia.records import UNCLASSIFIED, Claim, Evidence, Reconciliation, Story
from indicia.report import build_dossier, validate_dossier
from indicia.report.dossier import (
    DOCUMENT_FIELDS,
    OPTIONAL_DOCUMENT_FIELDS,
    RECORD_DEFINITIONS,
    RECORD_PARTS,
    load_schema,
)
from indicia.report.views import indicator_codes
from indicia.store import open_store

SRC = Path(__file__).resolve().parents[2] / "src" / "indicia"
# The word as a value in code (assigned, compared, passed), not in a docstring.
_SPELLED = re.compile(r"""(?:[=(,\[:]|[!=]=)\s*["']unclassified["']""")


def _pointer(schema: dict[str, Any], pointer: str) -> dict[str, Any]:
    node: Any = schema
    for part in pointer.strip("/").split("/"):
        node = node[part]
    return dict(node)


def _fields(record: type) -> set[str]:
    return {f.name for f in dataclasses.fields(record)}  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(RECORD_DEFINITIONS))
def test_each_schema_definition_lists_its_records_fields(name: str) -> None:
    properties = set(load_schema()["$defs"][name]["properties"])
    assert properties == _fields(RECORD_DEFINITIONS[name])


@pytest.mark.parametrize("pointer", sorted(RECORD_PARTS))
def test_each_nested_part_lists_its_records_fields(pointer: str) -> None:
    properties = set(_pointer(load_schema(), pointer)["properties"])
    assert properties == _fields(RECORD_PARTS[pointer])


def test_the_schema_document_is_the_dossier_field_list() -> None:
    properties = set(load_schema()["$defs"]["document"]["properties"])
    assert properties == {*DOCUMENT_FIELDS, *OPTIONAL_DOCUMENT_FIELDS}


def test_a_built_dossier_writes_exactly_the_field_list(tmp_path: Path) -> None:
    from indicia import pipeline

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "A made-up report.\n\nInspectors said 40 workers had their passports taken.\n",
        encoding="utf-8",
    )
    (corpus / "b.bin").write_bytes(b"\x00\x01\x02" * 50)
    with open_store(tmp_path / "s.db") as store:
        pipeline.run([str(corpus)], store, tmp_path / "out")
        dossier = build_dossier(store)
    validate_dossier(dossier)
    for document in dossier["documents"]:
        extra = {"error"} if document["status"] == "rejected" else {"indicators_analysed"}
        assert tuple(k for k in document if k not in OPTIONAL_DOCUMENT_FIELDS) == DOCUMENT_FIELDS
        assert set(document) - set(DOCUMENT_FIELDS) == extra
    for name, section in (("story", "stories"), ("indicator", "indicators"),
                          ("claim", "claims"), ("entity", "entities")):  # fmt: skip
        for item in dossier[section]:
            assert set(item) == _fields(RECORD_DEFINITIONS[name])


def test_the_definitions_cover_the_sections_of_the_reconciliation() -> None:
    sections = {f.type for f in dataclasses.fields(Reconciliation)}
    written = {RECORD_DEFINITIONS[n].__name__ for n in ("indicator", "claim", "entity")}
    assert {re.sub(r"tuple\[(\w+), \.\.\.\]", r"\1", str(t)) for t in sections} == written
    assert RECORD_DEFINITIONS["story"] is Story and RECORD_DEFINITIONS["evidence"] is Evidence
    assert RECORD_DEFINITIONS["claim"] is Claim


def test_indicator_codes_are_defined_once_in_the_taxonomy() -> None:
    taxonomy = [e["code"] for e in load_json("ilo_indicators.json")["indicators"]]
    enum = load_schema()["$defs"]["indicator"]["properties"]["code"]["enum"]
    assert len(taxonomy) == 11 == len(set(taxonomy))
    assert sorted(enum) == sorted(taxonomy)
    assert indicator_codes() == taxonomy


def test_the_unclassified_measure_is_written_once() -> None:
    # Every module uses records.UNCLASSIFIED; only records.py spells it as a value.
    spelled = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if _SPELLED.search(path.read_text(encoding="utf-8"))
    ]
    assert spelled == ["records.py"]
    assert UNCLASSIFIED == "unclassified"


def test_the_schema_review_lists_the_decision_record_and_every_action() -> None:
    from indicia.records import ReviewDecision
    from indicia.review import ACTIONS

    review = load_schema()["$defs"]["review"]["properties"]["decisions"]["items"]
    assert set(review["properties"]) == _fields(ReviewDecision) | {"applied"}
    assert set(review["required"]) == set(review["properties"])
    assert review["properties"]["action"]["enum"] == list(ACTIONS)
