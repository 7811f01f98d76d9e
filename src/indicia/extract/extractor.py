"""Run the extractors over one document."""

from __future__ import annotations

from dataclasses import replace

from indicia.extract import ExtractOptions
from indicia.extract.entities import find_entities, ner_method
from indicia.extract.indicators import find_indicators, language_support
from indicia.extract.quantities import find_quantities
from indicia.extract.sentences import split_sentences
from indicia.records import CleanDocument, DocumentEvidence, SourceDocument


def extract_all(
    source: SourceDocument, clean: CleanDocument, options: ExtractOptions
) -> DocumentEvidence:
    sentences = split_sentences(clean.text)
    if clean.language is None and source.language:
        clean = replace(clean, language=source.language)
    return DocumentEvidence(
        document_id=clean.document_id,
        indicators=find_indicators(clean, sentences) if options.indicators else (),
        indicator_language=language_support(clean.language) if options.indicators else None,
        quantities=find_quantities(source, clean, sentences) if options.quantities else (),
        entities=find_entities(clean, sentences, ner_method(options.ner))
        if options.entities
        else (),
    )
