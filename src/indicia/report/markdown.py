"""dossier.md: the dossier as Markdown a reviewer can read in any viewer.

Every string that comes from an article (titles, outlets, quotes, names, notes, file
names, figures as written) goes through `_cell`, which backslash-escapes what
Markdown would read as markup, so a hostile page's `<script>` or `[link](javascript:)`
reaches a rendered dossier.md as the text it is, never as HTML or a link.
"""

from __future__ import annotations

import re
from typing import Any

from indicia.report.figures import figure_text, is_named
from indicia.report.languages import document_language
from indicia.report.views import summary_text

# What Markdown (CommonMark and GitHub's tables) reads as markup anywhere in a line:
# raw HTML and autolinks (<), links and images ([ ] !), emphasis (* _ ~), code (`),
# entities (&), escapes (\\), table cells (|) and headings (#).
# An underscore inside a word (snake_case) is never emphasis in CommonMark: it stays bare.
_MARKUP = re.compile(r"[\\`*\[\]<>|~&#!]|(?<![^\W_])_|_(?![^\W_])")
# What starts a block at the beginning of a line: a list item, or a setext underline.
_BLOCK_START = re.compile(r"^(?:=|[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def _cell(text: object) -> str:
    """Article text as Markdown that renders to exactly that text, on one line."""
    one_line = _LINE_BREAKS.sub(" ", str(text if text is not None else "")).strip()
    escaped = _MARKUP.sub(lambda m: "\\" + m.group(0), one_line)
    start = _BLOCK_START.match(escaped)
    if start:
        # "1." or "-" at the start would make a list: escape the mark after the digits.
        at = start.end() if start.group(0)[0].isdigit() else 0
        escaped = escaped[:at] + "\\" + escaped[at:]
    return escaped


def _line(text: object) -> str:
    """Text inside a fenced code block: literal there, it only has to stay on one line."""
    return _LINE_BREAKS.sub(" ", str(text if text is not None else ""))


def _code(text: object) -> str:
    """An identifier as inline code, or as escaped text if it could close the code span."""
    value = str(text if text is not None else "")
    return f"`{value}`" if value and "`" not in value and _line(value) == value else _cell(value)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def render_markdown(dossier: dict[str, Any]) -> str:
    docs = {d["id"]: d for d in dossier["documents"]}
    summary = dossier["summary"]
    out = [
        "# indicia dossier",
        "",
        f"{_cell(summary_text(summary))}, {_count(summary['stories'], 'story', 'stories')}.",
        "",
    ]
    methods = summary.get("methods") or {}
    if methods:
        out += ["How this dossier was made:", ""]
        out += [f"- {_cell(name)}: {_cell(how)}" for name, how in sorted(methods.items())]
        out.append("")
    notes = [
        f"{_doc_label(docs, d['id'])}: {_cell(note)}"
        for d in dossier["documents"]
        for note in d.get("notes", [])
    ]
    if notes or summary.get("notes"):
        lines = [_cell(n) for n in summary.get("notes") or []] + notes
        out += ["Notes:", ""] + [f"- {line}" for line in lines] + [""]
    for story in dossier["stories"]:
        out += [f"## Story: {_cell(story['title'])}", ""]
        origins = ", ".join(_cell(o["outlet"]) for o in story["origins"]) or "not determined"
        out += [
            f"- Documents: {len(story['documents'])}",
            f"- Origins: {origins}",
            f"- Independent sources: {story['independent_sources']}",
            "",
        ]
        graph = _graph_lines(story, docs)
        if graph:
            out += ["Derived-from graph:", "", "```", *graph, "```", ""]

    if dossier["indicators"]:
        out += ["## ILO indicators of forced labour", ""]
        for finding in dossier["indicators"]:
            out += [
                f"### {_cell(finding['label'])} ({_code(finding['code'])})",
                "",
                f"Independent sources: {finding['independent_sources']}",
                "",
            ]
            for ev in finding["evidence"]:
                out.append(f"- > {_cell(ev['quote'])} ({_doc_label(docs, ev['document'])})")
            out.append("")

    if dossier["claims"]:
        out += _claims_lines(dossier, docs)

    if dossier["entities"]:
        out += [
            "## People and organisations named",
            "",
            "| name | type | aliases | documents |",
            "|---|---|---|---|",
        ]
        for entity in dossier["entities"]:
            out.append(
                f"| {_cell(entity['name'])} | {_cell(entity['type'])} | "
                f"{_cell(', '.join(entity['aliases']))} | {len(entity['documents'])} |"
            )
        out.append("")

    out += _screening_lines(dossier.get("screening"), docs)
    out += _review_lines(dossier.get("review"))

    out += [
        "## Documents",
        "",
        "| id | file | title | outlet | published | language | status | removed"
        " | in its story because |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for d in dossier["documents"]:
        removed = d["removed"]
        out.append(
            f"| {_code(d['id'])} | {_cell(_file_name(d['source_path']))} | {_cell(d['title'])}"
            f" | {_cell(d['outlet'])} | {_cell(d['published'])}"
            f" | {_cell(document_language(d))}"
            f" | {_cell(d['status'])}{': ' + _cell(d['error']) if d.get('error') else ''}"
            f" | {removed['boilerplate_lines']} chrome, {removed['repeated_paragraphs']} repeats"
            f" | {_cell(d.get('joined_by') or '')} |"
        )
    out.append("")
    return "\n".join(out)


def _review_lines(review: dict[str, Any] | None) -> list[str]:
    """The reviewers' decisions: who, when, why, what each overrode; undone ones too."""
    if not review or not review["decisions"]:
        return []
    out = [
        "## Review decisions",
        "",
        "| decision | action | target | by | when | why | overrode | in force |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d in review["decisions"]:
        target = d["target"] + (f" -> {d['value']}" if d["value"] else "")
        if d["undone_at"]:
            state = f"undone {d['undone_at']} by {d['undone_by']}: {d['undo_reason']}"
        else:
            state = "yes" if d["applied"] else "no: this run has no such target"
        out.append(
            f"| `{d['id']}` | {d['action']} | {_cell(target)} | {_cell(d['reviewer'])} "
            f"| {d['made_at']} | {_cell(d['reason'])} | {_cell(d['overrode'])} | {_cell(state)} |"
        )
    out.append("")
    return out


def _screening_lines(screening: dict[str, Any] | None, docs: dict[str, Any]) -> list[str]:
    """Sanctions candidates with the features behind each score; never findings."""
    if not screening:
        return []
    out = ["## Sanctions screening", ""]
    out += [f"- Screened against {_cell(name)}" for name in screening["lists"]]
    out += [f"- {_cell(note)}" for note in screening["notes"]]
    out.append("")
    if not screening["candidates"]:
        return [*out, "No person or organisation named here matched a list entry.", ""]
    out += [
        "| named in the documents | list entry | score | status |",
        "|---|---|---|---|",
    ]
    for c in screening["candidates"]:
        entry = c["entry"]
        out.append(
            f"| {_cell(c['entity'])} ({c['entity_type']}) | {_cell(entry['list_name'])} "
            f"{_cell(entry['entry_id'])}: {_cell(entry['name'])} | {c['score']:.2f} "
            f"| {c['status']} |"
        )
    out.append("")
    for c in screening["candidates"]:
        entry = c["entry"]
        out += [f"### {_cell(c['entity'])} ~ {_cell(entry['name'])} ({c['status']})", ""]
        out += [f"- {f['feature']}: {_cell(f['detail'])}" for f in c["features"]]
        for ev in c["evidence"][:5]:
            out.append(f"- > {_cell(ev['quote'])} ({_doc_label(docs, ev['document'])})")
        if len(c["evidence"]) > 5:
            out.append(f"- and {len(c['evidence']) - 5} more mentions")
        out.append("")
    return out


def _claims_lines(dossier: dict[str, Any], docs: dict[str, Any]) -> list[str]:
    """Key figures (named measures), each conflict once, the quotes behind them, and the
    figures no measure could be given, apart ("Other figures"), with their quotes."""
    claims = dossier["claims"]
    named = [c for c in claims if is_named(c)]
    other = [c for c in claims if not is_named(c)]
    titles = {s["id"]: s["title"] for s in dossier["stories"]}
    several = len({c["story"] for c in claims}) > 1
    out: list[str] = []
    if named:
        head = ["story"] if several else []
        head += ["measure", "figure", "period", "attributed to", "sources", "conflicts"]
        out += ["## Key figures", "", "| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
        for claim in named:
            cells = [titles.get(claim["story"], claim["story"])] if several else []
            cells += [
                claim["measure"],
                figure_text(claim),
                claim["period"],
                claim["attributed_to"],
                claim["independent_sources"],
                len(claim["conflicts"]),
            ]
            out.append("| " + " | ".join(_cell(x) for x in cells) + " |")
        out.append("")
    conflict_lines = _conflict_lines(named, docs)
    if conflict_lines:
        out += ["## Conflicts", "", *conflict_lines, ""]
    if named:
        out += ["### Quotes behind the figures", ""]
        for claim in named:
            out.append(f"- **{_cell(claim['measure'])}** = {_cell(figure_text(claim))}")
            for ev in claim["evidence"]:
                out.append(f"  - > {_cell(ev['quote'])} ({_doc_label(docs, ev['document'])})")
        out.append("")
    if other:
        out += [
            "## Other figures",
            "",
            "Figures whose measure could not be named with confidence; they take part in"
            " no conflict.",
            "",
        ]
        for claim in other:
            out.append(f"- {_cell(figure_text(claim))}")
            for ev in claim["evidence"]:
                out.append(f"  - > {_cell(ev['quote'])} ({_doc_label(docs, ev['document'])})")
        out.append("")
    return out


def _conflict_lines(claims: list[dict[str, Any]], docs: dict[str, Any]) -> list[str]:
    # A conflict is recorded on both of its claims; list each disagreeing pair once.
    seen: set[frozenset[str]] = set()
    lines = []
    for claim in claims:
        for conflict in claim["conflicts"]:
            pair = frozenset((claim["id"], conflict["claim"]))
            if pair in seen:
                continue
            seen.add(pair)
            lines.append(f"- **{_cell(claim['measure'])}**: {_cell(conflict['reason'])}")
            for ev in conflict.get("evidence", []):
                lines.append(f"  - > {_cell(ev['quote'])} ({_doc_label(docs, ev['document'])})")
    return lines


def _file_name(source_path: str) -> str:
    # The last part of a path, or the whole of "<stdin>" and container-record names.
    return source_path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or source_path


def _doc_label(docs: dict[str, Any], document_id: str) -> str:
    # A reader needs to tell documents apart without looking ids up: the outlet when it
    # is known, else the file the document came from.
    doc = docs.get(document_id, {})
    name = doc.get("outlet") or _file_name(doc.get("source_path") or "")
    return f"{_code(document_id)} {_cell(name)}".strip()


def _graph_node(docs: dict[str, Any], document_id: str) -> str:
    # In the graph a document is its file: an aggregator copy that names The Independent as
    # its outlet would otherwise read as "The Independent --copy--> The Independent".
    doc = docs.get(document_id, {})
    name = _file_name(doc.get("source_path") or "")
    outlet = f" ({_line(doc['outlet'])})" if doc.get("outlet") else ""
    return _line(f"{document_id} {name}{outlet}".strip())


def _graph_lines(story: dict[str, Any], docs: dict[str, Any]) -> list[str]:
    lines = []
    for document_id in story["documents"]:
        doc = docs.get(document_id)
        if not doc:
            continue
        for edge in doc["derived_from"]:
            if edge.get("document"):
                target = _graph_node(docs, edge["document"])
            else:
                target = _line(edge.get("outlet")) or "?"
            relation = _line(edge["relation"])
            lines.append(f"{_graph_node(docs, document_id)} --{relation}--> {target}")
    return lines
