"""Collapse repeated paragraphs and titles inside one document.

Content farms paste a body twice or repeat the headline; every repeat after the
first is removed (kind `repeated_title` for headings and headline-like lines,
`repeated_paragraph` otherwise). Two units repeat when their casefolded letters
and digits are the same, so spacing, punctuation and heading marks do not hide
a repeat. Units already marked as chrome are left to their own kind; near (not
exact) repeats are not collapsed: telling a reworded paragraph from a repeat is
the link stage's work.
"""

from __future__ import annotations

from collections.abc import Sequence

from indicia.clean.units import Unit, is_headline, repeat_key


def collapse_repeats(units: Sequence[Unit], kinds: list[str | None]) -> set[str]:
    """Mark every repeat of a kept unit in `kinds`; return the keys of repeated titles."""
    seen: set[str] = set()
    repeated_titles: set[str] = set()
    for i, unit in enumerate(units):
        if kinds[i] is not None:
            continue
        key = repeat_key(unit.text)
        if not key:
            continue  # punctuation-only separators ("* * *") are not content repeats
        if key not in seen:
            seen.add(key)
            continue
        if unit.heading or is_headline(unit.text):
            kinds[i] = "repeated_title"
            repeated_titles.add(key)
        else:
            kinds[i] = "repeated_paragraph"
    return repeated_titles


__all__ = ["collapse_repeats"]
