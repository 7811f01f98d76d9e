"""The line classifier: which units of a document are site chrome, and of what kind.

Cues come from `data/boilerplate.json`; the code only says how cues combine:

- single lines: whole-line cues ("Undo", "SponsoredSponsored", "Support Now"),
  cue words in short lines (a login form, a greeting bar), line prefixes
  ("Tags:", "您的位置"), breadcrumb shapes, captions ending in a photo credit,
  datelines (metadata, not article text);
- blocks: two or more adjacent short lines with login cues (a login form); a
  recommended-links heading and the short headlines after it until the
  article resumes with a sentence; a donation appeal (strong cue lines and the
  outlet's self-promotion around them, at least two appeal lines); a widget
  heading ("Categories", "Recently Added") and its list items; the caption line
  after a gallery control; an ad headline just above its "Sponsored" marker.

A unit that ends like a sentence is only ever removed by a block rule or a cue
that names it exactly, so article sentences survive unless chrome surrounds them.
Section headings inside an article (as in seed 003) are
kept as paragraphs of their own: they are the article's structure, carry no claim,
and keep the text readable; only a widget heading followed by its list items
("Recently Added", "Categories" and their links) is removed. Datelines and bylines
are removed as `dateline`: publication metadata is ingest's to read, not article text.
Cross-document chrome and repeated paragraphs are handled in `chrome` and `repeats`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from indicia.clean.units import Unit, cue_key, is_headline, is_sentence, word_count
from indicia.data import load_json

_COLON = r"\s*[:：]"
_CAPTION_MAX_WORDS = 60
_CUE_MAX_CHARS = 100


@dataclass(frozen=True)
class _PrefixRule:
    kind: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Cues:
    """The classifier's cue lists, compiled once from data/boilerplate.json."""

    exact: dict[str, str]  # cue key -> kind
    gallery: frozenset[str]  # cue keys of gallery controls (their next line is a caption)
    contains: tuple[tuple[str, str], ...]  # (casefolded cue, kind) for short lines
    contains_max_chars: int
    prefixes: tuple[_PrefixRule, ...]
    prefix_max_words: int
    breadcrumb: re.Pattern[str]
    breadcrumb_max_words: int
    credit: re.Pattern[str]
    credit_sources: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]
    dateline_ends: tuple[re.Pattern[str], ...]
    login_cues: tuple[str, ...]  # casefolded
    login_max_words: int
    dateline_max_words: int
    recommended: frozenset[str]
    headline_words: int
    appeal_strong: re.Pattern[str]
    appeal_self: re.Pattern[str]
    appeal_journalism: re.Pattern[str]
    appeal_short_words: int
    list_headings: dict[str, str]  # cue key -> kind
    bullets: tuple[str, ...]
    list_item_words: int

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Cues:
        exact = {
            cue_key(line): kind for kind, lines in data["exact_lines"].items() for line in lines
        }
        exact.pop("", None)  # a cue of punctuation only would match every long line
        contains = tuple(
            (cue.casefold(), kind)
            for kind, cues in data["short_line_contains"]["cues"].items()
            for cue in cues
        )
        prefixes = tuple(
            _PrefixRule(
                rule["kind"],
                re.compile(
                    "^(?:"
                    + "|".join(re.escape(c) for c in rule["cues"])
                    + ")"
                    + (_COLON if rule["colon"] else ""),
                    re.IGNORECASE,
                ),
            )
            for rule in data["line_prefixes"]["rules"]
        )
        crumb = data["breadcrumb_shape"]
        separators = "|".join(re.escape(s) for s in crumb["separators"])
        homes = "|".join(re.escape(h) for h in crumb["home_cues"])
        more = int(crumb["min_separators"]) - 1
        breadcrumb = re.compile(
            rf"^(?:{homes})\s*(?:{separators})(?:.*?(?:{separators})){{{more},}}", re.IGNORECASE
        )
        sources = data["image_credit"]["sources"]
        credit_sources = re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(s) for s in sorted(sources, key=len, reverse=True))
            + r")(?!\w)",
            re.IGNORECASE,
        )
        appeal = data["donation_appeal"]
        lists = data["lists"]
        return cls(
            exact=exact,
            gallery=frozenset(cue_key(c) for c in data["exact_lines"]["image_caption"]),
            contains=contains,
            contains_max_chars=int(data["short_line_contains"]["max_chars"]),
            prefixes=prefixes,
            prefix_max_words=int(data["line_prefixes"]["max_words"]),
            breadcrumb=breadcrumb,
            breadcrumb_max_words=int(crumb["max_words"]),
            credit=re.compile(r"\(([^()]{1,80})\)\s*$"),
            credit_sources=credit_sources,
            datelines=tuple(re.compile(p, re.IGNORECASE) for p in data["datelines"]["patterns"]),
            dateline_ends=tuple(
                re.compile(p, re.IGNORECASE) for p in data["datelines"]["end_patterns"]
            ),
            login_cues=tuple(c.casefold() for c in data["login_form"]["cues"]),
            login_max_words=int(data["login_form"]["max_words"]),
            dateline_max_words=int(data["datelines"]["max_words"]),
            recommended=frozenset(cue_key(h) for h in data["recommended"]["headings"]) - {""},
            headline_words=int(data["recommended"]["max_headline_words"]),
            appeal_strong=_words_pattern(appeal["strong"]),
            appeal_self=_words_pattern(appeal["self"]),
            appeal_journalism=_words_pattern(appeal["journalism"]),
            appeal_short_words=int(appeal["max_short_words"]),
            list_headings={cue_key(h): k for h, k in lists["headings"].items() if cue_key(h)},
            bullets=tuple(lists["bullets"]),
            list_item_words=int(lists["max_item_words"]),
        )


