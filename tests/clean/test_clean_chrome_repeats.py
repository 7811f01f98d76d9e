"""Cross-document site chrome and repeat collapse, on documents written for these tests."""

from __future__ import annotations

import itertools
import random

import pytest
from clean_builders import text_document
from hypothesis import given
from hypothesis import strategies as st

from indicia.clean import (
    CleanOptions,
    clean_documents,
    finish_documents,
    prepare_document,
    site_chrome,
    site_lines,
)
from indicia.clean.chrome import SAME_ARTICLE_JACCARD, articles, line_key, site_key
from indicia.clean.chrome import site_chrome as chrome_of
from indicia.records import CleanDocument, SiteLines, SourceDocument

MASTHEAD = "Harbour Gazette Weekly Edition"
NEWSLETTER = "Get the morning briefing in your inbox"

STORIES = [
    [
        "Ferry line to the islands reopens",
        "The ferry line to the outer islands reopened on Monday after a winter of repairs.",
        "Crews replaced both engines and the ramp at the east quay.",
    ],
    [
        "Council votes on new harbour wall",
        "Councillors approved a new harbour wall after two storms flooded the market square.",
        "Work is due to begin in the autumn and last eighteen months.",
    ],
    [
        "Fishing fleet returns early",
        "Most of the fishing fleet came home a week early because of the forecast.",
        "Skippers said the catch had been the best in five seasons.",
    ],
]


def site_documents(**site: str) -> list[SourceDocument]:
    return [
        text_document("\n".join([MASTHEAD, *story, NEWSLETTER]), id=f"story{i}", **site)
        for i, story in enumerate(STORIES)
    ]


def chrome_texts(document: CleanDocument) -> list[str]:
    return [r.text for r in document.removals if r.kind == "site_chrome"]


@pytest.mark.parametrize(
    "site",
    [{"outlet": "Harbour Gazette"}, {"url": "https://www.gazette.example/news/a"}],
)
def test_short_lines_recurring_across_a_sites_articles_are_chrome(site: dict[str, str]) -> None:
    if "url" in site:
        documents = [
            text_document(d.content, id=d.id, url=f"https://www.gazette.example/news/{d.id}")
            for d in site_documents()
        ]
    else:
        documents = site_documents(**site)
    for document, story in zip(clean_documents(documents), STORIES, strict=True):
        assert chrome_texts(document) == [MASTHEAD, NEWSLETTER]
        assert document.text.split("\n\n") == story


def test_documents_of_different_sites_share_nothing() -> None:
    documents = [
        text_document(d.content, id=d.id, outlet=f"Outlet {i}")
        for i, d in enumerate(site_documents())
    ]
    for document in clean_documents(documents):
        assert chrome_texts(document) == []
        assert MASTHEAD in document.text


def test_documents_without_a_site_are_never_grouped() -> None:
    for document in clean_documents(site_documents()):
        assert chrome_texts(document) == []


def test_copies_of_one_article_do_not_make_its_title_chrome() -> None:
    story = "\n".join(STORIES[0])
    documents = [text_document(story, id=f"copy{i}", outlet="Harbour Gazette") for i in range(3)]
    for document in clean_documents(documents):
        assert document.removals == ()
        assert document.text.split("\n\n") == STORIES[0]


def test_sentences_are_never_site_chrome() -> None:
    shared = "Subscribers can read every story on the new app from today."
    documents = [
        text_document("\n".join([*story, shared]), id=f"s{i}", outlet="Harbour Gazette")
        for i, story in enumerate(STORIES)
    ]
    for document in clean_documents(documents):
        assert shared in document.text


def test_min_documents_is_an_option() -> None:
    options = CleanOptions(site_chrome_min_documents=4)
    for document in clean_documents(site_documents(outlet="Harbour Gazette"), options):
        assert chrome_texts(document) == []


@pytest.mark.parametrize(
    ("outlet", "url", "key"),
    [
        ("The Gazette", None, "outlet:the gazette"),
        (None, "https://www.gazette.example/a/b", "host:gazette.example"),
        (None, "http://news.gazette.example", "host:news.gazette.example"),
        (None, "not a url", None),
        (None, None, None),
    ],
)
def test_site_key(outlet: str | None, url: str | None, key: str | None) -> None:
    assert site_key(text_document("x", outlet=outlet, url=url)) == key


# ------------------------------------------- chrome over a site's kept pages


def test_chrome_found_over_kept_lines_equals_chrome_found_over_one_batch() -> None:
    documents = site_documents(outlet="Harbour Gazette")
    options = CleanOptions()
    # Pages cleaned one at a time, each with what the earlier ones left behind.
    kept: list[SiteLines] = []
    for document in documents:
        prepared = prepare_document(document, options)
        lines = site_lines(document, prepared)
        assert lines is not None and lines.site == "outlet:harbour gazette"
        kept.append(lines)
    chrome = {"outlet:harbour gazette": site_chrome(kept, options)}
    assert chrome["outlet:harbour gazette"] == {line_key(MASTHEAD), line_key(NEWSLETTER)}
    alone = [
        finish_documents([d], [prepare_document(d, options)], options, chrome)[0] for d in documents
    ]
    assert alone == clean_documents(documents, options)
    # Without the site's chrome given, one page alone has none to find.
    (single,) = clean_documents(documents[:1], options)
    assert MASTHEAD in single.text


