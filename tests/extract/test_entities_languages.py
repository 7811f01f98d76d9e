"""Entities in languages and scripts beyond English, on texts written for these tests.

Every name here is invented; each text is the project's own. Places come from CLDR
(any locale maps to the one English place), people and organisations from the cue
words of their language (data/entity_languages.json).
"""

from __future__ import annotations

import pytest

from indicia.extract.entities import find_entities
from indicia.extract.ner_native import strip_particles
from indicia.extract.sentences import split_sentences
from indicia.records import CleanDocument, EntityMention


def _find(text: str, language: str) -> list[EntityMention]:
    clean = CleanDocument("doc", text, language=language)
    mentions = list(find_entities(clean, split_sentences(text), "rules"))
    for m in mentions:
        assert text[m.start : m.end] == m.text  # provenance: every mention is a quote
    return mentions


def _pairs(mentions: list[EntityMention]) -> set[tuple[str, str, str]]:
    return {(m.text, m.name, m.type) for m in mentions}


CASES = [
    (
        "ko",
        "한민수 위원장은 어제 평양에서 연설했다. 한민수는 북한의 새 규정을 발표했다. "
        "미국 국무부는 이 규정을 비판했다.",
        {
            ("한민수", "한민수", "person"),
            ("평양", "Pyongyang", "place"),
            ("북한", "North Korea", "place"),
            ("미국", "United States", "place"),
            ("국무부", "국무부", "organisation"),
        },
    ),
    (
        "ja",
        "山本健二首相は東京で記者会見を開いた。アンナ・コワルスカ氏によると、"
        "北朝鮮の労働者が派遣されたという。",
        {
            ("山本健二", "山本健二", "person"),
            ("東京", "Tokyo", "place"),
            ("アンナ・コワルスカ", "アンナ・コワルスカ", "person"),
            ("北朝鮮", "North Korea", "place"),
        },
    ),
    (
        "zh",
        "总统林志伟表示，朝鲜工人被派往俄罗斯的工厂。玛丽亚·彼得罗娃说，这些工人没有休息日。",
        {
            ("林志伟", "林志伟", "person"),
            ("朝鲜", "North Korea", "place"),
            ("俄罗斯", "Russia", "place"),
            ("玛丽亚·彼得罗娃", "玛丽亚·彼得罗娃", "person"),
        },
    ),
    (
        "ru",
        "Президент Иван Соколов заявил, что рабочие из Северной Кореи прибыли в Россию.",
        {
            ("Иван Соколов", "Иван Соколов", "person"),
            ("Северной Кореи", "North Korea", "place"),
            ("Россию", "Russia", "place"),
        },
    ),
    (
        "uk",
        "Міністр Олена Коваль сказала, що Україна не прийме таких умов праці.",
        {("Олена Коваль", "Олена Коваль", "person"), ("Україна", "Ukraine", "place")},
    ),
    (
        "ar",
        "قال الوزير سامي حداد إن العمال في قطر لم يتقاضوا أجورهم منذ أشهر.",
        {("سامي حداد", "سامي حداد", "person"), ("قطر", "Qatar", "place")},
    ),
    (
        "de",
        "Die Fabriken Nordkoreas beschäftigen nach Angaben aus Katar viele Arbeiter.",
        {("Nordkoreas", "North Korea", "place"), ("Katar", "Qatar", "place")},
    ),
    (
        "fr",
        "Selon Claire Dubreuil, les ouvriers venus de Corée du Nord travaillaient au Qatar.",
        {
            ("Claire Dubreuil", "Claire Dubreuil", "person"),
            ("Corée du Nord", "North Korea", "place"),
            ("Qatar", "Qatar", "place"),
        },
    ),
    (
        "es",
        "Según Marta Quiroga, los obreros de Corea del Norte llegaron a Catar en marzo.",
        {
            ("Marta Quiroga", "Marta Quiroga", "person"),
            ("Corea del Norte", "North Korea", "place"),
            ("Catar", "Qatar", "place"),
        },
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_entities_in_each_language(
    language: str, text: str, expected: set[tuple[str, str, str]]
) -> None:
    found = _pairs(_find(text, language))
    assert expected <= found, f"missing {expected - found}; found {found}"


def test_korean_particles_are_not_part_of_a_name() -> None:
    text = "박서연 대표는 회견을 열었다. 박서연은 한국의 공장을 찾았고 박서연에게 질문이 쏟아졌다."
    mentions = [m for m in _find(text, "ko") if m.type == "person"]
    assert [m.text for m in mentions] == ["박서연", "박서연", "박서연"]
    assert {m.name for m in mentions} == {"박서연"}
    places = [m for m in _find(text, "ko") if m.type == "place"]
    assert [(m.text, m.name) for m in places] == [("한국", "South Korea")]


def test_strip_particles_keeps_a_name_that_ends_like_one() -> None:
    particles = ("은", "는", "에게", "의")
    assert strip_particles("김하은은", particles) == "김하은"
    assert strip_particles("서윤에게", particles) == "서윤"
    assert strip_particles("김은", particles) == "김은"  # two syllables stay


def test_nationality_and_language_words_are_no_places() -> None:
    # 中国人 (Chinese people), 朝鮮語 (the Korean language), 한국인 (Koreans): no place named
    for text, language in (
        ("中国人の労働者と朝鮮語の通訳が働いていた。", "ja"),
        ("한국인 노동자들이 일했다.", "ko"),
    ):
        assert not [m for m in _find(text, language) if m.type == "place"], text


def test_a_katakana_name_is_a_whole_word() -> None:
    # タイ (Thailand) must not be found inside タイトル (a title)
    assert not _find("新しいタイトルが発表された。", "ja")
    assert ("タイ", "Thailand", "place") in _pairs(_find("タイの工場で働いた。", "ja"))


def test_a_generic_phrase_with_an_organisation_ending_is_no_name() -> None:
    # 연방정부 (the federal government), 这家公司 (this company): endings, but no names
    assert not [m for m in _find("연방정부는 조사를 시작했다.", "ko") if m.type == "organisation"]
    assert not [m for m in _find("这家公司雇用了工人。", "zh") if m.type == "organisation"]


def test_reading_in_parentheses_names_the_han_mention() -> None:
    text = "朴大成(パク・デソン)委員長の政権が資金を得ている。"
    mentions = [m for m in _find(text, "ja") if m.text == "朴大成"]
    assert mentions and mentions[0].name == "パク・デソン" and mentions[0].type == "person"
