"""link: documents -> duplicates, rewrites, stories, origins.

Finds copies and rewrites, clusters documents into stories incrementally, and
builds the derived-from graph whose roots are a story's independent origins.

Sentence alignment uses sentence embeddings when the optional `embed` extra is
installed and "auto" is asked for, character n-grams otherwise (the default;
`LinkOptions.aligner`; the command line fills it from INDICIA_ALIGNER).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from indicia.errors import ConfigError
from indicia.records import CleanDocument, LinkFeatures, LinkResult, SourceDocument


@dataclass(frozen=True)
class LinkOptions:
    """Settings of the link stage; the defaults are the measured ones (bench/link.py)."""

    min_words: int = 20  # shorter documents are not linked (and said so in the notes)
    join_cosine: float = 0.2  # story join threshold, tuned on the ECB+ dev split
    anchor_cosine: float = 0.15  # join on figures, years, Latin-script names and slug words
    merge_cosine: float = 0.25  # two stories whose anchor centroids are this close are one
    align_cosine: float = 0.1  # a new story's document is aligned with stories this close
    max_aligned: int = 20  # documents of a story a new document is aligned with, at most
    # Sentence similarity for alignment: "ngram", "embedding" (the `embed` extra) or
    # "auto" (embeddings when installed). Default "ngram" until the embedding aligner
    # is checked on the examples: with it their report shows more than 1 source.
    aligner: str = "ngram"


ALIGNERS = ("auto", "ngram", "embedding")


def resolve_aligner(requested: str) -> str:
    """The aligner that runs for `requested`: "ngram" or "embedding".

    Raises ConfigError for an unknown name, or for "embedding" without the extra.
    """
    from indicia.link import embed

    if requested not in ALIGNERS:
        raise ConfigError(f"unknown aligner {requested!r}; use one of {', '.join(ALIGNERS)}")
    if requested == "auto":
        return "embedding" if embed.is_available() else "ngram"
    if requested == "embedding" and not embed.is_available():
        raise ConfigError(
            "the embedding aligner needs the optional extra: pip install 'indicia[embed]'"
        )
    return requested


def describe_method(options: LinkOptions | None = None) -> str:
    """How the link stage aligns sentences in this install, in words for the dossier."""
    from indicia.link import embed

    aligner = resolve_aligner((options or LinkOptions()).aligner)
    how = (
        embed.describe()
        if aligner == "embedding"
        else "character 3-5-gram cosine of content words (base install)"
    )
    return (
        "MinHash-LSH near-duplicates, story centroids, and sentence alignment by "
        f"{how}; derived-from edges from alignment, publishers and credits"
    )


def document_features(item: tuple[SourceDocument, CleanDocument]) -> LinkFeatures:
    """What linking reads of one document (its source and cleaned text) alone: who
    published it, which outlets it credits, and the anchors of its text. It runs per
    document on any engine and is kept in the store; `link_documents` takes it."""
    from indicia.link.anchors import anchors
    from indicia.link.provenance import find_provenance

    source, clean = item
    return LinkFeatures(find_provenance(source, clean), tuple(anchors(clean.text)))


def features_version() -> str:
    """Changes with this version of indicia and with the outlet and attribution
    tables: features kept under another are found again."""
    from indicia._version import __version__
    from indicia.link.provenance import tables_version

    return f"{__version__} {tables_version()}"


def link_documents(
    sources: Sequence[SourceDocument],
    cleaned: Sequence[CleanDocument],
    state: dict[str, Any] | None = None,
    options: LinkOptions | None = None,
    features: Mapping[str, LinkFeatures] | None = None,
) -> tuple[LinkResult, dict[str, Any]]:
    """Link `cleaned` (with their sources, same order) into stories.

    `state` is what the previous call returned; documents already linked in it keep
    their story. `features` holds `document_features` of documents, by id, found
    before (the rest are found here). Returns the result for every document seen so
    far and the new state.
    """
    from indicia.link.linker import link_corpus

    return link_corpus(sources, cleaned, state, options or LinkOptions(), features or {})


__all__ = [
    "LinkOptions",
    "describe_method",
    "document_features",
    "features_version",
    "link_documents",
    "resolve_aligner",
]
