"""dossier.md: the dossier as Markdown a reviewer can read in any viewer."""

from __future__ import annotations

from typing import Any


def _cell(text: object) -> str:
    # Table cells: keep one line and stop article text from breaking the table.
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def render_markdown(dossier: dict[str, Any]) -> str:
    docs = {d["id"]: d for d in dossier["documents"]}
    summary = dossier["summary"]
    out = [
        "# indicia dossier",
        "",
        f"{summary['documents']} documents ({summary['ok']} read, {summary['rejected']} rejected),"
        f" {summary['stories']} stories.",
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
        out += [
            "## Key figures",
            "",
            "| measure | value | unit | period | attributed to | sources | conflicts |",
            "|---|---|---|---|---|---|---|",
        ]
        for claim in dossier["claims"]:
            out.append(
                "| "
                + " | ".join(
                    _cell(x)
                    for x in (
                        claim["measure"],
                        _value(claim),
                        claim["unit"],
                        claim["period"],
                        claim["attributed_to"],
                        claim["independent_sources"],
                        len(claim["conflicts"]),
                    )
                )
                + " |"
            )
        out.append("")
        conflicted = [c for c in dossier["claims"] if c["conflicts"]]
        if conflicted:
            out += ["## Conflicts", ""]
            for claim in conflicted:
                for conflict in claim["conflicts"]:
                    out.append(f"- **{_cell(claim['measure'])}**: {_cell(conflict['reason'])}")
                    for ev in conflict.get("evidence", []):
                        out.append(
                            f"  - > {_cell(ev['quote'])} ({_doc_label(docs, ev['document'])})"
                        )
            out.append("")
        out += ["### Quotes behind the figures", ""]
        for claim in dossier["claims"]:
            out.append(f"- **{_cell(claim['measure'])}** = {_cell(_value(claim))} {claim['unit']}")
            for ev in claim["evidence"]:
                out.append(f"  - > {_cell(ev['quote'])} ({_doc_label(docs, ev['document'])})")
        out.append("")

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


def _value(claim: dict[str, Any]) -> str:
    if claim.get("low") is not None and claim.get("high") is not None:
        text = f"{claim['low']:g}–{claim['high']:g}"
    elif claim.get("value") is not None:
        text = f"{claim['value']:g}"
    else:
        text = "?"
    return f"{claim['qualifier']} {text}" if claim.get("qualifier") else text


def _file_name(source_path: str) -> str:
    # The last part of a path, or the whole of "<stdin>" and container-record names.
    return source_path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or source_path


def _doc_label(docs: dict[str, Any], document_id: str) -> str:
    # A reader needs to tell documents apart without looking ids up: the outlet when it
    # is known, else the file the document came from.
    doc = docs.get(document_id, {})
    name = doc.get("outlet") or _file_name(doc.get("source_path") or "")
    return f"`{document_id}` {_cell(name)}".strip()


def _graph_lines(story: dict[str, Any], docs: dict[str, Any]) -> list[str]:
    lines = []
    for document_id in story["documents"]:
        doc = docs.get(document_id)
        if not doc:
            continue
        for edge in doc["derived_from"]:
            if edge.get("document"):
                target = _doc_label(docs, edge["document"])
            else:
                target = _cell(edge.get("outlet")) or "?"
            lines.append(f"{_doc_label(docs, document_id)} --{edge['relation']}--> {target}")
    return lines
