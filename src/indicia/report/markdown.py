"""dossier.md: the dossier as Markdown a reviewer can read in any viewer."""

from __future__ import annotations

from typing import Any

from indicia.report.figures import figure_text, is_named


def _cell(text: object) -> str:
    # Table cells: keep one line and stop article text from breaking the table.
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def render_markdown(dossier: dict[str, Any]) -> str:
    docs = {d["id"]: d for d in dossier["documents"]}
    summary = dossier["summary"]
    out = [
        "# indicia dossier",
        "",
        f"{_count(summary['documents'], 'document')} ({summary['ok']} read,"
        f" {summary['rejected']} rejected), {_count(summary['stories'], 'story', 'stories')}.",
        "",
    ]
    methods = summary.get("methods") or {}
    if methods:
        out += ["How this dossier was made:", ""]
        out += [f"- {name}: {_cell(how)}" for name, how in sorted(methods.items())]
        out.append("")
    notes = list(summary.get("notes") or [])
    notes += [
        f"{_doc_label(docs, d['id'])}: {note}"
        for d in dossier["documents"]
        for note in d.get("notes", [])
    ]
    if notes:
        out += ["Notes:", ""] + [f"- {_cell(note)}" for note in notes] + [""]
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
                f"### {_cell(finding['label'])} (`{finding['code']}`)",
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
                f"| {_cell(entity['name'])} | {entity['type']} | "
                f"{_cell(', '.join(entity['aliases']))} | {len(entity['documents'])} |"
            )
        out.append("")

    out += [
        "## Documents",
        "",
        "| id | file | title | outlet | published | status | removed |",
        "|---|---|---|---|---|---|---|",
    ]
    for d in dossier["documents"]:
        removed = d["removed"]
        out.append(
            f"| `{d['id']}` | {_cell(_file_name(d['source_path']))} | {_cell(d['title'])}"
            f" | {_cell(d['outlet'])} | {_cell(d['published'])}"
            f" | {d['status']}{': ' + _cell(d.get('error')) if d['status'] != 'ok' else ''}"
            f" | {removed['boilerplate_lines']} chrome, {removed['repeated_paragraphs']} repeats |"
        )
    out.append("")
    return "\n".join(out)


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
    return f"`{document_id}` {_cell(name)}".strip()


def _graph_node(docs: dict[str, Any], document_id: str) -> str:
    # In the graph a document is its file: an aggregator copy that names The Independent as
    # its outlet would otherwise read as "The Independent --copy--> The Independent".
    doc = docs.get(document_id, {})
    name = _file_name(doc.get("source_path") or "")
    outlet = f" ({_cell(doc['outlet'])})" if doc.get("outlet") else ""
    return f"`{document_id}` {_cell(name)}{outlet}".strip()


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
                target = _cell(edge.get("outlet")) or "?"
            lines.append(f"{_graph_node(docs, document_id)} --{edge['relation']}--> {target}")
    return lines
