"""dossier.md: the dossier as Markdown a reviewer can read in any viewer."""

from __future__ import annotations

from typing import Any


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

    out += _screening_lines(dossier.get("screening"), docs)
    out += _review_lines(dossier.get("review"))

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


# The measure reconciliation gives a figure it could not name (reconcile/claims.py).
_UNCLASSIFIED = "unclassified"


def _claims_lines(dossier: dict[str, Any], docs: dict[str, Any]) -> list[str]:
    """Key figures (named measures), each conflict once, the quotes behind them, and the
    figures no measure could be given, apart ("Other figures"), with their quotes."""
    claims = dossier["claims"]
    named = [c for c in claims if c["measure"] != _UNCLASSIFIED]
    other = [c for c in claims if c["measure"] == _UNCLASSIFIED]
    titles = {s["id"]: s["title"] for s in dossier["stories"]}
    several = len({c["story"] for c in claims}) > 1
    out: list[str] = []
    if named:
        head = ["story"] if several else []
        head += ["measure", "value", "unit", "period", "attributed to", "sources", "conflicts"]
        out += ["## Key figures", "", "| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
        for claim in named:
            cells = [titles.get(claim["story"], claim["story"])] if several else []
            cells += [
                claim["measure"],
                _value(claim),
                claim["unit"],
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
            out.append(f"- **{_cell(claim['measure'])}** = {_cell(_value(claim))} {claim['unit']}")
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
            out.append(f"- {_cell(_value(claim))} {claim['unit']}")
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


def _number(value: float, unit: str = "") -> str:
    """1234567 -> "1,234,567"; 0.2 -> "0.2"; ratios get a "×"; never scientific notation."""
    if unit == "year":
        text = f"{value:g}"  # a calendar year: 2019, not 2,019
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text + ("×" if unit == "times" else "")


def _value(claim: dict[str, Any]) -> str:
    unit = claim.get("unit") or ""
    low, high, value = claim.get("low"), claim.get("high"), claim.get("value")
    qualifier = claim.get("qualifier")
    if value is not None:
        text = _number(value, unit)
        if qualifier:
            text = f"{qualifier} {text}"
        if low is not None and high is not None:
            text += f" (figures range {_number(low, unit)}–{_number(high, unit)})"
        return text
    if low is not None and high is not None:
        text = f"{_number(low, unit)}–{_number(high, unit)}"
    elif low is not None:
        # an open-ended figure ("outpacing local wages"): more than its bound
        return f"{qualifier or 'more than'} {_number(low, unit)}"
    elif high is not None:
        return f"{qualifier or 'less than'} {_number(high, unit)}"
    else:
        text = "?"
    return f"{qualifier} {text}" if qualifier else text


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
