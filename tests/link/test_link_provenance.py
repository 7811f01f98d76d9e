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
        ("https://www.lemonde.fr/international/article/x.html", "Le Monde"),
        ("https://m.chosun.com/x", "Chosun Ilbo"),
        ("https://www3.nhk.or.jp/news/x", "NHK"),
        ("https://example.org/bbc.com", None),
        (None, None),
    ],
)
def test_outlet_for_url(url: str | None, outlet: str | None) -> None:
    assert outlet_for_url(url) == outlet


@pytest.mark.parametrize(
    ("kind", "furniture"),
    [
        ("donation_appeal", "Please support The Independent today."),
        ("donation_appeal", "Support independent journalism with a gift."),
        ("image_credit", "© REUTERS / POOL"),
        ("image_credit", "Photo: Getty Images / AFP"),
        ("recommended", "More from the BBC: the latest headlines"),
    ],
)
def test_page_furniture_never_names_the_publisher(kind: str, furniture: str) -> None:
    clean = CleanDocument(
        document_id="d1",
        text=f"Thousands of workers were sent abroad to build flats.\n{furniture}",
        removals=(Removal(kind, furniture),),
    )
    assert find_publisher(_source(), clean) is None


def test_a_header_line_in_the_text_does_not_name_the_publisher() -> None:
    # Datelines are read by ingest into the metadata; link trusts metadata and URL only.
    clean = CleanDocument(document_id="d1", text="2025-08-12 独立报-世界新闻\nWorkers were sent.")
    assert find_publisher(_source(), clean) is None
    by_metadata = find_publisher(_source(outlet="独立报"), clean)
    assert by_metadata is not None and by_metadata.outlet == "The Independent"


def test_an_unlisted_publisher_in_metadata_keeps_its_name() -> None:
    clean = CleanDocument(document_id="d1", text="Workers were sent.")
    found = find_publisher(_source(outlet="Bohol Weekly Courier"), clean)
    assert found is not None and (found.outlet, found.source) == (
        "Bohol Weekly Courier",
        "metadata",
    )
    assert find_publisher(_source(outlet="3f9a0c1d2e4b5a6c"), clean) is None


def test_an_outlet_named_in_a_sentence_of_the_report_is_not_its_publisher() -> None:
    clean = CleanDocument(
        document_id="d1",
        text=(
            "Thousands of workers were sent abroad, and several of them described the "
            "conditions on the building sites to The Independent in long interviews."
        ),
    )
    assert find_publisher(_source(), clean) is None


def test_listed_domain_then_metadata() -> None:
    clean = CleanDocument(document_id="d1", text="Support The Independent")
    assert find_publisher(_source(outlet="BBC News"), clean).outlet == "BBC"  # type: ignore[union-attr]
    by_url = find_publisher(_source(url="https://www.reuters.com/x"), clean)
    assert by_url is not None and (by_url.outlet, by_url.source) == ("Reuters", "url")
    # A site-name field that holds a credit ("Reuters" on an RT page) loses to the URL.
    both = find_publisher(_source(outlet="Reuters", url="https://www.rt.com/news/x/"), clean)
    assert both is not None and (both.outlet, both.source) == ("RT", "url")


def test_seed_004_is_the_independent_and_credits_the_bbc(seed_paths: list) -> None:  # type: ignore[type-arg]
    from indicia.clean import clean_documents
    from indicia.ingest import iter_documents
    from indicia.link.provenance import find_provenance

    sources = list(iter_documents([str(seed_paths[4])]))
    clean = clean_documents(sources)[0]
    # Ingest reads the publisher from the dump's dateline; link trusts that metadata.
    provenance = find_provenance(sources[0], clean)
    assert provenance.publisher is not None
    assert provenance.publisher.outlet == "The Independent"
    assert provenance.cited_outlets == ("BBC",)
    for a in provenance.attributions:
        assert clean.text[a.start : a.end] == a.quote
    # Without it, the donation appeal in the text names nobody.
    bare = find_provenance(dataclasses.replace(sources[0], outlet=None), clean)
    assert bare.publisher is None and bare.cited_outlets == ("BBC",)


