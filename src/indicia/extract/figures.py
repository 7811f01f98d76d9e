"""Figures in every language we read, from the words around a numeral.

English sentences go through the token rules of `quantities.py`, which know English
grammar (clock ranges, changes, "three in four"). Every other sentence is read here,
in any script: `indicia.text.numbers` finds the numerals (digits by locale, CJK and
Hangul numerals, magnitudes, number words); the words right before and after each
one, from data/figure_words.json, say what it is:

- a unit or counter after it ("%", "ドル", "명", "時間", "Arbeiter", "trabajadores"),
  or a currency symbol before it; a numeral with none of these is not a figure;
- a qualifier before ("mehr als", "約", "최소") or after ("以上", "이 넘는", "여");
- a range ("50〜70", "entre 50 y 70", "zwischen 400 und 500", "300억~400억원"),
  a magnitude written once applying to both ends ("200 et 500 millions");
- a rate period after ("par mois", "в месяц") or before ("年間", "하루", "日々");
- the same amount in another currency in brackets ("300ドル(約3万4000円)");
- in Chinese, the people counted written before a number that ends its clause
  ("在中国工作的朝鲜人超过十万"); "and a half" after a time unit ("八年半", "8년 반").

Years ("2017年", "seit 2017") and dates ("2023年2月", "23 février 2021") are periods,
never figures; vague amounts ("des milliers", "수천", "mehreren Hundert") are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from indicia.data import load_json
from indicia.records import Amount
from indicia.text.numbers import Numeral, find_numerals


@dataclass
class Reading:
    """One figure read around numerals: text[start:end] is its surface."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    currency: bool = False
    qualifier: str | None = None
    per: str | None = None
    alternatives: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    noun: str | None = None


@cache
def _words() -> dict[str, Any]:
    return load_json("figure_words.json")  # type: ignore[no-any-return]


def _is_cjk(word: str) -> bool:
    return any(
        "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3"
        for c in word
    )


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _after(name: str) -> re.Pattern[str]:
    """A table's entries matched right after a numeral (after optional space)."""
    table = _words()[name]
    entries = list(table)
    cjk = [w for w in entries if _is_cjk(w) or not w[:1].isalnum()]
    latin = [w for w in entries if w not in cjk]
    parts = []
    if cjk:
        parts.append(rf"(?P<cjk>{_alternation(cjk)})")
    if latin:
        # a word ends where no letter of an alphabet follows: "420t에" ends "t" at the
        # Korean particle, "420tonnes" does not end at "t"
        parts.append(rf"(?P<latin>{_alternation(latin)})(?!{_ALPHABET_LETTER})")
    return re.compile(r"[ \u00a0\u202f]?(?:" + "|".join(parts) + ")", re.IGNORECASE)


# a letter of an alphabet: not a CJK character or a Hangul syllable, which are words
# or particles of their own
_ALPHABET_LETTER = r"(?![\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3])[^\W\d_]"


@cache
def _before(name: str) -> re.Pattern[str]:
    """A table's entries that end right before a numeral (before optional space)."""
    entries = list(_words()[name])
    cjk = [w for w in entries if _is_cjk(w)]
    latin = [w for w in entries if w not in cjk]
    return re.compile(
        rf"(?:(?P<cjk>{_alternation(cjk)})|(?<![^\W\d_])(?P<latin>{_alternation(latin)}))"
        r"[ \u00a0\u202f]?\Z",
        re.IGNORECASE,
    )


_DATES = re.compile(
    r"\d{4}\s*[年년]\s*\d{1,2}\s*[月월](?:\s*\d{1,2}\s*[日일])?"
    r"|\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]"
    r"|(?<!\d)\d{1,2}\s*[月월](?![収給額])"
    r"|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}:\d\d"
)
_YEAR_MONTH = re.compile(r"(?<![\d.,/-])(\d\d(\d\d))[-/](0[1-9]|1[0-2])(?![\d.,/-])")


@cache
def _page_counters() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _words()["page_counters"]), re.IGNORECASE)


