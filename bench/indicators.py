"""Benchmark the ILO indicator extractor: dev-set quality, false positives on general news, speed.

Run from the repository root (needs ../shared):

    .venv/bin/python bench/indicators.py            # dev set + false positives, writes RESULTS.md
    .venv/bin/python bench/indicators.py --heldout  # also the final held-out run (once, at the end)

Compared in the same run on the same sentences:
- indicia patterns (the shipped method, `indicia.extract.indicators.find_indicators`);
- indicia patterns + learned layer (numpy TF-IDF + logistic regression, trained on
  tests/data/indicators/train.jsonl; hits only where the patterns had none);
- the learned layer alone;
- anchor: scikit-learn TfidfVectorizer + LogisticRegression(class_weight="balanced"), the
  standard text-classification baseline, trained on the same sentences (skipped if
  scikit-learn is not installed);
- anchor: the same cue patterns with every filter off (no denial, negation, law,
  hypothetical or context check): what the filters buy.
The RaFoLa RoBERTa-base figure is quoted from its authors' notebook (another corpus),
not rerun.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
SHARED = REPO.parent / "shared"
DATA = REPO / "tests" / "data" / "indicators"

from indicia.extract import indicator_model  # noqa: E402
from indicia.extract.indicator_eval import (  # noqa: E402
    Evaluation,
    LabelledDocument,
    Predictor,
    evaluate,
    load_labelled,
)
from indicia.extract.indicators import (  # noqa: E402
    find_indicators,
    indicator_codes,
    load_lexicon,
)
from indicia.extract.sentences import split_sentences  # noqa: E402
from indicia.records import CleanDocument, Evidence, IndicatorHit, Span  # noqa: E402
from results import write_section  # noqa: E402

COMMAND = ".venv/bin/python bench/indicators.py"


def _unfiltered(clean: CleanDocument, sentences: Sequence[Span]) -> list[IndicatorHit]:
    lex = load_lexicon()
    out = []
    for s in sentences:
        text = clean.text[s.start : s.end]
        codes = {c.code for c in lex.cues if c.pattern.search(text)}
        out += [
            IndicatorHit(c, Evidence(clean.document_id, text, s.start, s.end), 1.0) for c in codes
        ]
    return out


def _sklearn_anchor(rows: list[tuple[str, list[str]]]) -> Predictor | None:
    try:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        return None
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    x = vec.fit_transform([t for t, _ in rows])
    models = {}
    for code in indicator_codes():
        y = np.array([code in labels for _, labels in rows])
        if y.any():
            models[code] = LogisticRegression(C=10, class_weight="balanced", max_iter=2000).fit(
                x, y
            )

    def predict(clean: CleanDocument, sentences: Sequence[Span]) -> list[IndicatorHit]:
        texts = [clean.text[s.start : s.end] for s in sentences]
        if not texts:
            return []
        xs = vec.transform(texts)
        out = []
        for code, model in models.items():
            for s, t, p in zip(sentences, texts, model.predict_proba(xs)[:, 1], strict=True):
                if p >= 0.5:
                    out.append(
                        IndicatorHit(code, Evidence(clean.document_id, t, s.start, s.end), float(p))
                    )
        return out

    return predict


def _methods() -> list[tuple[str, Predictor]]:
    rows = indicator_model.read_rows((DATA / "train.jsonl").read_text("utf-8"))
    model = indicator_model.train_codes(rows)
    methods: list[tuple[str, Predictor]] = [
        ("indicia patterns (shipped)", find_indicators),
        (
            "indicia patterns + learned (p>=0.7)",
            partial(indicator_model.find_indicators_combined, model, threshold=0.7),
        ),
        (
            "learned layer alone (p>=0.5)",
            partial(indicator_model.find_indicators_learned, model, threshold=0.5),
        ),
    ]
    anchor = _sklearn_anchor(rows)
    if anchor is not None:
        methods.append(("anchor: scikit-learn TF-IDF + LR", anchor))
    methods.append(("anchor: cue patterns, no filters", _unfiltered))
    return methods


def _timed(docs: Sequence[LabelledDocument], predict: Predictor) -> tuple[Evaluation, float]:
    start = time.perf_counter()
    ev = evaluate(docs, predict)
    return ev, time.perf_counter() - start


def _article_bodies() -> dict[str, str]:
    path = SHARED / "benchdata" / "article-extraction" / "ground-truth.json"
    return {k: v["articleBody"] for k, v in json.loads(path.read_text("utf-8")).items()}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def false_positives(
    predict: Callable[[CleanDocument, Sequence[Span]], Sequence[IndicatorHit]],
) -> tuple[int, list[tuple[str, str, str]], float]:
    """(sentences, hits as (page, code, sentence), seconds) over the 181 article bodies."""
    hits: list[tuple[str, str, str]] = []
    n = 0
    start = time.perf_counter()
    for page, body in sorted(_article_bodies().items()):
        sentences = split_sentences(body)
        n += len(sentences)
        clean = CleanDocument(document_id=page, text=body)
        hits += [(page, h.code, h.evidence.quote) for h in predict(clean, sentences)]
    return n, hits, time.perf_counter() - start


def _row(name: str, ev: Evaluation, seconds: float) -> str:
    s, d = ev.sentence, ev.document
    speed = ev.sentences / seconds if seconds else 0.0
    return (
        f"| {name} | {s.micro.precision:.3f} | {s.micro.recall:.3f} | {s.micro.f1:.3f} | "
        f"{s.macro_f1:.3f} | {d.micro.precision:.3f} | {d.micro.recall:.3f} | {d.micro.f1:.3f} | "
        f"{d.macro_f1:.3f} | {speed:,.0f} |"
    )


HELDOUT_NOTES = """
Reviewed by hand after this single run (no rule, threshold or label was changed after it):
- Any-indicator detection per text, against the positive/negative kinds in the held-out
  SOURCE.md: see the line above the table. Missed positives: 013 (Xinjiang: names forced
  labour after detention and labour transfers, but no sentence states a concrete
  indicator our cues hold; detention is not a restriction cue) and 014 (Scientology ship:
  the text says her passport was taken and she worked from 6:00am to midnight, but it
  never uses a word for workers twice, so the labour-context gate blocked every
  context-bound cue, and the clock pattern does not read "6:00am"). Both are real gaps,
  left unfixed because they were found on held-out text. False alarm among negatives:
  016, a quoted asylum questionnaire that defines trafficking and "modern slavery" (a
  definition inside a quotation, which the legal filter did not catch).
