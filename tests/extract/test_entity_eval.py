"""The entity scorer: normalisation, alternatives, optional pairs, typed and untyped."""

from __future__ import annotations

import pytest

from entity_eval import LabelledDocument, Score, normalise, score_document
from indicia.records import EntityMention


@pytest.mark.parametrize(
    ("surface", "normal"),
    [
        ("Kim Jong-un", "Kim Jong un"),
        ("T - Mobile", "T Mobile"),
        ("Putin's", "Putin"),
        ("Putin’s", "Putin"),
        ("Mr Gunness", "Gunness"),
        ("the Kremlin", "Kremlin"),
        ("Professor Kang Dong-wan", "Kang Dong wan"),
        ("  BBC  News ", "BBC News"),
    ],
)
def test_normalise(surface: str, normal: str) -> None:
    assert normalise(surface) == normal


def _doc() -> LabelledDocument:
    return LabelledDocument(
        source="test",
        ref="x",
        split="dev",
        text="",
        entities=(
            (frozenset({"Kursk", "Kursk oblast"}), "place"),
            (frozenset({"Sergei Shoigu"}), "person"),
            (frozenset({"BBC"}), "organisation"),
        ),
        optional=((frozenset({"Getty Images"}), "*"),),
    )


def _m(text: str, kind: str) -> EntityMention:
    return EntityMention("x", text, text, kind, 0, len(text))


def test_score_counts_each_gold_pair_once() -> None:
    mentions = [
        _m("Kursk", "place"),
        _m("Kursk oblast", "place"),  # an alternative of the same pair: no second hit
        _m("Sergei Shoigu", "person"),
        _m("Getty Images", "organisation"),  # optional: neither hit nor miss
        _m("Undo", "organisation"),
    ]
    score, false_positives, misses = score_document(_doc(), mentions)
    assert (score.true_positives, score.false_positives, score.false_negatives) == (2, 1, 1)
    assert false_positives == ["Undo (organisation)"]
    assert misses == ["BBC (organisation)"]


def test_typed_and_untyped() -> None:
    mentions = [_m("BBC", "place")]
    typed, _, _ = score_document(_doc(), mentions, typed=True)
    untyped, _, _ = score_document(_doc(), mentions, typed=False)
    assert (typed.true_positives, typed.false_positives) == (0, 1)
    assert (untyped.true_positives, untyped.false_positives) == (1, 0)


def test_score_arithmetic() -> None:
    score = Score(true_positives=3, false_positives=1, false_negatives=2)
    assert score.precision == 0.75 and score.recall == 0.6
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score().precision == 1.0 and Score().recall == 1.0
    total = Score()
    total.add(score)
    total.add(score)
    assert total.true_positives == 6
