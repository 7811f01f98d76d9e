"""Quantities per sentence: counts, money, durations, clock ranges, rates, changes,
percentages, with the measured thing, the period and who gives the figure.

Reads numbers in digits and words (`numbers.py`), then the words around them: a
currency symbol or name, a qualifier ("over", "an estimated", "could exceed"), a
range ("$100-$200", "between one hundred and two hundred"), a second currency in
parentheses (kept as `alternatives` of the same quantity), a unit, a rate period
("a month", "daily"), a change ("halved", "12-fold", "from about twenty in 2022 to
merely ten"). The measure comes from `measures.py`, the period from `periods.py`,
the speaker from `attribution.py` (same sentence, else the one before).

Choices, stated once:
- A clock range ("from 6am to 2am", "started at 6am and ran until 2am", "began at
  six in the morning and ended at two the next morning") is one quantity in hours
  (20), with the range kept in `clock`; its clock numbers are never counts.
- A change "from A in Y1 to B in Y2" is a ratio B/A in `times` with `change` saying
  what was written in numbers; "halved" is 0.5 times, "12-fold" 12 times.
- "N times less" is 1/N times; "N times as much" is N times.
- Years are periods, never quantities; so are dates. "one"/"a" alone, reference
  numbers ("Article 3", "COVID-19") and citation markers ("(1,2)") are not figures.
- Vague amounts ("thousands of") are not figures: they carry no value to reconcile.
- A figure no entry of the measures table fits keeps an empty measure, even when it
  counts a noun ("400 people"): the noun says what is counted, not what is measured,
  and reconciliation lists such figures apart as "unclassified".
"""

from __future__ import annotations

import bisect
import itertools
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from indicia.data import load_json
from indicia.extract import attribution, figures, measures, periods
from indicia.extract.numbers import (
    AND_A_HALF,
    NumberRun,
    Token,
    digits_value,
    find_numbers,
    tokenize,
    words_value,
)
from indicia.records import Amount, CleanDocument, Evidence, Quantity, SourceDocument, Span

log = logging.getLogger(__name__)

# The most figures read from one sentence: beyond it a sentence is data, not prose,
# and reading every figure would cost more than its text is worth.
MAX_FIGURES_PER_SENTENCE = 64
MAX_NUMBERS_PER_SENTENCE = 4 * MAX_FIGURES_PER_SENTENCE


@cache
def _words() -> dict[str, Any]:
    return load_json("quantity_words.json")  # type: ignore[no-any-return]


@cache
def _currencies() -> dict[str, Any]:
    return load_json("currencies.json")  # type: ignore[no-any-return]


@cache
def _phrases(name: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """A phrase table as token tuples, longest first."""
    table: dict[str, Any] = _words()[name]
    items = [(tuple(p.split()), str(v)) for p, v in table.items()]
    return tuple(sorted(items, key=lambda item: -len(item[0])))


@cache
def _nouns() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Counted nouns, longest first, with the unit a count of them has."""
    nouns = [(tuple(p.split()), "people") for p in _words()["people_nouns"]]
    nouns += [(tuple(p.split()), "count") for p in _words()["count_nouns"]]
    return tuple(sorted(nouns, key=lambda item: -len(item[0])))


PhraseTable = tuple[tuple[tuple[str, ...], str], ...]


PhraseIndex = dict[str, PhraseTable]


@cache
def _index(name: str, last: bool = False) -> PhraseIndex:
    """Phrase table `name` ("nouns": `_nouns()`) split by each phrase's first word (or
    last), order kept: a lookup reads only the phrases that can match there."""
    table = _nouns() if name == "nouns" else _phrases(name)
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, value in table:
        if phrase:
            index.setdefault(phrase[-1] if last else phrase[0], []).append((phrase, value))
    return {word: tuple(items) for word, items in index.items()}


def _starting(tokens: list[Token], position: int, name: str) -> PhraseTable:
    """The phrases of table `name` whose first word is the token at `position`."""
    if position >= len(tokens):
        return ()
    return _index(name).get(tokens[position].lower, ())


def _ending(tokens: list[Token], end: int, name: str) -> PhraseTable:
    """The phrases of table `name` whose last word is the token before `end`."""
    if end <= 0 or end > len(tokens):
        return ()
    return _index(name, last=True).get(tokens[end - 1].lower, ())


_CLOCK_NUMBER = (
    r"(?:(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?::\d{2})?"
    r"|midnight|noon|midday)"
)
# (written with \s because the patterns below are verbose, where spaces are ignored)
_AMPM = r"(?:[ap]\.?\s?m(?:\.|\b)|in\s+the\s+(?:morning|afternoon|evening)|at\s+night)"
_NEXT = r"(?:\s+(?:the\s+)?(?:next|following)\s+(?:day|night|morning))?"
_CLOCK_RANGE = re.compile(
    rf"""
    (?:\bfrom\s+)?(?P<a>{_CLOCK_NUMBER})\s*(?P<ap_a>{_AMPM})\s*(?:to|until|till|-|–)\s*
        (?P<b>{_CLOCK_NUMBER})(?:\s*(?P<ap_b>{_AMPM}))?{_NEXT}
  | \b(?:start|began|begin|commenc|open)\w*\s+at\s+(?P<a2>{_CLOCK_NUMBER})\s*(?P<ap_a2>{_AMPM})
        [^.]{{0,40}}?
        (?:\b(?:conclud|end|finish|clos|stop|ran|run|last|went|go|continu|carri)\w*
            (?:\s+on)?\s+(?:at|until|till|to)|\buntil|\btill)
        \s+(?P<b2>{_CLOCK_NUMBER})(?:\s*(?P<ap_b2>{_AMPM}))?{_NEXT}
    """,
    re.VERBOSE | re.IGNORECASE,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# month names that are no other word ("may" and "march" are, unless capitalised; "Mar."
# is not)
_MONTH_NAMES = (
    r"(?:january|february|april|june|july|august|september|october|november|december"
    r"|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|dec\.|(?-i:March|May))"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_DATE_LEAD = r"(?:on|since|by|until|till|from|before|after|to|and|of)"
_DATE = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}\b|\b{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?",
    re.IGNORECASE,
)
# a day and month without the year: "since September 23", "on 7 October", "the Nov. 9
# loss"; a number in one is still a figure when a counted noun follows it ("since June
# 30 workers have left": see _is_figure)
_DAY_MONTH = re.compile(
    rf"\b(?:{_DATE_LEAD}\s+)?(?:{_MONTH_NAMES}\s+{_DAY}\b(?!\s*(?:[,.]\d|%))"
    rf"|{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAMES})",
    re.IGNORECASE,
)
# a time of day ("7 a.m.", "11 pm") and a page's reading time ("38 MINUTE READ")
_CLOCK_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b)", re.IGNORECASE)
_READING_TIME = re.compile(r"\b\d{1,3}[\s-]*min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
_CITATION = re.compile(
    r"\(\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\)|\[\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\]"
)
_CLAUSE = re.compile(r";|,\s+and\b|,\s+but\b|\s+–\s+|\s+—\s+|, while\b")
_INCREASE = {"jump", "increase", "rise", "surge", "leap", "growth", "drop", "decrease", "fall"}
_NOT_RATE = {"within", "in", "after", "than", "over", "since", "ago", "last", "past"}
_CHANGE_VERBS = {
    "grew", "grow", "grows", "rose", "rise", "rises", "risen", "increased", "increase",
    "fell", "fall", "falls", "fallen", "dropped", "drop", "declined", "decline", "jumped",
    "climbed", "soared", "shrank", "went", "doubled", "surged", "plunged", "decreased",
    "falling", "rising", "growing", "dropping", "declining", "climbing", "increasing",
    "decreasing", "shrinking",
}  # fmt: skip
_LESS = {"less", "lower", "fewer", "smaller", "cheaper"}
_MORE = {"as", "more", "higher", "greater", "larger", "bigger"}


@dataclass
class _Draft:
    """A quantity under construction: token positions and what has been read."""

    first: int  # first token of the surface
    last: int  # one past the last token of the surface
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    currency: bool = False
    qualifier: str | None = None
    per: str | None = None
    change: str | None = None
    alternatives: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    clock: str | None = None
    noun: str | None = None
    surface_start: int | None = None  # overrides token offsets (clock ranges, comparisons)
    surface_end: int | None = None
    measure: str = ""
    timeless: bool = False  # the figure is itself a date: it takes no period


def find_quantities(
    source: SourceDocument, clean: CleanDocument, sentences: Sequence[Span]
) -> tuple[Quantity, ...]:
    """Every quantity in the document, sentence by sentence, in text order."""
    text = clean.text
    language = clean.language or source.language
    found: list[Quantity] = []
    previous: list[attribution.Attribution] = []
    previous_end = 0
    millions = _writes_millions(text)
    plurals = _counted_plurals(text)
    for sentence in sentences:
        if "\n" in text[previous_end : sentence.start]:
            previous = []  # a speaker's report does not run on into the next paragraph
        previous_end = sentence.end
        attributions = attribution.find_attributions(text, sentence.start, sentence.end)
        quantities = _sentence_quantities(
            text, sentence, source.published, attributions, previous, clean.document_id,
            _language_at(clean, sentence.start, language), millions=millions, plurals=plurals,
        )  # fmt: skip
        found.extend(quantities)
        previous = [] if quantities else attributions
    return tuple(found)


def _sentence_quantities(
    text: str,
    sentence: Span,
    published: str | None,
    attributions: list[attribution.Attribution],
    previous: list[attribution.Attribution],
    document_id: str,
    language: str | None = None,
    *,
    millions: bool = False,
    plurals: frozenset[str] = frozenset(),
) -> list[Quantity]:
    tokens = tokenize(text, sentence.start, sentence.end)
    if not _english(text, sentence, language):
        drafts = [_draft_of(r) for r in figures.read_figures(text, sentence.start,
                                                              sentence.end, language)]  # fmt: skip
        return _finish_all(
            text, sentence, published, attributions, previous, document_id, tokens, drafts
        )
    blocked = _blocked_spans(text, sentence)
    drafts = _clock_ranges(text, sentence, tokens)
    taken = {i for d in drafts for i in range(d.first, d.last)}
    runs = [r for r in find_numbers(tokens) if r.first not in taken]
    if len(runs) > MAX_NUMBERS_PER_SENTENCE:
        log.info(
            "%s: a sentence at %d holds %d numbers; reading the first %d",
            document_id, sentence.start, len(runs), MAX_NUMBERS_PER_SENTENCE,
        )  # fmt: skip
        runs = runs[:MAX_NUMBERS_PER_SENTENCE]
    used: set[int] = set()
    covered = 0  # tokens before this belong to a figure already read
    for index, run in enumerate(runs):
        if index in used or run.first < covered or not _is_figure(tokens, run, blocked):
            continue
        draft = _read(tokens, runs, index, used, plurals)
        if draft is not None:
            drafts.append(draft)
            covered = draft.last
    if millions:
        for draft in drafts:
            _metres_as_millions(tokens, draft)
    taken |= {i for d in drafts for i in range(d.first, d.last)}
    drafts.extend(_unit_and_a_half(tokens, taken))
    drafts.extend(_changes(tokens, taken))
    drafts.extend(_one_unit_of_money(tokens, taken))
    drafts.extend(_comparisons(text, sentence, tokens))
    drafts.extend(_year_figures(text, sentence, tokens))
    return _finish_all(
        text, sentence, published, attributions, previous, document_id, tokens, drafts
    )


@cache
def _millions_pattern() -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in _words()["people_nouns"])
    return re.compile(rf"\d(?:[.,]\d+)?m\s+(?:are|were|{nouns})\b", re.IGNORECASE)


_COUNTED_PLURAL = re.compile(r"\b\d[\d,.]*\s+([a-z]{2,}s)\b")


def _counted_plurals(text: str) -> frozenset[str]:
    """The plural words that follow a number in digits somewhere in the document
    ("2 saves"): "1 save" there counts saves too."""
    return frozenset(m.group(1) for m in _COUNTED_PLURAL.finditer(text))


def _one_of(tokens: list[Token], run: NumberRun, plurals: frozenset[str]) -> tuple[str, str] | None:
    """ "1 inspector", "1 case": the digit 1 and a singular noun whose plural the tables
    list; "1 goal.": or whose plural the document counts elsewhere, the noun ending its
    phrase. The noun and the unit."""
    if run.in_words or tokens[run.first].text != "1" or run.last >= len(tokens):
        return None
    noun = tokens[run.last]
    if not (noun.text.isalpha() and noun.text.islower()):
        return None
    after = tokens[run.last + 1] if run.last + 1 < len(tokens) else None
    ends = after is None or not after.text.isalnum() or after.lower == "and"
    for plural in (noun.lower + "s", noun.lower + "es", noun.lower[:-1] + "ies"):
        if plural in _words()["people_nouns"]:
            return noun.text, "people"
        if plural in _words()["count_nouns"] or (ends and plural in plurals):
            return noun.text, "count"
    return None


def _writes_millions(text: str) -> bool:
    """Whether the document writes millions with a glued m ("28m people", "50m were"):
    then its other glued m ("Asia (4.1m)") are millions too, not metres."""
    return _millions_pattern().search(text) is not None


def _metres_as_millions(tokens: list[Token], draft: _Draft) -> None:
    mark = tokens[draft.last - 1]
    glued = draft.last >= 2 and tokens[draft.last - 2].end == mark.start
    if draft.unit == "metres" and mark.lower == "m" and glued and draft.value is not None:
        draft.value *= 1e6
        draft.unit = "count"


def _finish_all(
    text: str,
    sentence: Span,
    published: str | None,
    attributions: list[attribution.Attribution],
    previous: list[attribution.Attribution],
    document_id: str,
    tokens: list[Token],
    drafts: list[_Draft],
) -> list[Quantity]:
    sentence_periods = periods.find_periods(text, sentence.start, sentence.end, published)
    evidence = Evidence(
        document_id, text[sentence.start : sentence.end], sentence.start, sentence.end
    )
    out = []
    if len(drafts) > MAX_FIGURES_PER_SENTENCE:
        # a "sentence" of hundreds of numbers is data (a table, SVG path data), not a
        # report: its first figures are read, the rest are not, and the log says so
        log.info(
            "%s: a sentence at %d holds %d figures; reading the first %d",
            document_id, sentence.start, len(drafts), MAX_FIGURES_PER_SENTENCE,
        )  # fmt: skip
        drafts = sorted(drafts, key=lambda d: _offsets(tokens, d)[0])[:MAX_FIGURES_PER_SENTENCE]
    sentence_clauses = measures.clauses(text, sentence.start, sentence.end)
    figure_clauses = sorted(
        {measures.clause_at(sentence_clauses, *_offsets(tokens, d)) for d in drafts}
    )
    spans = sorted(_offsets(tokens, d) for d in drafts)
    for draft in sorted(drafts, key=lambda d: _offsets(tokens, d)[0]):
        quantity = _finish(
            text, sentence, tokens, draft, evidence, attributions, previous, sentence_periods,
            sentence_clauses, figure_clauses, spans,
        )  # fmt: skip
        if quantity is not None:
            out.append(quantity)
    return out


def _language_at(clean: CleanDocument, position: int, default: str | None) -> str | None:
    """The language of the run of paragraphs that holds `position` (a page can mix
    languages), else the document's."""
    runs = clean.languages
    k = bisect.bisect_right([r.start for r in runs], position) - 1
    if k >= 0 and runs[k].start <= position < runs[k].end:
        return runs[k].language
    return default


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
# Words only English writes: "in", "an", "a" and "to" are German, Italian, Spanish or
# Dutch words too, so a German sentence with four "in" is not English.
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|of|and|is|are|was|were|have|has|had|that|with|for|from|by)\b",
    re.IGNORECASE,
)


