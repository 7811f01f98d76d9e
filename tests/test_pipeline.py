"""The runner records how the dossier was made and what cleaning could not do."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from indicia import build_dossier, clean, extract, open_store, run
from indicia.budget import BudgetExceeded, time_budget
from indicia.ingest import IngestOptions
from indicia.pipeline import RunOptions, ingest_paths, process
from indicia.records import CleanDocument, DocumentEvidence, SourceDocument


def _write(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour workers said the plant kept their passports for months.\n\n"
        "They were paid nothing until the season ended, three of them said.\n",
        encoding="utf-8",
    )


def test_summary_says_which_methods_made_the_dossier(tmp_path: Path) -> None:
    _write(tmp_path / "in")
    with open_store(tmp_path / "s.db") as store:
        run([str(tmp_path / "in")], store, tmp_path / "out")
        dossier = build_dossier(store)
    methods = dossier["summary"]["methods"]
    assert set(methods) == {"indicators", "quantities", "entities", "link"}
    assert methods["entities"].startswith(("spacy", "rules"))
    assert all(isinstance(d["notes"], list) for d in dossier["documents"])
    markdown = (tmp_path / "out" / "dossier.md").read_text(encoding="utf-8")
    assert "How this dossier was made" in markdown and methods["entities"] in markdown


# ------------------------------------------------------------------ text bound


def test_a_page_whose_cleaned_text_passes_the_text_bound_is_dropped_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    paragraphs = "".join(
        f"<p>Report {i}: the dock crew of pier {i} said {i + 3} of them had gone unpaid"
        f" since the {i}th week of the season.</p>"
        for i in range(40)
    )
    (folder / "long.html").write_text(
        f"<html><head><title>Pier crews</title></head><body><article>{paragraphs}"
        "</article></body></html>",
        encoding="utf-8",
    )
    (folder / "short.txt").write_text("A ferry in a made-up town was repainted.\n", "utf-8")
    extracted: list[str] = []

    def counting(
        source: SourceDocument, cleaned: CleanDocument, options: Any, prepared: Any = None
    ) -> Any:
        extracted.append(cleaned.document_id)
        return _fast_evidence(source, cleaned, options)

    monkeypatch.setattr(extract, "extract_document", counting)
    options = RunOptions(ingest=IngestOptions(max_text_chars=2_000))
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(folder)], store, options)
        assert all(d.status == "ok" for d in store.documents())  # its source is under its bound
        summary = process(store, options)
        [(document, stage, reason)] = summary.drops
        assert stage == "clean"
        assert reason.startswith("cleaned text is longer than 2,000 characters (")
        assert reason.endswith("; max_text_chars)")
        assert store.get_clean(document) is None and document not in extracted
        assert summary.cleaned == 1 and len(extracted) == 1
        [entry] = [d for d in build_dossier(store)["documents"] if d["id"] == document]
        assert entry["status"] != "ok" and reason in str(entry)


# ------------------------------------------------------------------ time budget


def _slow_for(word: str, real: Any) -> Any:
    """A stage that never finishes on a document holding `word`, and is `real` otherwise."""

    def stage(*args: Any, **kwargs: Any) -> Any:
        texts = [getattr(a, "text", "") or getattr(a, "content", "") for a in args]
        texts += [getattr(d, "content", "") for a in args if isinstance(a, list) for d in a]
        if any(word in t for t in texts):
            while True:  # a loop no size bound catches; only the budget ends it
                sum(range(10_000))
        return real(*args, **kwargs)

    return stage


def _fast_evidence(
    source: SourceDocument, cleaned: CleanDocument, options: Any, prepared: Any = None
) -> Any:
    return DocumentEvidence(document_id=cleaned.document_id)


def _two_notes(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text("A ferry in a made-up town was repainted.\n", "utf-8")
    (folder / "slow.txt").write_text("A bakery in a made-up town reopened. SLOW\n", "utf-8")


def test_a_document_over_its_extract_budget_is_dropped_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_notes(tmp_path / "in")
    monkeypatch.setattr(extract, "extract_document", _slow_for("SLOW", _fast_evidence))
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(tmp_path / "in")], store)
        # A budget the quick document stays far inside however loaded the machine is;
        # the slow one never ends, so only the budget ends it.
        summary = process(store, RunOptions(document_seconds=5))
        [(document, stage, reason)] = summary.drops
        assert stage == "extract"
        assert reason == (
            "BudgetExceeded: extract used more than 5 s of CPU on this document (document_seconds)"
        )
        assert store.get_clean(document) is not None and "SLOW" in store.get_clean(document).text
        assert summary.extracted == 1
        # the dossier says why the document has no evidence
        [entry] = [d for d in build_dossier(store)["documents"] if d["id"] == document]
        assert entry["notes"][-1] == (
            "extract failed, so no evidence is listed for this document: " + reason
        )


def test_a_document_over_its_clean_budget_is_dropped_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_notes(tmp_path / "in")
    real = clean.prepare_document
    monkeypatch.setattr(clean, "prepare_document", _slow_for("SLOW", real))
    monkeypatch.setattr(extract, "extract_document", _fast_evidence)
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(tmp_path / "in")], store)
        # load the cleaner's libraries before the clock runs
        clean.clean_documents(list(store.documents()))
        summary = process(store, RunOptions(document_seconds=5))
        [(_, stage, reason)] = summary.drops
        assert (stage, reason) == (
            "clean",
            "BudgetExceeded: clean used more than 5 s of CPU on this document (document_seconds)",
        )
        assert summary.cleaned == 1


def _burn(seconds: float) -> None:
    """Compute for `seconds` of this thread's CPU time."""
    start = time.thread_time()
    while time.thread_time() - start < seconds:
        sum(range(10_000))


