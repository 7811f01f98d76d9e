"""A brief, deterministic run of the ingest+clean fuzz target (tests/ingest/fuzzing.py).

The same target runs for an hour in bench/fuzz.py; here it runs a fixed seed and a
few dozen inputs on every `make test`, so a regression the fuzzer once found stays
found. Nothing here depends on time: hypothesis's deadline is off.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzzing import check, inputs
from hypothesis import HealthCheck, given, seed, settings


@seed(20260101)
@settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(inputs())
def test_hostile_inputs_keep_the_ingest_and_clean_contract(drawn: tuple[str, bytes]) -> None:
    name, data = drawn
    with tempfile.TemporaryDirectory() as folder:
        check(Path(folder), name, data)