def _english(text: str, sentence: Span, language: str | None) -> bool:
    """Whether the sentence is read by the English rules: an English document's
    sentences in Latin letters, and English sentences quoted in another language
    (two different English function words, and enough of them for its length)."""
    letters = len(_LETTER.findall(text, sentence.start, sentence.end))
    ascii_letters = len(_ASCII_LETTER.findall(text, sentence.start, sentence.end))
    latin = letters == 0 or ascii_letters >= 0.9 * letters
    if language in (None, "en"):
        return latin
    words = [w.casefold() for w in _ENGLISH_WORDS.findall(text, sentence.start, sentence.end)]
    return latin and len(set(words)) >= 2 and len(words) * 12 >= ascii_letters / 5


def _draft_of(reading: figures.Reading) -> _Draft:
    return _Draft(
        first=0,
        last=1,
        value=reading.value,
        low=reading.low,
        high=reading.high,
        unit=reading.unit,
        currency=reading.currency,
        qualifier=reading.qualifier,
        per=reading.per,
        alternatives=reading.alternatives,
        amounts=reading.amounts,
        noun=reading.noun,
        surface_start=reading.start,
        surface_end=reading.end,
    )


def _offsets(tokens: list[Token], draft: _Draft) -> tuple[int, int]:
    start = draft.surface_start if draft.surface_start is not None else tokens[draft.first].start
    end = draft.surface_end if draft.surface_end is not None else tokens[draft.last - 1].end
    return start, end


def _blocked_spans(text: str, sentence: Span) -> list[tuple[int, int, bool]]:
    """Dates, clock times and citation markers, whose numbers are no figures; the flag
    marks a day and month, whose number a counted noun after it makes a figure."""
    start, end = sentence.start, sentence.end
    hard = [(m.start(), m.end()) for m in _DATE.finditer(text, start, end)]
    hard += [(m.start(), m.end()) for m in _CITATION.finditer(text, start, end)]
    hard += [(m.start(), m.end()) for m in _CLOCK_TIME.finditer(text, start, end)]
    hard += [(m.start(), m.end()) for m in _READING_TIME.finditer(text, start, end)]
    hard += figures.year_month_spans(text, start, end)
    hard += figures.page_counter_spans(text, start, end)
    soft = [(m.start(), m.end()) for m in _DAY_MONTH.finditer(text, start, end)]
    return [(s, e, False) for s, e in hard] + [(s, e, True) for s, e in soft]


