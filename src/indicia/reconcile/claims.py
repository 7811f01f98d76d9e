"""Claims per story: the figures the copies of one story give for the same measure
and period, with a consensus, the range, who gives them, how many independent
origins support them, and where they disagree.

1. Relative periods left open by extraction ("last year" in an undated copy) are
   resolved with the copy's own date, else the earliest date among the story's
   copies; with no date at all they stay as written, marked "(undated)".
2. Quantities with a measure are grouped by (story, measure, period, unit). A figure
   without any period joins the one group of its measure and unit when there is
   exactly one and it agrees with it; otherwise it is a claim of its own.
3. Each figure is read as an interval ("over 18" is [18, 27], "about 20" is
   [16, 24], an exact figure allows 10% for rounding, "outpacing local wages" is
   (1, inf) times). Within a group, figures whose intervals meet form one claim;
   the largest cluster (by origins, then documents) is the consensus claim, and each
   other cluster becomes a claim of its own with a conflict naming both quotes. A
   figure reached by a year ("by 2022": a forecast, a target) is of another period
   than a count, and never one figure written two ways with it.
4. A figure whose measure extraction could not name is a claim of measure
   "unclassified", grouped only with the very same figure (unit, value, period) in
   other copies; it never takes part in a conflict. These rank after named measures.
5. `independent_sources` counts origins through the link stage (copies and rewrites
   of one origin count once), as the indicator findings do.

Claim ids are stable: a hash of story, measure, period and unit (plus the figure for
a dissenting cluster). Nothing here re-reads text; quotes come from extraction.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, TypeVar

import numpy as np

from indicia.data import load_json
from indicia.reconcile.indicators import document_origins
from indicia.records import (
    UNCLASSIFIED,
    Amount,
    Claim,
    Conflict,
    DocumentEvidence,
    DocumentLink,
    Evidence,
    LinkResult,
    Quantity,
    SourceDocument,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

# How far a figure may stray and still be "the same" figure, by qualifier.
_EXACT_SLACK = 0.10
_ABOUT_SLACK = 0.20
_LOWER_BOUND = frozenset(("over", "at least"))
_UPPER_BOUND = frozenset(("up to", "under"))
_APPROXIMATE = frozenset(("about", "nearly"))
_BOUND_REACH = 1.5


@dataclass(frozen=True)
class _Figure:
    quantity: Quantity
    document: str
    origin: str
    period: str | None
    order: int
    depth: int = 0  # derivation steps from the story's origin (0: an origin copy)
    factor: float = 1.0  # to US dollars, for money; to its dimension's base unit, for a
    # measuring unit (miles, kg); 1 for every other unit
    offset: float = 0.0  # added after `factor`: degrees Fahrenheit to Celsius
    measured: bool = False  # the unit measures a dimension: it converts exactly

    @property
    def interval(self) -> tuple[float, float]:
        low, high = interval(self.quantity)
        if self.measured:
            return low * self.factor + self.offset, high * self.factor + self.offset
        if self.factor == 1.0:
            return low, high
        # money in another currency compares in US dollars, with the table's tolerance
        reach = _rates()[1]
        return low * self.factor / reach, high * self.factor * reach


@dataclass
class _Cluster:
    figures: list[_Figure] = field(default_factory=list)

    def origins(self) -> set[str]:
        return {f.origin for f in self.figures}

    def documents(self) -> set[str]:
        return {f.document for f in self.figures}

    def depth(self) -> int:
        return min(f.depth for f in self.figures)


@cache
def _rates() -> tuple[dict[str, float], float]:
    table: dict[str, Any] = load_json("currency_rates.json")
    return {k: float(v) for k, v in table["usd_per_unit"].items()}, float(table["tolerance"])


_MONEY = "money"  # the group of every currency: amounts compare once converted
_MEASURED = "dimension:"  # + "length": the group of every unit of one dimension


def _is_money(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper() and unit.isalpha()


@cache
def _dimensions() -> dict[str, tuple[str, float, float]]:
    table: dict[str, Any] = load_json("units.json")
    return {unit: (str(d), float(f), float(o)) for unit, (d, f, o) in table["dimensions"].items()}


def _group_unit(unit: str, money: bool) -> str:
    """The unit figures are grouped by: every currency is one group, every unit of one
    dimension (miles, km) another, any other unit its own."""
    if money:
        return _MONEY
    dimension = _dimensions().get(unit)
    return f"{_MEASURED}{dimension[0]}" if dimension else unit


def _converts(unit: str) -> bool:
    """Whether a claim's figures may be in several units (currencies, or units of one
    dimension), the claim speaking in that of its copy nearest the origin."""
    return _is_money(unit) or unit in _dimensions()


def _to_usd(q: Quantity) -> float | None:
    """US dollars per unit of the quantity's currency: from the copy's own stated
    equivalence ("50,000 roubles, about $550") first, else the rate table."""
    if q.unit == "USD":
        return 1.0
    for amount in q.alternative_amounts:
        if amount.unit == "USD":
            mine = q.value if q.value is not None else q.high
            theirs = amount.value if amount.value is not None else amount.high
            if mine and theirs:
                return theirs / mine
    return _rates()[0].get(q.unit)


def derivation_depths(link: LinkResult) -> dict[str, int]:
    """How many copy or rewrite steps each document is from its story's origin: 0
    for a document the link stage names as an origin copy (or one with no known
    parent), one more for each step down the derived-from graph."""
    origin_docs = {d for story in link.stories for o in story.origins for d in o.documents}
    links = {d.document_id: d for d in link.documents}
    depths: dict[str, int] = {}
    for doc in links:
        path: list[str] = []
        current: str | None = doc
        anchor = -1  # the depth of the document above the path (-1: the path has a root)
        while current is not None:
            if current in depths:
                anchor = depths[current]
                break
            if current in origin_docs and current not in path:
                depths[current] = 0
                anchor = 0
                break
            if current in path:
                break  # a cycle of copies: its members count from the first seen
            path.append(current)
            record = links.get(current)
            current = None if record is None else _parent(record)
        for k, member in enumerate(path):
            depths[member] = anchor + len(path) - k
    return depths


def _parent(record: DocumentLink) -> str | None:
    if record.duplicate_of:
        return record.duplicate_of
    return next(
        (d.document for d in record.derived_from if d.document and d.relation != "cites"),
        None,
    )


def interval(q: Quantity) -> tuple[float, float]:
    """The values a quantity allows, given its qualifier (low first, below zero too:
    "-30°C" allows -33 to -27)."""
    low, high = _interval(q)
    return (low, high) if low <= high else (high, low)


def _interval(q: Quantity) -> tuple[float, float]:
    if q.value is None:
        low = q.low if q.low is not None else 0.0
        high = q.high if q.high is not None else math.inf
        if q.low is not None and q.high is not None:
            return low * (1 - _EXACT_SLACK), high * (1 + _EXACT_SLACK)
        # a comparison ("more than local wages") excludes its bound
        return low * (1 + 1e-9), high * (1 - 1e-9)
    v = q.value
    if q.unit == "year":
        return v, v  # a calendar year is exact: 2018 is not "about" 2019
    # "over 50,000" means a figure a little above 50,000, not any figure above it
    if q.qualifier in _LOWER_BOUND:
        return v, v * _BOUND_REACH
    if q.qualifier in _UPPER_BOUND:
        return v / _BOUND_REACH, v
    slack = _ABOUT_SLACK if q.qualifier in _APPROXIMATE else _EXACT_SLACK
    return v * (1 - slack), v * (1 + slack)


def _meets(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@cache
def _broad_measures() -> frozenset[str]:
    table: dict[str, Any] = load_json("measures.json")
    return frozenset(e["measure"] for e in table["measures"] if e.get("broad"))


def _one_figure_two_ways(mine: _Cluster, theirs: _Cluster) -> bool:
    """Whether two clusters of a broad measure look like one figure written two ways:
    ten or a thousand times apart (a slipped digit or separator: 6,500 against
    65,000), the same number per day against per week, or 'up to' against 'over'."""
    a, b = _representative(mine).quantity, _representative(theirs).quantity
    va = a.value if a.value is not None else a.high
    vb = b.value if b.value is not None else b.high
    if not va or not vb:
        return False
    ratio = max(va, vb) / min(va, vb)
    # one slip: a digit too many (6,500 and 65,000) or a separator read as a decimal
    # mark (6.500 and 6.5); two round figures a hundred times apart (1,000 workers at
    # some plants, 100,000 in the country) are two figures, not one mistyped
    if any(abs(ratio - 10**k) <= 0.02 * 10**k for k in (1, 3)):
        return True
    if ratio <= 1.02:
        # "up to 500" against "over 500"; a bare 500 holds with either
        bounds = {a.qualifier in _LOWER_BOUND, b.qualifier in _LOWER_BOUND}
        opposed = bounds == {True, False} and (
            a.qualifier in _UPPER_BOUND or b.qualifier in _UPPER_BOUND
        )
        return _per_of(mine) != _per_of(theirs) or opposed
    return False


def _per_of(cluster: _Cluster) -> str | None:
    """The rate period of a cluster: its figures agree on it, or give none."""
    return next((f.quantity.per for f in cluster.figures if f.quantity.per), None)


def reconcile_claims(
    link: LinkResult, evidence: Sequence[DocumentEvidence], sources: Sequence[SourceDocument]
) -> tuple[Claim, ...]:
    story_of = {d.document_id: d.story_id for d in link.documents}
    origin_of = document_origins(link)
    depth_of = derivation_depths(link)
    published = {s.id: s.published for s in sources}
    story_dates: dict[str, list[str]] = defaultdict(list)
    for doc, story in story_of.items():
        if published.get(doc):
            story_dates[story].append(published[doc] or "")

    groups: dict[tuple[str, str, str | None, str], list[_Figure]] = defaultdict(list)
    loose: list[tuple[str, _Figure]] = []
    unclassified: dict[tuple[str, str, float | None, float | None, float | None, str | None],
                       list[_Figure]] = defaultdict(list)  # fmt: skip
    order = 0
    for doc_evidence in evidence:
        doc = doc_evidence.document_id
        story = story_of.get(doc, "document:" + doc)
        for q in doc_evidence.quantities:
            period = _period(q, published.get(doc), story_dates.get(story, []))
            factor = _to_usd(q) if _is_money(q.unit) else None
            dimension = _dimensions().get(q.unit)
            figure = _Figure(
                q, doc, origin_of.get(doc, "document:" + doc), period, order,
                depth_of.get(doc, 0), factor or 1.0,
            )  # fmt: skip
            if dimension is not None:
                figure = replace(figure, factor=dimension[1], offset=dimension[2], measured=True)
            group_unit = _group_unit(q.unit, factor is not None)
            order += 1
            if not q.measure:
                # a figure of no known measure is only "the same" as the very same figure
                unclassified[(story, q.unit, q.value, q.low, q.high, period)].append(figure)
            elif period is None:
                loose.append((story, figure))
            else:
                groups[(story, q.measure, period, group_unit)].append(figure)

    # the dated groups of each (story, measure, unit), found once: the loop below adds
    # only undated groups, so they stay as they are
    dated_groups: dict[tuple[str, str, str], list[tuple[str, str, str | None, str]]] = defaultdict(
        list
    )
    for k in groups:
        if k[2] is not None and not k[2].endswith("(undated)"):
            dated_groups[(k[0], k[1], k[3])].append(k)
    for story, figure in loose:
        q = figure.quantity
        unit = _group_unit(q.unit, _is_money(q.unit) and (figure.factor != 1.0 or q.unit == "USD"))
        dated = dated_groups.get((story, q.measure or "", unit), [])
        if len(dated) == 1 and any(_meets(figure.interval, f.interval) for f in groups[dated[0]]):
            groups[dated[0]].append(figure)
        else:
            groups[(story, q.measure, None, unit)].append(figure)

    story_rank = {s.id: i for i, s in enumerate(link.stories)}
    ranked: list[tuple[tuple[int, str, bool, int, int, str, int], Claim]] = []
    beside = _sentence_figures(evidence)
    built = {key: _claims_for(key, figures, beside) for key, figures in groups.items()}
    for group in _across_periods(built, beside).values():
        # a measure's claims stay together, its consensus (nearest the origin) first
        head = group[0]
        for index, claim in enumerate(group):
            ranked.append(((story_rank.get(claim.story, len(story_rank)), claim.story,
                            False, -head.independent_sources, -len(head.evidence),
                            claim.measure, index), claim))  # fmt: skip
    for (story, unit, *_, period), figures in unclassified.items():
        cluster = _Cluster(figures)
        claim_id = _claim_id(story, UNCLASSIFIED, period, unit, _signature(cluster))
        claim = _claim(claim_id, story, UNCLASSIFIED, period, unit, cluster, ())
        ranked.append(((story_rank.get(story, len(story_rank)), story, True,
                        -claim.independent_sources, -len(claim.evidence), UNCLASSIFIED, 0),
                       claim))  # fmt: skip
    ranked.sort(key=lambda item: item[0])
    return tuple(claim for _, claim in ranked)


def _period(q: Quantity, own_date: str | None, story_dates: list[str]) -> str | None:
    if q.period is not None or q.period_relative is None:
        return q.period
    date = own_date or (min(story_dates) if story_dates else None)
    if date and date[:4].isdigit():
        return str(int(date[:4]) + q.period_relative)
    return f"{q.period_text or 'relative'} (undated)"


def _clusters(figures: list[_Figure]) -> list[_Cluster]:
    """Clusters of figures that agree, largest support first.

    Greedy: each round, the anchor whose agreeing figures have the best support (the
    first read among equals) takes them as a cluster. Anchors with the same interval and
    rate agree with the same figures, so each is tried once; the agreement of one
    anchor with every figure left is one array comparison, so a story of thousands of
    copies costs rounds times distinct figures, not their cube in Python.
    """
    remaining = sorted(figures, key=lambda f: f.order)
    intervals = [f.interval for f in remaining]
    low = np.array([i[0] for i in intervals], dtype=float)
    high = np.array([i[1] for i in intervals], dtype=float)
    rates: dict[str | None, int] = {None: -1}
    per = np.array([rates.setdefault(f.quantity.per, len(rates)) for f in remaining])
    depth = np.array([f.depth for f in remaining])
    origin = np.array(_codes(f.origin for f in remaining))
    document = np.array(_codes(f.document for f in remaining))
    valued = np.array([f.quantity.value is not None for f in remaining])
    left = np.ones(len(remaining), dtype=bool)
    clusters: list[_Cluster] = []
    while left.any():
        best: tuple[tuple[int, int, int, int], np.ndarray] | None = None
        tried: set[tuple[float, float, int]] = set()
        for i in np.flatnonzero(left):
            key = (float(low[i]), float(high[i]), int(per[i]))
            if key in tried:
                continue
            tried.add(key)
            # two figures agree: their intervals meet and their rates do not differ
            # ("12 a week" and "12 a day" are two figures)
            agree = left & (low <= high[i]) & (low[i] <= high)
            rate = per[i]
            if rate == -1:
                # a figure without a rate joins one rate's figures, never two at once
                rated = per[agree & (per != -1)]
                if rated.size:
                    values, counts = np.unique(rated, return_counts=True)
                    rate = values[int(np.argmax(counts))]
            if rate != -1:
                agree &= (per == -1) | (per == rate)
            agree[i] = True  # an anchor is always in its own cluster
            members = np.flatnonzero(agree)
            support = _support_of(members, depth, origin, document, valued)
            if best is None or support > best[0]:
                best = (support, members)
        assert best is not None
        clusters.append(_Cluster([remaining[j] for j in best[1]]))
        left[best[1]] = False
    return clusters


def _codes(values: Iterable[str]) -> list[int]:
    numbered: dict[str, int] = {}
    return [numbered.setdefault(v, len(numbered)) for v in values]


def _support_of(
    members: np.ndarray,
    depth: np.ndarray,
    origin: np.ndarray,
    document: np.ndarray,
    valued: np.ndarray,
) -> tuple[int, int, int, int]:
    """How well a cluster (these members of `_clusters`' arrays) is supported: the copies
    nearest the origin first, then independent origins, then copies: rewrites of one
    report do not outvote the copy closest to it. Figures with a value go before bare
    comparisons when support is equal."""
    return (
        -int(depth[members].min()),
        len(np.unique(origin[members])),
        len(np.unique(document[members])),
        int(valued[members].sum()),
    )


_Key = tuple[str, str, str | None, str]


def _across_periods(
    built: dict[_Key, tuple[list[Claim], list[_Cluster]]], beside: _Beside | None = None
) -> dict[_Key, list[Claim]]:
    """Claims per group, with conflicts between groups of one measure that differ only
    in period when their figures look like one figure written two ways (6,500 dated
    2021 against 65,000 dated 2020; 12 a day against 12 a week) or one number moved to
    another noun (see _moved): periods read from copies are noisy, and such a pair
    is a slip, not two periods."""
    claims = {key: list(group) for key, (group, _) in built.items()}
    keys = sorted(built, key=lambda k: (k[0], k[1], k[3], k[2] or ""))
    counted = {key: [_counted_beside(c, beside or {}) for c in built[key][1]] for key in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if (a[0], a[1], a[3]) != (b[0], b[1], b[3]):
                break
            if _horizon(a[2]) != _horizon(b[2]):
                continue  # a total reached by a year (a forecast) against a count
            for x, mine in enumerate(built[a][1]):
                for y, theirs in enumerate(built[b][1]):
                    slip = _one_figure_two_ways(mine, theirs)
                    moved = _moved(mine, counted[b][y]) or _moved(theirs, counted[a][x])
                    if not (slip or moved):
                        continue
                    left, right = claims[a][x], claims[b][y]
                    claims[a][x] = replace(
                        left, conflicts=(*left.conflicts, _conflict(right.id, mine, theirs))
                    )
                    claims[b][y] = replace(
                        right, conflicts=(*right.conflicts, _conflict(left.id, theirs, mine))
                    )
    return claims


def _horizon(period: str | None) -> bool:
    """Whether a period is a year a figure is reached by ("by 2022", as extraction
    writes it): a forecast or a target, or a total up to then, never a slip of a
    count of another period ("400 deaths so far" and "4,000 by 2022")."""
    return bool(period and period.startswith("by "))


_Beside = dict[tuple[str, int], list[Quantity]]


def _sentence_figures(evidence: Sequence[DocumentEvidence]) -> _Beside:
    """Every figure by (document, start of its sentence)."""
    beside: _Beside = defaultdict(list)
    for doc_evidence in evidence:
        for q in doc_evidence.quantities:
            beside[(doc_evidence.document_id, q.evidence.start)].append(q)
    return beside


def _counted_beside(cluster: _Cluster, beside: _Beside) -> frozenset[float]:
    """The numbers that, in the sentences of the cluster's figures, count a thing
    extraction named and no measure fits ("9" of "27 factories in 9 provinces")."""
    return frozenset(
        o.value
        for figure in cluster.figures
        for o in beside.get((figure.document, figure.quantity.evidence.start), ())
        if o is not figure.quantity and not o.measure and o.counted and o.value is not None
        and o.unit in _COUNTED
    )  # fmt: skip


def _moved(mine: _Cluster, counted_beside_theirs: frozenset[float]) -> bool:
    """Whether a copy gives `mine`'s number to the measure where another copy counts
    something else with it beside the other cluster's figures (`counted_beside_theirs`,
    see _counted_beside): "27 factories in 9 provinces" read elsewhere as "9
    factories". A broad measure's figures that merely differ are no conflict; a number
    moved from one noun to another is. Only a count of a thing no measure fits counts:
    a figure of another measure beside it may be one extraction misread, not a copy."""
    q = _representative(mine).quantity
    return q.value is not None and q.unit in _COUNTED and q.value in counted_beside_theirs


_COUNTED = frozenset(("people", "count"))


def _claims_for(
    key: _Key, figures: list[_Figure], beside: _Beside | None = None
) -> tuple[list[Claim], list[_Cluster]]:
    """The claims of one group and the cluster behind each."""
    story, measure, period, unit = key
    clusters = _clusters(figures)
    if unit == _MONEY or unit.startswith(_MEASURED):
        # amounts in several currencies or units: the claim speaks in the unit of its
        # copy nearest the origin, and keeps the others as alternatives
        unit = _nearest(clusters[0]).quantity.unit
    base_id = _claim_id(story, measure, period, unit)
    ids = [base_id] + [_claim_id(story, measure, period, unit, _signature(c)) for c in clusters[1:]]
    claims = []
    broad = measure in _broad_measures()
    counted = [_counted_beside(c, beside or {}) for c in clusters] if broad else []
    for index, cluster in enumerate(clusters):
        conflicts = tuple(
            _conflict(ids[other], cluster, clusters[other])
            for other in range(len(clusters))
            if other != index
            and (
                not broad
                or _one_figure_two_ways(cluster, clusters[other])
                or _moved(cluster, counted[other])
                or _moved(clusters[other], counted[index])
            )
        )
        claims.append(_claim(ids[index], story, measure, period, unit, cluster, conflicts))
    return claims, clusters


def _signature(cluster: _Cluster) -> str:
    # the figures themselves, so two clusters (or two unclassified figures) never share an id
    written = sorted({f.quantity.surface.lower() for f in cluster.figures})
    values = sorted(
        {f"{f.quantity.value}/{f.quantity.low}/{f.quantity.high}" for f in cluster.figures}
    )
    return "|".join(written + values)


def _claim_id(story: str, measure: str, period: str | None, unit: str, extra: str = "") -> str:
    digest = hashlib.sha256(f"{story}\x1f{measure}\x1f{period}\x1f{unit}\x1f{extra}".encode())
    return "c-" + digest.hexdigest()[:12]


def _claim(
    claim_id: str,
    story: str,
    measure: str,
    period: str | None,
    unit: str,
    cluster: _Cluster,
    conflicts: tuple[Conflict, ...],
) -> Claim:
    if _converts(unit):
        # the claim speaks in the currency or unit of its copy nearest the origin
        unit = _nearest(cluster).quantity.unit
        others = [f for f in cluster.figures if f.quantity.unit != unit]
        mine = [f for f in cluster.figures if f.quantity.unit == unit]
        amounts = tuple(_amount(f.quantity) for f in others)
    else:
        mine, amounts = cluster.figures, ()
    quantities = [f.quantity for f in mine]
    values = [q.value for q in quantities if q.value is not None]
    value = _mode(values)
    ranges = [q for q in quantities if q.value is None and q.low is not None and q.high is not None]
    points = values + [b for q in ranges for b in (q.low, q.high) if b is not None]
    if points:
        low: float | None = min(points)
        high: float | None = max(points)
        if low == high and value is not None:
            low = high = None
    else:
        # only one-sided comparisons ("less than other workers"): keep their bounds
        lows = [q.low for q in quantities if q.low is not None]
        highs = [q.high for q in quantities if q.high is not None]
        low = max(lows) if lows else None
        high = min(highs) if highs else None
    qualifier = _mode(
        [q.qualifier for q in quantities if q.qualifier and (value is None or q.value == value)]
    )
    return Claim(
        id=claim_id,
        story=story,
        measure=measure,
        value=value,
        low=low,
        high=high,
        unit=unit,
        qualifier=qualifier,
        period=period,
        attributed_to=_joined(q.attributed_to for q in quantities),
        evidence=_evidence(cluster.figures),
        independent_sources=len(cluster.origins()),
        conflicts=conflicts,
        per=_mode([q.per for q in quantities if q.per]),
        change=_joined(q.change for q in quantities),
        alternatives=tuple(
            dict.fromkeys(
                [a for q in quantities for a in q.alternatives] + [a.text for a in amounts]
            )
        ),
        clock=_mode([q.clock for q in quantities if q.clock]),
        alternative_amounts=tuple(
            dict.fromkeys([a for q in quantities for a in q.alternative_amounts] + list(amounts))
        ),
        counted=_mode([q.counted for q in quantities if q.counted]),
    )


def _nearest(cluster: _Cluster) -> _Figure:
    """The figure of the copy nearest the origin (the first read among equals)."""
    return min(cluster.figures, key=lambda f: (f.depth, f.order))


def _amount(q: Quantity) -> Amount:
    return Amount(q.surface, q.value, q.low, q.high, q.unit)


def _conflict(other_id: str, mine: _Cluster, theirs: _Cluster) -> Conflict:
    a, b = _representative(mine), _representative(theirs)
    reason = f"{_describe(mine)} against {_describe(theirs)}"
    farther: tuple[str, ...] = ()
    if mine.depth() != theirs.depth():
        far, near = (mine, theirs) if mine.depth() > theirs.depth() else (theirs, mine)
        farther = tuple(sorted(far.documents()))
        reason += (
            f"; the copies of {_describe_short(far)} are farther from the origin "
            f"({far.depth()} step{'s' if far.depth() != 1 else ''} against {near.depth()})"
        )
    return Conflict(claim=other_id, reason=reason, evidence=(_quote(a), _quote(b)), farther=farther)


def _describe_short(cluster: _Cluster) -> str:
    return ", ".join(dict.fromkeys(f'"{f.quantity.surface}"' for f in cluster.figures))


def _representative(cluster: _Cluster) -> _Figure:
    """The figure that states the cluster best: one with a number, else the first."""
    return next((f for f in cluster.figures if f.quantity.value is not None), cluster.figures[0])


def _describe(cluster: _Cluster) -> str:
    """'0.2 times ("five times less", "five times as much"; 3 documents)': the
    normalised figure first, since a surface can say it the other way round."""
    q = _representative(cluster).quantity
    if q.value is not None:
        figure = f"{q.qualifier + ' ' if q.qualifier else ''}{_number(q.value, q.unit)}"
    elif q.low is not None and q.high is not None:
        figure = f"{_number(q.low, q.unit)}-{_number(q.high, q.unit)}"
    elif q.low is not None:
        figure = f"more than {_number(q.low, q.unit)}"
    else:
        figure = f"less than {_number(q.high, q.unit)}" if q.high is not None else "?"
    written = ", ".join(dict.fromkeys(f'"{f.quantity.surface}"' for f in cluster.figures))
    docs = len(cluster.documents())
    return f"{figure} {q.unit} ({written}; {docs} document{'s' if docs != 1 else ''})"


def _number(value: float, unit: str = "") -> str:
    """50000 -> "50,000", 0.2 -> "0.2": never scientific notation in a reason; a
    calendar year stays 2019."""
    if unit == "year":
        return f"{value:g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _quote(figure: _Figure) -> Evidence:
    ev = figure.quantity.evidence
    return Evidence(figure.document, ev.quote, ev.start, ev.end)


def _evidence(figures: Iterable[_Figure]) -> tuple[Evidence, ...]:
    seen: dict[tuple[str, int, int], Evidence] = {}
    for figure in figures:
        ev = _quote(figure)
        seen.setdefault((ev.document, ev.start, ev.end), ev)
    return tuple(seen.values())


def _mode(items: Sequence[T]) -> T | None:
    if not items:
        return None
    counts = Counter(items)
    top = max(counts.values())
    return next(item for item in items if counts[item] == top)


def _joined(items: Iterable[str | None]) -> str | None:
    counts = Counter(i for i in items if i)
    if not counts:
        return None
    return "; ".join(name for name, _ in counts.most_common())
