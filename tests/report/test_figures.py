"""One formatter: a figure reads the same in dossier.md, dossier.html, the CSVs and the
web pages (value, range, other currencies, rate period, qualifier, unit)."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from typing import Any

import pytest

from indicia.report import claims_csv, figure_text, render_html, render_markdown, story_view
from indicia.report.figures import period_text

TEXT = (
    "Recruiters promised pay of $100-$200 (£74-£149) a month to the crews. "
    "Officials put the number of workers at over 50,000 in the region."
)


def _claim(claim_id: str, quote: str, **fields: Any) -> dict[str, Any]:
    start = TEXT.index(quote)
    claim: dict[str, Any] = {
        "id": claim_id, "story": "s1", "measure": "some measure", "value": None,
        "low": None, "high": None, "unit": "people", "qualifier": None, "period": None,
        "attributed_to": None, "independent_sources": 1, "conflicts": [],
        "evidence": [{"document": "d1", "quote": quote, "start": start,
                      "end": start + len(quote)}],
        "per": None, "change": None, "alternatives": [], "clock": None,
    }  # fmt: skip
    claim.update(fields)
    return claim


PAY = _claim(
    "c-pay", "$100-$200 (£74-£149) a month", measure="monthly pay", low=100.0, high=200.0,
    unit="USD", per="month", alternatives=["£74-£149"],
)  # fmt: skip
WORKERS = _claim(
    "c-workers", "over 50,000", measure="workers sent", value=50_000.0, low=40_000.0,
    high=60_000.0, qualifier="over",
)  # fmt: skip


def _dossier(claims: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema": "indicia.dossier/1", "generator": "indicia test",
        "summary": {"documents": 1, "ok": 1, "rejected": 0, "stories": 1},
        "documents": [
            {"id": "d1", "source_path": "in/a.txt", "also_found_at": [], "title": "A report",
             "outlet": "Example Outlet", "url": None, "author": None, "published": None,
             "language": "en", "status": "ok", "text": TEXT, "story": "s1",
             "removed": {"boilerplate_lines": 0, "repeated_paragraphs": 0, "items": []},
             "derived_from": [], "duplicate_of": None, "notes": []}
        ],
        "stories": [{"id": "s1", "title": "A story", "documents": ["d1"],
                     "origins": [{"outlet": "Example Outlet", "documents": ["d1"]}],
                     "independent_sources": 1}],
        "indicators": [], "claims": claims, "entities": [],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"low": 100, "high": 200, "unit": "USD", "per": "month", "alternatives": ["£74-£149"]},
         "$100–$200 (£74-£149) a month"),
        ({"value": 50_000, "low": 40_000, "high": 60_000, "qualifier": "over", "unit": "people"},
         "over 50,000 people (figures range 40,000–60,000)"),
        ({"value": 50_000, "qualifier": "over", "unit": ""}, "over 50,000"),
        ({"low": 100, "high": 200, "value": None, "unit": ""}, "100–200"),
        ({"low": 10, "high": 20, "qualifier": "about", "unit": "hours"}, "about 10–20 hours"),
        ({"value": 2.5, "unit": ""}, "2.5"),
        ({"value": None, "unit": ""}, "?"),
        ({"value": 2019, "unit": "year"}, "2019"),
        ({"value": 2019, "unit": "people"}, "2,019 people"),
        ({"low": 2010, "high": 2015, "unit": "year"}, "2010–2015"),
        ({"value": 0.2, "unit": "times"}, "0.2×"),
        ({"value": 500, "low": 400, "high": 600, "unit": "USD"}, "$500 (figures range $400–$600)"),
        ({"low": 10, "high": 20, "unit": "percent"}, "10–20%"),
        ({"value": 12, "unit": "percent"}, "12%"),
        ({"low": 1, "unit": "times", "qualifier": "more than"}, "more than 1×"),
        ({"low": 5, "unit": "people"}, "more than 5 people"),
        ({"high": 10, "qualifier": "up to", "unit": ""}, "up to 10"),
        ({"value": 2_400_000, "unit": "EUR"}, "€2,400,000"),
        ({"value": 50_000, "unit": "RUB", "per": "month", "alternatives": ["$550"]},
         "₽50,000 ($550) a month"),
        ({"value": 300, "unit": "CNY"}, "300 CNY"),
        ({"value": 12, "unit": "hours", "per": "day"}, "12 hours a day"),
        ({"value": 3, "unit": "USD", "per": "hour"}, "$3 an hour"),
        ({"value": 0.0004, "unit": ""}, "0.0004"),
        ({"value": 12.9e9, "unit": "USD"}, "$12,900,000,000"),
        # a figure in two units; signs and words a reader writes for units
        ({"value": 3200, "unit": "miles", "alternatives": ["5,150 km"]},
         "3,200 miles (5,150 km)"),
        ({"value": 113, "unit": "fahrenheit", "qualifier": "over"}, "over 113°F"),
        ({"low": 40, "high": 45, "unit": "celsius"}, "40–45°C"),
        ({"value": 87, "unit": "mi2"}, "87 sq mi"),
    ],
)  # fmt: skip
def test_figure_text(fields: dict[str, Any], text: str) -> None:
    claim = {"value": None, "low": None, "high": None, "qualifier": None, **fields}
    assert figure_text(claim) == text


def test_period_text() -> None:
    assert [period_text(p) for p in ("month", "hour", "shift", "fortnight")] == [
        "a month", "an hour", "a shift", "per fortnight",
    ]  # fmt: skip


def _html_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("claim", [PAY, WORKERS], ids=["pay", "workers"])
def test_one_figure_reads_the_same_in_every_output(claim: dict[str, Any]) -> None:
    dossier = _dossier([PAY, WORKERS])
    expected = figure_text(claim)
    markdown = render_markdown(dossier)
    html = _html_text(render_html(dossier))
    rows = list(csv.DictReader(io.StringIO(claims_csv(dossier).lstrip("\ufeff"))))
    view = story_view(dossier, "s1")
    assert view is not None
    assert f"| {claim['measure']} | {expected} |" in markdown
    assert f"**{claim['measure']}** = {expected}" in markdown
    assert f"{claim['measure']}: {expected}" in html
    assert {r["figure"] for r in rows if r["claim"] == claim["id"]} == {expected}
    assert [c["figure"] for c in view["claims"] if c["id"] == claim["id"]] == [expected]


def test_the_pay_figure_keeps_its_other_currency_and_period_everywhere() -> None:
    dossier = _dossier([PAY])
    shown = "$100–$200 (£74-£149) a month"
    assert shown in render_markdown(dossier)
    assert shown in _html_text(render_html(dossier))
    assert shown in claims_csv(dossier)


def test_an_open_range_qualifier_is_never_put_before_the_range_bounds_alone() -> None:
    # "over 40,000-60,000" was dossier.html's reading of "over 50,000" with a range.
    assert "over 40,000" not in figure_text(WORKERS)
