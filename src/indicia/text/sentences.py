"""Split text into sentences, with exact offsets, in any script.

Rule-based and deterministic. A line break ends a sentence, except in a text wrapped
at a fixed width (most of its single line breaks fall inside sentences), where a single
break after a letter, digit or comma does not. Within a line:

- `. ! ? …` (and the Arabic `؟` and `۔`, the Greek `;`) end a sentence when whitespace
  follows and the next sentence starts with a capital, a digit, a letter of a script
  without case (Arabic, Hebrew, Devanagari, Han, Hangul ...) or an opening quote or
  bracket before one of these. A lower-case letter after the stop continues the
  sentence, so decimals ("3.5"), domains and most abbreviations never split.
- `。！？` and the danda `।` (and other scripts' full stops) end a sentence with or
  without a following space: Chinese and Japanese put none.
- Thai has no sentence punctuation: a space between two Thai letters ends one.
- A Latin, Cyrillic or Greek sentence's stop directly followed by Chinese, Japanese or
  Korean text ends it (pages that alternate languages run them together).
- Closing quotes and brackets after the stop stay with their sentence.
- A full stop after an abbreviation of the text's language (`data/sentences.json`), after
  an initial ("J. Smith", "В. Путин") or in an ordinal date ("5. März") does not end one.

`cut_long_sentence` cuts a sentence longer than a limit at clause boundaries, for
quotes a reader can take in at once. Spans are trimmed of whitespace and
`text[start:end]` is the sentence.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources

import regex

from indicia.records import Span
from indicia.text.scripts import UNSPACED_LETTER

_CLOSERS = "\"'”’»)\\]}」』）】〕〉》›"
_OPENERS = "\"'“‘«„‚(\\[{¿¡「『（【〔〈《‹—–-"

# a stop that needs whitespace and a sentence start after it
_SPACED = regex.compile(
    rf"(?:[.!?…؟۔;]+)[{_CLOSERS}]*(?=\s+[{_OPENERS}]*[\p{{Lu}}\p{{Lt}}\p{{Lo}}\p{{Nd}}])"
)
# a stop that ends a sentence whether or not a space follows
_UNSPACED = regex.compile(rf"[。！？｡।॥။።។܀]+[{_CLOSERS}]*")
# an alphabetic sentence's stop followed at once by Chinese, Japanese or Korean text (pages
# that alternate languages run them together)
_INTO_CJK = regex.compile(
    rf"(?<=[\p{{Latin}}\p{{Cyrillic}}\p{{Greek}}]{{2}}[.!?][{_CLOSERS}]*)"
    r"(?=[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}])"
)
# Thai: the space between two runs of Thai letters
_THAI_GAP = regex.compile(r"(?<=\p{Thai})[ \t\u00a0]+(?=\p{Thai})")
# 「…。」と言った: a quoted sentence that a Japanese particle (hiragana) carries on
_CLOSED_QUOTE = regex.compile(rf"[{_CLOSERS}]$")
_PARTICLE = regex.compile(r"\p{Hiragana}")
_LINE_BREAK = regex.compile(r"\n")
_SINGLE_BREAK = regex.compile(r"(?<!\n)\n(?!\n)")
WRAPPED_BREAKS = 5
# the word before a full stop: letters and marks of any script, inner stops allowed
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}][\p{L}\p{M}.\-]*)\.$")
_NUMBER_BEFORE = regex.compile(r"(?:^|\s)\d{1,2}\.$")
_NEXT_WORD = regex.compile(r"\s+[\p{L}\p{M}]+|\s+\p{Nd}")
_GREEK_BEFORE = regex.compile(r"\p{Greek};$")
_UNSPACED_BEFORE = regex.compile(rf"{UNSPACED_LETTER}[{_CLOSERS}]*$", regex.V1)


@cache
def _data() -> dict[str, object]:
    raw = resources.files("indicia.data").joinpath("sentences.json").read_text("utf-8")
    data: dict[str, object] = json.loads(raw)
    return data


@cache
def _abbreviations(language: str | None) -> frozenset[str]:
    table = _data()["abbreviations"]
    assert isinstance(table, dict)
    english = frozenset(table.get("en", ()))
    if language is None:
        return english | frozenset(
            word
            for words in table.values()
            for word in words
            if "." in word or not regex.fullmatch(r"[\p{Latin}\-]+", word)
        )
    return english | frozenset(table.get(language, ()))


@cache
def _before_number() -> frozenset[str]:
    words = _data()["before_number"]
    assert isinstance(words, list)
    return frozenset(words)


@cache
def _months(language: str | None) -> frozenset[str]:
    table = _data()["months"]
    assert isinstance(table, dict)
    if language is None:
        return frozenset(word for words in table.values() for word in words)
    return frozenset(table.get(language, ()))


def split_sentences(text: str, language: str | None = None) -> list[Span]:
    """Sentence spans of `text`, trimmed of surrounding whitespace, in order.

    `language` (ISO 639-1) chooses the abbreviations; unknown or None uses all of them.
    """
    return list(_iter_sentences(text, language))


def _iter_sentences(text: str, language: str | None) -> Iterator[Span]:
    start = 0
    for b_start, b_end in _lines(text):
        start = b_start
        for end in _boundaries(text, b_start, b_end, language):
            if end <= start:
                continue
            span = _trim(text, start, end)
            if span:
                yield span
            start = end
        span = _trim(text, start, b_end)
        if span:
            yield span


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    wrapped = _hard_wrapped(text)
    for match in _LINE_BREAK.finditer(text):
        if wrapped and _unfinished(text, match.start()):
            continue
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _unfinished(text: str, position: int) -> bool:
    """Whether the line before a single line break ends inside a sentence (a letter, a
    digit or a comma): in a wrapped text the sentence goes on in the next line,
    whatever that line starts with ("lured from stations in\nHenan")."""
    if position == 0 or position + 1 >= len(text) or text[position + 1] == "\n":
        return False
    return text[position - 1].isalnum() or text[position - 1] == ","


def _runs_on(text: str, position: int) -> bool:
    """Whether the single line break at `position` plainly falls inside a sentence: the
    line before is unfinished and the next starts with a lower-case letter or a digit
    ("rescued 23 people including 16\nchildren")."""
    if not _unfinished(text, position):
        return False
    after = text[position + 1]
    return after.islower() or after.isdecimal()


def _hard_wrapped(text: str) -> bool:
    """A text wrapped at a fixed width (plain-text mail, text taken from a PDF): at
    least WRAPPED_BREAKS single line breaks fall inside a sentence, and they are at
    least half of its single line breaks. Only in such a text does a line break that
    falls inside a sentence not end it; elsewhere a line break is a paragraph's end."""
    singles = [m.start() for m in _SINGLE_BREAK.finditer(text)]
    inside = sum(1 for position in singles if _runs_on(text, position))
    return inside >= WRAPPED_BREAKS and 2 * inside >= len(singles)


