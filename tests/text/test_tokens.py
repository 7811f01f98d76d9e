"""Word tokens and shingles in every script."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from indicia.text.tokens import char_shingles, ngrams, normalize, word_tokens


def test_letter_runs_are_words_in_spaced_scripts() -> None:
    assert word_tokens("Forced-Labour camps") == ["forced", "labour", "camps"]
    assert word_tokens("Рабочие ПОЛУЧАЛИ") == ["рабочие", "получали"]
    assert word_tokens("노동자들은 임금을") == ["노동자들은", "임금을"]
    assert word_tokens("لم يتقاض العمال") == ["لم", "يتقاض", "العمال"]
    # the virama and vowel signs stay inside the Devanagari word
    assert word_tokens("मजदूरों को") == ["मजदूरों", "को"]


def test_unspaced_runs_become_bigrams() -> None:
    assert word_tokens("工人工资") == ["工人", "人工", "工资"]
    assert word_tokens("工人工资", unigrams=True) == [
        "工",
        "工人",
        "人",
        "人工",
        "工",
        "工资",
        "资",
    ]
    assert word_tokens("a 字 b") == ["a", "字", "b"]
    # kana and kanji of one Japanese word run together
    assert word_tokens("働いて") == ["働い", "いて"]
    assert word_tokens("ค่าจ้าง")[0] == "ค่"


def test_tokens_are_nfkc_and_case_folded_with_ascii_digits() -> None:
    assert word_tokens("ＦＯＲＣＥＤ Straße") == ["forced", "strasse"]
    assert word_tokens("١٢٣ workers") == ["123", "workers"]
    assert word_tokens("５０人") == ["50", "人"]
    assert normalize("ＡＢＣ") == "abc"


def test_mixed_runs_split_at_the_script_change() -> None:
    assert word_tokens("BBC报道") == ["bbc", "报道"]


def test_char_shingles_ignore_punctuation_and_work_without_spaces() -> None:
    assert char_shingles("Forced-labour", 5) == char_shingles("forced labour", 5)
    assert char_shingles("朝鲜工人", 2) == ["朝鲜", "鲜工", "工人"]
    assert char_shingles("abab ab", 2) == ["ab", "ba", "b ", " a"]
    assert char_shingles("ab", 5) == ["ab"]
    assert char_shingles("!!!", 5) == []


def test_ngrams_of_tokens() -> None:
    assert ngrams(["a", "b", "c"], 2) == [("a", "b"), ("b", "c")]
    assert ngrams(["a"], 2) == []


@given(st.text(max_size=200))
def test_tokens_are_never_empty_and_never_hold_spaces(text: str) -> None:
    for token in word_tokens(text, unigrams=True):
        assert token and not any(c.isspace() for c in token)
    shingles = char_shingles(text, 4)
    assert len(shingles) == len(set(shingles))
    assert all(0 < len(s) <= 4 for s in shingles)