def _is_figure(tokens: list[Token], run: NumberRun, blocked: list[tuple[int, int, bool]]) -> bool:
    if _in_a_code(tokens, run):
        return False
    start, end = tokens[run.first].start, tokens[run.last - 1].end
    inside = [soft for s, e, soft in blocked if s <= start and end <= e]
    if inside and _age_at(tokens, run):
        return True  # "Kumbhar (39) expected": an age in parentheses, not a citation
    if inside:
        # "since June 30 workers have left": a counted noun makes a day a figure
        return all(inside) and _counted_at(tokens, run.last, listed_only=True) is not None
    if run.in_words and run.value == 1 and _share_of(tokens, run.last) is None:
        return _one_with_unit(tokens, run) or _one_bounded(tokens, run)
    before = tokens[run.first - 1] if run.first > 0 else None
    if before is not None:
        if before.lower in _words()["reference_words"]:
            return False
        # "COVID-19", "G-20": a number glued to a word by a hyphen names something
        glued = run.first > 1 and tokens[run.first - 2].end == before.start
        if before.text == "/" and glued and tokens[run.first - 2].is_digits:
            return False  # "1/2 cup", "24/7": a fraction or a date
        named = glued and tokens[run.first - 2].text.isalpha()
        if before.text == "-" and named and tokens[run.first - 2].lower != "by":
            return False  # ("four-foot-by-six-foot": the second side of a size)
    after = tokens[run.last] if run.last < len(tokens) else None
    if _subsection_follows(tokens, run):
        # "300(1) workers": a footnote mark between a figure and what it counts
        return _counted_at(tokens, run.last + 3, listed_only=True) is not None
    # "in her 30s", "the 1990s": a decade of age or of years, not a figure
    glued_s = after is not None and after.text == "s" and after.start == tokens[run.last - 1].end
    if not run.in_words and glued_s:
        return False
    separated = "," in tokens[run.first].text  # "2,000" is never a year
    if not run.in_words and periods.is_year(run.value) and not separated:
        # a year, unless a currency or unit says otherwise ("$2020", "2000 workers",
        # "2000-3000 rupees")
        has_currency = before is not None and before.text in _currencies()["symbols"]
        has_currency = has_currency or _range_of_money_after(tokens, run.last)
        listed = after is not None and _counted_at(tokens, run.last, listed_only=True)
        led = before is not None and before.lower in _YEAR_LEADS
        # "2019-2020 workers": the second year of a range of years
        led = led or (
            before is not None and before.text in ("-", "–") and run.first >= 2
            and tokens[run.first - 2].is_digits
            and periods.is_year(digits_value(tokens[run.first - 2].text))
        )  # fmt: skip
        if not has_currency and (not listed or led):
            return False  # "in 2019 companies hired more" is a year
    return True


# the words before a "one day" that says how long ("for one day", "only one day"); "to
# one day return" and "your details one day" say when
_ONE_DAY_LEADS = frozenset((
    "for", "only", "just", "of", "every", "than", "about", "within", "after", "least", "per",
    "over", "under", "nearly", "almost",
))  # fmt: skip


def _one_with_unit(tokens: list[Token], run: NumberRun) -> bool:
    """ "suspended for one year", "a one-gallon jar", "a one-game lead": "one" written
    in words is a figure when a unit or a counted thing joined by a hyphen follows it
    ("one worker" and "One-Minute News" are not)."""
    if run.last - run.first != 1 or tokens[run.first].text != "one":
        return False
    k = run.last
    if _match(tokens, k, ("-", "to", "-")) and _glued_run(tokens, k, k + 4):
        return True  # "one-to-seven days": a range starts at one
    if _glued_run(tokens, k, k + 2) and tokens[k].text == "-":
        word = tokens[k + 1].lower
        return _unit_at(tokens, k + 1) is not None or word + "s" in _words()["count_nouns"]
    unit = _unit_at(tokens, k)
    if unit is None or unit[0] == "times":
        return False
    before = tokens[run.first - 1].lower if run.first > 0 else ""
    return unit[0] != "days" or before in _ONE_DAY_LEADS or _possessive_at(tokens, unit[1])


# qualifiers that make "one" a bound ("at least one area"); "only one" and "some one"
# are mostly no figure ("the only one who")
_ONE_BOUNDS = frozenset(("at least", "over", "under", "up to", "nearly"))


def _one_bounded(tokens: list[Token], run: NumberRun) -> bool:
    """ "at least one area", "more than one company": "one" in words with a bound
    before it and the thing it counts after it."""
    if tokens[run.first].text != "one" or run.last >= len(tokens):
        return False
    noun = tokens[run.last]
    countable = noun.text.isalpha() and noun.text.islower() and noun.lower not in _NOT_ADJECTIVES
    return countable and _qualifier_before(tokens, run.first) in _ONE_BOUNDS


def _range_of_money_after(tokens: list[Token], position: int) -> bool:
    """ "2000-3000 rupees": a hyphen, a second number and a currency name after it."""
    if not _match(tokens, position, ("-",)) or position + 2 >= len(tokens):
        return False
    return tokens[position + 1].is_digits and _currency_name_at(tokens, position + 2) is not None


def _subsection_follows(tokens: list[Token], run: NumberRun) -> bool:
    """ "8(2)(ii)", "3(b)", "Art. 5(1)": a short whole number with a parenthesised
    subsection glued to it is a provision of a law or a rule, in any language (unless
    a counted noun follows, which makes the parentheses a footnote mark)."""
    if run.in_words or run.last + 2 >= len(tokens):
        return False
    number, opening, inner, closing = tokens[run.last - 1 : run.last + 3]
    return (
        run.first == run.last - 1
        and number.text.isdecimal()
        and len(number.text) <= 3
        and opening.text == "("
        and opening.start == number.end
        and inner.start == opening.end
        and len(inner.text) <= 4
        and inner.text.isalnum()
        and closing.text == ")"
        and closing.start == inner.end
    )


def _read(
    tokens: list[Token],
    runs: list[NumberRun],
    index: int,
    used: set[int],
    plurals: frozenset[str] = frozenset(),
) -> _Draft | None:
    run = runs[index]
    first = run.first
    currency = _currency_before(tokens, first)
    if currency:
        code, first = currency
    else:
        code = None
    draft = _Draft(first=first, last=run.last, value=run.value)
    if code:
        draft.unit, draft.currency = code, True
    elif _minus_before(tokens, first) and not run.in_words:
        # "-5.44%", "−30°C": a sign glued to the number, a space before it
        first -= 1
        draft.first, draft.value = first, -run.value
    qualifier_end = first
    # "between A and B", "from A to B", "from about A in 2022 to B"
    before_qualifier = first - _qualifier_length(tokens, first)
    lead = tokens[before_qualifier - 1].lower if before_qualifier > 0 else ""
    position = run.last
    share = _share_of(tokens, run.last)
    if share is not None and run.value < share[0]:
        # "three in four workers", "one out of five": a share, as a percentage
        used.update(n for n in range(index + 1, len(runs)) if runs[n].first < share[1])
        return _as_percentage(tokens, draft, first, run.value / share[0], share[1])
    rate = None if draft.currency else _rate_per(tokens, runs, index)
    if rate is not None:
        # "5.3 per 1,000 people": a rate, as a percentage
        base, per_index = rate
        used.add(per_index)
        return _as_percentage(tokens, draft, first, run.value / base, runs[per_index].last)
    unit_at = position
    position = _read_unit(tokens, position, draft)
    second = _second_of_range(tokens, runs, index, position, lead)
    grew = before_qualifier >= 2 and tokens[before_qualifier - 2].lower in _CHANGE_VERBS
    if second is not None and _change_then_level(
        tokens, lead, position > unit_at, second[1] is not None or grew, before_qualifier
    ):
        second = None  # "fell 3.38% to $55.12", "from 23% to 35%": two figures
    if second is not None:
        index2, connector_period = second
        run2 = runs[index2]
        used.add(index2)
        low, high = run.value, run2.value
        scale = _scale_of(tokens, run2)
        if _scale_of(tokens, run) == 1 and scale > 1 and low * scale <= high * 10:
            low *= scale  # "between 1,200 and 2,300 million": the magnitude is written once
        if lead == "from" and (connector_period is not None or grew):
            # "escapes fell from twenty in 2022 to ten", "the debt grew from $500 to $2,000"
            draft.value = high / low if low else None
            written = f" in {connector_period}" if connector_period else ""
            draft.change = f"from {_fmt(low)}{written} to {_fmt(high)}" + (
                f" {draft.unit}" if draft.currency else ""
            )
            draft.unit, draft.currency = "times", False
            draft.last = run2.last
        else:
            draft.value = None
            draft.low, draft.high = min(low, high), max(low, high)
            draft.last = run2.last
            unit_before = draft.unit
            draft.last = _read_unit(tokens, run2.last, draft)
            if unit_before and not draft.unit:
                draft.unit = unit_before
        if lead in ("between", "from") and before_qualifier == first:
            qualifier_end = first - 1
        position = draft.last
    else:
        draft.last = position
    draft.qualifier = _qualifier_before(tokens, qualifier_end) or _qualifier_after(
        tokens, draft.last
    )
    position = _alternatives(tokens, draft)
    draft.per = _per_after(tokens, position) or (
        _per_before(tokens, first) if draft.currency else None
    )
    _trailing_alternative(tokens, draft)
    if not draft.unit:
        counted = (
            None if _aged_before(tokens, before_qualifier) else _counted_at(tokens, draft.last)
        )
        bound = _qualifier_after_length(tokens, draft.last)
        if counted is None and bound:
            counted = _counted_at(tokens, draft.last + bound)  # "10,000+ people"
        if counted:
            draft.noun, draft.unit = counted
        elif _scale_of(tokens, run) >= 1e6:
            # "27.6 million in forced labour": digits with a magnitude word are a count
            # even where no noun follows them
            draft.unit = "count"
        elif _age_at(tokens, run) or _aged_before(tokens, before_qualifier):
            draft.unit = "years"
        elif run.in_words and run.value == 1 and _one_bounded(tokens, run):
            draft.unit = "count"
        elif (group := _group_before(tokens, before_qualifier)) is not None:
            draft.unit = group  # "a crew of about 45"
        elif _match(tokens, draft.last, ("of", "whom")):
            draft.unit = "people"  # "300 of whom were children"
        elif (counted_before := _number_of_before(tokens, before_qualifier)) is not None:
            draft.noun, draft.unit = counted_before
        elif (labelled := _labelled_count(tokens, before_qualifier, draft.last)) is not None:
            draft.noun, draft.unit = labelled
        elif (single := _one_of(tokens, run, plurals)) is not None:
            draft.noun, draft.unit = single
        else:
            draft.unit = _partitive(tokens, runs, index, draft.last) or draft.unit
            if not draft.unit and (_names_a_thing(tokens, run) or _in_a_name(tokens, run, first)):
                return None
            if not draft.unit and run.in_words and _between_parties(tokens, first):
                return None  # "a tussle between the two": the parties, not a figure
    return draft


