"""Sentences for the extract stage: the shared splitter of `indicia.text.sentences`.

Kept as its own module so extract code imports `split_sentences` from its stage; the
rules (every script, abbreviations per language as data) live in the shared package.
"""

from __future__ import annotations

from indicia.text.sentences import MAX_SENTENCE_CHARS, cut_long_sentence, split_sentences

__all__ = ["MAX_SENTENCE_CHARS", "cut_long_sentence", "split_sentences"]
