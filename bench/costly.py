"""Inputs that cost far more than their size, run end to end: each must finish or be rejected.

    python bench/costly.py                        # every input; (e) at 100,000 files
    python bench/costly.py --only numbers,pdf-shared --files 10000
    python bench/costly.py --files 10000,30000,100000 --only files   # growth of (e)

Generates each input in a temporary folder (nothing is kept), runs `indicia run INPUT
--out DIR` on it in a separate process, and measures the wall and CPU time and the peak
resident memory of the whole process tree (the command and its worker processes,
summed, sampled from /proc every 50 ms; the largest single process from wait4 too).
It then says, for each input, whether the run finished with the document read, or
rejected it (and which bound it named), against the bar of 60 s and 1 GB:

(a) one sentence of 1,000 numbers (6.8 KB), and SVG path data leaking into a page;
(b) 2,000 PDF pages sharing one 5 MB content stream (a file of about 330 KB);
(c) a PDF whose nested forms unfold into about 120 million characters;
(d) a 60 MB plain-text file, one of 7.5 MB, one just under the text bound
    (`IngestOptions.max_text_chars`), and an HTML page whose text passes it;
(e) N one-line files (ingest and report): with several N, the growth exponent of
    the run's time between the smallest and the largest.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests" / "ingest"))  # the PDF builders the tests use

from ingest_builders import make_form_bomb_pdf, make_shared_stream_pdf, make_text_ops  # noqa: E402

from indicia.ingest import IngestOptions  # noqa: E402
from results import write_section  # noqa: E402

SECONDS_BAR = 60.0
MEMORY_BAR_MIB = 1024.0


@dataclass
class Outcome:
    name: str
    input_size: str
    exit_code: int
    outcome: str  # finished / rejected (bound) / dropped (reason) / failed
    wall: float
    cpu: float
    peak_tree_mib: float
    peak_one_mib: float

    @property
    def within(self) -> bool:
        # Judged on CPU time: on this shared machine the wall clock measures the others'
        # load as much as ours (a one-document run is serial, so alone wall ~ CPU).
        return (
            self.exit_code in (0, 1)
            and self.cpu < SECONDS_BAR
            and self.peak_tree_mib < MEMORY_BAR_MIB
        )


# ------------------------------------------------------------------ the inputs


def numbers_sentence(folder: Path) -> Path:
    """(a) one sentence holding a thousand counted figures, about 6.8 KB."""
    text = "They listed " + ", ".join(f"{(i * 37) % 900 + 5} workers" for i in range(1000))
    path = folder / "numbers.txt"
    path.write_text(f"Harbour roll call\n\n{text}.\n", encoding="utf-8")
    return path


def svg_page(folder: Path) -> Path:
    """(a) a news page whose body carries SVG path data as text (a broken template)."""
    path_data = "M" + " ".join(f"{(i * 13) % 997}.5 {(i * 7) % 613},{i % 7}" for i in range(1000))
    body = (
        "<p>Inspectors visited the cannery twice and found the exits locked at night, "
        "the union said on Tuesday.</p>"
        f"<p>{path_data}</p>"
        "<p>About 120 people worked there last year, the paper reported.</p>"
    )
    path = folder / "svg.html"
    path.write_text(
        f"<html><head><title>Cannery inspection</title></head><body><article>"
        f"<h1>Cannery inspection</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    return path


def pdf_shared_stream(folder: Path) -> Path:
    """(b) 2,000 pages that each draw one 5 MB content stream."""
    path = folder / "shared-stream.pdf"
    path.write_bytes(make_shared_stream_pdf(2000, make_text_ops(5 * 1024 * 1024 // 25)))
    return path


def pdf_unfolding(folder: Path) -> Path:
    """(c) one page whose nested forms show a long string a million times."""
    path = folder / "unfolding.pdf"
    path.write_bytes(make_form_bomb_pdf(6, 10, "many words " * 11))
    return path


def plain_text(megabytes: float) -> Callable[[Path], Path]:
    """(d) plain text of this size: paragraphs of varied sentences, no two alike."""

    def make(folder: Path) -> Path:
        path = folder / "long.txt"
        with path.open("w", encoding="utf-8") as handle:
            written, i = 0, 0
            while written < megabytes * 1024 * 1024:
                paragraph = (
                    f"Paragraph {i}: the inspector counted {i % 900 + 10} workers at site {i},"
                    f" and {i % 40 + 2} of them said their wages were held back for"
                    f" {i % 11 + 1} months while recruiters kept their papers.\n\n"
                )
                handle.write(paragraph)
                written += len(paragraph)
                i += 1
        return path

    return make


def html_page(megabytes: float) -> Callable[[Path], Path]:
    """(d) an HTML page of this much text in paragraphs: its source is under the HTML
    bound, its text over the text bound once cleaned."""

    def make(folder: Path) -> Path:
        text_path = plain_text(megabytes)(folder)
        paragraphs = text_path.read_text(encoding="utf-8").split("\n\n")
        text_path.unlink()
        path = folder / "long.html"
        body = "".join(f"<p>{p}</p>\n" for p in paragraphs if p)
        path.write_text(
            f"<html><head><title>Site inspections</title></head><body><article>{body}"
            "</article></body></html>",
            encoding="utf-8",
        )
        return path

    return make


def one_line_files(count: int) -> Callable[[Path], Path]:
    """(e) `count` files of one line each, in one folder."""

    def make(folder: Path) -> Path:
        pile = folder / f"lines-{count}"
        pile.mkdir()
        for i in range(count):
            (pile / f"{i:06d}.txt").write_text(
                f"Note {i}: {i % 700 + 3} pickers at farm {i} said recruiters kept their "
                "passports.\n",
                encoding="utf-8",
            )
        return pile

    return make


# ------------------------------------------------------------------ measuring


def _tree_rss_kib(root: int) -> tuple[int, int]:
    """Resident memory of `root` and its descendants, summed; and the largest one."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            pid = int(entry.name)
            children.setdefault(int(fields[1]), []).append(pid)
            rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
        except (OSError, ValueError, IndexError):
            continue  # a process that ended while we looked
    total, largest, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        stack.extend(children.get(pid, []))
    return total, largest


