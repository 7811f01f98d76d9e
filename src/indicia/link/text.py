"""Text features the linker compares: normalised tokens, content terms, sentences.

Works in every script. Words are letter runs where a script separates words by
spaces (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari...); where it does not
(Han, kana, Thai, Lao, Khmer, Myanmar) and in Hangul, whose words carry their
particles, a run of letters becomes its overlapping character bigrams, so "强迫劳动"
and "强迫劳动者" share most tokens without a dictionary. Hiragana separates runs
in Japanese text, as particles and endings do. Normalisation makes surface
variants of one report compare equal: case, digit grouping ("50,000", "50.000"
and "50000"), digits of any script ("٥٠" and "50") and English number words.

It does not stem, lemmatise or translate; those would belong to a language model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from indicia.data import load_json
from indicia.text.scripts import script_counts
from indicia.text.sentences import split_sentences

# Scripts written without spaces between words, and Hangul (words with particles
# attached): their letter runs are split into character bigrams.
DENSE = (
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # Hangul
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # katakana
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
)
_HIRAGANA = "\u3040-\u309f"
_TOKEN_RE = re.compile(
    rf"(?P<number>\d+(?:[.,]\d+)*)|(?P<dense>[{DENSE}]+)|(?P<word>(?:(?![{DENSE}{_HIRAGANA}])\w)+)"
)
_DENSE_CHAR_RE = re.compile(f"[{DENSE}]")
# A separator followed by exactly three digits groups thousands ("6,500", "6.500");
# otherwise it is a decimal mark ("6,8" and "6.8" are both 6.8).
_GROUPED_RE = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")


def _stop_words() -> frozenset[str]:
    """Stop words of every language stopwordsiso lists, English ones from scikit-learn.

    One set for all texts: a text's language is not needed to drop its function words,
    and a word that is a stop word in one language and a term in another ("die") is
    rare among the terms that tell stories apart. stopwordsiso's English list is left
    out: it holds topic words ("million", "world", "work") that the story terms need.
    """
    import stopwordsiso

    words: set[str] = set(ENGLISH_STOP_WORDS)
    for language in stopwordsiso.langs() - {"en"}:
        words.update(w.casefold() for w in stopwordsiso.stopwords(language))
    return frozenset(words)


STOP_WORDS: frozenset[str] = _stop_words()


@cache
def stop_words(language: str | None = None) -> frozenset[str]:
    """Stop words for a text in `language`: English ones and that language's; all of
    them (`STOP_WORDS`) when the language is not known."""
    if language is None:
        return STOP_WORDS
    import stopwordsiso

    words = set(ENGLISH_STOP_WORDS)
    if language != "en" and language in stopwordsiso.langs():
        words.update(w.casefold() for w in stopwordsiso.stopwords(language))
    return frozenset(words)


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


def number_token(token: str) -> str:
    """A digit token in ASCII digits, thousands grouping removed, "." as decimal mark."""
    if not token.isascii():
        token = "".join(str(int(c)) if c.isdigit() else c for c in token)
    if _GROUPED_RE.match(token):
        return token.replace(",", "").replace(".", "")
    return token.replace(",", ".")


def is_dense(token: str) -> bool:
    """Whether `token` is written in a script without spaces between words (or Hangul)."""
    return bool(_DENSE_CHAR_RE.match(token))


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Tokens, each with whether only spaces or a hyphen separate it from the one before."""
    out: list[tuple[str, bool]] = []
    last_end = -1
    for match in _TOKEN_RE.finditer(text.lower()):
        gap = text[last_end : match.start()] if last_end >= 0 else "."
        glued = gap.strip(" -") == ""
        last_end = match.end()
        token = match.group()
        if match.lastgroup == "number":
            out.append((number_token(token), glued))
        elif match.lastgroup == "dense":
            if len(token) == 1:
                out.append((token, glued))
            else:
                out.extend((token[i : i + 2], glued or i > 0) for i in range(len(token) - 1))
        else:
            out.append((_spelling(token) if len(token) > 4 else token, glued))
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


def content_terms(tokens: list[str], language: str | None = None) -> list[str]:
    """Tokens that carry topic: no stop words, no one- or two-letter words.

    A plural "s" is dropped so "worker" and "workers" count as one term.
    """
    stop = stop_words(language)
    out = []
    for token in tokens:
        if token in stop or (len(token) < 3 and not token[0].isdigit() and not is_dense(token)):
            continue
        if len(token) > 4 and token.endswith("s") and not token.endswith("ss") and token.isascii():
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


def story_terms(
    text: str, tokens: list[str] | None = None, language: str | None = None
) -> list[str]:
    """Content terms for story clustering, names and lead terms repeated for weight.

    Names are the capitalised words of Latin-script text; other scripts have no case,
    and their terms all weigh the same.
    """
    terms = content_terms(tokens if tokens is not None else words(text), language)
    names = set(content_terms([m.lower() for m in _NAME_RE.findall(text)], language))
    out = []
    for i, term in enumerate(terms):
        times = (NAME_WEIGHT if term in names else 1) * (LEAD_WEIGHT if i < LEAD_TERMS else 1)
        out.extend([term] * times)
    return out


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str, min_words: int = 4, language: str | None = None) -> list[Sentence]:
    """Sentences of `text` with their offsets (`indicia.text.sentences`); fragments
    under `min_words` tokens are skipped."""
    out = []
    for span in split_sentences(text, language):
        piece = text[span.start : span.end]
        if len(_tokens(piece)) >= min_words:
            out.append(Sentence(span.start, span.end, piece))
    return out


def dominant_script(text: str) -> str | None:
    """The script most letters of the text's start are in ("latin", "han", ...).

    A stand-in for the language where none was detected: two documents in different
    scripts are in different languages (kana with Han is Japanese, not Chinese).
    """
    counts = script_counts(text[:3000])
    if counts.get("kana"):
        counts["kana"] += counts.pop("han", 0)
    if not counts:
        return None
    return max(sorted(counts), key=counts.__getitem__)
