"""View models: the dossier dict reshaped for the pages a reviewer reads.

Pure functions over the dossier contract (`indicia.report.build_dossier`): the web
app and the static dossier.html both render these, so the two never tell different
stories. Nothing here escapes or formats HTML; the templates do that with Jinja's
autoescape. Nothing here reads the store.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from indicia.report.figures import UNCLASSIFIED, figure_text, is_named
from indicia.report.languages import document_language, in_language, languages_present

Dossier = dict[str, Any]


def evidence_key(document_id: str, start: int, end: int) -> str:
    """The anchor id of one quote inside its document's page (unique in dossier.html too)."""
    return f"ev-{document_id}-{start}-{end}"


def indicator_taxonomy() -> list[dict[str, str]]:
    """The 11 ILO indicators (code, label, definition) in the taxonomy's order.

    data/ilo_indicators.json is the one list of codes; the dossier schema's enum is
    checked against it by a test.
    """
    from indicia.data import load_json

    return [
        {
            "code": str(e["code"]),
            "label": str(e.get("label") or _label(e["code"])),
            "definition": str(e.get("definition") or ""),
        }
        for e in load_json("ilo_indicators.json")["indicators"]
    ]


def indicator_codes() -> list[str]:
    """The 11 ILO indicator codes, in the taxonomy's order."""
    return [row["code"] for row in indicator_taxonomy()]


def _label(code: str) -> str:
    return code.replace("_", " ").capitalize()


