"""Quality gate: entities in other languages on real pages of benchdata/news-pile-dev.

Reads the labels in tests/data/entities/pile_gold.json and the floors in the
"entities_pile" section of tests/data/floors.json; bench/entities.py prints the
full table. The rules recogniser runs: it is what reads these languages in every
install (spaCy has models for English and French only).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from entity_eval import Score, alias_pairs, load_pile_gold, normalise, pile_labels, score_document
from indicia.extract.entities import find_entities
from indicia.extract.sentences import split_sentences
from indicia.reconcile.entities import reconcile_entities
from indicia.records import CleanDocument, DocumentEvidence
from indicia.text.language import detect_language
from shared_inputs import BENCHDATA, SHARED, floors, require

GOLD = Path(__file__).resolve().parents[1] / "data" / "entities" / "pile_gold.json"
FLOORS = floors("entities_pile")


def _entities(name: str, text: str) -> DocumentEvidence:
    clean = CleanDocument(name, text, language=detect_language(text))
    return DocumentEvidence(name, entities=find_entities(clean, split_sentences(text), "rules"))


@pytest.fixture(scope="module")
def pile() -> Path:
    return require(BENCHDATA / "news-pile-dev")


def test_entity_f1_per_language(pile: Path) -> None:
    totals: dict[str, Score] = defaultdict(Score)
    for document in load_pile_gold(GOLD, SHARED):
        found = _entities(document.ref, document.text).entities
        assert all(document.text[m.start : m.end] == m.text for m in found)
        score, _, _ = score_document(document, found)
        totals[document.language].add(score)
        totals["all"].add(score)
    below = {
        lang: round(totals[lang].f1, 3)
        for lang, floor in FLOORS["f1"].items()
        if totals[lang].f1 < floor
    }
    assert not below, f"typed F1 below the floor: {below}"


def test_cross_script_aliases_on_the_pile(pile: Path) -> None:
    evidence = [_entities(p.name, p.read_text("utf-8")) for p in sorted(pile.glob("[0-9]*.txt"))]
    entity_of: dict[tuple[str, str], str] = {}
    for entity in reconcile_entities(evidence):
        for mention in entity.mentions:
            entity_of.setdefault((mention.document, normalise(mention.quote)), entity.name)
    score, wrong, _ = alias_pairs(pile_labels(GOLD), entity_of)
    assert score.precision >= FLOORS["alias_precision"], wrong
    assert score.recall >= FLOORS["alias_recall"]
