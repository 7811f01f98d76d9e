"""The Jinja environment and link schemes of every HTML page: the web app and dossier.html.

Autoescape is on for every template, so an article string reaches the page only as
text. `WebUrls` links between server pages; `InlineUrls` links to anchors inside the
one-file dossier. The same macros render the story view in both.
"""

from __future__ import annotations

import hashlib
from base64 import b64encode
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from indicia.report import plots
from indicia.report.figures import figure_text

# Search-snippet markers: control characters that cleaned text never contains,
# turned into <mark> only after the snippet has been escaped.
MARK_START = "\x02"
MARK_END = "\x03"


class Urls(Protocol):
    def document(self, document_id: str, key: str | None = None) -> str: ...

    def story(self, story_id: str) -> str: ...

    def index(self) -> str: ...

    def entity(self, key: str) -> str: ...


class WebUrls:
    """Links between the web app's pages."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def document(self, document_id: str, key: str | None = None) -> str:
        url = f"{self.prefix}/documents/{quote(document_id, safe='')}"
        return f"{url}#{quote(key, safe='')}" if key else url

    def story(self, story_id: str) -> str:
        return f"{self.prefix}/stories/{quote(story_id, safe='')}"

    def index(self) -> str:
        return f"{self.prefix}/"

    def entity(self, key: str) -> str:
        return f"{self.prefix}/entities/{quote(key, safe='')}"


class InlineUrls:
    """Anchors inside dossier.html, where every story and document is one section."""

    def document(self, document_id: str, key: str | None = None) -> str:
        return f"#{quote(key, safe='')}" if key else f"#doc-{quote(document_id, safe='')}"

    def story(self, story_id: str) -> str:
        return f"#story-{quote(story_id, safe='')}"

    def index(self) -> str:
        return "#top"

    def entity(self, key: str) -> str:
        return f"#{quote(key, safe='')}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("indicia.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["marked"] = marked
    env.filters["figure"] = figure_text
    env.filters["quote_targets"] = quote_targets
    env.globals.update(
        origins_svg=plots.origins_svg,
        figures_svg=plots.figures_svg,
        coverage_svg=plots.coverage_svg,
        timeline_svg=plots.timeline_svg,
    )
    return env


def quote_targets(evidence: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Quotes as the choices of a reject-quote form: DOCUMENT:START:END and the quote."""
    return [
        {"value": f"{q['document']}:{q['start']}:{q['end']}", "label": str(q["quote"])}
        for q in evidence
    ]


def marked(snippet: str) -> Markup:
    """A search snippet escaped, then its match markers turned into <mark>."""
    safe = str(escape(snippet))
    return Markup(safe.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def static_text(name: str) -> str:
    """A file from report/static, for inlining into dossier.html."""
    return resources.files("indicia.report").joinpath("static", name).read_text("utf-8")


def static_dir() -> str:
    """The folder of the stylesheet and script the web app serves under /static."""
    return str(resources.files("indicia.report").joinpath("static"))


def csp_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{b64encode(digest).decode('ascii')}'"


__all__ = [
    "MARK_END",
    "MARK_START",
    "InlineUrls",
    "Urls",
    "WebUrls",
    "csp_hash",
    "environment",
    "marked",
    "render",
    "static_dir",
    "static_text",
]
