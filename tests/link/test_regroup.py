"""Regrouping stories by the anchors of their documents (link/regroup.py)."""

from __future__ import annotations

import pytest

from indicia.link.anchors import dates
from indicia.link.regroup import regroup, story_anchor


def _keys(*keys: str) -> frozenset[str]:
    return frozenset(keys)


# Background documents so that the anchors of the reports below are rare among them.
BACKGROUND = {f"bg{i}": _keys(f"#{i + 100}", f"y:{1950 + i}", f"~x{i}") for i in range(40)}


def test_copies_in_two_languages_are_regrouped_and_a_neighbour_is_not() -> None:
    anchors = {
        "en": _keys("#6.5e+03", "#2.1e+03", "y:2021", "~krtn", "~mntr"),
        "de": _keys("#6.5e+03", "#2.1e+03", "y:2021", "~krtn"),
        "ja": _keys("#6.5e+03", "#2.1e+03", "~krtn", "~mntr"),
        # Same topic, another event: one figure and the country in common.
        "later": _keys("#6.5e+03", "~krtn", "#4e+02", "#5e+02", "y:2022"),
        **BACKGROUND,
    }
    stories = {"s-en": ["en"], "s-de": ["de"], "s-ja": ["ja"], "s-later": ["later"]}
    stories.update({f"s-{d}": [d] for d in BACKGROUND})
    final, merges = regroup(stories, anchors)
    assert final["s-de"] == final["s-ja"] == "s-en"  # the oldest story keeps its id
    assert final["s-later"] == "s-later"
    assert all(final[f"s-{d}"] == f"s-{d}" for d in BACKGROUND)
    assert {m.merged for m in merges} == {"s-de", "s-ja"}
    assert all(m.shared and m.cosine > 0 for m in merges)


def test_two_chance_figures_do_not_join_documents() -> None:
    anchors = {"a": _keys("#12", "#19", "~aaa"), "b": _keys("#12", "#19", "~bbb"), **BACKGROUND}
    stories = {"s-a": ["a"], "s-b": ["b"], **{f"s-{d}": [d] for d in BACKGROUND}}
    final, merges = regroup(stories, anchors)
    assert final["s-b"] == "s-b" and not merges


def test_one_bridging_document_does_not_chain_two_reports() -> None:
    report_a = _keys("#8e+04", "#83", "#27", "y:2020", "~spr")
    report_b = _keys("#6.8e+06", "#3e+02", "#60", "y:2024", "~spmn")
    anchors = {f"a{i}": report_a for i in range(8)}
    anchors.update({f"b{i}": report_b for i in range(8)})
    # An overview that gives the figures of both reports: beside eight documents of
    # each, one bridge weighs too little in the mean to join them.
    anchors["bridge"] = report_a | report_b
    anchors.update(BACKGROUND)
    stories = {
        "s-a": [f"a{i}" for i in range(8)],
        "s-b": [f"b{i}" for i in range(8)],
        "s-bridge": ["bridge"],
        **{f"s-{d}": [d] for d in BACKGROUND},
    }
    final, _ = regroup(stories, anchors)
    assert final["s-a"] != final["s-b"]


def test_only_translation_invariant_anchors_count() -> None:
    assert story_anchor("#8e+04") and story_anchor("y:2020") and story_anchor("~spmn")
    # Latin-script words and slug words are the topic's words, not the report's.
    assert not story_anchor("@uyghurs")


@pytest.mark.parametrize(
    "text",
    [
        "the charges were filed on May 16, 2024 in Arizona",
        "l'acte a été rendu public le 16 mai 2024",
        "die Anklage wurde am 16. Mai 2024 erhoben",
        "la acusación se presentó el 16 de mayo de 2024",
        "обвинение предъявлено 16 мая 2024 года",
        "起訴状は2024年5月16日に公開された",
        "기소장은 2024년 5월 16일 공개됐다",
        "cáo trạng được công bố ngày 16 tháng 5 năm 2024",
        "صدر الاتهام في ١٦ مايو ٢٠٢٤",
        "filed 2024-05-16",
    ],
)
def test_a_date_is_one_anchor_in_every_language(text: str) -> None:
    assert [key for key, _, _ in dates(text)] == ["d:05-16"]


@pytest.mark.parametrize("text", ["in May 2024", "the Mars 2020 rover", "at 8:30 on March"])
def test_months_without_a_day_are_no_date(text: str) -> None:
    assert dates(text) == []


def test_names_and_small_numbers_alone_do_not_join_reports() -> None:
    # Two articles of one topic: the same officials, years and small counts, no figure
    # or date of their own in common.
    topic = ("~trmp", "~prstnt", "~tprtmnt", "y:2018", "#12", "#24")
    anchors = {"a": _keys(*topic, "#4.5e+05"), "b": _keys(*topic, "#7.1e+03"), **BACKGROUND}
    stories = {"s-a": ["a"], "s-b": ["b"], **{f"s-{d}": [d] for d in BACKGROUND}}
    final, merges = regroup(stories, anchors)
    assert final["s-b"] == "s-b" and not merges


def test_a_firm_match_needs_three_anchors_and_a_strong_one() -> None:
    from indicia.link.regroup import firm

    assert firm(["#6.8e+06", "#60", "y:2024"])
    assert not firm(["#14", "#90"])  # two small figures: chance
    assert not firm(["#12", "y:2017", "~spmn"])  # nothing strong among them
    # Latin-script names count where `names` is asked, as shared and as strong ones.
    assert not firm(["@aspi", "#12", "y:2017"])
    assert firm(["@aspi", "#12", "y:2017"], names=True)
    assert not firm(["@aspi", "@bbc"], names=True)


def test_forum_and_site_software_words_of_a_url_are_no_anchors() -> None:
    from indicia.link.anchors import slug_words

    assert slug_words("https://example.kr/bbs/board.php?bo_table=gallery") == []
    assert slug_words("https://example.org/index.php/content-boxes/forced-labour/") == [
        "@boxes",
        "@forced",
        "@labour",
    ]
