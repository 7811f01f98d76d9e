"""dossier.html in a browser: one file holding every document against the split
file (DOCUMENTS_PER_FILE documents in dossier.html, the rest in part files).

Builds the dossier of a store once, renders it both ways, and opens each file in
Chromium (headless, by playwright), timing until its load event: the main file, and
the first part file. The anchor is the one-file rendering the same run makes.

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
from indicia.report.html import PARTS_FOLDER, part_name
from indicia.store import open_store
from results import write_section

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-dev-shm-usage"]


def _load_ms(browser: Any, path: Path, repeat: int) -> float:
    """Median milliseconds from navigation to the load event, in a fresh page each time."""
    times = []
    for _ in range(repeat):
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=600_000)
        times.append((time.perf_counter() - start) * 1000)
        page.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a store made by indicia")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-results", action="store_true", help="leave RESULTS.md alone")
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
        for name, per_file in (("one file (anchor)", documents + 1), ("split (shipped)", None)):
            folder = Path(tmp) / ("one" if per_file else "split")
            (folder / PARTS_FOLDER).mkdir(parents=True)
            start = time.process_time()
            main_html, parts = render_html_parts(dossier, per_file)
            rendered = time.process_time() - start
            (folder / "dossier.html").write_text(main_html, encoding="utf-8")
            for k, part in enumerate(parts, start=1):
                (folder / PARTS_FOLDER / part_name(k)).write_text(part, encoding="utf-8")
            main_ms = _load_ms(browser, folder / "dossier.html", args.repeat)
            part_ms = (
                _load_ms(browser, folder / PARTS_FOLDER / part_name(1), args.repeat)
                if parts
                else None
            )
            rows.append(
                f"| {name} | {1 + len(parts)} | {len(main_html.encode()) / 2**20:.1f} "
                f"| {max((len(p.encode()) for p in parts), default=0) / 2**20:.1f} "
                f"| {rendered:.1f} | {main_ms:,.0f} | "
                + (f"{part_ms:,.0f}" if part_ms is not None else "–")
                + " |"
            )
        browser.close()
    table = "\n".join(
        [
            f"A dossier of {documents:,} documents (built from the store in {built:.1f} CPU s), "
            "rendered as one dossier.html and as the split the report writes, each opened "
            f"in headless Chromium (median of {args.repeat} loads, to the load event).",
            "",
            "| rendering | files | dossier.html MiB | largest part MiB | render CPU s "
            "| dossier.html load ms | first part load ms |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Command: `python bench/html_load.py --db STORE --repeat {args.repeat}` "
            "(the store of bench/load.py at this size). Machine load varies: compare rows "
            "of one run.",
        ]
    )
    print(table)
    if not args.no_results:
        write_section("dossier.html in a browser", table)


if __name__ == "__main__":
    main()