def _in_a_code(tokens: list[Token], run: NumberRun) -> bool:
    """Digits inside a code written as one word: after letters ("A350-900", "Q3") or
    in digits joined by a hyphen that run downwards ("787-9"), which no range does."""
    if run.in_words:
        return False
    first = run.first
    while first > 0 and tokens[first - 1].end == tokens[first].start:
        first -= 1  # the start of the word the number is written in
    last = run.last
    while last < len(tokens) and tokens[last].start == tokens[last - 1].end:
        last += 1
    word = tokens[first:last]
    for k in range(1, len(word)):
        if word[k].is_digits and word[k - 1].text.isalpha():
            money = _currencies()["symbols"].get(word[k - 1].text) or (
                word[k - 1].text in _currencies()["codes"]
            )
            if not money:  # "Rs30,000", "RM5": a currency written before its amount
                return True
        if (
            word[k].text in ("-", "–") and 0 < k < len(word) - 1
            and word[k - 1].is_digits and word[k + 1].is_digits
            and digits_value(word[k + 1].text) < digits_value(word[k - 1].text)
        ):  # fmt: skip
            return True
    return False


def _minus_before(tokens: list[Token], first: int) -> bool:
    if first < 1 or tokens[first - 1].text not in ("-", "−"):
        return False
    sign = tokens[first - 1]
    return sign.end == tokens[first].start and (first < 2 or tokens[first - 2].end < sign.start)


def _as_percentage(
    tokens: list[Token], draft: _Draft, first: int, fraction: float, last: int
) -> _Draft:
    """The draft as the percentage `fraction` of three significant digits (one in a
    million is 0.0001%), the figure ending at token `last`."""
    draft.value = float(f"{100 * fraction:.3g}")
    draft.unit, draft.last = "percent", last
    draft.qualifier = _qualifier_before(tokens, first)
    return draft


def _names_a_thing(tokens: list[Token], run: NumberRun) -> bool:
    """A bare number that describes a thing, not a figure: glued to letters ("1440p",
    "4K") or joined by a hyphen to a word no table lists ("five-spoke wheels", "a
    10-speed gearbox")."""
    number = tokens[run.last - 1]
    after = tokens[run.last] if run.last < len(tokens) else None
    if after is not None and after.start == number.end and after.text.isalpha():
        return not run.in_words
    if after is not None and after.text == "-" and after.start == number.end:
        word = tokens[run.last + 1] if run.last + 1 < len(tokens) else None
        return word is not None and word.start == after.end and word.text.isalpha()
    return False


def _in_a_name(tokens: list[Token], run: NumberRun, first: int) -> bool:
    """Digits that are part of a name or a code: after a capitalised word inside the
    sentence ("Destiny 2", "Boeing 737", "LC 500") or glued after letters ("Q3")."""
    number = tokens[run.first]
    if run.in_words or not number.text.isdecimal() or first != run.first or first == 0:
        return False
    before = tokens[first - 1]
    if before.end == number.start and before.text.isalpha():
        return True
    return (
        first > 1  # not the sentence's first word
        and before.text[:1].isupper()
        and before.text.isalpha()
        and not _CALENDAR_WORD.fullmatch(before.text)
        and before.lower not in _qualifier_heads()
    )


@cache
def _qualifier_heads() -> frozenset[str]:
    """The first words of the qualifiers written before a figure ("some", "an")."""
    return frozenset(q.split()[0] for q in _words()["qualifiers_before"])


