"""The cost of reading figures is bounded by design: counted in work, never in seconds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from indicia.extract import measures, quantities
from indicia.records import CleanDocument, SourceDocument, Span


def _counting(counts: Counter[str], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        counts[name] += 1
        return function(*args, **kwargs)

    return wrapper


def _work(monkeypatch: pytest.MonkeyPatch, text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for module, name in (
        (measures, "clause_of"),
        (measures, "clause_at"),
        (measures, "clauses"),
        (measures, "_nearest"),
        (quantities, "_read"),
        (quantities, "_match"),
    ):
        monkeypatch.setattr(module, name, _counting(counts, name, getattr(module, name)))
    source = SourceDocument("d", "d", "", "text", content=text)
    quantities.find_quantities(source, CleanDocument("d", text), [Span(0, len(text))])
    return counts


@pytest.mark.parametrize(
    "make",
    [
        # one sentence of a thousand counted figures
        lambda n: "They said " + ", ".join(f"{i} workers" for i in range(n)) + ".",
        # SVG path data leaking into a page
        lambda n: 'd="M' + " ".join(f"{i % 997}.5 {i % 613},{i % 7}" for i in range(n)) + '"',
        # ranges and money with alternatives
        lambda n: " ".join(f"${i}-${i + 1} (£{i}) a month" for i in range(n)),
    ],
)
def test_figures_of_one_sentence_cost_bounded_work(
    monkeypatch: pytest.MonkeyPatch, make: Callable[[int], str]
) -> None:
    small = sum(_work(monkeypatch, make(100)).values())
    large = sum(_work(monkeypatch, make(1000)).values())
    # ten times the numbers costs at most ten times the work (linear, or capped)
    assert large <= 10 * small
    # and never more than a fixed amount per number read
    assert large <= 400 * quantities.MAX_NUMBERS_PER_SENTENCE


def test_a_sentence_of_data_reads_a_bounded_number_of_figures() -> None:
    text = "They said " + ", ".join(f"{i} workers" for i in range(1000)) + "."
    source = SourceDocument("d", "d", "", "text", content=text)
    found = quantities.find_quantities(source, CleanDocument("d", text), [Span(0, len(text))])
    assert 0 < len(found) <= quantities.MAX_FIGURES_PER_SENTENCE
    assert all(text[q.surface_start : q.surface_end] == q.surface for q in found)


@pytest.mark.parametrize("name", ["units", "qualifiers_before", "qualifiers_after", "per", "nouns"])
def test_a_phrase_table_read_by_its_index_finds_what_a_scan_of_the_whole_table_finds(
    name: str,
) -> None:
    # Figures look phrases up by the word at hand (first word after, last word before);
    # the answer must be the one reading the whole table in its order gives, phrase by
    # phrase, and for words no phrase holds.
    from indicia.extract.numbers import tokenize

    table = quantities._nouns() if name == "nouns" else quantities._phrases(name)
    probes = [" ".join(phrase) for phrase, _ in table] + ["nothing here", "a b c"]
    for probe in probes:
        tokens = tokenize(f"x {probe} y")
        for position in range(len(tokens) + 1):
            scan = next(
                (item for item in table if quantities._match(tokens, position, item[0])), None
            )
            found = next(
                (
                    item
                    for item in quantities._starting(tokens, position, name)
                    if quantities._match(tokens, position, item[0])
                ),
                None,
            )
            assert found == scan, (probe, position)
            before = next(
                (
                    item
                    for item in table
                    if position - len(item[0]) >= 0
                    and quantities._match(tokens, position - len(item[0]), item[0])
                ),
                None,
            )
            ending = next(
                (
                    item
                    for item in quantities._ending(tokens, position, name)
                    if position - len(item[0]) >= 0
                    and quantities._match(tokens, position - len(item[0]), item[0])
                ),
                None,
            )
            assert ending == before, (probe, position)
