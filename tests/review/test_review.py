"""Review decisions: kept with their audit trail, applied over re-runs, undoable."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicia.errors import ConfigError
from indicia.pipeline import RunOptions, process
from indicia.report import build_dossier, validate_dossier
from indicia.review import decide, undo
from indicia.store import open_store
from review_sample import screened_case


def _case(tmp_path: Path) -> tuple[Path, RunOptions]:
    return screened_case(tmp_path)


@pytest.fixture()
def case(tmp_path: Path) -> tuple[Path, RunOptions]:
    return _case(tmp_path)


@pytest.fixture(scope="module")
def unchanged_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunOptions]:
    """One case for the tests that must leave it as it was."""
    return _case(tmp_path_factory.mktemp("review"))


def _candidate(dossier: dict, entry_id: str) -> dict:  # type: ignore[type-arg]
    (found,) = [c for c in dossier["screening"]["candidates"] if c["entry"]["entry_id"] == entry_id]
    return found  # type: ignore[no-any-return]


def test_a_decision_survives_recompute_and_can_be_undone(case: tuple[Path, RunOptions]) -> None:
    db, options = case
    with open_store(db) as store:
        dossier = build_dossier(store)
        candidate = _candidate(dossier, "901")
        assert candidate["status"] == "candidate"
        decision = decide(
            store, dossier, "accept_candidate", candidate["id"], "ana", "same person, same firm"
        )
        assert "status candidate" in decision.overrode
    with open_store(db) as store:
        process(store, RunOptions(recompute=True, screen=options.screen))
        dossier = build_dossier(store)
        validate_dossier(dossier)
        assert _candidate(dossier, "901")["status"] == "accepted"
        (shown,) = dossier["review"]["decisions"]
        assert (shown["reviewer"], shown["reason"], shown["applied"]) == (
            "ana",
            "same person, same firm",
            True,
        )
        undo(store, decision.id, "ben", "accepted too early")
        dossier = build_dossier(store)
        assert _candidate(dossier, "901")["status"] == "candidate"
        (shown,) = dossier["review"]["decisions"]  # still in the audit trail
        assert shown["undone_by"] == "ben" and shown["applied"] is False
        with pytest.raises(ConfigError, match="no decision"):
            undo(store, decision.id, "ben", "twice")


def test_rejecting_a_quote_takes_it_out_of_every_finding(case: tuple[Path, RunOptions]) -> None:
    db, _ = case
    with open_store(db) as store:
        dossier = build_dossier(store)
        quoted = [ev for f in [*dossier["indicators"], *dossier["claims"]] for ev in f["evidence"]]
        assert quoted, "the report's figures should be quoted"
        ev = quoted[0]
        target = f"{ev['document']}:{ev['start']}:{ev['end']}"
        decide(store, dossier, "reject_quote", target, "ana", "the quote is about another firm")
        after = build_dossier(store)
        validate_dossier(after)
        remaining = [
            (e["document"], e["start"], e["end"])
            for f in [*after["indicators"], *after["claims"]]
            for e in f["evidence"]
        ]
        assert (ev["document"], ev["start"], ev["end"]) not in remaining
        # no finding is left without a quote
        assert all(f["evidence"] for f in [*after["indicators"], *after["claims"]])


def test_excluding_a_document_and_merging_entities(case: tuple[Path, RunOptions]) -> None:
    db, _ = case
    with open_store(db) as store:
        dossier = build_dossier(store)
        names = [e["name"] for e in dossier["entities"]]
        assert "Marta Ilves" in names and "Pak Sol Min" in names
        decide(store, dossier, "merge_entities", "Marta Ilves", "ana", "test merge", "Pak Sol Min")
        merged = build_dossier(store)
        pak = next(e for e in merged["entities"] if e["name"] == "Pak Sol Min")
        assert "Marta Ilves" in pak["aliases"]
        assert "Marta Ilves" not in [e["name"] for e in merged["entities"]]
        document = dossier["documents"][0]["id"]
        decide(store, merged, "exclude_document", document, "ana", "a duplicate of a court file")
        excluded = build_dossier(store)
        validate_dossier(excluded)
        assert excluded["documents"][0]["excluded"]["reason"] == "a duplicate of a court file"
        assert excluded["indicators"] == excluded["claims"] == excluded["entities"] == []


@pytest.mark.parametrize(
    ("action", "target", "value", "message"),
    [
        ("accept_candidate", "nope", None, "no sanctions candidate"),
        ("reject_quote", "doc:1:x", None, "DOCUMENT:START:END"),
        ("reject_indicator", "story:deception", None, "no indicator finding"),
        ("merge_entities", "Pak Sol Min", None, "needs value"),
        ("set_origin", "no-story", "BBC", "no story"),
        ("shrug", "x", None, "unknown review action"),
    ],
)
def test_decisions_on_what_the_dossier_lacks_are_refused(
    unchanged_case: tuple[Path, RunOptions],
    action: str,
    target: str,
    value: str | None,
    message: str,
) -> None:
    db, _ = unchanged_case
    with open_store(db) as store:
        with pytest.raises(ConfigError, match=message):
            decide(store, build_dossier(store), action, target, "ana", "why", value)
        assert store.decisions(include_undone=True) == []