def page_counter_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where text[start:end] is a page counting itself ("5 views", "评论5条", "댓글 3"):
    chrome, whose numbers are no figures, in any language."""
    return [(m.start(), m.end()) for m in _page_counters().finditer(text, start, end)]


def year_month_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where text[start:end] writes a month of a year as digits ("2020-03", "2024/11").

    "2011-12" may as well be the years 2011 to 2012, so a month is read only where
    the two digits cannot end a range of years: they are smaller than the year's own
    last two ("2020-03", not "2011-12").
    """
    return [
        (m.start(), m.end())
        for m in _YEAR_MONTH.finditer(text, start, end)
        if int(m[3]) < int(m[2])
    ]


_YEAR_AFTER = re.compile(r"\s*(?:年|년|年度|年代|년대)")
_WORD_AFTER = re.compile(
    r"[ \u00a0\u202f“”\"»«]+(?:(?:de|d['’]|des|di|del|of|der|von)[ \u00a0]*)?([^\W\d_][\w'’-]*)"
)
# How many words after a numeral are read for the noun it counts ("83 großen
# westlichen Marken", "80 des plus grandes marques").
_NOUN_REACH = 4
# the noun right after a counter when a particle or a linking character ends it
# ("9個省份的", "9つの工場で", "9개 지역에": a Korean word with its particle); without
# one the words after the counter may be a verb or a longer phrase ("27ヶ所確認して",
# "83種全球知名品牌", "83개 글로벌"), not read
_LINKS = "的之和与與のにでをがはへと"
_COUNTED_AFTER_COUNTER = re.compile(
    rf"の?((?:(?![{_LINKS}])[\u3040-\u30ff\u4e00-\u9fff]){{1,4}}?)(?=[{_LINKS}])"
    r"|[ \u00a0]?([\uac00-\ud7a3]{1,4}?)(?:에서|으로|에|의|을|를|과|와|로)(?![\uac00-\ud7a3])"
)
# the noun phrase after "の", up to a particle or a mark
_LINKED_NOUN = re.compile(
    r"((?:(?![がをはにでともへやの])[\u3040-\u30ff\u3400-\u9fffA-Za-z]){1,12})"
)


def _counted_kind(phrase: str) -> str | None:
    """people or count when a Japanese noun phrase ends with a word that counts
    ("世界的なブランド", "グローバル企業"); None otherwise ("理由")."""
    counters: dict[str, str] = _words()["counters"]
    ends = [w for w, kind in counters.items() if kind and len(w) > 1 and phrase.endswith(w)]
    return counters[max(ends, key=len)] if ends else None


_CJK_NOUN = re.compile(r"((?:(?![的之外和与與])[\u3040-\u30ff\u4e00-\u9fff]){1,6}?)[人名]")


def read_figures(text: str, start: int, end: int, language: str | None) -> list[Reading]:
    """The figures of the sentence text[start:end], in order."""
    numerals = [
        n
        for n in find_numerals(text, start, end, language)
        if not n.ordinal
        and not (n.words and n.value == 1)  # "一家", "una empresa": "a"
        and not (n.words and _vague_before(text, n.start))  # "mehreren Hundert"
    ]
    blocked = [(m.start(), m.end()) for m in _DATES.finditer(text, start, end)]
    blocked += year_month_spans(text, start, end)
    blocked += page_counter_spans(text, start, end)
    readings: list[Reading] = []
    i = 0
    while i < len(numerals):
        numeral = numerals[i]
        if readings and numeral.start < readings[-1].end:
            i += 1  # read already, as part of the figure before ("400ドル(約5万8000円)")
            continue
        if any(s <= numeral.start < e for s, e in blocked) or _date_word_near(text, numeral):
            i += 1
            continue
        reading, used = _read(text, end, numerals, i)
        i += used
        if reading is not None:
            readings.append(reading)
    return readings


def _vague_before(text: str, start: int) -> bool:
    """ "mehreren Hundert", "plusieurs centaines": a number word after a word that
    makes it vague, no figure."""
    head = _head_words(text, start)
    words: list[str] = _words()["vague_before"]
    return any(head[-len(w.split()) :] == w.split() for w in words)


def _date_word_near(text: str, numeral: Numeral) -> bool:
    """ "23 février 2021", "février 2023": a day or year next to a month name."""
    before = re.search(r"([^\W\d_]+)\.?\s*\Z", text[max(0, numeral.start - 16) : numeral.start])
    after = re.match(r"\.?\s*([^\W\d_]+)", text[numeral.end : numeral.end + 16])
    months = set(_words()["date_words"])
    return bool(
        (before and before.group(1).lower() in months)
        or (after and after.group(1).lower() in months)
    )


