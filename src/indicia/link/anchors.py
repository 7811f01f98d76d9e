"""Anchors: what a report keeps when it is translated, summarised or rewritten.

A translation shares few words with its original, but it keeps the figures
("80,000", "8万", "80.000", "8만", "80 000" are one anchor), the years, the names
written in Latin script inside any text ("ASPI", "Chapman"), and the words of its
web address. Each anchor is a short key:

- `#<value>`: a figure of 10 or more (3 significant digits), with the
  multiplier words of `data/figures.json` applied ("6,8 millones" and
  "680万" are both `#6.8e+06`);
- `y:<year>`: a year from 1900 to 2099;
- `d:<month>-<day>`: a day of a month, the month named in any language of
  `data/months.json` ("16 May", "16. Mai", "16 de mayo", "16 мая") or written
  with digits in Chinese, Japanese, Korean or Vietnamese ("5月16日", "5월 16일",
  "ngày 16 tháng 5") or ISO form: a report's dates are the event's, and a later
  event of the same case has other ones;
- `@<name>`: a capitalised Latin-script word that does not open a sentence, an
  acronym, or any Latin-script word of three letters or more inside text in
  another script, lower-cased;
- `@<word>` also for the words of the URL's path (the slug), so an English slug
  meets the names of an English text.

Anchors say nothing about which story a document belongs to on their own; the
linker weighs them by how rare they are (`cluster.StoryIndex` idf) and needs
several to agree. It does not read number words ("fifty thousand") here: the
words of a text already carry them within its language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

from indicia.data import load_json
from indicia.link.text import STOP_WORDS, number_token

# A figure: digits with thousands groups (comma, dot, space, no-break or thin space,
# apostrophe, Arabic separator) and a decimal part, then an optional multiplier word.
_NUMBER = r"\d{1,3}(?:[,.\u00a0\u202f\u2009 '\u066c]\d{3})+(?:[.,\u066b]\d+)?|\d+(?:[.,\u066b]\d+)?"
_LATIN_WORD_RE = re.compile(
    r"(?<![^\W\d_])[A-Za-z\u00c0-\u024f][a-z\u00df-\u024f'’]*(?:[A-Z]+[a-z]*)*"
)
_ACRONYM_RE = re.compile(r"^[A-Z]{2,}$")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
_OTHER_LETTER_RE = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;。！？\n«\"“„(\[-]\s*)$")
_SLUG_SPLIT_RE = re.compile(r"[^0-9A-Za-z\u00c0-\u024f]+")

MIN_FIGURE = 10
MIN_NAME = 3
MIN_SKELETON = 3


@dataclass(frozen=True)
class _Figures:
    pattern: re.Pattern[str]
    multipliers: dict[str, float]


@cache
def _figures() -> _Figures:
    table = load_json("figures.json")["multipliers"]
    multipliers = {str(word).casefold(): float(value) for word, value in table.items()}
    words = sorted(multipliers, key=len, reverse=True)
    # A multiplier in a script without spaces may touch the digits ("8万"); a Latin one
    # must end at a word boundary ("6 million", not "6 millionaires").
    alternatives = "|".join(re.escape(w) + (r"\b" if w[-1].isascii() else "") for w in words)
    pattern = re.compile(
        rf"(?<![\d.,])(?P<number>{_NUMBER})(?:\s?(?P<multiplier>{alternatives}))?(?![\d])",
        re.IGNORECASE,
    )
    return _Figures(pattern, multipliers)


def _value(number: str) -> float | None:
    compact = re.sub(r"[\u00a0\u202f\u2009 '\u066c]", "", number).replace("\u066b", ".")
    token = number_token(compact)
    try:
        return float(token)
    except ValueError:
        return None


def figures(text: str) -> list[tuple[str, int, int]]:
    """(anchor key, start, end) of each figure and year in `text`."""
    table = _figures()
    out: list[tuple[str, int, int]] = []
    for match in table.pattern.finditer(text):
        value = _value(match.group("number"))
        if value is None:
            continue
        multiplier = match.group("multiplier")
        if multiplier:
            value *= table.multipliers[multiplier.casefold()]
        elif value.is_integer() and 1900 <= value <= 2099 and len(match.group("number")) == 4:
            out.append((f"y:{int(value)}", match.start(), match.end()))
            continue
        if value >= MIN_FIGURE:
            out.append((f"#{value:.3g}", match.start(), match.end()))
    return out


@cache
def _months() -> dict[str, int]:
    """Month name (case-folded, any language of data/months.json) -> month number."""
    month_of: dict[str, int] = {}
    for names_ in load_json("months.json")["months"].values():
        for number, spellings in enumerate(names_, start=1):
            for spelling in spellings.split("|"):
                month_of[spelling.casefold()] = number
    return month_of


# A day number beside a word, in either order; the word is looked up in the month table
# (one dictionary look-up per candidate, not a regex alternation over every name).
# Month names of two words ("كانون الثاني") are read as the word pair.
_DAY_MONTH_RE = re.compile(
    r"(?<![\d.,])(?P<d1>\d{1,2})(?!\d)(?:\.|er|º|st|nd|rd|th)?\s*(?:de\s+)?"
    r"(?P<m1>[^\W\d_]+(?:\s[^\W\d_]+)?)"
)
_MONTH_DAY_RE = re.compile(r"(?P<m2>[^\W\d_]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d:])")
_NUMERIC_DATE_RE = re.compile(
    r"(?<!\d)(?P<m3>\d{1,2})\s*[月월]\s*(?P<d3>\d{1,2})\s*[日号號일]"
    r"|ngày\s+(?P<d4>\d{1,2})\s+tháng\s+(?P<m4>\d{1,2})(?!\d)"
    r"|(?<!\d)(?:19|20)\d\d-(?P<m5>[01]\d)-(?P<d5>[0-3]\d)(?!\d)"
)


def dates(text: str) -> list[tuple[str, int, int]]:
    """(anchor key, start, end) of each day of a month in `text` (see the module doc)."""
    month_of = _months()
    found: list[tuple[int, int, int, int]] = []  # month, day, start, end
    # Two scans, so that a word before a day ("filed 16") does not hide "16 May".
    for match in _DAY_MONTH_RE.finditer(text):
        words = match.group("m1").casefold()
        month = month_of.get(words) or month_of.get(words.split()[0])
        if month:
            found.append((month, int(match.group("d1")), match.start(), match.end()))
    for match in _MONTH_DAY_RE.finditer(text):
        month = month_of.get(match.group("m2").casefold())
        if month:
            found.append((month, int(match.group("d2")), match.start(), match.end()))
    for match in _NUMERIC_DATE_RE.finditer(text):
        for i in (3, 4, 5):
            if match.group(f"m{i}") is not None:
                month, day = int(match.group(f"m{i}")), int(match.group(f"d{i}"))
                found.append((month, day, match.start(), match.end()))
                break
    return [
        (f"d:{month:02d}-{day:02d}", start, end)
        for month, day, start, end in sorted(found, key=lambda f: f[2])
        if 1 <= month <= 12 and 1 <= day <= 31
    ]


def _foreign(text: str) -> bool:
    """Whether most letters of `text` are not Latin ones."""
    return len(_OTHER_LETTER_RE.findall(text)) > len(_LATIN_LETTER_RE.findall(text))


def _in_latin_line(text: str, at: int) -> bool:
    """Whether the line around `at` is all Latin script: in a text in another script,
    such a line is page furniture (icon names, menus) or an embedded quote, not the
    report's own naming of people and places."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return not _foreign_letters(text[start : end if end >= 0 else len(text)])


