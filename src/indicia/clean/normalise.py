"""Unicode and whitespace normalisation of paragraph text, keeping the offset map.

The one normalisation cleaning applies to kept text, `normalise_inline`, is:

1. drop control and format characters (Unicode categories Cc and Cf: zero-width
   spaces and joiners, soft hyphens, byte-order marks, bidi marks) that are not
   whitespace;
2. replace every run of whitespace (any `str.isspace` character: tabs, newlines,
   no-break and ideographic spaces) with one ASCII space;
3. Unicode NFC.

Curly quotes, dashes and every other printable character are kept as written.
`normalise_span` applies the same steps to `content[start:end]`, strips the ends,
and returns the pieces that say where each part of the result came from: for
every piece, `normalise_inline(content[source_start:source_end]) == text[start:end]`,
and for pieces marked exact the two are equal character for character.
This module does not decide what to keep; see `lines` and `html` for that.
"""

from __future__ import annotations

import re
import unicodedata

from indicia.clean.offsets import Piece

_WORD = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf") and not char.isspace()


def clean_word(word: str) -> str:
    """A whitespace-free run with invisible characters dropped, in NFC."""
    if not word.isprintable():
        word = "".join(c for c in word if not _is_invisible(c))
    if not unicodedata.is_normalized("NFC", word):
        word = unicodedata.normalize("NFC", word)
    return word


def normalise_inline(text: str) -> str:
    """Invisible characters dropped, whitespace runs made one space, NFC; ends not stripped."""
    if not text.isprintable():
        text = "".join(c for c in text if not _is_invisible(c))
    text = _SPACES.sub(" ", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def normalise_text(text: str) -> str:
    """`normalise_inline` with the ends stripped: the form a kept paragraph takes."""
    return normalise_inline(text).strip(" ")


def normalise_span(content: str, start: int, end: int) -> tuple[str, list[Piece]]:
    """Normalise content[start:end] into one paragraph's text and its pieces.

    Pieces are relative to the returned text; adjacent exact pieces are merged so a
    plain paragraph maps back as a single exact piece.
    """
    raw = content[start:end]
    if _already_clean(raw):
        # The common case: one exact piece, no per-word work.
        lead = len(raw) - len(raw.lstrip(" "))
        text = raw.strip(" ")
        if not text:
            return "", []
        return text, [Piece(0, len(text), start + lead, start + lead + len(text), True)]
    parts: list[str] = []
    pieces: list[Piece] = []
    length = 0
    previous_end: int | None = None
    for match in _WORD.finditer(content, start, end):
        word = clean_word(match.group())
        if not word:
            continue  # an invisible-only run joins the whitespace around it
        if previous_end is not None:
            gap = content[previous_end : match.start()]
            _add(pieces, length, length + 1, previous_end, match.start(), gap == " ")
            parts.append(" ")
            length += 1
        _add(pieces, length, length + len(word), match.start(), match.end(), word == match.group())
        parts.append(word)
        length += len(word)
        previous_end = match.end()
    return "".join(parts), pieces


def _already_clean(text: str) -> bool:
    """No invisible or non-space whitespace characters, no double spaces, and NFC."""
    return (
        text.isprintable()
        and "  " not in text
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    )


def _add(
    pieces: list[Piece], start: int, end: int, src_start: int, src_end: int, exact: bool
) -> None:
    if pieces and exact:
        last = pieces[-1]
        if last.exact and last.end == start and last.source_end == src_start:
            pieces[-1] = Piece(last.start, end, last.source_start, src_end, True)
            return
    pieces.append(Piece(start, end, src_start, src_end, exact))


__all__ = ["clean_word", "normalise_inline", "normalise_span", "normalise_text"]
