"""Entities across scripts: one record for a name written in Hangul, kana, Cyrillic and Latin.

Names here are invented for the tests (or are romanisation patterns, not people of a case).
"""

from __future__ import annotations

import pytest

from indicia.extract.entities import find_entities
from indicia.extract.sentences import split_sentences
from indicia.reconcile.entities import reconcile_entities
from indicia.reconcile.names import is_latin, romanised, sound_key, sound_keys
from indicia.records import CleanDocument, DocumentEvidence, Entity, EntityMention


def _doc(document: str, *mentions: tuple[str, str]) -> DocumentEvidence:
    return DocumentEvidence(
        document,
        entities=tuple(
            EntityMention(document, name, name, kind, 0, len(name)) for name, kind in mentions
        ),
    )


def _names(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("박지훈", "Park Ji-hoon"),  # Hangul (Revised Romanisation: Bak Jihun)
        ("Пак Чи Хун", "Park Ji-hoon"),  # Cyrillic, kh for h
        ("김정훈", "Kim Jung-hoon"),  # 정 is jeong or jung
        ("Ким Чен Хун", "Kim Jung-hoon"),  # Cyrillic writes the final ng as n
        ("キム・ミンス", "Kim Min-soo"),  # katakana, with the vowels it adds
        ("チャップマン", "Chapman"),  # a doubled consonant written with small tsu
        ("ジョー・マーティン", "Joe Martin"),  # a glide (ジョ) and an r Japanese drops
        ("리사 데버", "Lisa Dever"),
    ],
)
def test_names_in_two_scripts_share_a_key(a: str, b: str) -> None:
    assert sound_keys(a) & sound_keys(b), (romanised(a), romanised(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Park Ji-hyun", "박지훈"),  # hyun has a glide, 훈 (hoon) none
        ("김민준", "Kim Min-jung"),  # 준 is jun, not jung
        ("Kim Hae Il", "Kim Hae Un"),
        ("김민수", "Kim Min-jun"),
    ],
)
def test_close_names_keep_apart(a: str, b: str) -> None:
    assert not sound_keys(a) & sound_keys(b)


def test_is_latin() -> None:
    assert is_latin("Zoë Müller") and not is_latin("박지훈") and not is_latin("Пак")


def test_one_person_in_three_scripts_is_one_entity() -> None:
    evidence = [
        _doc("en", ("Park Ji-hoon", "person"), ("Park Ji-hyun", "person")),
        _doc("ko", ("박지훈", "person")),
        _doc("ru", ("Пак Чи Хун", "person")),
        _doc("ja", ("パク・チフン", "person")),
    ]
    # (the katakana spells h-before-u as fu: パク・チフン stays its own entity)
    entities = _names(reconcile_entities(evidence))
    # Park Ji-hyun stays apart: its key differs, so nothing ties it to the others
    assert set(entities) == {"Park Ji-hoon", "Park Ji-hyun", "パク・チフン"}, set(entities)
    merged = entities["Park Ji-hoon"]
    assert {"박지훈", "Пак Чи Хун"} <= set(merged.aliases)
    assert merged.documents == ("en", "ko", "ru")
    assert entities["Park Ji-hyun"].documents == ("en",)


def test_two_latin_names_that_sound_alike_merge_nothing() -> None:
    # Park Jihoon and Park Jee-hoon may be two people: the Hangul name could be either
    evidence = [
        _doc("en1", ("Park Jihoon", "person")),
        _doc("en2", ("Park Jee-hoon", "person")),
        _doc("ko", ("박지훈", "person")),
    ]
    assert len(reconcile_entities(evidence)) == 3


def test_types_must_agree_and_short_keys_never_merge() -> None:
    evidence = [
        _doc("en", ("Ardena", "place"), ("Pola", "organisation")),
        _doc("ko", ("아르데나", "person"), ("폴라", "organisation")),
    ]
    # a person is not a place; "pl" is too short a key to tie two names
    assert len(reconcile_entities(evidence)) == 4
    assert sound_key("Pola") == "pl"


def test_a_reading_in_parentheses_links_a_han_name_to_its_latin_form() -> None:
    # a Han name reads in Mandarin (Jin ...), never like its Korean or Japanese reading:
    # only the reading the text gives beside it ties it to the Latin spelling
    ja = "朴大成(パク・デソン)委員長は演説した。"
    en = "Park Dae-sung spoke on Monday, said the agency."
    found = [
        DocumentEvidence(
            d,
            entities=find_entities(
                CleanDocument(d, text, language=lang), split_sentences(text), "rules"
            ),
        )
        for d, text, lang in (("ja", ja, "ja"), ("en", en, "en"))
    ]
    entity = _names(reconcile_entities(found))["Park Dae-sung"]
    assert "朴大成" in entity.aliases and entity.documents == ("ja", "en")
    assert all(
        m.quote == (ja if m.document == "ja" else en)[m.start : m.end] for m in entity.mentions
    )


def test_han_variants_of_a_place_are_one_but_homophone_people_stay_apart() -> None:
    evidence = [
        _doc("ja", ("丹東", "place"), ("張偉", "person")),
        _doc("zh", ("丹东", "place"), ("章伟", "person")),
        _doc("en", ("Dandong", "place")),
    ]
    entities = _names(reconcile_entities(evidence))
    assert {"丹東", "丹东"} <= set(entities["Dandong"].aliases)
    # 張偉 and 章伟 both read zhang wei: two people as far as anyone can tell
    assert {"張偉", "章伟"} <= set(entities)
