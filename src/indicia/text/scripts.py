"""Which writing system a text is in, by the Unicode script of its letters.

`script_counts` counts the letters of each script; `script_of` names the script most
letters are in. Scripts are named in lower case: latin, cyrillic, greek, armenian,
hebrew, arabic, devanagari, bengali, thai, lao, myanmar, georgian, hangul, han, kana
(hiragana and katakana), and a few more Indic and South-East Asian ones. The script of
each distinct character is looked up once and cached, so counting costs one pass.

It tells scripts apart, not languages: Latin is shared by English and Vietnamese, Han by
Chinese and Japanese; `indicia.text.language` decides the language.
"""

from __future__ import annotations

import typing
from collections import Counter
from functools import lru_cache

import regex

# Unicode script names per our script name, matched by Script_Extensions so that marks
# shared by a script's languages (Arabic vowel signs, the Japanese long-vowel mark ー)
# count with it; kana joins hiragana and katakana, which one Japanese text mixes.
_SCRIPTS: dict[str, tuple[str, ...]] = {
    "latin": ("Latin",),
    "cyrillic": ("Cyrillic",),
    "greek": ("Greek",),
    "armenian": ("Armenian",),
    "georgian": ("Georgian",),
    "hebrew": ("Hebrew",),
    "arabic": ("Arabic",),
    "devanagari": ("Devanagari",),
    "bengali": ("Bengali",),
    "gurmukhi": ("Gurmukhi",),
    "gujarati": ("Gujarati",),
    "tamil": ("Tamil",),
    "telugu": ("Telugu",),
    "kannada": ("Kannada",),
    "malayalam": ("Malayalam",),
    "sinhala": ("Sinhala",),
    "thai": ("Thai",),
    "lao": ("Lao",),
    "khmer": ("Khmer",),
    "myanmar": ("Myanmar",),
    "tibetan": ("Tibetan",),
    "ethiopic": ("Ethiopic",),
    "hangul": ("Hangul",),
    "han": ("Han",),
    "kana": ("Hiragana", "Katakana"),
}


def _letters_of(names: tuple[str, ...]) -> str:
    """A V1 character class: letters and marks whose script extensions include `names`."""
    scripts = "".join(rf"\p{{scx={name}}}" for name in names)
    return rf"[[\p{{L}}\p{{M}}]&&[{scripts}]]"


_LETTER_OF = {name: regex.compile(_letters_of(names), regex.V1) for name, names in _SCRIPTS.items()}


@lru_cache(maxsize=65536)
def _char_script(char: str) -> str | None:
    for name, pattern in _LETTER_OF.items():
        if pattern.fullmatch(char):
            return name
    return None


# Scripts written without spaces between words: a run of them is segmented by
# characters, not by spaces (see indicia.text.tokens and indicia.text.sentences).
UNSPACED_SCRIPTS = frozenset({"han", "kana", "thai", "lao", "khmer", "myanmar", "tibetan"})

_UNSPACED_NAMES = ("Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar", "Tibetan")
# V1 character classes for the modules that segment text: a letter (or mark) of a script
# written without spaces, and one of any other script
UNSPACED_LETTER = _letters_of(_UNSPACED_NAMES)
SPACED_LETTER = (
    r"[[\p{L}\p{M}]--[" + "".join(rf"\p{{scx={name}}}" for name in _UNSPACED_NAMES) + "]]"
)
_UNSPACED = regex.compile(UNSPACED_LETTER, regex.V1)

SCRIPTS: tuple[str, ...] = tuple(_SCRIPTS)


def script_counts(text: str) -> Counter[str]:
    """How many letters of `text` are in each script (scripts with none are left out)."""
    # one cached lookup per character: a text uses few distinct characters
    counts = Counter(map(_char_script, text))
    counts.pop(None, None)
    return typing.cast("Counter[str]", counts)


def script_of(text: str) -> str | None:
    """The script most letters of `text` are in; None for text without letters."""
    counts = script_counts(text)
    if not counts:
        return None
    # ties go to the script listed first, so the answer never depends on dict order
    return max(SCRIPTS, key=lambda name: (counts.get(name, 0), -SCRIPTS.index(name)))


def is_unspaced(char: str) -> bool:
    """True for a character of a script written without spaces between words."""
    return _UNSPACED.fullmatch(char) is not None


__all__ = [
    "SCRIPTS",
    "SPACED_LETTER",
    "UNSPACED_LETTER",
    "UNSPACED_SCRIPTS",
    "is_unspaced",
    "script_counts",
    "script_of",
]
