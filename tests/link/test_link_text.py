"""Normalisation the linker compares texts with."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicia.link.text import content_terms, number_token, sentences, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fifty thousand workers", ["50000", "workers"]),
        ("50,000 workers", ["50000", "workers"]),
        ("thirteen thousand", ["13000"]),
        ("one hundred and two hundred dollars", ["100", "and", "200", "dollars"]),
        ("three hundred and five", ["305"]),
        ("twenty-five", ["25"]),
        ("two, three", ["2", "3"]),
        ("ten thousand; fifty thousand", ["10000", "50000"]),
        ("one million two hundred thousand", ["1200000"]),
        ("a hundred", ["a", "hundred"]),
        ("Labour and labourers", ["labor", "and", "laborers"]),
        ("mobilised", ["mobilized"]),
    ],
)
def test_words_normalise_numbers_and_spelling(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_content_terms_drop_stop_words_and_plural_s() -> None:
    text = "The workers were sent to the site"
    assert content_terms(words(text), "en") == ["worker", "sent", "site"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Han and katakana runs become bigrams; hiragana separates runs.
        ("強制労働の工場", ["強制", "制労", "労働", "工場"]),
        ("强迫劳动", ["强迫", "迫劳", "劳动"]),
        # Hangul words carry particles: bigrams let "노동자" meet "노동자들".
        ("노동자들", ["노동", "동자", "자들"]),
        ("ข่าวสาร", ["ข่", "่า", "าว", "วส", "สา", "าร"]),
        ("Рабочие фабрики", ["рабочие", "фабрики"]),
        ("العمال المهاجرين", ["العمال", "المهاجرين"]),
        ("8万人", ["8", "万人"]),
    ],
)
def test_tokens_in_every_script(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("6,500", "6500"),
        ("6.500", "6500"),
        ("1.234.567", "1234567"),
        ("6,8", "6.8"),
        ("6.8", "6.8"),
        ("٦٥٠٠", "6500"),
        ("１２", "12"),
        ("12,34,567", "12.34.567"),
    ],
)
def test_number_token(token: str, expected: str) -> None:
    assert number_token(token) == expected


def test_content_terms_keep_bigrams_and_drop_stop_words_of_other_languages() -> None:
    assert content_terms(words("les travailleurs dans les usines"), "fr") == [
        "travailleur",
        "usine",
    ]
    # Without a language, the stop words of every language are dropped.
    assert content_terms(words("les travailleurs dans les usines")) == ["travailleur", "usine"]
    assert "劳动" in content_terms(words("强迫劳动"))


def test_sentences_end_at_full_stops_of_other_scripts() -> None:
    text = "工場では労働者が毎日働いていた。会社はそれを否定している。"
    found = sentences(text, min_words=1)
    assert [s.text for s in found] == [
        "工場では労働者が毎日働いていた。",
        "会社はそれを否定している。",
    ]


@given(st.text(max_size=300))
def test_sentence_offsets_index_the_text(text: str) -> None:
    for sentence in sentences(text, min_words=1):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