# One case per language of the attribution cues in data/provenance.json, each written
# for this test; the quote must be exactly the credit, and the outlet its canonical name.
@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Laut dpa wurden die Arbeiter nicht bezahlt.", "dpa"),
        ("Die Zahl ist höher, wie der Guardian berichtet.", "The Guardian"),
        ("Selon la BBC, les ouvriers travaillaient la nuit.", "BBC"),
        ("D'après l'AFP, le chiffre a doublé.", "AFP"),
        ("Según la BBC, los obreros no cobraban.", "BBC"),
        ("Segundo a Reuters, as fábricas fecharam.", "Reuters"),
        ("Secondo il Guardian, i lavoratori erano sorvegliati.", "The Guardian"),
        ("Volgens de BBC werkten ze elke dag.", "BBC"),
        ("Według Reutersa liczba wzrosła.", None),
        ("Potrivit Reuters, fabricile au fost închise.", "Reuters"),
        ("Po poročanju Reuters so delavci odšli.", "Reuters"),
        ("Þetta kom fram í samtali við BBC í gær.", "BBC"),
        ("Menurut Reuters, pabrik itu ditutup.", "Reuters"),
        ("Theo Reuters, nhà máy đã đóng cửa.", "Reuters"),
        ("По данным Би-би-си, рабочим не платили.", "BBC"),
        ("Как сообщает Рейтер, фабрики закрыты.", "Reuters"),
        ("За даними Reuters, фабрики закрито.", "Reuters"),
        ("Според Reuters фабриките са затворени.", "Reuters"),
        ("وفقا لبي بي سي فإن العمال لم يتقاضوا أجورهم.", "BBC"),
        ("به گزارش رویترز کارخانه بسته شد.", None),
        ("据BBC报道，工人们没有拿到工资。", "BBC"),
        ("据英国广播公司报道，工人们没有拿到工资。", "BBC"),
        ("卫报的调查发现了这些死亡。", "The Guardian"),
        ("ガーディアンによると、労働者は賃金を受け取っていない。", "The Guardian"),
        ("BBC 코리아에 따르면 노동자들은 임금을 받지 못했다.", "BBC"),
        ("연합뉴스에 따르면 공장은 문을 닫았다.", "Yonhap"),
    ],
)
def test_attribution_cues_in_every_language(text: str, outlet: str | None) -> None:
    found = find_attributions(text)
    if outlet is None:
        # A declined form the table does not hold ("Reutersa") or an unlisted alias
        # is no credit: the cue never guesses an outlet.
        assert all(a.outlet != "Reuters" for a in found)
        return
    assert found and found[0].outlet == outlet
    assert text[found[0].start : found[0].end] == found[0].quote


@pytest.mark.parametrize(
    ("alias", "outlet"),
    [
        ("英国广播公司", "BBC"),
        ("Би-би-си", "BBC"),
        ("가디언", "The Guardian"),
        ("ガーディアン", "The Guardian"),
        ("路透社", "Reuters"),
        ("法新社", "AFP"),
        ("자유아시아방송", "Radio Free Asia"),
        ("纽约客", "The New Yorker"),
        ("澳大利亚战略政策研究所", "Australian Strategic Policy Institute"),
        ("Justice Department", "US Department of Justice"),
    ],
)
def test_outlet_aliases_in_native_scripts(alias: str, outlet: str) -> None:
    assert canonical_outlet(alias) == outlet


def test_names_keep_their_case_in_prose() -> None:
    # "independent" and "guardian" are words too; only the names credit the outlets.
    assert find_attributions("according to independent experts and a legal guardian") == []
    assert find_attributions("according to the Independent")[0].outlet == "The Independent"


def test_domain_table_is_large_and_unambiguous() -> None:
    from indicia.data import load_json

    outlets = load_json("outlets.json")["outlets"]
    domains = [d for o in outlets for d in o.get("domains", [])]
    assert len(domains) >= 500
    assert len(domains) == len(set(domains))
    assert all("/" not in d and d == d.lower() for d in domains)
    kinds = {o.get("kind") for o in outlets}
    assert kinds <= {None, "agency", "body", "platform"}


def test_masked_rules_find_what_the_rules_of_each_name_find() -> None:
    # The rules are compiled once and read names written over by a mask; a text that
    # holds a mask letter itself is read with the rules compiled for each name it
    # names. Both readings must give the same credits at the same offsets, here on
    # real pages in twelve languages and on written cases with names side by side.
    from shared_inputs import BENCHDATA, require

    folder = require(BENCHDATA / "news-pile-dev")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    texts += [
        "Officials told the BBC, then BBC News, that Reuters and the AFP were wrong.",
        "The newspaper said so. The Guardian reported it; the newspaper told Reuters.",
        "据英国广播公司报道，路透社报道。BBC 코리아에 따르면 연합뉴스에 따르면",
    ]
    found = 0
    for text in texts:
        masked = find_attributions(text)
        # A mask letter at the end, after a line break, sends the text down the path
        # of per-name rules without changing what any rule can read before it.
        assert [dataclasses.astuple(a) for a in find_attributions(text + "\n\U00010000")] == [
            dataclasses.astuple(a) for a in masked
        ]
        for a in masked:
            assert text[a.start : a.end] == a.quote
        found += len(masked)
    assert found >= 20