def test_a_budget_swallowed_by_the_stage_still_ends_it() -> None:
    with pytest.raises(BudgetExceeded), time_budget("clean", 0.2):
        for _ in range(100):  # a stage wrapper that swallows every error it sees
            try:
                _burn(0.01)
            except Exception:
                continue


def test_the_budget_counts_cpu_time_so_waiting_is_not_spending_it() -> None:
    # Time spent waiting (on a loaded machine, on the disk) is not the document's cost:
    # 0.6 s asleep inside a 0.1 s CPU budget is no drop.
    with time_budget("extract", 0.1):
        time.sleep(0.6)


def test_work_that_waits_past_the_wall_clock_backstop_is_ended() -> None:
    from indicia.budget import WALL_FACTOR

    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as raised, time_budget("extract", 0.05):
        while time.monotonic() - started < 30:  # stuck, using no CPU
            time.sleep(0.01)
    assert raised.value.waited
    assert str(raised.value) == (
        f"extract ran {0.05 * WALL_FACTOR:g} s on this document without finishing "
        f"({WALL_FACTOR} times document_seconds)"
    )
    assert time.monotonic() - started < 30


def test_off_the_main_thread_the_budget_judges_the_time_taken() -> None:
    outcome: list[BaseException | None] = []

    def work() -> None:
        try:
            with time_budget("extract", 0.05):
                _burn(0.2)
            outcome.append(None)
        except BudgetExceeded as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert isinstance(outcome[0], BudgetExceeded) and not outcome[0].waited


def test_no_budget_means_no_timer() -> None:
    with time_budget("extract", None):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


# ------------------------------------------------------------------ extraction in groups


def test_documents_extracted_as_a_group_find_what_each_finds_alone(tmp_path: Path) -> None:
    """The entity model reads a group's lines in one call; each document's evidence must be
    what it is when the document is read alone, in every language the seeds hold."""
    from indicia.extract import ner_spacy
    from shared_inputs import SEEDS, require

    if not ner_spacy.is_available():
        if os.environ.get("CI"):
            pytest.fail("CI installs the ner extra (make test); spaCy is missing")
        pytest.skip("the ner extra is not installed")
    options = extract.ExtractOptions(ner="spacy")
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(require(SEEDS).iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "french.txt").write_text(
        "Le maire de Lindenmoor, Marta Ilves, a reçu la Société des ferries mardi.\n\n"
        "Selon la mairie, 40 employés attendent leur salaire depuis trois mois.\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(folder)], store)
        sources = list(store.documents("ok"))
    items = list(zip(sources, clean.clean_documents(sources), strict=True))
    assert len(items) >= 6
    prepared = extract.prepare_documents(items, options)
    assert [p.model_mentions is not None for p in prepared].count(True) >= 5
    for (source, cleaned_doc), ready in zip(items, prepared, strict=True):
        alone = extract.extract_document(source, cleaned_doc, options)
        assert extract.extract_document(source, cleaned_doc, options, ready) == alone
