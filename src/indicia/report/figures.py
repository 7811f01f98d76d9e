"""How a figure reads: the one formatter behind every output.

dossier.md, dossier.html, the CSV exports, the search index and the web pages all
write a claim's figure with `figure_text`, so one claim reads the same everywhere:
"over 50,000 people (figures range 40,000–60,000)", "$100–$200 (£74–£149) a month",
"0.2×", "2019". The value part (qualifier, value or range, open bounds), the unit
(a currency symbol before each amount, a word or sign after it), the same amount in
other currencies or units as the text wrote it, and the rate period are each written
once here.
"""

from __future__ import annotations

import functools
from typing import Any

# The measure reconciliation gives a figure it could not name: such a figure is
# listed apart, as an "other figure", and takes part in no conflict.
from indicia.records import UNCLASSIFIED

# Units written as a sign after the number rather than a word.
_SUFFIX_SIGNS = {"times": "×", "percent": "%", "fahrenheit": "°F", "celsius": "°C"}
# Units whose name in the data is not the word a reader writes.
_UNIT_WORDS = {"km2": "km²", "mi2": "sq mi"}
# Units that are the number itself: a calendar year reads 2019, not "2,019 year".
_BARE_UNITS = {"year", ""}
# A rate period read aloud: "a month", "an hour"; others read "per shift".
_PERIOD_ARTICLES = {"hour": "an hour"}
_PERIODS_WITH_A = {"second", "minute", "day", "night", "week", "month", "year", "shift"}


def is_named(claim: dict[str, Any]) -> bool:
    """Whether a claim's measure was named with confidence (a key figure)."""
    return bool(claim.get("measure") != UNCLASSIFIED)


def figure_text(claim: dict[str, Any]) -> str:
    """A claim's figure as a reader reads it, with its unit, the same figure in other
    currencies or units, and its period."""
    unit = str(claim.get("unit") or "")
    low, high, value = claim.get("low"), claim.get("high"), claim.get("value")
    qualifier = claim.get("qualifier")

    def amount(number: float) -> str:
        return _with_unit(_number(number, unit), unit)

    if value is not None:
        text = amount(value)
        if qualifier:
            text = f"{qualifier} {text}"
        if low is not None and high is not None and (low, high) != (value, value):
            # The unit word was just said; a sign stays on each amount ("$400–$600").
            text += f" (figures range {_span(low, high, unit, word=False)})"
    elif low is not None and high is not None:
        text = _span(low, high, unit)
        if qualifier:
            text = f"{qualifier} {text}"
    elif low is not None:
        # An open-ended figure ("outpacing local wages"): more than its one bound.
        text = f"{qualifier or 'more than'} {amount(low)}"
    elif high is not None:
        text = f"{qualifier or 'less than'} {amount(high)}"
    else:
        text = "?"
    alternatives = [str(a).strip() for a in claim.get("alternatives") or [] if str(a).strip()]
    if alternatives:
        text += f" ({'; '.join(alternatives)})"
    per = claim.get("per")
    if per:
        text += f" {period_text(str(per))}"
    return text


def period_text(per: str) -> str:
    """The rate period of a figure: "a month", "an hour", "per shift"."""
    per = per.strip()
    if per in _PERIOD_ARTICLES:
        return _PERIOD_ARTICLES[per]
    return f"a {per}" if per in _PERIODS_WITH_A else f"per {per}"


def number_text(value: float, unit: str = "") -> str:
    """1234567 -> "1,234,567"; 0.2 -> "0.2"; a year 2019 -> "2019"; never scientific."""
    return _number(value, unit)


def _number(value: float, unit: str) -> str:
    value = float(value)
    if unit == "year":
        return f"{value:.0f}" if value.is_integer() else f"{value:g}"
    if value.is_integer():
        return f"{int(value):,}"
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    if text in ("0", "-0"):
        # A figure smaller than a thousandth still reads as itself, not as zero.
        return f"{value:.3g}"
    return text


def _span(low: float, high: float, unit: str, word: bool = True) -> str:
    """A range: "$100–$200", "10–20%", "40,000–60,000 people" (the word once, at the end)."""
    first, last = _number(low, unit), _number(high, unit)
    if unit in _SUFFIX_SIGNS:
        return f"{first}–{last}{_SUFFIX_SIGNS[unit]}"
    if unit in _BARE_UNITS or unit not in _currency_symbols():
        return f"{first}–{last}" if not word else _with_unit(f"{first}–{last}", unit)
    return f"{_with_unit(first, unit)}–{_with_unit(last, unit)}"


def _with_unit(number: str, unit: str) -> str:
    if unit in _BARE_UNITS:
        return number
    if unit in _SUFFIX_SIGNS:
        return number + _SUFFIX_SIGNS[unit]
    symbol = _currency_symbols().get(unit)
    if symbol:
        return f"{symbol}{number}"
    return f"{number} {_UNIT_WORDS.get(unit, unit)}"


@functools.cache
def _currency_symbols() -> dict[str, str]:
    """ISO code -> the one symbol that stands for it alone in data/currencies.json."""
    from indicia.data import load_json

    by_code: dict[str, list[str]] = {}
    for symbol, code in load_json("currencies.json").get("symbols", {}).items():
        # A sign, not a word: "元" reads after its number, so CNY keeps its code.
        if not any(ch.isalpha() for ch in str(symbol)):
            by_code.setdefault(str(code), []).append(str(symbol))
    # "$" is USD in the table, but so is "US$": the shortest sign is the one a reader knows.
    return {code: min(signs, key=len) for code, signs in by_code.items()}


__all__ = ["UNCLASSIFIED", "figure_text", "is_named", "number_text", "period_text"]
