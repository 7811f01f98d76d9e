"""Reconciliation that follows the derived-from graph and reads money across
currencies: the copies nearest the origin set the consensus, a conflict says which
side is farther from the origin, one amount in two currencies is one claim."""

from __future__ import annotations

from indicia.reconcile.claims import derivation_depths, reconcile_claims
from indicia.records import (
    Amount,
    Derivation,
    DocumentEvidence,
    DocumentLink,
    Evidence,
    LinkResult,
    Origin,
    Quantity,
    SourceDocument,
    Story,
)


def _quantity(doc: str, text: str, surface: str, **fields: object) -> Quantity:
    start = text.index(surface)
    return Quantity(
        evidence=Evidence(doc, text, 0, len(text)),
        surface=surface,
        surface_start=start,
        surface_end=start + len(surface),
        **fields,  # type: ignore[arg-type]
    )


def _chain() -> LinkResult:
    """o is the origin; r1 rewrites o; r2, r3, r4 copy r1."""
    links = (
        DocumentLink("o", "s"),
        DocumentLink("r1", "s", derived_from=(Derivation("rewrite", document="o"),)),
        DocumentLink("r2", "s", duplicate_of="r1"),
        DocumentLink("r3", "s", derived_from=(Derivation("copy", document="r1"),)),
        DocumentLink("r4", "s", derived_from=(Derivation("rewrite", document="r3"),)),
    )
    story = Story("s", "one story", ("o", "r1", "r2", "r3", "r4"), (Origin("Outlet", ("o",)),), 1)
    return LinkResult(documents=links, stories=(story,))


def test_depths_count_steps_from_the_origin() -> None:
    assert derivation_depths(_chain()) == {"o": 0, "r1": 1, "r2": 2, "r3": 2, "r4": 3}


def test_consensus_follows_the_copy_nearest_the_origin() -> None:
    origin_text = "The total could reach 9,000 workers."
    rewrite_text = "More than 20,000 workers were sent."
    evidence = [
        DocumentEvidence("o", quantities=(
            _quantity("o", origin_text, "9,000 workers", value=9000, unit="people",
                      qualifier="up to", measure="workers sent abroad"),
        )),
    ] + [
        DocumentEvidence(doc, quantities=(
            _quantity(doc, rewrite_text, "More than 20,000 workers", value=20000,
                      unit="people", qualifier="over", measure="workers sent abroad"),
        ))
        for doc in ("r1", "r2", "r3", "r4")
    ]  # fmt: skip
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r2", "r3", "r4")]
    claims = reconcile_claims(_chain(), evidence, sources)
    first, second = claims[0], claims[1]
    # four rewrites do not outvote the origin
    assert (first.value, first.qualifier) == (9000, "up to")
    assert (second.value, second.qualifier) == (20000, "over")
    conflict = first.conflicts[0]
    assert conflict.farther == ("r1", "r2", "r3", "r4")
    assert "farther from the origin" in conflict.reason
    assert {e.document for e in conflict.evidence} == {"o", "r1"}


def test_one_amount_in_two_currencies_is_one_claim() -> None:
    a = "Each worker earned 70,000 roubles a month, about $760."
    b = "Each worker earned $760 a month."
    c = "Each worker earned 700 euros a month."
    evidence = [
        DocumentEvidence("o", quantities=(
            _quantity("o", a, "70,000 roubles a month, about $760", value=70000, unit="RUB",
                      per="month", measure="monthly pay", alternatives=("about $760",),
                      alternative_amounts=(Amount("$760", 760, None, None, "USD"),)),
        )),
        DocumentEvidence("r1", quantities=(
            _quantity("r1", b, "$760", value=760, unit="USD", per="month",
                      measure="monthly pay"),
        )),
        DocumentEvidence("r3", quantities=(
            _quantity("r3", c, "700 euros", value=700, unit="EUR", per="month",
                      measure="monthly pay"),
        )),
    ]  # fmt: skip
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r3")]
    claims = reconcile_claims(_chain(), evidence, sources)
    assert len(claims) == 1
    claim = claims[0]
    # the claim speaks in the origin's currency and keeps the others as alternatives
    assert (claim.value, claim.unit, claim.per, claim.conflicts) == (70000, "RUB", "month", ())
    assert {a.unit for a in claim.alternative_amounts} == {"USD", "EUR"}
    assert len(claim.evidence) == 3


def test_amounts_that_differ_once_converted_conflict() -> None:
    a = "Each worker earned $760 a month."
    b = "Each worker earned 7,600 euros a month."
    evidence = [
        DocumentEvidence("o", quantities=(
            _quantity("o", a, "$760", value=760, unit="USD", per="month", measure="monthly pay"),
        )),
        DocumentEvidence("r1", quantities=(
            _quantity("r1", b, "7,600 euros", value=7600, unit="EUR", per="month",
                      measure="monthly pay"),
        )),
    ]  # fmt: skip
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1")]
    claims = reconcile_claims(_chain(), evidence, sources)
    assert [(c.value, c.unit) for c in claims] == [(760, "USD"), (7600, "EUR")]
    assert claims[0].conflicts and claims[0].conflicts[0].farther == ("r1",)


