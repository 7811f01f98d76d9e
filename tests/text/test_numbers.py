"""Numbers in any script and locale (indicia.text.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicia.text.numbers import digit_value, find_numerals, parse_numeral


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("13.221", "de", 13221),
        ("13.221", "es", 13221),
        ("13.2", "en", 13.2),
        ("13.221", "en", 13.221),
        ("13.221", None, 13221),
        ("13 221", "fr", 13221),
        ("13\u202f221", None, 13221),
        ("13\u00a0221", "fr", 13221),
        ("1'000", None, 1000),
        ("6,500", "de", 6500),
        ("6,500", "en", 6500),
        ("8,5", "es", 8.5),
        ("8.5", "es", 8.5),
        ("1.234.567,5", "de", 1234567.5),
        ("1,234,567.5", "en", 1234567.5),
        ("1,00,000", "en", 100000),
        ("1,3 млн", "ru", 1.3e6),
        ("5 тыс.", "ru", 5000),
        ("1,4 Millionen", "de", 1.4e6),
        ("5 Mio.", "de", 5e6),
        ("3 Mrd.", "de", 3e9),
        ("2.300 millones", "es", 2.3e9),
        ("2,5 mil millones", "es", 2.5e9),
        ("mil millones", "es", 1e9),
        ("1.5 million", "en", 1.5e6),
        ("1.5 trillion", "en", 1.5e12),
        ("12.9bn", "en", 12.9e9),
        ("50k", "en", 50000),
        ("3 lakh", "en", 3e5),
        ("2 crore", "en", 2e7),
        ("5 milliards", "fr", 5e9),
        ("٦٥٠٠", "ar", 6500),
        ("٦٬٥٠٠", "ar", 6500),
        ("１２３", None, 123),
        ("१२३", None, 123),
        ("1万3千", None, 13000),
        ("8万5000", "ja", 85000),
        ("23億", "ja", 2.3e9),
        ("二十万", "zh", 200000),
        ("十万", "zh", 100000),
        ("一千", "zh", 1000),
        ("五", "zh", 5),
        ("二〇二三", "zh", 2023),
        ("5천", "ko", 5000),
        ("300억", "ko", 3e10),
        ("1만 3천", "ko", 13000),
        ("다섯", "ko", 5),
        ("ستة", "ar", 6),
        ("fünf", "de", 5),
        ("fünfundzwanzig", "de", 25),
        ("dreitausend", "de", 3000),
        ("cinq", "fr", 5),
        ("cinq cents", "fr", 500),
        ("quatre-vingt-dix", "fr", 90),
        ("dos mil", "es", 2000),
        ("двадцать пять", "ru", 25),
        ("fifty thousand", "en", 50000),
        ("two hundred and fifty", "en", 250),
        ("two dozen", "en", 24),
        ("half", "en", None),
    ],
)
def test_parse_numeral(text: str, language: str | None, value: float | None) -> None:
    assert parse_numeral(text, language) == value


def test_approximations_and_ordinals_are_flagged() -> None:
    found = find_numerals("200多万 3rd 第3", language="zh")
    assert [(n.value, n.approximate, n.ordinal) for n in found] == [
        (2_000_000, "over", False),
        (3, None, True),
        (3, None, True),
    ]


@pytest.mark.parametrize(
    "text",
    ["十分", "万一", "千葉", "수천", "한국", "tenor", "Once upon", "due date"],
)
def test_words_that_are_not_numbers(text: str) -> None:
    # without a language, words that are numbers only in another language stay words
    assert [n for n in find_numerals(text) if n.words and n.value != 1] == []


def test_a_comma_list_is_not_a_decimal_in_english() -> None:
    assert [n.value for n in find_numerals("(1,2)", language="en")] == [1]
    assert [n.value for n in find_numerals("1,2 Millionen", language="de")] == [1.2e6]


def test_space_grouping_is_not_read_in_english() -> None:
    assert [n.value for n in find_numerals("in 2019 250 workers", language="en")] == [2019, 250]


def test_metres_are_not_millions_unless_money() -> None:
    assert [n.value for n in find_numerals("a 5m wall", language="en")] == [5]
    assert [n.value for n in find_numerals("a $5m deal", language="en")] == [5e6]


def test_offsets_point_at_the_numeral() -> None:
    text = "Au moins 80 000 Ouïghours, 1,5 million de personnes et cinq usines"
    found = find_numerals(text, language="fr")
    assert [text[n.start : n.end] for n in found] == ["80 000", "1,5 million", "cinq"]


def test_cost_is_linear_in_the_text() -> None:
    # a very long letter run is never tried as a compound number word
    text = "und" * 50_000 + " " + "; ".join(str(n) for n in range(1000))
    assert len(find_numerals(text, language="de")) == 1000


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["en", "de", "fr", None]))
def test_grouped_digits_round_trip(n: int, language: str | None) -> None:
    sep = {"en": ",", "de": ".", "fr": "\u202f", None: "\u00a0"}[language]
    written = f"{n:,}".replace(",", sep)
    assert parse_numeral(written, language) == n


@given(st.integers(min_value=0, max_value=99_999_999))
def test_script_digits_round_trip(n: int) -> None:
    arabic = str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert digit_value(arabic) == str(n)
    assert parse_numeral(arabic) == n
