"""Full-text search over documents and quotes with SQLite FTS5.

The index is a separate in-memory database built on demand from one dossier, so
the store's schema and interface stay as they are and the index can never drift
from what the pages show: the web app rebuilds it when the store changes.

Plain words are searched as given, each as a prefix ("passport" finds
"passports"), all of them required. A query that uses FTS5's own syntax (a
"quoted phrase", OR, AND, NOT, NEAR(a b, 5), word*, parentheses, column:) goes
to FTS5 as it is, and one FTS5 cannot read is a `SearchSyntaxError` that says
why, never a page that matches everything or nothing without saying so.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from typing import Any

from indicia.report import (
    MARK_END,
    MARK_START,
    Index,
    document_name,
    evidence_key,
    figure_text,
    is_named,
)

_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_TERMS = 12
_MAX_QUERY = 500
# What makes a query FTS5 syntax rather than plain words: quotes, the operators
# (upper case, as FTS5 reads them), NEAR groups, prefixes, grouping, column filters.
_SYNTAX = re.compile(r"""["()*^]|\b(?:OR|AND|NOT)\b|\bNEAR\s*\(|\b(?:title|text|quote)\s*:""")

SYNTAX_HELP = (
    'Words are searched as prefixes, all required; "a quoted phrase", OR, NOT, '
    "NEAR(word word, 10), word* and parentheses follow SQLite FTS5's query syntax."
)


class SearchSyntaxError(ValueError):
    """A query in FTS5's syntax that FTS5 cannot read; the message says why."""


def uses_syntax(text: str) -> bool:
    """Whether the query asks for FTS5's syntax, not plain words."""
    return bool(_SYNTAX.search(text))


def fts_query(text: str) -> str | None:
    """The FTS5 MATCH expression for what a user typed: FTS5 syntax as written, or
    plain words, each a prefix, all required."""
    if uses_syntax(text):
        return text.strip()[:_MAX_QUERY] or None
    words = _WORD.findall(text)[:_MAX_TERMS]
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


class SearchIndex:
    """FTS5 tables over one dossier's document texts and evidence quotes."""

    def __init__(self, dossier: dict[str, Any]) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        self._db.executescript(
            "CREATE VIRTUAL TABLE documents USING fts5("
            " document UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');"
            "CREATE VIRTUAL TABLE quotes USING fts5("
            " document UNINDEXED, key UNINDEXED, kind UNINDEXED, about UNINDEXED, quote,"
            " tokenize = 'unicode61 remove_diacritics 2');"
        )
        index = Index(dossier)
        self._labels = {d: index.doc_label(d) for d in index.documents}
        self._titles = {d: document_name(doc) for d, doc in index.documents.items()}
        rows = [
            (d["id"], _unmarked(d.get("title") or ""), _unmarked(d.get("text") or ""))
            for d in dossier["documents"]
            if d["status"] == "ok"
        ]
        self._db.executemany("INSERT INTO documents VALUES (?, ?, ?)", rows)
        quotes: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}
        for finding in dossier["indicators"]:
            for ev in finding["evidence"]:
                key = evidence_key(ev["document"], ev["start"], ev["end"])
                quotes.setdefault(
                    (key, finding["code"]),
                    (ev["document"], key, "indicator", finding["label"], _unmarked(ev["quote"])),
                )
        for claim in dossier["claims"]:
            measure = claim["measure"] if is_named(claim) else "other figure"
            about = f"{measure}: {figure_text(claim)}"
            for ev in claim["evidence"]:
                key = evidence_key(ev["document"], ev["start"], ev["end"])
                quotes.setdefault(
                    (key, claim["id"]),
                    (ev["document"], key, "figure", about, _unmarked(ev["quote"])),
                )
        self._db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?)", list(quotes.values()))
        self._db.commit()

    def search(self, text: str, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
        """Matching documents and quotes, best first; snippets carry MARK_START/MARK_END."""
        query = fts_query(text)
        if query is None:
            return {"documents": [], "quotes": []}
        try:
            with self._lock:
                doc_rows = self._db.execute(
                    "SELECT document, snippet(documents, -1, ?, ?, '…', 24) FROM documents "
                    "WHERE documents MATCH ? ORDER BY bm25(documents, 5.0, 1.0) LIMIT ?",
                    (MARK_START, MARK_END, query, limit),
                ).fetchall()
                quote_rows = self._db.execute(
                    "SELECT document, key, kind, about, highlight(quotes, 4, ?, ?) FROM quotes "
                    "WHERE quotes MATCH ? ORDER BY rank LIMIT ?",
                    (MARK_START, MARK_END, _for_quotes(query), limit),
                ).fetchall()
        except sqlite3.OperationalError as exc:
            reason = str(exc).removeprefix("fts5: ")
            raise SearchSyntaxError(
                f"The search {text.strip()!r} could not be read: {reason}. " + SYNTAX_HELP
            ) from exc
        return {
            "documents": [
                {
                    "document": doc,
                    "title": self._titles.get(doc, doc),
                    "source": self._labels.get(doc, doc),
                    "snippet": snippet,
                }
                for doc, snippet in doc_rows
            ],
            "quotes": [
                {
                    "document": doc,
                    "key": key,
                    "kind": kind,
                    "about": about,
                    "source": self._labels.get(doc, doc),
                    "snippet": snippet,
                }
                for doc, key, kind, about, snippet in quote_rows
            ],
        }

    def close(self) -> None:
        self._db.close()


def _for_quotes(query: str) -> str:
    # The quotes table has one searchable column: a filter naming a documents column
    # ("title:") searches the quote instead of failing on it.
    return re.sub(r"(?<![\w\"])(?:title|text)\s*:", "quote:", query)


def _unmarked(text: str) -> str:
    # Offsets do not matter in the index, so the marker characters can simply go.
    return text.replace(MARK_START, " ").replace(MARK_END, " ")


def plain(snippet: str) -> str:
    """A snippet without its match markers, for the JSON twin."""
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


__all__ = [
    "MARK_END",
    "MARK_START",
    "SYNTAX_HELP",
    "SearchIndex",
    "SearchSyntaxError",
    "fts_query",
    "plain",
    "uses_syntax",
]
