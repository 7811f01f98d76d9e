"""Incremental runs: a report over a store with nothing new keeps the last results.

Link and reconcile are skipped when their inputs (cleaned documents, evidence, drops,
settings, version) are those of the last complete run; anything new runs them again.
Site chrome is learned over every page of a site the store keeps, so a pile read one
file per run, or in small cleaning batches, is cleaned as in one batch.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import indicia.clean
import indicia.extract
import indicia.link
import indicia.reconcile
from indicia import build_dossier, open_store
from indicia.engine import EngineOptions
from indicia.pipeline import RunOptions, ingest_paths, process, run
from shared_inputs import BENCHDATA, require

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


# ------------------------------------------------ site chrome kept in the store

# Real pages of three sites of the article-extraction benchmark, two pages each, whose
# pages share a line of site chrome; in this order each site's first page arrives alone.
_SITE_PAGES = (
    "7dfc3e359d7c",
    "0dd135704572",
    "57e2e98887a1",
    "eb62ac8425e5",
    "e7301133baab",
    "dfd43bc0d46e",
)


@pytest.fixture(scope="module")
def site_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Copies of the pages, named so that a folder lists them in arrival order."""
    html = require(BENCHDATA / "article-extraction" / "html")
    folder = tmp_path_factory.mktemp("pages")
    paths = []
    for i, prefix in enumerate(_SITE_PAGES):
        (page,) = html.glob(f"{prefix}*.html.gz")
        copy = folder / f"{i}_{page.name}"
        shutil.copyfile(page, copy)
        paths.append(str(copy))
    return paths


@pytest.fixture(scope="module")
def one_batch(
    site_pages: list[str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, str], bytes]:
    """The pile in one run and one cleaning batch: cleaned texts by id, dossier.json."""
    out = tmp_path_factory.mktemp("batch")
    with open_store(out / "s.db") as store:
        run(site_pages, store, out / "dossier", OPTIONS)
        texts = {c.document_id: c.text for c in store.clean_documents()}
        removed = {
            c.document_id: sum(r.kind == "site_chrome" for r in c.removals)
            for c in store.clean_documents()
        }
    assert len(texts) == len(_SITE_PAGES)
    assert all(removed.values()), f"a page of the pile has no site chrome found: {removed}"
    return texts, (out / "dossier" / "dossier.json").read_bytes()


def test_one_file_per_run_gives_the_text_and_dossier_of_one_batch(
    site_pages: list[str],
    one_batch: tuple[dict[str, str], bytes],
    store_location: Callable[[str], str],
    tmp_path: Path,
) -> None:
    texts, dossier = one_batch
    with open_store(store_location("s")) as store:
        first_alone: dict[str, str] = {}
        for path in site_pages:
            run([path], store, tmp_path / "dossier", OPTIONS)
            if not first_alone:
                first_alone = {c.document_id: c.text for c in store.clean_documents()}
        assert {c.document_id: c.text for c in store.clean_documents()} == texts
        # The first page, cleaned alone, still had its site's chrome; a later page of
        # its site made that line recurring, and it was cleaned again without it.
        ((first, alone),) = first_alone.items()
        assert alone != texts[first] and len(alone) > len(texts[first])
    assert (tmp_path / "dossier" / "dossier.json").read_bytes() == dossier


def test_small_cleaning_batches_give_the_text_and_dossier_of_one_batch(
    site_pages: list[str], one_batch: tuple[dict[str, str], bytes], tmp_path: Path
) -> None:
    texts, dossier = one_batch
    with open_store(tmp_path / "s.db") as store:
        run(site_pages, store, tmp_path / "dossier", replace(OPTIONS, clean_batch_size=1))
        assert {c.document_id: c.text for c in store.clean_documents()} == texts
    assert (tmp_path / "dossier" / "dossier.json").read_bytes() == dossier


MASTHEAD = "Tidewater Courier Morning Edition"