_CALENDAR_WORD = re.compile(rf"{_MONTHS}|(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)


def _age_at(tokens: list[Token], run: NumberRun) -> bool:
    """A person's age set after their name: "Sopheap, 38, has worked", "Kumbhar (39)
    expected": a whole number up to 110 between commas or in parentheses right after
    a capitalised word, the sentence going on after it."""
    i, j = run.first, run.last
    if run.in_words or j - i != 1 or i < 2 or j >= len(tokens):
        return False
    if not (tokens[i].text.isdecimal() and 0 < run.value <= 110):
        return False
    if _match(tokens, i - 2, ("who", tokens[i - 1].lower)) and tokens[i - 1].lower in ("is", "was"):
        return tokens[j].text in (",", ";", ".")  # "Noah, who was 8, was sold"
    if j + 1 >= len(tokens):
        return False
    name, opening, closing, following = tokens[i - 2], tokens[i - 1], tokens[j], tokens[j + 1]
    if name.text == "." and i >= 3 and tokens[i - 3].end == name.start:
        name = tokens[i - 3]  # "Carlineo Jr., 55, said"
    named = (
        name.text[:1].isupper() and not name.text.isupper() and name.text.isalpha()
        and not _CALENDAR_WORD.fullmatch(name.text)
    )  # fmt: skip
    between_commas = opening.text == closing.text == ","
    in_brackets = opening.text == "(" and closing.text == ")" and following.text[:1].islower()
    return named and (between_commas or in_brackets) and following.text[:1].isalpha()


def _group_before(tokens: list[Token], first: int) -> str | None:
    """ "a crew of 45", "a workforce of 2,000": the unit of a number that sizes the
    group named before "of"."""
    if not _match(tokens, first - 1, ("of",)) or first < 2:
        return None
    groups: dict[str, str] = _words()["groups"]
    return groups.get(tokens[first - 2].lower)


_NUMBER_OF_REACH = 10  # tokens between "the number of ..." and its figure


def _number_of_before(tokens: list[Token], first: int) -> tuple[str, str] | None:
    """ "The number of victims rose to 1,200": a figure whose clause names what it
    counts with "number of" before it; the noun and its unit."""
    for k in range(first - 1, max(1, first - _NUMBER_OF_REACH) - 1, -1):
        if tokens[k].text in (",", ";", ":", "(", ")"):
            return None
        if tokens[k].lower == "of" and tokens[k - 1].lower == "number":
            counted = _counted_at(tokens, k + 1)
            return counted if counted is not None and k + 1 < first else None
    return None


_LABEL_REACH = 6  # words of a label before its colon: "refugees (country of origin):"


def _labelled_count(tokens: list[Token], first: int, last: int) -> tuple[str, str] | None:
    """ "refugees (country of origin): 427,240 (Ukraine)", "Workers rescued: 12": a
    number given after a label that names what it counts (a listed noun or a plural,
    before a parenthesis), the number closing its line or followed by a parenthesis;
    the noun and its unit."""
    if not _match(tokens, first - 1, (":",)):
        return None
    if last < len(tokens) and tokens[last].text not in ("(", ";", ".", ","):
        return None
    k = first - 2
    if _match(tokens, k, (")",)):
        while k > 0 and tokens[k].text != "(":
            k -= 1
        k -= 1
    if k < 0 or not tokens[k].text.isalpha():
        return None
    for j in range(k, max(-1, k - _LABEL_REACH), -1):
        if not tokens[j].text.isalpha():
            break
        listed = _counted_at(tokens, j, listed_only=True)
        if listed is not None:
            return listed
    if _is_plural(Token(tokens[k].lower, tokens[k].start, tokens[k].end)):
        return tokens[k].text, "count"  # "IDPs:"
    return None


_AGED = (("aged",), ("aged", "between"), ("as", "young", "as"), ("as", "old", "as"))


def _aged_before(tokens: list[Token], first: int) -> bool:
    """ "aged 14", "aged between 18 and 45", "as young as 12": an age in years."""
    return any(_match(tokens, first - len(words), words) for words in _AGED)


def _part_of_plural(tokens: list[Token], position: int) -> str | None:
    """ "three of its commanders", "eight of its Hong Kong shares": a part of a group a
    determiner and a plural name, counted as what the plural counts."""
    if position >= len(tokens) or tokens[position].lower not in _PARTITIVE_WORDS - {"s"}:
        return None
    k = position + 1
    while k < len(tokens) and tokens[k].text[:1].isupper() and tokens[k].text.isalpha():
        k += 1
    if k < len(tokens) and tokens[k].text.isalpha() and _possessive_at(tokens, k + 1):
        k += 1  # "three of the company's workers"
    if k > position + 1 and _possessive_at(tokens, k):
        k += 2  # "11 of the Labour Organization's indicators"
    counted = _counted_at(tokens, k, listed_only=True)
    if counted is not None:
        return counted[1]
    if k < len(tokens) and not _is_plural(tokens[k]):
        k = _after_modifiers(tokens, k) or k  # "46 of their close contacts"
    return "count" if k < len(tokens) and _is_plural(tokens[k]) else None


def _possessive_at(tokens: list[Token], k: int) -> bool:
    return k + 1 < len(tokens) and tokens[k].text in ("'", "’") and tokens[k + 1].lower == "s"


_PARTITIVE_REACH = 8  # tokens between "N of" and its whole: "of the agency's 11"
# what may stand between "of" and the whole besides capitalised words
_PARTITIVE_WORDS = frozenset(
    {"the", "its", "their", "his", "her", "our", "these", "those", "'", "’", "s"}
)


def _partitive(tokens: list[Token], runs: list[NumberRun], index: int, last: int) -> str | None:
    """The unit of a part or a whole in "N of the M ..." ("10 of the 11 indicators",
    "nine of the 32 were freed", "five of the agency's 11 indicators"): both numbers
    count what M counts, a thing when nothing names it. None when the number is
    neither."""
    whole = None
    if last < len(tokens) and tokens[last].lower == "of":
        following = runs[index + 1] if index + 1 < len(runs) else None
        if following is not None and last < following.first <= last + _PARTITIVE_REACH:
            whole = following
        else:
            return _part_of_plural(tokens, last + 1)
    elif index > 0:
        run, part = runs[index], runs[index - 1]
        near = run.first - _PARTITIVE_REACH <= part.last < run.first
        if near and tokens[part.last].lower == "of":
            whole, last = run, part.last
    if whole is None or (not whole.in_words and periods.is_year(whole.value)):
        return None
    between = tokens[last + 1 : whole.first]
    possessive = {k for k, t in enumerate(between[:-1]) if between[k + 1].text in "'’"}
    if not all(
        t.lower in _PARTITIVE_WORDS or t.text[:1].isupper() or k in possessive
        for k, t in enumerate(between)
    ):
        return None  # "three of them left in 2019": no whole
    counted = _counted_at(tokens, whole.last)
    return counted[1] if counted else "count"


def _rate_per(tokens: list[Token], runs: list[NumberRun], index: int) -> tuple[float, int] | None:
    """ "5.3 per 1,000": the base (a power of ten of at least 100) and its run's index."""
    run = runs[index]
    if index + 1 >= len(runs) or run.last >= len(tokens) or tokens[run.last].lower != "per":
        return None
    base = runs[index + 1]
    if base.first != run.last + 1 or base.value < 100 or math.log10(base.value) % 1:
        return None
    return base.value, index + 1


def _scale_of(tokens: list[Token], run: NumberRun) -> float:
    """The magnitude a run of digits carries ("2,300 million" -> 1e6), 1 for none."""
    if run.in_words or run.last - run.first < 2:
        return 1.0
    digits = digits_value(tokens[run.first].text)
    return run.value / digits if digits else 1.0


def _share_of(tokens: list[Token], position: int) -> tuple[float, int] | None:
    """After "three": "in four" or "out of four" -> (4, position after it)."""
    if _match(tokens, position, ("in",)):
        j = position + 1
    elif _match(tokens, position, ("out", "of")):
        j = position + 2
    else:
        return None
    runs = find_numbers(tokens[j : j + 4])
    if not runs or runs[0].first != 0 or periods.is_year(runs[0].value):
        return None
    return runs[0].value, j + runs[0].last


def _currency_before(tokens: list[Token], first: int) -> tuple[str, int] | None:
    symbols: dict[str, str] = _currencies()["symbols"]
    if first == 0:
        return None
    symbol = tokens[first - 1]
    if symbol.text in _currencies()["codes"]:
        return symbol.text, first - 1  # "USD 20,000", "EUR 1.2 million"
    # "Rs. 300": a symbol written as an abbreviation
    abbreviated = tokens[first - 2].text if first >= 2 else ""
    glued = first >= 2 and tokens[first - 2].end == symbol.start
    if symbol.text == "." and glued and abbreviated in symbols and abbreviated.isalpha():
        return symbols[abbreviated], first - 2
    if symbol.text not in symbols:
        return None
    # "US$", "HK$": a prefix glued to the symbol
    if first >= 2 and tokens[first - 2].end == symbol.start:
        joined = tokens[first - 2].text + symbol.text
        if joined in symbols:
            return symbols[joined], first - 2
    return symbols[symbol.text], first - 1


def _read_unit(tokens: list[Token], position: int, draft: _Draft) -> int:
    """Read the unit after a number; return the token position after it."""
    if position >= len(tokens):
        return position
    token = tokens[position]
    nxt = tokens[position + 1] if position + 1 < len(tokens) else None
    # "12-fold", "18-hour": a hyphenated unit
    if token.text == "-" and nxt is not None and nxt.start == token.end:
        unit = _unit_at(tokens, position + 1)
        if unit:
            name, end = unit
            if name == "times" and draft.value is not None:
                following = tokens[end].lower if end < len(tokens) else ""
                draft.change = f"{_fmt(draft.value)}-fold" + (
                    f" {following}" if following in _INCREASE else ""
                )
            draft.unit = draft.unit or name
            return end
        return position
    if token.text == "%":
        draft.unit = "percent"
        return position + 1
    symbol = _currencies()["symbols"].get(token.text)
    glued = position > 0 and tokens[position - 1].end == token.start
    one_sign = len(token.text) == 1 and not token.text.isalpha()
    if symbol and glued and one_sign and not draft.currency:
        draft.unit, draft.currency = symbol, True  # "60,000₩", "50€"
        return position + 1
    weight = token.lower in ("pounds", "pound") and nxt is not None and nxt.lower == "of"
    if weight and not draft.currency:
        draft.unit = "lb"  # "5,200 pounds of water": a weight, not money
        return position + 1
    if not draft.currency:
        code = _currency_name_at(tokens, position)
        if code:
            draft.unit, draft.currency = code[0], True
            return code[1]
        subunit = _currencies()["subunits"].get(token.lower)
        if subunit and draft.value is not None:
            # "50 cents an hour" is 0.50 USD (a bare cent is a US cent, as a bare dollar is)
            draft.unit, draft.currency = subunit[0], True
            draft.value = draft.value / subunit[1]
            return position + 1
    if token.lower == "times" and nxt is not None and draft.value is not None:
        if nxt.lower in _LESS:
            draft.change = f"{_fmt(draft.value)} times {nxt.lower}"
            draft.value = 1 / draft.value
            draft.unit = "times"
            return position + 2
        if nxt.lower in _MORE:
            draft.unit = "times"
            if nxt.lower == "as" and (
                _match(tokens, position + 2, ("much",)) or _match(tokens, position + 2, ("many",))
            ):
                return position + 3
            return position + 2
        if nxt.lower == "what":
            # "others took home five times what they did"
            draft.unit = "times"
            return position + 1
        return position
    unit = _unit_at(tokens, position)
    if unit and unit[0] != "times" and not draft.currency:
        glued_m = token.lower == "m" and position > 0 and tokens[position - 1].end == token.start
        counted = _counted_at(tokens, unit[1], listed_only=True) if glued_m else None
        if counted is not None and draft.value is not None:
            # "28m people": a glued m before what it counts is million, not metres
            draft.value *= 1e6
            draft.noun, draft.unit = counted
            return unit[1]
        draft.unit = unit[0]
        return unit[1]
    return position


def _unit_at(tokens: list[Token], position: int) -> tuple[str, int] | None:
    for phrase, unit in _starting(tokens, position, "units"):
        if _match(tokens, position, phrase):
            return unit, position + len(phrase)
    return None


def _currency_name_at(tokens: list[Token], position: int) -> tuple[str, int] | None:
    names: dict[str, str] = _currencies()["names"]
    for size in (3, 2, 1):
        words = tuple(t.lower for t in tokens[position : position + size])
        if len(words) == size and " ".join(words) in names:
            return names[" ".join(words)], position + size
    if position < len(tokens) and tokens[position].text in _currencies()["codes"]:
        return tokens[position].text, position + 1
    return None


def _match(tokens: list[Token], position: int, phrase: tuple[str, ...]) -> bool:
    if position < 0 or position + len(phrase) > len(tokens):
        return False
    return all(tokens[position + k].lower == word for k, word in enumerate(phrase))


# words right before a number that make it the amount of a change ("fell 3.38%",
# "down by 30"): "to" after it gives the level reached, a figure of its own
_CHANGE_LEADS = _CHANGE_VERBS | {
    "by", "up", "down", "lost", "added", "gained", "slipped", "shed", "eased", "edged",
    "advanced", "tumbled", "slid", "sank", "rallied", "dipped", "gains", "loses", "adds",
}  # fmt: skip
# words of a change earlier in the clause of "from A to B" ("raise the efficiency from
# 23% to 35%"): the two ends are the figures before and after, not a range
_CHANGE_WORDS = _CHANGE_VERBS | _INCREASE | {
    "raise", "raised", "raises", "raising", "cut", "cuts", "lower", "lowered", "improve",
    "improved", "boost", "boosted", "reduce", "reduced", "lift", "lifted", "change", "changed",
}  # fmt: skip


def _change_then_level(
    tokens: list[Token], lead: str, own_unit: bool, ratio: bool, first: int
) -> bool:
    """Whether "A to B" gives a change and then the level it reached, two figures: a
    change word before A that bears a unit of its own ("rose 3.5 percent to $27.2
    billion") or "by" ("down by 30 to 126"); or "from A to B" in a clause that says
    what changed, where the change is not read as a ratio."""
    if lead == "by" or (lead in _CHANGE_LEADS and own_unit):
        return True
    if lead != "from" or ratio:
        return False
    for k in range(first - 2, max(-1, first - 12), -1):
        word = tokens[k].lower
        if word in _CLAUSE_STOPS:
            return False
        if word in _CHANGE_WORDS:
            return True
    return False


_CLAUSE_STOPS = frozenset((";", ".", ":", "ranging", "ranged", "range", "ranges", "between"))


def _second_of_range(
    tokens: list[Token], runs: list[NumberRun], index: int, position: int, lead: str
) -> tuple[int, str | None] | None:
    """The index of the run that closes a range started at runs[index], and the year
    written after the first number ("from twenty in 2022 to ten"), if any."""
    j = position
    year: str | None = None
    # "in 2022" between the two numbers of a change
    if _match(tokens, j, ("in",)) and j + 1 < len(tokens) and tokens[j + 1].is_digits:
        year = tokens[j + 1].text
        j += 2
    if lead == "between" and j < len(tokens) and tokens[j].text == "(":
        # "between US$1.2 billion (RM5 billion) and US$2.3 billion": the first amount's
        # other currency stands between the two ends
        close = next((k for k in range(j, min(len(tokens), j + 8)) if tokens[k].text == ")"), None)
        if close is not None:
            j = close + 1
    if _match(tokens, j, ("-", "to", "-")) and _glued_run(tokens, j, j + 4):
        j += 2  # "eight-to-10 months": a range written as one hyphenated word
    if j >= len(tokens):
        return None
    connector = tokens[j].lower
    closes = (
        (connector in ("-", "–") and year is None)
        or (connector == "to" and (lead in ("from", "between") or year is None))
        or (connector == "and" and lead == "between")
    )
    if not closes:
        return None
    following = bisect.bisect_right([r.first for r in runs[index + 1 : index + 8]], j)
    later = index + 1 + following
    if later >= len(runs) or later >= index + 8:
        return None
    nxt = runs[later]
    if connector in ("-", "–") and nxt.value < runs[index].value:
        return None  # "787-9", "45-17": a model or a score, no range runs downwards
    k = j + 1
    # skip a currency symbol and qualifiers in front of the second number
    symbols = _currencies()["symbols"]
    while k < nxt.first and (
        tokens[k].text in symbols
        or tokens[k].text in _currencies()["codes"]  # "between USD 100 and USD 200"
        or (k + 1 < nxt.first and tokens[k].text + tokens[k + 1].text in symbols)  # "US" "$"
        or tokens[k].lower in ("about", "around", "roughly", "merely", "just", "only", "some")
    ):
        k += 1
    if k != nxt.first:
        return None
    return later, year


def _glued_run(tokens: list[Token], first: int, last: int) -> bool:
    """Whether tokens[first:last] (and the token before `first`) are written without
    a space between them."""
    if first < 1 or last > len(tokens):
        return False
    return all(tokens[k].start == tokens[k - 1].end for k in range(first, last))


def _qualifier_length(tokens: list[Token], first: int) -> int:
    for phrase, _ in _ending(tokens, first, "qualifiers_before"):
        start = first - len(phrase)
        if start >= 0 and _match(tokens, start, phrase):
            return len(phrase)
    return 0


def _qualifier_before(tokens: list[Token], first: int) -> str | None:
    for phrase, qualifier in _ending(tokens, first, "qualifiers_before"):
        start = first - len(phrase)
        if start >= 0 and _match(tokens, start, phrase):
            # "fell by 30% over two years": right after another figure, "over" and
            # "under" are prepositions, not qualifiers
            if start > 0 and phrase[0] in ("over", "under") and _after_figure(tokens, start):
                return None
            return qualifier
    return None


def _after_figure(tokens: list[Token], position: int) -> bool:
    before = tokens[position - 1]
    return before.is_digits or before.text == "%" or _unit_at(tokens, position - 1) is not None


def _qualifier_after_length(tokens: list[Token], last: int) -> int:
    """How many tokens a qualifier after a figure takes ("or more", "+"), 0 for none."""
    for phrase, _ in _starting(tokens, last, "qualifiers_after"):
        if _match(tokens, last, phrase):
            return len(phrase)
    return 0


def _qualifier_after(tokens: list[Token], last: int) -> str | None:
    for phrase, qualifier in _starting(tokens, last, "qualifiers_after"):
        if _match(tokens, last, phrase):
            return qualifier
    return None


def _alternatives(tokens: list[Token], draft: _Draft) -> int:
    """ "$100-$200 (£74-£149)": the parenthesised amount in another currency joins
    the quantity as an alternative. Returns the position after what was read."""
    position = draft.last
    if not draft.currency:
        return _unit_alternative(tokens, draft)
    if position >= len(tokens) or tokens[position].text != "(":
        return position
    close = next((k for k in range(position, min(len(tokens), position + 12))
                  if tokens[k].text == ")"), None)  # fmt: skip
    if close is None:
        return position
    inside = tokens[position + 1 : close]
    symbols = _currencies()["symbols"]
    named = any(_currency_name_at(inside, k) for k in range(len(inside)))  # "209 U.S. dollars"
    if not inside or not (
        named or any(t.text in symbols or t.text in _currencies()["codes"] for t in inside)
    ):
        return position
    if not any(t.is_digits for t in inside):
        return position
    draft.alternatives = (_joined(inside),)
    draft.amounts = _amounts(inside)
    draft.last = close + 1
    return close + 1


def _unit_alternative(tokens: list[Token], draft: _Draft) -> int:
    """ "3,200 miles (5,150 km)", "100 kg (220 lb)", "113°F (45°C)": the same figure in
    another unit of its dimension, in parentheses right after it, joins it as an
    alternative. Returns the position after what was read."""
    position = draft.last
    dimensions: dict[str, list[Any]] = load_json("units.json")["dimensions"]
    if draft.unit not in dimensions or not _match(tokens, position, ("(",)):
        return position
    k = position + 1
    while k < len(tokens) and tokens[k].lower in _ABOUT:
        k += 1
    runs = find_numbers(tokens[k : k + 6])
    if not runs or runs[0].first != 0:
        return position
    value: float | None = runs[0].value
    low = high = None
    end = k + runs[0].last
    if len(runs) > 1 and tokens[end].text in ("-", "–") and k + runs[1].first == end + 1:
        ends = (runs[0].value, runs[1].value)
        value, low, high = None, min(ends), max(ends)
        end = k + runs[1].last
    unit = _unit_at(tokens, end)
    if unit is not None:
        name, after = unit
    elif end < len(tokens) and tokens[end].lower in ("pound", "pounds"):
        name, after = "lb", end + 1  # a pound beside kilograms weighs
    else:
        return position
    same_dimension = name in dimensions and dimensions[name][0] == dimensions[draft.unit][0]
    if name == draft.unit or not same_dimension or not _match(tokens, after, (")",)):
        return position
    inside = tokens[position + 1 : after]
    draft.alternatives = (_joined(inside),)
    draft.amounts = (Amount(_joined(inside), value, low, high, name),)
    draft.last = after + 1
    return after + 1


_ABOUT = frozenset(("about", "around", "roughly", "some", "approximately", "nearly", "or",
                    "almost", "worth", "circa"))  # fmt: skip


def _trailing_alternative(tokens: list[Token], draft: _Draft) -> None:
    """ "50,000 roubles a month, about $550": the same amount in another currency
    after a comma joins the figure as an alternative."""
    if not draft.currency:
        return
    for j in range(draft.last, min(len(tokens), draft.last + 5)):
        if tokens[j].text in (".", ";", "(", ")", ":"):
            return
        if tokens[j].text != ",":
            continue
        k = j + 1
        while k < len(tokens) and tokens[k].lower in _ABOUT:
            k += 1
        if k >= len(tokens) - 1:
            return
        end = _money_end(tokens, k)
        if end is None:
            return
        amounts = _amounts(tokens[k:end])
        if not amounts or amounts[0].unit == draft.unit:
            return
        draft.alternatives += (_joined(tokens[j + 1 : end]),)
        draft.amounts += amounts
        draft.last = end
        return


def _money_end(tokens: list[Token], k: int) -> int | None:
    """Where an amount of money that starts at tokens[k] ends ("$550", "550 dollars")."""
    symbols = _currencies()["symbols"]
    j = k
    if tokens[j].text in symbols:
        j += 1
    elif j + 1 < len(tokens) and tokens[j].text + tokens[j + 1].text in symbols:
        j += 2
    if j >= len(tokens) or not tokens[j].is_digits:
        return None
    runs = find_numbers(tokens[j : j + 3])
    if not runs or runs[0].first != 0:
        return None
    end = j + runs[0].last
    if j == k:
        name = _currency_name_at(tokens, end)
        if name is None:
            return None
        end = name[1]
    return end


def _amounts(inside: list[Token]) -> tuple[Amount, ...]:
    """An amount written as tokens ("£74-£149", "$550", "550 dollars"), read."""
    symbols: dict[str, str] = _currencies()["symbols"]
    code = next((symbols[t.text] for t in inside if t.text in symbols), None)
    if code is None:
        code = next((t.text for t in inside if t.text in _currencies()["codes"]), None)
    if code is None:
        for k in range(len(inside)):
            name = _currency_name_at(inside, k)
            if name is not None:
                code = name[0]
                break
    runs = find_numbers(inside)
    if code is None or not runs:
        return ()
    text = _joined(inside)
    if len(runs) >= 2:
        low, high = runs[0].value, runs[1].value
        return (Amount(text, None, min(low, high), max(low, high), code),)
    return (Amount(text, runs[0].value, None, None, code),)


def _joined(tokens: list[Token]) -> str:
    out = tokens[0].text
    for before, token in itertools.pairwise(tokens):
        out += (" " if token.start > before.end else "") + token.text
    return out


def _per_after(tokens: list[Token], position: int) -> str | None:
    for offset in range(0, 4):
        j = position + offset
        if j >= len(tokens) or tokens[j].text in (",", ".", ";", ")"):
            return None
        for phrase, per in _starting(tokens, j, "per"):
            if _match(tokens, j, phrase):
                # "within a year", "in a year": when something happened, not a rate
                if j > 0 and tokens[j - 1].lower in _NOT_RATE:
                    return None
                return per
    return None


def _noun_at(tokens: list[Token], position: int) -> bool:
    return any(
        _match(tokens, position, phrase) for phrase, _ in _starting(tokens, position, "nouns")
    )


def _per_before(tokens: list[Token], first: int) -> str | None:
    """ "a minimum monthly wage of 23,000 taka": the rate's period named before the
    figure, by a one-word period ("monthly", "daily") at most three words before "of"."""
    if first < 2 or tokens[first - 1].lower != "of":
        return None
    one_word = {p[0]: per for p, per in _phrases("per") if len(p) == 1}
    for k in range(max(0, first - 4), first - 1):
        if tokens[k].lower in one_word:
            return one_word[tokens[k].lower]
    return None


def _counted_at(
    tokens: list[Token], position: int, *, listed_only: bool = False
) -> tuple[str, str] | None:
    """What a count is of and its unit ("5,000 construction workers" -> people; "12
    complicit officials", one word no table lists before the noun; "156 were foreign
    victims"; "a 144-page report" -> count of pages). `listed_only`: none of these last
    three readings (after a number that could be a year or a day: "2016 global
    estimates" counts nothing)."""
    adjectives = set(_words()["people_adjectives"])
    j = position
    if j < len(tokens) and tokens[j].lower in ("were", "are") and not listed_only:
        j += 1  # "of the 263 victims, 156 were foreign victims"
    begin = j
    skipped = False  # one word no table lists may stand before the noun ("complicit")
    for _ in range(7):
        for phrase, unit in _starting(tokens, j, "nouns"):
            if _match(tokens, j, phrase):
                return _joined(tokens[begin : j + len(phrase)]), unit
        if j >= len(tokens):
            return None
        token = tokens[j]
        capitalised = token.text[:1].isupper() and token.text.isalpha()
        if capitalised and not listed_only and _listed_noun_at(tokens, j + 1):
            j += 1  # "five Chinese companies", "two Muslim women": the noun says what
            continue
        if _DEMONYM.fullmatch(token.text) and j + 1 < len(tokens) and tokens[j + 1].text != "-":
            return _joined(tokens[begin : j + 1]), "people"  # "60 Americans"
        if not listed_only and j == position and token.text == "-" and j + 1 < len(tokens):
            noun = tokens[j + 1]
            glued = tokens[j - 1].end == token.start == noun.start - 1
            if glued and noun.lower + "s" in _words()["count_nouns"]:
                return _joined(tokens[begin : j + 2]), "count"  # "a 144-page report"
            if glued and noun.lower + "s" in _words()["people_nouns"]:
                return _joined(tokens[begin : j + 2]), "people"  # "a 20-member committee"
        if (
            not (listed_only or skipped)
            and token.text.isalpha()
            and token.text.islower()
            and (token.lower not in _NOT_ADJECTIVES and _noun_at(tokens, j + 1))
        ):
            skipped = True
            j += 1
            continue
        glued_stop = token.text == "." and j > position and tokens[j - 1].end == token.start
        joined_adjectives = (
            token.lower == "and" and j + 1 < len(tokens) and tokens[j + 1].lower in adjectives
        )
        if token.lower in adjectives or token.text == "-" or glued_stop or joined_adjectives:
            j += 1
            continue
        if not listed_only and begin == position:
            plural = _unlisted_plural(tokens, begin)
            if plural is not None:
                return _joined(tokens[begin : plural + 1]), "count"
        return None
    return None


def _listed_noun_at(tokens: list[Token], position: int) -> bool:
    return any(_match(tokens, position, p) for p, _ in _starting(tokens, position, "nouns"))


_YEAR_LEADS = frozenset(("in", "since", "by", "until", "from", "during", "before", "after"))
# a plural no table lists ("airbags", "trophies", "carries"); not "was", "its", "plus"
_PLURAL = re.compile(r"[a-z]{2,}[^su\W]s")
_NOT_PLURAL = frozenset((
    "does", "goes", "says", "this", "thus", "perhaps", "whereas", "besides", "sometimes",
    "towards", "afterwards", "always", "news", "series", "means", "species", "lens",
))  # fmt: skip


def _unlisted_plural(tokens: list[Token], position: int) -> int | None:
    """The position of a plural noun right after a number, or after one lower-case word
    or a run of capitalised words ("10 airbags", "25 senior trophies", "three Premier
    League titles"): a count of that noun, which no table needs to list. After a name
    only a plural right after the number counts ("Cook 4 saves"; not "Redemption 2
    only renders")."""
    k = position
    number = tokens[position - 1]
    before = tokens[position - 2] if position >= 2 else None
    if before is not None and before.end == number.start and before.text.isalpha():
        return None  # "Q3 comps": a code
    if _between_parties(tokens, position - 1) and number.text.isalpha():
        return None  # "between the two powers": the parties named, not a figure
    named = before is not None and before.text[:1].isupper() and before.lower not in _DETERMINERS
    if before is not None and named and before.lower not in _qualifier_heads():
        # after a name only a plural that ends its phrase: "Cook 4 saves." counts;
        # "the LC 500 Convertible looks" and "Destiny 2 runs badly" are a name and a verb
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        ends = after is None or not after.text.isalnum() or after.lower == "and"
        return k if k < len(tokens) and _is_plural(tokens[k]) and ends else None
    if k < len(tokens) and tokens[k].text[:1].isupper():
        while k < len(tokens) and tokens[k].text[:1].isupper() and tokens[k].text.isalpha():
            k += 1  # capitalised words name the kind of thing counted
        if _glued_run(tokens, k, k + 2) and tokens[k].text == "-" and _modifier(tokens[k + 1]):
            k += 2  # "two North Korea-related designations"
    elif k + 1 < len(tokens) and not _is_plural(tokens[k]):
        modified = _after_modifiers(tokens, k)
        if modified is None:
            return None
        k = modified
    if k < len(tokens) and _is_plural(tokens[k]):
        next_word = tokens[k + 1].lower if k + 1 < len(tokens) else ""
        return None if next_word in _OBJECT_WORDS else k
    return None


# words that open a sentence before a number as no name does ("The two main forms")
_DETERMINERS = frozenset((
    "the", "these", "those", "its", "their", "his", "her", "our", "all", "another", "only",
))  # fmt: skip
_MODIFIERS = 3  # words that may describe a counted plural: "16 energy technology priorities"


def _after_modifiers(tokens: list[Token], k: int) -> int | None:
    """The position after the lower-case words ("new forced labor"; "short-term",
    "high-ranking" count as one) that stand between a number and a plural, at most
    _MODIFIERS of them; None when a word there is no modifier."""
    words = 0
    if k < len(tokens) and _glued_run(tokens, k, k + 1):
        return None  # "802.11ac access points": a code
    while k < len(tokens) and words < _MODIFIERS and not _is_plural(tokens[k]):
        if not _modifier(tokens[k]):
            return None
        k += 1
        if _glued_run(tokens, k, k + 2) and tokens[k].text == "-" and _modifier(tokens[k + 1]):
            k += 2
        words += 1
    return k if words else None


def _modifier(token: Token) -> bool:
    return token.text.isalpha() and token.text.islower() and token.lower not in _NOT_ADJECTIVES


def _between_parties(tokens: list[Token], first: int) -> bool:
    """Whether the number at `first` follows "between" or "between the"."""
    return _match(tokens, first - 1, ("between",)) or _match(tokens, first - 2, ("between", "the"))


def _is_plural(token: Token) -> bool:
    return _PLURAL.fullmatch(token.text) is not None and token.lower not in _NOT_PLURAL


# words that follow a verb, not a noun: "statute 1307 prohibits the import"
_OBJECT_WORDS = frozenset(("the", "a", "an", "his", "her", "its", "their", "them", "it", "him",
                           "us", "largely", "very", "also"))  # fmt: skip


# words that may not stand between a number and the noun it counts ("12 complicit
# officials" may; "12 of the officials" is read elsewhere)
_NOT_ADJECTIVES = frozenset((
    "the", "of", "to", "in", "for", "and", "or", "a", "an", "by", "with", "at", "on",
    "from", "than", "that", "which", "who", "were", "are", "was", "is", "be", "been",
    "had", "have", "has", "per", "each", "every", "times", "percent", "when", "while",
    "as", "if", "but", "so", "because", "after", "before", "since", "until", "into",
))  # fmt: skip


# a people's name in the plural: "Americans", "Indonesians", "Filipinos"
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ians|ans|inos|ese|is)")


