"""Shared fixtures for the real inputs in ../shared (see shared_inputs.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pg_server import Server, running_server
from shared_inputs import BENCHDATA, REPO, SEEDS, require

# scorers live beside the benchmarks (bench/), not in the package; the quality
# gates in tests/ use the same ones
sys.path.insert(0, str(REPO / "bench"))

# Property tests give the same verdict on every run and on any machine: no per-example
# deadline (a loaded machine is slow, not wrong), no health check on slow generation,
# the same examples each run and no database of earlier runs. bench/fuzz.py explores.
settings.register_profile(
    "indicia",
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("indicia")


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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """A throwaway PostgreSQL server (see pg_server.py), started on first use."""
    with running_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgres"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """Makes locations of new, empty stores of each backend: `store_location("s")`."""
    if request.param == "sqlite":
        return lambda name: str(tmp_path / f"{name}.db")
    server: Server = request.getfixturevalue("postgres_server")
    return lambda name: server.new_database()
