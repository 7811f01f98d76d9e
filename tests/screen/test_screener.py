"""Screening entities against list entries: candidates with their features."""

from __future__ import annotations

import pytest

from indicia.records import Entity, Evidence, ListEntry
from indicia.screen import screen_with
from indicia.screen.lists import SanctionsList

ENTRIES = [
    ListEntry(
        "TEST",
        "1",
        "PAK, Sol Min",
        "person",
        programs=("DPRK2",),
        countries=("kp",),
        birth_dates=("02 Feb 1970",),
    ),
    ListEntry(
        "TEST",
        "2",
        "MINISTRY OF STATE SECURITY",
        "organisation",
        programs=("DPRK3",),
        countries=("kp",),
    ),
    ListEntry("TEST", "3", "MINISTRY OF LABOR", "organisation", countries=("kp",)),
    ListEntry(
        "TEST",
        "4",
        "NORTHWIND HARBOUR TRADING CORPORATION",
        "organisation",
        aliases=("NORTHWIND TRADING",),
    ),
    ListEntry("TEST", "5", "VOLKOVA, Irina", "person", weak_aliases=("IRA VOLK",)),
]
LISTS = [SanctionsList("TEST", "test.csv", ENTRIES)]


def _entity(name: str, type_: str = "person", **kw: object) -> Entity:
    mention = Evidence("doc1", name, 10, 10 + len(name))
    return Entity(name, type_, documents=("doc1",), mentions=(mention,), **kw)  # type: ignore[arg-type]


def test_a_listed_person_is_a_candidate_with_features_and_quotes() -> None:
    result = screen_with([_entity("Pak Sol-min")], LISTS, 0.88)
    (candidate,) = result.candidates
    assert candidate.entry.entry_id == "1" and candidate.status == "candidate"
    features = {f.feature: f.detail for f in candidate.features}
    assert "pak=pak" in features["name_parts"]
    assert features["program"] == "listed under DPRK2"
    assert "North Korea" in features["country"]
    assert "02 Feb 1970" in features["dates"]
    assert candidate.evidence == (Evidence("doc1", "Pak Sol-min", 10, 21),)


def test_names_not_listed_give_no_candidate() -> None:
    entities = [_entity("Marta Ilves"), _entity("Pak"), _entity("Example Ledger", "organisation")]
    assert screen_with(entities, LISTS, 0.88).candidates == ()


def test_places_are_not_screened() -> None:
    assert screen_with([_entity("Volkova Irina", "place")], LISTS, 0.88).candidates == ()


def test_an_alias_matches_and_says_so() -> None:
    (candidate,) = screen_with(
        [_entity("Northwind Trading", "organisation")], LISTS, 0.88
    ).candidates
    assert candidate.entry.entry_id == "4"
    assert any(f.feature == "alias" for f in candidate.features)


def test_a_weak_alias_counts_for_less() -> None:
    result = screen_with([_entity("Ira Volk")], LISTS, 0.5)
    (candidate,) = result.candidates
    assert candidate.score < 1.0
    assert any(f.feature == "weak_alias" for f in candidate.features)


@pytest.mark.parametrize(
    ("country", "expected"),
    [("North Korea", ["2"]), ("Russia", []), (None, [])],
)
def test_a_body_named_by_role_matches_only_its_own_state(
    country: str | None, expected: list[str]
) -> None:
    entity = _entity(
        "state security agency", "organisation", role="state_security", country=country
    )
    result = screen_with([entity], LISTS, 0.88)
    assert [c.entry.entry_id for c in result.candidates] == expected
    for c in result.candidates:
        assert any(f.feature == "role" for f in c.features)
        assert any("same state" in f.detail for f in c.features)


def test_a_generic_list_name_needs_a_role_named_body_of_its_state() -> None:
    bare = _entity("Ministry of Labour", "organisation")
    assert screen_with([bare], LISTS, 0.88).candidates == ()
    owned = _entity(
        "labour ministry", "organisation", role="labour_ministry", country="North Korea"
    )
    assert [c.entry.entry_id for c in screen_with([owned], LISTS, 0.88).candidates] == ["3"]


def test_unowned_role_bodies_are_noted() -> None:
    entity = _entity("state security agency", "organisation", role="state_security")
    assert any("no state in the text" in n for n in screen_with([entity], LISTS, 0.88).notes)


def test_far_weaker_candidates_beside_a_strong_one_are_left_out() -> None:
    lists = [
        SanctionsList(
            "TEST",
            "t.csv",
            [
                ListEntry("TEST", "1", "PAK, Sol Min", "person"),
                ListEntry("TEST", "2", "PAK, Sol Mun", "person"),
            ],
        )
    ]
    (candidate,) = screen_with([_entity("Pak Sol Min")], lists, 0.85).candidates
    assert candidate.entry.entry_id == "1"
    # without the exact one, the near one is still a candidate
    alone = [SanctionsList("TEST", "t.csv", lists[0].entries[1:])]
    assert [
        c.entry.entry_id for c in screen_with([_entity("Pak Sol Min")], alone, 0.85).candidates
    ] == ["2"]
