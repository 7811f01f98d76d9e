"""Benchmark the clean stage against bare trafilatura, in the same run.

1. Article extraction (../shared/benchdata/article-extraction, 181 pages): token
   4-gram shingle precision / recall / F1 (the benchmark authors' metric,
   reimplemented here) and pages/s, for our HTML cleaner and for
   `trafilatura.extract(page)` with default settings; plus the settings we chose
   between (trafilatura's precision mode, the line classifier over HTML output).
2. Trafilatura's own evaluation corpus (../shared/benchdata/trafilatura-eval):
   segment-level micro P/R/F1 (with/without snippets), on every k-th page.
3. The text-dump cleaner on the five seeds, repeated, in documents per second.

Writes the table to bench/RESULTS.md (section "clean") with the command used.
Run: .venv/bin/python bench/clean.py [--eval-every K] [--eval-variants N] [--seed-repeats N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from indicia.clean import CleanOptions, clean_documents
from indicia.records import SourceDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "benchdata" / "article-extraction"
TRAFILATURA_EVAL = SHARED / "benchdata" / "trafilatura-eval"
SEEDS = SHARED / "seeds"

_TOKEN = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


# ------------------------------------------------------------------ metrics


@dataclass(frozen=True)
class ShingleScore:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3)))


def shingle_score(truths: Sequence[str], predictions: Sequence[str]) -> ShingleScore:
    """The article-extraction-benchmark metric: per-page normalised shingle TP/FP/FN."""
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for truth, prediction in zip(truths, predictions, strict=True):
        if _TOKEN.findall(truth) == _TOKEN.findall(prediction):
            exact += 1
        true_s, pred_s = _shingles(truth), _shingles(prediction)
        tp = sum((true_s & pred_s).values())
        fp = sum(pred_s.values()) - tp
        fn = sum(true_s.values()) - tp
        total = tp + fp + fn
        if total == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
        if tp + fp > 0:
            precisions.append(tp_n / (tp_n + fp_n))
        if tp + fn > 0:
            recalls.append(tp_n / (tp_n + fn_n))
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return ShingleScore(p, r, f1, exact / len(truths) if truths else 0.0, len(truths))


@dataclass(frozen=True)
class SegmentScore:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def segment_score(
    cases: Sequence[tuple[Sequence[str], Sequence[str]]], predictions: Sequence[str]
) -> SegmentScore:
    """Trafilatura's evaluation: with-snippets found are TP, without-snippets found are FP."""
    tp = fn = fp = tn = 0
    for (with_, without), prediction in zip(cases, predictions, strict=True):
        text = _SPACES.sub(" ", prediction).strip()
        for snippet in with_:
            if _SPACES.sub(" ", snippet).strip() in text:
                tp += 1
            else:
                fn += 1
        for snippet in without:
            if _SPACES.sub(" ", snippet).strip() in text:
                fp += 1
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    total = tp + fn + fp + tn
    return SegmentScore(precision, recall, f1, (tp + tn) / total if total else 0.0, len(cases))


# --------------------------------------------------------------------- data


