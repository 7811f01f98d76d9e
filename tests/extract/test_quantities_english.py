"""Quality gate on every figure of real English reports (benchdata/indicators-dev: TIP,
ILAB and CBP pages, UN, NGO and news texts; tests/data/claims/english_figures.json).
The labels split the texts by a hash of the file name: the development half is gated
here, the test half is only reported (bench/claims.py), never tuned on. The blind texts
(two sets) and the news articles (news_figures.json, two sets), labelled without looking at the
extractor's output and developed on after their first score, are gated too."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from quantity_eval import Score, indicia_figures, load_rated_labels, score
from shared_inputs import floors, require

_LABELS = Path(__file__).resolve().parents[1] / "data" / "claims" / "english_figures.json"
_NEWS = _LABELS.with_name("news_figures.json")


@pytest.fixture(scope="module")
def development(benchdata_dir: Path) -> Score:
    labelled = load_rated_labels(_LABELS, benchdata_dir.parent, "dev")
    return score(labelled, "indicia", indicia_figures)


@pytest.mark.parametrize(
    "metric",
    ["precision", "recall", "value_accuracy", "unit_accuracy", "per_accuracy",
     "qualifier_accuracy"],
)  # fmt: skip
def test_english_quality_gate(development: Score, metric: str) -> None:
    floor = floors("claims")["indicators-dev-en"][metric]
    assert getattr(development, metric) >= floor, (metric, getattr(development, metric))


@pytest.mark.parametrize(
    ("labels", "half", "floor_name"),
    [
        (_LABELS, "blind", "indicators-dev-en-blind"),
        (_LABELS, "blind2", "indicators-dev-en-blind2"),
        (_NEWS, "news", "news-en"),
        (_NEWS, "news2", "news2-en"),
    ],
)
@pytest.mark.parametrize("metric", ["precision", "recall", "value_accuracy"])
def test_english_quality_gate_on_the_blind_texts(
    benchdata_dir: Path, labels: Path, half: str, floor_name: str, metric: str
) -> None:
    labelled = load_rated_labels(labels, benchdata_dir.parent, half)
    result = score(labelled, "indicia", indicia_figures)
    floor = floors("claims")[floor_name][metric]
    assert getattr(result, metric) >= floor, (metric, getattr(result, metric))


def test_the_halves_follow_the_hash_of_the_file_name(benchdata_dir: Path) -> None:
    data = json.loads(_LABELS.read_text(encoding="utf-8"))
    halves = {t["half"] for t in data["texts"]}
    assert halves == {"dev", "test", "blind", "blind2"}
    for text in data["texts"]:
        if text["half"] in ("blind", "blind2"):
            continue
        name = Path(text["file"]).name
        parity = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2
        assert text["half"] == ("dev" if parity == 0 else "test"), name
        path = require(benchdata_dir.parent / text["file"])
        assert hashlib.sha256(path.read_bytes()).hexdigest() == text["sha256"], name


def test_every_label_is_its_span(benchdata_dir: Path) -> None:
    data = json.loads(_LABELS.read_text(encoding="utf-8"))
    files = {t["file"] for t in data["texts"]}
    for figure in data["figures"]:
        assert figure["file"] in files
        text = require(benchdata_dir.parent / figure["file"]).read_text(encoding="utf-8")
        span = text[figure["start"] : figure["end"]]
        assert hashlib.sha256(span.encode()).hexdigest() == figure["sha256"], figure
        assert (figure["value"] is None) != (figure["low"] is None and figure["high"] is None)
