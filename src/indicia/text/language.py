"""The language of a text, from its letters: exact script rules first, then lingua.

A script that only one supported language writes decides at once (Hangul is Korean,
kana Japanese, Thai script Thai; `data/languages.json` lists them); Han without kana is
Chinese. Everything else goes to lingua (`lingua-language-detector`, which ships its
models), restricted to the supported languages. The detector is built once per process
and set of options, on first use, because loading its models takes a while.

Text that is too short, or that lingua cannot tell apart from another language by the
configured margin, gets None: no guess. A document's language is that of the most
text among its paragraphs; a page that mixes languages also gets runs of paragraphs
with their own language (`LanguageSpan`, offsets into the text).

It reads text, never markup: the caller passes cleaned text.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import regex

from indicia.records import LanguageSpan, Span
from indicia.text.scripts import script_counts
from indicia.text.sentences import split_sentences


@dataclass(frozen=True)
class LanguageInfo:
    code: str  # ISO 639-1
    name: str  # English name
    native: str  # the language's own name for itself
    script: str | None = None  # a script that, among the supported languages, only it writes


@cache
def _table() -> tuple[LanguageInfo, ...]:
    raw = json.loads(resources.files("indicia.data").joinpath("languages.json").read_text("utf-8"))
    return tuple(LanguageInfo(**entry) for entry in raw["languages"])


def supported_languages() -> tuple[LanguageInfo, ...]:
    """Every language the detector may answer, in the order of `data/languages.json`."""
    return _table()


def language_name(code: str | None) -> str | None:
    """The English name of an ISO 639-1 code we support ("de" -> "German"), else the code."""
    if code is None:
        return None
    for info in _table():
        if info.code == code:
            return info.name
    return code


SUPPORTED: tuple[str, ...] = tuple(info.code for info in _table())

# Scripts dense enough that a few characters identify the language (one Han or Hangul
# character carries about what a short word does in an alphabet).
_DENSE_SCRIPTS = frozenset({"han", "kana", "hangul", "thai", "lao", "khmer", "myanmar"})
_DENSE_WEIGHT = 3  # a dense character counts as this many alphabetic letters in votes


@dataclass(frozen=True)
class LanguageOptions:
    """How languages are detected; the defaults are the measured ones (bench/language.py)."""

    languages: tuple[str, ...] = SUPPORTED
    # lingua's low-accuracy mode uses only its trigram models: it loads in seconds where
    # the high mode takes tens of seconds, and scored as high on news-pile-dev
    # (bench/language.py measures both)
    low_accuracy: bool = True
    # lingua reads at most this many characters of a paragraph: its cost grows with the
    # length and a few hundred letters decide a language
    max_chars: int = 1000
    min_letters: int = 20  # fewer letters of an alphabetic script: no language
    # a paragraph of an alphabetic script needs this many letters to get its own
    # language: lingua misreads short headings ("A Spark of ..." as Hungarian)
    min_paragraph_letters: int = 60
    min_dense_letters: int = 6  # fewer Han, kana, Hangul or Thai characters: no language
    # lingua's confidence (0..1) its best language needs, for a whole text and for one
    # paragraph among others: a paragraph that is wrongly given its own language splits
    # a page that is in one language, so it must be surer
    min_confidence: float = 0.5
    min_paragraph_confidence: float = 0.8
    # Han text is Japanese when kana are at least this share of its Han and kana
    # characters, Chinese when there are none; in between, lingua decides
    kana_share_japanese: float = 0.1
    # a paragraph of Han without kana is Chinese from this many characters; a shorter one
    # (a name, a heading: they run to 30 and more) only on a page with no Japanese
    min_paragraph_han: int = 40


@cache
def _detector(languages: tuple[str, ...], low_accuracy: bool) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [IsoCode639_1.from_str(code) for code in languages]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


# what says nothing of a language and misleads n-gram models: links, e-mail addresses,
# @handles and #tags, digits
_NOISE = regex.compile(r"https?://\S+|www\.\S+|\S+@\S+|[@#][\w.]+|\d+")


def _lingua(
    text: str, options: LanguageOptions, confidence: float, among: tuple[str, ...] = ()
) -> str | None:
    languages = among or options.languages
    if len(languages) == 1:
        return languages[0]
    sample = _NOISE.sub(" ", text[: options.max_chars])
    best = _best_language(sample, tuple(sorted(languages)), options.low_accuracy)
    if best is None or best[1] < confidence:
        return None
    return best[0]


# A pile holds many copies of one report: a paragraph read once is not read again.
@lru_cache(maxsize=4096)
def _best_language(
    sample: str, languages: tuple[str, ...], low_accuracy: bool
) -> tuple[str, float] | None:
    """lingua's most likely language for `sample` among `languages`, with its confidence."""
    values = _detector(languages, low_accuracy).compute_language_confidence_values(sample)
    if not values:
        return None
    return values[0].language.iso_code_639_1.name.lower(), values[0].value


def _script_languages(options: LanguageOptions) -> dict[str, str]:
    return {
        info.script: info.code
        for info in _table()
        if info.script is not None and info.code in options.languages
    }


def _dominant(counts: Counter[str]) -> tuple[str | None, int]:
    """The dominant script among letter counts and the weighted total, dense scripts up."""
    if not counts:
        return None, 0
    weighted = {s: n * (_DENSE_WEIGHT if s in _DENSE_SCRIPTS else 1) for s, n in counts.items()}
    script = max(sorted(weighted), key=lambda s: weighted[s])
    return script, sum(weighted.values())


def detect_language(text: str, options: LanguageOptions | None = None) -> str | None:
    """The ISO 639-1 language of `text`, or None when it is too short or undecidable."""
    return _decide(text, options or LanguageOptions(), paragraph=False)


