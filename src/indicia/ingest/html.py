"""HTML pages: decode them and read their metadata (title, outlet, URL, author, date, language).

Metadata comes from trafilatura's `extract_metadata` (title, og:site_name,
article:published_time, canonical link, JSON-LD, bylines) plus the declared
language (`<html lang>`, Content-Language, og:locale). Outlet names are mapped
to canonical names through data/outlets.json. The document's content stays the
HTML source: main-text extraction is the clean stage's job, not this module's.
A page whose metadata cannot be read keeps its content and loses only metadata;
metadata is searched for in the first megabyte of a page only.
"""

from __future__ import annotations

import logging
from typing import Any

from indicia.errors import InputError
from indicia.ingest.decode import decode
from indicia.ingest.document import ok_document
from indicia.ingest.guard import translating
from indicia.ingest.metadata import (
    Metadata,
    canonical_outlet,
    clean_field,
    clean_language,
    clean_url,
    iso_date,
    known_outlet,
    outlet_from_url,
)
from indicia.records import SourceDocument

log = logging.getLogger(__name__)

_METADATA_WINDOW = 1_000_000  # characters of a page searched for metadata


def _declared_language(tree: Any) -> str | None:
    language = clean_language(
        tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    if language:
        return language
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            language = clean_language(meta.get("content"))
            if language:
                return language
    return None


def html_metadata(
    text: str, source_path: str, default_url: str | None = None, max_date: str | None = None
) -> Metadata:
    """The metadata a page declares; raises InputError when the page cannot be parsed."""
    from trafilatura import load_html
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import set_date_params

    if len(text) > _METADATA_WINDOW:
        # Metadata sits in the head and the top of the body; date and byline searches over
        # a whole 20 MB page take minutes, so they see the first megabyte only.
        text = text[: max(text.rfind("<", 0, _METADATA_WINDOW), 1)]
    with translating(source_path, "HTML metadata"):
        tree = load_html(text)
        if tree is None:
            raise InputError(source_path, "HTML could not be parsed")
        language = _declared_language(tree)
        date_config = set_date_params(True)
        if max_date:
            # A page cannot have been published after it was crawled.
            date_config["max_date"] = max_date
        found = extract_metadata(tree, default_url=default_url, date_config=date_config)
    url = clean_url(found.url) or clean_url(default_url)
    sitename = clean_field(found.sitename)
    # The page's own domain first: a site-name field sometimes holds a credit line.
    outlet = outlet_from_url(url) or known_outlet(sitename) or canonical_outlet(sitename)
    return Metadata(
        title=clean_field(found.title),
        outlet=outlet,
        url=url,
        author=clean_field(found.author),
        published=iso_date(found.date),
        language=language,
    )


def read_html(
    payload: bytes,
    source_path: str,
    declared_charset: str | None = None,
    given: Metadata | None = None,
    max_date: str | None = None,
) -> SourceDocument:
    """One HTML document; `given` metadata (from a record or feed) wins over the page's own."""
    decoded = decode(payload, declared=declared_charset, markup=True)
    if decoded.replaced:
        log.warning("%s: %d undecodable bytes replaced", source_path, decoded.replaced)
    given = given or Metadata()
    try:
        found = html_metadata(decoded.text, source_path, given.url, max_date)
    except InputError as exc:
        log.warning("%s: metadata not read: %s", source_path, exc.reason)
        found = Metadata()
    return ok_document(
        payload, source_path, "html", decoded.text, decoded.encoding, given.fill(found)
    )