def _is_year(numeral: Numeral) -> bool:
    return (
        not numeral.words
        and numeral.end - numeral.start == 4  # "2 000" and "2,000" are amounts
        and numeral.magnitude == 1.0
        and numeral.value.is_integer()
        and 1900 <= numeral.value <= 2099
    )


def _read(text: str, stop: int, numerals: list[Numeral], i: int) -> tuple[Reading | None, int]:
    """The figure that starts at numerals[i], and how many numerals it used."""
    first = numerals[i]
    last = first
    used = 1
    low = high = None
    value: float | None = first.value
    second = _range_end(text, numerals, i)
    if second is not None:
        last = numerals[i + 1]
        used = 2
        a, b = first.value, last.value
        if last.magnitude > 1 and first.magnitude == 1 and a * last.magnitude <= b * 10:
            a *= last.magnitude  # "200 et 500 millions": the magnitude is written once
        low, high, value = min(a, b), max(a, b), None
        if _is_year(first) and _is_year(last):
            return None, used  # "2020~2022년", "entre 2011 et 2020": a period
    position = last.end
    reading = Reading(first.start, last.end, value, low, high)
    if first.approximate or last.approximate:
        reading.qualifier = last.approximate or first.approximate
    position = _qualifier_after(text, position, stop, reading)
    position = _unit(text, position, stop, reading, last)
    position = _qualifier_after(text, position, stop, reading)
    if not reading.unit and not _is_year(first):
        _people_before(text, first.start, position, stop, reading)
    if not reading.unit and not _is_year(first) and _after("per_after").match(text, position, stop):
        reading.unit = "count"  # "بمعدل 12 كل أسبوع", "3 par jour": a count at a rate
    if not reading.unit:
        return None, used
    if _is_year(first) and reading.unit == "years" and second is None:
        return None, used  # "2017年": a year
    symbol = _currency_before(text, first.start)
    if symbol is not None:
        reading.start = symbol[0]
    reading.end = position
    qualifier = _qualifier_before(text, reading.start)
    if qualifier is not None:
        reading.qualifier, reading.start = qualifier
    reading.per = (
        reading.per or _per_before(text, reading.start) or _per_after(text, position, stop)
    )
    if reading.currency:
        reading.end = _alternatives(text, reading.end, stop, reading)
    return reading, used


def _range_end(text: str, numerals: list[Numeral], i: int) -> Numeral | None:
    if i + 1 >= len(numerals):
        return None
    first, nxt = numerals[i], numerals[i + 1]
    gap = text[first.end : nxt.start]
    connectors = _words()["range_connectors"]
    # a unit or currency may stand after the first number too: "300억~400억원", "$5-$8"
    stripped = re.sub(r"^[^\W\d_]{0,3}(?=\s*[〜~～\-–—])", "", gap.strip())
    stripped = stripped.strip(" \u00a0$£€¥₩")
    if stripped.lower() not in connectors:
        return None
    if len(stripped) > 1 and stripped.isalpha():
        # a word connector ("und", "et", "y") needs an opener before the first number
        head = _head_words(text, first.start)
        opened = bool(head) and head[-1] in _words()["range_openers"]
        if not opened and stripped not in ("bis", "à", "до", "إلى", "الى", "から", "至", "到"):
            return None
    elif len(stripped) == 1 and stripped.isascii() and stripped.isalpha():
        head = _head_words(text, first.start)
        if not head or head[-1] not in _words()["range_openers"]:
            return None
    if first.value > nxt.value and first.magnitude == nxt.magnitude:
        return None
    return nxt


def _head_words(text: str, start: int) -> list[str]:
    return [w.strip("“”\"«»„‘’'([") for w in text[max(0, start - 16) : start].lower().split()]


def _qualifier_after(text: str, position: int, stop: int, reading: Reading) -> int:
    match = _after("qualifiers_after").match(text, position, stop)
    if match is None:
        return position
    word = (match["cjk"] or match["latin"] or "").lower()
    table: dict[str, str] = _words()["qualifiers_after"]
    reading.qualifier = reading.qualifier or table.get(word)
    return match.end()


