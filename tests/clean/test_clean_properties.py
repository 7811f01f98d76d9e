"""Property tests: the offset map and idempotence hold for arbitrary text dumps.

The segment contract for text dumps, stated precisely: for every Segment s of a
cleaned document, `normalise_inline(content[s.source_start:s.source_end]) ==
text[s.clean_start:s.clean_end]` (normalise_inline: drop non-whitespace Cc/Cf
characters, whitespace runs to one space, NFC); the segments of a paragraph are
contiguous and cover it exactly; the "\\n\\n" between paragraphs maps to nothing.
"""

from __future__ import annotations

import itertools

from clean_builders import text_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicia.clean import clean_documents
from indicia.clean.normalise import normalise_inline
from indicia.records import CleanDocument

_SPECIAL = [
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u200b",
    "\u00ad",
    "\u0301",
    "\u3000",
    "中",
    "文",
]
_ALPHABET = st.sampled_from([*"abcdefghij KLMN .,:;!?#-*|“”‘’()é0123", *_SPECIAL])
_TEXT_DUMPS = st.lists(_ALPHABET, max_size=400).map("".join)
_ANY_TEXT = st.text(max_size=300)

_WORDS = st.sampled_from(
    [
        "ferry",
        "harbour",
        "crew",
        "passengers",
        "council",
        "island",
        "weather",
        "route",
        "timetable",
        "ticket",
        "morning",
        "captain",
        "storm",
        "engine",
        "quay",
        "evening",
        "coast",
        "village",
        "the",
        "a",
        "of",
        "to",
        "in",
        "on",
        "said",
        "would",
    ]
)
_SENTENCE = st.lists(_WORDS, min_size=9, max_size=25).map(lambda w: " ".join(w).capitalize() + ".")
_ARTICLE = st.lists(_SENTENCE, min_size=1, max_size=8).map("\n".join)


def check_segments(content: str, document: CleanDocument) -> None:
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    starts = [p.start for p in document.paragraphs]
    for s in document.segments:
        assert (
            normalise_inline(content[s.source_start : s.source_end])
            == (document.text[s.clean_start : s.clean_end])
        )
        index = max(i for i, start in enumerate(starts) if start <= s.clean_start)
        by_paragraph.setdefault(index, []).append((s.clean_start, s.clean_end))
    for index, paragraph in enumerate(document.paragraphs):
        spans = by_paragraph.get(index, [])
        assert spans and spans[0][0] == paragraph.start and spans[-1][1] == paragraph.end
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end == start
        assert (
            document.text[paragraph.start : paragraph.end].strip()
            == (document.text[paragraph.start : paragraph.end])
        )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT_DUMPS)
def test_segments_hold_for_text_dumps(content: str) -> None:
    check_segments(content, clean_documents([text_document(content)])[0])


@settings(max_examples=100, deadline=None)
@given(_ANY_TEXT)
def test_segments_hold_for_any_text(content: str) -> None:
    check_segments(content, clean_documents([text_document(content)])[0])


@settings(max_examples=100, deadline=None)
@given(_TEXT_DUMPS)
def test_paragraphs_are_joined_by_one_blank_line(content: str) -> None:
    document = clean_documents([text_document(content)])[0]
    pieces = [document.text[p.start : p.end] for p in document.paragraphs]
    assert "\n\n".join(pieces) == document.text
    assert all(piece and "\n" not in piece for piece in pieces)


@settings(max_examples=100, deadline=None)
@given(_ARTICLE, st.sampled_from(["", "Undo\n", "Read more\n", "标签:综合\n"]))
def test_cleaning_cleaned_article_text_removes_nothing_more(article: str, chrome: str) -> None:
    first = clean_documents([text_document(chrome + article)])[0]
    second = clean_documents([text_document(first.text)])[0]
    assert second.text == first.text
    assert second.removals == ()
    for sentence in dict.fromkeys(article.splitlines()):
        assert sentence in first.text
