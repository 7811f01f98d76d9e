"""Splitting text dumps into units: lines, hard-wrapped blocks, Markdown marks."""

from __future__ import annotations

from clean_builders import text_document

from indicia.clean import clean_documents
from indicia.clean.lines import split_units
from indicia.clean.normalise import normalise_inline

WRAPPED = """# Ferry timetable changes

The island ferry will run a reduced timetable through the
winter months, the operator said on Friday, because two of
its three boats need new engines before the spring season.

Passengers with season tickets will be offered a refund for
the weeks when the early morning crossing does not run, and
the late crossing will leave half an hour earlier than now.
"""


def test_hard_wrapped_blocks_become_one_paragraph_each() -> None:
    units = split_units(WRAPPED)
    assert [u.heading for u in units] == [True, False, False]
    assert units[0].text == "Ferry timetable changes"
    assert units[1].text.startswith(
        "The island ferry will run a reduced timetable through the winter"
    )
    assert units[2].text.endswith("half an hour earlier than now.")


def test_wrapped_paragraphs_map_back_line_by_line() -> None:
    document = clean_documents([text_document(WRAPPED)])[0]
    assert len(document.paragraphs) == 3
    for s in document.segments:
        source = WRAPPED[s.source_start : s.source_end]
        assert normalise_inline(source) == document.text[s.clean_start : s.clean_end]
    # The line breaks inside a block are the only characters that changed.
    changed = [WRAPPED[s.source_start : s.source_end] for s in document.segments]
    assert sorted(set(c for c in changed if c != c.strip() or "\n" in c)) == ["\n"]
    assert document.title == "Ferry timetable changes"


def test_one_line_per_paragraph_text_is_not_joined() -> None:
    text = "Short heading\nA first paragraph that ends here.\nA second one that also ends.\n"
    assert [u.text for u in split_units(text)] == [
        "Short heading",
        "A first paragraph that ends here.",
        "A second one that also ends.",
    ]


def test_markup_and_heading_marks() -> None:
    units = split_units("### Title here\n###\n---\n#hashtag line\n####### seven marks\n")
    assert [(u.text, u.heading, u.markup) for u in units] == [
        ("Title here", True, False),
        ("###", False, True),
        ("---", False, True),
        ("#hashtag line", False, False),
        ("####### seven marks", False, False),
    ]


def test_blank_and_invisible_lines_are_not_units() -> None:
    assert split_units("\n \u00a0 \n\u200b\n\t\n") == []


def test_line_endings_of_every_kind() -> None:
    units = split_units("one line\r\ntwo line\rthree line\u2028four line")
    assert [u.text for u in units] == ["one line", "two line", "three line", "four line"]
    content = "one line\r\ntwo line\rthree line\u2028four line"
    for unit in units:
        assert content[unit.source_start : unit.source_end] == unit.text
