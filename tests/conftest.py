"""Shared fixtures for the real inputs in ../shared (see shared_inputs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared_inputs import BENCHDATA, SEEDS, require


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
