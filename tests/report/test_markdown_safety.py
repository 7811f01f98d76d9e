"""dossier.md escapes every article-derived string: rendered by a Markdown renderer
(markdown-it-py's CommonMark preset, with GitHub tables), a hostile title, outlet,
quote, name or note becomes text, never HTML, a link or an image."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from indicia.report import build_dossier, render_markdown
from indicia.report.markdown import _cell
from indicia.store import open_store
from web_sample import HOSTILE, HOSTILE_IMG, HOSTILE_LINK, build_sample_store

# The tags dossier.md itself writes; anything else came from an article.
MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "blockquote", "strong", "code", "pre",
                 "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(rendered: str) -> _Tags:
    parser = _Tags()
    parser.feed(rendered)
    return parser


@pytest.fixture(scope="module")
def sample_markdown(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = build_sample_store(tmp_path_factory.mktemp("md") / "indicia.db")
    with open_store(Path(db)) as store:
        return render_markdown(build_dossier(store))


def test_rendered_dossier_md_holds_no_article_markup(sample_markdown: str) -> None:
    rendered = _renderer().render(sample_markdown)
    parsed = _parse(rendered)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= MARKDOWN_TAGS, tags - MARKDOWN_TAGS
    # Table cells may carry an alignment style; nothing carries a link or a handler.
    assert all(not attrs or tag in ("th", "td") for tag, attrs in parsed.tags)
    for raw in ("<script", "<img", "<a ", 'javascript:window.__pwned = 3"'):
        assert raw not in rendered


def test_hostile_strings_read_as_their_text(sample_markdown: str) -> None:
    text = "".join(_parse(_renderer().render(sample_markdown)).text)
    for hostile in (HOSTILE, HOSTILE_IMG, HOSTILE_LINK):
        assert hostile in text


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "![x](http://tracker.example/p.png)",
        "<http://example.org>",
        "&lt;b&gt; stays as written",
        "# not a heading",
        "- not a list",
        "12. not a list either",
        "a | b | c",
        "**bold** _em_ ~~strike~~ `code`",
        "line one\nline two\r\nline three",
        "back\\slash \\<b>",
    ],
)
def test_a_cell_renders_to_exactly_its_text(text: str) -> None:
    rendered = _renderer().render(_cell(text)).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[len("<p>") : -len("</p>")]
    assert "<" not in inner
    assert html.unescape(inner) == " ".join(re.split(r"[\r\n]+", text)).strip()


@settings(deadline=None)  # no time limit: the machine may be busy
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=60,
    )
)
def test_any_text_in_a_table_cell_stays_text(text: str) -> None:
    row = f"| a | b |\n|---|---|\n| {_cell(text)} | end |\n"
    parsed = _parse(_renderer().render(row))
    assert {tag for tag, _ in parsed.tags} <= {"table", "thead", "tbody", "tr", "th", "td"}
    cells: list[Any] = re.findall(r"<td>(.*?)</td>", _renderer().render(row), re.S)
    assert len(cells) == 2 and cells[1] == "end"
    expected = " ".join(re.split(r"[\r\n\u2028\u2029]+", text)).strip()
    # CommonMark folds runs of whitespace only at the edges of a cell.
    assert html.unescape(cells[0]).strip() == expected.strip()