- Hits that look wrong inside positive texts: 001 isolation ("segregated" classrooms),
  008 intimidation ("punished for" immigration violations or running away: punishment by
  the state, not by the employer), 010 isolation ("remote camps" in a border-security sentence).
- Misses seen in passing: 003 "underpaid or unpaid" (withholding) and "unable to
  communicate with their families" (isolation) in one sentence that only got
  excessive_overtime; ILAB "commercial sexual exploitation" is counted as
  physical_sexual_violence (defensible: trafficking for commercial sex).
"""


def _heldout_kinds(folder: Path) -> dict[str, bool]:
    kinds: dict[str, bool] = {}
    name = None
    for line in (folder / "SOURCE.md").read_text("utf-8").splitlines():
        if line.startswith("### "):
            name = line[4:].strip()
        elif name and line.startswith("- Kind:"):
            kinds[name] = line.split(":", 1)[1].strip().startswith("positive")
    return kinds


def heldout(lines: list[str]) -> None:
    folder = SHARED / "benchdata" / "heldout-texts"
    kinds = _heldout_kinds(folder)
    rows, tp, fp, fn = [], 0, 0, 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text("utf-8")
        sentences = split_sentences(text)
        found = Counter(h.code for h in find_indicators(CleanDocument(path.name, text), sentences))
        shown = ", ".join(f"{c} ({n})" for c, n in sorted(found.items())) or "none"
        positive = kinds.get(path.name)
        tp += bool(found) and positive is True
        fp += bool(found) and positive is False
        fn += not found and positive is True
        kind = {True: "positive", False: "negative", None: "?"}[positive]
        rows.append(f"| {path.stem} | {kind} | {len(sentences)} | {shown} |")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    lines += [
        "",
        "### Held-out texts (final run, never labelled, tuned or trained on)",
        "",
        "No per-indicator labels exist for them here, so only document-level detection of "
        "'any indicator' is scored, against the positive/negative kind each text has in its "
        f"SOURCE.md: precision {p:.2f}, recall {r:.2f}, F1 {f1:.2f} ({tp} of "
        f"{tp + fn} positives found, {fp} of {sum(1 for k in kinds.values() if not k)} "
        "negatives with a hit).",
        "",
        "| text | kind | sentences | indicators found (sentences) |",
        "|---|---|---|---|",
        *rows,
        HELDOUT_NOTES,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="also run the held-out texts")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--show-errors", action="store_true", help="list dev-set errors")
    args = parser.parse_args()

    docs = load_labelled(DATA / "dev.jsonl", SHARED)
    methods = _methods()
    evals = [(name, *_timed(docs, predict)) for name, predict in methods]
    n_pos = sum(len(d.gold) for d in docs)
    lines = [
        f"Command: `{COMMAND}{' --heldout' if args.heldout else ''}`",
        "",
        f"Dev set: {len(docs)} real documents ({evals[0][1].sentences} sentences, {n_pos} "
        "labelled positive), labelled by us from texts we did not write: the 5 seeds and 16 "
        "hard negatives (labour, detention, trafficking and violence news) from "
        "article-extraction and ECB+; labels in tests/data/indicators/dev.jsonl point to "
        "../shared by offset. Macro F1 averages the indicators with gold support "
        f"({', '.join(evals[0][1].sentence.supported())}). The cues were written and "
        "tightened while looking at this set, and its positives are five copies of one "
        "story, so these scores are optimistic: the held-out line below is the honest one. "
        "Speed: sentences/s in one process, whole documents, on a shared 2-core machine "
        "busy with other jobs; compare speeds within one run only.",
        "",
        "| method | sent P | sent R | sent micro-F1 | sent macro-F1 | doc P | doc R | "
        "doc micro-F1 | doc macro-F1 | sentences/s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [_row(name, ev, sec) for name, ev, sec in evals]
    lines += [
        "| reference: RaFoLa RoBERTa-base (published, 989 news articles, not rerun) | | | | | | "
        "| 0.37 | 0.28 | |",
        "",
        "Per indicator, shipped method (sentence level P / R / F1, support):",
        "",
        "| indicator | P | R | F1 | support |",
        "|---|---|---|---|---|",
    ]
    shipped = evals[0][1]
    for code, c in sorted(shipped.sentence.per_code.items()):
        lines.append(
            f"| {code} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} | {c.tp + c.fn} |"
        )

    n, hits, seconds = false_positives(find_indicators)
    review = json.loads((DATA / "fp_review.json").read_text("utf-8"))
    kinds = Counter(review.get(_sha(q), {}).get("kind", "UNREVIEWED") for _, _, q in hits)
    wrong = sum(1 for _, _, q in hits if not review.get(_sha(q), {}).get("correct", False))
    lines += [
        "",
        "### False positives on general news (article-extraction, 181 article bodies)",
        "",
        f"{n} sentences, {len(hits)} hits = {1000 * len(hits) / n:.2f} hits per 1,000 "
        f"sentences; after review by hand {wrong} are wrong ({1000 * wrong / n:.2f} per "
        f"1,000). Speed {n / seconds:,.0f} sentences/s. Every hit, reviewed "
        "(tests/data/indicators/fp_review.json keeps the verdicts by sentence hash):",
        "",
        "| page | indicator | verdict |",
        "|---|---|---|",
    ]
    if not hits:
        lines.append("| (no hits) | | |")
    for page, code, quote in hits:
        verdict = review.get(_sha(quote), {})
        lines.append(f"| {page[:12]} | {code} | {verdict.get('kind', 'UNREVIEWED')} |")
    lines.append("")
    lines.append("Kinds: " + (", ".join(f"{k} {v}" for k, v in kinds.most_common()) or "none"))
    fired = {_sha(q) for _, _, q in hits}
    earlier = [v for k, v in review.items() if k not in fired]
    if earlier:
        lines += ["", "Reviewed hits of earlier versions, fixed since (each made a rule narrower):"]
        lines += [f"- {v['page']} {v['code']}: {v['kind']}" for v in earlier]
    if args.heldout:
        heldout(lines)

    text = "\n".join(lines)
    print(text)
    if args.show_errors:
        for doc, kind, code, sentence in shipped.errors:
            print(kind, code, doc, sentence[:160])
        for page, code, quote in hits:
            print("FP-SET", _sha(quote), page[:12], code, quote[:200])
    if not args.no_write:
        write_section("indicators", text)


if __name__ == "__main__":
    main()
