"""Figures read from their own words: clock ranges in words, the measure of a figure
from its own clause, who earns more than whom, and no measure made up from a noun.

The sentences are written for these tests (fresh wordings of the facts the example
corpus retells); `test_examples_measures` scores the example corpus itself against
tests/data/claims/examples.json, the development set the measure table was tuned on.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from indicia import clean, extract, ingest
from indicia.extract.quantities import find_quantities
from indicia.extract.sentences import split_sentences
from indicia.records import CleanDocument, Quantity, SourceDocument
from quantity_eval import measure_scores

REPO = Path(__file__).resolve().parents[2]
# A document context that names the country, as the measures of the table expect.
CONTEXT = "North Korean workers in Russia. "


def _quantities(text: str) -> tuple[Quantity, ...]:
    text = CONTEXT + text
    source = SourceDocument("d", "x.txt", "", "text", content=text)
    found = find_quantities(source, CleanDocument("d", text), split_sentences(text))
    return tuple(q for q in found if q.surface_start >= len(CONTEXT))


def _measures(text: str) -> dict[str, str]:
    return {q.surface: q.measure for q in _quantities(text)}


@pytest.mark.parametrize(
    ("text", "hours", "clock"),
    [
        ("Their shifts started at 7am and went on until 1am.", 18, "07:00-01:00"),
        ("The day began at seven in the morning and finished at eleven at night.", 16,
         "07:00-23:00"),
        ("Work ran from five in the morning to nine in the evening.", 16, "05:00-21:00"),
        ("Each day started at 6am and ended at 2am the next morning.", 20, "06:00-02:00"),
        ("The men said their day began at six in the morning and ended at two the next"
         " morning.", 20, "06:00-02:00"),
        ("They worked from 8 a.m. till 10 p.m.", 14, "08:00-22:00"),
        ("Shifts typically ran from 7 in the morning until 11 at night.", 16, "07:00-23:00"),
        ("A typical day started at 5am and lasted until midnight.", 19, "05:00-00:00"),
    ],
)  # fmt: skip
def test_clock_ranges_in_words_are_one_shift(text: str, hours: float, clock: str) -> None:
    found = _quantities(text)
    assert [(q.value, q.unit, q.clock) for q in found] == [(hours, "hours", clock)]
    assert found[0].measure == "shift length"


def test_clock_numbers_are_never_counts() -> None:
    text = "Six escapees told us the day began at six in the morning and ended at two the next."
    assert [q.value for q in _quantities(text) if q.unit == "people"] == [6]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seoul says up to 40,000 labourers could be sent in total, and that more than 9,000"
         " went last year.",
         {"40,000": "people expected in total",
          "9,000": "workers sent abroad"}),
        ("Officials think 30,000 may eventually be sent; 8,000 arrived in 2024.",
         {"30,000": "people expected in total",
          "8,000": "workers sent abroad"}),
        ("About 15 men fled in 2023, and as many as 60,000 more could follow them.",
         {"15": "escapes from worksites",
          "60,000": "people expected in total"}),
        ("Russian statistics show 11,000 North Koreans arrived in 2024, and 4,000 workers were"
         " dispatched for the Kursk rebuilding.",
         {"11,000": "people entering the country", "4,000": "workers sent for reconstruction"}),
    ],
)  # fmt: skip
def test_measure_comes_from_the_figures_own_clause(text: str, expected: dict[str, str]) -> None:
    assert _measures(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Workers from other countries earn four times as much.", 0.25),
        ("Other foreign workers on the site earned three times as much.", 1 / 3),
        ("Labourers from elsewhere took home five times what they did.", 0.2),
        ("The North Koreans earned four times less than their colleagues.", 0.25),
        ("They were paid five times less than other foreign labourers.", 0.2),
    ],
)
def test_pay_ratio_is_the_workers_own(text: str, value: float) -> None:
    [q] = _quantities(text)
    assert q.measure == "pay relative to other workers"
    assert q.unit == "times"
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "Their wages were higher than what local Russian builders earn.",
        "The pay is better than local wages.",
        "Their earnings beat local wages by a wide margin.",
    ],
)
def test_pay_above_local_wages_is_a_lower_bound(text: str) -> None:
    [q] = _quantities(text)
    assert (q.measure, q.low, q.high, q.unit) == ("pay relative to other workers", 1, None, "times")


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("More than 300 people came to the opening.", ""),
        ("Nine North Korean workers rebuilt the roof.", ""),
        ("Eight men who escaped described beatings.", ""),
        ("Eight men who fled the camps described beatings.", ""),
        ("We interviewed nine workers at the port.", "workers interviewed"),
        ("Seven workers who had left the sites spoke to our reporter.", "workers interviewed"),
        ("The repairs cost 3.1 million euros, paid by the city.", "cost"),
        ("Guards kept back $150 of each monthly wage until the end of the contract.",
         "monthly pay withheld until return"),
        ("Border data show 16,000 North Koreans crossing into Russia last year.",
         "people entering the country"),
        ("Twelve workers we interviewed described beatings.", "workers interviewed"),
        ("The loyalty fees took most of it, and $150 a month was held back until they went"
         " home.", "monthly pay withheld until return"),
    ],
)  # fmt: skip
def test_no_measure_is_made_up(text: str, measure: str) -> None:
    [q] = _quantities(text)
    assert q.measure == measure


def test_examples_measures() -> None:
    """Measure assignment on the example corpus (the development set): every labelled
    figure named right, and no figure named with a measure no label gives it."""
    labels_file = REPO / "tests" / "data" / "claims" / "examples.json"
    labels = [tuple(f) for f in json.loads(labels_file.read_text(encoding="utf-8"))["figures"]]
    paths = [str(p) for p in sorted((REPO / "examples" / "corpus").iterdir())]
    logging.disable(logging.WARNING)
    try:
        sources = [s for s in ingest.iter_documents(paths, ingest.IngestOptions())]
    finally:
        logging.disable(logging.NOTSET)
    by_id = {s.id: s for s in sources if s.status == "ok"}
    options = extract.ExtractOptions(indicators=False, entities=False)
    docs = []
    for c in clean.clean_documents(list(by_id.values()), clean.CleanOptions()):
        evidence = extract.extract_document(by_id[c.document_id], c, options)
        found = [(q.surface_start, q.surface_end, q.measure) for q in evidence.quantities]
        docs.append((Path(by_id[c.document_id].source_path).name, c.text, found))
    score = measure_scores(labels, docs)
    assert score.labelled >= 60
    assert score.measure_recall >= 0.95, score.misses
    assert score.wrong_names == 0, score.misses
    assert score.unnamed_right == score.unnamed, score.misses


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("Escapes have halved since 2021, from about 30 that year to about 15 last year.",
         {"halved": "since 2021", "30": "2021"}),
        ("In 2023 some 9,000 were sent, and 12,000 North Koreans entered Russia that same year.",
         {"9,000": "2023", "12,000": "2023"}),
        ("Around 14,000 North Koreans entered the country that year.", {"14,000": None}),
    ],
)  # fmt: skip
def test_that_year_is_the_year_written_before_it(text: str, periods: dict[str, str]) -> None:
    found = {q.surface: q.period for q in _quantities(text)}
    assert {k: found.get(k) for k in periods} == periods
