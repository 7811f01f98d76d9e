"""Shared fixtures: the real inputs in ../shared, found from the repository root.

Tests that need them skip when they are missing, except under CI, where a missing
../shared is a broken set-up and fails loudly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("INDICIA_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
BENCHDATA = SHARED / "benchdata"


def require(path: Path) -> Path:
    """Return `path`, or skip (fail under CI) when it is not there."""
    if path.exists():
        return path
    if os.environ.get("CI"):
        pytest.fail(f"CI needs {path}, which is missing")
    pytest.skip(f"{path} not present")


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
