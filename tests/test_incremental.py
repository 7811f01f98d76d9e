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
