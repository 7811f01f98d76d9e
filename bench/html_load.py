"""dossier.html in a browser: one file holding the whole dossier against the split
the report writes (dossier.html with the overview and the first stories, documents
and names; the rest in part files of FILE_BUDGET each).

Builds the dossier of a store once, renders it both ways, and opens each file in
Chromium (headless, by playwright), timing until its load event: dossier.html, and
the largest part file. The anchor is the one-file rendering the same run makes.

    python bench/html_load.py --db STORE [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from indicia.report import build_dossier, render_html_parts
from indicia.store import open_store
from results import write_section

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-dev-shm-usage"]


def _load_ms(browser: Any, path: Path, repeat: int, limit_s: float) -> str:
    """Median milliseconds from navigation to the load event, in a fresh page each time,
    or how long it had run when it was given up."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    times = []
    for _ in range(repeat):
        page = browser.new_page()
        start = time.perf_counter()
        try:
            page.goto(path.as_uri(), wait_until="load", timeout=limit_s * 1000)
        except PlaywrightTimeout:
            page.close()
            return f"not loaded in {limit_s:.0f} s"
        times.append((time.perf_counter() - start) * 1000)
        page.close()
    return f"{statistics.median(times):,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a store made by indicia")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-results", action="store_true", help="leave RESULTS.md alone")
    parser.add_argument("--limit", type=float, default=120, help="seconds a load may take")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    start = time.process_time()
    with open_store(args.db, read_only=True) as store:
        dossier = build_dossier(store)
    built = time.process_time() - start
    documents = sum(1 for d in dossier["documents"] if d["status"] == "ok")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, budget in (("split (shipped)", None), ("one file (anchor)", float(10**12))):
            folder = Path(tmp) / ("one" if budget else "split")
            start = time.process_time()
            main_html, parts = render_html_parts(dossier, budget)
            rendered = time.process_time() - start
            folder.mkdir()
            (folder / "dossier.html").write_text(main_html, encoding="utf-8")
            for relative, part in parts.items():
                (folder / relative).parent.mkdir(exist_ok=True)
                (folder / relative).write_text(part, encoding="utf-8")
            main_ms = _load_ms(browser, folder / "dossier.html", args.repeat, args.limit)
            largest = max(parts, key=lambda k: len(parts[k]), default=None)
            part_ms = (
                _load_ms(browser, folder / largest, args.repeat, args.limit) if largest else "–"
            )
            rows.append(
                f"| {name} | {1 + len(parts)} | {len(main_html.encode()) / 2**20:.1f} "
                f"| {max((len(p.encode()) for p in parts.values()), default=0) / 2**20:.1f} "
                f"| {rendered:.1f} | {main_ms} | {part_ms} |"
            )
        browser.close()
    table = "\n".join(
        [
            f"A dossier of {documents:,} documents (built from the store in {built:.1f} CPU s), "
            "rendered as one dossier.html and as the split the report writes, each opened "
            f"in headless Chromium (median of {args.repeat} loads, to the load event; a load "
            f"is given up after {args.limit:.0f} s).",
            "",
            "| rendering | files | dossier.html MiB | largest part MiB | render CPU s "
            "| dossier.html load ms | largest part load ms |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Command: `python bench/html_load.py --db STORE --repeat {args.repeat} "
            f"--limit {args.limit:.0f}` "
            "(the store of bench/load.py at this size). Machine load varies: compare rows "
            "of one run.",
        ]
    )
    print(table)
    if not args.no_results:
        write_section("dossier.html in a browser", table)


if __name__ == "__main__":
    main()
