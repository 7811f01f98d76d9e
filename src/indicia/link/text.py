"""Text features the linker compares: normalised words, content terms, sentences.

Normalisation makes surface variants of the same report compare equal: case,
digit grouping ("50,000" and "50000") and English number words ("fifty thousand").
It also tells whether a text is English, the only language whose rewrites and
stories the linker processes (near-duplicates are found in any language).

It does not stem, lemmatise or translate; those would belong to a language model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from indicia.data import load_json

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|\w+", re.UNICODE)
# A sentence ends at . ! ? (optionally closed by a quote or bracket) before white space,
# or at a line break; good enough for alignment, which tolerates a wrong split.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)


@dataclass(frozen=True)
class _NumberWords:
    units: dict[str, int]
    tens: dict[str, int]
    hundred: dict[str, int]
    scales: dict[str, int]

    def value(self, word: str) -> int | None:
        for table in (self.units, self.tens):
            if word in table:
                return table[word]
        return None

    def is_number_word(self, word: str) -> bool:
        return (
            word in self.units or word in self.tens or word in self.hundred or word in self.scales
        )


@cache
def _number_words() -> _NumberWords:
    data = load_json("number_words.json")
    return _NumberWords(data["units"], data["tens"], data["hundred"], data["scales"])


def raw_tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens, digit grouping removed ("50,000" -> "50000")."""
    return [token for token, _glued in _tokens(text)]


# British and American spellings of one word compare equal: "labour" and "labor",
# "mobilise" and "mobilize". Applied to every text alike, so a rule that also hits
# an unrelated word ("hour" -> "hor") changes no comparison.
_SPELLING = (
    (re.compile(r"(?<=\w\w)our(?=(?:s|ed|ing|er|ers|ite|ites|able)?$)"), "or"),
    (re.compile(r"(?<=\w\w)is(?=(?:e|es|ed|ing|ation|ations)$)"), "iz"),
)


@lru_cache(maxsize=200_000)
def _spelling(token: str) -> str:
    for pattern, replacement in _SPELLING:
        token = pattern.sub(replacement, token)
    return token


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Tokens, each with whether only spaces or a hyphen separate it from the one before."""
    out: list[tuple[str, bool]] = []
    last_end = -1
    for match in _TOKEN_RE.finditer(text.lower()):
        token = match.group()
        if token[0].isdigit():
            token = token.replace(",", "")
        elif len(token) > 4:
            token = _spelling(token)
        gap = text[last_end : match.start()] if last_end >= 0 else "."
        out.append((token, gap.strip(" -") == ""))
        last_end = match.end()
    return out


def words(text: str) -> list[str]:
    """`raw_tokens` with runs of English number words replaced by their value."""
    return _join_number_words(_tokens(text))


def _join_number_words(tokens: list[tuple[str, bool]]) -> list[str]:
    table = _number_words()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i][0]
        if not table.is_number_word(word) or word in table.scales or word in table.hundred:
            out.append(word)
            i += 1
            continue
        total, current, j = 0, 0, i
        previous = ""  # kind of the last number word: unit, ten, hundred, scale
        while j < len(tokens):
            token, glued = tokens[j]
            if j > i and not glued:
                break
            unit = table.value(token)
            if unit is not None:
                # "twenty five" is one number; "five ten" and "two three" are not.
                if previous == "unit" or (previous == "ten" and token in table.tens):
                    break
                if previous == "ten" and unit >= 10:
                    break
                current += unit
                previous = "ten" if token in table.tens else "unit"
            elif token in table.hundred and previous in ("unit", "ten"):
                current = current * 100
                previous = "hundred"
            elif token in table.scales and previous in ("unit", "ten", "hundred"):
                total += current * table.scales[token]
                current = 0
                previous = "scale"
            elif token == "and" and _and_continues(tokens, j, table):
                previous = "and"
            else:
                break
            j += 1
        out.append(str(total + current))
        i = j
    return out


def _and_continues(tokens: list[tuple[str, bool]], j: int, table: _NumberWords) -> bool:
    """'hundred and five' is one number; 'one hundred and two hundred' is two."""
    if j == 0 or j + 1 >= len(tokens) or not tokens[j + 1][1]:
        return False
    before, after = tokens[j - 1][0], tokens[j + 1][0]
    if not (before in table.hundred or before in table.scales):
        return False
    if table.value(after) is None:
        return False
    following = tokens[j + 2][0] if j + 2 < len(tokens) else ""
    return not (following in table.hundred or following in table.scales)


def normalise(text: str) -> str:
    """The text as one line of normalised tokens, for character n-gram matching."""
    return " ".join(words(text))


def content_terms(tokens: list[str]) -> list[str]:
    """Tokens that carry topic: no stop words, no one- or two-letter words.

    A plural "s" is dropped so "worker" and "workers" count as one term.
    """
    out = []
    for token in tokens:
        if token in STOP_WORDS or (len(token) < 3 and not token.isdigit()):
            continue
        if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        out.append(token)
    return out


# A capitalised word that does not open a sentence or line: a name, most of the time.
_NAME_RE = re.compile(r"(?<![.!?\n]\s)(?<!^)\b([A-Z][a-z]{2,})\b", re.M)
# Names tell two events of one kind apart (two rehab admissions, two bombings), and a
# report's lead says what it is about; both count double (tuned on ECB+ dev).
NAME_WEIGHT = 2
LEAD_TERMS = 60
LEAD_WEIGHT = 2


def story_terms(text: str, tokens: list[str] | None = None) -> list[str]:
    """Content terms for story clustering, names and lead terms repeated for weight."""
    terms = content_terms(tokens if tokens is not None else words(text))
    names = set(content_terms([m.lower() for m in _NAME_RE.findall(text)]))
    out = []
    for i, term in enumerate(terms):
        times = (NAME_WEIGHT if term in names else 1) * (LEAD_WEIGHT if i < LEAD_TERMS else 1)
        out.extend([term] * times)
    return out


def english_share(tokens: list[str]) -> float:
    """Share of tokens that are English stop words (about 0.4 in English prose)."""
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if t in STOP_WORDS) / len(tokens)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str, min_words: int = 4) -> list[Sentence]:
    """Sentences of `text` with their offsets; fragments under `min_words` words are skipped."""
    out = []
    start = 0
    for match in [*_SENTENCE_END_RE.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        stripped = piece.strip()
        if stripped and len(_TOKEN_RE.findall(stripped)) >= min_words:
            offset = start + piece.find(stripped)
            out.append(Sentence(offset, offset + len(stripped), stripped))
        if match:
            start = match.end()
    return out
