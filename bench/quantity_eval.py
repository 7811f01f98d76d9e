"""Score quantity extraction against the labelled claim set (tests/data/claims).

The labels are offsets into real texts under ../shared with the value, range and
unit of every figure in them; anything else a tool reports in those texts is a false
positive. Both indicia and an anchor tool (quantulum3, when installed) are scored on
the same sentences: extraction precision and recall by span overlap, then, over the
figures found, accuracy of the normalised value and of the unit. Used by
bench/claims.py and by the quality-gate test; it does not print.

Comparisons without a number ("outpacing local wages") are left out of the scores:
they have no value to check and the anchor has no notion of them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indicia.extract.quantities import find_quantities
from indicia.extract.sentences import split_sentences
from indicia.records import CleanDocument, SourceDocument, Span

log = logging.getLogger(__name__)

_COUNT = frozenset(("people", "count", "", "dimensionless"))
# quantulum3 unit names -> our unit names (by prefix of the lower-cased name)
_ANCHOR_UNITS = (
    ("dollar", "USD"), ("united states dollar", "USD"), ("pound sterling", "GBP"),
    ("euro", "EUR"), ("hour", "hours"), ("day", "days"), ("week", "weeks"),
    ("month", "months"), ("year", "years"), ("minute", "minutes"), ("percentage", "percent"),
    ("per cent", "percent"), ("percent", "percent"), ("kilometre", "km"), ("metre", "metres"),
    ("dimensionless", "count"), ("decade", "years"),
)  # fmt: skip


@dataclass(frozen=True)
class Figure:
    """A figure, labelled or predicted: offsets into its file's text."""

    file: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    measure: str | None = None
    by: str | None = None
    by_labelled: bool = False  # whether `by` was labelled (None is a label too)
    per: str | None = None
    qualifier: str | None = None
    rated: bool = False  # whether `per` and `qualifier` were labelled (None is a label too)


@dataclass
class Score:
    tool: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_correct: int = 0
    unit_correct: int = 0
    measure_labelled: int = 0
    measure_correct: int = 0
    by_labelled: int = 0
    by_correct: int = 0
    rated: int = 0  # found figures whose per and qualifier were labelled
    per_correct: int = 0
    qualifier_correct: int = 0
    sentences: int = 0
    seconds: float = 0.0
    misses: list[Figure] = field(default_factory=list)
    extras: list[Figure] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.matched if self.matched else 0.0

    @property
    def unit_accuracy(self) -> float:
        return self.unit_correct / self.matched if self.matched else 0.0

    @property
    def measure_accuracy(self) -> float:
        return self.measure_correct / self.measure_labelled if self.measure_labelled else 0.0

    @property
    def attribution_accuracy(self) -> float:
        return self.by_correct / self.by_labelled if self.by_labelled else 0.0

    @property
    def per_accuracy(self) -> float:
        return self.per_correct / self.rated if self.rated else 0.0

    @property
    def qualifier_accuracy(self) -> float:
        return self.qualifier_correct / self.rated if self.rated else 0.0

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class LabelledSet:
    shared: Path
    files: tuple[str, ...]
    figures: tuple[Figure, ...]

    def text(self, file: str) -> str:
        return _labelled_text(self.shared, file)


def _labelled_text(shared: Path, file: str) -> str:
    """A labelled text: a file under shared/, or "FILE.json#KEY", the `articleBody` of
    KEY in a JSON object of articles (benchdata/article-extraction/ground-truth.json)."""
    path, _, key = file.partition("#")
    if not key:
        return (shared / path).read_text(encoding="utf-8")
    return str(_articles(shared / path)[key]["articleBody"])


@functools.cache
def _articles(path: Path) -> dict[str, Any]:
    articles: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return articles


def load_labels(labels: Path, shared: Path) -> LabelledSet:
    data: dict[str, Any] = json.loads(labels.read_text(encoding="utf-8"))
    figures = tuple(
        Figure(f["file"], f["start"], f["end"], f["value"], f["low"], f["high"], f["unit"],
               f.get("measure"), f.get("by"), "by" in f)
        for f in data["figures"]
    )  # fmt: skip
    return LabelledSet(shared, tuple(t["file"] for t in data["texts"]), figures)


