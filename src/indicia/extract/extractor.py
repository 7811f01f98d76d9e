"""Run the extractors over one document (and read what is cheaper read for many at once)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from indicia.extract import ExtractOptions, PreparedText
from indicia.extract.entities import find_entities, ner_method, spacy_language
from indicia.extract.indicators import find_indicators, language_support
from indicia.extract.ner_spacy import spacy_mentions_many
from indicia.extract.quantities import find_quantities
from indicia.extract.sentences import split_sentences
from indicia.records import CleanDocument, DocumentEvidence, SourceDocument


def _with_language(source: SourceDocument, clean: CleanDocument) -> CleanDocument:
    if clean.language is None and source.language:
        return replace(clean, language=source.language)
    return clean


def prepare_all(
    items: Sequence[tuple[SourceDocument, CleanDocument]], options: ExtractOptions
) -> list[PreparedText]:
    prepared = [PreparedText() for _ in items]
    if not options.entities:
        return prepared
    method = ner_method(options.ner)
    by_language: dict[str, list[int]] = {}
    for number, (source, clean) in enumerate(items):
        language = spacy_language(_with_language(source, clean), method)
        if language is not None:
            by_language.setdefault(language, []).append(number)
    for language, numbers in by_language.items():
        found = spacy_mentions_many([items[n][1].text for n in numbers], language)
        for number, mentions in zip(numbers, found, strict=True):
            prepared[number] = PreparedText(model_mentions=tuple(mentions))
    return prepared


def extract_all(
    source: SourceDocument, clean: CleanDocument, options: ExtractOptions, prepared: PreparedText
) -> DocumentEvidence:
    sentences = split_sentences(clean.text)
    clean = _with_language(source, clean)
    return DocumentEvidence(
        document_id=clean.document_id,
        indicators=find_indicators(clean, sentences) if options.indicators else (),
        indicator_language=language_support(clean.language) if options.indicators else None,
        quantities=find_quantities(source, clean, sentences) if options.quantities else (),
        entities=find_entities(clean, sentences, ner_method(options.ner), prepared.model_mentions)
        if options.entities
        else (),
    )
