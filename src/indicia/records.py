"""The typed records the pipeline stages pass to each other.

Every stage takes records from here and returns records from here; nothing else
crosses a stage boundary. Records are frozen dataclasses so a stage cannot mutate
what another stage produced. `to_dict` / `from_dict` give the JSON form the store
keeps, so a record survives a round trip through SQLite unchanged.

Offsets are Python string indices. In a `CleanDocument`, spans index into its
`text`; `Segment` maps those spans back into the `SourceDocument.content` they
came from.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

DocumentStatus = Literal["ok", "rejected"]
Relation = Literal["cites", "copy", "rewrite", "translation"]

R = TypeVar("R")


# --------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class SourceDocument:
    """One input document as read from disk, a container record or stdin.

    `content` is the decoded text the document was read as: the HTML source for
    HTML, the body for text and Markdown, the extracted text for PDF. A document
    that could not be read has status "rejected", an `error`, and empty content.
    """

    id: str
    source_path: str
    raw_sha256: str
    media_type: str  # html | text | markdown | pdf | rejected
    content: str = ""
    encoding: str | None = None
    size_bytes: int = 0
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    language: str | None = None
    status: DocumentStatus = "ok"
    error: str | None = None


# ---------------------------------------------------------------------- clean


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class LanguageSpan:
    """text[start:end] (whole paragraphs, or sentences of a mixed one) is in `language`.

    `language` is an ISO 639-1 code.
    """

    start: int
    end: int
    language: str


@dataclass(frozen=True)
class Segment:
    """Cleaned text[clean_start:clean_end] came from content[source_start:source_end]."""

    clean_start: int
    clean_end: int
    source_start: int
    source_end: int


@dataclass(frozen=True)
class Removal:
    """A piece of the source that cleaning took out, and why."""

    kind: str  # e.g. login_form, donation_appeal, recommended, sponsored, repeated_paragraph
    text: str
    source_start: int | None = None
    source_end: int | None = None


@dataclass(frozen=True)
class CleanDocument:
    """The main text of one document, with what was removed and an offset map."""

    document_id: str
    text: str
    paragraphs: tuple[Span, ...] = ()
    segments: tuple[Segment, ...] = ()
    removals: tuple[Removal, ...] = ()
    language: str | None = None  # ISO 639-1, detected from `text`; None when undecidable
    # runs of paragraphs and their language (a page that mixes languages has several)
    languages: tuple[LanguageSpan, ...] = ()
    title: str | None = None  # the title found while cleaning, when ingest had none
    notes: tuple[str, ...] = ()  # what cleaning could not do as usual (e.g. an extractor fallback)

    @property
    def repeated_paragraphs(self) -> int:
        return sum(1 for r in self.removals if r.kind in ("repeated_paragraph", "repeated_title"))

    @property
    def boilerplate_lines(self) -> int:
        return sum(
            1 for r in self.removals if r.kind not in ("repeated_paragraph", "repeated_title")
        )


@dataclass(frozen=True)
class SiteLines:
    """What site chrome reads of one document of a site, kept so later pages see it.

    Keys are short hashes of a line's letters and digits (clean.chrome.line_key):
    `lines` of its chrome candidates (short lines that are not sentences), `sentences`
    of its sentences (which tell copies of one article apart from other articles), and
    `chrome` the candidates its cleaned text dropped as site chrome.
    """

    document_id: str
    site: str
    lines: tuple[str, ...] = ()
    sentences: tuple[str, ...] = ()
    chrome: tuple[str, ...] = ()


# ----------------------------------------------------------------------- link


PublisherSource = Literal["metadata", "url"]


@dataclass(frozen=True)
class Attribution:
    """An explicit credit to an outlet in a cleaned text ("told the BBC")."""

    outlet: str
    quote: str  # == text[start:end] of the cleaned text
    start: int
    end: int
    pattern: str


@dataclass(frozen=True)
class Publisher:
    """The outlet that published a copy, and the signal that says so."""

    outlet: str
    source: PublisherSource
    evidence: str  # the metadata value, the domain, or the boilerplate phrase


@dataclass(frozen=True)
class Provenance:
    """Who published one document and which outlets it credits: the part of linking
    that reads one document alone, so it is found once per document and kept."""

    publisher: Publisher | None
    attributions: tuple[Attribution, ...]

    @property
    def cited_outlets(self) -> tuple[str, ...]:
        """Outlets credited, in order of first mention, the publisher excluded."""
        own = self.publisher.outlet if self.publisher else None
        seen: dict[str, None] = {}
        for a in self.attributions:
            if a.outlet != own:
                seen.setdefault(a.outlet, None)
        return tuple(seen)


@dataclass(frozen=True)
class LinkFeatures:
    """What linking reads of one document alone, found once per document and kept:
    who published it and whom it credits, and the translation-invariant anchors of its
    text (figures, dates, Latin-script names and their sound keys), in text order."""

    provenance: Provenance
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Derivation:
    """One edge of the derived-from graph: this document derives from `document` or `outlet`."""

    relation: Relation
    document: str | None = None
    outlet: str | None = None
    evidence: str = ""  # the attribution quote, or how the derivation was measured
    start: int | None = None  # offsets of an attribution quote in the cleaned text
    end: int | None = None
    score: float | None = None


@dataclass(frozen=True)
class DocumentLink:
    """What the link stage knows about one document."""

    document_id: str
    story_id: str
    outlet: str | None = None  # the outlet that published this copy, when detected
    derived_from: tuple[Derivation, ...] = ()
    duplicate_of: str | None = None  # exact or near-exact copy of this document
    joined_by: str = ""  # why it is in its story: the words or anchors it shares


@dataclass(frozen=True)
class Origin:
    outlet: str
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    documents: tuple[str, ...]
    origins: tuple[Origin, ...] = ()
    independent_sources: int = 0


@dataclass(frozen=True)
class LinkResult:
    """The link stage's view of the whole corpus."""

    documents: tuple[DocumentLink, ...] = ()
    stories: tuple[Story, ...] = ()
    notes: tuple[str, ...] = ()  # what the linker could not do, said plainly for the dossier


