"""ILO forced-labour indicators per sentence, in every language we read.

Two layers, each hit saying which found it:

- cues (`method="cue"`): patterns per indicator and per language, each with a reason a
  reviewer can check. English lives in `data/ilo_indicators.json`; every other
  language in `data/indicator_cues/<code>.json`, with its own filter words. A cue is
  evidence only when the sentence is not a denial ("no evidence of"), the cue is not
  negated just before it, not inside a hypothetical or purpose clause, and the sentence
  is not a statement about a law, ban, sanctions, a definition, a questionnaire or a
  rating. Some cues count only in a document that talks about workers at all.
- labour context, for both layers: a finding needs a word about work, workers,
  employment, recruitment, servitude or trafficking (each lexicon's `labour_nearby`)
  in its own sentence or the one before (`IndicatorOptions.labour_window`). Violence,
  threats or surveillance reported of protesters, soldiers, patients or players are
  not evidence of forced labour.
- a learned sentence classifier (`method="model"`, see `indicator_classifier`): a
  linear model over character n-grams, shipped in data/, that finds evidence worded in
  ways no cue foresaw. It is held to the same filters: a sentence a filter set aside
  for a cue is never taken from the model, and the model speaks only in a language a
  lexicon covers. A sentence both find is `cue+model`; the model's probability joins
  the confidence of every cue hit in a sentence it read.

The quote is the sentence, or, past 400 characters, the clause around the evidence;
citation markers such as "(1,53)" or "[12]" at either end are left out of the span.

What it does not do: decide whether the whole situation is forced labour or resolve who
did what to whom across sentences. Languages without a lexicon are not analysed, and
`language_support` says so for the dossier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from indicia.data import load_json
from indicia.extract.indicator_classifier import SentenceClassifier, load_classifier
from indicia.records import CleanDocument, Evidence, IndicatorHit, IndicatorLanguage, Span
from indicia.text.language import language_at
from indicia.text.sentences import cut_long_sentence

TAXONOMY = "ilo_indicators.json"
CUE_FOLDER = "indicator_cues"
MAX_QUOTE_CHARS = 400
_FLAGS = re.IGNORECASE

# scripts a lexicon reads; a sentence without a letter of the script skips the lexicon
_SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff]"),
    "han": re.compile(r"[\u3040-\u30ff\u3400-\u9fff]"),
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff]"),
}
# a citation marker at an end of a quote: "(1,53)", "(12)", "[3]", "[4, 5]"
_CITATION = r"(?:\(\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\)|\[\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\])"
_LEADING_CITATION = re.compile(rf"^(?:\s*{_CITATION})+\s*")
_TRAILING_CITATION = re.compile(rf"\s*(?:{_CITATION}\s*)+([.。!?！？]?)$")


@dataclass(frozen=True)
class Cue:
    code: str
    pattern: re.Pattern[str]
    why: str
    weight: float
    needs_labour_context: bool
    # a second pattern the same sentence must hold (e.g. a word for workers)
    sentence_context: re.Pattern[str] | None = None
    # the same pattern without IGNORECASE, run on lower-cased text: about twice as fast
    lowered: re.Pattern[str] | None = None
    language: str = "en"


@dataclass(frozen=True)
class CueMatch:
    """One cue found in a sentence, and whether (and why) it was set aside."""

    cue: Cue
    start: int  # offsets within the sentence
    end: int
    # denial | negation | legal | hypothetical | no_labour_context | no_sentence_context
    blocked_by: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """One language's cues and filters, compiled once."""

    labels: dict[str, str]
    cues: tuple[Cue, ...]
    denial: tuple[re.Pattern[str], ...]
    negation: re.Pattern[str]
    negation_window_words: int
    hypothetical: re.Pattern[str]
    hypothetical_allow: re.Pattern[str]
    hypothetical_window_chars: int
    legal: tuple[re.Pattern[str], ...]
    legal_unless: re.Pattern[str]
    labour_context: re.Pattern[str]
    labour_context_min: int
    # words for work, workers, employment, recruitment, servitude or trafficking: an
    # indicator needs one in its sentence or just before it
    labour_nearby: re.Pattern[str]
    hedge: re.Pattern[str]
    hedge_penalty: float
    testimony: re.Pattern[str]
    testimony_bonus: float
    language: str = "en"
    script: str = "latin"
    # scripts without spaces read the negation window in characters, not words
    negation_window_chars: int = 0
    # languages that negate after the verb (Japanese, Korean): read just after the cue
    negation_after: re.Pattern[str] | None = None
    negation_after_window_chars: int = 0


