"""Normalisation the linker compares texts with."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicia.link.text import content_terms, english_share, sentences, words


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
    assert content_terms(words("The workers were sent to the site")) == ["worker", "sent", "site"]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("The workers said that they were not paid for the work they did.", True),
        ("Die Arbeiter sagten, dass sie für ihre Arbeit nicht bezahlt wurden.", False),
        ("Рабочие сказали, что им не заплатили за работу.", False),
    ],
)
def test_english_share_tells_english(text: str, english: bool) -> None:
    assert (english_share(words(text)) >= 0.15) is english


@given(st.text(max_size=300))
def test_sentence_offsets_index_the_text(text: str) -> None:
    for sentence in sentences(text, min_words=1):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
