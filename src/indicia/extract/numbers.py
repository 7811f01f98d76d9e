"""Numbers as written in text: digits ("50,000", "1.5 million") and words ("fifty
thousand", "a dozen", "twenty-five", "one hundred and two").

`tokenize` splits a span of text into tokens with offsets; `find_numbers` finds the
runs of tokens that write one number and gives their value. It does not decide
what a number measures, whether it is a year, or whether it is a quantity at all:
that is `quantities.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from indicia.data import load_json

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    # South Asian English: "1.5 lakh workers", "Rs 2 crore"
    "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000,
}  # fmt: skip
DOZEN = "dozen"
_NUMBER_WORDS = set(UNITS) | set(TENS) | set(SCALES) | {DOZEN}

# Digits with thousands separators or a decimal part form one token; words and single
# punctuation marks are tokens of their own ("$100-$200" -> $ 100 - $ 200).
_TOKEN = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+|[^\w\s]")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @cached_property
    def lower(self) -> str:  # read many times per token: worked out once
        return self.text.lower()

    @property
    def is_digits(self) -> bool:
        return self.text[0].isdecimal()  # "CO₂": a subscript is no digit


@dataclass(frozen=True)
class NumberRun:
    """Tokens[first:last] write one number worth `value`."""

    first: int
    last: int  # exclusive
    value: float
    in_words: bool


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end] with offsets into `text`."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def digits_value(text: str) -> float:
    return float(text.replace(",", ""))


def find_numbers(tokens: list[Token]) -> list[NumberRun]:
    """Every number written in `tokens`, left to right, without overlaps."""
    runs: list[NumberRun] = []
    i = 0
    while i < len(tokens):
        run = _digit_run(tokens, i) or _word_run(tokens, i)
        if run is None:
            i += 1
            continue
        run = _and_a_half(tokens, run)
        runs.append(run)
        i = run.last
    return runs


AND_A_HALF = ("and", "a", "half")


def _and_a_half(tokens: list[Token], run: NumberRun) -> NumberRun:
    """ "five and a half", "five-and-a-half", "2 and a half": the whole number and a
    half (not after a magnitude: "two million and a half" is left as written)."""
    if run.value != int(run.value) or tokens[run.last - 1].lower in SCALES:
        return run
    k = run.last
    hyphenated = k < len(tokens) and tokens[k].text == "-"
    for word in AND_A_HALF:
        if hyphenated:
            if not (k < len(tokens) and tokens[k].text == "-" and _glued(tokens, k)):
                return run
            k += 1
        if k >= len(tokens) or tokens[k].lower != word or (hyphenated and not _glued(tokens, k)):
            return run
        k += 1
    return NumberRun(run.first, k, run.value + 0.5, run.in_words)


def _glued(tokens: list[Token], k: int) -> bool:
    return tokens[k].start == tokens[k - 1].end


def _digit_run(tokens: list[Token], i: int) -> NumberRun | None:
    token = tokens[i]
    if not token.is_digits:
        return None
    value = digits_value(token.text)
    last = i + 1
    # "1.5 million", "50 thousand"
    if last < len(tokens) and tokens[last].lower in SCALES and tokens[last].lower != "hundred":
        value *= SCALES[tokens[last].lower]
        last += 1
    elif last < len(tokens) and tokens[last].start == token.end:
        # "$12.9bn", "$7M", "50k": a magnitude glued to the digits ("5m" without a
        # currency is five metres)
        short = tokens[last].lower
        money = i > 0 and tokens[i - 1].text in _money_signs()
        if short in _GLUED and (money or short not in ("m", "b")):
            value *= _GLUED[short]
            last += 1
    return NumberRun(i, last, value, in_words=False)


_GLUED = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}


@cache
def _money_signs() -> frozenset[str]:
    """What may stand before an amount of money: currency symbols ("$", "RM") and codes
    ("USD"), from data/currencies.json."""
    table: dict[str, Any] = load_json("currencies.json")
    return frozenset(table["symbols"]) | frozenset(table["codes"])


def _word_run(tokens: list[Token], i: int) -> NumberRun | None:
    first = i
    words: list[str] = []
    lowered = tokens[i].lower
    # "half a million": half of the scale that follows
    if (
        lowered == "half"
        and i + 2 < len(tokens)
        and tokens[i + 1].lower in ("a", "an")
        and tokens[i + 2].lower in (set(SCALES) | {DOZEN})
    ):
        scale = tokens[i + 2].lower
        return NumberRun(first, i + 3, (12 if scale == DOZEN else SCALES[scale]) / 2, True)
    # "a dozen", "a hundred", "a thousand": the article stands for one
    if (
        lowered in ("a", "an")
        and i + 1 < len(tokens)
        and tokens[i + 1].lower in (set(SCALES) | {DOZEN})
    ):
        words.append("one")
        i += 1
    elif lowered not in _NUMBER_WORDS or lowered in SCALES:
        return None
    while i < len(tokens):
        word = tokens[i].lower
        if word in _NUMBER_WORDS:
            words.append(word)
            i += 1
            continue
        # "twenty-five": a hyphen inside a run of number words
        if word == "-" and words and words[-1] in TENS and _is_word(tokens, i + 1, UNITS):
            i += 1
            continue
        # "one hundred and two" continues the number; "one hundred and two hundred" is a
        # second number (a range), so "and" joins only when no scale follows the next word.
        between = first > 0 and tokens[first - 1].lower == "between"
        if (
            word == "and"
            and words
            and words[-1] in SCALES
            and _small_follows(tokens, i + 1, SCALES[words[-1]], between)
        ):
            i += 1
            continue
        break
    if not words:
        return None
    value = words_value(words)
    if value is None:
        return None
    return NumberRun(first, i, value, in_words=True)


def _is_word(tokens: list[Token], i: int, table: dict[str, int]) -> bool:
    return i < len(tokens) and tokens[i].lower in table


def _small_follows(tokens: list[Token], i: int, scale: int, between: bool) -> bool:
    """After "and": a units/tens word that continues the number. It does not when a
    scale as large as the one before "and" follows ("one hundred and two hundred" is
    two numbers), nor, after "between", when any scale follows (a range)."""
    if not (_is_word(tokens, i, UNITS) or _is_word(tokens, i, TENS)):
        return False
    j = i
    while j < len(tokens) and (
        tokens[j].lower in UNITS or tokens[j].lower in TENS or (tokens[j].text == "-")
    ):
        j += 1
    if j < len(tokens) and tokens[j].lower in SCALES:
        return not between and SCALES[tokens[j].lower] > scale
    return True


def words_value(words: list[str]) -> float | None:
    """The value of number words in order ("two", "hundred", "fifty") -> 250."""
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == DOZEN:
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """The value of a text that is exactly one number ("fifty thousand", "12,000")."""
    tokens = tokenize(text)
    runs = find_numbers(tokens)
    if len(runs) != 1 or runs[0].first != 0 or runs[0].last != len(tokens):
        return None
    return runs[0].value
