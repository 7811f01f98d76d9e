"""Run the extractors over one document."""

from __future__ import annotations

from indicia.extract import ExtractOptions
from indicia.extract.entities import find_entities, ner_method
from indicia.extract.indicators import find_indicators
from indicia.extract.quantities import find_quantities
from indicia.extract.sentences import split_sentences
from indicia.records import CleanDocument, DocumentEvidence, SourceDocument


def extract_all(
    source: SourceDocument, clean: CleanDocument, options: ExtractOptions
) -> DocumentEvidence:
    sentences = split_sentences(clean.text)
    return DocumentEvidence(
        document_id=clean.document_id,
        indicators=find_indicators(clean, sentences) if options.indicators else (),
        quantities=find_quantities(source, clean, sentences) if options.quantities else (),
        entities=find_entities(clean, sentences, ner_method(options.ner))
        if options.entities
        else (),
    )