@dataclass(frozen=True)
class IndicatorOptions:
    """How indicators are found: which layers, the model's threshold, another model."""

    cues: bool = True
    model: bool = True
    model_threshold: float | None = None  # None: the threshold shipped with the model
    # a classifier to use instead of the shipped one (benchmarks train their own per fold)
    classifier: SentenceClassifier | None = None
    # a finding needs a word about work or workers in its sentence or in this many
    # sentences before it; None turns the requirement off (benchmarks measure it)
    labour_window: int | None = 1


def _compile_lexicon(data: dict[str, Any], labels: dict[str, str], language: str) -> Lexicon:
    filters = data["filters"]
    cue_rows: list[tuple[str, dict[str, Any]]] = (
        [(ind["code"], cue) for ind in data["indicators"] for cue in ind["cues"]]
        if "indicators" in data
        else [(code, cue) for code, cues in data["cues"].items() for cue in cues]
    )
    cues = tuple(
        Cue(
            code=code,
            pattern=re.compile(cue["pattern"], _FLAGS),
            lowered=re.compile(cue["pattern"]),
            why=cue["why"],
            weight=float(cue["weight"]),
            needs_labour_context=bool(cue.get("needs_labour_context", False)),
            sentence_context=(
                re.compile(cue["sentence_context"], _FLAGS) if cue.get("sentence_context") else None
            ),
            language=language,
        )
        for code, cue in cue_rows
    )
    negation = filters["negation"]
    return Lexicon(
        labels=labels,
        cues=cues,
        denial=tuple(re.compile(p, _FLAGS) for p in filters["denial"]["patterns"]),
        negation=re.compile(negation["pattern"], _FLAGS),
        negation_window_words=int(negation.get("window_words", 0)),
        negation_window_chars=int(negation.get("window_chars", 0)),
        negation_after=(
            re.compile(negation["after_pattern"]) if negation.get("after_pattern") else None
        ),
        negation_after_window_chars=int(negation.get("after_window_chars", 0)),
        hypothetical=re.compile(filters["hypothetical"]["pattern"], _FLAGS),
        hypothetical_allow=re.compile(filters["hypothetical"]["allow"], _FLAGS),
        hypothetical_window_chars=int(filters["hypothetical"]["window_chars"]),
        legal=tuple(re.compile(p, _FLAGS) for p in filters["legal"]["patterns"]),
        legal_unless=re.compile(filters["legal"]["unless"], _FLAGS),
        labour_context=re.compile(data["labour_context"]["pattern"], _FLAGS),
        labour_context_min=int(data["labour_context"]["min_matches"]),
        labour_nearby=re.compile(data["labour_nearby"]["pattern"], _FLAGS),
        hedge=re.compile(data["hedges"]["pattern"], _FLAGS),
        hedge_penalty=float(data["hedges"]["penalty"]),
        testimony=re.compile(data["testimony"]["pattern"], _FLAGS),
        testimony_bonus=float(data["testimony"]["bonus"]),
        language=language,
        script=str(data.get("script", "latin")),
    )


@cache
def load_lexicon() -> Lexicon:
    """The English lexicon, from the taxonomy shipped in indicia/data."""
    data: dict[str, Any] = load_json(TAXONOMY)
    labels = {ind["code"]: ind["label"] for ind in data["indicators"]}
    return _compile_lexicon(data, labels, "en")


@cache
def load_lexicons() -> dict[str, Lexicon]:
    """Every language's lexicon, English first, keyed by ISO 639-1 code."""
    english = load_lexicon()
    out = {"en": english}
    folder = resources.files("indicia.data").joinpath(CUE_FOLDER)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data: dict[str, Any] = load_json(f"{CUE_FOLDER}/{entry.name}")
            out[data["language"]] = _compile_lexicon(data, english.labels, data["language"])
    return out


def supported_languages() -> tuple[str, ...]:
    return tuple(load_lexicons())


def language_support(language: str | None) -> IndicatorLanguage:
    """What the dossier says about indicators for a document in `language`."""
    lexicons = load_lexicons()
    if language is None:
        return IndicatorLanguage(
            None, True, "language not detected: every lexicon was applied by script"
        )
    base = language.split("-")[0].lower()
    if base in lexicons:
        return IndicatorLanguage(language, True, f"cue lexicon for {base}")
    return IndicatorLanguage(
        language,
        False,
        f"no indicator lexicon for {base}: not analysed, so absence of indicators means nothing",
    )