def _words_pattern(words: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ordered) + r")(?!\w)", re.I)


@cache
def load_cues() -> Cues:
    """The shipped cue lists (cached)."""
    return Cues.from_data(load_json("boilerplate.json"))


def classify(units: Sequence[Unit], cues: Cues | None = None) -> list[str | None]:
    """One removal kind per unit, or None for a unit that is article text."""
    cues = cues or load_cues()
    # Whole-line cues are short, so long lines need no key (and keying them is the slow part).
    keys = [cue_key(u.text) if len(u.text) <= _CUE_MAX_CHARS else "" for u in units]
    kinds: list[str | None] = [
        ("markup" if u.markup else _line_kind(u.text, key, cues))
        for u, key in zip(units, keys, strict=True)
    ]
    _login_forms(units, kinds, cues)
    _gallery_captions(units, keys, kinds, cues)
    _widget_lists(units, keys, kinds, cues)
    _sponsored_headlines(units, keys, kinds, cues)
    _recommended_blocks(units, keys, kinds, cues)
    _donation_appeals(units, kinds, cues)
    return kinds


# ------------------------------------------------------------------ single lines


def _line_kind(text: str, key: str, cues: Cues) -> str | None:
    if key in cues.exact:
        return cues.exact[key]
    if len(text) <= cues.contains_max_chars:
        folded = text.casefold()
        for cue, kind in cues.contains:
            if cue in folded:
                return kind
    words = word_count(text)
    if words <= cues.prefix_max_words:
        for rule in cues.prefixes:
            if rule.pattern.match(text):
                return rule.kind
    if words <= cues.breadcrumb_max_words and cues.breadcrumb.match(text):
        return "breadcrumb"
    credit = _credit_kind(text, cues)
    if credit:
        return credit
    if words <= cues.dateline_max_words and not is_sentence(text):
        for pattern in cues.datelines:
            if pattern.match(text):
                return "dateline"
        for pattern in cues.dateline_ends:
            if pattern.search(text):
                return "dateline"
    return None


def _credit_kind(text: str, cues: Cues) -> str | None:
    match = cues.credit.search(text)
    if not match or not cues.credit_sources.search(match.group(1)):
        return None
    return "image_caption" if text[: match.start()].strip() else "image_credit"


# ------------------------------------------------------------------------ blocks


def _login_forms(units: Sequence[Unit], kinds: list[str | None], cues: Cues) -> None:
    def field(i: int) -> bool:
        if kinds[i] == "login_form":
            return True
        text = units[i].text
        if kinds[i] is not None or is_sentence(text) or word_count(text) > cues.login_max_words:
            return False
        folded = text.casefold()
        return any(cue in folded for cue in cues.login_cues)

    fields = [field(i) for i in range(len(units))]
    for i, is_field in enumerate(fields):
        neighbour = (i > 0 and fields[i - 1]) or (i + 1 < len(fields) and fields[i + 1])
        if is_field and neighbour and kinds[i] is None:
            kinds[i] = "login_form"


