"""Quality floors live in one file, tests/data/floors.json, and every gate reads it."""

from __future__ import annotations

import json
import re

from shared_inputs import FLOORS, REPO


def test_there_is_one_floors_file() -> None:
    found = sorted(p.relative_to(REPO) for p in (REPO / "tests").rglob("*floor*.json"))
    assert [str(p) for p in found] == ["tests/data/floors.json"]


def test_every_gate_of_the_file_is_read_by_a_test() -> None:
    gates = {k for k in json.loads(FLOORS.read_text(encoding="utf-8")) if not k.startswith("_")}
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("*.py"))
    read = set(re.findall(r"""floors\(["'](\w+)["']\)""", sources))
    assert gates == read


def test_no_gate_keeps_a_floor_of_its_own() -> None:
    # A number assigned to a FLOOR name in a test is a floor outside the file.
    pattern = re.compile(r"^\s*\w*FLOOR\w*\s*=\s*[0-9.]+\s*$", re.M)
    offenders = [
        str(p.relative_to(REPO))
        for p in (REPO / "tests").rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