def _boundaries(text: str, start: int, end: int, language: str | None) -> Iterator[int]:
    """Offsets in text[start:end] where a sentence ends, in order."""
    found: set[int] = set()
    for match in _SPACED.finditer(text, start, end):
        if _ends_sentence(text, start, match.start(), match.end(), language):
            found.add(match.end())
    for match in _UNSPACED.finditer(text, start, end):
        if not (_CLOSED_QUOTE.search(match.group()) and _PARTICLE.match(text, match.end())):
            found.add(match.end())
    for match in _INTO_CJK.finditer(text, start, end):
        found.add(match.start())
    for match in _THAI_GAP.finditer(text, start, end):
        found.add(match.start())
    yield from sorted(found)


def _ends_sentence(text: str, line_start: int, stop: int, after: int, language: str | None) -> bool:
    """Whether the stop run text[stop:after] ends the sentence it closes."""
    marks = text[stop:after].rstrip(_CLOSERS)
    if ";" in marks and not _GREEK_BEFORE.search(text, line_start, stop + 1):
        return False  # a semicolon ends a sentence only in Greek, as its question mark
    if _UNSPACED_BEFORE.search(text, line_start, stop) and marks.endswith("."):
        # a Latin stop inside Chinese or Japanese text (a list number, a URL) is no end
        return False
    if marks != ".":
        return True
    head = text[line_start : stop + 1]
    if _NUMBER_BEFORE.search(head):
        following = _NEXT_WORD.match(text, after)
        return not (following and following.group().strip().casefold() in _months(language))
    word = _WORD_BEFORE.search(head)
    if word is None:
        return True
    token = word.group(1).casefold()
    if len(token) == 1 or token in _abbreviations(language):
        return False  # an initial or an abbreviation
    if token in _before_number():
        following = _NEXT_WORD.match(text, after)
        return not (following and following.group().strip()[:1].isdigit())
    return True


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


# ------------------------------------------------------------------- long sentences

# Clause boundaries, strongest first; a cut falls just after the mark. ASCII marks need
# a space after them (so "10:30" and "50,000" stay whole); full-width and Arabic ones
# do not.
# Each entry: a pattern and whether the cut falls before the match (a spaced dash opens
# the next clause; a space is dropped) rather than after it.
_CLAUSE_MARKS: tuple[tuple[tuple[regex.Pattern[str], bool], ...], ...] = (
    (
        (regex.compile(r"[;:](?=\s)|[；：؛]|(?<=\S)—(?=\S)"), False),
        (regex.compile(r"\s[—–](?=\s)"), True),
    ),
    ((regex.compile(r",(?=\s)|[，、،]"), False),),
    ((regex.compile(r"\s+"), True),),
)

MAX_SENTENCE_CHARS = 400


def cut_long_sentence(text: str, span: Span, max_chars: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """`span` cut into pieces of at most `max_chars` characters at clause boundaries.

    A sentence that fits is returned whole. Otherwise each piece runs to the last clause
    boundary (`;` `:` `—`, then `,` `、` `،`, then a space) that keeps it within the limit
    and no shorter than a quarter of it; a text with none of them is cut at the limit.
    Pieces are trimmed, in order, and together hold every non-space character of the span.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    pieces: list[Span] = []
    start, end = span.start, span.end
    while True:
        trimmed = _trim(text, start, end)
        if trimmed is None:
            break
        start = trimmed.start
        if trimmed.end - start <= max_chars:
            pieces.append(trimmed)
            break
        cut = _clause_cut(text, start, start + max_chars, max(1, max_chars // 4))
        piece = _trim(text, start, cut)
        if piece is not None:
            pieces.append(piece)
        start = cut
    return pieces


def _clause_cut(text: str, start: int, limit: int, shortest: int) -> int:
    """The last cut in text[start + shortest : limit] at the strongest boundary present."""
    for patterns in _CLAUSE_MARKS:
        cuts = [
            match.start() if before else match.end()
            for pattern, before in patterns
            for match in pattern.finditer(text, start + shortest, limit)
        ]
        cuts = [cut for cut in cuts if start < cut <= limit]
        if cuts:
            return max(cuts)
    return limit


__all__ = ["MAX_SENTENCE_CHARS", "cut_long_sentence", "split_sentences"]
