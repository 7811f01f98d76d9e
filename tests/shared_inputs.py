"""Where the real inputs in ../shared are, and how a test asks for them.

Tests that need them skip when they are missing, except under CI, where a missing
../shared is a broken set-up and fails loudly. Import from here (not from a
conftest, whose module name several folders share). The quality gates' floors
are here too: one file, tests/data/floors.json, read through `floors`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

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


FLOORS = REPO / "tests" / "data" / "floors.json"


def floors(gate: str) -> dict[str, Any]:
    """The quality floors of one gate (a section of tests/data/floors.json, notes left out)."""
    import json

    section = json.loads(FLOORS.read_text(encoding="utf-8"))[gate]
    return {k: v for k, v in section.items() if not k.startswith("_")}