def _gallery_captions(
    units: Sequence[Unit], keys: Sequence[str], kinds: list[str | None], cues: Cues
) -> None:
    for i in range(len(units) - 1):
        if kinds[i] == "image_caption" and keys[i] in cues.gallery:
            following = units[i + 1].text
            if (
                kinds[i + 1] is None
                and word_count(following) <= _CAPTION_MAX_WORDS
                and (not is_sentence(following) or _credit_kind(following, cues))
            ):
                kinds[i + 1] = "image_caption"


def _is_list_item(text: str, cues: Cues) -> bool:
    if text.startswith(cues.bullets):
        return word_count(text) <= cues.list_item_words + 1
    return not is_sentence(text) and word_count(text) <= cues.list_item_words


def _widget_lists(
    units: Sequence[Unit], keys: Sequence[str], kinds: list[str | None], cues: Cues
) -> None:
    n = len(units)
    for i in range(n):
        kind = cues.list_headings.get(keys[i])
        if kind is None or kinds[i] not in (None, kind):
            continue
        following = units[i + 1].text if i + 1 < n else None
        # A widget heading is followed by its items, another widget, or the end.
        if following is not None and not (
            _is_list_item(following, cues) or keys[i + 1] in cues.list_headings
        ):
            continue
        kinds[i] = kind
        j = i + 1
        while j < n and keys[j] not in cues.list_headings:
            if kinds[j] is None:
                if not _is_list_item(units[j].text, cues):
                    break
                kinds[j] = kind
            j += 1


def _sponsored_headlines(
    units: Sequence[Unit], keys: Sequence[str], kinds: list[str | None], cues: Cues
) -> None:
    for i, key in enumerate(keys):
        if kinds[i] != "sponsored" or cues.exact.get(key) != "sponsored":
            continue
        j = i - 1
        while j >= 0 and kinds[j] == "undo":
            j -= 1
        if j >= 0 and kinds[j] is None and not is_sentence(units[j].text):
            kinds[j] = "sponsored"


def _recommended_blocks(
    units: Sequence[Unit], keys: Sequence[str], kinds: list[str | None], cues: Cues
) -> None:
    n = len(units)
    for i in range(n):
        if kinds[i] is not None or keys[i] not in cues.recommended:
            continue
        kinds[i] = "recommended"
        j = i + 1
        while j < n:
            if kinds[j] is None:
                text = units[j].text
                if not (is_headline(text, cues.headline_words) or text.endswith("|")):
                    break  # the article resumes
                kinds[j] = "recommended"
            j += 1


def _donation_appeals(units: Sequence[Unit], kinds: list[str | None], cues: Cues) -> None:
    n = len(units)
    strong = [_appeal_anchor(u.text, cues) for u in units]
    if not any(strong):
        return
    weak = [
        bool(cues.appeal_self.search(u.text) and cues.appeal_journalism.search(u.text))
        for u in units
    ]

    def joins(j: int) -> bool:
        if strong[j] or (weak[j] and kinds[j] is None):
            return True
        return kinds[j] in ("navigation", "donation_appeal")

    i = 0
    while i < n:
        if not strong[i]:
            i += 1
            continue
        first = last = i
        while first > 0 and joins(first - 1):
            first -= 1
        while last + 1 < n and joins(last + 1):
            last += 1
        appeal_lines = sum(1 for j in range(first, last + 1) if strong[j] or weak[j])
        if appeal_lines >= 2:
            for j in range(first, last + 1):
                if kinds[j] in (None, "navigation", "donation_appeal"):
                    kinds[j] = "donation_appeal"
        i = last + 1


def _appeal_anchor(text: str, cues: Cues) -> bool:
    if not cues.appeal_strong.search(text):
        return False
    if word_count(text) <= cues.appeal_short_words:
        return True
    return bool(cues.appeal_self.search(text) and cues.appeal_journalism.search(text))


__all__ = ["Cues", "classify", "load_cues"]