@dataclass
class Index:
    """Lookups over one dossier, built once and shared by every view of it.

    dossier.html renders every story and document of a dossier, and the web app
    many pages of one: each view takes the index, so none of them scans the whole
    dossier again (which made a 100,000-document dossier.html quadratic).
    """

    dossier: Dossier
    documents: dict[str, dict[str, Any]] = field(init=False)
    stories: dict[str, dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.documents = {d["id"]: d for d in self.dossier["documents"]}
        self.stories = {s["id"]: s for s in self.dossier["stories"]}

    @cached_property
    def position(self) -> dict[str, int]:
        """Each document's place in the dossier, to keep the dossier's order."""
        return {d["id"]: n for n, d in enumerate(self.dossier["documents"])}

    @cached_property
    def findings_by_story(self) -> dict[str, list[dict[str, Any]]]:
        return _by_story(self.dossier["indicators"])

    @cached_property
    def claims_by_story(self) -> dict[str, list[dict[str, Any]]]:
        return _by_story(self.dossier["claims"])

    @cached_property
    def named_claims(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in self.dossier["claims"] if is_named(c)}

    @cached_property
    def entities_by_document(self) -> dict[str, list[int]]:
        """Document id -> positions in dossier["entities"] of the entities it names."""
        found: dict[str, list[int]] = defaultdict(list)
        for n, entity in enumerate(self.dossier["entities"]):
            for document_id in dict.fromkeys(entity["documents"]):
                found[document_id].append(n)
        return found

    @cached_property
    def quoted_spans(self) -> dict[str, list[tuple[dict[str, Any], str, str]]]:
        """Document id -> every (evidence, kind, what) quoting it, in dossier order."""
        spans: dict[str, list[tuple[dict[str, Any], str, str]]] = defaultdict(list)
        for finding in self.dossier["indicators"]:
            for ev in finding["evidence"]:
                spans[ev["document"]].append((ev, "indicator", finding["label"]))
        for claim in self.dossier["claims"]:
            if not is_named(claim):
                what = f"other figure (measure not named): {figure_text(claim)}"
                for ev in claim["evidence"]:
                    spans[ev["document"]].append((ev, "figure", what))
                continue  # an unnamed figure is in no conflict
            what = f"{claim['measure']}: {figure_text(claim)}"
            for ev in claim["evidence"]:
                spans[ev["document"]].append((ev, "figure", what))
            for conflict in claim["conflicts"]:
                for ev in conflict.get("evidence", []):
                    spans[ev["document"]].append(
                        (ev, "conflict", conflict.get("reason", "conflict"))
                    )
        return spans

    @cached_property
    def entities_by_key(self) -> dict[str, dict[str, Any]]:
        return {entity_key(e["name"]): e for e in self.dossier["entities"]}

    @cached_property
    def candidates_by_entity(self) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in (self.dossier.get("screening") or {}).get("candidates", []):
            found[c["entity"]].append(c)
        return found

    @cached_property
    def mentions_by_document(self) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
        """Document id -> (entity, mention) for every name it mentions, in entity order."""
        found: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
        for entity in self.dossier["entities"]:
            for mention in entity.get("mentions") or []:
                found[mention["document"]].append((entity, mention))
        return found

    @cached_property
    def stories_split_from(self) -> dict[str, list[str]]:
        """Story id -> the stories a reviewer split out of it."""
        return _split_from(self.dossier["stories"], "id")

    @cached_property
    def split_from(self) -> dict[str, list[str]]:
        """Entity name -> the names a reviewer split out of it."""
        return _split_from(self.dossier["entities"], "name")

    @cached_property
    def decisions_by_id(self) -> dict[str, dict[str, Any]]:
        return {d["id"]: d for d in (self.dossier.get("review") or {}).get("decisions", [])}

    def doc_label(self, document_id: str) -> str:
        doc = self.documents.get(document_id)
        if doc is None:
            return document_id[:8]
        if doc.get("outlet"):
            return str(doc["outlet"])[:40]
        title = str(doc.get("title") or "").strip()
        if title:
            # A copy with no known outlet is named by its title, kept short for chips.
            return title if len(title) <= 32 else title[:31].rstrip() + "…"
        name = document_name(doc)
        return name if len(name) <= 32 else name[:31] + "…"

    def published(self, document_id: str) -> str | None:
        doc = self.documents.get(document_id)
        return doc.get("published") if doc else None


def _split_from(items: list[dict[str, Any]], key: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for item in items:
        if item.get("split_from"):
            found[item["split_from"]].append(item[key])
    return found


# ------------------------------------------------------------ how it was made


def how_made(
    dossier: Dossier, documents: list[str] | None = None, index: Index | None = None
) -> dict[str, Any]:
    """How this dossier was made: the run's methods, its notes, and documents' notes.

    `documents` limits the per-document notes to those ids (a story's page); None
    keeps every document's notes.
    """
    summary = dossier.get("summary") or {}
    methods = summary.get("methods") or {}
    index = index or Index(dossier)
    if documents is None:
        chosen = dossier["documents"]
    else:
        ids = sorted(
            {d for d in documents if d in index.documents}, key=lambda d: index.position[d]
        )
        chosen = [index.documents[d] for d in ids]
    document_notes = [
        {"document": doc["id"], "label": index.doc_label(doc["id"]), "note": str(note)}
        for doc in chosen
        for note in doc.get("notes") or []
    ]
    return {
        "methods": [{"name": str(k), "how": str(v)} for k, v in sorted(methods.items())],
        "notes": [str(note) for note in summary.get("notes") or []],
        "document_notes": document_notes,
    }


# ---------------------------------------------------------------- stories list


def stories_overview(
    dossier: Dossier, index: Index | None = None, language: str | None = None
) -> dict[str, Any]:
    """The front page: every story with its counts, and indicator coverage across stories.

    With `language`, only the stories with a document in that language are listed.
    """
    index = index or Index(dossier)
    findings = index.findings_by_story
    claims = index.claims_by_story
    rows = []
    for story in dossier["stories"]:
        sid = story["id"]
        story_docs = [index.documents[x] for x in story["documents"] if x in index.documents]
        if language and not any(in_language(doc, language) for doc in story_docs):
            continue
        named = [c for c in claims.get(sid, []) if is_named(c)]
        dates = sorted(d for d in (index.published(x) for x in story["documents"]) if d)
        rows.append(
            {
                "id": sid,
                "title": story["title"],
                "documents": len(story["documents"]),
                "origins": [o["outlet"] for o in story["origins"]],
                "independent_sources": story["independent_sources"],
                "indicators": len(findings.get(sid, [])),
                "claims": len(named),
                "other_figures": len(claims.get(sid, [])) - len(named),
                "conflicts": _conflict_pairs(named),
                "first_published": dates[0] if dates else None,
                "last_published": dates[-1] if dates else None,
                "languages": [c["code"] for c in languages_present(story_docs)],
            }
        )
    unassigned = [
        d
        for d in dossier["documents"]
        if d["status"] == "ok" and d.get("story") not in index.stories
    ]
    return {
        "summary": dossier.get("summary", {}),
        "generator": dossier.get("generator", ""),
        "stories": rows,
        "coverage": coverage_matrix(dossier),
        "rejected": [d for d in dossier["documents"] if d["status"] == "rejected"],
        "summary_text": summary_text(dossier.get("summary") or {}),
        "unassigned": [document_row(d) for d in unassigned if in_language(d, language)],
        "how_made": how_made(dossier, index=index),
        "languages": languages_present(dossier["documents"]),
        "language": language,
    }


def summary_text(summary: dict[str, Any]) -> str:
    """ "5 documents (4 read, 1 rejected)": what the run read, as every output says it.

    Documents a store holds but no stage has processed yet are said to be so, not
    counted as rejected.
    """
    documents = int(summary.get("documents") or 0)
    ok, rejected = int(summary.get("ok") or 0), int(summary.get("rejected") or 0)
    pending = int(summary.get("pending") or 0)
    parts = [f"{ok} read"]
    if rejected or not pending:
        parts.append(f"{rejected} rejected")
    if pending:
        parts.append(f"{pending} not processed yet: run 'indicia report'")
    noun = "document" if documents == 1 else "documents"
    return f"{documents} {noun} ({', '.join(parts)})"


def coverage_matrix(dossier: Dossier) -> dict[str, Any]:
    """Indicators x stories: independent sources behind each indicator in each story."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for finding in dossier["indicators"]:
        cells[(finding["code"], finding["story"])] = {
            "independent_sources": finding["independent_sources"],
            "quotes": len(finding["evidence"]),
        }
    rows = [
        {
            "code": entry["code"],
            "label": entry["label"],
            "definition": entry["definition"],
            "cells": [cells.get((entry["code"], s["id"])) for s in dossier["stories"]],
        }
        for entry in indicator_taxonomy()
    ]
    return {
        "stories": [{"id": s["id"], "title": s["title"]} for s in dossier["stories"]],
        "rows": rows,
    }


def _conflict_pairs(claims: list[dict[str, Any]]) -> int:
    """Disagreeing pairs of claims, each counted once though both sides name the other."""
    ids = {claim["id"] for claim in claims}
    pairs = {
        tuple(sorted((claim["id"], conflict.get("claim") or "")))
        for claim in claims
        for conflict in claim["conflicts"]
        # A conflict with an unnamed figure is no conflict (see `UNCLASSIFIED`).
        if not conflict.get("claim") or conflict.get("claim") in ids
    }
    return len(pairs)


def _by_story(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        grouped[item["story"]].append(item)
    return grouped


def document_name(doc: dict[str, Any]) -> str:
    """What a document is called: its title, else the name of the file it came from
    (never the whole path it was read from)."""
    title = str(doc.get("title") or "").strip()
    if title:
        return title
    path = str(doc.get("source_path") or "").replace("\\", "/").rstrip("/")
    return path.rsplit("/", 1)[-1] or path or str(doc.get("id") or "")


def document_row(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": doc["id"],
        "title": document_name(doc),
        "raw_sha256": doc.get("raw_sha256"),
        "outlet": doc.get("outlet"),
        "published": doc.get("published"),
        "status": doc["status"],
        "error": doc.get("error"),
        "source_path": doc["source_path"],
        "language": doc.get("language"),
        "language_label": document_language(doc),
        "story": doc.get("story"),
        "duplicate_of": doc.get("duplicate_of"),
        "removed": doc["removed"],
        "chars": len(doc.get("text") or ""),
        "notes": [str(note) for note in doc.get("notes") or []],
    }


def documents_list(dossier: Dossier, language: str | None = None) -> dict[str, Any]:
    """The documents page: every document, or those in `language` (main or a run's)."""
    return {
        "documents": [document_row(d) for d in dossier["documents"] if in_language(d, language)],
        "languages": languages_present(dossier["documents"]),
        "language": language,
    }


# ------------------------------------------------------------------ story page


def story_view(
    dossier: Dossier, story_id: str, index: Index | None = None, choices: bool = True
) -> dict[str, Any] | None:
    """Everything the story page shows, or None when the dossier has no such story.

    `choices` adds the other stories a merge form offers (dossier.html has no forms).
    """
    index = index or Index(dossier)
    story = index.stories.get(story_id)
    if story is None:
        return None
    doc_ids = [d for d in story["documents"] if d in index.documents]
    findings = index.findings_by_story.get(story_id, [])
    story_claims = index.claims_by_story.get(story_id, [])
    # Key figures are the named ones; the rest are shown apart and take no part in
    # conflicts or the figures-over-time panels.
    claims = [c for c in story_claims if is_named(c)]
    others = [c for c in story_claims if not is_named(c)]
    claim_ids = index.named_claims
    documents = [document_row(index.documents[d]) for d in doc_ids]
    for row in documents:
        row["derived"] = derivations(index.documents[row["id"]].get("derived_from", []), index)
    in_story = set(doc_ids)
    named = sorted({n for d in in_story for n in index.entities_by_document.get(d, [])})
    entities = [
        {
            **e,
            "key": entity_key(e["name"]),
            "documents": [d for d in e["documents"] if d in in_story],
        }
        for e in (dossier["entities"][n] for n in named)
    ]
    split_off = set(index.stories_split_from.get(story_id, []))
    return {
        "story": story,
        "documents": documents,
        "graph": origins_graph(dossier, story_id, index),
        "matrix": indicator_matrix(findings, doc_ids, index),
        "findings": [_finding(f, index) for f in findings],
        "claims": [_claim(c, index) for c in claims],
        "other_figures": [_claim({**c, "conflicts": []}, index) for c in others],
        "conflicts": _conflicts(claims, claim_ids, index),
        "timeline": timeline(doc_ids, index),
        "entities": entities,
        "figure_series": figure_series(claims, index),
        "how_made": how_made(dossier, doc_ids, index),
        "decisions": decisions_for(
            dossier, stories={story_id, *split_off}, documents=in_story, index=index
        ),
        # the stories a merge form offers (the web page only: dossier.html has no forms)
        "other_stories": [
            {"value": s["id"], "label": s["title"]}
            for s in index.dossier["stories"][: _CHOICES + 1]
            if s["id"] != story_id
        ][:_CHOICES]
        if choices
        else [],
        "split_choices": [{"value": d["id"], "label": d["title"]} for d in documents],
        "coverage": [
            {
                "code": f["code"],
                "label": f["label"],
                "independent_sources": f["independent_sources"],
                "quotes": len(f["evidence"]),
                "documents": len({e["document"] for e in f["evidence"]}),
            }
            for f in findings
        ],
    }


def derivations(edges: list[dict[str, Any]], index: Index) -> list[dict[str, Any]]:
    """A document's derived-from edges, one per (relation, target), with how often found."""
    merged: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    for edge in edges:
        target_doc = edge.get("document") if edge.get("document") in index.documents else None
        label = (
            index.doc_label(target_doc)
            if target_doc
            else str(edge.get("outlet") or edge.get("document") or "?")
        )
        key = (edge["relation"], target_doc, label)
        entry = merged.setdefault(
            key,
            {
                "relation": edge["relation"],
                "document": target_doc,
                "label": label,
                "evidence": [],
                "count": 0,
            },
        )
        entry["count"] += 1
        if edge.get("evidence") and edge["evidence"] not in entry["evidence"]:
            entry["evidence"].append(edge["evidence"])
    return [{**e, "evidence": "; ".join(e["evidence"])} for e in merged.values()]


def _quote(ev: dict[str, Any], index: Index) -> dict[str, Any]:
    return {
        **ev,
        "key": evidence_key(ev["document"], ev["start"], ev["end"]),
        "source": index.doc_label(ev["document"]),
        "published": index.published(ev["document"]),
    }


def _finding(finding: dict[str, Any], index: Index) -> dict[str, Any]:
    return {**finding, "evidence": [_quote(e, index) for e in finding["evidence"]]}


def _claim(claim: dict[str, Any], index: Index) -> dict[str, Any]:
    quotes = [_quote(e, index) for e in claim["evidence"]]
    # One chip per document: a reviewer counts sources, not sentences.
    chips: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        chips.setdefault(quote["document"], quote)
    return {
        **claim,
        "figure": figure_text(claim),
        "evidence": quotes,
        "chips": list(chips.values()),
    }


def _conflicts(
    claims: list[dict[str, Any]], claim_ids: dict[str, dict[str, Any]], index: Index
) -> list[dict[str, Any]]:
    """Each disagreeing pair of claims once, with the reasons both sides give."""
    pairs: dict[tuple[str, ...], dict[str, Any]] = {}
    for claim in claims:
        for conflict in claim["conflicts"]:
            other = claim_ids.get(conflict.get("claim", ""))
            if other is None and conflict.get("claim"):
                continue  # the other side is an unnamed figure, or not in the dossier
            pair = tuple(sorted((claim["id"], other["id"] if other else "")))
            entry = pairs.get(pair)
            if entry is None:
                entry = pairs[pair] = {
                    "claim": _claim(claim, index),
                    "other": _claim(other, index) if other else None,
                    "reasons": [],
                    "evidence": [],
                }
            reason = conflict.get("reason", "")
            if reason and reason not in entry["reasons"]:
                entry["reasons"].append(reason)
            entry["evidence"] += [_quote(e, index) for e in conflict.get("evidence", [])]
    out = []
    for entry in pairs.values():
        sides = [entry["claim"], *([entry["other"]] if entry["other"] else [])]
        quotes: dict[str, dict[str, Any]] = {}
        for quote in [q for side in sides for q in side["evidence"]] + entry["evidence"]:
            quotes.setdefault(quote["key"], quote)
        entry["reason"] = "; ".join(entry["reasons"])
        entry["evidence"] = list(quotes.values())
        out.append(entry)
    return out


def indicator_matrix(
    findings: list[dict[str, Any]], doc_ids: list[str], index: Index
) -> dict[str, Any]:
    """Indicators x documents of one story: quotes per cell, linking to the first one."""
    by_code = {f["code"]: f for f in findings}
    rows = []
    for entry in indicator_taxonomy():
        code = entry["code"]
        finding = by_code.get(code)
        per_document: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for ev in finding["evidence"] if finding else []:
            per_document[ev["document"]].append(ev)
        cells = []
        for doc_id in doc_ids:
            quotes = per_document.get(doc_id, [])
            first = _quote(quotes[0], index) if quotes else None
            cells.append({"count": len(quotes), "first": first})
        rows.append(
            {
                "code": code,
                "label": finding["label"] if finding else entry["label"],
                "definition": entry["definition"],
                "found": finding is not None,
                "independent_sources": finding["independent_sources"] if finding else 0,
                "cells": cells,
            }
        )
    columns = [{"id": d, "label": index.doc_label(d)} for d in doc_ids]
    return {"columns": columns, "rows": rows}


def timeline(doc_ids: list[str], index: Index) -> list[dict[str, Any]]:
    """The story's documents by publication date; undated ones last, in ingest order."""
    rows = [document_row(index.documents[d]) for d in doc_ids]
    dated = sorted((r for r in rows if r["published"]), key=lambda r: str(r["published"]))
    return dated + [r for r in rows if not r["published"]]


def origins_graph(dossier: Dossier, story_id: str, index: Index | None = None) -> dict[str, Any]:
    """Nodes and derived-from edges of one story, laid out in columns by derivation depth.

    Column 0 holds the origins (outlets cited, and documents that derive from
    nothing); each document sits one column right of what it derives from.
    """
    index = index or Index(dossier)
    story = index.stories.get(story_id)
    if story is None:
        return {"nodes": [], "edges": []}
    doc_ids = [d for d in story["documents"] if d in index.documents]
    origin_outlets = {o["outlet"] for o in story["origins"]}
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    for doc_id in doc_ids:
        nodes[f"d:{doc_id}"] = {
            "id": f"d:{doc_id}",
            "kind": "document",
            "document": doc_id,
            "label": index.doc_label(doc_id),
            "published": index.published(doc_id),
            # Origin.documents lists every document tracing back to that origin; a document
            # is itself a root only when it derives from nothing.
            "origin": not index.documents[doc_id].get("derived_from")
            and any(doc_id in o["documents"] for o in story["origins"]),
        }
    for doc_id in doc_ids:
        for edge in index.documents[doc_id].get("derived_from", []):
            target_doc = edge.get("document")
            if target_doc and f"d:{target_doc}" in nodes:
                target = f"d:{target_doc}"
            elif target_doc and target_doc in index.documents:
                target = f"d:{target_doc}"
                nodes[target] = {
                    "id": target,
                    "kind": "document",
                    "document": target_doc,
                    "label": index.doc_label(target_doc),
                    "published": index.published(target_doc),
                    "origin": False,
                }
            else:
                outlet = edge.get("outlet") or target_doc or "unknown"
                target = f"o:{outlet}"
                nodes.setdefault(
                    target,
                    {
                        "id": target,
                        "kind": "outlet",
                        "document": None,
                        "label": outlet,
                        "published": None,
                        "origin": outlet in origin_outlets,
                    },
                )
            edges.append(
                {
                    "source": f"d:{doc_id}",
                    "target": target,
                    "relation": edge["relation"],
                    "evidence": edge.get("evidence", ""),
                }
            )
    for origin in story["origins"]:
        if any(f"d:{d}" in nodes for d in origin["documents"]):
            continue  # the origin's own document already stands for it
        outlet = origin["outlet"]
        nodes.setdefault(
            f"o:{outlet}",
            {
                "id": f"o:{outlet}",
                "kind": "outlet",
                "document": None,
                "label": outlet,
                "published": None,
                "origin": True,
            },
        )
    depth = _depths(list(nodes), edges)
    for node_id, node in nodes.items():
        node["column"] = depth[node_id]
    return {"nodes": list(nodes.values()), "edges": edges}


def _depths(node_ids: list[str], edges: list[dict[str, Any]]) -> dict[str, int]:
    parents: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        parents[edge["source"]].append(edge["target"])
    depth: dict[str, int] = {}

    def visit(node: str, seen: frozenset[str]) -> int:
        if node in depth:
            return depth[node]
        # A cycle in the graph (two copies citing each other) must not recurse forever.
        ups = [p for p in parents.get(node, []) if p not in seen]
        value = 0 if not ups else 1 + max(visit(p, seen | {node}) for p in ups)
        depth[node] = value
        return value

    for node_id in node_ids:
        visit(node_id, frozenset())
    return depth


def figure_series(claims: list[dict[str, Any]], index: Index) -> list[dict[str, Any]]:
    """Figures over time: one panel per measured thing, one point per quoted source.

    Claims that conflict with each other, or share measure and unit, share a panel,
    so a reviewer sees the disagreement on one axis.
    """
    parent: dict[str, str] = {c["id"]: c["id"] for c in claims}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_measure: dict[tuple[str, str], str] = {}
    for claim in claims:
        key = (claim["measure"].strip().lower(), claim["unit"])
        if key in by_measure:
            parent[find(claim["id"])] = find(by_measure[key])
        else:
            by_measure[key] = claim["id"]
        for conflict in claim["conflicts"]:
            other = conflict.get("claim")
            if other in parent:
                parent[find(other)] = find(claim["id"])
    panels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        panels[find(claim["id"])].append(claim)
    out = []
    for members in panels.values():
        points = []
        for series, claim in enumerate(members):
            for ev in claim["evidence"]:
                low = claim.get("low")
                high = claim.get("high")
                value = claim.get("value")
                if value is None and low is not None and high is not None:
                    value = (low + high) / 2
                if value is None:
                    continue
                points.append(
                    {
                        "series": series,
                        "claim": claim["id"],
                        "date": index.published(ev["document"]),
                        "value": float(value),
                        "low": float(low) if low is not None else None,
                        "high": float(high) if high is not None else None,
                        "source": index.doc_label(ev["document"]),
                        "quote": ev["quote"],
                        "key": evidence_key(ev["document"], ev["start"], ev["end"]),
                        "document": ev["document"],
                    }
                )
        if points:
            first = members[0]
            units = sorted({m["unit"] for m in members if m["unit"]})
            out.append(
                {
                    "measure": first["measure"],
                    "unit": ", ".join(units),
                    "claims": [{"id": m["id"], "figure": figure_text(m)} for m in members],
                    "points": points,
                }
            )
    return out


# --------------------------------------------------------------- document page


def document_view(
    dossier: Dossier, document_id: str, index: Index | None = None
) -> dict[str, Any] | None:
    """A document's cleaned text cut into runs, each run marked with the quotes covering it."""
    index = index or Index(dossier)
    doc = index.documents.get(document_id)
    if doc is None:
        return None
    text: str = doc.get("text") or ""
    quotes = _document_quotes(index, document_id, len(text))
    for q in quotes:
        # a quote a reviewer can reject: one that supports a finding or a figure
        q["reviewable"] = bool({"indicator", "figure"} & set(q["kinds"]))
    story = index.stories.get(doc.get("story") or "")
    named = [index.dossier["entities"][n] for n in index.entities_by_document.get(document_id, [])]
    return {
        "document": document_row(doc),
        "url": _safe_url(doc.get("url")),
        "url_text": doc.get("url"),
        "author": doc.get("author"),
        "derived_from": doc.get("derived_from", []),
        "derived": derivations(doc.get("derived_from", []), index),
        "also_found_at": doc.get("also_found_at", []),
        "story": story,
        "runs": text_runs(text, _with_names(quotes, index, document_id, len(text))),
        "quotes": quotes,
        "removed_items": doc["removed"].get("items", []),
        "excluded": doc.get("excluded"),
        "story_documents": len(story["documents"]) if story else 0,
        "names": [
            {"key": entity_key(e["name"]), "name": e["name"], "type": e["type"]} for e in named
        ],
        "reject_targets": [
            {
                "value": f"{document_id}:{q['start']}:{q['end']}",
                "label": text[q["start"] : q["end"]],
            }
            for q in quotes
            if q["reviewable"]
        ],
        "decisions": decisions_for(dossier, documents={document_id}, index=index),
    }


def _document_quotes(index: Index, document_id: str, length: int) -> list[dict[str, Any]]:
    """Every span of this document that some finding, figure or attribution quotes."""
    spans: dict[tuple[int, int], dict[str, Any]] = {}

    def add(ev: dict[str, Any], kind: str, what: str) -> None:
        if ev["document"] == document_id:
            _mark_span(spans, document_id, int(ev["start"]), int(ev["end"]), length, kind, what)

    for ev, kind, what in index.quoted_spans.get(document_id, []):
        add(ev, kind, what)
    doc = index.documents.get(document_id)
    for edge in (doc or {}).get("derived_from", []):
        if edge.get("start") is not None and edge.get("end") is not None:
            add(
                {"document": document_id, "start": edge["start"], "end": edge["end"]},
                "attribution",
                f"{edge['relation']} {edge.get('outlet') or edge.get('document') or ''}".strip(),
            )
    return sorted(spans.values(), key=lambda q: (q["start"], q["end"]))


def _mark_span(
    spans: dict[tuple[int, int], dict[str, Any]],
    document_id: str,
    start: int,
    end: int,
    length: int,
    kind: str,
    what: str,
) -> None:
    """Mark text[start:end] of the document as `kind` (one entry per span, however many
    findings or names share it); a span outside the text is left out."""
    if not 0 <= start < end <= length:
        return
    entry = spans.setdefault(
        (start, end),
        {
            "start": start,
            "end": end,
            "key": evidence_key(document_id, start, end),
            "kinds": [],
            "what": [],
        },
    )
    if kind not in entry["kinds"]:
        entry["kinds"].append(kind)
    if what not in entry["what"]:
        entry["what"].append(what)


def _with_names(
    quotes: list[dict[str, Any]], index: Index, document_id: str, length: int
) -> list[dict[str, Any]]:
    """The quotes, and every name the document mentions, each with an anchor an entity's
    page links to (a name the quotes already cover exactly joins that quote)."""
    spans = {
        (q["start"], q["end"]): {**q, "kinds": list(q["kinds"]), "what": list(q["what"])}
        for q in quotes
    }
    for entity, mention in index.mentions_by_document.get(document_id, []):
        what = f"{entity['type']}: {entity['name']}"
        _mark_span(spans, document_id, int(mention["start"]), int(mention["end"]), length,
                   "name", what)  # fmt: skip
    return sorted(spans.values(), key=lambda q: (q["start"], q["end"]))


def text_runs(text: str, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut `text` at every quote boundary; each run lists the quotes covering it.

    Quotes may overlap; a run starting a quote carries that quote's anchor id, so
    a link to the quote scrolls to where it begins. Joining the runs' text gives
    back `text` exactly. One sweep over the boundaries: the cost is the quotes
    (sorted) plus what the runs list, not runs times quotes.
    """
    length = len(text)
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for n, q in enumerate(quotes):
        start, end = q["start"], q["end"]
        if start < end and start < length and end > 0:
            starts[max(start, 0)].append(n)
            ends[min(end, length)].append(n)
    cuts = {0, length}
    for q in quotes:
        cuts.update(c for c in (q["start"], q["end"]) if 0 <= c <= length)
    bounds = sorted(cuts)
    active: set[int] = set()
    runs = []
    for start, end in itertools.pairwise(bounds):
        active.difference_update(ends.get(start, ()))
        active.update(starts.get(start, ()))
        covering = [quotes[n] for n in sorted(active)]
        runs.append(
            {
                "text": text[start:end],
                "start": start,
                "evidence_keys": [q["key"] for q in covering],
                "anchors": [q["key"] for q in covering if q["start"] == start],
                "kinds": sorted({k for q in covering for k in q["kinds"]}),
                "what": [w for q in covering for w in q["what"]],
            }
        )
    return runs


def _safe_url(url: object) -> str | None:
    """Only http(s) links become clickable; anything else (javascript:, data:) stays text."""
    if not isinstance(url, str):
        return None
    lowered = url.strip().lower()
    if lowered.startswith(("http://", "https://")):
        return url.strip()
    return None


# ------------------------------------------------------------- people, places


def entity_key(name: str) -> str:
    """The id of an entity's page (and its anchor in dossier.html): names may hold
    any character, the key only letters and digits."""
    return "e-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def entities_list(dossier: Dossier, index: Index | None = None) -> dict[str, Any]:
    """Every person, organisation and place, with its counts and sanctions candidates."""
    index = index or Index(dossier)
    rows = []
    for entity in dossier["entities"]:
        candidates = index.candidates_by_entity.get(entity["name"], [])
        rows.append(
            {
                "key": entity_key(entity["name"]),
                "name": entity["name"],
                "type": entity["type"],
                "aliases": entity["aliases"],
                "documents": len(entity["documents"]),
                "mentions": len(entity.get("mentions") or []),
                "candidates": len(candidates),
                "accepted": sum(1 for c in candidates if c["status"] == "accepted"),
            }
        )
    return {"entities": rows, "screened": dossier.get("screening") is not None}


def entity_view(
    dossier: Dossier, key: str, index: Index | None = None, choices: bool = True
) -> dict[str, Any] | None:
    """An entity's page: every mention, its aliases, stories and screening candidates.

    `choices` adds the names a merge form suggests; dossier.html, which has no forms and
    a page for every entity, leaves them out.
    """
    index = index or Index(dossier)
    found = index.entities_by_key.get(key)
    if found is None:
        return None
    entity = {"aliases": [], "mentions": [], "role": None, "country": None, **found}
    mentions = [
        {
            **_quote(m, index),
            "title": document_name(index.documents[m["document"]])
            if m["document"] in index.documents
            else m["document"],
        }
        for m in entity.get("mentions") or []
    ]
    story_ids = dict.fromkeys(
        index.documents[d].get("story") for d in entity["documents"] if d in index.documents
    )
    stories = [index.stories[s] for s in story_ids if s in index.stories]
    candidates = [
        {**c, "entity_key": key, "decided": index.decisions_by_id.get(c.get("decision") or "")}
        for c in index.candidates_by_entity.get(entity["name"], [])
    ]
    per_document: dict[str, int] = defaultdict(int)
    for m in mentions:
        per_document[m["document"]] += 1
    names = {entity["name"], *index.split_from.get(entity["name"], [])}
    return {
        "entity": entity,
        "key": key,
        "mentions": mentions,
        "documents": [
            {"id": d, "label": index.doc_label(d), "mentions": per_document.get(d, 0)}
            for d in entity["documents"]
        ],
        "stories": [{"id": s["id"], "title": s["title"]} for s in stories],
        "candidates": candidates,
        "split_choices": [
            {"value": f"alias:{a}", "label": f"the spelling {a!r}"} for a in entity["aliases"]
        ]
        + (
            [
                {"value": f"document:{d}", "label": f"its mentions in {index.doc_label(d)}"}
                for d in entity["documents"]
            ]
            if len(entity["documents"]) > 1
            else []
        ),
        # suggestions for the merge form (the web page only: dossier.html has no forms)
        "merge_choices": [
            e["name"]
            for e in index.dossier["entities"]
            if e["type"] == entity["type"] and e["name"] != entity["name"]
        ][:_CHOICES]
        if choices
        else [],
        "decisions": decisions_for(
            dossier,
            entities=names,
            candidates={c["id"] for c in candidates},
            index=index,
        ),
    }


# ---------------------------------------------------------------- decisions

_CHOICES = 500  # at most this many suggestions in a form's list; any name may be typed


def decision_state(decision: dict[str, Any]) -> str:
    """ "in force", "not applied: ...", or "undone ...": what became of a decision."""
    if decision.get("undone_at"):
        return (
            f"undone {decision['undone_at']} by {decision['undone_by']}: {decision['undo_reason']}"
        )
    if decision.get("applied"):
        return "in force"
    return "not applied: this dossier no longer has what it was about"


def decisions_for(
    dossier: Dossier,
    stories: set[str] | frozenset[str] = frozenset(),
    documents: set[str] | frozenset[str] = frozenset(),
    entities: set[str] | frozenset[str] = frozenset(),
    candidates: set[str] | frozenset[str] = frozenset(),
    index: Index | None = None,
) -> list[dict[str, Any]]:
    """The decisions about any of these stories, documents, entities (by name) or
    sanctions candidates, in force or not, each with its state in words."""
    found = []
    for d in (dossier.get("review") or {}).get("decisions", []):
        action, target, value = d["action"], d["target"], d.get("value") or ""
        if action in ("accept_candidate", "reject_candidate"):
            hit = target in candidates
        elif action == "reject_quote":
            hit = target.split(":", 1)[0] in documents
        elif action == "reject_indicator":
            hit = target.rsplit(":", 1)[0] in stories
        elif action == "exclude_document":
            hit = target in documents
        elif action in ("merge_entities", "split_entities"):
            hit = target in entities or value in entities
        elif action == "split_story":
            hit = (
                target in stories
                or value in documents
                or any(s.startswith(f"{target}-split-") for s in stories)
            )
        else:  # set_origin, merge_stories
            hit = target in stories or value in stories
        if hit:
            found.append({**d, "state": decision_state(d)})
    return found


def review_overview(dossier: Dossier, index: Index | None = None) -> dict[str, Any]:
    """The review page: every decision (the audit trail) and every sanctions candidate."""
    index = index or Index(dossier)
    decisions = [
        {**d, "state": decision_state(d)}
        for d in (dossier.get("review") or {}).get("decisions", [])
    ]
    screening = dossier.get("screening")
    return {
        "decisions": decisions,
        "not_applied": [d for d in decisions if not d["applied"] and not d["undone_at"]],
        "screened": screening is not None,
        "lists": (screening or {}).get("lists", []),
        "candidates": [
            {
                **c,
                "entity_key": entity_key(c["entity"]),
                "decided": index.decisions_by_id.get(c.get("decision") or ""),
            }
            for c in (screening or {}).get("candidates", [])
        ],
    }


__all__ = [
    "UNCLASSIFIED",
    "Index",
    "coverage_matrix",
    "decision_state",
    "decisions_for",
    "derivations",
    "document_name",
    "document_row",
    "document_view",
    "documents_list",
    "entities_list",
    "entity_key",
    "entity_view",
    "evidence_key",
    "figure_series",
    "figure_text",
    "how_made",
    "indicator_codes",
    "indicator_matrix",
    "indicator_taxonomy",
    "is_named",
    "origins_graph",
    "review_overview",
    "stories_overview",
    "story_view",
    "summary_text",
    "text_runs",
    "timeline",
]