def _unit(text: str, position: int, stop: int, reading: Reading, last: Numeral) -> int:
    percent = _after("percent").match(text, position, stop)
    if percent is not None:
        reading.unit = "percent"
        return percent.end()
    tenths = _after("tenths").match(text, position, stop)
    if tenths is not None and text[position : position + 1] != " ":
        # "7割": seven tenths
        reading.unit = "percent"
        reading.value = reading.value * 10 if reading.value is not None else None
        reading.low = reading.low * 10 if reading.low is not None else None
        reading.high = reading.high * 10 if reading.high is not None else None
        return tenths.end()
    currency = _after("currencies_after").match(text, position, stop)
    if currency is None:
        # "7 millions de dollars", "5 milioni di dollari"
        linked = re.match(r"[ \u00a0](?:de|di|d['’])[ \u00a0]?", text[position : position + 5])
        if linked:
            currency = _after("currencies_after").match(text, position + linked.end(), stop)
    if currency is not None:
        word = (currency["cjk"] or currency["latin"] or "").lower()
        reading.unit = _words()["currencies_after"][word]
        reading.currency = True
        end = currency.end()
        # "300$ USD": a symbol then the code
        code = re.match(r"\s?(?:USD|US\$|EUR|GBP)\b", text[end : end + 6])
        return end + code.end() if code else end
    symbol = _currency_before(text, reading.start)
    if symbol is not None:
        reading.unit, reading.currency = symbol[1], True
        return position
    unit = _after("units_after").match(text, position, stop)
    if unit is not None:
        word = (unit["cjk"] or unit["latin"] or "").lower()
        if word == "t" and text[position : position + 1] == " ":
            return position  # "420t" yes, "420 t" is too short to tell
        if word in ("年", "년") and _is_year(last):
            return position
        reading.unit = _words()["units_after"][word]
        half = _AND_A_HALF.match(text, unit.end(), stop)
        if half is not None and reading.value is not None:
            reading.value += 0.5  # "八年半", "3時間半", "8년 반": and a half
            return half.end()
        return unit.end()
    counter = _after("counters").match(text, position, stop)
    if counter is not None:
        word = counter["cjk"] or counter["latin"] or ""
        kind = _words()["counters"].get(word, "count")
        if kind:
            reading.unit = kind  # a counter ("名", "개") says a count, not what is counted
            after = _qualifier_after(text, counter.end(), stop, reading)
            # "100개 이상의 기업": a qualifier after the counter is no counted noun
            counted = (
                None
                if after > counter.end()
                else _COUNTED_AFTER_COUNTER.match(text, counter.end(), stop)
            )
            if counted is not None and kind == "count":
                # "9個省份", "9개 지역", "9つの工場": the noun after a counter is what it counts
                reading.noun = counted.group(1) or counted.group(2)
            return counter.end()
        linked = _LINKED_NOUN.match(text, counter.end(), stop)
        if linked is not None and (kind := _counted_kind(linked.group(1))) is not None:
            # "82の世界的なブランド": a count word ends the noun phrase after の
            reading.unit, reading.noun = kind, linked.group(1)
            return position
    if _is_year(last) and reading.low is None:
        return position
    cjk_noun = _CJK_NOUN.match(text, position, stop)
    if cjk_noun is not None and (not last.words or last.value >= 100):
        # "8萬維吾爾人", "北朝鮮労働者": a noun written before its counter
        reading.unit, reading.noun = "people", cjk_noun.group(1)
        return cjk_noun.end()
    at = position
    for hop in range(_NOUN_REACH):
        noun = _WORD_AFTER.match(text, at, stop)
        if noun is None:
            break
        word = noun.group(1)
        if word.lower() in _words()["noun_phrase_ends"]:
            break  # "diez camas para los obreros": the labourers are another phrase
        kind = _noun_kind(word)
        if kind is None and hop == 0 and _capitalised_noun(word, last):
            kind = "count"  # German writes nouns with a capital: "75 Fabriken", "824 Tote"
        if kind is not None:
            reading.unit, reading.noun = kind, text[position : noun.end()].strip()
            return noun.end()
        at = noun.end()
    return position


# "朝鲜人超过十万", "工人达十万": the people counted, written before their number (and
# the qualifier or verb between), the number ending its clause
_PEOPLE_BEFORE = re.compile(
    r"((?:(?![的之和与與在有年])[\u4e00-\u9fff]){0,5}(?:[人者]|[劳勞员員]工|[职職]员|[职職]員))"
    r"(?:超过|超過|逾|达|達|约|約|近|有|多达|多達)?\Z"
)
_CLAUSE_END = re.compile(r"\s*(?:[。，、；！？,.;!?）)」』]|\Z)")


