"""Scripts by Unicode script property: names, counts and the unspaced test."""

from __future__ import annotations

import pytest

from indicia.text.scripts import is_unspaced, script_counts, script_of


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("workers were paid late", "latin"),
        ("рабочие не получали зарплату", "cyrillic"),
        ("οι εργάτες δεν πληρώθηκαν", "greek"),
        ("لم يتقاض العمال أجورهم", "arabic"),
        ("העובדים לא קיבלו שכר", "hebrew"),
        ("मजदूरों को वेतन नहीं मिला", "devanagari"),
        ("คนงานไม่ได้รับค่าจ้าง", "thai"),
        ("노동자들은 임금을 받지 못했다", "hangul"),
        ("工人没有拿到工资", "han"),
        ("ひらがなとカタカナ", "kana"),
        ("Tiếng Việt có dấu", "latin"),
    ],
)
def test_script_of_names_the_script_of_most_letters(text: str, script: str) -> None:
    assert script_of(text) == script


def test_script_of_text_without_letters_is_none() -> None:
    assert script_of("12,500 — 3.4% !!") is None
    assert script_of("") is None


def test_script_counts_counts_letters_with_their_marks() -> None:
    counts = script_counts("abc мир 東京です")
    assert counts == {"latin": 3, "cyrillic": 3, "han": 2, "kana": 2}
    # Devanagari vowel signs are marks of the script and count with it
    assert script_counts("हिन्दी") == {"devanagari": 6}
    # the long-vowel mark is shared by hiragana and katakana and counts as kana
    assert script_counts("ラーメン")["kana"] == 4


def test_is_unspaced_is_true_for_scripts_without_spaces_between_words() -> None:
    assert is_unspaced("東") and is_unspaced("の") and is_unspaced("ท")
    assert not is_unspaced("a") and not is_unspaced("한") and not is_unspaced("ж")
    assert not is_unspaced("。")
