"""How a document's language reads in every output, and the language filter's choices.

One place for it, so dossier.md, dossier.html and the web UI say the same: the
language's English name with its ISO 639-1 code ("German (de)"), the other languages
of a page that mixes them ("Chinese (zh); also English (en)"), and "unknown" where the
text did not decide one, never a guess.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from indicia.text.language import language_name

UNKNOWN = "unknown"


def language_label(code: str | None) -> str:
    """ "German (de)" for "de"; "unknown" for None."""
    if not code:
        return UNKNOWN
    name = language_name(code)
    return code if name == code else f"{name} ({code})"


def other_languages(document: Mapping[str, Any]) -> list[str]:
    """The languages of a document's runs besides its main one, most text first."""
    main = document.get("language")
    sizes: Counter[str] = Counter()
    for run in document.get("languages") or []:
        if run["language"] != main:
            sizes[run["language"]] += int(run["end"]) - int(run["start"])
    return [code for code, _ in sorted(sizes.items(), key=lambda item: (-item[1], item[0]))]


def document_language(document: Mapping[str, Any]) -> str:
    """A document's language as every output shows it, with the others of a mixed page."""
    label = language_label(document.get("language"))
    others = other_languages(document)
    if not others:
        return label
    return f"{label}; also " + ", ".join(language_label(code) for code in others)


def languages_present(documents: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The main languages of the documents, for a filter: code, label, count, most first."""
    counts = Counter(d.get("language") for d in documents if d.get("language"))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return [{"code": code, "label": language_label(code), "documents": n} for code, n in ordered]


def in_language(document: Mapping[str, Any], code: str | None) -> bool:
    """Whether the filter `code` keeps the document: its main language, or any run's."""
    if not code:
        return True
    if document.get("language") == code:
        return True
    return any(run["language"] == code for run in document.get("languages") or [])


__all__ = [
    "UNKNOWN",
    "document_language",
    "in_language",
    "language_label",
    "languages_present",
    "other_languages",
]