def _deaths(doc: str, value: float, per: str | None = None) -> DocumentEvidence:
    text = f"In all {value:g} workers died."
    return DocumentEvidence(doc, quantities=(
        _quantity(doc, text, f"{value:g}", value=value, unit="people", per=per,
                  measure="deaths"),
    ))  # fmt: skip


def test_a_broad_measure_conflicts_only_where_one_figure_reads_two_ways() -> None:
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r2", "r3")]
    # a total and its breakdown are different figures of one broad measure: no conflict
    claims = reconcile_claims(_chain(), [_deaths("o", 6500), _deaths("r1", 1641)], sources)
    assert len(claims) == 2 and not any(c.conflicts for c in claims)
    # a slipped zero is one figure written two ways: a conflict, the farther copy named
    claims = reconcile_claims(_chain(), [_deaths("o", 6500), _deaths("r1", 65000)], sources)
    assert claims[0].value == 6500
    assert claims[0].conflicts and claims[0].conflicts[0].farther == ("r1",)
    # the same number per week and per day
    claims = reconcile_claims(
        _chain(), [_deaths("o", 12, "week"), _deaths("r2", 12, "week"), _deaths("r3", 12, "day")],
        sources,
    )  # fmt: skip
    assert (claims[0].value, claims[0].per) == (12, "week")
    assert claims[0].conflicts and claims[0].conflicts[0].farther == ("r3",)


def _dated_deaths(
    doc: str, value: float, period: str | None, per: str | None = None, qualifier: str | None = None
) -> DocumentEvidence:
    text = f"In all {value:g} workers died."
    return DocumentEvidence(doc, quantities=(
        _quantity(doc, text, f"{value:g}", value=value, unit="people", per=per,
                  qualifier=qualifier, measure="deaths", period=period),
    ))  # fmt: skip


def test_one_figure_written_two_ways_conflicts_across_periods() -> None:
    # copies give one total different years (the award, the report): a slipped zero
    # or a rate per day for per week is still a slip, not another period's figure
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r2", "r3")]
    claims = reconcile_claims(
        _chain(), [_dated_deaths("o", 6500, "2021"), _dated_deaths("r1", 65000, "2020")], sources
    )
    by_value = {c.value: c for c in claims}
    assert [x.claim for x in by_value[65000].conflicts] == [by_value[6500].id]
    assert [x.claim for x in by_value[6500].conflicts] == [by_value[65000].id]
    assert by_value[6500].conflicts[0].farther == ("r1",)
    # the rate: the cluster's period is the period its figures give, not its first's
    evidence = [_dated_deaths("o", 12, "2010", "week"), _dated_deaths("r1", 12, "2010"),
                _dated_deaths("r3", 12, None, "day")]  # fmt: skip
    claims = reconcile_claims(_chain(), evidence, sources)
    pers = {c.per: c for c in claims}
    assert set(pers) == {"week", "day"}
    assert [x.claim for x in pers["day"].conflicts] == [pers["week"].id]
    # a total and a different total of other years stay two figures
    claims = reconcile_claims(
        _chain(), [_dated_deaths("o", 6500, "2021"), _dated_deaths("r1", 5927, "2020")], sources
    )
    assert not any(c.conflicts for c in claims)


def test_a_total_reached_by_a_year_is_no_slip_of_a_count() -> None:
    # "400 deaths" so far and a forecast of "4,000 by 2022": ten times apart, but a
    # horizon and a count are two figures, dated or not
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r2", "r3")]
    for period in ("2022", None):
        evidence = [_dated_deaths("o", 400, period), _dated_deaths("r1", 400, period),
                    _dated_deaths("r3", 4000, "by 2022")]  # fmt: skip
        claims = reconcile_claims(_chain(), evidence, sources)
        assert {(c.value, c.period) for c in claims} == {(400, period), (4000, "by 2022")}
        assert not any(c.conflicts for c in claims)
    # two horizons of one year still show a slipped zero
    evidence = [_dated_deaths("o", 4000, "by 2022"), _dated_deaths("r1", 40000, "by 2022")]
    assert any(c.conflicts for c in reconcile_claims(_chain(), evidence, sources))


