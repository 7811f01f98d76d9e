"""extract: cleaned text -> evidence (indicators, quantities, entities).

Works sentence by sentence on one document at a time; every hit carries offsets
into the cleaned text so a quote can always be checked against its document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from indicia.records import CleanDocument, DocumentEvidence, SourceDocument

if TYPE_CHECKING:
    from indicia.extract.ner_gazetteer import RawMention


@dataclass(frozen=True)
class ExtractOptions:
    indicators: bool = True
    quantities: bool = True
    entities: bool = True
    # The entity recogniser: "auto" (spaCy when the `ner` extra is installed), "spacy"
    # or "rules"; the command line fills it from INDICIA_NER.
    ner: str = "auto"


@dataclass(frozen=True)
class PreparedText:
    """What `prepare_documents` read for one document together with others: the entity
    model's spans (None: not read yet, `extract_document` reads them itself)."""

    model_mentions: tuple[RawMention, ...] | None = None


def prepare_documents(
    items: Sequence[tuple[SourceDocument, CleanDocument]], options: ExtractOptions | None = None
) -> list[PreparedText]:
    """The part of extraction that costs less done for many documents at once (the
    spaCy model, whose cost per call dwarfs a short text's), one per item; each goes
    to `extract_document` with its item, which then finds exactly what it would alone."""
    from indicia.extract.extractor import prepare_all

    return prepare_all(items, options or ExtractOptions())


def extract_document(
    source: SourceDocument,
    clean: CleanDocument,
    options: ExtractOptions | None = None,
    prepared: PreparedText | None = None,
) -> DocumentEvidence:
    """Everything extract finds in one document."""
    from indicia.extract.extractor import extract_all

    return extract_all(source, clean, options or ExtractOptions(), prepared or PreparedText())


def describe_methods(options: ExtractOptions | None = None) -> dict[str, str]:
    """How each extractor works in this install, in words for the dossier's summary."""
    from indicia.extract.entities import ner_description, ner_method
    from indicia.extract.indicator_classifier import model_description
    from indicia.extract.indicators import supported_languages

    return {
        "indicators": "cue patterns per language (data/ilo_indicators.json, "
        "data/indicator_cues/; read: " + ", ".join(supported_languages()) + ") with negation, "
        "hypothetical, denial and law/definition filters; " + model_description(),
        "quantities": "rules: numerals in any script and locale (indicia.text.numbers), "
        "ranges, money, durations, rates, changes; English grammar rules for English "
        "sentences, the words around each numeral (data/figure_words.json) in other languages",
        "entities": ner_description(ner_method((options or ExtractOptions()).ner)),
    }


__all__ = [
    "ExtractOptions",
    "PreparedText",
    "describe_methods",
    "extract_document",
    "prepare_documents",
]
