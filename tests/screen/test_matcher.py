"""Name comparison: spelling variants match, different people do not."""

from __future__ import annotations

import pytest

from indicia.screen.matcher import compare_names
from indicia.screen.names import name_parts


def _score(text: str, listed: str, kind: str = "person", korean: bool = False) -> float:
    match = compare_names(
        name_parts(text, kind),
        name_parts(listed, kind),
        person=kind == "person",
        korean=korean,
        family_first="," in listed,
    )
    return match.score if match else 0.0


@pytest.mark.parametrize(
    ("text", "listed", "korean"),
    [
        ("Pak Sol Min", "PAK, Sol Min", False),  # list order, comma
        ("Pak Sol-min", "PAK, Sol Min", False),  # hyphen
        ("Sol Min Pak", "PAK, Sol Min", False),  # given name first
        ("Pak Solmin", "PAK, Sol Min", False),  # joined given name
        ("PAK Sol-Min", "PAK, Sol Min", False),  # case
        ("박솔민", "PAK, Sol Min", True),  # Hangul, Revised romanisation vs McCune-Reischauer
        ("Bak Seol Min", "PAK, Sol Min", True),  # Revised romanisation in Latin
        ("Irina Volkova", "VOLKOVA, Irina Petrovna", False),  # patronymic left out
        ("Ирина Волкова", "VOLKOVA, Irina Petrovna", False),  # Cyrillic
        ("Iryna Volkova", "VOLKOVA, Irina", False),  # a letter's spelling
        ("Dmitriy Orlov", "ORLOV, Dmitri", False),  # y/i
        ("Mokran", "MOKRAN LLC", False),
    ],
)
def test_spellings_of_one_name_match(text: str, listed: str, korean: bool) -> None:
    kind = "organisation" if listed.endswith("LLC") else "person"
    assert _score(text, listed, kind, korean) >= 0.88


@pytest.mark.parametrize(
    ("text", "listed", "korean"),
    [
        ("Pak", "PAK, Sol Min", True),  # a lone family name names no one
        ("Pak Sol", "PAK, Sol Min", True),  # a part of the list name missing from the text
        ("Pak Sol Min", "PAK, Sol Nam", True),  # another given name
        ("Pak Sol Min", "PAK, Min Chol", True),
        ("Irina Volkova", "VOLKOV, Ivan", False),
        ("Anna Berg", "BERGMAN, Hanna", False),
        ("Example Ledger", "EXAMPLE LEDGER HOLDINGS GROUP", False),  # an org is compared whole
        ("Anna Maria", "SMITH, Anna Maria", False),  # the family name is never left out
        ("Anna Smith", "Anna Maria Louisa Smith Jones", False),  # nor the last part
    ],
)
def test_different_names_do_not_match(text: str, listed: str, korean: bool) -> None:
    kind = "organisation" if listed.isupper() and "," not in listed else "person"
    assert _score(text, listed, kind, korean) < 0.88


def test_korean_key_only_where_one_side_is_korean() -> None:
    # g/k and eo/o agree under the Korean key, not for any other name
    assert _score("Gim Cheol", "KIM, Chol", korean=True) >= 0.88
    assert _score("Gim Cheol", "KIM, Chol", korean=False) < 0.88
