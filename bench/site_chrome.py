"""Benchmark site chrome learned over a store: what it costs beside cleaning itself.

1. Real pages (../shared/benchdata/article-extraction, 181 pages, 50 sites with two or
   more pages): the whole pipeline over a store (one worker, a fresh process each) with
   one cleaning batch, and with batches of one page (each site's later pages arrive
   after its first was cleaned, so pages are cleaned again when their site's chrome
   changes): CPU seconds, pages cleaned again, and whether the cleaned texts are the same.
2. Scale, per cleaning batch: a site with N pages already kept and a batch of 500 new
   ones: reading the site's kept lines from a SQLite store and finding its chrome over
   all N + 500 pages (the bookkeeping each batch pays per site it touches), beside bare
   trafilatura (`extract`, default settings) on 500 real pages in the same run. The kept
   pages are synthetic records with the number of lines and sentences per page measured
   on the real pages, every page a distinct article, three of the site's twelve menu
   lines on each.

Writes bench/RESULTS.md section "site chrome" with the command used.
Run: .venv/bin/python bench/site_chrome.py [--sizes 1000,10000,30000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from indicia import clean
from indicia.engine import EngineOptions
from indicia.pipeline import RunOptions, ingest_paths, process
from indicia.records import SiteLines, SourceDocument
from indicia.store import open_store

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "benchdata" / "article-extraction" / "html"
BATCH = 500


def real_pages() -> dict[str, object]:
    """The pipeline over the 181 pages in one cleaning batch and in batches of one, each
    in a fresh process (so neither profits from models the other loaded)."""
    runs: dict[str, object] = {}
    texts = {}
    for name, batch in (("one batch", 500), ("batches of one page", 1)):
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(batch)],
            capture_output=True,
            text=True,
            check=True,
        )
        cpu, cleaned, again, cleaned_texts = json.loads(done.stdout.strip().splitlines()[-1])
        runs[name] = (cpu, cleaned, again)
        texts[name] = cleaned_texts
    runs["same texts"] = texts["one batch"] == texts["batches of one page"]
    return runs


def child(batch: int) -> None:
    options = RunOptions(engine=EngineOptions(workers=1), clean_batch_size=batch)
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "s.db") as store:
        ingest_paths([str(ARTICLES)], store, options)
        cpu = time.process_time()
        summary = process(store, options)
        cpu = time.process_time() - cpu
        texts = {c.document_id: c.text for c in store.clean_documents()}
    print(json.dumps([cpu, summary.cleaned, summary.cleaned_again, texts]))


def page_shape() -> tuple[float, float, list[SourceDocument]]:
    """Mean chrome candidates and sentences per real page, and the pages."""
    pages = []
    for path in sorted(ARTICLES.glob("*.html.gz")):
        with gzip.open(path) as unpacked:
            html = unpacked.read().decode("utf-8", "replace")
        pages.append(
            SourceDocument(
                id=path.name[:16], source_path=path.name, raw_sha256=path.name,
                media_type="html", content=html, url=f"https://site.example/{path.name[:16]}",
            )
        )  # fmt: skip
    options = clean.CleanOptions()
    found = [clean.site_lines(p, clean.prepare_document(p, options)) for p in pages]
    lines = [f for f in found if f is not None]
    return (
        sum(len(x.lines) for x in lines) / len(lines),
        sum(len(x.sentences) for x in lines) / len(lines),
        pages,
    )


def synthetic(
    n: int, lines: float, sentences: float, menu: list[str], rng: random.Random
) -> list[SiteLines]:
    members = []
    for i in range(n):
        own = [f"{rng.getrandbits(64):016x}" for _ in range(max(0, round(lines) - 3))]
        chrome = rng.sample(menu, 3)
        said = [f"{rng.getrandbits(64):016x}" for _ in range(round(sentences))]
        members.append(
            SiteLines(f"p{i:08d}", "host:site.example", tuple(sorted({*own, *chrome})),
                      tuple(sorted(said)))
        )  # fmt: skip
    return members


def per_batch(sizes: list[int], lines: float, sentences: float) -> list[tuple[int, float]]:
    rng = random.Random(20251202)
    menu = [f"{rng.getrandbits(64):016x}" for _ in range(12)]  # the site's chrome lines
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            kept = synthetic(n, lines, sentences, menu, rng)
            arriving = synthetic(BATCH, lines, sentences, menu, rng)
            with open_store(Path(folder) / f"{n}.db") as store:
                with store.transaction():
                    for member in kept:
                        store.add_document(
                            SourceDocument(id=member.document_id, source_path=member.document_id,
                                           raw_sha256=member.document_id, media_type="text")
                        )  # fmt: skip
                        store.put_site_lines(member)
                cpu = time.process_time()
                members = store.site_lines("host:site.example")
                chrome = clean.site_chrome([*members, *arriving])
                rows.append((n, time.process_time() - cpu))
                assert len(chrome) == 12
    return rows


def trafilatura_seconds(pages: list[SourceDocument]) -> float:
    cpu = time.process_time()
    for page in pages:
        trafilatura.extract(page.content)
    return (time.process_time() - cpu) / len(pages) * BATCH


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,30000")
    parser.add_argument("--no-write", action="store_true", help="print, do not write RESULTS.md")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    runs = real_pages()
    lines, sentences, pages = page_shape()
    anchor = trafilatura_seconds(pages)
    rows = per_batch(sizes, lines, sentences)
    out = [
        "## Site chrome over a store (bench/site_chrome.py)",
        "",
        "Command: `"
        + shlex.join([".venv/bin/python", "bench/site_chrome.py", *sys.argv[1:]])
        + "`",
        "",
        "Real pages (181 of the article-extraction benchmark, whole pipeline, one worker):",
        "",
        "| cleaning | CPU s | pages cleaned | cleaned again |",
        "|---|---|---|---|",
    ]
    for name in ("one batch", "batches of one page"):
        cpu, cleaned, again = runs[name]  # type: ignore[misc]
        out.append(f"| {name} | {cpu:.1f} | {cleaned} | {again} |")
    out += [
        "",
        f"Same cleaned texts either way: {'yes' if runs['same texts'] else 'NO'}.",
        "",
        f"Per cleaning batch of {BATCH} pages of one site with N pages kept (synthetic "
        f"records, {lines:.1f} candidate lines and {sentences:.1f} sentences a page as "
        f"measured), beside bare trafilatura on {BATCH} real pages "
        f"({anchor:.1f} CPU s, in this run):",
        "",
        "| N kept | site lines read + chrome found, CPU s | ratio to trafilatura |",
        "|---|---|---|",
    ]
    for n, seconds in rows:
        out.append(f"| {n:,} | {seconds:.2f} | {seconds / anchor:.3f} |")
    if len(rows) > 1:
        (n0, s0), (n1, s1) = rows[0], rows[-1]
        exponent = math.log(s1 / s0) / math.log(n1 / n0)
        out += [
            "",
            f"Growth exponent in N from {n0:,} to {n1:,}: {exponent:.2f} per batch (each "
            "batch reads its sites' kept pages), so a site of n pages arriving in batches "
            "of b costs about n²/(2b) page reads over its whole life.",
        ]
    markdown = "\n".join(out)
    print(markdown)
    if not args.no_write:
        sys.path.insert(0, str(ROOT / "bench"))
        from results import write_section

        write_section("site chrome", markdown)


if __name__ == "__main__":
    main()
