"""Quality gate: extraction F1 on a fixed sample of the article-extraction benchmark.

Forty pages (every fourth by sorted id) are cleaned as HTML and scored with the
benchmark's shingle metric (bench/clean.py). The test fails when F1, precision or
recall drops below the recorded floor. Raising a floor is a commit; lowering one
needs a reason in its commit message.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from indicia.clean import clean_documents
from indicia.records import SourceDocument
from shared_inputs import floors, require

BENCH = Path(__file__).resolve().parents[2] / "bench" / "clean.py"
SAMPLE_EVERY, SAMPLE_SIZE = 4, 40

# The floors and when they were recorded: the "clean" section of tests/data/floors.json.
FLOORS = floors("clean")
FLOOR_F1 = FLOORS["f1"]
FLOOR_PRECISION = FLOORS["precision"]
FLOOR_RECALL = FLOORS["recall"]


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("indicia_bench_clean", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_extraction_quality_stays_above_the_floor(benchdata_dir: Path) -> None:
    folder = require(benchdata_dir / "article-extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[::SAMPLE_EVERY][:SAMPLE_SIZE]
    bench = load_bench()
    documents = [
        SourceDocument(
            id=key,
            source_path=key,
            raw_sha256=key,
            media_type="html",
            content=bench.decode_page(
                gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
            ),
            url=truth[key].get("url"),
        )
        for key in keys
    ]
    predictions = [c.text for c in clean_documents(documents)]
    score = bench.shingle_score([truth[k]["articleBody"] for k in keys], predictions)
    print(f"F1 {score.f1:.3f} P {score.precision:.3f} R {score.recall:.3f}")
    assert score.f1 >= FLOOR_F1
    assert score.precision >= FLOOR_PRECISION
    assert score.recall >= FLOOR_RECALL
