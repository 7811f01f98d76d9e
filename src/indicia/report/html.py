"""dossier.html: the web app's story view in one self-contained file.

Stories, how the dossier was made (methods and notes), origins graph, indicator
matrix, key figures with source chips, the figures no measure could be named for
("Other figures", kept out of the table and of conflicts), conflicts, timeline and
plots, then every document with its notes and its evidence highlighted (a quote
links to its sentence by anchor), every person, organisation and place with its
mentions and sanctions candidates, and the reviewers' decisions (no forms: the file
only shows them). The stylesheet and the small script are inlined,
the drawings are inline SVG, and a Content-Security-Policy meta tag forbids any
other source, so the file works offline and a hostile article string cannot run.
Every article-derived string is escaped by Jinja's autoescape.

A dossier of many documents stays a file a browser opens: dossier.html holds the
first `DOCUMENTS_PER_FILE` documents, and the rest go, that many to a file, into
`dossier-documents/part-0001.html`, ... beside it (each self-contained in the same
way). Every link (a quote to its sentence, a story to its documents, a document
back to its story) points into the file that holds its target.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from indicia.report import views
from indicia.report.render import InlineUrls, csp_hash, render, static_text

# Documents, with their text and evidence, in dossier.html and in each part file.
DOCUMENTS_PER_FILE = 1000
PARTS_FOLDER = "dossier-documents"


def part_name(part: int) -> str:
    """The file name of the `part`-th file of documents (1, 2, ...)."""
    return f"part-{part:04d}.html"


class SplitUrls(InlineUrls):
    """Links in one file of a split dossier: file 0 is dossier.html, file k its k-th
    part in PARTS_FOLDER. A target in another file is linked through that file."""

    def __init__(self, part_of: Mapping[str, int], here: int) -> None:
        self.part_of = part_of
        self.here = here

    def _file(self, part: int) -> str:
        if part == self.here:
            return ""
        if part == 0:
            return "../dossier.html"
        return part_name(part) if self.here else f"{PARTS_FOLDER}/{quote(part_name(part))}"

    def document(self, document_id: str, key: str | None = None) -> str:
        return self._file(self.part_of.get(document_id, 0)) + super().document(document_id, key)

    def story(self, story_id: str) -> str:
        return self._file(0) + super().story(story_id)

    def index(self) -> str:
        return self._file(0) + super().index()

    def entity(self, key: str) -> str:
        return self._file(0) + super().entity(key)


def render_html(dossier: dict[str, Any]) -> str:
    """dossier.html; with more than DOCUMENTS_PER_FILE documents, the file that links
    to the parts `render_html_parts` also returns."""
    return render_html_parts(dossier)[0]


def render_html_parts(
    dossier: dict[str, Any], per_file: int | None = None
) -> tuple[str, list[str]]:
    """dossier.html and its parts of documents (none when all fit in the one file),
    `per_file` documents to a file (DOCUMENTS_PER_FILE by default)."""
    per_file = DOCUMENTS_PER_FILE if per_file is None else per_file
    if per_file < 1:
        raise ValueError("per_file must be at least 1")
    css = static_text("indicia.css")
    js = static_text("indicia.js")
    csp = (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    index = views.Index(dossier)  # built once: every view below looks things up in it
    shown = [d["id"] for d in dossier["documents"] if d["status"] == "ok"]
    part_of = {doc: i // per_file for i, doc in enumerate(shown)}
    files = [shown[i : i + per_file] for i in range(0, len(shown), per_file)] or [[]]

    def documents(ids: list[str]) -> list[dict[str, Any]]:
        found = (views.document_view(dossier, doc, index) for doc in ids)
        return [view for view in found if view is not None]

    # Our own files, inlined verbatim: escaping them would break the CSS and the script.
    common = {"css": Markup(css), "js": Markup(js), "csp": csp}
    parts: list[dict[str, Any]] = [
        {"number": k, "file": f"{PARTS_FOLDER}/{part_name(k)}", "first": k * per_file + 1,
         "last": k * per_file + len(ids)}
        for k, ids in enumerate(files) if k
    ]  # fmt: skip
    overview = views.stories_overview(dossier, index)
    urls = SplitUrls(part_of, 0)
    stories = [views.story_view(dossier, s["id"], index, choices=False) for s in dossier["stories"]]
    entities = [
        views.entity_view(dossier, views.entity_key(e["name"]), index, choices=False)
        for e in dossier["entities"]
    ]
    main = render(
        "dossier.html",
        urls=urls,
        overview=overview,
        entities=[e for e in entities if e is not None],
        listing=views.entities_list(dossier, index),
        review=views.review_overview(dossier, index),
        stories=[s for s in stories if s is not None],
        documents=documents(files[0]),
        documents_total=len(shown),
        parts=parts,
        **common,
    )
    rendered = [
        render(
            "dossier_part.html",
            urls=SplitUrls(part_of, part["number"]),
            part=part,
            parts=parts,
            documents_total=len(shown),
            documents=documents(files[part["number"]]),
            generator=overview["generator"],
            **common,
        )
        for part in parts
    ]
    return main, rendered
