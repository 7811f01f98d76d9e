"""Unnamed figures kept apart, and "How this dossier was made", in the web app and dossier.html.

A figure whose measure reconciliation could not name ("unclassified") is no key
figure: it is listed under "Other figures" with its quotes, and never takes part in
a conflict or a figures-over-time panel. The run's methods and the notes left by
linking and cleaning are shown on the stories page, the story page and in
dossier.html; a document's page shows its own notes. Every such string is escaped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

from indicia.report import build_dossier, views
from indicia.report.html import render_html
from indicia.store import open_store
from web_sample import (
    HOSTILE,
    HOSTILE_DOC,
    HOSTILE_METHOD,
    HOSTILE_NOTE,
    HOSTILE_STORY,
    METHODS,
    MONTHS_A,
    ORIGINAL,
    ORIGINAL_NOTE,
    READERS_C,
    REWRITE,
    STORY,
    STRAY_REASON,
    UNCLASSIFIED,
)

RAW_HOSTILE = ["<script>window", "<img src=x", 'href="javascript:', 'onerror="window']


def _dossier(db: Path) -> dict[str, Any]:
    with open_store(db) as store:
        return build_dossier(store)


def _text(html: str) -> str:
    """The page's words, tags dropped and entities left as written (enough for `in`)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _section(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


@pytest.fixture(scope="module")
def sample_html(sample_db: Path) -> str:
    return render_html(_dossier(sample_db))


# ------------------------------------------------------------------ the views


def test_story_json_keeps_unnamed_figures_apart(client: TestClient) -> None:
    view = client.get(f"/stories/{STORY}.json").json()
    assert UNCLASSIFIED not in {c["measure"] for c in view["claims"]}
    assert [c["id"] for c in view["claims"]] == [
        "claim-migrants-300",
        "claim-migrants-250",
        "claim-wages",
    ]
    other = view["other_figures"]
    assert [c["id"] for c in other] == ["claim-other-months"]
    assert [q["quote"] for q in other[0]["evidence"]] == [MONTHS_A]
    assert other[0]["figure"] == "4 months" and other[0]["conflicts"] == []
    assert UNCLASSIFIED not in {p["measure"] for p in view["figure_series"]}


def test_unnamed_figure_is_in_no_conflict(client: TestClient) -> None:
    view = client.get(f"/stories/{STORY}.json").json()
    assert len(view["conflicts"]) == 1
    assert STRAY_REASON not in str(view["conflicts"])
    overview = {s["id"]: s for s in client.get("/stories.json").json()["stories"]}
    assert overview[STORY]["conflicts"] == 1
    assert (overview[STORY]["claims"], overview[STORY]["other_figures"]) == (3, 1)
    assert (overview[HOSTILE_STORY]["claims"], overview[HOSTILE_STORY]["other_figures"]) == (1, 1)
    assert STRAY_REASON not in client.get(f"/stories/{STORY}").text


def test_story_json_how_made_lists_only_its_documents_notes(client: TestClient) -> None:
    made = client.get(f"/stories/{STORY}.json").json()["how_made"]
    assert {m["name"]: m["how"] for m in made["methods"]} == {
        **METHODS,
        "quantities": HOSTILE_METHOD,
    }
    assert [(n["document"], n["note"]) for n in made["document_notes"]] == [
        (ORIGINAL, ORIGINAL_NOTE)
    ]
    assert made["notes"] == [f"note with {HOSTILE}"]


def test_stories_json_how_made_lists_every_note(client: TestClient) -> None:
    made = client.get("/stories.json").json()["how_made"]
    assert [(n["document"], n["note"]) for n in made["document_notes"]] == [
        (ORIGINAL, ORIGINAL_NOTE),
        (HOSTILE_DOC, HOSTILE_NOTE),
    ]
    assert made["document_notes"][0]["label"] == "Harbour Watch"


@pytest.mark.parametrize(
    ("document", "notes"),
    [(ORIGINAL, [ORIGINAL_NOTE]), (REWRITE, []), (HOSTILE_DOC, [HOSTILE_NOTE])],
)
def test_document_page_shows_its_notes(client: TestClient, document: str, notes: list[str]) -> None:
    html = client.get(f"/documents/{document}").text
    assert ("cleaning notes" in html) == bool(notes)
    for note in notes:
        assert str(escape(note)) in html
    others = {ORIGINAL_NOTE, HOSTILE_NOTE} - set(notes)
    assert not any(str(escape(n)) in html for n in others)


def test_how_made_without_methods_or_notes() -> None:
    dossier: dict[str, Any] = {"summary": {}, "documents": [], "stories": []}
    assert views.how_made(dossier) == {"methods": [], "notes": [], "document_notes": []}


@pytest.mark.parametrize(
    ("claim", "named"),
    [
        ({"measure": UNCLASSIFIED}, False),
        ({"measure": "workers sent abroad"}, True),
        ({"measure": "Unclassified figures of workers"}, True),
    ],
)
def test_is_named(claim: dict[str, Any], named: bool) -> None:
    assert views.is_named(claim) is named


