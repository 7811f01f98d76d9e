"""Publishers and attributions, on the real seeds and on small written cases."""

from __future__ import annotations

import dataclasses

import pytest

from indicia.link.provenance import (
    canonical_outlet,
    find_attributions,
    find_publisher,
    outlet_for_url,
)
from indicia.records import CleanDocument, Removal, SourceDocument


def _source(**kwargs: object) -> SourceDocument:
    base = SourceDocument(id="d1", source_path="x", raw_sha256="0", media_type="text")
    return dataclasses.replace(base, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "outlet", "quote"),
    [
        ("A BBC report reveals that the workers were unpaid.", "BBC", "A BBC report reveals"),
        ("Officials told the BBC that the figure was higher.", "BBC", "told the BBC"),
        ("Several workers have spoken to BBC News about it.", "BBC", "have spoken to BBC News"),
        ("Exports fell, according to Yonhap.", "Yonhap", "according to Yonhap"),
        ("The BBC has investigated the sites.", "BBC", "The BBC has investigated"),
        (
            "The claim was first reported by Reuters last week.",
            "Reuters",
            "first reported by Reuters",
        ),
        ("Two men spoke to The Guardian on condition of anonymity.", "The Guardian", None),
    ],
)
def test_attribution_patterns(text: str, outlet: str, quote: str | None) -> None:
    found = find_attributions(text)
    assert [a.outlet for a in found] == [outlet]
    for a in found:
        assert text[a.start : a.end] == a.quote
    if quote:
        assert found[0].quote == quote


@pytest.mark.parametrize(
    "text",
    [
        "South Korean intelligence officials said the number could reach 50,000.",
        "Official Russian data show 13,000 arrivals last year.",
        "Andrei Lankov, a professor at Kookmin University, told reporters it would last.",
        "The workers told their families nothing.",
    ],
)
def test_sources_inside_a_report_are_not_outlets(text: str) -> None:
    assert find_attributions(text) == []


def test_the_broadcaster_is_the_last_named_outlet() -> None:
    text = "Workers spoke to BBC News. One of them told the broadcaster he had fled."
    found = find_attributions(text)
    assert [(a.outlet, a.quote) for a in found] == [
        ("BBC", "spoke to BBC News"),
        ("BBC", "told the broadcaster"),
    ]


def test_an_anaphor_with_no_outlet_before_it_is_not_an_attribution() -> None:
    assert find_attributions("He told the broadcaster nothing more.") == []


def test_own_outlet_is_not_cited() -> None:
    text = "A BBC report reveals the camps. Workers told the BBC they were beaten."
    assert find_attributions(text, own_outlet="BBC") == []


@pytest.mark.parametrize(
    ("name", "canonical"),
    [("BBC News", "BBC"), ("英国独立报", "The Independent"), ("independent", "The Independent")],
)
def test_canonical_outlet(name: str, canonical: str) -> None:
    assert canonical_outlet(name) == canonical


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.bbc.com/news/articles/x", "BBC"),
        ("https://www.independent.co.uk/news/world/x.html", "The Independent"),
        ("https://example.org/bbc.com", None),
        (None, None),
    ],
)
def test_outlet_for_url(url: str | None, outlet: str | None) -> None:
    assert outlet_for_url(url) == outlet


def test_publisher_from_removed_donation_appeal() -> None:
    clean = CleanDocument(
        document_id="d1",
        text="Thousands of workers were sent abroad to build flats.",
        removals=(Removal("donation_appeal", "Please support The Independent today."),),
    )
    publisher = find_publisher(_source(), clean)
    assert publisher is not None
    assert (publisher.outlet, publisher.source) == ("The Independent", "boilerplate")


def test_publisher_from_a_header_line_in_another_script() -> None:
    clean = CleanDocument(document_id="d1", text="2025-08-12 独立报-世界新闻\nWorkers were sent.")
    publisher = find_publisher(_source(), clean)
    assert publisher is not None and publisher.outlet == "The Independent"


def test_an_outlet_named_in_a_sentence_of_the_report_is_not_its_publisher() -> None:
    clean = CleanDocument(
        document_id="d1",
        text=(
            "Thousands of workers were sent abroad, and several of them described the "
            "conditions on the building sites to The Independent in long interviews."
        ),
    )
    assert find_publisher(_source(), clean) is None


def test_metadata_then_url_win_over_boilerplate() -> None:
    clean = CleanDocument(document_id="d1", text="Support The Independent")
    assert find_publisher(_source(outlet="BBC News"), clean).outlet == "BBC"  # type: ignore[union-attr]
    by_url = find_publisher(_source(url="https://www.reuters.com/x"), clean)
    assert by_url is not None and (by_url.outlet, by_url.source) == ("Reuters", "url")


def test_seed_004_is_the_independent_and_credits_the_bbc(seed_paths: list) -> None:  # type: ignore[type-arg]
    from indicia.clean import clean_documents
    from indicia.ingest import iter_documents
    from indicia.link.provenance import find_provenance

    sources = list(iter_documents([str(seed_paths[4])]))
    clean = clean_documents(sources)[0]
    for source in (sources[0], dataclasses.replace(sources[0], outlet=None)):
        provenance = find_provenance(source, clean)
        assert provenance.publisher is not None
        assert provenance.publisher.outlet == "The Independent"
        assert provenance.cited_outlets == ("BBC",)
        for a in provenance.attributions:
            assert clean.text[a.start : a.end] == a.quote
