"""Unicode and whitespace normalisation, and the offset pieces it returns."""

from __future__ import annotations

import pytest
from clean_builders import text_document

from indicia.clean import clean_documents
from indicia.clean.normalise import normalise_inline, normalise_span, normalise_text
from indicia.clean.offsets import to_source


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain text", "plain text"),
        ("  padded\t\tout  ", "padded out"),
        ("no\u00a0break\u3000space", "no break space"),
        ("zero\u200bwidth", "zerowidth"),
        ("zero \u200b width", "zero width"),
        ("joined\u200d\u2060word", "joinedword"),
        ("soft\u00adhyphen", "softhyphen"),
        ("\ufeffbyte order mark", "byte order mark"),
        ("bidi\u200emark", "bidimark"),
        ("control\x07char", "controlchar"),
        ("cafe\u0301", "café"),  # decomposed accent is composed (NFC)
        ("“curly” ‘quotes’ – dashes — kept", "“curly” ‘quotes’ – dashes — kept"),
        ("line\nbreak\r\nand\rreturn", "line break and return"),
        ("全角\u3000空格", "全角 空格"),
    ],
)
def test_normalise_text(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean


@pytest.mark.parametrize(
    "raw", ["a  b", "x\u200by z", "e\u0301t\u00e9 \u00a0 ok", " lead", "tab\tsep", "\u200b"]
)
def test_pieces_cover_the_text_and_map_back(raw: str) -> None:
    text, pieces = normalise_span(raw, 0, len(raw))
    assert text == normalise_text(raw)
    position = 0
    for piece in pieces:
        assert piece.start == position
        source = raw[piece.source_start : piece.source_end]
        assert normalise_inline(source) == text[piece.start : piece.end]
        if piece.exact:
            assert source == text[piece.start : piece.end]
        position = piece.end
    assert position == len(text)


def test_clean_text_maps_back_through_to_source() -> None:
    content = "Heading line\n\nThe  ferry\u00a0left at dawn.\nIt carried 40 people.\n"
    document = clean_documents([text_document(content)])[0]
    assert document.text == "Heading line\n\nThe ferry left at dawn.\n\nIt carried 40 people."
    start = document.text.index("40 people")
    span = to_source(document, start, start + len("40 people"))
    assert span is not None and content[span[0] : span[1]] == "40 people"
    start = document.text.index("ferry left")
    span = to_source(document, start, start + len("ferry left"))
    assert span is not None and normalise_inline(content[span[0] : span[1]]) == "ferry left"
    separator = document.text.index("\n\n")
    assert to_source(document, separator, separator + 2) is None