# -------------------------------------------------------------------- extract


@dataclass(frozen=True)
class Evidence:
    """A quote: document text[start:end] == quote."""

    document: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class IndicatorHit:
    """One sentence that evidences one ILO indicator."""

    code: str
    evidence: Evidence
    confidence: float
    rationale: str = ""  # which cue matched, in words a reviewer can check
    method: str = "cue"  # what found it: cue | model | cue+model


@dataclass(frozen=True)
class Amount:
    """A figure's amount in another currency or unit, as written ("£74-£149") and as
    read (value, or low and high, in `unit`)."""

    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class Quantity:
    """One figure found in a sentence."""

    evidence: Evidence  # the sentence
    surface: str  # the figure as written ("fifty thousand", "$100-$200")
    surface_start: int
    surface_end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""  # people, USD, hours, days, percent, year, ...
    qualifier: str | None = None  # over, about, up to, ...
    measure: str = ""
    period: str | None = None
    per: str | None = None  # rate period: year, month, day
    attributed_to: str | None = None
    change: str | None = None  # halved, 12-fold, ...
    alternatives: tuple[str, ...] = ()  # same amount in another currency, as written
    period_text: str | None = None  # the period as written ("last year"), resolved or not
    clock: str | None = None  # a clock range as written and read ("06:00-02:00")
    period_relative: int | None = None  # years from publication ("last year" -> -1)
    alternative_amounts: tuple[Amount, ...] = ()  # `alternatives`, read: value and unit
    counted: str | None = None  # what the figure counts, as its sentence says ("Arbeiter")


@dataclass(frozen=True)
class EntityMention:
    document: str
    text: str
    name: str  # canonical name after alias merging
    type: str  # person | organisation | place
    start: int
    end: int
    role: str | None = None  # a state body named by its role ("state security department")
    country: str | None = None  # the state that body belongs to, when the text says