def _clock_ranges(text: str, sentence: Span, tokens: list[Token]) -> list[_Draft]:
    drafts = []
    for match in _CLOCK_RANGE.finditer(text, sentence.start, sentence.end):
        a = match.group("a") or match.group("a2")
        b = match.group("b") or match.group("b2")
        ap_a = match.group("ap_a") or match.group("ap_a2")
        ap_b = match.group("ap_b") or match.group("ap_b2")
        start_hour = _hour(a, ap_a)
        end_hour = _hour(b, ap_b)
        if start_hour is None or end_hour is None:
            continue
        hours = (end_hour - start_hour) % 24 or 24
        first = next(i for i, t in enumerate(tokens) if t.end > match.start())
        last = max(i for i, t in enumerate(tokens) if t.start < match.end()) + 1
        drafts.append(
            _Draft(
                first=first,
                last=last,
                value=float(hours),
                unit="hours",
                clock=f"{start_hour:02d}:00-{end_hour:02d}:00",
                surface_start=match.start(),
                surface_end=match.end(),
            )
        )
    return drafts


def _hour(number: str, ampm: str | None) -> int | None:
    head = number.split(":")[0].lower()
    if head in ("midnight", "noon", "midday"):
        return 0 if head == "midnight" else 12
    value = int(head) if head.isdigit() else words_value([head])
    if value is None or not 0 <= value <= 24:
        return None
    hour = int(value) % 12
    marker = (ampm or "").lower().replace(".", "").replace(" ", "")
    if marker.startswith("p") or marker in ("intheafternoon", "intheevening", "atnight"):
        hour += 12
    elif not marker and int(value) != 12:
        # an unmarked end hour ("until two the next day") is read as written on a clock
        hour = int(value) % 24
    return hour


