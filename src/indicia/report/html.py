"""dossier.html: one self-contained file, every article-derived string escaped."""

from __future__ import annotations

from html import escape
from typing import Any

from indicia.report.markdown import render_markdown


def render_html(dossier: dict[str, Any]) -> str:
    body = escape(render_markdown(dossier))
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<title>indicia dossier</title>"
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto}"
        "pre{white-space:pre-wrap}</style></head><body>"
        f"<pre>{body}</pre></body></html>"
    )
