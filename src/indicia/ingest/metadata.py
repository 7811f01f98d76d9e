"""Document metadata common to every format: the record, dates, outlet names.

`Metadata` is what a format reader found (title, outlet, URL, author, date,
language); `iso_date` turns the many ways a date is written into YYYY-MM-DD;
`known_outlet` and `outlet_from_url` map names and web addresses to the
canonical outlet names in data/outlets.json. Nothing here reads files or guesses
a value that the input does not state.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import re
import time
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from indicia.data import load_json

_MAX_FIELD = 500  # a title or author longer than this is not a title or author


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str | None = None

    def fill(self, other: Metadata) -> Metadata:
        """These values, with the gaps filled from `other`."""
        return Metadata(
            **{
                f.name: getattr(self, f.name) or getattr(other, f.name)
                for f in dataclasses.fields(self)
            }
        )


def clean_field(value: object) -> str | None:
    """A one-line, trimmed string, or None for empty, non-text or absurdly long values."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > _MAX_FIELD:
        return None
    return text


_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T|$)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def _valid(year: int, month: int, day: int) -> str | None:
    if not 1800 <= year <= 2200:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date(value: object) -> str | None:
    """YYYY-MM-DD for a date written in a common form, else None (never a guess)."""
    if isinstance(value, dt.datetime | dt.date):
        return _valid(value.year, value.month, value.day)
    if isinstance(value, time.struct_time):
        return _valid(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 200:
        return None
    for pattern in (_ISO, _CJK):
        match = pattern.search(text)
        if match:
            return _valid(*(int(g) for g in match.groups()))
    match = _COMPACT.match(text)
    if match:
        return _valid(*(int(g) for g in match.groups()))
    try:
        parsed = email.utils.parsedate_to_datetime(text)  # RFC 2822, as in RSS
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _valid(parsed.year, parsed.month, parsed.day)
    match = _DAY_MONTH_YEAR.search(text)
    if match and match.group(2).lower() in _MONTHS:
        return _valid(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    match = _MONTH_DAY_YEAR.search(text)
    if match and match.group(1).lower() in _MONTHS:
        return _valid(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    return None


@cache
def _outlet_tables() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    aliases: dict[str, str] = {}
    domains: list[tuple[str, str]] = []
    for outlet in load_json("outlets.json")["outlets"]:
        name = outlet["name"]
        for alias in (name, *outlet.get("aliases", ())):
            aliases.setdefault(alias.casefold(), name)
        for domain in outlet.get("domains", ()):
            domains.append((domain.lower(), name))
    # Longest domain first, so a subdomain entry wins over its parent.
    domains.sort(key=lambda pair: -len(pair[0]))
    return aliases, tuple(domains)


def known_outlet(name: str | None) -> str | None:
    """The canonical name of a listed outlet written as `name` (any alias), else None."""
    text = clean_field(name)
    if text is None:
        return None
    aliases, _ = _outlet_tables()
    return aliases.get(text.casefold())


def canonical_outlet(name: str | None) -> str | None:
    """A listed outlet's canonical name, or the name as the input wrote it."""
    text = clean_field(name)
    return known_outlet(text) or text


def outlet_from_url(url: str | None) -> str | None:
    """The listed outlet whose web domain serves `url`, else None."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    _, domains = _outlet_tables()
    for domain, name in domains:
        if host == domain or host.endswith("." + domain):
            return name
    return None


def clean_url(value: object) -> str | None:
    """An absolute http(s) URL, else None."""
    text = clean_field(value)
    if text is None or not re.match(r"(?i)^https?://[^\s/]+", text):
        return None
    return text


def clean_language(value: object) -> str | None:
    """A declared language tag, lower-cased primary subtag (`en-GB` -> `en`), else None."""
    text = clean_field(value)
    if text is None:
        return None
    match = re.match(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$", text)
    return match.group(1).lower() if match else None
