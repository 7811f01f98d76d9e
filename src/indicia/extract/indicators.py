"""ILO forced-labour indicators per sentence, each hit with the cue that explains it.

The pattern layer reads `data/ilo_indicators.json`: for each of the ILO's eleven
indicators a list of cue patterns, each with a reason a reviewer can check. A cue
counts as evidence only when the sentence is not a denial ("no evidence of", "the
company denied the allegations"), the cue is not negated just before it ("were not
beaten"), not inside a hypothetical or purpose clause ("could", "sanctions aim to
stop"), and the sentence is not a statement about a law, ban or sanctions. Some cues
count only in a document that talks about workers at all (so "beaten" in a match
report is not violence against workers).

What it does not do: decide whether the whole situation is forced labour, resolve who
did what to whom across sentences, or read languages other than English. The
optional learned layer in `indicator_model` is not called from here: on the dev set it
measured below this pattern layer, alone and combined (bench/indicators.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from indicia.data import load_json
from indicia.records import CleanDocument, Evidence, IndicatorHit, Span

TAXONOMY = "ilo_indicators.json"
_FLAGS = re.IGNORECASE


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
    """The taxonomy's cues and filters, compiled once."""

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
    hedge: re.Pattern[str]
    hedge_penalty: float
    testimony: re.Pattern[str]
    testimony_bonus: float


@cache
def load_lexicon() -> Lexicon:
    """The compiled taxonomy shipped in indicia/data."""
    data: dict[str, Any] = load_json(TAXONOMY)
    cues = tuple(
        Cue(
            code=ind["code"],
            pattern=re.compile(cue["pattern"], _FLAGS),
            lowered=re.compile(cue["pattern"]),
            why=cue["why"],
            weight=float(cue["weight"]),
            needs_labour_context=bool(cue.get("needs_labour_context", False)),
            sentence_context=(
                re.compile(cue["sentence_context"], _FLAGS) if cue.get("sentence_context") else None
            ),
        )
        for ind in data["indicators"]
        for cue in ind["cues"]
    )
    filters = data["filters"]
    return Lexicon(
        labels={ind["code"]: ind["label"] for ind in data["indicators"]},
        cues=cues,
        denial=tuple(re.compile(p, _FLAGS) for p in filters["denial"]["patterns"]),
        negation=re.compile(filters["negation"]["pattern"], _FLAGS),
        negation_window_words=int(filters["negation"]["window_words"]),
        hypothetical=re.compile(filters["hypothetical"]["pattern"], _FLAGS),
        hypothetical_allow=re.compile(filters["hypothetical"]["allow"], _FLAGS),
        hypothetical_window_chars=int(filters["hypothetical"]["window_chars"]),
        legal=tuple(re.compile(p, _FLAGS) for p in filters["legal"]["patterns"]),
        legal_unless=re.compile(filters["legal"]["unless"], _FLAGS),
        labour_context=re.compile(data["labour_context"]["pattern"], _FLAGS),
        labour_context_min=int(data["labour_context"]["min_matches"]),
        hedge=re.compile(data["hedges"]["pattern"], _FLAGS),
        hedge_penalty=float(data["hedges"]["penalty"]),
        testimony=re.compile(data["testimony"]["pattern"], _FLAGS),
        testimony_bonus=float(data["testimony"]["bonus"]),
    )


def indicator_codes() -> tuple[str, ...]:
    """The eleven indicator codes, in taxonomy order."""
    return tuple(load_lexicon().labels)


def indicator_label(code: str) -> str:
    return load_lexicon().labels.get(code, code.replace("_", " ").capitalize())


def has_labour_context(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a document talks about workers or forced labour enough for context-bound cues."""
    lex = lexicon or load_lexicon()
    for count, _ in enumerate(lex.labour_context.finditer(text), start=1):
        if count >= lex.labour_context_min:
            return True
    return False


def match_sentence(
    sentence: str, labour_context: bool = True, lexicon: Lexicon | None = None
) -> list[CueMatch]:
    """Every cue in `sentence`, each marked with the filter that set it aside, if any."""
    lex = lexicon or load_lexicon()
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
    # the last few words before the cue: "were not beaten", "never paid"
    words = re.findall(r"[\w']+", before)[-lex.negation_window_words :]
    if lex.negation.search(" ".join(words)):
        return "negation"
    for start, end in legal_spans:
        lo, hi = (end, m.start()) if end <= m.start() else (m.end(), start)
        # "banned ... because their wages are seized" still reports the seizure
        if not (lo < hi and lex.legal_unless.search(sentence[lo:hi])):
            return "legal"
    # a hypothetical is read only within the cue's own clause
    clause = re.split(r"[,;:—–()]", before[-lex.hypothetical_window_chars :])[-1]
    if lex.hypothetical.search(lex.hypothetical_allow.sub(" ", clause)):
        return "hypothetical"
    return None


def find_indicators(clean: CleanDocument, sentences: Sequence[Span]) -> tuple[IndicatorHit, ...]:
    """One hit per (sentence, indicator) that a cue evidences; the quote is the sentence."""
    lex = load_lexicon()
    labour_context = has_labour_context(clean.text, lex)
    hits: list[IndicatorHit] = []
    for span in sentences:
        sentence = clean.text[span.start : span.end]
        if not sentence.strip():
            continue
        kept: dict[str, list[CueMatch]] = {}
        for cm in match_sentence(sentence, labour_context, lex):
            if cm.blocked_by is None:
                kept.setdefault(cm.cue.code, []).append(cm)
        for code, matches in kept.items():
            hits.append(
                IndicatorHit(
                    code=code,
                    evidence=Evidence(clean.document_id, sentence, span.start, span.end),
                    confidence=_confidence(sentence, matches, lex),
                    rationale=_rationale(sentence, matches),
                )
            )
    return tuple(hits)


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
        seen.setdefault(cm.cue.why, sentence[cm.start : cm.end])
    return "; ".join(f'{why}: "{text}"' for why, text in seen.items())


__all__ = [
    "Cue",
    "CueMatch",
    "Lexicon",
    "find_indicators",
    "has_labour_context",
    "indicator_codes",
    "indicator_label",
    "load_lexicon",
    "match_sentence",
]
