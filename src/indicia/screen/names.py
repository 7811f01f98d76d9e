"""Names made comparable across scripts, romanisations and list conventions.

`name_parts` turns a name as written anywhere ("KIM, Tong-chol", "김정은",
"Сергей Шойгу", "Mokran LLC") into lowercase ASCII parts: rigour strips
honorifics and legal forms of organisations (LLC, JSC, ...), and
transliterates other scripts (its `ascii_text`). A Hangul name is read
syllable by syllable, family name first (one syllable, or two for the
compound family names in `data/sanctions.json`), so "김정은" gives the parts
"gim" and "jeongeun", which the Korean key below brings together with
"Kim Jong Un".

Two keys forgive spelling that differs by convention, not by person:

- `spelling_key`: y/i, kh/h, dzh/dj/j, w/v, ph/f, doubled letters
  (Sergey/Sergei, Shoygu/Shoigu, Mohammed/Mohamed, Dzhamil/Djamil).
- `korean_key`: Revised and McCune-Reischauer romanisation (eo/o, eu/u,
  g/k, d/t, b/p, j/ch, r/l: Jeong/Chong/Jong, Geum/Kum). Used only when one
  side is Korean (Hangul, or a list entry of North or South Korea), since
  for other names it would join names that differ.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from indicia.data import load_json

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLE = re.compile(r"([a-z])\1+")


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


@cache
def _compound_family_names() -> frozenset[str]:
    return frozenset(load_json("sanctions.json")["korean_two_syllable_family_names"])


def _romanise_hangul(word: str) -> list[str]:
    from rigour.text import ascii_text

    if not 2 <= len(word) <= 5:
        return [ascii_text(word)]
    split = 2 if word[:2] in _compound_family_names() and len(word) > 2 else 1
    family, given = word[:split], word[split:]
    return [
        "".join(ascii_text(s) for s in family),
        "".join(ascii_text(s) for s in given),
    ]


@cache
def name_parts(name: str, kind: str) -> tuple[str, ...]:
    """The lowercase ASCII parts of a name; `kind` is person or organisation."""
    from rigour.names import remove_org_types, remove_person_prefixes
    from rigour.text import ascii_text

    text = unicodedata.normalize("NFKC", name)
    if kind == "person":
        text = remove_person_prefixes(text)
        # "KIM, Tong-chol": the list writes the family name first, then a comma
        text = text.replace(",", " ")
    else:
        # legal forms (LLC, JSC, Co.) say nothing about which company it is
        text = remove_org_types(text) or text
    pieces: list[str] = []
    last = 0
    for run in _HANGUL_RUN.finditer(text):
        pieces.append(ascii_text(text[last : run.start()]))
        pieces.extend(f" {p} " for p in _romanise_hangul(run.group()))
        last = run.end()
    pieces.append(ascii_text(text[last:]))
    ascii = "".join(pieces).casefold().replace("'", "").replace("’", "")
    return tuple(p for p in _NON_ALNUM.split(ascii) if p)


@lru_cache(maxsize=1 << 16)
def spelling_key(part: str) -> str:
    # dzh/dj/j: the same sound romanised from Cyrillic, French and English spellings
    key = (
        part.replace("dzh", "j")
        .replace("dj", "j")
        .replace("kh", "h")
        .replace("ph", "f")
        .replace("w", "v")
        .replace("y", "i")
    )
    key = key.replace("ck", "k").replace("q", "k").replace("x", "ks")
    return _DOUBLE.sub(r"\1", key)


@lru_cache(maxsize=1 << 16)
def korean_key(part: str) -> str:
    key = part.replace("eo", "o").replace("eu", "u").replace("oo", "u").replace("ee", "i")
    key = key.replace("ae", "e").replace("tch", "j").replace("ch", "j").replace("sh", "s")
    key = key.translate(str.maketrans("gdbjr", "ktpcl"))
    return _DOUBLE.sub(r"\1", key)


__all__ = ["has_hangul", "korean_key", "name_parts", "spelling_key"]
