"""Where the real inputs in ../shared are, and how a test asks for them.

Tests that need them skip when they are missing, except under CI, where a missing
../shared is a broken set-up and fails loudly. Import from here (not from a
conftest, whose module name several folders share).
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