def _decide(text: str, options: LanguageOptions, *, paragraph: bool) -> str | None:
    """`detect_language`; a paragraph among others needs more letters and more confidence."""
    counts = script_counts(text)
    if not counts:
        return None
    script, _ = _dominant(counts)
    if script is None:
        return None
    confidence = options.min_paragraph_confidence if paragraph else options.min_confidence
    if script in ("han", "kana"):
        han, kana = counts.get("han", 0), counts.get("kana", 0)
        if han + kana < options.min_dense_letters:
            return None
        if paragraph and kana == 0 and han < options.min_paragraph_han:
            return None  # a short Han line (a name, a heading) may be Japanese: see the page
        return _han_language(han, kana, text, options, confidence)
    letters = counts[script]
    if script in _DENSE_SCRIPTS and letters < options.min_dense_letters:
        return None
    exact = _script_languages(options).get(script)
    if exact is not None and letters >= options.min_dense_letters:
        return exact  # a script only one supported language writes
    if letters < (options.min_paragraph_letters if paragraph else options.min_letters):
        return None
    return _lingua(text, options, confidence)


def _is_short_han(text: str, options: LanguageOptions) -> bool:
    counts = script_counts(text)
    han = counts.get("han", 0)
    return (
        _dominant(counts)[0] == "han"
        and counts.get("kana", 0) == 0
        and options.min_dense_letters <= han < options.min_paragraph_han
    )


def _han_language(
    han: int, kana: int, text: str, options: LanguageOptions, confidence: float
) -> str | None:
    candidates = tuple(code for code in ("ja", "zh") if code in options.languages)
    if not candidates:
        return _lingua(text, options, confidence)
    share = kana / (han + kana)
    if "ja" in candidates and share >= options.kana_share_japanese:
        return "ja"
    if "zh" in candidates and kana == 0:
        return "zh"
    return _lingua(text, options, confidence, candidates)


@dataclass(frozen=True)
class TextLanguages:
    """The main language of a text and the runs of paragraphs in each language."""

    language: str | None
    spans: tuple[LanguageSpan, ...] = ()

    @property
    def mixed(self) -> bool:
        return len({s.language for s in self.spans}) > 1


def detect_languages(
    text: str, paragraphs: Sequence[Span] = (), options: LanguageOptions | None = None
) -> TextLanguages:
    """The main language of `text` and its language per run of paragraphs.

    Each paragraph is decided on its own (an alphabetic one only when it has
    `min_paragraph_letters`; a script only one language writes decides sooner); a
    paragraph that mixes scripts is decided sentence by sentence. Consecutive pieces of
    one language (with undecided ones between them) form one span. The main language
    is the one with the most letters among decided pieces (Han, kana, Hangul and Thai
    characters weighted up); when no piece is long enough on its own, the whole text
    decides.
    """
    options = options or LanguageOptions()
    if not paragraphs:
        paragraphs = (Span(0, len(text)),) if text else ()
    decided: list[tuple[Span, str, int]] = []
    short_han: list[tuple[Span, str, int]] = []  # Chinese unless the page is Japanese
    for unit in _units(text, paragraphs):
        piece = text[unit.start : unit.end]
        language = _decide(piece, options, paragraph=True)
        weight = _dominant(script_counts(piece))[1]
        if language is not None:
            decided.append((unit, language, weight))
        elif "zh" in options.languages and _is_short_han(piece, options):
            short_han.append((unit, "zh", weight))
    if short_han and not any(language == "ja" for _, language, _ in decided):
        decided = sorted(decided + short_han, key=lambda item: item[0].start)
    if not decided:
        return TextLanguages(detect_language(text, options))
    votes: dict[str, int] = {}
    for _, language, weight in decided:
        votes[language] = votes.get(language, 0) + weight
    main = max(sorted(votes), key=lambda code: votes[code])
    return TextLanguages(main, _runs(decided))


_MIXED_SHARE = 0.2  # a second script with this share of a paragraph's weighted letters


def _units(text: str, paragraphs: Sequence[Span]) -> Iterator[Span]:
    """The paragraphs, with a paragraph that mixes scripts split into its sentences."""
    for paragraph in paragraphs:
        counts = script_counts(text[paragraph.start : paragraph.end])
        weighted = sorted(
            (n * (_DENSE_WEIGHT if s in _DENSE_SCRIPTS else 1) for s, n in counts.items()),
            reverse=True,
        )
        if len(weighted) > 1 and weighted[1] >= _MIXED_SHARE * sum(weighted):
            for sentence in split_sentences(text[paragraph.start : paragraph.end]):
                yield Span(paragraph.start + sentence.start, paragraph.start + sentence.end)
        else:
            yield paragraph


def _runs(decided: Sequence[tuple[Span, str, int]]) -> tuple[LanguageSpan, ...]:
    runs: list[LanguageSpan] = []
    for span, language, _ in decided:
        if runs and runs[-1].language == language:
            runs[-1] = LanguageSpan(runs[-1].start, span.end, language)
        else:
            runs.append(LanguageSpan(span.start, span.end, language))
    return tuple(runs)


def language_at(spans: Sequence[LanguageSpan], offset: int, default: str | None) -> str | None:
    """The language of the run that holds `offset`, else `default` (the document's)."""
    for span in spans:
        if span.start <= offset < span.end:
            return span.language
    return default


__all__ = [
    "SUPPORTED",
    "LanguageInfo",
    "LanguageOptions",
    "TextLanguages",
    "detect_language",
    "detect_languages",
    "language_at",
    "language_name",
    "supported_languages",
]
