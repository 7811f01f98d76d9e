"""The seeds screened against the real OFAC SDN snapshot in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicia.pipeline import RunOptions, ingest_paths, process
from indicia.records import ScreeningResult
from indicia.screen import ScreenOptions
from indicia.store import open_store
from shared_inputs import BENCHDATA, require

SDN = BENCHDATA / "sanctions" / "ofac_sdn_2024-05-03.csv"


@pytest.fixture(scope="module")
def screening(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> ScreeningResult:
    options = RunOptions(screen=ScreenOptions(lists=(str(require(SDN)),)))
    with open_store(tmp_path_factory.mktemp("seeds") / "case.db") as store:
        ingest_paths([str(seeds_dir)], store, options)
        process(store, options)
        result = store.get_screening()
    assert result is not None
    return result


def test_state_security_department_is_a_candidate_for_the_ministry(
    screening: ScreeningResult,
) -> None:
    (mss,) = [c for c in screening.candidates if c.entry.entry_id == "20129"]
    assert mss.entry.name == "MINISTRY OF STATE SECURITY"
    assert mss.status == "candidate"
    kinds = {f.feature for f in mss.features}
    assert {"role", "country", "program"} <= kinds
    assert any("North Korea" in f.detail for f in mss.features if f.feature == "country")
    quotes = {e.quote for e in mss.evidence}
    assert quotes and all("state security" in q for q in quotes)


def test_only_listed_names_are_candidates(screening: ScreeningResult) -> None:
    # every candidate's list entry carries the name it was matched to
    matched = {(c.entity, c.entry.entry_id) for c in screening.candidates}
    assert ("Kookmin University", "") not in {(e, "") for e, _ in matched}
    names = {c.entity for c in screening.candidates}
    assert "BBC" not in names and "Andrei Lankov" not in names and "Seoul" not in names
    for c in screening.candidates:
        assert c.score >= 0.88
        assert c.evidence, c.entity
