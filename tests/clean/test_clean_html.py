"""The HTML path: trafilatura main text located in the source, fallbacks, hostile input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from clean_builders import text_document

from indicia.clean import CleanOptions, clean_documents
from indicia.clean import html as clean_html
from indicia.clean.html import HtmlView, extract_html, segment_matches, squeeze
from indicia.records import CleanDocument

PARAGRAPHS = [
    "The harbour authority opened the rebuilt east quay on Monday morning, two years after a "
    "winter storm tore away most of the old stone wall and left the ferry service stranded.",
    "Engineers said the new wall rests on deeper piles and should survive a storm twice as "
    "strong as the one that destroyed the old quay, according to the authority’s report.",
    "Ferry crews, who had used a temporary pontoon since the storm, said boarding was "
    "already quicker and safer for passengers with bicycles, prams and wheelchairs.",
]

PAGE = f"""<!doctype html>
<html><head><title>East quay reopens | Harbour Gazette</title>
<style>p {{ color: black; }}</style><script>var tracking = "Subscribe now";</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>East quay reopens after storm repairs</h1>
<p>{PARAGRAPHS[0].replace("Monday", "<b>Monday</b>")}</p>
<p>{PARAGRAPHS[1].replace("’", "&rsquo;").replace("twice", "twice&nbsp;")}</p>
<!-- an editor's comment -->
<p>{PARAGRAPHS[2]}</p>
</article>
<footer><p>Copyright Harbour Gazette. All rights reserved.</p></footer>
</body></html>"""


def html_document(page: str, id: str = "page") -> CleanDocument:
    return clean_documents([text_document(page, id=id, media_type="html")])[0]


def check_html_segments(page: str, document: CleanDocument) -> int:
    """Every segment's visible source text equals its cleaned text, whitespace aside."""
    for s in document.segments:
        cleaned = document.text[s.clean_start : s.clean_end]
        assert segment_matches(page[s.source_start : s.source_end], cleaned), cleaned[:60]
    return len(document.segments)


def test_main_text_is_the_article() -> None:
    document = html_document(PAGE)
    texts = document.text.split("\n\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in texts
    assert "Copyright" not in document.text and "Sport" not in document.text
    assert "tracking" not in document.text
    assert document.title == "East quay reopens after storm repairs"
    assert document.notes == ()


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ("<title>Quay reopens after repairs - Gazette</title>", "<h1>Gazette</h1>", None),
        ("<title>Gazette | Quay reopens after repairs</title>", "", None),
        ("<title>Quay reopens</title>", "", "Quay reopens"),
        ("<title>Site</title>", "<h1>Quay reopens after repairs</h1>", None),
        ("", "<h1>Gazette</h1>", "Gazette"),
        ("", "", None),
    ],
)
def test_title_prefers_the_headline_over_the_site_name(
    head: str, body: str, title: str | None
) -> None:
    page = f"<html><head>{head}</head><body>{body}<p>{PARAGRAPHS[0]}</p></body></html>"
    found = html_document(page).title
    if head or body:
        assert found == (title or "Quay reopens after repairs")
    else:
        assert found is None


def test_every_paragraph_maps_back_to_the_html() -> None:
    document = html_document(PAGE)
    assert len(document.segments) == len(document.paragraphs)
    assert check_html_segments(PAGE, document) == len(document.paragraphs)
    first = document.segments[[p for p in document.text.split("\n\n")].index(PARAGRAPHS[0])]
    assert PAGE[first.source_start : first.source_end].startswith("The harbour authority")
    assert PAGE[first.source_start : first.source_end].endswith("stranded.")


def test_left_out_page_text_is_recorded() -> None:
    document = html_document(PAGE)
    removed = {r.text for r in document.removals if r.kind == "html_boilerplate"}
    assert {"Home", "News", "Sport"} <= removed
    assert "Copyright Harbour Gazette. All rights reserved." in removed
    for removal in document.removals:
        assert removal.source_start is not None and removal.source_end is not None
        visible = HtmlView.parse(PAGE[removal.source_start : removal.source_end]).squeezed
        assert visible == squeeze(removal.text)