def _foreign_letters(line: str) -> bool:
    return bool(_OTHER_LETTER_RE.search(line))


def names(text: str) -> list[tuple[str, int, int]]:
    """(anchor key, start, end) of Latin-script names in `text` (see the module doc)."""
    foreign = _foreign(text[:4000])
    out: list[tuple[str, int, int]] = []
    for match in _LATIN_WORD_RE.finditer(text):
        if foreign and _in_latin_line(text, match.start()):
            continue
        word = re.sub(r"['’](?:s)?$", "", match.group())
        if len(word) < MIN_NAME:
            continue
        key = word.casefold()
        if key in STOP_WORDS:
            continue
        if not foreign:
            if not (word[0].isupper() or _ACRONYM_RE.match(word)):
                continue
            before = text[max(0, match.start() - 3) : match.start()]
            if not _ACRONYM_RE.match(word) and _SENTENCE_START_RE.search(before):
                continue
        out.append((f"@{key}", match.start(), match.end()))
    return out


_KATAKANA_RUN_RE = re.compile(r"[\u30a1-\u30fa\u30fc\u30fb\uff66-\uff9f]{3,}")
_CYRILLIC_NAME_RE = re.compile(
    r"(?<![^\W\d_])[\u0410-\u042f\u0401\u0404\u0406\u0407][\u0430-\u044f\u0451\u0454\u0456\u0457'’ьъ]{2,}"
)
# Sounds that transliterations of one name keep apart in spelling but not in sound:
# "Chapman", "Чепмен" and "チャップマン" all read S-P-M-N.
_SOUND_CLUSTERS = (
    ("tch", "s"),
    ("tsh", "s"),
    ("sch", "s"),
    ("ch", "s"),
    ("sh", "s"),
    ("zh", "s"),
    ("ts", "s"),
    ("ph", "p"),
    ("th", "t"),
    ("gh", "k"),
    ("kh", "k"),
)
_SOUND_CLASSES = str.maketrans("cgkqbfpvdtlrszxj", "kkkkppppttrrssss")


