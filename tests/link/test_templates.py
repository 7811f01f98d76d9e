"""Text shared by many pages of one site or series never joins unrelated reports.

Fixtures are written for these tests: a series of country profile pages that share
every heading and label of their template, and press releases of one office that
share their boilerplate, each about something else.
"""

from __future__ import annotations

from indicia.link import link_documents
from indicia.records import CleanDocument, SourceDocument

HEADINGS = (
    "Introduction",
    "Background: {background}",
    "Geography",
    "Location: {location}",
    "Area: total {area} sq km; land {land} sq km; water {water} sq km",
    "Climate: {climate}",
    "Terrain: {terrain}",
    "Natural resources: {resources}",
    "People and Society",
    "Population: {population} (2024 est.)",
    "Languages: {languages}",
    "Government",
    "Government type: {government}",
    "Capital: name: {capital}",
    "Economy",
    "Economic overview: {economy}",
    "Labor force: {labour} (2023 est.)",
    "Unemployment rate: {unemployment}% (2023 est.)",
    "Exports - commodities: {exports}",
)

COUNTRIES = (
    dict(
        background="The highland kingdom united its valley clans in the eighteenth century "
        "and kept its monarchy through two border wars with its lowland neighbour.",
        location="landlocked, between the great eastern river and the salt desert",
        area="48,300",
        land="47,100",
        water="1,200",
        climate="cold winters in the passes, mild wet summers in the valleys",
        terrain="steep ridges and narrow glacial valleys",
        resources="copper, timber, hydropower",
        population="1,942,000",
        languages="Valley dialects and a court language",
        government="constitutional monarchy",
        capital="Oskarheim",
        economy="Terraced farming and copper mines employ most households; dams sell "
        "electricity across the border.",
        labour="811,000",
        unemployment="6.4",
        exports="copper ore, electricity, wool",
    ),
    dict(
        background="A chain of coral islands, it was a coaling station for steamers and "
        "became a republic after a referendum on leaving the federation.",
        location="a scatter of atolls in the southern ocean",
        area="726",
        land="712",
        water="14",
        climate="tropical, with a cyclone season from November to April",
        terrain="low coral atolls fringed by lagoons",
        resources="fish, coconuts, phosphate",
        population="58,300",
        languages="an island creole and the colonial language",
        government="parliamentary republic",
        capital="Port Tamsin",
        economy="Tuna licences for foreign fleets and remittances from sailors abroad "
        "pay for most imports.",
        labour="21,500",
        unemployment="11.8",
        exports="tuna, copra, fishing licences",
    ),
    dict(
        background="Once a province of a steppe empire, the country gained independence "
        "when the empire broke apart and has been ruled by one party since.",
        location="on the steppe north of the inland sea",
        area="612,900",
        land="598,000",
        water="14,900",
        climate="continental, with hot dry summers and severe winters",
        terrain="rolling grassland rising to a plateau in the east",
        resources="natural gas, wheat, uranium",
        population="14,210,000",
        languages="the steppe language and the imperial language",
        government="presidential republic",
        capital="Varetsk",
        economy="Gas piped to neighbouring markets earns most foreign currency; grain "
        "farms cover the western plains.",
        labour="6,950,000",
        unemployment="4.9",
        exports="natural gas, wheat, uranium oxide",
    ),
    dict(
        background="A trading city that outgrew its walls, it kept its charter of "
        "self-rule through centuries of shifting alliances among larger powers.",
        location="a peninsula at the mouth of a busy strait",
        area="1,090",
        land="1,060",
        water="30",
        climate="Mediterranean, with dry summers and short rainy winters",
        terrain="a rocky headland and a reclaimed harbour plain",
        resources="deep-water harbour, limestone",
        population="702,000",
        languages="the city dialect and two trade languages",
        government="parliamentary democracy under a city charter",
        capital="Lissen",
        economy="Container shipping, ship repair and private banking make up most output.",
        labour="398,000",
        unemployment="3.1",
        exports="refined fuel, machinery, financial services",
    ),
    dict(
        background="Its rainforest interior was mapped only in the last century; a "
        "military council ruled until elections were restored after a long strike.",
        location="on the equator, between two river basins",
        area="256,400",
        land="249,800",
        water="6,600",
        climate="equatorial, hot and humid all year",
        terrain="dense forest on a low basin, volcanic hills in the west",
        resources="cocoa, gold, hardwood, bauxite",
        population="9,480,000",
        languages="three regional languages",
        government="semi-presidential republic",
        capital="Amboro",
        economy="Cocoa smallholders and a few large gold mines provide most jobs and tax.",
        labour="4,120,000",
        unemployment="8.7",
        exports="cocoa beans, gold, bauxite",
    ),
)


def _page(doc_id: str, text: str) -> tuple[SourceDocument, CleanDocument]:
    source = SourceDocument(
        id=doc_id,
        source_path=doc_id,
        raw_sha256=doc_id,
        media_type="text",
        content=text,
        url=f"https://profiles.example.org/countries/{doc_id}/",
    )
    return source, CleanDocument(document_id=doc_id, text=text)


def _assert_apart(pages: list[tuple[SourceDocument, CleanDocument]]) -> None:
    """Each page its own story, and none a copy, rewrite or translation of another."""
    result, _ = link_documents([s for s, _ in pages], [c for _, c in pages])
    assert len(result.stories) == len(pages)
    for link in result.documents:
        assert not link.duplicate_of
        assert all(d.relation not in ("rewrite", "translation") for d in link.derived_from)


def test_country_profiles_of_one_template_stay_apart() -> None:
    pages = [
        _page(f"country-{i}", "\n".join(h.format(**country) for h in HEADINGS))
        for i, country in enumerate(COUNTRIES)
    ]
    _assert_apart(pages)


BOILERPLATE = (
    "About the Office: the Regional Labour Inspection Office enforces wage, hours and "
    "safety rules in the province and publishes the outcome of its inspections.\n"
    "Media enquiries: the press desk answers on working days between nine and five.\n"
    "Follow the Office on its channels for notices of public hearings and new rules."
)

RELEASES = (
    "The Office fined a furniture workshop in the river district after inspectors found "
    "that apprentices had not been paid for three months and were made to sleep in the "
    "varnish store. The owner has appealed the penalty.",
    "Inspectors closed two brick kilns on the northern road where families repaid "
    "advances by working without days off. The kilns may reopen once the debts are "
    "cancelled and a written contract is signed with each worker.",
    "A new rule requires harvest contractors to hand back identity papers within one day "
    "of hiring. Growers who hold the papers of seasonal pickers will lose their permits.",
    "The Office published its yearly report: complaints about unpaid overtime in "
    "warehouses doubled, while accidents on construction sites fell for the second year.",
)


def test_press_releases_sharing_boilerplate_stay_apart() -> None:
    pages = [
        _page(f"release-{i}", f"Press release\n{body}\n{BOILERPLATE}")
        for i, body in enumerate(RELEASES)
    ]
    _assert_apart(pages)


def test_the_template_is_read_from_earlier_pages_and_kept_in_the_state() -> None:
    import json

    pages = [
        _page(f"country-{i}", "\n".join(h.format(**country) for h in HEADINGS))
        for i, country in enumerate(COUNTRIES)
    ]
    sources, cleaned = [s for s, _ in pages], [c for _, c in pages]
    batch, batch_state = link_documents(sources, cleaned)
    state = None
    for n in (1, 3, len(pages)):
        result, state = link_documents(sources[:n], cleaned[:n], state)
        state = json.loads(json.dumps(state))
    assert result == batch
    assert state == json.loads(json.dumps(batch_state))
