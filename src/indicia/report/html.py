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

A large dossier stays files a browser opens: dossier.html holds the overview, the
list of names and the first stories, documents and names, as many as fit a budget;
the rest go, as many to a file, into `dossier-parts/stories-0001.html`,
`documents-0001.html`, `names-0001.html`, ... beside it (each self-contained in the
same way). Every link (a quote to its sentence, a story to its documents, a name to
its mentions) points into the file that holds its target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from indicia.report import views
from indicia.report.render import InlineUrls, csp_hash, render, static_text

# What one file of a dossier holds at most, in rough units of its size: a story
# weighs its documents and figures, a document its characters (in thousands) and
# quotes, a name its mentions. A file of this budget is a few megabytes.
FILE_BUDGET = 2000
PARTS_FOLDER = "dossier-parts"
KINDS = ("stories", "documents", "names")


def part_name(kind: str, part: int) -> str:
    """The file name of the `part`-th file (1, 2, ...) of stories, documents or names."""
    return f"{kind}-{part:04d}.html"


class SplitUrls(InlineUrls):
    """Links in one file of a split dossier. `where` maps (kind, id) to the file that
    holds it ("" for dossier.html, else a path under PARTS_FOLDER); `here` is the
    file these links are written into. A target elsewhere is linked through its file."""

    def __init__(self, where: Mapping[tuple[str, str], str], here: str) -> None:
        self.where = where
        self.here = here

    def _file(self, target: str) -> str:
        if target == self.here:
            return ""
        if not target:
            return "../dossier.html"
        name = quote(target.rsplit("/", 1)[-1])
        return name if self.here else f"{PARTS_FOLDER}/{name}"

    def document(self, document_id: str, key: str | None = None) -> str:
        return self._file(self.where.get(("documents", document_id), "")) + super().document(
            document_id, key
        )

    def story(self, story_id: str) -> str:
        return self._file(self.where.get(("stories", story_id), "")) + super().story(story_id)

    def index(self) -> str:
        return self._file("") + super().index()

    def entity(self, key: str) -> str:
        return self._file(self.where.get(("names", key), "")) + super().entity(key)


def render_html(dossier: dict[str, Any]) -> str:
    """dossier.html (for a large dossier, the file that links to the parts
    `render_html_parts` also returns)."""
    return render_html_parts(dossier)[0]


def _pack(weights: list[tuple[str, float]], budget: float) -> list[list[str]]:
    """Items in order, cut into runs of at most `budget` weight (one heavier item alone)."""
    runs: list[list[str]] = [[]]
    total = 0.0
    for item, weight in weights:
        if runs[-1] and total + weight > budget:
            runs.append([])
            total = 0.0
        runs[-1].append(item)
        total += weight
    return runs


def render_html_parts(
    dossier: dict[str, Any], budget: float | None = None, index: views.Index | None = None
) -> tuple[str, Mapping[str, str]]:
    """dossier.html and its parts {path under the dossier folder: html} (none when all
    fits in the one file), each file filled to `budget` (FILE_BUDGET by default); a part
    is rendered when it is read."""
    budget = FILE_BUDGET if budget is None else budget
    if budget <= 0:
        raise ValueError("budget must be positive")
    css = static_text("indicia.css")
    js = static_text("indicia.js")
    csp = (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    # built once (or given): every view below looks things up in it
    index = views.Index(dossier) if index is None else index
    claims = index.claims_by_story
    weighed: dict[str, list[tuple[str, float]]] = {
        "stories": [
            (s["id"], 5 + len(s["documents"]) + len(claims.get(s["id"], [])))
            for s in dossier["stories"]
        ],
        "documents": [
            (d["id"], 1 + len(d.get("text") or "") / 1000)
            for d in dossier["documents"]
            if d["status"] == "ok"
        ],
        "names": [
            (views.entity_key(e["name"]), 2 + len(e.get("mentions") or []))
            for e in dossier["entities"]
        ],
    }
    runs = {kind: _pack(items, budget) for kind, items in weighed.items()}
    where: dict[tuple[str, str], str] = {}
    for kind, kind_runs in runs.items():
        for k, run in enumerate(kind_runs):
            path = f"{PARTS_FOLDER}/{part_name(kind, k)}" if k else ""
            where.update(((kind, item), path) for item in run)

    def story_views(ids: list[str]) -> list[dict[str, Any]]:
        found = (views.story_view(dossier, i, index, choices=False) for i in ids)
        return [v for v in found if v is not None]

    def document_views(ids: list[str]) -> list[dict[str, Any]]:
        found = (views.document_view(dossier, i, index) for i in ids)
        return [v for v in found if v is not None]

    def entity_views(keys: list[str]) -> list[dict[str, Any]]:
        found = (views.entity_view(dossier, k, index, choices=False) for k in keys)
        return [v for v in found if v is not None]

    build = {"stories": story_views, "documents": document_views, "names": entity_views}
    titles = {
        "stories": "Stories",
        "documents": "Documents",
        "names": "People, organisations and places",
    }
    parts_list: list[dict[str, Any]] = [
        {"kind": kind, "title": titles[kind], "number": k,
         "file": f"{PARTS_FOLDER}/{part_name(kind, k)}", "count": len(run),
         "first": sum(len(r) for r in runs[kind][:k]) + 1}
        for kind in KINDS for k, run in enumerate(runs[kind]) if k
    ]  # fmt: skip
    # Our own files, inlined verbatim: escaping them would break the CSS and the script.
    common = {"css": Markup(css), "js": Markup(js), "csp": csp, "parts": parts_list}
    overview = views.stories_overview(dossier, index)
    main = render(
        "dossier.html",
        urls=SplitUrls(where, ""),
        overview=overview,
        listing=views.entities_list(dossier, index),
        review=views.review_overview(dossier, index),
        stories=story_views(runs["stories"][0]),
        documents=document_views(runs["documents"][0]),
        entities=entity_views(runs["names"][0]),
        totals={kind: len(items) for kind, items in weighed.items()},
        **common,
    )

    def render_part(part: dict[str, Any]) -> str:
        return render(
            "dossier_part.html",
            urls=SplitUrls(where, part["file"]),
            part=part,
            views=build[part["kind"]](runs[part["kind"]][part["number"]]),
            generator=overview["generator"],
            **common,
        )

    return main, LazyParts(parts_list, render_part)


class LazyParts(Mapping[str, str]):
    """The part files by path, each rendered when it is read: whoever writes them one
    after another holds one part in memory, not the whole dossier's HTML."""

    def __init__(
        self, parts: list[dict[str, Any]], render_part: Callable[[dict[str, Any]], str]
    ) -> None:
        self._parts = {part["file"]: part for part in parts}
        self._render = render_part

    def __getitem__(self, name: str) -> str:
        return self._render(self._parts[name])

    def __contains__(self, name: object) -> bool:
        return name in self._parts  # without rendering it

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts)

    def __len__(self) -> int:
        return len(self._parts)