def load_rated_labels(labels: Path, shared: Path, half: str) -> LabelledSet:
    """A labelled set whose figures also give `per` and `qualifier`, one half of it
    (`half`: "dev", "test", "blind", "blind2", "news" or "news2", as each text
    records). Refuses a changed text."""
    data: dict[str, Any] = json.loads(labels.read_text(encoding="utf-8"))
    files = tuple(t["file"] for t in data["texts"] if t["half"] == half)
    for t in data["texts"]:
        text = _labelled_text(shared, t["file"])
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != t["sha256"]:
            raise ValueError(f"{t['file']}: the labelled text has changed")
    figures = tuple(
        Figure(f["file"], f["start"], f["end"], f["value"], f["low"], f["high"], f["unit"],
               per=f["per"], qualifier=f["qualifier"], rated=True)
        for f in data["figures"] if f["file"] in files
    )  # fmt: skip
    return LabelledSet(shared, files, figures)


Extractor = Callable[[str, str, list[Span]], list[Figure]]


def indicia_figures(file: str, text: str, sentences: list[Span]) -> list[Figure]:
    source = SourceDocument(file, file, "", "text", content=text)
    found = find_quantities(source, CleanDocument(file, text), sentences)
    return [
        Figure(
            file,
            q.surface_start,
            q.surface_end,
            q.value,
            q.low,
            q.high,
            q.unit,
            q.measure,
            q.attributed_to,
            per=q.per,
            qualifier=q.qualifier,
        )
        for q in found
        if q.value is not None or (q.low is not None and q.high is not None)
    ]


def quantulum_mode() -> str:
    """Make quantulum3 usable and say how it runs: its shipped unit classifier is a
    pickle that newer scikit-learn releases cannot load; then it runs with its own
    documented no-classifier disambiguation."""
    from quantulum3 import classifier, parser

    if not classifier.USE_CLF:
        return "no classifier"
    try:
        parser.parse("It weighs 5 pounds.")
    except (ImportError, ModuleNotFoundError, AttributeError, ValueError) as exc:
        log.warning("quantulum3 classifier unusable (%s); using its no-classifier mode", exc)
        classifier.USE_CLF = False
        return "no classifier (its shipped classifier does not load)"
    return "classifier"


def quantulum_figures(file: str, text: str, sentences: list[Span]) -> list[Figure]:
    from quantulum3 import parser

    out = []
    for span in sentences:
        for q in parser.parse(text[span.start : span.end]):
            start, end = span.start + q.span[0], span.start + q.span[1]
            out.append(Figure(file, start, end, float(q.value), unit=anchor_unit(q.unit.name)))
    return out


def anchor_unit(name: str) -> str:
    lowered = name.lower()
    for prefix, unit in _ANCHOR_UNITS:
        if lowered.startswith(prefix):
            return unit
    return lowered


def score(labelled: LabelledSet, tool: str, extractor: Extractor, repeat: int = 1) -> Score:
    result = Score(tool)
    texts = {file: labelled.text(file) for file in labelled.files}
    sentences = {file: split_sentences(text) for file, text in texts.items()}
    predicted: list[Figure] = []
    started = time.perf_counter()
    for _ in range(max(1, repeat)):
        predicted = [f for file in labelled.files for f in extractor(file, texts[file],
                                                                    sentences[file])]  # fmt: skip
    result.seconds = (time.perf_counter() - started) / max(1, repeat)
    result.sentences = sum(len(s) for s in sentences.values())
    result.gold = len(labelled.figures)
    result.predicted = len(predicted)
    _match(labelled.figures, predicted, result, lenient_range=tool != "indicia")
    return result