def indicator_codes() -> tuple[str, ...]:
    """The eleven indicator codes, in taxonomy order."""
    return tuple(load_lexicon().labels)


def indicator_label(code: str) -> str:
    return load_lexicon().labels.get(code, code.replace("_", " ").capitalize())


def has_labour_context(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a document talks about workers or forced labour enough for context-bound cues."""
    lexicons = [lexicon] if lexicon is not None else list(load_lexicons().values())
    count = 0
    for lex in lexicons:
        for _ in lex.labour_context.finditer(text):
            count += 1
            if count >= lex.labour_context_min:
                return True
    return False


def _lexicons_for(sentence: str, lexicons: Sequence[Lexicon]) -> list[Lexicon]:
    scripts = {name for name, pattern in _SCRIPTS.items() if pattern.search(sentence)}
    return [lex for lex in lexicons if lex.script in scripts]


@cache
def document_lexicons(language: str | None) -> list[Lexicon]:
    """The lexicons to read a document with: its language's and English (quotes and
    names in English are common everywhere); every lexicon when the language is unknown
    or has none, each still applied only to sentences in its script."""
    lexicons = load_lexicons()
    base = (language or "").split("-")[0].lower()
    if base in lexicons:
        return [lexicons[code] for code in dict.fromkeys(("en", base))]
    return list(lexicons.values())


def match_sentence(
    sentence: str, labour_context: bool = True, lexicon: Lexicon | None = None
) -> list[CueMatch]:
    """Every cue in `sentence`, each marked with the filter that set it aside, if any.

    With no lexicon given, every language's lexicon whose script the sentence holds.
    """
    lexicons = (
        [lexicon]
        if lexicon is not None
        else _lexicons_for(sentence, list(load_lexicons().values()))
    )
    out: list[CueMatch] = []
    for lex in lexicons:
        out += _match_one(sentence, labour_context, lex)
    return out


def _match_one(sentence: str, labour_context: bool, lex: Lexicon) -> list[CueMatch]:
    lowered = sentence.lower()
    # lower() may change the length of rare characters; offsets must stay exact
    fast = len(lowered) == len(sentence)
    found: list[tuple[Cue, re.Match[str]]] = []
    for cue in lex.cues:
        pattern = cue.lowered if fast and cue.lowered is not None else cue.pattern
        found += [(cue, m) for m in pattern.finditer(lowered if fast else sentence)]
    if not found:
        return []
    denied = any(p.search(sentence) for p in lex.denial)
    legal_spans = [(m.start(), m.end()) for p in lex.legal for m in p.finditer(sentence)]
    return [
        CueMatch(
            cue,
            m.start(),
            m.end(),
            _blocked_by(sentence, m, cue, lex, denied, legal_spans, labour_context),
        )
        for cue, m in found
    ]


def _negated(before: str, lex: Lexicon) -> bool:
    if lex.negation_window_chars:
        # no spaces between words: the last few characters of the cue's own clause
        clause = re.split(r"[,，、;；:：。!?！？]", before)[-1]
        return bool(lex.negation.search(clause[-lex.negation_window_chars :]))
    # the last few words before the cue: "were not beaten", "never paid"
    words = re.findall(r"[\w']+", before)[-lex.negation_window_words :]
    return bool(lex.negation.search(" ".join(words)))


def _sentence_blocked(sentence: str, lex: Lexicon) -> bool:
    """A denial, law, ban, definition or rating anywhere: not for the learned layer."""
    return any(p.search(sentence) for p in lex.denial) or any(p.search(sentence) for p in lex.legal)


def _blocked_by(
    sentence: str,
    m: re.Match[str],
    cue: Cue,
    lex: Lexicon,
    denied: bool,
    legal_spans: list[tuple[int, int]],
    labour_context: bool,
) -> str | None:
    if cue.needs_labour_context and not labour_context:
        return "no_labour_context"
    if cue.sentence_context is not None and not cue.sentence_context.search(sentence):
        return "no_sentence_context"
    if denied:
        return "denial"
    before = sentence[: m.start()]
    if _negated(before, lex):
        return "negation"
    after = sentence[m.end() : m.end() + lex.negation_after_window_chars]
    if lex.negation_after is not None and lex.negation_after.search(after):
        return "negation"
    for start, end in legal_spans:
        lo, hi = (end, m.start()) if end <= m.start() else (m.end(), start)
        # "banned ... because their wages are seized" still reports the seizure
        if not (lo < hi and lex.legal_unless.search(sentence[lo:hi])):
            return "legal"
    # a hypothetical is read only within the cue's own clause
    clause = re.split(r"[,;:—–()，、；：（）]", before[-lex.hypothetical_window_chars :])[-1]
    if lex.hypothetical.search(lex.hypothetical_allow.sub(" ", clause)):
        return "hypothetical"
    return None


def find_indicators(
    clean: CleanDocument,
    sentences: Sequence[Span],
    options: IndicatorOptions | None = None,
) -> tuple[IndicatorHit, ...]:
    """One hit per (sentence, indicator) that a cue or the learned layer evidences."""
    opts = options or IndicatorOptions()
    # a page that mixes languages is read run by run (clean's per-paragraph languages)
    languages = {clean.language, *(run.language for run in clean.languages)}
    labour_context = any(
        has_labour_context(clean.text, lex)
        for lex in {id(x): x for lang in languages for x in document_lexicons(lang)}.values()
    )
    model = (opts.classifier or load_classifier()) if opts.model else None
    read: list[tuple[Span, str, dict[str, list[CueMatch]], bool]] = []
    texts = [clean.text[span.start : span.end] for span in sentences]
    lexicons = [
        _lexicons_for(
            text, document_lexicons(language_at(clean.languages, span.start, clean.language))
        )
        for span, text in zip(sentences, texts, strict=True)
    ]
    about_work = [
        any(lex.labour_nearby.search(text) for lex in active)
        for text, active in zip(texts, lexicons, strict=True)
    ]
    window = opts.labour_window
    for i, span in enumerate(sentences):
        sentence, active = texts[i], lexicons[i]
        if not active or _is_fragment(sentence):
            continue
        # violence against protesters, soldiers or players is not evidence of forced labour
        if window is not None and not any(about_work[max(0, i - window) : i + 1]):
            continue
        kept: dict[str, list[CueMatch]] = {}
        blocked = False
        for lex in active:
            for cm in _match_one(sentence, labour_context, lex):
                if cm.blocked_by is None:
                    kept.setdefault(cm.cue.code, []).append(cm)
                elif cm.blocked_by in _FILTERS:
                    blocked = True
        blocked = blocked or any(_sentence_blocked(sentence, lex) for lex in active)
        read.append((span, sentence, kept if opts.cues else {}, blocked))
    # the learned layer reads, in one batch, the sentences no filter set aside: it finds
    # what reaches its threshold, and its probability joins every cue hit's confidence
    scores: dict[int, dict[str, float]] = {}
    found_by_model: dict[int, set[str]] = {}
    if model is not None and labour_context:
        open_ = [i for i, (_, _, _, blocked) in enumerate(read) if not blocked]
        probs = model.probabilities([read[i][1] for i in open_])
        limits = model.limits(opts.model_threshold)
        for row, i in zip(probs, open_, strict=True):
            scores[i] = {c: float(p) for c, p in zip(model.codes, row, strict=True)}
            found_by_model[i] = {
                c for c, p, t in zip(model.codes, row, limits, strict=True) if p >= t
            }
    hits: list[IndicatorHit] = []
    for i, (span, sentence, kept, _) in enumerate(read):
        found = found_by_model.get(i, set())
        for code in sorted(set(kept) | found, key=_code_order):
            hits.append(
                _hit(
                    clean.document_id,
                    span,
                    sentence,
                    code,
                    kept.get(code, []),
                    scores.get(i, {}).get(code),
                    code in found,
                    model,
                )
            )
    return tuple(hits)


# a cue set aside by one of these keeps the whole sentence from the learned layer
_FILTERS = frozenset({"denial", "legal", "hypothetical", "negation"})
_WORD = re.compile(r"\w+")


def _is_fragment(sentence: str) -> bool:
    """A list item or heading of a few words ("- Isolation") is not a statement."""
    text = sentence.strip()
    if _SCRIPTS["han"].search(text):
        return len(text) < 5
    return len(_WORD.findall(text)) <= 3 and not text.endswith((".", "!", "?", "。", "؟"))


def _hit(
    document: str,
    span: Span,
    sentence: str,
    code: str,
    matches: list[CueMatch],
    p: float | None,
    model_found: bool,
    model: SentenceClassifier | None,
) -> IndicatorHit:
    if matches:
        cue_conf = _confidence(sentence, matches, load_lexicons()[matches[0].cue.language])
        # the model's probability, below its threshold too, joins the cue's confidence:
        # on the grouped folds that scores better (Brier) than the cue weight alone
        conf = cue_conf if p is None else 1 - (1 - cue_conf) * (1 - p)
        method = "cue+model" if model_found else "cue"
        rationale = _rationale(sentence, matches)
        if p is not None:
            rationale += f"; learned classifier p={p:.2f}"
        start, end = _quote_bounds(sentence, matches[0].start, matches[0].end)
    else:
        assert p is not None and model is not None
        conf, method = p, "model"
        rationale = f"learned classifier (character n-grams), p={p:.2f}"
        lo, hi = _best_clause(sentence, code, model)
        start, end = _quote_bounds(sentence, lo, hi)
    return IndicatorHit(
        code=code,
        evidence=Evidence(document, sentence[start:end], span.start + start, span.start + end),
        confidence=round(min(0.97, max(0.05, conf)), 3),
        rationale=rationale,
        method=method,
    )


def _best_clause(sentence: str, code: str, model: SentenceClassifier) -> tuple[int, int]:
    """Where in a long sentence the model's evidence lies: the piece it scores highest."""
    pieces = _pieces(sentence)
    if len(pieces) == 1:
        return pieces[0].start, pieces[0].end
    texts = [sentence[p.start : p.end] for p in pieces]
    probs = model.probabilities(texts)[:, model.codes.index(code)]
    best = pieces[int(probs.argmax())]
    return best.start, best.end


