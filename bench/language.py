"""Benchmark language detection against plain lingua, in the same run.

1. ../shared/benchdata/news-pile-dev (123 real pages, 12 languages): document language
   accuracy against labels.jsonl, per language, for indicia's detector (script rules,
   lingua restricted to our languages, paragraphs voted) in lingua's low- and
   high-accuracy modes, and for the anchor: lingua over all its languages on the whole
   cleaned text, low-accuracy mode. Seconds of the first pass (lingua loads models on
   first need) and documents/s of a second pass, for each.
2. Mixed pages: the pages our detector splits into runs of several languages, beside
   the pages SOURCE.md lists as mixed (its Caveats).
3. The five seeds: each one's language and runs, after cleaning and on the raw text
   (004 is a Chinese page around an English article).

Writes bench/RESULTS.md (section "language") with the command used.
Run: .venv/bin/python bench/language.py [--no-high] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from indicia.clean import CleanOptions, clean_documents
from indicia.ingest import iter_documents
from indicia.records import CleanDocument, Span
from indicia.text.language import LanguageOptions, detect_languages

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PILE = SHARED / "benchdata" / "news-pile-dev"
SEEDS = SHARED / "seeds"
# SOURCE.md, Caveats: "Pages with more than one language"
LISTED_MIXED = ("005", "024", "027", "048", "064", "084", "104", "122")


def _ours(options: LanguageOptions) -> Callable[[CleanDocument], str | None]:
    def detect(clean: CleanDocument) -> str | None:
        return detect_languages(clean.text, clean.paragraphs, options).language

    return detect


def _anchor() -> Callable[[CleanDocument], str | None]:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()

    def detect(clean: CleanDocument) -> str | None:
        found = detector.detect_language_of(clean.text)
        return None if found is None else str(found.iso_code_639_1.name.lower())

    return detect


def _measure(
    make: Callable[[], Callable[[CleanDocument], str | None]],
    cleaned: Sequence[CleanDocument],
) -> tuple[list[str | None], float, float]:
    """(answers, seconds of the first pass, documents/s of a second pass).

    lingua loads each language's models on first need, so the first pass over the pile
    holds the loading and the second shows the steady rate. Models stay loaded for the
    process, so a run after ours finds the languages they share loaded already.
    """
    start = time.perf_counter()
    detect = make()
    answers = [detect(clean) for clean in cleaned]
    first = time.perf_counter() - start
    start = time.perf_counter()
    for clean in cleaned:
        detect(clean)
    rate = len(cleaned) / (time.perf_counter() - start)
    return answers, first, rate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-high", action="store_true", help="skip lingua's high-accuracy mode")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)

    records = [json.loads(line) for line in (PILE / "labels.jsonl").read_text("utf-8").splitlines()]
    documents = list(iter_documents([str(PILE / r["file"]) for r in records]))
    # clean with detection reduced to one language, so that no model is loaded before
    # the runs below measure it (the cleaned text does not depend on the languages)
    cleaned = clean_documents(documents, CleanOptions(language=LanguageOptions(languages=("en",))))
    labels = [r["language"] for r in records]

    runs: list[tuple[str, Callable[[], Callable[[CleanDocument], str | None]]]] = [
        ("indicia, lingua low-accuracy (default)", lambda: _ours(LanguageOptions())),
    ]
    if not args.no_high:
        runs.append(
            ("indicia, lingua high-accuracy", lambda: _ours(LanguageOptions(low_accuracy=False)))
        )
    runs.append(("anchor: lingua, all languages, whole text", _anchor))

    results = []
    for name, make in runs:
        answers, load, rate = _measure(make, cleaned)
        results.append((name, answers, load, rate))

    languages = sorted(Counter(labels), key=lambda code: (-labels.count(code), code))
    lines = [
        "Command: `.venv/bin/python bench/language.py`",
        "",
        f"news-pile-dev ({len(labels)} pages), document language from the cleaned text:",
        "",
        "| detector | accuracy | wrong | first pass s (models load) | docs/s after |",
        "|---|---|---|---|---|",
    ]
    for name, answers, load, rate in results:
        wrong = [
            f"{r['file'][:3]} {gold}->{got}"
            for r, gold, got in zip(records, labels, answers, strict=True)
            if gold != got
        ]
        accuracy = 1 - len(wrong) / len(labels)
        shown = ", ".join(wrong[:6]) + (" ..." if len(wrong) > 6 else "") or "none"
        lines.append(f"| {name} | {accuracy:.3f} | {shown} | {load:.1f} | {rate:.0f} |")
    lines += ["", "Per language (pages right / pages):", ""]
    lines.append("| detector | " + " | ".join(languages) + " |")
    lines.append("|---|" + "---|" * len(languages))
    for name, answers, _, _ in results:
        cells = []
        for code in languages:
            pairs = [(g, a) for g, a in zip(labels, answers, strict=True) if g == code]
            cells.append(f"{sum(g == a for g, a in pairs)}/{len(pairs)}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    mixed = []
    for record, clean in zip(records, cleaned, strict=True):
        found = detect_languages(clean.text, clean.paragraphs)
        if found.mixed:
            runs_text = " ".join(f"{s.language}:{s.end - s.start}" for s in found.spans)
            mixed.append((record["file"][:3], runs_text))
    found_files = {file for file, _ in mixed}
    lines += [
        "",
        f"Mixed pages: the detector splits {len(mixed)} pages into runs of several languages; "
        f"{len(found_files & set(LISTED_MIXED))} of the {len(LISTED_MIXED)} pages SOURCE.md "
        f"lists as mixed are among them (missed: "
        f"{', '.join(f for f in LISTED_MIXED if f not in found_files) or 'none'}). "
        "Runs as language:characters:",
        "",
        "| page | listed | runs |",
        "|---|---|---|",
    ]
    lines += [
        f"| {file} | {'yes' if file in LISTED_MIXED else 'no'} | {runs_text} |"
        for file, runs_text in mixed
    ]

    seed_paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    seed_docs = list(iter_documents(seed_paths))
    lines += [
        "",
        "Seeds:",
        "",
        "| seed | cleaned text | runs | raw text | raw runs |",
        "|---|---|---|---|---|",
    ]
    for document, clean in zip(seed_docs, clean_documents(seed_docs), strict=True):
        raw_spans = _lines(document.content)
        raw = detect_languages(document.content, raw_spans)
        cleaned_runs = " ".join(f"{s.language}:{s.end - s.start}" for s in clean.languages)
        raw_runs = " ".join(f"{s.language}:{s.end - s.start}" for s in raw.spans)
        lines.append(
            f"| {Path(document.source_path).name[:3]} | {clean.language} | {cleaned_runs} "
            f"| {raw.language} | {raw_runs} |"
        )
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from results import write_section

        write_section("language", table)
    return 0


def _lines(text: str) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return spans


if __name__ == "__main__":
    raise SystemExit(main())