def skeleton(word: str) -> str:
    """The consonant skeleton of a name read in Latin letters ("Chapman" -> "spmn")."""
    from anyascii import anyascii

    # Japanese sokuon and long marks carry no consonant of their own.
    latin = anyascii(re.sub("[ッっー・]", "", word)).lower()
    latin = re.sub(r"[^a-z]", "", latin)
    for cluster, sound in _SOUND_CLUSTERS:
        latin = latin.replace(cluster, sound)
    latin = re.sub(r"[aeiouyhw]", "", latin.translate(_SOUND_CLASSES))
    return re.sub(r"(.)\1+", r"\1", latin)


def sound_keys(text: str, latin_names: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """`~<skeleton>` keys of names in Latin, Cyrillic and katakana script (see `skeleton`)."""
    found = [(text[s:e], s, e) for _key, s, e in latin_names]
    found += [(m.group(), m.start(), m.end()) for m in _KATAKANA_RUN_RE.finditer(text)]
    for match in _CYRILLIC_NAME_RE.finditer(text):
        before = text[max(0, match.start() - 3) : match.start()]
        if not _SENTENCE_START_RE.search(before):
            found.append((match.group(), match.start(), match.end()))
    out = []
    for word, start, end in found:
        key = skeleton(word)
        if len(key) >= MIN_SKELETON:
            out.append((f"~{key}", start, end))
    return out


# Words of web addresses that name no report: file types and the path words of site
# and forum software ("/bbs/board.php", "/index.php/content/", "/entry/", "/detail/").
_URL_WORDS = frozenset(
    (
        *("html", "htm", "php", "aspx", "asp", "jsp", "cgi", "shtml", "amp", "www"),
        *("news", "article", "articles", "bbs", "board", "view", "index", "post", "posts"),
        *("entry", "detail", "content", "contents", "page", "blog", "node", "archives"),
    )
)


def slug_words(url: str | None) -> list[str]:
    """Anchor keys of the words in the path of `url` (its slug)."""
    if not url:
        return []
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return []
    out = []
    for word in _SLUG_SPLIT_RE.split(path.casefold()):
        if (
            len(word) >= MIN_NAME
            and not word.isdigit()
            and word not in STOP_WORDS
            and word not in _URL_WORDS
        ):
            out.append(f"@{word}")
    return out


def anchors(text: str, url: str | None = None) -> list[str]:
    """Every anchor key of a document, in text order, with repeats."""
    latin = names(text)
    found = sorted(
        [*figures(text), *dates(text), *latin, *sound_keys(text, latin)],
        key=lambda a: a[1],
    )
    return [key for key, _, _ in found] + slug_words(url)


def describe(key: str) -> str:
    """An anchor key in words for the dossier ("#8e+04" -> "figure 80000")."""
    kind, rest = key[0], key[1:]
    if kind == "#":
        value = float(rest)
        return f"figure {int(value)}" if value.is_integer() else f"figure {value:g}"
    if key.startswith("y:"):
        return f"year {key[2:]}"
    if key.startswith("d:"):
        month, day = key[2:].split("-")
        return f"date {int(day)} of month {int(month)}"
    if kind == "~":
        return f"a name sounding {rest.upper()}"
    return f"name {rest}"
