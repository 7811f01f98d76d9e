"""Dates, outlet names, datelines and headlines as text dumps state them."""

from __future__ import annotations

import time

import pytest

from indicia.ingest.metadata import (
    Metadata,
    canonical_outlet,
    clean_language,
    iso_date,
    known_outlet,
    outlet_from_url,
)
from indicia.ingest.text import markdown_metadata, text_metadata

BODY = "A paragraph of the report follows here, written as a full sentence.\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-08-12", "2025-08-12"),
        ("2025-08-12 00:00:00.0", "2025-08-12"),
        ("2025-08-12T06:30:00+01:00", "2025-08-12"),
        ("2025/8/2", "2025-08-02"),
        ("2025年8月12日", "2025-08-12"),
        ("20250812", "2025-08-12"),
        ("Tue, 12 Aug 2025 07:30:00 GMT", "2025-08-12"),
        ("12 August 2025", "2025-08-12"),
        ("12th Aug. 2025", "2025-08-12"),
        ("August 12, 2025", "2025-08-12"),
        ("Published on Sept 3, 2024 at noon", "2024-09-03"),
        ("2025-02-30", None),
        ("0000-01-01", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20250812, None),
        (time.struct_time((2025, 8, 12, 0, 0, 0, 0, 224, 0)), "2025-08-12"),
    ],
)
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("独立报", "The Independent"),
        ("the independent", "The Independent"),
        ("BBC News", "BBC"),
        ("英国广播公司", "BBC"),
        ("Some Local Paper", None),
        ("", None),
        (None, None),
    ],
)
def test_known_outlet(name: str | None, expected: str | None) -> None:
    assert known_outlet(name) == expected


def test_canonical_outlet_keeps_unknown_names() -> None:
    assert canonical_outlet("  Some   Local Paper ") == "Some Local Paper"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.bbc.co.uk/news/world-asia-1", "BBC"),
        ("https://bbc.com/korean/articles/x", "BBC"),
        ("https://www.independent.co.uk/asia/x.html", "The Independent"),
        ("https://notbbc.com/x", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, expected: str | None) -> None:
    assert outlet_from_url(url) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en-GB", "en"), ("ko_KR", "ko"), ("zh", "zh"), ("english", None), ("", None)],
)
def test_clean_language(tag: str, expected: str | None) -> None:
    assert clean_language(tag) == expected


@pytest.mark.parametrize(
    ("text", "title", "published", "outlet"),
    [
        (
            "Site menu\n登录 | 注册\nWorkers Describe Life on Remote Building Sites\n"
            "2025-08-12 00:00:00.0     独立报-世界新闻     原网页\n\n" + BODY,
            "Workers Describe Life on Remote Building Sites",
            "2025-08-12",
            "The Independent",
        ),
        (
            "Escapes Halve as Watch Tightens\n12 August 2025 | Reuters\n\n" + BODY,
            "Escapes Halve as Watch Tightens",
            "2025-08-12",
            "Reuters",
        ),
        (
            "Escapes Halve as Watch Tightens\n2025年8月12日  来源：路透社\n\n" + BODY,
            "Escapes Halve as Watch Tightens",
            "2025-08-12",
            "Reuters",
        ),
        (
            "A Headline Without Any Date\n\n" + BODY,
            "A Headline Without Any Date",
            None,
            None,
        ),
        (
            BODY + "### Heading Marked Up With Hashes\n\n" + BODY,
            "Heading Marked Up With Hashes",
            None,
            None,
        ),
        (BODY * 3, None, None, None),
        (
            "Dates inside sentences are not datelines\n\nOn 10 August 2025 a fire broke out in "
            "a flat, and crews worked through the night to put it out completely.\n",
            "Dates inside sentences are not datelines",
            None,
            None,
        ),
    ],
)
def test_text_metadata(
    text: str, title: str | None, published: str | None, outlet: str | None
) -> None:
    assert text_metadata(text) == Metadata(title=title, published=published, outlet=outlet)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        (
            "The Independent keeps its reporting free of paywalls for every reader.",
            "The Independent",
        ),
        ("Readers fund the Guardian: your support keeps it open to all.", "The Guardian"),
        ("The Independent reported that the workers were watched day and night.", None),
        ("According to the Guardian, support for the plan is falling.", None),
    ],
)
def test_outlet_from_its_own_boilerplate(line: str, outlet: str | None) -> None:
    text = "Headline Without Dateline Here\n\n" + BODY + "\n" + line + "\n"
    assert text_metadata(text).outlet == outlet


def test_markdown_title_without_front_matter() -> None:
    meta = markdown_metadata("Intro line\n\n# The Real Title\n\n" + BODY)
    assert meta.title == "The Real Title"
    assert meta.published is None
