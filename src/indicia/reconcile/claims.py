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
   other cluster becomes a claim of its own with a conflict naming both quotes.
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
from dataclasses import dataclass, field
from typing import TypeVar

from indicia.reconcile.indicators import document_origins
from indicia.records import (
    UNCLASSIFIED,
    Claim,
    Conflict,
    DocumentEvidence,
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

    @property
    def interval(self) -> tuple[float, float]:
        return interval(self.quantity)


@dataclass
class _Cluster:
    figures: list[_Figure] = field(default_factory=list)

    def origins(self) -> set[str]:
        return {f.origin for f in self.figures}

    def documents(self) -> set[str]:
        return {f.document for f in self.figures}


def interval(q: Quantity) -> tuple[float, float]:
    """The values a quantity allows, given its qualifier."""
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


def reconcile_claims(
    link: LinkResult, evidence: Sequence[DocumentEvidence], sources: Sequence[SourceDocument]
) -> tuple[Claim, ...]:
    story_of = {d.document_id: d.story_id for d in link.documents}
    origin_of = document_origins(link)
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
            figure = _Figure(q, doc, origin_of.get(doc, "document:" + doc), period, order)
            order += 1
            if not q.measure:
                # a figure of no known measure is only "the same" as the very same figure
                unclassified[(story, q.unit, q.value, q.low, q.high, period)].append(figure)
            elif period is None:
                loose.append((story, figure))
            else:
                groups[(story, q.measure, period, q.unit)].append(figure)

    for story, figure in loose:
        q = figure.quantity
        same = [k for k in groups if k[0] == story and k[1] == q.measure and k[3] == q.unit]
        dated = [k for k in same if k[2] is not None and not k[2].endswith("(undated)")]
        if len(dated) == 1 and any(_meets(figure.interval, f.interval) for f in groups[dated[0]]):
            groups[dated[0]].append(figure)
        else:
            groups[(story, q.measure, None, q.unit)].append(figure)

    claims: list[Claim] = []
    for key, figures in groups.items():
        claims.extend(_claims_for(key, figures))
    for (story, unit, *_, period), figures in unclassified.items():
        cluster = _Cluster(figures)
        claim_id = _claim_id(story, UNCLASSIFIED, period, unit, _signature(cluster))
        claims.append(_claim(claim_id, story, UNCLASSIFIED, period, unit, cluster, ()))
    story_rank = {s.id: i for i, s in enumerate(link.stories)}
    claims.sort(key=lambda c: (story_rank.get(c.story, len(story_rank)), c.story, _rank(c)))
    return tuple(claims)


def _rank(claim: Claim) -> tuple[bool, int, int, str]:
    unclassified = claim.measure == UNCLASSIFIED
    return (unclassified, -claim.independent_sources, -len(claim.evidence), claim.measure)


def _period(q: Quantity, own_date: str | None, story_dates: list[str]) -> str | None:
    if q.period is not None or q.period_relative is None:
        return q.period
    date = own_date or (min(story_dates) if story_dates else None)
    if date and date[:4].isdigit():
        return str(int(date[:4]) + q.period_relative)
    return f"{q.period_text or 'relative'} (undated)"


def _clusters(figures: list[_Figure]) -> list[_Cluster]:
    """Clusters of figures that agree, largest support first."""
    remaining = sorted(figures, key=lambda f: f.order)
    clusters: list[_Cluster] = []
    while remaining:
        best: _Cluster | None = None
        for anchor in remaining:
            members = [f for f in remaining if _meets(anchor.interval, f.interval)]
            candidate = _Cluster(members)
            if best is None or _support(candidate) > _support(best):
                best = candidate
        assert best is not None
        clusters.append(best)
        remaining = [f for f in remaining if f not in best.figures]
    return clusters


def _support(cluster: _Cluster) -> tuple[int, int, int]:
    # prefer figures with a value over bare comparisons when support is equal
    valued = sum(1 for f in cluster.figures if f.quantity.value is not None)
    return (len(cluster.origins()), len(cluster.documents()), valued)


def _claims_for(key: tuple[str, str, str | None, str], figures: list[_Figure]) -> list[Claim]:
    story, measure, period, unit = key
    clusters = _clusters(figures)
    base_id = _claim_id(story, measure, period, unit)
    ids = [base_id] + [_claim_id(story, measure, period, unit, _signature(c)) for c in clusters[1:]]
    claims = []
    for index, cluster in enumerate(clusters):
        conflicts = tuple(
            _conflict(ids[other], cluster, clusters[other])
            for other in range(len(clusters))
            if other != index
        )
        claims.append(_claim(ids[index], story, measure, period, unit, cluster, conflicts))
    return claims


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
    quantities = [f.quantity for f in cluster.figures]
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
        alternatives=tuple(dict.fromkeys(a for q in quantities for a in q.alternatives)),
        clock=_mode([q.clock for q in quantities if q.clock]),
    )


def _conflict(other_id: str, mine: _Cluster, theirs: _Cluster) -> Conflict:
    a, b = _representative(mine), _representative(theirs)
    reason = f"{_describe(mine)} against {_describe(theirs)}"
    return Conflict(claim=other_id, reason=reason, evidence=(_quote(a), _quote(b)))


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