def _people_before(text: str, start: int, position: int, stop: int, reading: Reading) -> None:
    """A number with no counter after it that ends its clause, right after a CJK noun
    of people ("目前在中国工作的朝鲜人超过十万。"): a count of those people."""
    if not _CLAUSE_END.match(text, position, stop) and position < stop:
        return
    match = _PEOPLE_BEFORE.search(text, max(0, start - 10), start)
    if match is not None:
        reading.unit, reading.noun = "people", match.group(1)


def _noun_kind(word: str) -> str | None:
    """people or count for a word that names counted people or things: a stem at
    its start, or inside it when the stem is long enough to say so ("Gastarbeiter")."""
    lowered = word.lower()
    for kind in ("people", "count"):
        for stem in _words()[f"{kind}_words"]:
            if lowered.startswith(stem) or (len(stem) >= 5 and stem in lowered):
                return kind
    return None


def _capitalised_noun(word: str, last: Numeral) -> bool:
    return (
        word[:1].isupper()
        and word[1:2].islower()
        and len(word) > 2
        and not last.words
        and word.lower() not in _words()["date_words"]
    )


_SYMBOLS = {
    "U$D": "USD",
    "US$": "USD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₩": "KRW",
    "₽": "RUB",
}


def _currency_before(text: str, start: int) -> tuple[int, str] | None:
    window = text[max(0, start - 5) : start]
    head = window.rstrip(" \u00a0")
    for symbol, code in _SYMBOLS.items():
        if head.endswith(symbol):
            return start - (len(window) - len(head)) - len(symbol), code
    return None


def _qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    window = text[max(0, start - 24) : start]
    match = _before("qualifiers_before").search(window)
    if match is None:
        return None
    word = (match["cjk"] or match["latin"] or "").lower()
    table: dict[str, str] = _words()["qualifiers_before"]
    qualifier = table.get(word)
    if qualifier is None:
        return None
    return qualifier, start - (len(window) - match.start())


@cache
def _per_before_pattern() -> re.Pattern[str]:
    return re.compile(_alternation(list(_words()["per_before"])))


def _per_before(text: str, start: int) -> str | None:
    """A rate word shortly before the figure in its clause ("年間23億ドル", "月給は
    平均で400ドル", "하루 15시간")."""
    window = re.split(r"[、。，,.;:!?]", text[max(0, start - 12) : start])[-1]
    found = list(_per_before_pattern().finditer(window))
    if not found:
        return None
    match = found[-1]
    return str(_words()["per_before"][match.group()])


def _per_after(text: str, position: int, stop: int) -> str | None:
    # reach past a verb ("douze ouvriers décèdent chaque jour"), never past punctuation
    window_end = min(stop, position + 32)
    for offset in range(0, 16):
        at = position + offset
        if at >= window_end or text[at] in ",.;:、。，)）":
            return None
        match = _after("per_after").match(text, at, window_end)
        if match is not None:
            word = (match["cjk"] or match["latin"] or "").lower()
            return str(_words()["per_after"][word])
    return None


_AND_A_HALF = re.compile(r"半|[ \u00a0]?반(?=을|의|이|에|동안|간|만에|[^\uac00-\ud7a3]|\Z)")
_BRACKET = re.compile(r"\s?[(（]\s?")


def _alternatives(text: str, position: int, stop: int, reading: Reading) -> int:
    """ "300ドル(約3万4000円)": the amount in another currency joins the figure."""
    opening = _BRACKET.match(text, position, stop)
    if opening is None:
        return position
    close = min(
        (k for k in (text.find(")", opening.end(), stop), text.find("）", opening.end(), stop))
         if k >= 0),
        default=-1,
    )  # fmt: skip
    if close < 0 or close - opening.end() > 40:
        return position
    inner = read_figures(text, opening.end(), close, None)
    if len(inner) != 1 or not inner[0].currency or inner[0].unit == reading.unit:
        return position
    other = inner[0]
    reading.alternatives = (text[opening.end() : close],)
    reading.amounts = (
        Amount(text[opening.end() : close], other.value, other.low, other.high, other.unit),
    )
    return close + 1
