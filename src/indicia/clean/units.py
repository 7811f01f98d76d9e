"""Units: the paragraph candidates cleaning keeps or removes, and their shape features.

A unit is one line of a text dump (or one hard-wrapped block, or one paragraph of
HTML main text) with its normalised text, its offset pieces and its source span.
The features here (words, sentence-like, headline-like, cue key) are what the
boilerplate classifier and the repeat collapser look at. Nothing here decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicia.clean.offsets import Piece

_NON_WORD = re.compile(r"[\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# A sentence ends with terminal punctuation, possibly inside closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!。！…](?:['\"”’»)）\]』」]*)$")
_LONG_UNIT_WORDS = 30


@dataclass(frozen=True)
class Unit:
    """One paragraph candidate.

    `source_start`/`source_end` bound it in the source content (None when it could
    not be located, as for some HTML paragraphs). `heading` marks a Markdown heading
    whose markers were dropped; `markup` a line made only of formatting marks.
    """

    text: str
    pieces: tuple[Piece, ...] = ()
    source_start: int | None = None
    source_end: int | None = None
    heading: bool = False
    markup: bool = False


def cue_key(text: str) -> str:
    """Casefolded letters and digits only; a line written twice over counts once."""
    key = _NON_WORD.sub("", text.casefold())
    half = len(key) // 2
    if half and len(key) % 2 == 0 and key[:half] == key[half:]:
        return key[:half]
    return key


def repeat_key(text: str) -> str:
    """Casefolded letters and digits only: two paragraphs with one key say the same."""
    return _NON_WORD.sub("", text.casefold())


def word_count(text: str) -> int:
    """Words, counting two CJK characters as one word so Chinese lines weigh alike."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(text.split())
    return len(_CJK.sub(" ", text).split()) + (cjk + 1) // 2


def is_sentence(text: str) -> bool:
    """Ends like a sentence, or is too long to be a headline or a label."""
    return bool(_SENTENCE_END.search(text)) or word_count(text) > _LONG_UNIT_WORDS


def is_headline(text: str, max_words: int = 25) -> bool:
    """A short line that does not end like a sentence: a title, heading or link text."""
    return not is_sentence(text) and 2 <= word_count(text) <= max_words


__all__ = ["Unit", "cue_key", "is_headline", "is_sentence", "repeat_key", "word_count"]
