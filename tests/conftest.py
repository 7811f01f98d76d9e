"""Shared fixtures for the real inputs in ../shared (see shared_inputs.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from shared_inputs import BENCHDATA, REPO, SEEDS, require

# scorers live beside the benchmarks (bench/), not in the package; the quality
# gates in tests/ use the same ones
sys.path.insert(0, str(REPO / "bench"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require(SEEDS)


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> list[Path]:
    paths = sorted(seeds_dir.glob("*.txt"))
    assert len(paths) == 5
    return paths


@pytest.fixture(scope="session")
def benchdata_dir() -> Path:
    return require(BENCHDATA)