def run_indicia(name: str, make: Callable[[Path], Path], size: str, timeout: float) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="indicia-costly-") as tmp:
        folder = Path(tmp)
        source = make(folder)
        out = folder / "out"
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "indicia.cli", "run", str(source), "--out", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_kib(process.pid)[0])
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        killer.cancel()
        done.set()
        sampler.join()
        outcome = _outcome(process.returncode, out, stderr, timeout)
        return Outcome(
            name,
            size,
            process.returncode,
            outcome,
            wall,
            usage.ru_utime + usage.ru_stime,
            peak[0] / 1024,
            usage.ru_maxrss / 1024,
        )


def _outcome(code: int, out: Path, stderr: str, timeout: float) -> str:
    if code < 0:
        return f"killed after {timeout:.0f} s"
    dossier_path = out / "dossier.json"
    if code not in (0, 1) or not dossier_path.exists():
        last = stderr.strip().splitlines()[-1:] or ["no message"]
        return f"failed (exit {code}): {last[0][:120]}"
    dossier = json.loads(dossier_path.read_text(encoding="utf-8"))
    documents = dossier.get("documents", [])
    rejected = [d for d in documents if d.get("status") != "ok"]
    dropped = [
        note
        for d in documents
        for note in d.get("notes", [])
        if "no evidence is listed for this document" in note
    ]
    if dropped:  # read and cleaned, then dropped by a later stage
        return f"dropped {len(dropped):,} of {len(documents):,}: {dropped[0][:140]}"
    if not rejected:
        return f"finished: {len(documents):,} document(s) read"
    reasons = sorted({str(d.get("error") or d.get("reason") or "no reason") for d in rejected})
    shown = "; ".join(r[:110] for r in reasons[:2])
    return f"rejected {len(rejected):,} of {len(documents):,}: {shown}"


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated names (default: all)")
    parser.add_argument(
        "--files", default="100000", help="counts of one-line files for (e), comma-separated"
    )
    parser.add_argument("--timeout", type=float, default=1800.0, help="kill a run after this")
    parser.add_argument("--no-results", action="store_true", help="leave RESULTS.md alone")
    args = parser.parse_args()

    bound = IngestOptions().max_text_chars
    cases: list[tuple[str, Callable[[Path], Path], str]] = [
        ("numbers", numbers_sentence, "(a) one sentence, 1,000 numbers, 6.8 KB"),
        ("svg", svg_page, "(a) SVG path data in a page, 1,000 points"),
        ("pdf-shared", pdf_shared_stream, "(b) PDF, 2,000 pages share one 5 MB stream"),
        ("pdf-unfolding", pdf_unfolding, "(c) PDF, forms unfold into 121 M characters"),
        ("text-60mb", plain_text(60), "(d) plain text, 60 MB"),
        ("text-7.5mb", plain_text(7.5), "(d) plain text, 7.5 MB"),
        # the largest text the bound lets through: what the bound itself costs
        (
            "text-bound",
            plain_text(0.95 * bound / 2**20),
            f"(d) plain text, {0.95 * bound:,.0f} characters (95% of the {bound:,} bound)",
        ),
        ("html-long", html_page(2), "(d) HTML page, 2 MB of text in paragraphs"),
    ]
    counts = [int(n) for n in args.files.split(",") if n.strip()]
    for count in counts:
        cases.append((f"files-{count}", one_line_files(count), f"(e) {count:,} one-line files"))
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    if wanted:
        cases = [c for c in cases if c[0] in wanted or c[0].split("-")[0] in wanted]

    outcomes = []
    for name, make, size in cases:
        outcome = run_indicia(name, make, size, args.timeout)
        print(
            f"{name}: exit {outcome.exit_code}, {outcome.wall:.1f} s wall, {outcome.cpu:.1f} s CPU,"
            f" peak {outcome.peak_tree_mib:.0f} MiB (largest process {outcome.peak_one_mib:.0f}"
            f" MiB): {outcome.outcome}",
            flush=True,
        )
        outcomes.append(outcome)

    rows = [
        "| input | outcome | wall s | CPU s | peak RSS, all processes (MiB) | largest process"
        " (MiB) | within 60 CPU s / 1 GB |",
        "|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        rows.append(
            f"| {o.input_size} | {o.outcome.replace('|', '/')} | {o.wall:.1f} | {o.cpu:.1f} |"
            f" {o.peak_tree_mib:.0f} | {o.peak_one_mib:.0f} | {'yes' if o.within else 'NO'} |"
        )
    files = [o for o in outcomes if o.name.startswith("files-")]
    growth = ""
    if len(files) >= 2:
        small, large = files[0], files[-1]
        n_small, n_large = (int(o.name.split("-")[1]) for o in (small, large))
        exponent = math.log(large.wall / small.wall) / math.log(n_large / n_small)
        cpu_exponent = math.log(large.cpu / small.cpu) / math.log(n_large / n_small)
        growth = (
            f"\n\nGrowth of (e) from {n_small:,} to {n_large:,} files: time ~ N^{exponent:.2f}"
            f" (wall), N^{cpu_exponent:.2f} (CPU of the command and its workers)."
        )
    table = "\n".join(rows)
    print(table + growth)
    if not args.no_results:
        command = "python bench/costly.py" + (f" --only {args.only}" if args.only else "")
        command += f" --files {args.files}"
        write_section(
            "Costly inputs",
            f"Each input generated afresh and run as `indicia run INPUT --out DIR` in its own "
            f"process on this 2-core machine (shared: compare rows of one run). Peak RSS is "
            f"the command and its worker processes summed, sampled every 50 ms.\n\n{table}"
            f"{growth}\n\nReproduce: `{command}`",
        )


if __name__ == "__main__":
    main()
