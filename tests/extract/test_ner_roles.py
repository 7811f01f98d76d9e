"""State bodies named by their role, in several languages, with their state."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicia.extract import ner_roles
from indicia.extract.entities import find_entities
from indicia.extract.ner_gazetteer import gazetteer
from indicia.extract.ner_roles import find_role_mentions
from indicia.records import CleanDocument, Span


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Guards from Norway's state security service watched them.",
            "state security agency of Norway",
        ),
        (
            "Officers of the Chilean state security department came.",
            "state security agency of Chile",
        ),
        ("The Ministry of State Security of Iran denied it.", "state security agency of Iran"),
        ("Peru’s feared state security police arrived.", "state security agency of Peru"),
        ("이란 국가보위성 요원", "state security agency of Iran"),
        ("俄罗斯劳动部表示", "labour ministry of Russia"),
        ("Министерство обороны России сообщило", "defence ministry of Russia"),
        ("Le ministère du Travail de la France a dit", "labour ministry of France"),
        ("A labour ministry spokesman declined.", "labour ministry"),
    ],
)
def test_role_phrases_and_their_state(text: str, name: str) -> None:
    (found,) = list(find_role_mentions(text, gazetteer()))
    assert found.name == name
    assert text[found.start : found.end].casefold() in text.casefold()


@pytest.mark.parametrize(
    "text",
    [
        "Norway's security was never in doubt.",  # no body named
        "A threat to state security, the court said.",  # a concept, not a body
        "The Ministry of Culture opened a museum.",  # a kind not in the table
    ],
)
def test_no_role_body(text: str) -> None:
    assert list(find_role_mentions(text, gazetteer())) == []


def test_state_is_not_taken_across_a_sentence() -> None:
    (found,) = list(
        find_role_mentions("He left Norway. The state security service knew.", gazetteer())
    )
    assert found.country is None


def test_entities_carry_role_and_country() -> None:
    text = "Agents of Norway's state security department watched the site."
    clean = CleanDocument("d1", text, paragraphs=(Span(0, len(text)),))
    mentions = find_entities(clean, [Span(0, len(text))], method="rules")
    role = [m for m in mentions if m.role]
    assert [(m.name, m.role, m.country, m.type) for m in role] == [
        ("state security agency of Norway", "state_security", "Norway", "organisation")
    ]
    assert text[role[0].start : role[0].end] == "state security department"
    assert any(m.name == "Norway" for m in mentions)  # the state stays its own mention


def test_a_longer_proper_name_wins_over_the_role_phrase() -> None:
    text = "They wrote to the Ministry of Labour and Welfare last year."
    clean = CleanDocument("d1", text, paragraphs=(Span(0, len(text)),))
    mentions = find_entities(clean, [Span(0, len(text))], method="rules")
    assert [m.name for m in mentions] == ["Ministry of Labour and Welfare"]
    assert mentions[0].role is None


def _phrases() -> list[str]:
    from indicia.data import load_json

    data = load_json("role_names.json")
    return sorted({p for k in data["kinds"] for ps in k["phrases"].values() for p in ps})


_PIECES = st.one_of(
    st.sampled_from(_phrases()),
    st.sampled_from(_phrases()).map(str.upper),
    st.sampled_from(["", " ", "\n", "x", "의", "的", "-", "Ministry", "минобороны", "s", "'"]),
    st.text(alphabet="abcMSмс国외 \n.,", max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_role_phrases_found_where_they_can_start_are_those_a_full_scan_finds(text: str) -> None:
    # The pattern is tried only where a phrase can begin; the matches must be the same.
    pattern, _, starts = ner_roles._phrase_pattern()
    expected = [(m.start(), m.end()) for m in pattern.finditer(text)]
    assert [(m.start(), m.end()) for m in ner_roles._matches(pattern, starts, text)] == expected
