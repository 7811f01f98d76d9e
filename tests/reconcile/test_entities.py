"""Entity reconciliation: merging mentions across documents, on hand-made evidence and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicia.clean import clean_documents
from indicia.extract.entities import find_entities
from indicia.extract.sentences import split_sentences
from indicia.ingest import iter_documents
from indicia.reconcile.entities import merge_key, reconcile_entities
from indicia.records import DocumentEvidence, Entity, EntityMention


def _m(document: str, text: str, name: str, kind: str = "person") -> EntityMention:
    return EntityMention(document, text, name, kind, 0, len(text))


def _doc(document: str, *mentions: tuple[str, str, str]) -> DocumentEvidence:
    return DocumentEvidence(document, entities=tuple(_m(document, *m) for m in mentions))


def _by_name(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Kim Jong Un", "Kim Jong-un", True),
        ("Kim Jong Un", "kim jong-Un", True),
        ("The Independent", "Independent", True),
        ("UN Security Council", "UN  Security Council", True),
        ("Kim Jong Un", "Kim Jong Il", False),
        ("Russia", "Russian", False),
    ],
)
def test_merge_key(a: str, b: str, same: bool) -> None:
    assert (merge_key(a) == merge_key(b)) is same


def test_aliases_and_documents() -> None:
    evidence = [
        _doc("d1", ("Pyongyang", "North Korea", "place"), ("North Korea", "North Korea", "place")),
        _doc("d2", ("DPRK", "North Korea", "place"), ("Kim Jong-un", "Kim Jong Un", "person")),
        _doc("d3", ("Kim Jong Un", "Kim Jong Un", "person"), ("Pyongyang", "Pyongyang", "place")),
    ]
    entities = _by_name(reconcile_entities(evidence))
    # "Pyongyang" has its own row (the city, in d3), so the state does not list it too
    north_korea = entities["North Korea"]
    assert (north_korea.type, north_korea.aliases, north_korea.documents) == (
        "place",
        ("DPRK",),
        ("d1", "d2"),
    )
    # every mention, with its offsets, in document order
    assert [(m.document, m.quote) for m in north_korea.mentions] == [
        ("d1", "Pyongyang"),
        ("d1", "North Korea"),
        ("d2", "DPRK"),
    ]
    assert entities["Kim Jong Un"].aliases == ("Kim Jong-un",)
    assert entities["Kim Jong Un"].documents == ("d2", "d3")
    # the city, where it is the city, stays its own place
    assert entities["Pyongyang"].documents == ("d3",)


def test_a_capital_used_only_for_its_state_stays_the_states_alias() -> None:
    evidence = [
        _doc("d1", ("Moscow", "Russia", "place")),
        _doc("d2", ("Russia", "Russia", "place")),
    ]
    (russia,) = reconcile_entities(evidence)
    assert (russia.name, russia.aliases, russia.documents) == ("Russia", ("Moscow",), ("d1", "d2"))


@pytest.mark.parametrize(
    ("capital", "state"),
    [("Pyongyang", "North Korea"), ("Seoul", "South Korea"), ("Kyiv", "Ukraine")],
)
def test_no_name_shows_in_two_rows(capital: str, state: str) -> None:
    evidence = [
        _doc("d1", (capital, state, "place"), (state, state, "place")),
        _doc("d2", (capital, capital, "place")),
    ]
    entities = reconcile_entities(evidence)
    shown = [merge_key(n) for e in entities for n in (e.name, *e.aliases)]
    assert len(shown) == len(set(shown))
    assert {e.name for e in entities} == {capital, state}


def test_leading_the_is_not_an_alias_of_its_own() -> None:
    evidence = [
        _doc("d1", ("The Harbour Gazette", "Harbour Gazette", "organisation")),
        _doc("d2", ("Harbour Gazette", "Harbour Gazette", "organisation")),
    ]
    (gazette,) = reconcile_entities(evidence)
    assert gazette.name == "Harbour Gazette"
    assert gazette.aliases == ()


def test_one_word_organisation_merges_into_the_longer_name_across_documents() -> None:
    evidence = [
        _doc("d1", ("Ledger", "Ledger", "organisation")),
        _doc("d2", ("Example Ledger", "Example Ledger", "organisation")),
    ]
    (ledger,) = reconcile_entities(evidence)
    assert (ledger.name, ledger.type, ledger.aliases, ledger.documents) == (
        "Example Ledger",
        "organisation",
        ("Ledger",),
        ("d1", "d2"),
    )


@pytest.mark.parametrize(
    "others",
    [
        # two longer names end in the word: which one is meant is unknown
        [("Example Ledger", "Example Ledger", "organisation"),
         ("Harbour Ledger", "Harbour Ledger", "organisation")],
        # the longer name is a person's, not an organisation's
        [("Tomas Ledger", "Tomas Ledger", "person")],
    ],
)  # fmt: skip
def test_one_word_organisation_stays_alone_when_ambiguous(
    others: list[tuple[str, str, str]],
) -> None:
    evidence = [_doc("d1", ("Ledger", "Ledger", "organisation")), _doc("d2", *others)]
    assert "Ledger" in _by_name(reconcile_entities(evidence))


def test_spelling_variants_of_a_canonical_name_merge() -> None:
    evidence = [
        _doc("d1", ("Marta Oyelaran", "Marta Oyelaran", "person")),
        _doc("d2", ("marta oyelaran", "marta oyelaran", "person")),
        _doc("d3", ("Marta Oyelaran", "Marta Oyelaran", "person")),
    ]
    (entity,) = reconcile_entities(evidence)
    assert entity.name == "Marta Oyelaran"
    assert entity.aliases == ("marta oyelaran",)
    assert entity.documents == ("d1", "d2", "d3")


def test_lone_surname_merges_into_the_one_full_name() -> None:
    evidence = [
        _doc("d1", ("Andrei Lankov", "Andrei Lankov", "person")),
        _doc("d2", ("Lankov", "Lankov", "person"), ("Kang", "Kang", "person")),
        _doc("d3", ("Kang Dong-wan", "Kang Dong-wan", "person")),
    ]
    entities = _by_name(reconcile_entities(evidence))
    assert set(entities) == {"Andrei Lankov", "Kang Dong-wan"}
    assert entities["Andrei Lankov"].aliases == ("Lankov",)
    assert entities["Andrei Lankov"].documents == ("d1", "d2")
    assert entities["Kang Dong-wan"].documents == ("d2", "d3")


def test_shared_word_stays_separate() -> None:
    evidence = [
        _doc("d1", ("Kim Jong Un", "Kim Jong Un", "person")),
        _doc("d2", ("Kim Seung-chul", "Kim Seung-chul", "person"), ("Kim", "Kim", "person")),
    ]
    assert set(_by_name(reconcile_entities(evidence))) == {"Kim Jong Un", "Kim Seung-chul", "Kim"}


def test_surname_of_a_place_does_not_merge() -> None:
    evidence = [_doc("d1", ("Jordan", "Jordan", "place"), ("Ayla Jordan", "Ayla Jordan", "person"))]
    assert set(_by_name(reconcile_entities(evidence))) == {"Jordan", "Ayla Jordan"}


def test_type_is_the_majority() -> None:
    evidence = [
        _doc("d1", ("Kursk", "Kursk", "place")),
        _doc("d2", ("Kursk", "Kursk", "person")),
        _doc("d3", ("Kursk", "Kursk", "place")),
    ]
    (entity,) = reconcile_entities(evidence)
    assert entity.type == "place"


def test_order_most_documents_first() -> None:
    evidence = [
        _doc("d1", ("Bora", "Bora", "person"), ("Russia", "Russia", "place")),
        _doc("d2", ("Russia", "Russia", "place"), ("Ada", "Ada", "person")),
    ]
    assert [e.name for e in reconcile_entities(evidence)] == ["Russia", "Ada", "Bora"]


def test_nothing_in_nothing_out() -> None:
    assert reconcile_entities([]) == ()
    assert reconcile_entities([DocumentEvidence("d1")]) == ()


_NAMES = ["Kim Jong Un", "Kim Jong-un", "Lankov", "Andrei Lankov", "Kim", "Russia"]
_NAMES += ["The Example Ledger", "Example Ledger", "Ledger"]
_MENTION = st.tuples(
    st.sampled_from(["d1", "d2", "d3"]),
    st.sampled_from(_NAMES),
    st.sampled_from(["person", "place", "organisation"]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_MENTION, max_size=20), st.randoms())
def test_document_order_does_not_change_entities(
    mentions: list[tuple[str, str, str]], rng: object
) -> None:
    docs = {d: [m for m in mentions if m[0] == d] for d in ("d1", "d2", "d3")}
    evidence = [_doc(d, *[(t, t, k) for _, t, k in ms]) for d, ms in docs.items()]
    shuffled = list(evidence)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    first, second = reconcile_entities(evidence), reconcile_entities(shuffled)
    assert {(e.name, e.type, e.aliases, frozenset(e.documents)) for e in first} == {
        (e.name, e.type, e.aliases, frozenset(e.documents)) for e in second
    }
    # every surface is shown (up to a leading "the"), and no name in two rows
    seen = {merge_key(t) for _, t, _ in mentions}
    shown = [merge_key(n) for e in first for n in {e.name, *e.aliases}]
    assert seen <= set(shown)
    rows = {merge_key(e.name) for e in first}
    assert all(merge_key(a) not in rows - {merge_key(e.name)} for e in first for a in e.aliases)


# ------------------------------------------------------------------ the seeds


@pytest.fixture(scope="module")
def seed_entities(seed_paths: list[Path]) -> dict[str, Entity]:
    docs = [d for d in iter_documents([str(p) for p in seed_paths]) if d.status == "ok"]
    evidence = [
        DocumentEvidence(c.document_id, entities=find_entities(c, split_sentences(c.text), "rules"))
        for c in clean_documents(docs)
    ]
    return _by_name(reconcile_entities(evidence))


@pytest.mark.parametrize(
    ("name", "kind", "aliases", "documents"),
    [
        # a capital written for its state is the capital as written: Moscow is named in
        # four seeds, and the Kremlin is the office, not another name of Russia
        ("Russia", "place", set(), 5),
        ("North Korea", "place", set(), 5),
        ("Moscow", "place", set(), 4),
        ("Pyongyang", "place", set(), 2),
        ("Kremlin", "organisation", set(), 1),
        ("Vladimir Putin", "person", {"Putin"}, 4),
        ("Kim Jong Un", "person", set(), 4),
        ("Sergei Shoigu", "person", set(), 2),
        ("United Nations", "organisation", {"UN", "U.N."}, 2),
        ("Kookmin University", "organisation", set(), 1),
        ("Andrei Lankov", "person", set(), 1),
    ],
)
def test_seed_entities(
    seed_entities: dict[str, Entity], name: str, kind: str, aliases: set[str], documents: int
) -> None:
    entity = seed_entities[name]
    assert entity.type == kind
    assert aliases <= set(entity.aliases)
    assert len(entity.documents) == documents
