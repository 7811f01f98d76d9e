"""Benchmark quantity extraction against quantulum3, in the same run, on the same
sentences.

The labelled claim set (tests/data/claims/labels.json: offsets and labels over the
five seeds and six held-out texts in ../shared) gives every figure in those texts.
For indicia and for quantulum3: extraction precision / recall / F1 by span overlap,
then over the figures found the accuracy of the normalised value and of the unit
(people / count / dimensionless are one class), and speed in sentences per second
over all sentences of the labelled texts. Measure accuracy is ours only (quantulum3
has no notion of the measured thing).

Writes the table to bench/RESULTS.md (section "claims") with the command used.
Run: .venv/bin/python bench/claims.py [--repeat N]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from indicia import clean, extract, ingest
from indicia.extract.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "tests" / "data" / "claims" / "labels.json"
EXAMPLE_LABELS = ROOT / "tests" / "data" / "claims" / "examples.json"
EXAMPLES = ROOT / "examples" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))

from quantity_eval import (  # noqa: E402
    Figure,
    LabelledSet,
    PileScore,
    Score,
    indicia_figures,
    load_labels,
    load_pile,
    measure_scores,
    pile_figures,
    quantulum_figures,
    quantulum_mode,
    score,
    score_pile,
)
from results import write_section  # noqa: E402


def _subset(labelled: LabelledSet, prefix: str) -> LabelledSet:
    files = tuple(f for f in labelled.files if f.startswith(prefix))
    figures = tuple(f for f in labelled.figures if f.file in files)
    return LabelledSet(labelled.shared, files, figures)


def _row(name: str, s: Score, anchor: Score | None) -> str:
    speed = f"{s.sentences_per_second:,.0f}"
    if anchor is not None and anchor.sentences_per_second:
        speed += f" ({s.sentences_per_second / anchor.sentences_per_second:.1f}x)"
    ours = s.tool == "indicia"
    measure = f"{s.measure_accuracy:.3f}" if s.measure_labelled and ours else "-"
    speaker = f"{s.attribution_accuracy:.3f}" if s.by_labelled and ours else "-"
    return (
        f"| {name} | {s.tool} | {s.gold} | {s.predicted} | {s.precision:.3f} | {s.recall:.3f} "
        f"| {s.f1:.3f} | {s.value_accuracy:.3f} | {s.unit_accuracy:.3f} | {measure} | {speaker} "
        f"| {speed} |"
    )


def _examples_line() -> str:
    """Measure naming on the example corpus (the development set the table was tuned on)."""
    import json

    labels = [tuple(f) for f in json.loads(EXAMPLE_LABELS.read_text("utf-8"))["figures"]]
    sources = list(ingest.iter_documents([str(p) for p in sorted(EXAMPLES.iterdir())],
                                         ingest.IngestOptions()))  # fmt: skip
    by_id = {s.id: s for s in sources if s.status == "ok"}
    options = extract.ExtractOptions(indicators=False, entities=False)
    docs = []
    for c in clean.clean_documents(list(by_id.values()), clean.CleanOptions()):
        found = extract.extract_document(by_id[c.document_id], c, options).quantities
        name = Path(by_id[c.document_id].source_path).name
        docs.append((name, c.text, [(q.surface_start, q.surface_end, q.measure) for q in found]))
    m = measure_scores(labels, docs)
    return (
        f"Measure naming on examples/corpus (tests/data/claims/examples.json, {m.labelled} "
        f"figures with a measure and {m.unnamed} without; the development set, tuned on): "
        f"named right {m.named_right}/{m.labelled} ({m.measure_recall:.3f}); left unnamed "
        f"right {m.unnamed_right}/{m.unnamed}; figures given a measure no label gives them "
        f"{m.wrong_names}/{m.found_named}. No anchor: quantulum3 names no measure."
    )


PILE = SHARED / "benchdata" / "news-pile-dev"


def _pile_row(name: str, tool: str, s: PileScore) -> str:
    years = f"{s.years_found}/{s.years}" if tool == "indicia" else "-"
    ours = tool == "indicia"
    return (
        f"| {name} | {tool} | {s.gold} | {s.matched} | {s.recall:.3f} | {s.precision:.3f} "
        f"| {s.value_accuracy:.3f} | {s.unit_accuracy:.3f} "
        f"| {f'{s.per_accuracy:.3f}' if ours else '-'} "
        f"| {f'{s.qualifier_accuracy:.3f}' if ours else '-'} "
        f"| {f'{s.named / s.matched:.3f}' if ours and s.matched else '-'} | {years} |"
    )


def _sum(scores: list[PileScore], name: str) -> PileScore:
    total = PileScore(name)
    for s in scores:
        for key in ("gold", "matched", "value_correct", "unit_correct", "per_correct",
                    "qualifier_correct", "predicted", "unmatched", "years", "years_found",
                    "named"):  # fmt: skip
            setattr(total, key, getattr(total, key) + getattr(s, key))
    return total


def _pile_section() -> str:
    """Figures on news-pile-dev per language, and quantulum3 on the English pages."""
    pile = load_pile(PILE)
    found, pers = pile_figures(pile)
    scores = score_pile(pile, found, pers)
    english = {f for f, lang in pile.languages.items() if lang == "en"}
    anchor: dict[str, list[Figure]] = {}
    for file in english:
        text = pile.text(file)
        anchor[file] = quantulum_figures(file, text, split_sentences(text))
    anchor_scores = score_pile(
        type(pile)(pile.folder, {f: "en" for f in english}, pile.figures), anchor, {}
    )
    lines = [
        "| language | tool | figures | found | recall | precision (lower bound) | value acc. "
        "| unit acc. | per acc. | qualifier acc. | named measure | years (as figures) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    ordered = sorted(scores.values(), key=lambda s: (s.language != "en", -s.gold))
    for s in ordered:
        lines.append(_pile_row(s.language, "indicia", s))
        if s.language == "en" and "en" in anchor_scores:
            lines.append(_pile_row("en", "quantulum3", anchor_scores["en"]))
    others = _sum([s for s in scores.values() if s.language != "en"], "other")
    lines.append(_pile_row("all but en", "indicia", others))
    return (
        "Figures on real pages in twelve languages (benchdata/news-pile-dev/evidence.jsonl: "
        "the key figures of 123 excerpts, each located by its quote; run with each file's "
        "labelled language). A labelled figure is found when a reported figure lies inside "
        "its quote (of several, the one with the labelled value); value, unit, rate period "
        "and qualifier accuracy are over the figures found (counted things are one unit "
        "class; 'nearly' and 'about', 'at least' and 'over' are one qualifier class). "
        "Precision counts reported figures inside some labelled quote and is a lower bound: "
        "the labels mark key figures, not every figure. Vague amounts ('des milliers') "
        "are left out; years are scored apart, since indicia reads a year as the period of "
        "a figure, not as a figure (only a year that is itself the measured thing is one). "
        "quantulum3 reads English only.\n\n" + "\n".join(lines)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing repeats per tool")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    labelled = load_labels(LABELS, SHARED)
    mode = quantulum_mode()
    lines = [
        "| texts | tool | gold | found | precision | recall | F1 | value acc. | unit acc. "
        "| measure acc. | attribution acc. | sentences/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, subset in (
        ("seeds (5)", _subset(labelled, "seeds/")),
        ("held-out (6)", _subset(labelled, "benchdata/")),
        ("all", labelled),
    ):
        ours = score(subset, "indicia", indicia_figures, args.repeat)
        anchor = score(subset, "quantulum3", quantulum_figures, args.repeat)
        lines.append(_row(name, ours, anchor))
        lines.append(_row(name, anchor, None))
    sentences = score(labelled, "indicia", indicia_figures, 1).sentences
    command = f".venv/bin/python bench/claims.py --repeat {args.repeat}"
    table = "\n".join(lines)
    text = (
        "Quantity extraction on the labelled claim set (tests/data/claims/labels.json: "
        f"{len(labelled.figures)} figures in {len(labelled.files)} real texts, "
        f"{sentences} sentences; the held-out texts were labelled, not tuned on). "
        "Extraction is scored by span overlap; value and unit accuracy are over the "
        "figures found (measure and attribution: seeds only, exact match, 'nobody named' "
        "counts when right); people, count and dimensionless are one unit class; a range "
        "counts as right for quantulum3 when its one number is either end or the middle. "
        f"quantulum3 ran in {mode} mode. Speed is sentences per second on one core "
        "(ratio to quantulum3 in brackets).\n\n"
        f"{table}\n\n{_examples_line()}\n\n{_pile_section()}\n\nCommand: `{command}`"
    )
    print(text)
    write_section("claims", text)


if __name__ == "__main__":
    main()
