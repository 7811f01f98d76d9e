"""extract: cleaned text -> evidence (indicators, quantities, entities).

Works sentence by sentence on one document at a time; every hit carries offsets
into the cleaned text so a quote can always be checked against its document.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicia.records import CleanDocument, DocumentEvidence, SourceDocument


@dataclass(frozen=True)
class ExtractOptions:
    indicators: bool = True
    quantities: bool = True
    entities: bool = True


def extract_document(
    source: SourceDocument, clean: CleanDocument, options: ExtractOptions | None = None
) -> DocumentEvidence:
    """Everything extract finds in one document."""
    from indicia.extract.extractor import extract_all

    return extract_all(source, clean, options or ExtractOptions())


def describe_methods() -> dict[str, str]:
    """How each extractor works in this install, in words for the dossier's summary."""
    from indicia.extract.entities import ner_description

    return {
        "indicators": "cue patterns and lexicon from data/ilo_indicators.json, "
        "with negation, hypothetical and legal-statement filters",
        "quantities": "rules: numerals in any script and locale (indicia.text.numbers), "
        "ranges, money, durations, rates, changes; English grammar rules for English "
        "sentences, the words around each numeral (data/figure_words.json) in other languages",
        "entities": ner_description(),
    }


__all__ = ["ExtractOptions", "describe_methods", "extract_document"]