def _unit_and_a_half(tokens: list[Token], taken: set[int]) -> list[_Draft]:
    """ "a month and a half", "an hour and a half": one and a half of the unit."""
    drafts = []
    for i, token in enumerate(tokens):
        if i in taken or token.lower not in ("a", "an"):
            continue
        unit = _unit_at(tokens, i + 1)
        if unit is None or unit[0] in ("times", "percent", "metres"):
            continue
        if _match(tokens, unit[1], AND_A_HALF):
            drafts.append(_Draft(first=i, last=unit[1] + 3, value=1.5, unit=unit[0]))
    return drafts


_ARTICLES = frozenset(("a", "an", "the"))


def _one_unit_of_money(tokens: list[Token], taken: set[int]) -> list[_Draft]:
    """ "a dollar a day", "less than a euro an hour": one unit of a currency at a rate,
    a pay figure written without a number."""
    names: dict[str, str] = _currencies()["names"]
    drafts = []
    for i, token in enumerate(tokens[:-2]):
        if token.lower != "a" or i in taken or i + 1 in taken:
            continue
        code = names.get(tokens[i + 1].lower)
        if code is None or tokens[i + 1].lower.endswith("s"):
            continue  # a plural is no single unit: "a pounds" is no English
        if tokens[i + 2].lower not in ("a", "an", "per", "each", "every"):
            continue  # the rate right after it: "a dollar" alone is the currency
        per = _per_after(tokens, i + 2)
        if per is not None:
            drafts.append(_Draft(first=i, last=i + 2, value=1.0, unit=code, currency=True,
                                 per=per, qualifier=_qualifier_before(tokens, i)))  # fmt: skip
    return drafts


