"""Word tokens and character shingles in any script, for similarity and search.

`word_tokens` reads words as runs of letters (with their marks) in scripts that put
spaces between words (Latin, Cyrillic, Greek, Arabic, Hebrew, Hangul, Devanagari ...);
runs of Han, kana, Thai and other scripts written without spaces become overlapping
character bigrams (and, on request, unigrams), the usual unit for such text when no
dictionary segmenter is at hand. Digits of any script become ASCII digit runs.
Everything is NFKC-normalised and case-folded, so full-width ｆｏｏ and "FOO" are "foo".

`char_shingles` gives overlapping character n-grams of the normalised text with
punctuation dropped and spaces collapsed, which works the same with or without spaces
between words: the input MinHash needs.

Patterns are compiled once at import.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

import regex

from indicia.text.scripts import SPACED_LETTER, UNSPACED_LETTER, script_counts, script_of

_TOKEN = regex.compile(
    rf"(?P<unspaced>{UNSPACED_LETTER}+)|(?P<word>{SPACED_LETTER}+)|(?P<number>\p{{Nd}}+)",
    regex.V1,
)
_NOT_TEXT = regex.compile(r"[^\p{L}\p{M}\p{Nd}]+")


def normalize(text: str) -> str:
    """NFKC-normalised, case-folded `text`."""
    return unicodedata.normalize("NFKC", text).casefold()


def _ascii_digits(run: str) -> str:
    return "".join(str(unicodedata.digit(char, 0)) for char in run)


def iter_word_tokens(text: str, *, unigrams: bool = False) -> Iterator[str]:
    """The tokens of `text` in order; see `word_tokens`."""
    for match in _TOKEN.finditer(normalize(text)):
        kind = match.lastgroup
        run = match.group()
        if kind == "word":
            yield run
        elif kind == "number":
            yield run if run.isascii() else _ascii_digits(run)
        elif len(run) == 1:
            yield run
        else:
            for i in range(len(run) - 1):
                if unigrams:
                    yield run[i]
                yield run[i : i + 2]
            if unigrams:
                yield run[-1]


def word_tokens(text: str, *, unigrams: bool = False) -> list[str]:
    """Word tokens of `text`: letter runs, digit runs, and bigrams of unspaced scripts.

    With `unigrams`, runs of unspaced scripts also give each character on its own.
    """
    return list(iter_word_tokens(text, unigrams=unigrams))


def char_shingles(text: str, size: int = 5) -> list[str]:
    """Distinct overlapping character `size`-grams of the normalised text, in order.

    Punctuation and symbols are dropped and each run of them or of spaces becomes one
    space, so "Forced-labour" and "forced labour" shingle alike. A text shorter than
    `size` gives itself (or nothing when it has no letters or digits).
    """
    if size < 1:
        raise ValueError("size must be positive")
    flat = _NOT_TEXT.sub(" ", normalize(text)).strip()
    if not flat:
        return []
    if len(flat) <= size:
        return [flat]
    return list(dict.fromkeys(flat[i : i + size] for i in range(len(flat) - size + 1)))


def ngrams(tokens: Iterable[str], size: int) -> list[tuple[str, ...]]:
    """Overlapping `size`-grams of a token sequence (word shingles)."""
    items = list(tokens)
    return [tuple(items[i : i + size]) for i in range(len(items) - size + 1)]


__all__ = [
    "char_shingles",
    "iter_word_tokens",
    "ngrams",
    "normalize",
    "script_counts",
    "script_of",
    "word_tokens",
]