def _match(
    gold: Iterable[Figure], predicted: list[Figure], result: Score, *, lenient_range: bool
) -> None:
    free = list(predicted)
    for figure in gold:
        hit = next(
            (p for p in free
             if p.file == figure.file and p.start < figure.end and figure.start < p.end),
            None,
        )  # fmt: skip
        if hit is None:
            result.misses.append(figure)
            continue
        free.remove(hit)
        result.matched += 1
        result.value_correct += _value_ok(figure, hit, lenient_range)
        result.unit_correct += _unit_class(figure.unit) == _unit_class(hit.unit)
        if figure.measure:
            result.measure_labelled += 1
            result.measure_correct += figure.measure == hit.measure
        if figure.by_labelled:
            result.by_labelled += 1
            result.by_correct += (figure.by or "").lower() == (hit.by or "").lower()
        if figure.rated:
            result.rated += 1
            result.per_correct += figure.per == hit.per
            result.qualifier_correct += _same_qualifier(hit.qualifier, figure.qualifier)
    result.extras = free


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


def _value_ok(gold: Figure, found: Figure, lenient_range: bool) -> bool:
    if gold.value is not None:
        return _close(gold.value, found.value)
    if _close(gold.low, found.low) and _close(gold.high, found.high):
        return True
    if lenient_range and gold.low is not None and gold.high is not None:
        # the anchor writes a range as one number: accept either end or the middle
        middle = (gold.low + gold.high) / 2
        return any(_close(v, found.value) for v in (gold.low, gold.high, middle))
    return False


def _unit_class(unit: str) -> str:
    return "count" if unit in _COUNT else unit


@dataclass
class MeasureScore:
    """How well figures are named on a development set (see measure_scores)."""

    labelled: int = 0  # figures labelled with a measure
    named_right: int = 0  # of those, found and given that measure
    unnamed: int = 0  # figures labelled "" (no confident measure)
    unnamed_right: int = 0  # of those, given no measure (or not reported)
    found_named: int = 0  # figures reported with a measure
    wrong_names: int = 0  # of those, a measure no label of theirs gives
    misses: list[str] = field(default_factory=list)

    @property
    def measure_recall(self) -> float:
        return self.named_right / self.labelled if self.labelled else 0.0

    @property
    def measure_precision(self) -> float:
        if not self.found_named:
            return 0.0
        return 1 - self.wrong_names / self.found_named


def measure_scores(
    labels: Iterable[tuple[str, str, str]],
    documents: Iterable[tuple[str, str, Iterable[tuple[int, int, str]]]],
) -> MeasureScore:
    """Score named measures. `labels` are (file prefix, a piece of text overlapping the
    figure, measure or ""); `documents` are (file name, cleaned text, the figures found
    as (start, end, measure)). Every occurrence of a label's text counts as the figure."""
    score = MeasureScore()
    docs = [(name, text, list(found)) for name, text, found in documents]
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for prefix, surface, measure in labels:
        doc = next((d for d in docs if d[0].startswith(prefix)), None)
        if doc is None:
            score.misses.append(f"{prefix} {surface!r}: no such document")
            continue
        name, text, found = doc
        places = [(i, i + len(surface)) for i in _occurrences(text, surface)]
        spans.setdefault(name, []).extend((s, e, measure) for s, e in places)
        given = {m for s, e, m in found for ls, le in places if s < le and ls < e}
        if measure:
            score.labelled += 1
            if measure in given:
                score.named_right += 1
            else:
                score.misses.append(f"{prefix} {surface!r}: {sorted(given)} for {measure!r}")
        else:
            score.unnamed += 1
            if not given - {""}:
                score.unnamed_right += 1
            else:
                score.misses.append(f"{prefix} {surface!r}: named {sorted(given)}")
    for name, _, found in docs:
        for s, e, m in found:
            if not m:
                continue
            score.found_named += 1
            if not any(s < le and ls < e and m == lm for ls, le, lm in spans.get(name, [])):
                score.wrong_names += 1
                score.misses.append(f"{name} {s}-{e}: {m!r} named without a label")
    return score


def _occurrences(text: str, surface: str) -> list[int]:
    found, at = [], text.find(surface)
    while at >= 0:
        found.append(at)
        at = text.find(surface, at + 1)
    return found


