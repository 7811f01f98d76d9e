"""The figures part of dossier.md: a story column when there are several stories,
numbers a reader can read, open-ended bounds written out, each conflict once, and
figures without a confident measure listed apart under "Other figures"."""

from __future__ import annotations

from typing import Any

import pytest

from indicia.report.markdown import render_markdown


def _claim(claim_id: str, story: str, measure: str, **fields: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "id": claim_id, "story": story, "measure": measure, "value": None, "low": None,
        "high": None, "unit": "people", "qualifier": None, "period": None,
        "attributed_to": None, "independent_sources": 1, "conflicts": [],
        "evidence": [{"document": "d1", "quote": f"quote for {claim_id}", "start": 0, "end": 5}],
    }  # fmt: skip
    claim.update(fields)
    return claim


def _dossier(claims: list[dict[str, Any]], stories: int = 2) -> dict[str, Any]:
    return {
        "summary": {"documents": 1, "ok": 1, "rejected": 0, "stories": stories},
        "documents": [
            {"id": "d1", "source_path": "/x/a.txt", "outlet": "Example Outlet", "title": "A",
             "published": None, "status": "ok", "derived_from": [],
             "removed": {"boilerplate_lines": 0, "repeated_paragraphs": 0}}
        ],
        "stories": [
            {"id": f"s{n}", "title": f"Story number {n}", "origins": [], "documents": ["d1"],
             "independent_sources": 1}
            for n in range(1, stories + 1)
        ],
        "indicators": [],
        "claims": claims,
        "entities": [],
    }  # fmt: skip


def _conflict(other: str) -> dict[str, Any]:
    return {"claim": other, "reason": f"disagrees with {other}", "evidence": []}


def _section(markdown: str, title: str) -> str:
    start = markdown.index(title)
    end = markdown.find("\n#", start + 1)
    return markdown[start : end if end >= 0 else None]


def test_a_conflict_recorded_on_both_claims_is_listed_once() -> None:
    claims = [
        _claim("c1", "s1", "pay relative to other workers", value=0.2, unit="times",
               conflicts=[_conflict("c2")]),
        _claim("c2", "s1", "pay relative to other workers", low=1, unit="times",
               qualifier="more than", conflicts=[_conflict("c1")]),
    ]  # fmt: skip
    conflicts = _section(render_markdown(_dossier(claims)), "## Conflicts")
    assert conflicts.count("- **pay relative to other workers**") == 1


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"value": 2_400_000.0, "unit": "EUR"}, "| €2,400,000 |"),
        ({"value": 50_000.0, "qualifier": "up to"}, "| up to 50,000 people |"),
        ({"value": 0.2, "unit": "times"}, "| 0.2× |"),
        ({"value": 2019, "unit": "year"}, "| 2019 |"),
        ({"low": 1, "unit": "times", "qualifier": "more than"}, "| more than 1× |"),
        ({"high": 1, "unit": "times", "qualifier": "less than"}, "| less than 1× |"),
        ({"low": 100, "high": 200, "unit": "USD"}, "| $100–$200 |"),
        ({"value": 18, "low": 18, "high": 20, "unit": "hours", "qualifier": "over"},
         "| over 18 hours (figures range 18–20) |"),
    ],
)  # fmt: skip
def test_values_are_written_for_a_reader(fields: dict[str, Any], shown: str) -> None:
    markdown = render_markdown(_dossier([_claim("c1", "s1", "some measure", **fields)]))
    assert shown in markdown
    assert "e+" not in markdown and "?" not in _section(markdown, "## Key figures")


def test_several_stories_get_a_story_column() -> None:
    claims = [
        _claim("c1", "s1", "measure one", value=5),
        _claim("c2", "s2", "measure two", value=7),
    ]
    table = _section(render_markdown(_dossier(claims)), "## Key figures")
    assert table.splitlines()[2].startswith("| story | measure |")
    assert "| Story number 2 | measure two |" in table


def test_one_story_needs_no_story_column() -> None:
    markdown = render_markdown(_dossier([_claim("c1", "s1", "measure one", value=5)], 1))
    assert "| measure | figure |" in markdown and "| story |" not in markdown


def test_unclassified_figures_are_listed_apart_with_their_quotes() -> None:
    claims = [
        _claim("c1", "s1", "shift length", value=20, unit="hours"),
        _claim("c2", "s1", "unclassified", value=400, qualifier="over"),
    ]
    markdown = render_markdown(_dossier(claims, 1))
    key = _section(markdown, "## Key figures")
    other = _section(markdown, "## Other figures")
    assert "unclassified" not in key and "400" not in key
    assert "- over 400 people" in other
    assert "quote for c2" in other