@cache
def _order() -> dict[str, int]:
    return {code: i for i, code in enumerate(indicator_codes())}


def _code_order(code: str) -> int:
    return _order().get(code, len(_order()))


def _pieces(sentence: str) -> list[Span]:
    return cut_long_sentence(sentence, Span(0, len(sentence)), MAX_QUOTE_CHARS) or [
        Span(0, len(sentence))
    ]


def _quote_bounds(sentence: str, cue_start: int, cue_end: int) -> tuple[int, int]:
    """The span of `sentence` to quote: all of it, or past 400 characters the clause
    (`cut_long_sentence`) that holds the middle of the evidence; citation markers at
    either end left out."""
    start, end = _trim_citations(sentence, 0, len(sentence))
    if end - start > MAX_QUOTE_CHARS:
        mid = (cue_start + cue_end) // 2
        pieces = _pieces(sentence)
        piece = next((p for p in pieces if p.start <= mid < p.end), pieces[0])
        start, end = _trim_citations(sentence, piece.start, piece.end)
    return start, end


def _trim_citations(sentence: str, start: int, end: int) -> tuple[int, int]:
    part = sentence[start:end]
    lead = _LEADING_CITATION.match(part)
    if lead and lead.end() < len(part):
        start += lead.end()
        part = sentence[start:end]
    trail = _TRAILING_CITATION.search(part)
    if trail and trail.start() > 0:
        end = start + trail.start()
    return start, end