def decode_page(raw: bytes) -> str:
    """Page bytes as text, the way a reader would: declared or detected encoding."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        return str(best) if best is not None else raw.decode("utf-8", "replace")


@dataclass(frozen=True)
class Page:
    key: str
    url: str | None
    html: str


def article_pages(limit: int | None = None) -> tuple[list[Page], list[str]]:
    """The article-extraction pages (sorted by id) and their true article bodies."""
    truth = json.loads((ARTICLES / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    pages = [
        Page(
            k,
            truth[k].get("url"),
            decode_page(gzip.decompress((ARTICLES / "html" / f"{k}.html.gz").read_bytes())),
        )
        for k in keys
    ]
    return pages, [truth[k]["articleBody"] for k in keys]


def eval_pages(every: int) -> tuple[list[Page], list[tuple[list[str], list[str]]]]:
    data = json.loads((TRAFILATURA_EVAL / "evaldata.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    cases: list[tuple[list[str], list[str]]] = []
    for url in sorted(data)[::every]:
        entry = data[url]
        path = TRAFILATURA_EVAL / "html" / f"{entry['file']}.gz"
        if not path.exists():
            continue
        pages.append(Page(url, url, decode_page(gzip.decompress(path.read_bytes()))))
        cases.append((entry.get("with", []), entry.get("without", [])))
    return pages, cases


# -------------------------------------------------------------- extractors


def indicia_html(options: CleanOptions) -> Callable[[Sequence[Page]], list[str]]:
    def run(pages: Sequence[Page]) -> list[str]:
        documents = [
            SourceDocument(
                id=p.key,
                source_path=p.key,
                raw_sha256=p.key,
                media_type="html",
                content=p.html,
                url=p.url,
            )
            for p in pages
        ]
        return [c.text for c in clean_documents(documents, options)]

    return run


def bare_trafilatura(pages: Sequence[Page]) -> list[str]:
    out: list[str] = []
    for page in pages:
        try:
            out.append(trafilatura.extract(page.html) or "")
        except Exception:  # the anchor may fail on a page; that page scores as empty
            out.append("")
    return out


def interleaved(
    variants: Sequence[tuple[str, Callable[[Sequence[Page]], list[str]]]], pages: Sequence[Page]
) -> list[tuple[list[str], float]]:
    """Run every variant page by page, in turn, so load on a shared machine hits all alike.

    Returns each variant's texts and its total CPU seconds (time.process_time).
    """
    texts: list[list[str]] = [[] for _ in variants]
    seconds = [0.0 for _ in variants]
    for page in pages:
        for i, (_, run) in enumerate(variants):
            start = time.process_time()
            texts[i].extend(run([page]))
            seconds[i] += time.process_time() - start
    return list(zip(texts, seconds, strict=True))


# --------------------------------------------------------------------- main


def seed_documents(repeats: int) -> list[SourceDocument]:
    paths = sorted(SEEDS.glob("*.txt"))
    return [
        SourceDocument(
            id=f"{r}-{p.stem}",
            source_path=str(p),
            raw_sha256=p.stem,
            media_type="text",
            content=p.read_text(encoding="utf-8"),
        )
        for r in range(repeats)
        for p in paths
    ]


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-every", type=int, default=3, help="score every k-th eval page")
    parser.add_argument("--eval-variants", type=int, default=2, help="variants run on the eval set")
    parser.add_argument("--seed-repeats", type=int, default=200)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(list(argv) if argv is not None else None)
    command = (
        f"python bench/clean.py --eval-every {args.eval_every} "
        f"--eval-variants {args.eval_variants} --seed-repeats {args.seed_repeats}"
    )

    pages, truths = article_pages()
    variants: list[tuple[str, Callable[[Sequence[Page]], list[str]]]] = [
        ("indicia clean (default: trafilatura + line classifier)", indicia_html(CleanOptions())),
        ("trafilatura.extract, default settings (anchor)", bare_trafilatura),
        (
            "indicia, no line classifier over HTML",
            indicia_html(CleanOptions(classify_html_lines=False)),
        ),
        ("indicia, trafilatura favor_precision", indicia_html(CleanOptions(favor_precision=True))),
        (
            "indicia, readable-text fallback only",
            indicia_html(CleanOptions(html_extractor="fallback")),
        ),
    ]
    rows = []
    for (name, _), (texts, seconds) in zip(variants, interleaved(variants, pages), strict=True):
        score = shingle_score(truths, texts)
        rows.append((name, score, len(pages) / seconds))
        print(f"{name}: F1 {score.f1:.3f} {len(pages) / seconds:.1f} pages/s", file=sys.stderr)

    eval_rows = []
    if TRAFILATURA_EVAL.exists():
        epages, cases = eval_pages(args.eval_every)
        chosen = variants[: args.eval_variants]
        for (name, _), (texts, seconds) in zip(chosen, interleaved(chosen, epages), strict=True):
            score = segment_score(cases, texts)
            eval_rows.append((name, score, len(epages) / seconds))
            print(f"eval {name}: F1 {score.f1:.3f}", file=sys.stderr)

    documents = seed_documents(args.seed_repeats)
    size = sum(len(d.content) for d in documents)
    start = time.process_time()
    for first in range(0, len(documents), 5):
        clean_documents(documents[first : first + 5])
    seconds = time.process_time() - start

    lines = [
        f"Command: `{command}`. One process; speeds are pages (or documents) per second of "
        "CPU time of that process, and the variants run page by page in turn, so load from "
        "other work on the machine skews them least: compare within a table.",
        "",
        f"Article extraction benchmark ({len(pages)} pages; the benchmark authors' shingle "
        "metric, reimplemented; P and R are means over pages):",
        "",
        "| extractor | F1 | precision | recall | exact | pages/s |",
        "|---|---|---|---|---|---|",
    ]
    for name, score, rate in rows:
        lines.append(
            f"| {name} | {score.f1:.3f} | {score.precision:.3f} | {score.recall:.3f} "
            f"| {score.accuracy:.3f} | {rate:.1f} |"
        )
    if eval_rows:
        lines += [
            "",
            f"Trafilatura evaluation corpus, one page in {args.eval_every} by sorted URL "
            f"({eval_rows[0][1].pages} of 990 pages; micro P/R/F1 over with/without snippets):",
            "",
            "| extractor | F1 | precision | recall | accuracy | pages/s |",
            "|---|---|---|---|---|---|",
        ]
        for name, score, rate in eval_rows:
            lines.append(
                f"| {name} | {score.f1:.3f} | {score.precision:.3f} | {score.recall:.3f} "
                f"| {score.accuracy:.3f} | {rate:.1f} |"
            )
    lines += [
        "",
        f"Text-dump cleaner on the five seeds x {args.seed_repeats} ({len(documents)} documents, "
        f"{size / 1e6:.1f} MB, batches of 5): {len(documents) / seconds:.0f} docs/s, "
        f"{size / 1e6 / seconds:.2f} MB/s. No anchor tool cleans text dumps, so this row has none.",
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from results import write_section

        write_section("clean", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