def _changes(tokens: list[Token], taken: set[int]) -> list[_Draft]:
    """ "halved", "doubled": a change without a number."""
    table: dict[str, float] = _words()["changes"]
    drafts = []
    for i, token in enumerate(tokens):
        if i in taken or token.lower not in table:
            continue
        if _match(tokens, i + 1, ("down",)) or (i > 0 and tokens[i - 1].lower in _ARTICLES):
            continue  # "doubled down on", "a double entendre": no change of a figure
        drafts.append(
            _Draft(first=i, last=i + 1, value=float(table[token.lower]), unit="times",
                   change=token.lower)
        )  # fmt: skip
    return drafts


def _comparisons(text: str, sentence: Span, tokens: list[Token]) -> list[_Draft]:
    drafts = []
    for found in measures.comparisons(text, sentence.start, sentence.end):
        first = min(bisect.bisect_right([t.end for t in tokens], found.start), len(tokens) - 1)
        drafts.append(
            _Draft(
                first=first,
                last=first + 1,
                value=None,
                low=found.low,
                high=found.high,
                unit=found.unit,
                qualifier=found.qualifier,
                surface_start=found.start,
                surface_end=found.end,
                measure=found.measure,
            )
        )
    return drafts


def _year_figures(text: str, sentence: Span, tokens: list[Token]) -> list[_Draft]:
    """Years that are the measured thing ("sanctions imposed in 2019"), from the table."""
    drafts = []
    for found in measures.year_figures(text, sentence.start, sentence.end, text):
        first = bisect.bisect_left([t.start for t in tokens], found.start)
        drafts.append(
            _Draft(first=first, last=first + 1, value=float(found.year), unit="year",
                   measure=found.measure, timeless=True)
        )  # fmt: skip
    return drafts


def _finish(
    text: str,
    sentence: Span,
    tokens: list[Token],
    draft: _Draft,
    evidence: Evidence,
    attributions: list[attribution.Attribution],
    previous: list[attribution.Attribution],
    sentence_periods: list[periods.Period],
    sentence_clauses: list[tuple[int, int]],
    figure_clauses: list[tuple[int, int]],
    figure_spans: Sequence[tuple[int, int]] = (),
) -> Quantity | None:
    start, end = _offsets(tokens, draft)
    measure_name = draft.measure
    timeless = draft.timeless
    if not measure_name:
        measure = measures.classify(
            text,
            sentence.start,
            sentence.end,
            start,
            end,
            draft.unit,
            is_currency=draft.currency,
            document=text,
            figure_clauses=figure_clauses,
            sentence_clauses=sentence_clauses,
        )
        counts_another = (
            measure is not None and draft.unit == "count" and draft.noun
            and not measures.names_noun(measure.name, draft.noun)
        )  # fmt: skip
        if counts_another:
            # "27 factories in 9 provinces": a count of a thing no cue of the measure
            # names counts that thing, not the measure; its noun says what it is
            measure = None
        if measure is not None:
            measure_name, timeless = measure.name, measure.timeless
            if not draft.unit:
                draft.unit = "people"
            if measure.invert and draft.unit == "times" and draft.value:
                draft.value = 1 / draft.value
        elif draft.clock:
            measure_name = measures.clock_measure()
    if not draft.unit and not measure_name:
        return None  # a bare number with nothing it counts is not a figure
    period = (
        None if timeless
        else _period_for(text, sentence, start, end, sentence_periods, figure_spans)
    )  # fmt: skip
    speaker = attribution.speaker_for(attributions, start, end, sentence.end)
    if speaker is None and previous:
        # "X reported a rise. In 2024 alone, arrivals surpassed ten thousand": the report
        # goes on in the next sentence when the reporting sentence gave no figure itself
        speaker = previous[-1].speaker
    change = draft.change
    if change and change.startswith("from "):
        # "from about twenty in 2022 to ten in the last year": the change runs since 2022
        year = re.search(r"in (\d{4})", change)
        if period is not None and period.start >= end:
            change += f" {period.value or period.text}"
        if year:
            period = periods.Period(f"since {year.group(1)}", "", start, end)
    return Quantity(
        evidence=evidence,
        surface=text[start:end],
        surface_start=start,
        surface_end=end,
        value=draft.value,
        low=draft.low,
        high=draft.high,
        unit=draft.unit,
        qualifier=draft.qualifier,
        measure=measure_name,
        period=period.value if period else None,
        per=draft.per,
        attributed_to=speaker,
        change=change,
        alternatives=draft.alternatives,
        alternative_amounts=draft.amounts,
        counted=_counted_words(draft.noun),
        period_text=period.text if period and period.text else None,
        clock=draft.clock,
        period_relative=period.relative if period else None,
    )


def _counted_words(noun: str | None) -> str | None:
    """The counted noun phrase without the counter a CJK numeral carries ("名")."""
    if not noun:
        return None
    return noun.strip(" ,.;:") or None


def _distance(period: periods.Period, start: int, end: int) -> int:
    return period.start - end if period.start >= end else start - period.end


def _period_for(
    text: str,
    sentence: Span,
    start: int,
    end: int,
    candidates: list[periods.Period],
    figure_spans: Sequence[tuple[int, int]] = (),
) -> periods.Period | None:
    """The nearest period in the figure's clause, not inside the figure itself. A
    horizon ("by 2022") is the period of the figure nearest it only: "400 deaths so
    far and 4,000 by 2022" gives the 400 no horizon."""
    clause_start, clause_end = sentence.start, sentence.end
    for match in _CLAUSE.finditer(text, sentence.start, sentence.end):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    best: periods.Period | None = None
    best_distance = 0
    for period in candidates:
        if period.start < end and period.end > start:
            continue
        if period.start < clause_start or period.end > clause_end:
            continue
        distance = _distance(period, start, end)
        if (
            period.value
            and period.value.startswith("by ")
            and any(
                (s, e) != (start, end) and _distance(period, s, e) < distance
                for s, e in figure_spans
            )
        ):
            continue
        if best is None or distance < best_distance:
            best, best_distance = period, distance
    return best


def _fmt(value: float) -> str:
    return f"{value:g}"
