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
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from indicia.report import views
from indicia.report.render import InlineUrls, csp_hash, render, static_text


def render_html(dossier: dict[str, Any]) -> str:
    css = static_text("indicia.css")
    js = static_text("indicia.js")
    csp = (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    index = views.Index(dossier)  # built once: every view below looks things up in it
    stories = [views.story_view(dossier, s["id"], index, choices=False) for s in dossier["stories"]]
    documents = [
        views.document_view(dossier, d["id"], index)
        for d in dossier["documents"]
        if d["status"] == "ok"
    ]
    entities = [
        views.entity_view(dossier, views.entity_key(e["name"]), index, choices=False)
        for e in dossier["entities"]
    ]
    return render(
        "dossier.html",
        urls=InlineUrls(),
        overview=views.stories_overview(dossier, index),
        entities=[e for e in entities if e is not None],
        listing=views.entities_list(dossier, index),
        review=views.review_overview(dossier, index),
        stories=[s for s in stories if s is not None],
        documents=[d for d in documents if d is not None],
        # Our own files, inlined verbatim: escaping them would break the CSS and the script.
        css=Markup(css),
        js=Markup(js),
        csp=csp,
    )
