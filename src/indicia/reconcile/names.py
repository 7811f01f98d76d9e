"""How a name sounds, whatever script it is written in: the key cross-script aliases meet on.

김정은, Ким Чен Ын, キム・ジョンウン and Kim Jong Un are one person written four
ways. `romanised` writes any name in Latin letters (anyascii: Korean in the
Revised Romanisation, Cyrillic by letter, kana by syllable, Han in pinyin);
`sound_key` then folds what romanisation systems disagree on: voiced and
voiceless stops (g/k, d/t, b/p), r and l, the affricates (j, ch, zh, dzh), h
and w, doubled letters and every vowel, and the vowels Japanese adds after a
consonant. A glide before a vowel stays (Hyun is not Hoon), and so does a
final ng (Jung is not Jun) except in the loose keys of scripts that write it
as n. What is left is the consonant skeleton of the name: kmjnn (kmjNn
strictly) for all four above, kmjnl for Kim Jong Il, kmyjn for Kim Yo Jong.

A key is lossy on purpose; it only proposes a match. `reconcile.entities`
merges two names on it only when one side is written in Latin letters and the
other not, the types agree, the key is long enough, and exactly one Latin name
in the pile has that key. Han read in Mandarin (金正恩 -> Jin Zhengen) never
meets a Korean or Japanese reading: such names meet only through a reading the
text gives beside them (see `extract.ner_native`).
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_WORDS = re.compile(r"[A-Za-z][a-z]*")
# kana: anyascii writes ジョ as "jiyo", キョ as "kiyo": the small kana is a glide
_KANA_PALATAL_GLIDE = re.compile(r"(j|ch|sh)iy(?=[aeiou])")
_KANA_GLIDE = re.compile(r"([kgnhbpmr])iy(?=[aeiou])")
_KANA_GEMINATE = re.compile(r"t(?=[pkstc])")
_FOLDS = (
    ("tch", "j"),
    ("dzh", "j"),
    ("zh", "j"),
    ("ch", "j"),
    ("sh", "s"),
    ("ts", "j"),
    ("kh", "h"),
    ("ph", "p"),
    ("th", "t"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("c", "k"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("f", "p"),
    ("v", "p"),
    ("r", "l"),
    ("z", "j"),
)
_GLIDE = re.compile(r"y(?=[aeiou])")
_VOWELS = re.compile(r"[aeiouyhw]")
_DOUBLED = re.compile(r"(.)\1+")
_POSTVOCALIC_R = re.compile(r"(?<=[aeiou])r(?![aeiouy])")
# Cyrillic and kana write a final ng as n (Ким Чен Ын, キム・ジョンウン): their keys
# meet only a Latin name's loose key, never a Hangul or Latin strict one
LOOSE = "~"


def is_latin(name: str) -> bool:
    """Whether every letter of `name` is a Latin letter (accents allowed)."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


def romanised(name: str) -> str:
    """`name` in lower-case Latin letters only, spaces and marks dropped."""
    text = anyascii(name)
    if _is_kana(name):
        text = _KANA_PALATAL_GLIDE.sub(r"\1", text.lower())
        text = _KANA_GEMINATE.sub("", _KANA_GLIDE.sub(r"\1y", text))
    # a doubled letter inside a word is one sound ("pp" in Apple); across words or
    # syllables (Kim Min-soo; anyascii writes 김민수 as GimMinSu) it is two
    words = _WORDS.findall(text)
    return "".join(_DOUBLED.sub(r"\1", w.lower()) for w in words)


def _is_kana(name: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" for ch in name)


def _is_cyrillic(name: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in name)


def sound_key(name: str, loose: bool = False) -> str:
    """The consonant skeleton of `name`, the same across romanisations (see the module doc).

    `loose` also folds a final ng into n, as Cyrillic and kana write it.
    """
    return _skeleton(romanised(name), loose)


def sound_keys(name: str) -> frozenset[str]:
    """The keys a name may meet another script's on.

    Hangul, Han (pinyin) and Latin names give their strict key; Cyrillic and kana
    names a loose one (marked with `LOOSE`), which a Latin name gives as well. A
    Latin name also gives its keys without an r after a vowel: Japanese and Korean
    renderings of English names drop it (Urbina -> アービナ, Park -> 박).
    """
    text = romanised(name)
    if _is_cyrillic(name) or _is_kana(name):
        keys = {LOOSE + _skeleton(text, loose=True)}
    else:
        keys = {_skeleton(text)}
    if is_latin(name):
        plain = _POSTVOCALIC_R.sub("", text)
        keys |= {_skeleton(plain), LOOSE + _skeleton(text, True), LOOSE + _skeleton(plain, True)}
    return frozenset(k for k in keys if k.strip(LOOSE))


def _skeleton(text: str, loose: bool = False) -> str:
    text = text.replace("ng", "n" if loose else "N")
    for written, sound in _FOLDS:
        text = text.replace(written, sound)
    text = _GLIDE.sub("Y", text)  # a glide before a vowel (Hyun, 현) is a sound of its own
    return _VOWELS.sub("", text)


__all__ = ["LOOSE", "is_latin", "romanised", "sound_key", "sound_keys"]
