"""Site templates: words that recur across the pages of one site say nothing.

Pages of one site or publication series share their template: headings and
labels of a profile series ("Population:", "Natural resources:"), the boilerplate
of an office's press releases, footers, icon names. Two such pages are not
rewrites of each other, and their shared template must not join two reports.

`SiteWords` counts, per web domain, in how many of the pages seen so far each word
occurs. A new page's template words are those found in at least `TEMPLATE_SHARE`
of its site's earlier pages; the linker compares the page with the words of its
template removed (`strip`): story terms, anchors and sentences alike. With one
earlier page of the site, every word the two share is template: two pages of one
site are joined by what survives translation (figures, dates, names in other
scripts) or by being copies, not by their shared wording.

Counts follow ingest order and live in the link state, so linking in one batch or
in slices gives the same result. Words in scripts written without spaces are not
stripped (they are compared as character bigrams, see `text.py`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from indicia.link.text import is_dense

# A word found in at least this share of a site's earlier pages is its template.
TEMPLATE_SHARE = 0.5
# Once a site has this many pages, words seen on only one are forgotten every so
# many pages, so the counts stay bounded: a template word is on most pages.
PRUNE_EVERY = 200

_WORD_RE = re.compile(r"\w+")


def page_words(text: str) -> set[str]:
    """The distinct words of `text`, case-folded; runs of a dense script are left out."""
    return {w for w in (m.group().casefold() for m in _WORD_RE.finditer(text)) if not is_dense(w)}


class SiteWords:
    """Per site: pages seen and the number of them each word occurs on."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self.df: dict[str, dict[str, int]] = {}

    def template(self, site: str | None) -> frozenset[str]:
        """The template words of the next page of `site` (none for an unknown site)."""
        seen = self.pages.get(site or "", 0)
        if not site or not seen:
            return frozenset()
        need = max(1, math.ceil(TEMPLATE_SHARE * seen))
        return frozenset(w for w, n in self.df[site].items() if n >= need)

    def observe(self, site: str | None, text: str, slug: Iterable[str] = ()) -> None:
        """Count a page of `site`: the words of its text and of its slug (`slug`)."""
        if not site:
            return
        pages = self.pages[site] = self.pages.get(site, 0) + 1
        df = self.df.setdefault(site, {})
        for word in page_words(text) | set(slug):
            df[word] = df.get(word, 0) + 1
        if pages % PRUNE_EVERY == 0:
            self.df[site] = {w: n for w, n in df.items() if n > 1}

    def to_state(self) -> dict[str, Any]:
        return {"pages": self.pages, "df": self.df}

    @classmethod
    def from_state(cls, state: dict[str, Any] | None) -> SiteWords:
        sites = cls()
        if state:
            sites.pages = {str(k): int(v) for k, v in state.get("pages", {}).items()}
            sites.df = {
                str(s): {str(w): int(n) for w, n in words.items()}
                for s, words in state.get("df", {}).items()
            }
        return sites


def strip(text: str, template: frozenset[str]) -> str:
    """`text` with the words of `template` blanked out (same length, same offsets)."""
    if not template:
        return text
    return _WORD_RE.sub(
        lambda m: " " * len(m.group()) if m.group().casefold() in template else m.group(),
        text,
    )


def batch_templates(
    sites: dict[str, list[str]], texts: dict[str, str]
) -> dict[str, frozenset[str]]:
    """Template words of each page from all pages of its site at once: words found on at
    least `TEMPLATE_SHARE` of the site's other pages (pages of a site seen alone: none)."""
    out: dict[str, frozenset[str]] = {}
    for pages in sites.values():
        if len(pages) < 2:
            continue
        words = {p: page_words(texts[p]) for p in pages}
        df: dict[str, int] = {}
        for found in words.values():
            for word in found:
                df[word] = df.get(word, 0) + 1
        others = len(pages) - 1
        need = max(1, math.ceil(TEMPLATE_SHARE * others))
        for page in pages:
            # Its own occurrence does not count toward the share of the other pages.
            out[page] = frozenset(w for w in words[page] if df[w] - 1 >= need)
    return out