def _confidence(sentence: str, matches: list[CueMatch], lex: Lexicon) -> float:
    weights = sorted((cm.cue.weight for cm in matches), reverse=True)
    distinct = len({cm.cue.why for cm in matches})
    score = weights[0] + 0.05 * (distinct - 1)
    if lex.testimony.search(sentence):
        score += lex.testimony_bonus
    if lex.hedge.search(sentence):
        score -= lex.hedge_penalty
    return round(min(0.97, max(0.05, score)), 3)


def _rationale(sentence: str, matches: list[CueMatch]) -> str:
    seen: dict[str, str] = {}
    for cm in sorted(matches, key=lambda c: -c.cue.weight):
        why = cm.cue.why if cm.cue.language == "en" else f"{cm.cue.why} ({cm.cue.language})"
        seen.setdefault(why, sentence[cm.start : cm.end])
    return "; ".join(f'{why}: "{text}"' for why, text in seen.items())


__all__ = [
    "MAX_QUOTE_CHARS",
    "Cue",
    "CueMatch",
    "IndicatorOptions",
    "Lexicon",
    "document_lexicons",
    "find_indicators",
    "has_labour_context",
    "indicator_codes",
    "indicator_label",
    "language_support",
    "load_lexicon",
    "load_lexicons",
    "match_sentence",
    "supported_languages",
]