def test_trafilatura_failure_falls_back_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise ValueError("parser exploded")

    monkeypatch.setattr(clean_html.trafilatura, "extract", broken)
    document = html_document(PAGE)
    assert document.notes and "trafilatura failed (ValueError)" in document.notes[0]
    for paragraph in PARAGRAPHS:
        assert paragraph in document.text
    assert "Sport" not in document.text
    check_html_segments(PAGE, document)


def test_trafilatura_finding_nothing_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clean_html.trafilatura, "extract", lambda *a, **k: None)
    document = html_document(PAGE)
    assert document.notes and "found no main text" in document.notes[0]
    assert PARAGRAPHS[2] in document.text


def test_fallback_can_be_chosen() -> None:
    document = clean_documents(
        [text_document(PAGE, media_type="html")], CleanOptions(html_extractor="fallback")
    )[0]
    assert PARAGRAPHS[0] in document.text
    assert document.notes


@pytest.mark.parametrize(
    "page",
    [
        "",
        "<html></html>",
        "<html><body><p>",
        "<p>short</p>" * 3,
        "\x00\x01<<<>>>&&&#;&#x110000;&#99999999;",
        "<div>" * 100_000 + "deep text" + "</div>" * 100_000,
        "<script>" + "x" * 10_000,
        "<!-- never closed " + "<p>text</p>" * 100,
        "<p>" + "word " * 50_000 + "</p>",
    ],
    ids=["empty", "bare", "unclosed", "short", "junk", "deep", "script", "comment", "long"],
)
def test_hostile_html_never_crashes(page: str) -> None:
    document = html_document(page)
    check_html_segments(page, document)


def test_text_in_the_html_path_and_the_text_path_agree_on_plain_content() -> None:
    plain = "\n".join(PARAGRAPHS)
    assert text_document(plain).content == plain
    assert clean_documents([text_document(plain)])[0].text == "\n\n".join(PARAGRAPHS)


# --------------------------------------------------------- real benchmark pages


@pytest.fixture(scope="module")
def benchmark_pages(benchdata_dir: Path) -> list[tuple[str, str]]:
    from shared_inputs import require

    folder = require(benchdata_dir / "article-extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[::18]:  # ten pages spread over the set
        raw = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, raw.decode("utf-8", "replace")))
    return pages


def test_real_pages_map_back_to_their_source(benchmark_pages: list[tuple[str, str]]) -> None:
    mapped = total = 0
    for key, page in benchmark_pages:
        document = html_document(page, id=key)
        assert document.text, key
        mapped += check_html_segments(page, document)
        total += len(document.paragraphs)
    assert mapped >= 0.98 * total


_BODY = (
    "The ferry crew met the council on the quay before the morning storm reached the "
    "island and the harbour"
)


@pytest.mark.parametrize(
    "tail",
    [
        # A stray end tag with a decomposed accent: the word that holds it needs cleaning
        # (NFC), and the paragraph ends inside that word.
        pytest.param("timetable weather.</pe\u0301", id="paragraph-ends-inside-a-cleaned-word"),
        pytest.param("ticket &quot;.</e\u0301>", id="after-a-reference-inside-a-cleaned-word"),
    ],
)
def test_a_segment_never_runs_past_its_paragraph_inside_a_word(tail: str) -> None:
    page = (
        "<html><head><title>T</title></head><body><article>"
        f"<p>{_BODY} {tail}</article></body></html>"
    )
    units = extract_html(page).units
    assert units
    for unit in units:
        for piece in unit.pieces:
            fragment = page[piece.source_start : piece.source_end]
            assert segment_matches(fragment, unit.text), (unit.text[-30:], fragment[-30:])


def test_a_word_cleaned_in_parts_keeps_its_exact_runs_exact() -> None:
    view = HtmlView.parse("<p>ab\u200bcde\u0301f</p>")
    assert view.squeezed == "abcd\u00e9f"
    assert [view.page[a:b] for a, b in zip(view.source_starts, view.source_ends, strict=True)] == [
        "ab",
        "cd",
        "e\u0301",
        "f",
    ]
    assert view.exact == [True, True, False, True]
