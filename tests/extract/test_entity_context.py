"""Entity typing from context, contextual aliases and short forms, on made-up sentences.

Regression cases for errors first seen on examples/corpus: a librarian typed as an
organisation, a town typed as an organisation, "Russia's Security Council" folded into
the UN body, "the Ledger" kept apart from the outlet it shortens. The sentences are
our own; each test runs with the rules fallback and, when installed, with spaCy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indicia.clean import clean_documents
from indicia.extract import ner_spacy
from indicia.extract.entities import find_entities
from indicia.extract.ner_gazetteer import gazetteer
from indicia.extract.ner_rules import cued_type
from indicia.extract.sentences import split_sentences
from indicia.ingest import iter_documents
from indicia.records import CleanDocument, EntityMention

METHODS = [
    "rules",
    pytest.param(
        "spacy",
        marks=pytest.mark.skipif(not ner_spacy.is_available(), reason="ner extra not installed"),
    ),
]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _find(text: str, method: str) -> tuple[EntityMention, ...]:
    return find_entities(CleanDocument("d", text), split_sentences(text), method)  # type: ignore[arg-type]


def _types(text: str, method: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in _find(text, method):
        found.setdefault(m.name, set()).add(m.type)
    return found


# ------------------------------------------------------------- typing by context


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The archive was saved. Tarja Holmqvist, the head archivist, said so.",
         "Tarja Holmqvist", "person"),
        ("Halvard Brenn, the chief engineer, checked the pumps twice.",
         "Halvard Brenn", "person"),
        ("Rain fell for a week on the little town of Brackwater last spring.",
         "Brackwater", "place"),
        ("Aid trucks reached the village of Osterlund in Norway before noon.",
         "Osterlund", "place"),
        ("Crews worked through the night in the Vellmark region to clear roads.",
         "Vellmark", "place"),
    ],
)  # fmt: skip
def test_context_words_decide_the_type(text: str, name: str, kind: str, method: str) -> None:
    assert _types(text, method).get(name) == {kind}


@pytest.mark.parametrize("method", METHODS)
def test_a_name_keeps_one_type_within_a_document(method: str) -> None:
    text = (
        "Flood-hit museum in Brackwater reopens\n\n"
        "The museum in the old town of Brackwater reopened on Saturday.\n\n"
        "Brackwater council paid for most of the repairs."
    )
    types = _types(text, method)
    assert types.get("Brackwater") == {"place"}
    assert "Flood-hit" not in types


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("a visit to the town of Brackwater", "Brackwater", "place"),
        ("the Vellmark region", "Vellmark", "place"),
        ("Tarja Holm, the head archivist", "Tarja Holm", "person"),
        ("the librarian Tarja Holm", "Tarja Holm", "person"),
        ("Tarja Holm, a volunteer.", "Tarja Holm", "person"),
        ("Tarja Holm, a volunteer who stayed", "Tarja Holm", "person"),
        # an appositive without a role
        ("Holm Brothers, the family bakery, opened", "Holm Brothers", None),
        # its own cue word: the recogniser decides
        ("Tarja Holm, the head of Brackwater University", "Brackwater University", None),
        # no cue at all
        ("Tarja Holm walked home.", "Tarja Holm", None),
        ("Brackwater Ledger reported", "Brackwater Ledger", None),
    ],
)
def test_cued_type(text: str, surface: str, kind: str | None) -> None:
    start = text.index(surface)
    assert cued_type(text, start, start + len(surface), gazetteer()) == kind


def test_hyphenated_word_opening_a_sentence_is_no_person() -> None:
    text = "Storm-battered ferries stayed in port on Tuesday."
    assert not [m for m in _find(text, "rules") if m.type == "person"]


def test_name_after_the_is_no_person_in_the_rules() -> None:
    text = "The sailors, who spoke to The Copper Lantern, said the pay came late."
    assert _types(text, "rules").get("Copper Lantern") == {"organisation"}


# ------------------------------------------------------- a contextual alias


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a state's own council is not the UN body, sanctions or not
        ("Talks on sanctions went on. Russia's Security Council met in private.",
         "Security Council of Russia"),
        ("Ukraine's Security Council held an emergency meeting.",
         "Security Council of Ukraine"),
        ("Officials said the Russian Security Council would meet.",
         "Russian Security Council"),
        ("Late on Monday Russia's Security Council met.", "Security Council of Russia"),
        ("Ruritania's Security Council met.", "Security Council of Ruritania"),
        # someone's council, owner unnamed: not the UN body either
        ("After the sanctions, the country's Security Council met.", "Security Council"),
        # bare, in a UN or sanctions context: the UN body
        ("The Security Council voted to extend the sanctions for a year.",
         "UN Security Council"),
        ("Diplomats at the UN expect the Security Council to vote soon.",
         "UN Security Council"),
        # written out in full: always the UN body
        ("The United Nations Security Council met on Friday.", "UN Security Council"),
        ("A UN Security Council panel wrote the report.", "UN Security Council"),
        # bare with no such context: left as written
        ("The Security Council met in private on Friday.", "Security Council"),
    ],
)  # fmt: skip
def test_security_council_is_resolved_by_context(text: str, name: str, method: str) -> None:
    councils = {m.name for m in _find(text, method) if "Security Council" in m.name}
    assert councils == {name}


@pytest.mark.parametrize("method", METHODS)
def test_qualified_council_keeps_its_owner_as_a_mention(method: str) -> None:
    text = "Russia's Security Council met in private."
    names = {(m.text, m.name) for m in _find(text, method)}
    assert ("Russia", "Russia") in names
    # the mention stays the council's own words: provenance is exact
    assert ("Security Council", "Security Council of Russia") in names


# ----------------------------------------------------------- short forms


@pytest.mark.parametrize("method", METHODS)
def test_short_form_names_the_longer_organisation(method: str) -> None:
    text = (
        "Six sailors gave interviews to the Copper Lantern newspaper group in March. "
        "They told the Lantern that their pay was held back for months."
    )
    found = {(m.text, m.name) for m in _find(text, method) if "Lantern" in m.text}
    assert found == {("Copper Lantern", "Copper Lantern"), ("Lantern", "Copper Lantern")}


def test_short_form_needs_one_owner() -> None:
    text = (
        "The Copper Lantern and the Evening Lantern both ran the story. "
        "A reader wrote to the Lantern to complain."
    )
    names = {m.name for m in _find(text, "rules") if m.text == "Lantern"}
    assert names <= {"Lantern"}


def test_a_cue_word_is_no_short_form() -> None:
    text = "Staff at Brackwater University met. The University said nothing."
    assert not [m for m in _find(text, "rules") if m.text == "University"]


# ------------------------------------------------- the example corpus end to end


@pytest.fixture(scope="module")
def example_documents() -> list[CleanDocument]:
    paths = sorted(str(p) for p in EXAMPLES.iterdir())
    docs = [d for d in iter_documents(paths) if d.status == "ok"]
    return clean_documents(docs)


@pytest.mark.parametrize("method", METHODS)
def test_example_corpus_types(example_documents: list[CleanDocument], method: str) -> None:
    found: dict[str, set[str]] = {}
    for c in example_documents:
        for m in find_entities(c, split_sentences(c.text), method):  # type: ignore[arg-type]
            found.setdefault(m.name, set()).add(m.type)
    assert found["Marta Ilves"] == {"person"}
    assert found["Lindenmoor"] == {"place"}
    assert found["Security Council of Russia"] == {"organisation"}
    assert "UN Security Council" not in found
    assert found["Example Ledger"] == {"organisation"}
    # the example corpus names neither leader: nothing may invent them
    assert "Kim Jong Un" not in found
    assert "Vladimir Putin" not in found