@dataclass(frozen=True)
class IndicatorLanguage:
    """Whether a document's language was analysed for indicators, and why."""

    language: str | None
    analysed: bool
    reason: str


@dataclass(frozen=True)
class DocumentEvidence:
    """Everything the extract stage found in one document."""

    document_id: str
    indicators: tuple[IndicatorHit, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    indicator_language: IndicatorLanguage | None = None


# ------------------------------------------------------------------ reconcile


@dataclass(frozen=True)
class IndicatorFinding:
    story: str
    code: str
    label: str
    evidence: tuple[Evidence, ...]
    independent_sources: int
    confidence: float = 0.0
    methods: tuple[str, ...] = ()  # what found the quotes: cue, model


@dataclass(frozen=True)
class Conflict:
    claim: str  # id of the claim that disagrees
    reason: str
    evidence: tuple[Evidence, ...] = ()
    farther: tuple[str, ...] = ()  # documents of the side farther from the origin, if one is


# The measure of a figure extraction could not name: reconciliation groups such a
# figure only with the very same figure, and the dossier lists it apart.
UNCLASSIFIED = "unclassified"


@dataclass(frozen=True)
class Claim:
    id: str
    story: str
    measure: str
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    qualifier: str | None = None
    period: str | None = None
    attributed_to: str | None = None
    evidence: tuple[Evidence, ...] = ()
    independent_sources: int = 0
    conflicts: tuple[Conflict, ...] = ()
    per: str | None = None  # a rate's period: "two days off a year" -> year
    change: str | None = None  # halved, 12-fold, from 20 (2022) to 10 (2024)
    alternatives: tuple[str, ...] = ()  # the amount in other currencies, as written
    clock: str | None = None  # a clock range behind a duration ("06:00-02:00")
    alternative_amounts: tuple[Amount, ...] = ()  # `alternatives`, read: value and unit
    # what the figures count, in their own words: the name of a figure no measure fits
    counted: str | None = None


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    mentions: tuple[Evidence, ...] = ()  # every mention, as a quote with its offsets
    role: str | None = None  # see EntityMention.role
    country: str | None = None


# ------------------------------------------------------------------ screening


@dataclass(frozen=True)
class ListEntry:
    """One entry of a sanctions list, as its file gives it."""

    list_name: str  # "OFAC SDN", or the FtM file's dataset
    entry_id: str  # the list's own id (OFAC ent_num, FtM entity id)
    name: str
    type: str  # person | organisation | vessel | aircraft | other
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()  # OFAC's "weak" a.k.a.s: short or generic forms
    programs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # nationality, citizenship, the programs' states
    birth_dates: tuple[str, ...] = ()
    remarks: str = ""


@dataclass(frozen=True)
class MatchFeature:
    """One reason for (or against) a candidate, in words a reviewer can check."""

    feature: str  # name | alias | weak_alias | name_parts | role | country | program | dates
    detail: str
    effect: float = 0.0  # what it added to (or took from) the score


@dataclass(frozen=True)
class ScreeningCandidate:
    """An entity that may be a list entry: never a finding until a reviewer accepts it."""

    id: str
    entity: str
    entity_type: str
    entry: ListEntry
    matched_name: str  # the list name or alias that matched
    score: float
    features: tuple[MatchFeature, ...] = ()
    evidence: tuple[Evidence, ...] = ()  # where the documents name the entity
    status: str = "candidate"  # candidate | accepted | rejected (after review)


@dataclass(frozen=True)
class ScreeningResult:
    lists: tuple[str, ...] = ()  # what was screened against, with entry counts
    candidates: tuple[ScreeningCandidate, ...] = ()
    screened: int = 0  # entities compared
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reconciliation:
    indicators: tuple[IndicatorFinding, ...] = ()
    claims: tuple[Claim, ...] = ()
    entities: tuple[Entity, ...] = ()


# --------------------------------------------------------------------- review


@dataclass(frozen=True)
class ReviewDecision:
    """A reviewer's call on a finding, kept with who, when, why and what it overrode.

    `action` is one of indicia.review.ACTIONS; `target` names what it applies to
    (a candidate id, a quote as "document:start:end", "story:code" for an indicator
    finding, an entity's name, a story or document id); `value` is the other side
    where an action has one (the entity merged into, a story's origin outlet).
    A decision is never deleted: undoing it sets `undone_at`.
    """

    id: str
    action: str
    target: str
    reviewer: str
    reason: str
    made_at: str  # ISO 8601, UTC
    value: str | None = None
    overrode: str = ""  # what the pipeline (or an earlier decision) said before
    undone_at: str | None = None
    undone_by: str | None = None
    undo_reason: str | None = None


# -------------------------------------------------------------- serialisation


def to_dict(record: Any) -> dict[str, Any]:
    """The JSON-ready form of a record (tuples become lists)."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"not a record: {record!r}")
    return typing.cast(dict[str, Any], _plain(record))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def from_dict(cls: type[R], data: dict[str, Any]) -> R:
    """Rebuild a record of type `cls` from `to_dict` output; unknown keys are ignored."""
    kwargs: dict[str, Any] = {}
    for name, build in _field_builders(cls):
        if name in data:
            value = data[name]
            kwargs[name] = None if value is None else build(value)
    return cls(**kwargs)


# How to rebuild each field of each record type, worked out once per type: reading a
# store of thousands of documents rebuilds millions of values, and asking the typing
# module about each hint every time cost more than the rest of the work.
_FIELD_BUILDERS: dict[type, list[tuple[str, Callable[[Any], Any]]]] = {}
_BUILDERS: dict[Any, Callable[[Any], Any]] = {}


def _field_builders(cls: type) -> list[tuple[str, Callable[[Any], Any]]]:
    if cls not in _FIELD_BUILDERS:
        hints = get_type_hints(cls)
        _FIELD_BUILDERS[cls] = [(f.name, _builder(hints[f.name])) for f in dataclasses.fields(cls)]
    return _FIELD_BUILDERS[cls]


def _same(value: Any) -> Any:
    return value


def _builder(hint: Any) -> Callable[[Any], Any]:
    """A function rebuilding a value (never None) of type `hint` from its plain form."""
    if hint in _BUILDERS:
        return _BUILDERS[hint]
    build: Callable[[Any], Any] = _same
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        # Optional[X] and the like: the first type that is not None
        others = [arg for arg in get_args(hint) if arg is not type(None)]
        build = _builder(others[0]) if others else _same
    elif origin is tuple:
        args = get_args(hint)
        inner = _builder(args[0] if args else Any)
        build = partial(_rebuild_tuple, inner)
    elif isinstance(hint, type) and dataclasses.is_dataclass(hint):
        build = partial(from_dict, hint)
    _BUILDERS[hint] = build
    return build


def _rebuild_tuple(inner: Callable[[Any], Any], values: Any) -> tuple[Any, ...]:
    return tuple(None if v is None else inner(v) for v in values)


__all__ = [
    "Amount",
    "Claim",
    "CleanDocument",
    "Conflict",
    "Derivation",
    "DocumentEvidence",
    "DocumentLink",
    "DocumentStatus",
    "Entity",
    "EntityMention",
    "Evidence",
    "IndicatorFinding",
    "IndicatorHit",
    "IndicatorLanguage",
    "LanguageSpan",
    "LinkResult",
    "ListEntry",
    "MatchFeature",
    "Origin",
    "Quantity",
    "Reconciliation",
    "Relation",
    "Removal",
    "ReviewDecision",
    "ScreeningCandidate",
    "ScreeningResult",
    "Segment",
    "SiteLines",
    "SourceDocument",
    "Span",
    "Story",
    "from_dict",
    "to_dict",
]
