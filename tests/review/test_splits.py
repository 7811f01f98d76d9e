"""Splitting and joining: entities and stories taken apart or put together by a reviewer.

Each decision is kept with its audit trail, applied over the stages' output every time
the dossier is built (so it survives a re-run and --recompute), can be undone, and is
listed as not applied when its target is gone.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from indicia.cli import main
from indicia.errors import ConfigError
from indicia.pipeline import RunOptions, ingest_paths, process
from indicia.report import build_dossier, validate_dossier
from indicia.review import decide, undo
from indicia.store import open_store

# Two tellings of one made-up court report: the linker puts them in one story.
FIRST = (
    "Northwind Harbour Trading Corporation hired the crews, a court heard on Tuesday.\n\n"
    "Pak Sol Min, who ran the company, took the workers' passports and locked them in "
    "his office. The workers said they were paid nothing for four months.\n\n"
    "Marta Ilves, a researcher in Tallinn, said the crews worked 16 hours a day. "
    "Pak denied it.\n"
)
SECOND = (
    "Northwind Harbour Trading Corporation hired the crews, a court in the port city "
    "heard on Tuesday.\n\n"
    "Pak Sol Min, who ran the company, took the workers' passports and locked them in "
    "his office, the court heard. The workers said they were paid nothing for four months.\n\n"
    "Marta Ilves, a researcher in Tallinn, said the crews worked 16 hours a day. "
    "Mr Pak denied it.\n"
)

Dossier = dict[str, Any]


def _build(tmp_path: Path) -> Path:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "first.txt").write_text(FIRST, encoding="utf-8")
    (corpus / "second.txt").write_text(SECOND, encoding="utf-8")
    db = tmp_path / "case.db"
    with open_store(db) as store:
        ingest_paths([str(corpus)], store)
        process(store)
    return db


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("splits"))


@pytest.fixture()
def case(pristine: Path, tmp_path: Path) -> Path:
    """A copy of the processed store, for a test to decide on."""
    db = tmp_path / "case.db"
    with sqlite3.connect(pristine) as source, sqlite3.connect(db) as target:
        source.backup(target)
    (tmp_path / "in").mkdir()
    for name, text in (("first.txt", FIRST), ("second.txt", SECOND)):
        (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    return db


def _entity(dossier: Dossier, name: str) -> Dossier:
    (found,) = [e for e in dossier["entities"] if e["name"] == name]
    return found


def _decisions(dossier: Dossier) -> list[Dossier]:
    return dossier["review"]["decisions"]  # type: ignore[no-any-return]


def _rerun(db: Path) -> Dossier:
    """A re-run over the same inputs, with every stage done again."""
    with open_store(db) as store:
        ingest_paths([str(db.parent / "in")], store)
        process(store, RunOptions(recompute=True))
        dossier = build_dossier(store)
    validate_dossier(dossier)
    return dossier


def test_the_pristine_case_is_one_story_of_two_documents(pristine: Path) -> None:
    with open_store(pristine, read_only=True) as store:
        dossier = build_dossier(store)
    (story,) = dossier["stories"]
    assert len(story["documents"]) == 2
    assert {"Pak Sol Min", "Pak", "Marta Ilves"} <= {e["name"] for e in dossier["entities"]}
    assert any(len({ev["document"] for ev in c["evidence"]}) == 2 for c in dossier["claims"])


def test_a_merged_spelling_is_split_back_out(case: Path) -> None:
    with open_store(case) as store:
        dossier = build_dossier(store)
        decide(store, dossier, "merge_entities", "Pak", "ana", "the same man", "Pak Sol Min")
        merged = build_dossier(store)
        assert "Pak" in _entity(merged, "Pak Sol Min")["aliases"]
        split = decide(
            store, merged, "split_entities", "Pak Sol Min", "ben", "a namesake", "alias:Pak"
        )
        assert "alias:Pak" in split.overrode
    dossier = _rerun(case)
    pak, full = _entity(dossier, "Pak"), _entity(dossier, "Pak Sol Min")
    assert [m["quote"] for m in pak["mentions"]] == ["Pak"]
    assert pak["split_from"] == "Pak Sol Min" and pak["decision"] == split.id
    assert "Pak" not in full["aliases"] and all(m["quote"] != "Pak" for m in full["mentions"])
    assert [d["applied"] for d in _decisions(dossier)] == [True, True]
    with open_store(case) as store:
        undo(store, split.id, "ana", "it is him after all")
        again = build_dossier(store)
    assert "Pak" not in {e["name"] for e in again["entities"]}
    assert "Pak" in _entity(again, "Pak Sol Min")["aliases"]


def test_one_documents_mentions_become_an_entity_of_their_own(case: Path) -> None:
    with open_store(case) as store:
        dossier = build_dossier(store)
        second = next(
            d["id"] for d in dossier["documents"] if d["source_path"].endswith("second.txt")
        )
        first = next(d["id"] for d in dossier["documents"] if d["id"] != second)
        decide(
            store, dossier, "split_entities", "Marta Ilves", "ana", "another researcher",
            f"document:{second}",
        )  # fmt: skip
    dossier = _rerun(case)
    kept = _entity(dossier, "Marta Ilves")
    (split,) = [e for e in dossier["entities"] if e.get("split_from") == "Marta Ilves"]
    assert kept["documents"] == [first] and split["documents"] == [second]
    assert split["name"] == f"Marta Ilves [{second[:8]}]"
    assert {m["document"] for m in split["mentions"]} == {second}
    # every mention is still its document's text[start:end]
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    for m in [*kept["mentions"], *split["mentions"]]:
        assert texts[m["document"]][m["start"] : m["end"]] == m["quote"]


def test_a_document_split_out_of_its_story_takes_its_quotes(case: Path) -> None:
    with open_store(case) as store:
        dossier = build_dossier(store)
        (story,) = dossier["stories"]
        moved = story["documents"][1]
        decision = decide(store, dossier, "split_story", story["id"], "ana", "other trial", moved)
    dossier = _rerun(case)
    old, new = dossier["stories"]
    assert old["id"] == story["id"] and moved not in old["documents"]
    assert new["documents"] == [moved] and new["decision"] == decision.id
    assert new["independent_sources"] == 1 and new["origins"]
    assert next(d for d in dossier["documents"] if d["id"] == moved)["story"] == new["id"]
    for section in ("indicators", "claims"):
        for item in dossier[section]:
            inside = {ev["document"] for ev in item["evidence"]}
            assert inside <= set(old["documents"] if item["story"] == old["id"] else [moved])
    assert {f["story"] for f in dossier["indicators"]} == {old["id"], new["id"]}
    # the figure both documents gave is now one figure in each story
    stories_of = {}
    for claim in dossier["claims"]:
        stories_of.setdefault(claim["measure"], set()).add(claim["story"])
    assert {old["id"], new["id"]} in stories_of.values()
    with open_store(case) as store:
        merge = decide(
            store, build_dossier(store), "merge_stories", new["id"], "ben", "same trial", old["id"]
        )
        joined = build_dossier(store)
    validate_dossier(joined)
    (story_again,) = joined["stories"]
    assert set(story_again["documents"]) == set(story["documents"])
    assert story_again["merged"] == [{"story": new["id"], "decision": merge.id}]
    assert {c["story"] for c in joined["claims"]} == {story["id"]}


def test_two_stories_merge_and_the_merge_survives_recompute(case: Path) -> None:
    with open_store(case) as store:
        dossier = build_dossier(store)
        (story,) = dossier["stories"]
        moved = story["documents"][0]
        decide(store, dossier, "split_story", story["id"], "ana", "looked apart", moved)
        split = build_dossier(store)
        new = split["stories"][1]["id"]
        decide(store, split, "merge_stories", story["id"], "ana", "one story after all", new)
    dossier = _rerun(case)
    (only,) = dossier["stories"]
    assert only["id"] == new and set(only["documents"]) == set(story["documents"])
    codes = [f["code"] for f in dossier["indicators"]]
    assert codes and len(codes) == len(set(codes)), "one finding per indicator in the joined story"
    assert all(f["story"] == new for f in dossier["indicators"])


def test_a_split_whose_document_is_gone_is_listed_not_applied(case: Path) -> None:
    with open_store(case) as store:
        dossier = build_dossier(store)
        (story,) = dossier["stories"]
        moved = story["documents"][1]
        decide(store, dossier, "split_story", story["id"], "ana", "other trial", moved)
        decide(
            store, dossier, "split_entities", "Marta Ilves", "ana", "another one",
            f"document:{moved}",
        )  # fmt: skip
        assert store.forget(moved)
        process(store)
        after = build_dossier(store)
    validate_dossier(after)
    assert len(after["stories"]) == 1
    assert [(d["action"], d["applied"]) for d in _decisions(after)] == [
        ("split_story", False),
        ("split_entities", False),
    ]


@pytest.mark.parametrize(
    ("action", "target", "value", "message"),
    [
        ("split_entities", "Marta Ilves", "Marta", "alias:NAME or document:ID"),
        ("split_entities", "Marta Ilves", "alias:Nobody", "nothing to split out"),
        ("split_entities", "Tallinn", "alias:Tallinn", "nothing would remain"),
        ("split_entities", "No One", "alias:x", "no entity named"),
        ("split_story", "no-story", "x", "no story"),
        ("split_story", "STORY", "no-document", "holds no document"),
        ("merge_stories", "STORY", "STORY", "no other story"),
        ("split_story", "STORY", None, "needs value"),
    ],
)
def test_splits_of_what_the_dossier_lacks_are_refused(
    pristine: Path, action: str, target: str, value: str | None, message: str
) -> None:
    with open_store(pristine, read_only=True) as store:
        dossier = build_dossier(store)
    target = target.replace("STORY", dossier["stories"][0]["id"])

    class Refusing:
        def add_decision(self, decision: object) -> None:
            raise AssertionError("a refused decision must not be kept")

    with pytest.raises(ConfigError, match=message):
        decide(Refusing(), dossier, action, target, "ana", "why", value)  # type: ignore[arg-type]


def test_the_cli_splits_and_the_report_shows_it(case: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    with open_store(case, read_only=True) as store:
        dossier = build_dossier(store)
    (story,) = dossier["stories"]
    moved = story["documents"][1]
    db = ["--db", str(case), "--reviewer", "ana", "--reason", "different trial"]
    result = runner.invoke(main, ["review", "split-story", story["id"], moved, *db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        main, ["review", "split-entity", "Marta Ilves", "--document", moved, *db]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["review", "split-entity", "Marta Ilves", *db])
    assert result.exit_code == 2, "a split names a spelling or a document"
    out = tmp_path / "out"
    result = runner.invoke(main, ["report", "--db", str(case), "--out", str(out), "--recompute"])
    assert result.exit_code == 0, result.output
    written = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert [s["documents"] for s in written["stories"]][1] == [moved]
    assert any(e.get("split_from") == "Marta Ilves" for e in written["entities"])
    assert all(d["applied"] for d in written["review"]["decisions"])
    result = runner.invoke(main, ["review", "merge-stories", written["stories"][1]["id"],
                                  story["id"], *db])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "merge_stories" in runner.invoke(main, ["review", "list", "--db", str(case)]).output
