"""Engines: a pool of worker processes and a Dask cluster give the dossier one core gives.

The corpus mixes the project's examples, the seeds and real HTML pages from the
article-extraction benchmark, so cleaning (HTML extraction, line classes, site
chrome across the batch) and extraction both do real work on every engine.
"""

from __future__ import annotations

import gzip
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from indicia import build_dossier, open_store
from indicia.engine import (
    EngineOptions,
    Failed,
    InProcessEngine,
    ProcessPoolEngine,
    available_cores,
    open_engine,
)
from indicia.errors import ConfigError
from indicia.pipeline import RunOptions, ingest_paths, process
from shared_inputs import BENCHDATA, SEEDS, require

REPO = Path(__file__).resolve().parents[2]
HTML_PAGES = 12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(REPO / "examples" / "corpus", folder / "examples")
    shutil.copytree(require(SEEDS), folder / "seeds")
    pages = sorted((require(BENCHDATA) / "article-extraction" / "html").glob("*.html.gz"))
    (folder / "html").mkdir()
    for page in pages[:HTML_PAGES]:
        with gzip.open(page) as unpacked:
            (folder / "html" / page.name.removesuffix(".gz")).write_bytes(unpacked.read())
    return folder


def _dossier(corpus: Path, db: Path, engine: Any = None, **engine_options: Any) -> dict[str, Any]:
    # Small batches, so a run has several of each and every batch goes to the workers.
    options = RunOptions(
        clean_batch_size=16,
        extract_batch_size=8,
        engine=EngineOptions(min_pool_items=1, **engine_options),
    )
    with open_store(db) as store:
        ingest_paths([str(corpus)], store, options)
        process(store, options, engine=engine)
        return _comparable(build_dossier(store))


def _comparable(dossier: dict[str, Any]) -> dict[str, Any]:
    # Where the store lives and when it ran differ between runs; nothing else may.
    dossier = dict(dossier)
    summary = dict(dossier.get("summary", {}))
    for key in ("generated", "generated_at", "store"):
        summary.pop(key, None)
    dossier["summary"] = summary
    dossier.pop("generated", None)
    dossier.pop("generated_at", None)
    return dossier


@pytest.fixture(scope="module")
def one_worker(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    dossier = _dossier(corpus, tmp_path_factory.mktemp("one") / "s.db", workers=1)
    assert len(dossier["documents"]) >= HTML_PAGES
    return dossier


def test_a_process_pool_writes_the_dossier_one_worker_writes(
    corpus: Path, one_worker: dict[str, Any], tmp_path: Path
) -> None:
    assert _dossier(corpus, tmp_path / "s.db", workers=2) == one_worker


def test_a_dask_cluster_writes_the_dossier_one_worker_writes(
    corpus: Path, one_worker: dict[str, Any], tmp_path: Path
) -> None:
    distributed = _require_dask()
    import dask

    # Dask gives a connection 30 s; a loaded machine starting two worker processes may
    # need longer, and a connection made in time is no slower for the higher bound.
    slow_machine = {"distributed.comm.timeouts.connect": "600s"}
    with (
        dask.config.set(slow_machine),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        # Both workers are registered before the engine counts them, however slow the
        # machine is to start their processes (a bounded wait on a condition, not a sleep).
        cluster.wait_for_workers(2, timeout=600)
        with open_engine(EngineOptions(kind="dask", scheduler=cluster.scheduler_address)) as engine:
            assert engine.workers == 2
            assert "dask" in engine.describe()
            assert _dossier(corpus, tmp_path / "s.db", engine=engine) == one_worker


def _require_dask() -> Any:
    try:
        import distributed
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI installs the dask extra (make test); distributed is missing")
        pytest.skip("the dask extra is not installed")
    return distributed


def _half(n: int) -> float:
    if n == 3:
        raise ValueError("three is not welcome")
    return n / 2


@pytest.fixture(params=["in process", "process pool"])
def engine(request: pytest.FixtureRequest) -> Iterator[Any]:
    made = InProcessEngine() if request.param == "in process" else ProcessPoolEngine(2, 1)
    with made:
        yield made


def test_map_keeps_order_and_turns_a_failure_into_that_items_outcome(engine: Any) -> None:
    outcomes = engine.map(_half, list(range(40)))
    assert outcomes[3] == Failed("ValueError: three is not welcome")
    assert [o for i, o in enumerate(outcomes) if i != 3] == [i / 2 for i in range(40) if i != 3]


def _halves(group: Sequence[int]) -> list[float | Failed]:
    if 13 in group:
        raise RuntimeError("the group broke")
    return [Failed("odd") if n % 2 else n / 2 for n in group]


def test_map_groups_gives_one_outcome_per_item_in_order(engine: Any) -> None:
    groups = [list(range(k, min(k + 4, 30))) for k in range(0, 30, 4)]
    outcomes = engine.map_groups(_halves, groups)
    assert len(outcomes) == 30
    for n, outcome in enumerate(outcomes):
        if 12 <= n < 16:  # the group that raised: each of its items fails with the reason
            assert outcome == Failed("RuntimeError: the group broke")
        else:
            assert outcome == (Failed("odd") if n % 2 else n / 2)


def _bad_settings(n: int) -> int:
    raise ConfigError("no such setting")


def test_a_config_error_stops_the_map_instead_of_dropping_every_item(engine: Any) -> None:
    with pytest.raises(ConfigError, match="no such setting"):
        engine.map(_bad_settings, list(range(20)))


def test_a_failing_document_in_a_worker_is_a_drop_and_the_others_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import indicia.clean.cleaner as cleaner

    real = cleaner._prepare

    def fragile(document: Any, options: Any) -> Any:
        if "poison" in document.content:
            raise RuntimeError("the extractor choked")
        return real(document, options)

    # Patched before the pool forks, so the workers run the fragile version too.
    monkeypatch.setattr(cleaner, "_prepare", fragile)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        word = "poison" if i == 5 else "harbour"
        (folder / f"{i:02d}.txt").write_text(
            f"Note {i}: the {word} ferry was repainted on day {i + 1}, the clerk said.\n",
            encoding="utf-8",
        )
    options = RunOptions(engine=EngineOptions(workers=2, min_pool_items=1))
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(folder)], store, options)
        summary = process(store, options)
        assert summary.cleaned == 11
        assert [(stage, reason) for _, stage, reason in summary.drops] == [
            ("clean", "RuntimeError: the extractor choked")
        ]


def test_open_engine_sizes_the_pool_to_the_machine_and_checks_its_options() -> None:
    with open_engine() as default:
        assert default.workers == available_cores()
    with open_engine(EngineOptions(workers=1)) as single:
        assert isinstance(single, InProcessEngine)
    with pytest.raises(ConfigError, match="scheduler"):
        open_engine(EngineOptions(kind="dask"))
    with pytest.raises(ConfigError, match="dask engine"):
        open_engine(EngineOptions(scheduler="tcp://127.0.0.1:1"))
    with pytest.raises(ConfigError, match="unknown engine"):
        open_engine(EngineOptions(kind="spark"))
    with pytest.raises(ConfigError, match="at least 1"):
        open_engine(EngineOptions(workers=0))