def _site_page(folder: Path, name: str, site: str, masthead: str, town: str) -> None:
    folder.mkdir(exist_ok=True)
    text = (
        f"{masthead}\n\n"
        f"Workers at a cannery in {town} said the owner kept their passports in his office.\n\n"
        f"Several of them had not been paid for two months, a lawyer for the {town} workers said."
    )
    record = {"url": f"https://www.{site}/news/{name}", "text": text}
    (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")


def test_a_page_that_makes_a_line_recurring_cleans_again_only_its_sites_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared: list[str] = []
    extracted: list[str] = []
    real_prepare, real_extract = indicia.clean.prepare_document, indicia.extract.extract_document

    def prepare_document(document: Any, options: Any) -> Any:
        prepared.append(document.id)
        return real_prepare(document, options)

    def extract_document(source: Any, *args: Any) -> Any:
        extracted.append(source.id)
        return real_extract(source, *args)

    monkeypatch.setattr(indicia.clean, "prepare_document", prepare_document)
    monkeypatch.setattr(indicia.extract, "extract_document", extract_document)
    folder = tmp_path / "in"
    _site_page(folder, "a1", "tidewater.example", MASTHEAD, "Ardmere")
    _site_page(folder, "b1", "northfield.example", "Northfield Ledger Daily", "Belton")
    _site_page(folder, "b2", "northfield.example", "Northfield Ledger Daily", "Corrin")
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(folder)], store, OPTIONS)
        process(store, OPTIONS)
        ids = {Path(p).stem: d for d in store.document_ids() for p in store.source_paths(d)}
        a1, b1, b2 = ids["a1"], ids["b1"], ids["b2"]
        alone = _text(store, a1)
        assert MASTHEAD in alone
        assert all("Northfield" not in _text(store, b) for b in (b1, b2))
        before = {b: _text(store, b) for b in (b1, b2)}
        prepared.clear()
        extracted.clear()

        _site_page(folder, "a2", "tidewater.example", MASTHEAD, "Dunsby")
        ingest_paths([str(folder)], store, OPTIONS)
        summary = process(store, OPTIONS)
        assert summary.cleaned == 1 and summary.cleaned_again == 1
        a2 = next(d for d in store.document_ids() if d not in {a1, b1, b2})
        assert sorted(prepared) == sorted([a2, a1]), "cleaned again beyond the site's pages"
        assert sorted(extracted) == sorted([a2, a1]), "evidence remade beyond the changed text"
        assert MASTHEAD not in _text(store, a1) and MASTHEAD not in _text(store, a2)
        assert {b: _text(store, b) for b in (b1, b2)} == before
        _quotes_are_in_the_text(store, a1)

        # Forgetting the page that made the line recurring brings it back in a1.
        prepared.clear()
        assert store.forget(a2)
        process(store, OPTIONS)
        assert prepared == [a1]
        assert _text(store, a1) == alone
        _quotes_are_in_the_text(store, a1)
        assert store.changed_sites() == []


def test_a_run_killed_while_cleaning_a_sites_pages_again_loses_and_duplicates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    _site_page(folder, "a1", "tidewater.example", MASTHEAD, "Ardmere")
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(folder)], store, OPTIONS)
        process(store, OPTIONS)
        (a1,) = store.document_ids()
        site = indicia.clean.site_key(_required(store.get_document(a1)))
        assert site is not None
        alone, lines = _text(store, a1), store.site_lines(site)
        _site_page(folder, "a2", "tidewater.example", MASTHEAD, "Dunsby")
        ingest_paths([str(folder)], store, OPTIONS)

        def killed(self: Any, document_id: str) -> None:
            raise KeyboardInterrupt  # as if the run were stopped mid-write

        with monkeypatch.context() as patched:
            patched.setattr(type(store), "forget_derived", killed)
            with pytest.raises(KeyboardInterrupt):
                process(store, OPTIONS)
        # Nothing of the interrupted batch landed: the new page waits, the old one is as it was.
        assert store.clean_ids() == [a1] and _text(store, a1) == alone
        assert store.site_lines(site) == lines
        process(store, OPTIONS)
        (a2,) = set(store.clean_ids()) - {a1}
        assert MASTHEAD not in _text(store, a1) and MASTHEAD not in _text(store, a2)
        assert len(store.site_lines(site)) == 2
        _quotes_are_in_the_text(store, a1)


def _text(store: Any, document_id: str) -> str:
    cleaned = store.get_clean(document_id)
    assert cleaned is not None
    return str(cleaned.text)


def _required(document: Any) -> Any:
    assert document is not None
    return document


def _quotes_are_in_the_text(store: Any, document_id: str) -> None:
    text = _text(store, document_id)
    evidence = store.get_evidence(document_id)
    assert evidence is not None and evidence.indicators
    for hit in evidence.indicators:
        assert text[hit.evidence.start : hit.evidence.end] == hit.evidence.quote
