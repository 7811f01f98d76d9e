"""Fuzz ingest+clean for a given time and report what broke.

    python bench/fuzz.py                 # one hour
    python bench/fuzz.py --minutes 20    # as long as you can spare (run it under nice)

Runs the fuzz target of tests/ingest/fuzzing.py (hostile mutations of every input
kind ingest reads) under hypothesis, one seed after another, until the time is up.
Each failure is shrunk by hypothesis to a small input, saved under --out (bytes
and the error) and counted by its error; the run goes on with the next seed. The
table printed at the end (and written to bench/RESULTS.md, section "Fuzzing") says
how many inputs were tried, how many failed, and the distinct failures.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "ingest"))
sys.path.insert(0, str(REPO / "bench"))

from fuzzing import check, inputs  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from results import write_section  # noqa: E402


def _one_seed(number: int, examples: int, folder: Path, tried: list[int]) -> None:
    @seed(number)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate, Phase.shrink],
    )
    @given(inputs())
    def target(drawn: tuple[str, bytes]) -> None:
        tried[0] += 1
        name, data = drawn
        with tempfile.TemporaryDirectory(dir=folder) as scratch:
            check(Path(scratch), name, data)

    target()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0, help="how long to fuzz")
    parser.add_argument("--examples", type=int, default=200, help="inputs per seed")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--no-results", action="store_true", help="leave RESULTS.md alone")
    args = parser.parse_args()
    # Hostile inputs make the parsers complain on every other file; findings are what count.
    logging.disable(logging.CRITICAL)
    args.out.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    tried = [0]
    seeds = 0
    failures: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as work:
        number = args.first_seed
        while time.monotonic() < deadline:
            try:
                _one_seed(number, args.examples, Path(work), tried)
            except Exception as exc:  # a finding: keep it and go on
                kind = "".join(traceback.format_exception_only(exc)).strip().splitlines()[0]
                key = hashlib.sha256(kind.encode()).hexdigest()[:10]
                if key not in failures:
                    (args.out / f"{key}.txt").write_text(
                        f"seed {number}\n\n{''.join(traceback.format_exception(exc))}",
                        encoding="utf-8",
                    )
                failures[key] = failures.get(key, 0) + 1
                print(f"seed {number}: {kind}", flush=True)
            seeds += 1
            number += 1
    minutes = (time.monotonic() - started) / 60
    rows = [
        "| fuzzed for | seeds | inputs tried | failing seeds | distinct failures |",
        "|---|---|---|---|---|",
        f"| {minutes:.1f} min | {seeds} | {tried[0]} | {sum(failures.values())} |"
        f" {len(failures)} |",
    ]
    table = "\n".join(rows)
    print(table)
    for key, count in sorted(failures.items()):
        print(f"  {key}: {count} seed(s), see {args.out / (key + '.txt')}")
    if not args.no_results:
        command = f"nice python bench/fuzz.py --minutes {args.minutes:g}"
        write_section(
            "Fuzzing",
            f"Hostile mutations of every input kind through ingest and clean "
            f"(tests/ingest/fuzzing.py), checked against the offset-map contract.\n\n"
            f"{table}\n\nReproduce: `{command}`",
        )


if __name__ == "__main__":
    main()
