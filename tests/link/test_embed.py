"""The optional embedding aligner: offline model from the package, choice of aligner.

Tests that need the `embed` extra skip without it; the choice and error tests run
in every install.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from indicia.clean import clean_documents
from indicia.errors import ConfigError
from indicia.ingest import iter_documents
from indicia.link import LinkOptions, describe_method, embed, link_documents, resolve_aligner
from indicia.records import CleanDocument, LinkResult, SourceDocument


@pytest.fixture(scope="module")
def seeds(seed_paths: list[Path]) -> tuple[list[SourceDocument], list[CleanDocument]]:
    sources = list(iter_documents([str(p) for p in seed_paths]))
    return sources, clean_documents(sources)


def _by_seed(sources: list[SourceDocument], result: LinkResult) -> dict[str, set[str]]:
    """Seed number -> seed numbers it is derived from by rewrite."""
    names = {s.id: Path(s.source_path).name[:3] for s in sources}
    return {
        names[d.document_id]: {names[x.document] for x in d.derived_from if x.document}
        for d in result.documents
    }


@pytest.fixture(scope="module")
def embedded(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> tuple[LinkResult, dict[str, object]]:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip(embed.MODEL_PACKAGE)
    sources, cleaned = seeds
    return link_documents(sources, cleaned, options=LinkOptions(aligner="embedding"))


def test_model_loads_offline_from_the_package() -> None:
    pytest.importorskip("sentence_transformers")
    package = pytest.importorskip(embed.MODEL_PACKAGE)
    path = embed.model_path()
    assert Path(package.__file__).parent in path.parents
    assert (path / "model.safetensors").is_file()
    vectors = embed.encode(["Workers were sent abroad.", "Labourers were sent overseas."])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert float(embed.cosine(vectors[:1], vectors[1:])[0, 0]) > 0.7
    import os

    assert os.environ.get("HF_HUB_OFFLINE") == "1"


def test_embedding_aligner_runs_and_is_recorded(
    embedded: tuple[LinkResult, dict[str, object]],
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    result, state = embedded
    assert state["options"]["aligner"] == "embedding"  # type: ignore[index]
    assert len(result.stories) == 1
    # The close rewrites found by n-grams are found by embeddings too.
    assert _by_seed(seeds[0], result)["000"] == {"002"}


def test_seed_003_stays_unaligned_at_the_measured_threshold(
    embedded: tuple[LinkResult, dict[str, object]],
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    # Measured fact, not a wish: 003 pads a paraphrase with so much SEO text that
    # under 15 % of it matches 002 or 004 at the threshold chosen on the rewrite set.
    # If a change makes 003 align, update this test and bench/RESULTS.md together.
    assert _by_seed(seeds[0], embedded[0])["003"] == set()


def test_ngram_aligner_unchanged(
    seeds: tuple[list[SourceDocument], list[CleanDocument]],
) -> None:
    sources, cleaned = seeds
    forced, state = link_documents(sources, cleaned, options=LinkOptions(aligner="ngram"))
    assert state["options"]["aligner"] == "ngram"
    found = _by_seed(sources, forced)
    # 003 retells most of 002 (a long paraphrase of a short report): a rewrite of it.
    assert found["000"] == {"002"} and found["001"] == {"002"} and found["003"] == {"002"}


def test_embedding_without_the_extra_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "is_available", lambda: False)
    with pytest.raises(ConfigError, match="embed"):
        resolve_aligner("embedding")
    with pytest.raises(ConfigError):
        link_documents([], [], options=LinkOptions(aligner="embedding"))
    assert resolve_aligner("auto") == "ngram"
    assert "character" in describe_method()


@pytest.mark.parametrize("name", ["bert", "", "NGRAM"])
def test_unknown_aligner_is_a_config_error(name: str) -> None:
    with pytest.raises(ConfigError):
        resolve_aligner(name)


def test_the_stage_reads_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Settings arrive in LinkOptions; the command line reads INDICIA_ALIGNER.
    monkeypatch.setenv("INDICIA_ALIGNER", "bert")
    assert resolve_aligner("auto") == ("embedding" if embed.is_available() else "ngram")
    assert resolve_aligner("ngram") == "ngram"


def test_state_from_before_the_aligner_option_is_reused(
    seeds: tuple[list[SourceDocument], list[CleanDocument]], caplog: pytest.LogCaptureFixture
) -> None:
    sources, cleaned = seeds
    options = LinkOptions(aligner="ngram")
    _, state = link_documents(sources[:3], cleaned[:3], options=options)
    old = dict(state)
    old["options"] = {k: v for k, v in dataclasses.asdict(options).items() if k != "aligner"}
    again, _ = link_documents(sources, cleaned, old, options)
    assert "ignored" not in caplog.text
    batch, _ = link_documents(sources, cleaned, options=options)
    assert [d.story_id for d in again.documents] == [d.story_id for d in batch.documents]