def test_search_names_an_unnamed_figure_as_other(client: TestClient) -> None:
    quotes = client.get("/search.json", params={"q": "four months"}).json()["quotes"]
    figures = [q for q in quotes if q["kind"] == "figure"]
    assert [q["about"] for q in figures] == ["other figure: 4 months"]


# ------------------------------------------------------------------ the pages


def test_story_page_key_figures_table_leaves_out_unnamed(client: TestClient) -> None:
    html = client.get(f"/stories/{STORY}").text
    table = _section(html, '<table class="figures">', "</table>")
    assert "claim-other-months" not in table and UNCLASSIFIED not in table
    block = _section(html, f'id="other-figures-{STORY}"', "</div>")
    assert "Other figures" in block and MONTHS_A in block
    assert 'id="claim-claim-other-months"' in block  # rows are claim-<claim id>
    assert html.count(">Other figures<") == 1


def test_story_page_has_the_how_made_box(client: TestClient) -> None:
    html = client.get(f"/stories/{STORY}").text
    box = _section(html, 'id="how-made"', "</section>")
    assert "How this dossier was made" in box
    for how in (METHODS["entities"], METHODS["indicators"]):
        assert how in box
    assert str(escape(ORIGINAL_NOTE)) in box
    assert str(escape(HOSTILE_NOTE)) not in box  # another story's document
    assert f'href="/documents/{ORIGINAL}"' in box


def test_index_page_has_the_how_made_box(client: TestClient) -> None:
    html = client.get("/").text
    box = _section(html, 'id="how-made"', "</section>")
    for note in (ORIGINAL_NOTE, HOSTILE_NOTE, f"note with {HOSTILE}", HOSTILE_METHOD):
        assert str(escape(note)) in box
    assert html.count("How this dossier was made") == 1
    row = _section(html, f'href="/stories/{STORY}"', "</tr>")
    assert "+1 other" in row  # the figures column counts named ones, the rest apart


@pytest.mark.parametrize("path", ["/", f"/stories/{STORY}", f"/stories/{HOSTILE_STORY}"])
@pytest.mark.parametrize("raw", RAW_HOSTILE)
def test_pages_escape_methods_notes_and_other_figures(
    client: TestClient, path: str, raw: str
) -> None:
    assert raw not in client.get(path).text


def test_hostile_other_figure_is_shown_as_text(client: TestClient) -> None:
    html = client.get(f"/stories/{HOSTILE_STORY}").text
    block = _section(html, f'id="other-figures-{HOSTILE_STORY}"', "</div>")
    assert str(escape(READERS_C)) in block
    assert str(escape(HOSTILE)) in block  # the unit


# ---------------------------------------------------------------- dossier.html


def test_static_html_keeps_unnamed_figures_apart(sample_html: str) -> None:
    table = _section(sample_html, '<table class="figures">', "</table>")
    assert "claim-other-months" not in table
    for story in (STORY, HOSTILE_STORY):
        assert f'id="other-figures-{story}"' in sample_html
    assert STRAY_REASON not in sample_html
    block = _section(sample_html, f'id="other-figures-{STORY}"', "</div>")
    assert re.search(rf'href="#ev-{ORIGINAL}-\d+-\d+"', block)


def test_static_html_has_one_how_made_box(sample_html: str) -> None:
    assert sample_html.count('id="how-made"') == 1
    assert 'href="#how-made"' in sample_html
    box = _section(sample_html, 'id="how-made"', "</section>")
    for text in (*METHODS.values(), ORIGINAL_NOTE, HOSTILE_NOTE, HOSTILE_METHOD):
        if text != METHODS["quantities"]:  # the hostile sample replaces that one
            assert str(escape(text)) in box
    assert f'href="#doc-{ORIGINAL}"' in box and f'href="#doc-{HOSTILE_DOC}"' in box


def test_static_html_documents_show_their_notes(sample_html: str) -> None:
    original = _section(sample_html, f'id="doc-{ORIGINAL}"', "</dl>")
    rewrite = _section(sample_html, f'id="doc-{REWRITE}"', "</dl>")
    assert str(escape(ORIGINAL_NOTE)) in original
    assert "cleaning notes" not in rewrite


def test_seed_story_key_figures_never_unclassified(seed_db: Path) -> None:
    """On the real seeds: the key-figures tables hold only named measures, and every
    unnamed figure's quotes are shown under "Other figures"."""
    dossier = _dossier(seed_db)
    html = render_html(dossier)
    for table in re.findall(r'<table class="figures">.*?</table>', html, re.S):
        assert f"<td>{UNCLASSIFIED}</td>" not in table
    unnamed = [c for c in dossier["claims"] if c["measure"] == UNCLASSIFIED]
    blocks = " ".join(re.findall(r'class="other-figures".*?</div>', html, re.S))
    for claim in unnamed:
        assert f'id="claim-{claim["id"]}"' in blocks
        for ev in claim["evidence"]:
            assert str(escape(ev["quote"])) in blocks
    assert ('class="other-figures"' in html) == bool(unnamed)
    assert "How this dossier was made" in _text(html)
    for how in dossier["summary"]["methods"].values():
        assert str(escape(how)) in html