def test_a_page_without_a_site_has_no_lines_to_keep() -> None:
    document = site_documents()[0]
    assert site_lines(document, prepare_document(document, CleanOptions())) is None


def test_line_keys_ignore_case_and_punctuation_and_differ_between_lines() -> None:
    assert line_key("Harbour Gazette — Weekly!") == line_key("harbour gazette weekly")
    assert line_key(MASTHEAD) != line_key(NEWSLETTER)
    assert line_key("— …") == ""
    # any script: the key reads letters and digits, not spaces or Latin ones
    assert line_key("港湾新闻 周刊") == line_key("港湾新闻周刊") != line_key("港湾新闻")


def _brute_force_articles(members: list[SiteLines]) -> list[int]:
    """Every pair compared, joined transitively: what the prefix-filtered join must equal."""
    group = list(range(len(members)))
    for i, j in itertools.combinations(range(len(members)), 2):
        a, b = set(members[i].sentences), set(members[j].sentences)
        if a and b and len(a & b) >= SAME_ARTICLE_JACCARD * len(a | b):
            old, new = max(group[i], group[j]), min(group[i], group[j])
            group = [new if g == old else g for g in group]
    return group


def _partition(groups: list[int], members: list[SiteLines]) -> set[frozenset[str]]:
    by_group: dict[int, set[str]] = {}
    for g, m in zip(groups, members, strict=True):
        by_group.setdefault(g, set()).add(m.document_id)
    return {frozenset(ids) for ids in by_group.values()}


_members = st.lists(
    st.tuples(
        st.sets(st.sampled_from("abcdefghij"), max_size=5),  # candidate lines
        st.sets(st.sampled_from("pqrstuvwxyz"), max_size=6),  # sentences
    ),
    min_size=1,
    max_size=9,
)


@given(_members, st.randoms(use_true_random=False))
def test_articles_and_chrome_do_not_depend_on_arrival_order(
    drawn: list[tuple[set[str], set[str]]], shuffler: random.Random
) -> None:
    members = [
        SiteLines(f"d{i}", "site", tuple(sorted(lines)), tuple(sorted(sentences)))
        for i, (lines, sentences) in enumerate(drawn)
    ]
    expected = _partition(_brute_force_articles(members), members)
    assert _partition(articles(members), members) == expected
    shuffled = members[:]
    shuffler.shuffle(shuffled)
    assert _partition(articles(shuffled), shuffled) == expected
    assert chrome_of(shuffled) == chrome_of(members)
    for min_documents in (1, 2, 3):
        chrome = chrome_of(members, min_documents)
        for key in {k for m in members for k in m.lines}:
            holders = {a for a, m in zip(articles(members), members, strict=True) if key in m.lines}
            assert (key in chrome) == (len(holders) >= min_documents)


# ------------------------------------------------------------------ repeats


def test_repeated_paragraphs_and_titles_collapse_to_their_first_copy() -> None:
    title, first, second = STORIES[1]
    content = "\n".join([title, "", f"## {title}", first, second, first, f"{second}  ", title])
    document = clean_documents([text_document(content)])[0]
    assert document.text.split("\n\n") == [title, first, second]
    assert [r.kind for r in document.removals] == [
        "repeated_title",
        "repeated_paragraph",
        "repeated_paragraph",
        "repeated_title",
    ]
    assert document.repeated_paragraphs == 4
    assert document.boilerplate_lines == 0
    assert document.title == title


def test_repeats_differing_only_in_punctuation_and_case_collapse() -> None:
    first = STORIES[2][1]
    variant = first.upper().replace(".", "!")
    document = clean_documents([text_document(f"{first}\n{variant}")])[0]
    assert document.text == first


def test_repeat_collapse_can_be_turned_off() -> None:
    line = STORIES[0][1]
    document = clean_documents(
        [text_document(f"{line}\n{line}")], CleanOptions(collapse_repeats=False)
    )[0]
    assert document.text == f"{line}\n\n{line}"


def test_one_result_per_input_in_order_even_for_rejected_and_empty() -> None:
    rejected = SourceDocument(
        id="bad",
        source_path="bad",
        raw_sha256="bad",
        media_type="rejected",
        status="rejected",
        error="unreadable",
    )
    documents = [text_document("", id="empty"), rejected, text_document(STORIES[0][1], id="ok")]
    results = clean_documents(documents)
    assert [r.document_id for r in results] == ["empty", "bad", "ok"]
    assert results[0].text == "" and results[1].text == ""
    assert results[2].text == STORIES[0][1]


def test_unknown_html_extractor_is_a_config_error() -> None:
    from indicia.errors import ConfigError

    with pytest.raises(ConfigError, match="html_extractor"):
        clean_documents([text_document("x")], CleanOptions(html_extractor="magic"))