def test_round_figures_a_hundred_times_apart_are_two_figures() -> None:
    # "over 1,000 workers" at some plants and "100,000" in the country: one slipped
    # digit or separator makes ten or a thousand times, never a hundred
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r2", "r3")]
    claims = reconcile_claims(_chain(), [_deaths("o", 1000), _deaths("r1", 100000)], sources)
    assert len(claims) == 2 and not any(c.conflicts for c in claims)
    claims = reconcile_claims(_chain(), [_deaths("o", 6.5), _deaths("r1", 6500)], sources)
    assert any(c.conflicts for c in claims)


def test_figures_below_zero_agree_with_themselves() -> None:
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r2", "r3")]
    text = "It fell to -30 degrees."
    evidence = [
        DocumentEvidence(doc, quantities=(
            _quantity(doc, text, "-30 degrees", value=value, unit="celsius",
                      measure="temperature"),
        ))
        for doc, value in (("o", -30), ("r1", -31))
    ]  # fmt: skip
    [claim] = reconcile_claims(_chain(), evidence, sources)
    assert claim.value == -30 and len(claim.evidence) == 2


def test_a_bare_figure_holds_with_a_bound() -> None:
    # "300" and "over 300" in two copies are one figure, not a slip
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r2", "r3")]
    bare = [_dated_deaths("o", 300, "2021"), _dated_deaths("r1", 300, "2020", qualifier="over")]
    assert not any(c.conflicts for c in reconcile_claims(_chain(), bare, sources))


def test_one_distance_in_two_units_is_one_claim_and_a_far_one_conflicts() -> None:
    a = "The recruits were driven 600 miles to the port."
    b = "The recruits were driven 965 km to the port."
    c = "The recruits were driven 6,000 km to the port."
    evidence = [
        DocumentEvidence(doc, quantities=(
            _quantity(doc, text, surface, value=value, unit=unit, measure="distance travelled"),
        ))
        for doc, text, surface, value, unit in (
            ("o", a, "600 miles", 600, "miles"), ("r1", b, "965 km", 965, "km"),
            ("r3", c, "6,000 km", 6000, "km"),
        )
    ]  # fmt: skip
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r3")]
    claims = reconcile_claims(_chain(), evidence, sources)
    assert [(c.value, c.unit) for c in claims] == [(600, "miles"), (6000, "km")]
    # the copy in kilometres agrees once converted: an alternative of the origin's claim
    assert [(a.value, a.unit) for a in claims[0].alternative_amounts] == [(965, "km")]
    assert claims[0].conflicts and claims[0].conflicts[0].farther == ("r3",)


def test_temperatures_compare_in_one_scale() -> None:
    a = "The kiln floor reached 113°F."
    b = "The kiln floor reached 45°C."
    evidence = [
        DocumentEvidence("o", quantities=(
            _quantity("o", a, "113°F", value=113, unit="fahrenheit", measure="heat at work"),
        )),
        DocumentEvidence("r1", quantities=(
            _quantity("r1", b, "45°C", value=45, unit="celsius", measure="heat at work"),
        )),
    ]  # fmt: skip
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1")]
    claims = reconcile_claims(_chain(), evidence, sources)
    assert [(c.value, c.unit, c.conflicts) for c in claims] == [(113, "fahrenheit", ())]


def _counts(doc: str, text: str, *figures: tuple[str, float, str]) -> DocumentEvidence:
    return DocumentEvidence(doc, quantities=tuple(
        _quantity(doc, text, surface, value=value, unit="count", measure=measure,
                  counted=surface.split()[-1])
        for surface, value, measure in figures
    ))  # fmt: skip


def test_a_number_moved_to_another_noun_conflicts_on_a_broad_measure() -> None:
    origin = "The audit found 31 factories in 6 provinces."
    moved = "The audit found 6 factories."
    evidence = [
        _counts("o", origin, ("31 factories", 31, "factories"), ("6 provinces", 6, "")),
        _counts("r1", origin, ("31 factories", 31, "factories"), ("6 provinces", 6, "")),
        _counts("r3", moved, ("6 factories", 6, "factories")),
    ]
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r1", "r3")]
    claims = [c for c in reconcile_claims(_chain(), evidence, sources) if c.measure == "factories"]
    assert [c.value for c in claims] == [31, 6]
    assert claims[0].conflicts and claims[0].conflicts[0].farther == ("r3",)


def test_broad_figures_that_merely_differ_do_not_conflict() -> None:
    text = "The audit found 31 factories and 6 brands."
    evidence = [
        # beside a figure of another measure: that may be a misreading, not a copy's
        _counts("o", text, ("31 factories", 31, "factories"), ("6 brands", 6, "brands")),
        _counts("r3", "Police raided 6 factories.", ("6 factories", 6, "factories")),
    ]
    sources = [SourceDocument(d, d, "", "text") for d in ("o", "r3")]
    claims = reconcile_claims(_chain(), evidence, sources)
    assert [(c.value, c.conflicts) for c in claims if c.measure == "factories"] == [
        (31, ()), (6, ()),
    ]  # fmt: skip
