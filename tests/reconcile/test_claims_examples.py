"""Claims over the example corpus (our own retellings of one story, examples/corpus),
read as one story: the same fact said the other way round agrees, a copy that says
the opposite conflicts, and figures from two clauses of one sentence stay apart.

The link result is built here (files 01-05 are one story) so these tests do not
depend on the linker."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from indicia import clean, extract, ingest
from indicia.reconcile.claims import UNCLASSIFIED, reconcile_claims
from indicia.records import Claim, DocumentLink, LinkResult, Origin, SourceDocument, Story

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
PAY = "pay relative to other workers"


@pytest.fixture(scope="module")
def example() -> tuple[dict[str, str], tuple[Claim, ...]]:
    """Claims of files 01-05 as one story; and each file's name by document id."""
    paths = [
        str(p) for p in sorted(EXAMPLES.iterdir()) if p.name[:2] in {"01", "02", "03", "04", "05"}
    ]
    logging.disable(logging.WARNING)
    try:
        sources: list[SourceDocument] = list(ingest.iter_documents(paths, ingest.IngestOptions()))
    finally:
        logging.disable(logging.NOTSET)
    by_id = {s.id: s for s in sources}
    options = extract.ExtractOptions(indicators=False, entities=False)
    evidence = [
        extract.extract_document(by_id[c.document_id], c, options)
        for c in clean.clean_documents(sources, clean.CleanOptions())
    ]
    ids = tuple(by_id)
    link = LinkResult(
        documents=tuple(DocumentLink(d, "s-ex") for d in ids),
        stories=(Story("s-ex", "examples", ids, (Origin("Example Ledger", ids),), 1),),
    )
    names = {s.id: Path(s.source_path).name[:2] for s in sources}
    return names, reconcile_claims(link, evidence, sources)


def _files(names: dict[str, str], claim: Claim) -> set[str]:
    return {names[e.document] for e in claim.evidence}


def test_five_times_less_and_others_five_times_as_much_agree(
    example: tuple[dict[str, str], tuple[Claim, ...]],
) -> None:
    names, claims = example
    [ratio] = [c for c in claims if c.measure == PAY and c.value is not None]
    assert ratio.value == pytest.approx(0.2)
    # 01 and 04 say "five times less"; 02 and 03 say the others get five times as much
    assert {"01", "02", "03", "04"} <= _files(names, ratio)


def test_pay_above_local_wages_conflicts_with_five_times_less(
    example: tuple[dict[str, str], tuple[Claim, ...]],
) -> None:
    names, claims = example
    [above] = [c for c in claims if c.measure == PAY and c.value is None]
    assert (above.low, above.high, _files(names, above)) == (1, None, {"05"})
    [ratio] = [c for c in claims if c.measure == PAY and c.value is not None]
    assert [c.claim for c in above.conflicts] == [ratio.id]
    assert [c.claim for c in ratio.conflicts] == [above.id]


def test_forecast_and_yearly_figures_of_one_sentence_do_not_conflict(
    example: tuple[dict[str, str], tuple[Claim, ...]],
) -> None:
    _, claims = example
    total = [c for c in claims if c.measure == "people expected in total"]
    assert [c.value for c in total] == [50_000]
    assert not total[0].conflicts
    sent = [c for c in claims if c.measure == "workers sent abroad"]
    assert [(c.value, c.period) for c in sent] == [(10_000, "2024")]
    assert not any(c.value == 50_000 for c in claims if "escape" in c.measure)


def test_clock_words_make_a_shift_not_a_head_count(
    example: tuple[dict[str, str], tuple[Claim, ...]],
) -> None:
    names, claims = example
    interviewed = [c for c in claims if c.measure == "workers interviewed"]
    assert [c.value for c in interviewed] == [6]
    assert not interviewed[0].conflicts
    shifts = [c for c in claims if c.measure == "shift length" and c.clock]
    assert shifts and "04" in _files(names, shifts[0])


def test_no_made_up_measures(example: tuple[dict[str, str], tuple[Claim, ...]]) -> None:
    _, claims = example
    known = {
        "shift length", "days off per year", "workers interviewed", PAY,
        "people expected in total", "workers sent abroad",
        "people entering the country", "workers sent for reconstruction",
        "monthly pay withheld until return", "escapes from worksites", UNCLASSIFIED,
    }  # fmt: skip
    assert {c.measure for c in claims} <= known
    # "Six men who escaped describe the work" (02): not said to be the reporter's
    # interviewees, so it is kept, unnamed
    assert any(c.measure == UNCLASSIFIED and c.value == 6 for c in claims)
