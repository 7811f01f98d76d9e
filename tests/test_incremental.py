"""Incremental runs: a report over a store with nothing new keeps the last results.

Link and reconcile are skipped when their inputs (cleaned documents, evidence, drops,
settings, version) are those of the last complete run; anything new runs them again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import indicia.link
import indicia.reconcile
from indicia import build_dossier, open_store
from indicia.engine import EngineOptions
from indicia.pipeline import RunOptions, ingest_paths, process

OPTIONS = RunOptions(engine=EngineOptions(workers=1))


def _note(folder: Path, name: str, town: str, count: int) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(
        f"Workers at a fish plant in {town} said their passports were kept by the manager.\n\n"
        f"About {count} of them were paid nothing for three months, a union official said.\n",
        encoding="utf-8",
    )


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"link": 0, "reconcile": 0}
    real_link, real_reconcile = indicia.link.link_documents, indicia.reconcile.reconcile

    def link_documents(*args: Any, **kwargs: Any) -> Any:
        calls["link"] += 1
        return real_link(*args, **kwargs)

    def reconcile(*args: Any, **kwargs: Any) -> Any:
        calls["reconcile"] += 1
        return real_reconcile(*args, **kwargs)

    monkeypatch.setattr(indicia.link, "link_documents", link_documents)
    monkeypatch.setattr(indicia.reconcile, "reconcile", reconcile)
    return calls


def test_nothing_new_skips_link_and_reconcile_and_keeps_the_dossier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch)
    folder = tmp_path / "in"
    _note(folder, "a.txt", "Ardmere", 40)
    _note(folder, "b.txt", "Belton Quay", 70)
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(folder)], store, OPTIONS)
        first = process(store, OPTIONS)
        before = json.dumps(build_dossier(store), sort_keys=True)
        assert calls == {"link": 1, "reconcile": 1}

        again = process(store, OPTIONS)
        assert calls == {"link": 1, "reconcile": 1}, "nothing new, yet link or reconcile ran"
        assert again.stories == first.stories
        assert json.dumps(build_dossier(store), sort_keys=True) == before

        # Other settings are other inputs: they run again.
        process(store, RunOptions(engine=OPTIONS.engine, recompute=True))
        assert calls == {"link": 2, "reconcile": 2}

        _note(folder, "c.txt", "Corrin", 90)
        ingest_paths([str(folder)], store, OPTIONS)
        process(store, OPTIONS)
        assert calls == {"link": 3, "reconcile": 3}
        assert len(build_dossier(store)["documents"]) == 3


def test_an_interrupted_extraction_is_finished_on_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch)
    folder = tmp_path / "in"
    _note(folder, "a.txt", "Dunsby", 12)
    _note(folder, "b.txt", "Elgarth", 15)
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(folder)], store, OPTIONS)
        process(store, OPTIONS)
        # As if a run was killed after cleaning and linking, before extracting one document.
        first, *rest = store.clean_ids()
        kept = [store.get_evidence(document_id) for document_id in rest]
        with store.transaction():
            store.clear_results("extract")
            for evidence in kept:
                assert evidence is not None
                store.put_evidence(evidence)
        process(store, OPTIONS)
        assert calls["link"] == 2
        assert first in store.result_scopes("extract")


def _credited(folder: Path, name: str, town: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(
        f"Workers at a brick kiln near {town} told the BBC that their wages were withheld "
        "for months and that the owner kept their identity papers in a locked drawer.\n\n"
        "According to Reuters, an inspector who visited the kiln found no payroll records "
        "and no contracts signed by any of the workers he spoke with.\n",
        encoding="utf-8",
    )


def test_what_linking_reads_of_a_document_is_found_once_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    real = indicia.link.document_features

    def document_features(item: Any) -> Any:
        read.append(item[1].document_id)
        return real(item)

    monkeypatch.setattr(indicia.link, "document_features", document_features)
    folder = tmp_path / "in"
    _credited(folder, "a.txt", "Ardmere")
    _credited(folder, "b.txt", "Belton Quay")
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(folder)], store, OPTIONS)
        process(store, OPTIONS)
        first = set(read)
        assert len(first) == 2 and len(read) == 2
        kept = store.link_features(indicia.link.features_version())
        assert set(kept) == first
        credited = {a.outlet for f in kept.values() for a in f.provenance.attributions}
        assert {"BBC", "Reuters"} <= credited
        assert all(f.anchors for f in kept.values())

        _credited(folder, "c.txt", "Corrin")
        ingest_paths([str(folder)], store, OPTIONS)
        process(store, OPTIONS)
        assert len(read) == 3, "kept link features were found again"
        (new,) = set(read) - first
        linked = json.dumps(build_dossier(store)["stories"], sort_keys=True)

        # Found afresh for every document, the stories come out the same.
        process(store, RunOptions(engine=OPTIONS.engine, recompute=True))
        assert sorted(read[3:]) == sorted([*first, new]), "recompute finds every one again"
        assert json.dumps(build_dossier(store)["stories"], sort_keys=True) == linked

        # Features kept under another version (other tables) are found again.
        monkeypatch.setattr(indicia.link, "features_version", lambda: "other tables")
        _credited(folder, "d.txt", "Dunmore")
        ingest_paths([str(folder)], store, OPTIONS)
        process(store, OPTIONS)
        assert len(read) == 6 + 4
        assert len(store.link_features("other tables")) == 4


def test_a_document_link_features_fail_on_is_dropped_at_link_and_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = indicia.link.document_features

    def document_features(item: Any) -> Any:
        if "Belton" in item[1].text:
            raise RuntimeError("pattern search ran away")
        return real(item)

    monkeypatch.setattr(indicia.link, "document_features", document_features)
    folder = tmp_path / "in"
    _credited(folder, "a.txt", "Ardmere")
    _credited(folder, "b.txt", "Belton Quay")
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(folder)], store, OPTIONS)
        summary = process(store, OPTIONS)
        assert [(stage, reason) for _, stage, reason in summary.drops] == [
            ("link", "RuntimeError: pattern search ran away")
        ]
        (failed,) = [d for d, _, _ in summary.drops]
        dossier = build_dossier(store)
        in_stories = {d for story in dossier["stories"] for d in story["documents"]}
        assert failed not in in_stories and len(in_stories) == 1
        assert store.get_evidence(failed) is None
        (row,) = [d for d in dossier["documents"] if d["id"] == failed]
        # read, and saying why nothing was found in it (as after an extraction failure)
        assert row["story"] is None
        assert any(n.startswith("link failed") and "ran away" in n for n in row["notes"])
        # The next run neither retries it nor lets it in, and counts it again.
        _credited(folder, "c.txt", "Corrin")
        ingest_paths([str(folder)], store, OPTIONS)
        again = process(store, OPTIONS)
        assert [d for d, _, _ in again.drops] == [failed]
        assert failed not in {d.document_id for d in _link(store).documents}


def _link(store: Any) -> Any:
    result = store.get_link()
    assert result is not None
    return result
