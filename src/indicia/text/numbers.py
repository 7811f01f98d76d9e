"""Numbers as written in any script and locale: `find_numerals` finds every number in
a span of text and gives its value.

What it reads:
- digits of any script (ASCII, Arabic-Indic, Devanagari, full-width ...), since
  every Unicode decimal digit has its value;
- digit grouping and decimal marks by locale: "13,221" and "13.2" in English,
  "13.221" and "1,3" where a comma is the decimal mark (de, es, pt, ru ...), "13 221"
  with a space, no-break or narrow no-break space, "1'000", the Arabic marks ٬ and ٫,
  Indian grouping "1,00,000";
- magnitudes after digits, as words or abbreviations: "1.5 million", "$12.9bn",
  "1,3 млн", "2.300 millones", "5 Mio.", "mil millones", "3 lakh", "2 crore";
- CJK and Hangul numerals, positionally: "1万3千", "二十万", "23億", "5천", "300억",
  "8万5000", "200多万" (the 多 kept as an approximation);
- number words of the languages in data/number_words.json: "fifty thousand",
  "fünfundzwanzig", "cinq cents", "dos mil", "двадцать пять", "ستة", "다섯".

What it does not decide: what a number measures, whether it is a year, a date, an
ordinal or a reference ("Article 3"). Ordinals it can tell from their form ("3rd",
"第3", "3e") are flagged, not dropped. Every pass is one linear scan: the cost is
linear in the length of the text, whatever it holds.

`language` (ISO 639-1) chooses the decimal mark and the number words; without it,
a comma or dot before exactly three digits groups thousands, and only number words
that are not also ordinary words in another language are read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from indicia.data import load_json

# Languages that write the decimal mark as a comma ("1,5 Millionen", "8,5 hectáreas").
_DECIMAL_COMMA_LANGUAGES = (
    "de fr es pt it ru uk be pl cs sk sl hr sr bs bg ro hu nl da sv no nb nn fi et lv lt "
    "el tr az id vi is ka kk"
)
DECIMAL_COMMA = frozenset(_DECIMAL_COMMA_LANGUAGES.split())
# The longest word tried as a compound number ("siebenhundertsiebenundsiebzigtausend"
# has 36 letters): splitting is quadratic in a word's length, so longer words are
# not numbers.
_LONGEST_COMPOUND = 48
_SPACES = "\u00a0\u202f\u2009 "


@dataclass(frozen=True)
class Numeral:
    """text[start:end] writes one number worth `value`."""

    start: int
    end: int
    value: float
    words: bool = False  # written (at least partly) in words or CJK numerals
    magnitude: float = 1.0  # the magnitude read after the digits ("million" -> 1e6)
    ordinal: bool = False  # "3rd", "第3": a rank, not an amount
    approximate: str | None = None  # "200多万", "20여": more than the value


@dataclass(frozen=True)
class _Table:
    words: dict[str, float]
    hundreds: dict[str, float]
    scales: dict[str, float]
    abbreviations: dict[str, float]
    joiners: frozenset[str]
    prefixes: tuple[str, ...]
    compound: bool
    scale_links: frozenset[str] = frozenset()  # "une centaine de milliers": "de"
    approximate: frozenset[str] = frozenset()  # "centaine": about a hundred


@cache
def _data() -> dict[str, Any]:
    return load_json("number_words.json")  # type: ignore[no-any-return]


@cache
def _table(language: str | None) -> _Table:
    """The number words of `language`; with None, those of every language that are
    not also ordinary words elsewhere."""
    languages: dict[str, Any] = _data()["languages"]
    chosen = [languages[language]] if language in languages else list(languages.values())
    if language not in languages and language is not None:
        chosen = [languages["en"]]
    words: dict[str, float] = {}
    hundreds: dict[str, float] = {}
    scales: dict[str, float] = {}
    abbreviations: dict[str, float] = {}
    joiners: set[str] = set()
    scale_links: set[str] = set()
    approximate: set[str] = set()
    prefixes: list[str] = []
    compound = False
    for entry in chosen:
        skip = set(entry.get("ambiguous", ())) if len(chosen) > 1 else set()
        for name, target in (
            ("words", words),
            ("hundreds", hundreds),
            ("scales", scales),
            ("abbreviations", abbreviations),
        ):
            for word, value in entry.get(name, {}).items():
                if word not in skip:
                    target.setdefault(word, float(value))
        if len(chosen) == 1 or language is not None:
            joiners.update(entry.get("joiners", ()))
            scale_links.update(entry.get("scale_links", ()))
            approximate.update(entry.get("approximate", ()))
        prefixes.extend(entry.get("prefixes", ()))
        compound = compound or bool(entry.get("compound"))
    if len(chosen) > 1:
        joiners = {"and", "-"}
    return _Table(
        words, hundreds, scales, abbreviations, frozenset(joiners), tuple(prefixes), compound,
        frozenset(scale_links), frozenset(approximate),
    )  # fmt: skip


@cache
def _cjk() -> tuple[dict[str, int], dict[str, int], dict[str, float], dict[str, str]]:
    cjk: dict[str, Any] = _data()["cjk"]
    return (
        {k: int(v) for k, v in cjk["digits"].items()},
        {k: int(v) for k, v in cjk["small"].items()},
        {k: float(v) for k, v in cjk["large"].items()},
        dict(cjk["approximate"]),
    )


# A run of digits with grouping: one separator, used consistently, between groups of
# three (Indian grouping: twos, then a last three), then an optional decimal part.
_DIGITS = re.compile(
    # not inside a grouped number; a comma right after a word is punctuation ("职位,27")
    r"(?<![\d.])(?<!\d,)(?:"
    r"(?P<indian>\d{1,2}(?:,\d\d)+,\d{3})"
    r"|(?P<grouped>\d{1,3}(?P<sep>[,.'’\u066c\u00a0\u202f\u2009 ])\d{3}(?:(?P=sep)\d{3})*)"
    r"(?P<gdec>[.,\u066b]\d+)?"
    r"|(?P<plain>\d+)(?P<pdec>[.,\u066b]\d+)?"
    r")(?!\d)"
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ORDINAL_AFTER = re.compile(
    r"(?:st|nd|rd|th|e|er|ère|eme|ème|º|ª|°|-?(?:й|я|е|го|му|х))(?![^\W\d_])", re.IGNORECASE
)


def digit_value(text: str) -> str:
    """`text` with every decimal digit of any script as an ASCII digit."""
    return "".join(
        str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text
    )


def find_numerals(
    text: str, start: int = 0, end: int | None = None, language: str | None = None
) -> list[Numeral]:
    """Every number written in text[start:end], left to right, without overlaps."""
    stop = len(text) if end is None else end
    found = _digit_numerals(text, start, stop, language)
    found += _cjk_numerals(text, start, stop)
    found += _hangul_numerals(text, start, stop)
    found += _word_numerals(text, start, stop, language)
    found.sort(key=lambda n: (n.start, -n.end))
    out: list[Numeral] = []
    for numeral in found:
        if out and numeral.start < out[-1].end:
            continue  # the first and longest reading of a span wins
        out.append(numeral)
    return out


def parse_numeral(text: str, language: str | None = None) -> float | None:
    """The value of a text that is exactly one number ("fifty thousand", "13.221")."""
    stripped = text.strip()
    found = find_numerals(stripped, language=language)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        return None
    return found[0].value


def _digit_numerals(text: str, start: int, stop: int, language: str | None) -> list[Numeral]:
    out: list[Numeral] = []
    for match in _DIGITS.finditer(text, start, stop):
        read = _read_digits(match, text, stop, language)
        if read is None:
            continue
        value, end = read
        if match["indian"] is None and match["grouped"] is None and match["plain"] is None:
            continue
        magnitude, end = _magnitude_after(text, end, stop, language)
        cjk_value, cjk_end, approximate = _cjk_after(text, end, stop, value)
        ordinal = _ordinal(text, match.start(), end, stop)
        if cjk_end > end:
            out.append(Numeral(match.start(), cjk_end, cjk_value, True, 1.0, ordinal, approximate))
            continue
        out.append(Numeral(match.start(), end, value * magnitude, False, magnitude, ordinal))
    return out


def _read_digits(
    match: re.Match[str], text: str, stop: int, language: str | None
) -> tuple[float, int] | None:
    """The value of a run of digits and where it ends: the decimal mark and grouping
    are read by locale; a grouping that fits neither reading is cut where it fails."""
    decimal_comma = language in DECIMAL_COMMA
    end = match.end()
    if match["indian"]:
        return float(digit_value(match["indian"]).replace(",", "")), end
    if match["grouped"]:
        sep = match["sep"]
        groups = digit_value(match["grouped"]).split(sep)
        decimal = match["gdec"]
        if sep in _SPACES and language == "en":
            # English does not group with a space: "in 2019 250 workers" is two numbers
            return float(groups[0]), match.start() + len(match["grouped"].split(sep)[0])
        if decimal and decimal[0] == sep:
            decimal = None  # "1.234.5": not a number; read the grouped part only
            end = match.end("grouped")
        if len(groups) == 2 and sep in ",." and decimal is None:
            ambiguous = _one_group(groups, sep, text, end, stop, language, decimal_comma)
            if ambiguous is not None:
                return ambiguous, end
        value = float("".join(groups))
        if decimal:
            value += float("0." + digit_value(decimal[1:]))
        return value, end
    whole = digit_value(match["plain"])
    decimal = match["pdec"]
    if decimal:
        mark = decimal[0]
        if mark == "," and not decimal_comma and not _magnitude_follows(text, end, stop, language):
            # "(1,2)", "3,45": in English a comma is a list, not a decimal mark
            return float(whole), match.end("plain")
        return float(whole + "." + digit_value(decimal[1:])), end
    return float(whole), end


def _one_group(
    groups: list[str],
    sep: str,
    text: str,
    end: int,
    stop: int,
    language: str | None,
    decimal_comma: bool,
) -> float | None:
    """ "13.221", "6,500": one separator before three digits. A comma groups
    thousands unless the locale writes decimals with it and a magnitude follows
    ("1,500 Millionen"); a dot groups thousands where a comma is the decimal mark, or
    in a text of unknown language unless a magnitude follows ("1.500 million")."""
    head, tail = groups
    magnitude = _magnitude_follows(text, end, stop, language)
    if sep == ",":
        if decimal_comma and magnitude:
            return float(f"{head}.{tail}")
        return float(head + tail)
    if decimal_comma or (language is None and not magnitude):
        return float(head + tail)
    return float(f"{head}.{tail}")


def _magnitude_follows(text: str, end: int, stop: int, language: str | None) -> bool:
    return _magnitude_after(text, end, stop, language)[0] != 1.0


@cache
def _scales(language: str | None) -> dict[str, float]:
    """The magnitude words read after digits in `language`: its own, then the English
    ones it lacks ("$6.8 million" quoted in a Spanish text), never in place of its own
    ("mil" is a thousand in Spanish)."""
    return {**_table("en").scales, **_table(language).scales}


@cache
def _magnitude_pattern(language: str | None) -> re.Pattern[str]:
    table = _table(language)
    words = sorted(set(_scales(language)) | set(table.abbreviations), key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words) or r"(?!)"
    # glued ("12.9bn", "50k") or after one space ("1.5 million", "5 Mio."); a word ends
    # where letters end, and an abbreviation may carry its full stop
    return re.compile(
        rf"(?P<space>[\u00a0\u202f\u2009 ]?)(?P<word>{alternation})(?P<dot>\.)?(?![^\W\d_])",
        re.IGNORECASE,
    )


def _magnitude_after(text: str, end: int, stop: int, language: str | None) -> tuple[float, int]:
    """The magnitude written after digits ending at `end` (up to two: "mil millones")."""
    table = _table(language)
    pattern = _magnitude_pattern(language)
    magnitude = 1.0
    for _ in range(2):
        match = pattern.match(text, end, stop)
        if match is None:
            break
        word = match["word"].lower()
        scales = _scales(language)
        if word in table.abbreviations and word not in scales:
            if word == "m" and not _currency_before(text, end):
                break  # "5m" is five metres unless it is money ("$5m")
            if len(word) <= 2 and match["space"] and word in ("m", "b", "k"):
                break  # "5 m" is a unit; a magnitude letter is glued
        value = scales.get(word) or table.abbreviations.get(word)
        if value is None:
            break
        if magnitude != 1.0 and value <= magnitude:
            break
        magnitude *= value
        end = match.end() if (match["dot"] and word in table.abbreviations) else match.end("word")
    return magnitude, end


_CURRENCY_BEFORE = re.compile(r"(?:[$£€¥₩₽₹₱₦৳฿₫₺]|\bR[Mps]\s?)[\d.,]*$")


def _currency_before(text: str, end: int) -> bool:
    head = text[max(0, end - 24) : end]
    return _CURRENCY_BEFORE.search(head) is not None


def _ordinal(text: str, start: int, end: int, stop: int) -> bool:
    if start > 0 and text[start - 1] in "第제#№":
        return True
    return _ORDINAL_AFTER.match(text, end, stop) is not None and not text[end : end + 1].isspace()


def _cjk_after(text: str, end: int, stop: int, value: float) -> tuple[float, int, str | None]:
    """Digits followed by CJK or Hangul multipliers: "1万3千", "5천", "300억", "200多万"."""
    digits, small, large, approximate = _cjk()
    if end >= stop or not (
        text[end] in small or text[end] in large or text[end] in approximate or text[end] == " "
    ):
        return value, end, None
    total, section, number = 0.0, 0.0, value
    position = end
    if (
        text[end] == " "
        and end + 1 < stop
        and (text[end + 1] in small or text[end + 1] in large or text[end + 1] in approximate)
    ):
        position = end + 1  # "200 多万": a space before the multiplier
    read_end = end
    approx: str | None = None
    while position < stop:
        char = text[position]
        if char in approximate and position + 1 < stop and text[position + 1] in large:
            approx = approximate[char]
            position += 1
            continue
        if char in small:
            section += (number or 1) * small[char]
            number = 0
        elif char in large:
            total += (section + number or 1) * large[char]
            section = number = 0
        elif (char.isdigit() or char in digits) and number == 0 and read_end > end:
            # "1万3千", "8万5000": digits after a multiplier start the next section
            nxt = _DIGITS.match(text, position, stop)
            if char in digits or nxt is None:
                number = float(digits.get(char, 0))
                position += 1
                continue
            number = float(digit_value(nxt.group()).replace(",", ""))
            position = nxt.end()
            read_end = position
            continue
        elif char == " " and read_end > end:
            # "1만 3천": a space between sections when digits and a multiplier follow
            nxt = _DIGITS.match(text, position + 1, stop)
            if nxt is None or nxt.end() >= stop:
                break
            after = text[nxt.end()]
            if after not in small and after not in large:
                break
            position = nxt.end()
            number = float(digit_value(nxt.group()).replace(",", ""))
            continue
        else:
            break
        position += 1
        read_end = position
    if read_end == end:
        return value, end, None
    return total + section + number, read_end, approx


def _cjk_numerals(text: str, start: int, stop: int) -> list[Numeral]:
    """Numerals in CJK characters ("二十万", "一千", "十万"); digits followed by
    multipliers are read with the digits."""
    digits, small, large, approximate = _cjk()
    out: list[Numeral] = []
    position = start
    chars = set(digits) | set(small) | set(large)
    hangul = {c for c in chars if "\uac00" <= c <= "\ud7a3"}
    while position < stop:
        char = text[position]
        if char not in chars or char in hangul or not (char in digits or char == "十"):
            position += 1
            continue
        if position > start and (text[position - 1] in chars or text[position - 1].isdigit()):
            position += 1
            continue
        total, section, number = 0.0, 0.0, 0.0
        first = position
        approx: str | None = None
        while position < stop and (
            (text[position] in chars and text[position] not in hangul)
            or (
                text[position] in approximate
                and position + 1 < stop
                and text[position + 1] in large
                and position > first
            )
        ):
            char = text[position]
            if char in approximate:
                approx = approximate[char]
            elif char in digits:
                number = number * 10 + digits[char]  # 二〇二三 is positional
            elif char in small:
                section += (number or 1) * small[char]
                number = 0
            else:
                total += (section + number or 1) * large[char]
                section = number = 0
            position += 1
        value = total + section + number
        if position - first == 1 and text[first] == "十":
            continue  # "十分": 十 alone is rarely a number
        ordinal = first > 0 and text[first - 1] == "第"
        out.append(Numeral(first, position, value, True, 1.0, ordinal, approx))
    return out


@cache
def _hangul_pattern() -> re.Pattern[str]:
    cjk: dict[str, Any] = _data()["cjk"]
    _, small, large, _ = _cjk()
    syllables = "".join(cjk["hangul"]) + "".join(
        c for c in (*small, *large) if "\uac00" <= c <= "\ud7a3"
    )
    followers = "|".join(re.escape(w) for w in cjk["hangul_followers"])
    return re.compile(rf"(?<![\uac00-\ud7a3])[{syllables}]{{2,8}}(?=\s?(?:{followers}))")


def _hangul_numerals(text: str, start: int, stop: int) -> list[Numeral]:
    """Sino-Korean numerals in Hangul ("십만명", "오천 원"): a word of its own before a
    counter, read positionally; a run that is no well-formed numeral is no number."""
    digits: dict[str, int] = _data()["cjk"]["hangul"]
    _, small, large, _ = _cjk()
    out: list[Numeral] = []
    for match in _hangul_pattern().finditer(text, start, stop):
        total, section, number, previous = 0.0, 0.0, 0.0, ""
        well_formed = True
        for char in match.group():
            if char in digits:
                if previous in digits:
                    well_formed = False  # "이삼": two digits in a row spell a word
                number = float(digits[char])
            elif char in small:
                if previous in small and small[previous] <= small[char]:
                    well_formed = False
                section += (number or 1) * small[char]
                number = 0
            else:
                if previous in large:
                    well_formed = False
                total += (section + number or 1) * large[char]
                section = number = 0
            previous = char
        if well_formed and any(c not in digits for c in match.group()):
            value = total + section + number
            out.append(Numeral(match.start(), match.end(), value, True))
    return out


def _word_numerals(text: str, start: int, stop: int, language: str | None) -> list[Numeral]:
    """Runs of number words ("two hundred and fifty", "fünfundzwanzig", "dos mil")."""
    table = _table(language)
    out: list[Numeral] = []
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text, start, stop)]
    i = 0
    while i < len(words):
        run = _word_run(words, i, table, text)
        if run is None:
            i += 1
            continue
        last, value = run
        about = "about" if any(w[2] in table.approximate for w in words[i:last]) else None
        out.append(Numeral(words[i][0], words[last - 1][1], value, True, approximate=about))
        i = last
    return out


def _word_value(word: str, table: _Table) -> list[tuple[str, float]] | None:
    """A word as number parts [(kind, value)]: kind is "n" (a number), "h" (hundreds)
    or "s" (a scale). Compound words are split ("fünfundzwanzig", "dreitausend")."""
    for prefix in ("", *table.prefixes):
        if prefix and not word.startswith(prefix):
            continue
        body = word[len(prefix) :]
        if body in table.hundreds:
            return [("h", table.hundreds[body])]
        if body in table.scales:
            return [("s", table.scales[body])]
        if body in table.words:
            return [("n", table.words[body])]
        if "-" in body:
            parts = [_word_value(p, table) for p in body.split("-")]
            if all(parts):
                return [x for p in parts if p for x in p]
    if table.compound and 5 < len(word) <= _LONGEST_COMPOUND:
        return _split_compound(word, table)
    return None


def _split_compound(word: str, table: _Table) -> list[tuple[str, float]] | None:
    """Split a compound number word into known parts, longest part first."""
    pieces: dict[str, tuple[str, float]] = {}
    for w, v in table.words.items():
        pieces[w] = ("n", v)
    for w, v in table.hundreds.items():
        pieces[w] = ("h", v)
    for w, v in table.scales.items():
        pieces[w] = ("s", v)
    for joiner in table.joiners:
        pieces.setdefault(joiner, ("j", 0.0))
    best: list[list[tuple[str, float]] | None] = [None] * (len(word) + 1)
    best[0] = []
    for i in range(len(word)):
        current = best[i]
        if current is None:
            continue
        for j in range(len(word), i + 1, -1):
            piece = word[i:j]
            if len(piece) >= 2 and piece in pieces and best[j] is None:
                best[j] = [*current, pieces[piece]]
    parts = best[len(word)]
    if not parts or len(parts) < 2:
        return None
    # "fünfundzwanzig": units joined to tens read tens first
    out: list[tuple[str, float]] = []
    k = 0
    while k < len(parts):
        if k + 2 < len(parts) and parts[k + 1][0] == "j" and parts[k][0] == parts[k + 2][0] == "n":
            out.append(("n", parts[k][1] + parts[k + 2][1]))
            k += 3
            continue
        if parts[k][0] != "j":
            out.append(parts[k])
        k += 1
    return out


def _word_run(
    words: list[tuple[int, int, str]], i: int, table: _Table, text: str
) -> tuple[int, float] | None:
    """The run of number words starting at words[i]: (one past its last word, value)."""
    parts: list[tuple[str, float]] = []
    j = i
    while j < len(words):
        word = words[j][2]
        value = _word_value(word, table)
        if value is not None:
            gap = text[words[j - 1][1] : words[j][0]] if j > i else ""
            if j > i and gap.strip(" -") != "":
                break
            if parts and not _continues(parts, value):
                break
            parts.extend(value)
            j += 1
            continue
        if parts and word in table.scale_links and j + 1 < len(words):
            # "une centaine de milliers": a number word, "de", then a scale
            nxt = _word_value(words[j + 1][2], table)
            if nxt is not None and len(nxt) == 1 and nxt[0][0] == "s" and parts[-1][0] == "n":
                j += 1
                continue
        if parts and word in table.joiners and j + 1 < len(words):
            nxt = _word_value(words[j + 1][2], table)
            if nxt is not None and nxt[0][0] == "n" and _continues(parts, nxt):
                j += 1
                continue
        break
    if not parts or (parts[0][0] == "s" and len(parts) == 1):
        return None
    return j, _parts_value(parts)


def _continues(parts: list[tuple[str, float]], nxt: list[tuple[str, float]]) -> bool:
    """Whether number parts `nxt` continue the number in `parts` ("twenty" "five"
    does; "five" "ten" and "two" "three" do not)."""
    kind, value = nxt[0]
    last_kind, last_value = parts[-1]
    if kind == "h":
        # "two hundred" continues; "one hundred and two hundred" is a second number
        since_scale = [k for k, _ in reversed(parts)]
        before = since_scale[: since_scale.index("s")] if "s" in since_scale else since_scale
        return "h" not in before or last_kind == "h"
    if kind == "s":
        return True
    if last_kind == "n":
        # "twenty five": a ten then a unit; never two units in a row
        return last_value >= 20 and last_value % 10 == 0 and value < 10
    return True


def _parts_value(parts: list[tuple[str, float]]) -> float:
    total, current, largest = 0.0, 0.0, 0.0
    for kind, value in parts:
        if kind == "n":
            current += value
        elif kind == "h":
            current = (current or 1) * value
        else:
            if value > largest and total:
                total = (total + (current or 0)) * value
            else:
                total += (current or 1) * value
            largest = max(largest, value)
            current = 0
    return total + current
