"""The derived-from graph on small hand-made stories."""

from __future__ import annotations

from indicia.link.graph import AlignmentEdge, DocumentNode, build_graph
from indicia.link.provenance import Attribution, Publisher


def _cites(outlet: str) -> Attribution:
    return Attribution(outlet, f"told {outlet}", 0, 6 + len(outlet), "told_outlet")


def _origins(nodes: list[DocumentNode]) -> dict[str, tuple[str, ...]]:
    return {o.outlet: o.documents for o in build_graph(nodes).origins}


def test_aggregator_copy_of_the_independent_citing_the_bbc() -> None:
    copy = DocumentNode(
        "agg",
        publisher=Publisher("The Independent", "boilerplate", "独立报"),
        attributions=(_cites("BBC"),),
    )
    graph = build_graph([copy])
    assert ("doc:agg", "outlet:The Independent", "copy") in graph.edges
    assert ("outlet:The Independent", "outlet:BBC", "cites") in graph.edges
    assert _origins([copy]) == {"BBC": ("agg",)}


def test_own_page_with_no_credit_is_its_own_origin() -> None:
    page = DocumentNode("bbc1", publisher=Publisher("BBC", "url", "www.bbc.com"), own_page=True)
    assert _origins([page]) == {"BBC": ("bbc1",)}


def test_outlet_citing_itself_is_not_a_second_source() -> None:
    page = DocumentNode(
        "bbc1",
        publisher=Publisher("BBC", "url", "www.bbc.com"),
        own_page=True,
        attributions=(_cites("BBC"),),
    )
    assert _origins([page]) == {"BBC": ("bbc1",)}


def test_unattributed_rewrite_follows_the_document_that_leads_to_an_outlet() -> None:
    rewrite = DocumentNode(
        "farm",
        alignments=[
            AlignmentEdge("other_farm", 9, 0.6, True),
            AlignmentEdge("cites_bbc", 4, 0.3, True),
        ],
    )
    other = DocumentNode("other_farm")
    cites = DocumentNode("cites_bbc", attributions=(_cites("BBC"),))
    graph = build_graph([rewrite, other, cites])
    assert [(d.relation, d.document) for d in graph.derivations["farm"]] == [
        ("rewrite", "cites_bbc")
    ]
    assert _origins([rewrite, other, cites]) == {
        "BBC": ("farm", "cites_bbc"),
        "unknown outlet: other_farm": ("other_farm",),
    }


def test_unattributed_rewrites_of_each_other_point_to_the_earlier_one() -> None:
    first = DocumentNode("a", alignments=[AlignmentEdge("b", 5, 0.5, True)])
    second = DocumentNode("b", alignments=[AlignmentEdge("a", 5, 0.5, True)])
    assert _origins([first, second]) == {"unknown outlet: a": ("a", "b")}


def test_weak_alignment_is_not_a_rewrite() -> None:
    first = DocumentNode("a")
    second = DocumentNode("b", alignments=[AlignmentEdge("a", 1, 0.05, False)])
    assert len(build_graph([first, second]).origins) == 2


def test_copies_share_their_original_s_origin() -> None:
    original = DocumentNode("o", attributions=(_cites("Yonhap"),))
    copies = [DocumentNode(f"c{i}", duplicate_of="o") for i in range(3)]
    assert _origins([original, *copies]) == {"Yonhap": ("o", "c0", "c1", "c2")}


def test_outlets_citing_each_other_do_not_loop() -> None:
    a = DocumentNode(
        "a", publisher=Publisher("Reuters", "metadata", "Reuters"), attributions=(_cites("AFP"),)
    )
    b = DocumentNode(
        "b", publisher=Publisher("AFP", "metadata", "AFP"), attributions=(_cites("Reuters"),)
    )
    origins = _origins([a, b])
    assert len(origins) == 1


def test_two_credited_outlets_are_two_sources() -> None:
    doc = DocumentNode("d", attributions=(_cites("BBC"), _cites("Yonhap")))
    assert set(_origins([doc])) == {"BBC", "Yonhap"}


RANKS = {"CNN": 1, "BBC": 1, "AFP": 0, "Ministry": 2, "Institute": 2}


def test_outlets_of_one_story_relay_the_institution_it_credits() -> None:
    nodes = [
        DocumentNode("a", attributions=(_cites("CNN"),), relay_ranks=RANKS),
        DocumentNode("b", attributions=(_cites("BBC"), _cites("AFP")), relay_ranks=RANKS),
        DocumentNode("c", attributions=(_cites("Ministry"),), relay_ranks=RANKS),
    ]
    assert _origins(nodes) == {"Ministry": ("a", "b", "c")}


def test_of_two_institutions_outlets_relay_the_more_credited_one() -> None:
    nodes = [
        DocumentNode("a", attributions=(_cites("Institute"),), relay_ranks=RANKS),
        DocumentNode("b", attributions=(_cites("Ministry"),), relay_ranks=RANKS),
        DocumentNode("c", attributions=(_cites("Ministry"), _cites("CNN")), relay_ranks=RANKS),
    ]
    origins = _origins(nodes)
    assert set(origins) == {"Institute", "Ministry"}
    assert origins["Ministry"] == ("b", "c")


def test_news_outlets_without_an_institution_stay_sources() -> None:
    nodes = [
        DocumentNode("a", attributions=(_cites("CNN"),), relay_ranks=RANKS),
        DocumentNode("b", attributions=(_cites("BBC"),), relay_ranks=RANKS),
    ]
    assert set(_origins(nodes)) == {"CNN", "BBC"}


def test_another_institution_a_retelling_quotes_is_no_second_source() -> None:
    story = frozenset({"#6.8e+06", "#3e+02", "#60", "d:05-16", "~spmn"})
    nodes = [
        DocumentNode("a", attributions=(_cites("Ministry"),), relay_ranks=RANKS, anchors=story),
        DocumentNode("b", attributions=(_cites("CNN"),), relay_ranks=RANKS, anchors=story),
        # Leads with another body's offer, and retells the figures of the case.
        DocumentNode(
            "c",
            attributions=(_cites("Institute"),),
            relay_ranks=RANKS,
            anchors=frozenset({"#6.8e+06", "#60", "d:05-16", "#5e+06"}),
        ),
    ]
    graph = build_graph(nodes)
    assert {o.outlet: o.documents for o in graph.origins} == {"Ministry": ("a", "b", "c")}
    relations = [d.relation for d in graph.derivations["c"]]
    assert relations == ["cites", "rewrite"]  # the credit stays, as a quote
    assert "quotes Institute" in graph.derivations["c"][1].evidence


def test_another_institution_without_the_report_s_anchors_stays_a_source() -> None:
    nodes = [
        DocumentNode(
            "a",
            attributions=(_cites("Ministry"),),
            relay_ranks=RANKS,
            anchors=frozenset({"#6.8e+06", "#60", "d:05-16"}),
        ),
        DocumentNode(
            "c",
            attributions=(_cites("Institute"),),
            relay_ranks=RANKS,
            anchors=frozenset({"#6.8e+06", "#12"}),
        ),
    ]
    assert set(_origins(nodes)) == {"Ministry", "Institute"}