# ------------------------------------------------ news-pile-dev: figures by quote


@dataclass(frozen=True)
class QuotedFigure:
    """A figure labelled in benchdata/news-pile-dev/evidence.jsonl: its quote (a
    phrase holding the figure, found in the file's text) and what it says."""

    file: str
    language: str
    start: int  # the quote's offsets in the file's text
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str
    per: str | None
    qualifier: str | None

    @property
    def vague(self) -> bool:
        """ "des milliers", "수천": no value to check; left out of the scores."""
        return self.value is None and self.low is None and self.high is None

    @property
    def year(self) -> bool:
        return self.unit == "year"


@dataclass(frozen=True)
class Pile:
    folder: Path
    languages: dict[str, str]  # file -> language
    figures: tuple[QuotedFigure, ...]

    def text(self, file: str) -> str:
        return (self.folder / file).read_text(encoding="utf-8")


def load_pile(folder: Path) -> Pile:
    languages: dict[str, str] = {}
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            languages[record["file"]] = record["language"]
    figures: list[QuotedFigure] = []
    for line in (folder / "evidence.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = (folder / record["file"]).read_text(encoding="utf-8")
        for f in record["figures"]:
            start = text.find(f["quote"])
            if start < 0:
                raise ValueError(f"{record['file']}: a labelled quote is not in the text")
            figures.append(
                QuotedFigure(record["file"], languages[record["file"]], start,
                             start + len(f["quote"]), f["value"], f["low"], f["high"],
                             f["unit"], f["per"], f["qualifier"])
            )  # fmt: skip
    return Pile(folder, languages, tuple(figures))


@dataclass
class PileScore:
    """Figures of one language (years and vague amounts apart)."""

    language: str
    gold: int = 0
    matched: int = 0
    value_correct: int = 0
    unit_correct: int = 0
    per_labelled: int = 0
    per_correct: int = 0
    qualifier_correct: int = 0
    predicted: int = 0  # figures reported in the language's files
    unmatched: int = 0  # of those, inside no labelled quote (labels give key figures only)
    years: int = 0
    years_found: int = 0
    named: int = 0  # matched figures given a measure
    judged_right: int = 0  # figures outside the key-figure matches judged right by hand
    judged_junk: int = 0  # ... judged junk
    unjudged: int = 0  # ... with no judgement (counted as wrong by `true_precision`)
    misses: list[QuotedFigure] = field(default_factory=list)
    junk: list[Figure] = field(default_factory=list)  # judged junk or unjudged

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        """Reported figures inside a labelled quote; a lower bound, since the labels
        mark key figures, not every figure."""
        return 1 - self.unmatched / self.predicted if self.predicted else 0.0

    @property
    def true_precision(self) -> float:
        """Right figures over reported figures: a key-figure match with its value read
        right, or another figure judged right by hand (adjudications); an unjudged
        figure counts as wrong."""
        if not self.predicted:
            return 0.0
        return (self.value_correct + self.judged_right) / self.predicted

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.matched if self.matched else 0.0

    @property
    def unit_accuracy(self) -> float:
        return self.unit_correct / self.matched if self.matched else 0.0

    @property
    def per_accuracy(self) -> float:
        return self.per_correct / self.matched if self.matched else 0.0

    @property
    def qualifier_accuracy(self) -> float:
        return self.qualifier_correct / self.matched if self.matched else 0.0


_TIME_UNITS = {"hours": "hours", "days": "days", "weeks": "weeks", "months": "months",
               "years": "years", "years of age": "years"}  # fmt: skip
_MONEY = re.compile(r"^[A-Z]{3}$")


def _pile_unit_class(unit: str) -> str:
    """Labels name counted things ("deaths", "brands"); we say people or count: a
    count is a count, money is its currency, time its unit, a share percent."""
    if unit in _TIME_UNITS:
        return _TIME_UNITS[unit]
    if _MONEY.match(unit) or unit in ("percent", "times", "tonnes", "year"):
        return unit
    if unit in ("acres", "hectares", "km", "miles", "metres", "degrees Fahrenheit"):
        return unit
    return "count"


Judgements = dict[tuple[str, int, int], bool]


def load_adjudications(path: Path, pile: Pile) -> Judgements:
    """Hand judgements of reported figures that match no key figure: (file, start,
    end) -> right. A judgement whose span no longer hashes as recorded is refused."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    judged: Judgements = {}
    for item in data["figures"]:
        start, end = item["start"], item["start"] + item["length"]
        span = pile.text(item["file"])[start:end]
        if hashlib.sha256(span.encode("utf-8")).hexdigest() != item["sha256"]:
            raise ValueError(f"{item['file']} {start}: the judged span has changed")
        if item["verdict"] not in ("right", "junk"):
            raise ValueError(f"{item['file']} {start}: verdict {item['verdict']!r}")
        judged[(item["file"], start, end)] = item["verdict"] == "right"
    return judged


def score_pile(
    pile: Pile,
    found: dict[str, list[Figure]],
    pers: dict[tuple[str, int, int], tuple[str | None, str | None]],
    judged: Judgements | None = None,
) -> dict[str, PileScore]:
    """Score figures found per file (`found`; `pers` gives each found figure's per and
    qualifier by (file, start, end)) against the labelled quotes, per language. A
    labelled figure is found when a reported figure lies inside its quote; of several,
    the one with the labelled value is taken. Every other reported figure is looked up
    in `judged` (hand judgements) for the true precision."""
    scores: dict[str, PileScore] = {}
    for file, language in pile.languages.items():
        score = scores.setdefault(language, PileScore(language))
        predicted = [f for f in found.get(file, []) if f.unit != "year"]
        score.predicted += len(predicted)
        used: set[int] = set()
        gold = sorted((g for g in pile.figures if g.file == file), key=lambda g: g.end - g.start)
        for g in gold:
            if g.vague:
                continue
            inside = [
                k for k, p in enumerate(found.get(file, []))
                if k not in used and g.start <= p.start and p.end <= g.end + 2
            ]  # fmt: skip
            best = next(
                (k for k in inside if _value_ok(_as_figure(g), found[file][k], False)),
                inside[0] if inside else None,
            )
            if g.year:
                score.years += 1
                if best is not None and found[file][best].unit == "year":
                    score.years_found += 1
                    used.add(best)
                continue
            score.gold += 1
            if best is None or found[file][best].unit == "year":
                score.misses.append(g)
                continue
            used.add(best)
            hit = found[file][best]
            score.matched += 1
            score.value_correct += _value_ok(_as_figure(g), hit, False)
            score.unit_correct += _pile_unit_class(g.unit) == _pile_unit_class(hit.unit or "people")
            per, qualifier = pers.get((file, hit.start, hit.end), (None, None))
            score.per_correct += per == g.per
            score.per_labelled += g.per is not None
            score.qualifier_correct += _same_qualifier(qualifier, g.qualifier)
            score.named += bool(hit.measure)
        all_found = found.get(file, [])
        score.unmatched += sum(
            1 for k, p in enumerate(all_found) if k not in used and p.unit != "year"
            and not any(g.start <= p.start and p.end <= g.end + 2 for g in gold)
        )  # fmt: skip
        for k, p in enumerate(all_found):
            if k in used or p.unit == "year":
                continue
            verdict = (judged or {}).get((file, p.start, p.end))
            score.judged_right += verdict is True
            score.judged_junk += verdict is False
            score.unjudged += verdict is None
            if not verdict:
                score.junk.append(p)
    return scores


def _as_figure(g: QuotedFigure) -> Figure:
    return Figure(g.file, g.start, g.end, g.value, g.low, g.high, g.unit)


_QUALIFIER_CLASS = {"over": "over", "at least": "over", "about": "about", "nearly": "about",
                    "almost": "about", "up to": "up to", "under": "up to"}  # fmt: skip


def _same_qualifier(found: str | None, gold: str | None) -> bool:
    if found is None or gold is None:
        return found is None and gold is None
    return _QUALIFIER_CLASS.get(found, found) == _QUALIFIER_CLASS.get(gold, gold)


def pile_figures(
    pile: Pile,
) -> tuple[dict[str, list[Figure]], dict[tuple[str, int, int], tuple[str | None, str | None]]]:
    """Run indicia on every file of the pile, with the file's labelled language."""
    found: dict[str, list[Figure]] = {}
    pers: dict[tuple[str, int, int], tuple[str | None, str | None]] = {}
    for file, language in pile.languages.items():
        text = pile.text(file)
        source = SourceDocument(file, file, "", "text", content=text, language=language)
        clean = CleanDocument(file, text, language=language)
        figures = []
        for q in find_quantities(source, clean, split_sentences(text)):
            if q.value is None and (q.low is None or q.high is None):
                continue
            figures.append(Figure(file, q.surface_start, q.surface_end, q.value, q.low, q.high,
                                  q.unit, q.measure, q.attributed_to))  # fmt: skip
            pers[(file, q.surface_start, q.surface_end)] = (q.per, q.qualifier)
        found[file] = figures
    return found, pers


# ------------------------------------------------ news-pile-dev: conflicts between copies


@dataclass
class ConflictScore:
    """Conflicts of a dossier against the labelled ones (tests/data/claims/pile_conflicts.json)."""

    labelled: int = 0
    found: int = 0  # labelled conflicts the dossier flags
    flagged: int = 0  # conflicting pairs of claims the dossier shows
    spurious: int = 0  # of those, pairs that match no labelled conflict (a labelled
    # conflict may match several pairs: its figures split by period)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def _reads(claim: dict[str, Any], side: dict[str, Any], files: set[str]) -> bool:
    """Whether a dossier claim gives the side's figure, from one of `files`."""
    values = [claim.get(k) for k in ("value", "low", "high")]
    if not any(_close(float(v), float(side["value"])) for v in values if v is not None):
        return False
    if "per" in side and claim.get("per") != side["per"]:
        return False
    return bool(files & set(claim["files"]))


def score_conflicts(
    dossier: dict[str, Any], file_of: dict[str, str], labels: Path, stories: dict[str, str]
) -> ConflictScore:
    """Score the conflicts of `dossier` (a pile run); `file_of` maps a document id to
    its pile file, `stories` a pile file to its labelled story."""
    data: dict[str, Any] = json.loads(labels.read_text(encoding="utf-8"))
    claims: dict[str, dict[str, Any]] = {}
    for claim in dossier["claims"]:
        files = {file_of[e["document"]] for e in claim["evidence"] if e["document"] in file_of}
        claims[claim["id"]] = {**claim, "files": sorted(files)}
    pairs = {
        tuple(sorted((claim["id"], conflict["claim"])))
        for claim in dossier["claims"]
        for conflict in claim.get("conflicts", [])
        if conflict["claim"] in claims
    }
    result = ConflictScore(labelled=len(data["conflicts"]), flagged=len(pairs))
    used: set[tuple[str, ...]] = set()
    for label in data["conflicts"]:
        story_files = {f for f, s in stories.items() if s == label["story"]}
        a_files = set(label["a"]["files"]) or story_files
        b_files = set(label["b"]["files"]) or story_files
        # one disagreement may show as several pairs (its figures split by period)
        hits = {
            pair for pair in pairs
            if any(_reads(claims[x], label["a"], a_files)
                   and _reads(claims[y], label["b"], b_files)
                   for x, y in (pair, pair[::-1]))
        }  # fmt: skip
        if not hits:
            result.missed.append(f"{label['story']}: {label['a']['value']} / {label['b']['value']}")
            continue
        result.found += 1
        used |= hits
    for pair in sorted(pairs - used):
        x, y = (claims[c] for c in pair)
        result.spurious += 1
        result.extra.append(
            f"{x['measure']}: {x['value'] or (x['low'], x['high'])} {x['unit']} {x['files']} "
            f"/ {y['value'] or (y['low'], y['high'])} {y['unit']} {y['files']}"
        )
    return result
