"""Sentences in every script, long-sentence cuts, and the real quotes they must keep whole."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.shared_inputs import BENCHDATA, require

from indicia.records import Span
from indicia.text.sentences import cut_long_sentence, split_sentences


def _sentences(text: str, language: str | None = None) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese and Japanese: no space after the full stop
        (
            "工人没有拿到工资。他们被关在宿舍里！为什么？",
            ["工人没有拿到工资。", "他们被关在宿舍里！", "为什么？"],
        ),
        ("彼は工場で働いた。給料はなかった。", ["彼は工場で働いた。", "給料はなかった。"]),
        # a closing bracket stays with its sentence; a particle after a quote carries on
        ("「帰れない。」と彼は言った。次に進む。", ["「帰れない。」と彼は言った。", "次に進む。"]),
        ("他说：“我们走不了。”后来他逃走了。", ["他说：“我们走不了。”", "后来他逃走了。"]),
        # Arabic: question mark, no letter case
        ("هل دفعوا الأجور؟ لا. قال العامل ذلك", ["هل دفعوا الأجور؟", "لا.", "قال العامل ذلك"]),
        # Devanagari danda, with and without a space
        ("मजदूर थक गए थे। उन्हें पैसे नहीं मिले।वे लौट गए", ["मजदूर थक गए थे।", "उन्हें पैसे नहीं मिले।", "वे लौट गए"]),
        # Thai: a space between Thai runs ends a sentence
        ("คนงานเหนื่อยมาก พวกเขาไม่ได้รับเงิน", ["คนงานเหนื่อยมาก", "พวกเขาไม่ได้รับเงิน"]),
        # Cyrillic, with an initial and an abbreviation
        (
            "Рабочих было 300 тыс. человек. В. Иванов это подтвердил.",
            ["Рабочих было 300 тыс. человек.", "В. Иванов это подтвердил."],
        ),
        # Greek question mark is a semicolon
        ("Πού πήγαν; Κανείς δεν ξέρει.", ["Πού πήγαν;", "Κανείς δεν ξέρει."]),
        # Hangul has no case
        (
            "노동자들이 떠났다. 그들은 돌아오지 않았다.",
            ["노동자들이 떠났다.", "그들은 돌아오지 않았다."],
        ),
        # an English sentence run straight into a Chinese one
        (
            "They were paid nothing.他们没有拿到工资。",
            ["They were paid nothing.", "他们没有拿到工资。"],
        ),
        ("See U.S.中国", ["See U.S.中国"]),
        # a semicolon elsewhere is no sentence end
        ("They worked late; Nobody paid them.", ["They worked late; Nobody paid them."]),
    ],
)
def test_sentences_in_every_script(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_decimals_initials_and_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Dr. Kim met J. R. Smith of the U.N. on Jan. 5. It cost 3.5 million dollars. "
        "Then they left."
    )
    assert _sentences(text) == [
        "Dr. Kim met J. R. Smith of the U.N. on Jan. 5.",
        "It cost 3.5 million dollars.",
        "Then they left.",
    ]


def test_abbreviations_that_only_abbreviate_before_a_number() -> None:
    assert _sentences("See No. 4 below. He said no. Then he left.") == [
        "See No. 4 below.",
        "He said no.",
        "Then he left.",
    ]


def test_abbreviations_per_language() -> None:
    # "bzw." is German; with the language given it does not end the sentence
    text = "Es waren 40 bzw. 50 Arbeiter. Sie blieben."
    assert _sentences(text, "de") == ["Es waren 40 bzw. 50 Arbeiter.", "Sie blieben."]
    assert _sentences("Sie kamen am 5. März an. Dann gingen sie.", "de") == [
        "Sie kamen am 5. März an.",
        "Dann gingen sie.",
    ]
    # a short word that abbreviates in one language is a word in another: no guessing
    assert _sentences("The test found DNA. The police came.") == [
        "The test found DNA.",
        "The police came.",
    ]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    assert _sentences('He said "We cannot leave." (They were locked in.) It ended.') == [
        'He said "We cannot leave."',
        "(They were locked in.)",
        "It ended.",
    ]


def test_line_breaks_end_sentences_and_lower_case_continues_one() -> None:
    assert _sentences("First line\nsecond line. still the same") == [
        "First line",
        "second line. still the same",
    ]
    assert _sentences("See bbc.co.uk. Or not") == ["See bbc.co.uk.", "Or not"]


_TEXT = st.lists(
    st.sampled_from([*list("ab A.!?。」 \n\t؟।ทกต「2…"), "Mr.", "e.g.", "U.S. "]), max_size=60
).map("".join)


@given(_TEXT)
def test_spans_are_ordered_disjoint_and_trimmed(text: str) -> None:
    spans = split_sentences(text)
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()
    # nothing but whitespace falls outside the sentences
    covered = "".join(text[s.start : s.end] for s in spans)
    assert "".join(covered.split()) == "".join(text.split())


def test_cut_long_sentence_prefers_strong_clause_boundaries() -> None:
    clause = "the workers said they were kept in the dormitory"
    text = "; ".join([clause] * 12) + "."
    pieces = cut_long_sentence(text, Span(0, len(text)), 200)
    assert len(pieces) > 1
    assert all(p.end - p.start <= 200 for p in pieces)
    assert all(text[p.start : p.end].endswith((";", ".")) for p in pieces)


def test_cut_long_sentence_in_cjk_and_without_any_boundary() -> None:
    text = "、".join(["工人被关在宿舍里"] * 60) + "。"
    pieces = cut_long_sentence(text, Span(0, len(text)), 100)
    assert all(p.end - p.start <= 100 for p in pieces)
    assert all(text[p.start : p.end].endswith(("、", "。")) for p in pieces)
    solid = "字" * 250
    assert cut_long_sentence(solid, Span(0, 250), 100) == [
        Span(0, 100),
        Span(100, 200),
        Span(200, 250),
    ]
    short = "A short one."
    assert cut_long_sentence(short, Span(0, len(short))) == [Span(0, len(short))]
    with pytest.raises(ValueError):
        cut_long_sentence(short, Span(0, 5), 0)


_CLAUSES = st.lists(
    st.sampled_from([*list("ab ,;:—、，字"), "50,000", "10:30", "word "]), max_size=150
).map("".join)


@given(_CLAUSES, st.integers(5, 80))
def test_cut_pieces_fit_and_keep_every_character(text: str, limit: int) -> None:
    pieces = cut_long_sentence(text, Span(0, len(text)), limit)
    for a, b in itertools.pairwise(pieces):
        assert a.end <= b.start
    assert all(0 < p.end - p.start <= limit for p in pieces)
    assert "".join("".join(text[p.start : p.end] for p in pieces).split()) == "".join(text.split())


def _labelled_quotes() -> list[tuple[str, str, str]]:
    """(set/file, text, quote) for every indicator quote of the two labelled real sets."""
    found = []
    for folder, name in (("indicators-dev", "labels.jsonl"), ("news-pile-dev", "evidence.jsonl")):
        root = require(BENCHDATA / folder)
        for line in (root / name).read_text("utf-8").splitlines():
            record = json.loads(line)
            text = (root / record["file"]).read_text("utf-8")
            for quotes in record["indicators"].values():
                found += [(f"{folder}/{record['file']}", text, quote) for quote in quotes]
    return found


def test_every_labelled_indicator_quote_lies_inside_one_sentence() -> None:
    quotes = _labelled_quotes()
    assert len(quotes) > 300
    broken = []
    for where, text, quote in quotes:
        start = text.find(quote)
        assert start >= 0, (where, quote)
        spans = split_sentences(text)
        if not any(s.start <= start and start + len(quote) <= s.end for s in spans):
            broken.append((where, quote[:60]))
    assert broken == []


def test_a_text_wrapped_at_a_fixed_width_keeps_its_sentences_whole() -> None:
    text = (
        "Labour inspectors in the northern district said on Monday that they had\n"
        "freed 41 people from two quarries in the\n"
        "hills, among them 12\n"
        "children, and that the owners had held their papers for\n"
        "months. The owner and three\n"
        "helpers were arrested after a raid in\n"
        "Lampang province.\n\nA second paragraph follows here."
    )
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    assert len(sentences) == 3, sentences
    assert sentences[0].endswith("for\nmonths.")
    assert sentences[1].startswith("The owner") and sentences[1].endswith("province.")


def test_line_breaks_end_sentences_in_a_text_not_wrapped() -> None:
    text = "Workers left the mill\nby the hundreds\nA new heading\nAnother line of text"
    assert len(split_sentences(text)) == 4
