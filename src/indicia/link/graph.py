"""The derived-from graph of one story, and its roots: the story's origins.

Nodes are documents and outlets. Edges, from what each document shows:

- a near-duplicate points to the document it copies (relation "copy");
- a copy of an outlet's article found on another site (publisher known from
  metadata or boilerplate, URL not on that outlet's domain) points to the outlet
  ("copy"), and the outlets its text credits hang off that outlet ("cites"):
  aggregator copy -> The Independent -> BBC;
- any other document that credits outlets points to them ("cites");
- a document with neither publisher nor credit points to the document it
  aligns with ("rewrite"): documents that lead to an outlet first, then earlier
  documents, so the graph has no cycle between documents. It aligns when enough
  of its own sentences are found in the other, or when enough of the other's
  sentences are retold inside it (a long paraphrase that retells most of a
  short report: "most of B is retold inside A");
- an agency or other intermediary (`intermediary` in `data/outlets.json`:
  AFP, dpa, Yonhap, Radio Free Asia...) cited beside another outlet in one
  document relays that outlet ("cites"), so the chain counts once, at its end;
- a document that credits only another institution than the story's main one
  (a ministry's reward offer quoted in a prosecutor's case) but shares firm
  anchors with the documents that credit the main one retells that report: it
  points to one of them, and its credit stays listed as a quote, not as an origin
  (`_quoted_institutions`);
- a document that credits nobody and aligns with nothing, in a story whose other
  documents lead to a credited outlet, retells that story: it points to the
  document it shares the most anchors with (figures, years, Latin-script names,
  see `anchors.py`) that leads to an outlet ("translation" when the two are in
  different languages, "rewrite" otherwise), and the evidence names the anchors.
  Without a credited outlet in the story nothing is inferred.

A root is a node with no way out. An outlet root is an origin under its name; a
document root is an origin under its publisher's name, else under its web
domain, or "unknown outlet: <source>" when nobody knows who published it (such a
document is its own origin: it credits nobody and retells nothing else in the
store). Roots with the
same outlet name are one origin. `independent_sources` counts origins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from indicia.link.anchors import describe
from indicia.link.provenance import Attribution, Publisher
from indicia.link.regroup import firm
from indicia.records import Derivation, Origin, Relation


@dataclass(frozen=True)
class AlignmentEdge:
    """What aligning this document with `other` found, from this document's side."""

    other: str
    matched: int
    coverage: float
    rewrite: bool
    # The other side: sentences of `other` retold in this document, and their share.
    retold: int = 0
    retold_coverage: float = 0.0
    retells: bool = False  # is_rewrite() from the other side: this one retells `other`


@dataclass
class DocumentNode:
    id: str
    publisher: Publisher | None = None
    own_page: bool = False  # the URL is on the publisher's own domain
    attributions: tuple[Attribution, ...] = ()
    duplicate_of: str | None = None
    duplicate_evidence: str = ""
    duplicate_score: float | None = None
    alignments: list[AlignmentEdge] = field(default_factory=list)
    # Outlet -> its place in a chain (provenance.relay_ranks): 0 agency, 1 news, 2 body.
    relay_ranks: Mapping[str, int] = field(default_factory=dict)
    anchors: frozenset[str] = frozenset()  # what survives translation (anchors.py)
    language: str | None = None  # ISO 639-1 code, when detected
    script: str | None = None  # the script most of its letters are in
    label: str = ""  # the name of an unknown publisher: its domain or source

    @property
    def cited(self) -> list[Attribution]:
        own = self.publisher.outlet if self.publisher else None
        return [a for a in self.attributions if a.outlet != own]


UNKNOWN_OUTLET = "unknown outlet: {document}"
# The relay rank of an institution whose own reports others retell.
INSTITUTION_RANK = 2
# Anchors two documents must share before one is said to retell the other.
MIN_SHARED_ANCHORS = 2


@dataclass(frozen=True)
class StoryGraph:
    derivations: dict[str, tuple[Derivation, ...]]
    origins: tuple[Origin, ...]
    edges: tuple[tuple[str, str, str], ...]  # (from node, to node, relation)


def build_graph(nodes: Sequence[DocumentNode]) -> StoryGraph:
    """The graph of one story; `nodes` in ingest order."""
    by_id = {n.id: n for n in nodes}
    rank = {n.id: i for i, n in enumerate(nodes)}
    out: dict[str, list[tuple[str, str]]] = {}  # node -> [(target, relation)]
    derivations: dict[str, list[Derivation]] = {n.id: [] for n in nodes}

    def edge(source: str, target: str, relation: str) -> None:
        targets = out.setdefault(source, [])
        if (target, relation) not in targets and source != target:
            targets.append((target, relation))

    grounded: dict[str, bool] = {}
    credited: dict[str, bool] = {}  # credits an outlet, or is a copy of an outlet's page
    for node in nodes:
        key = _doc(node.id)
        if node.duplicate_of and node.duplicate_of in by_id:
            edge(key, _doc(node.duplicate_of), "copy")
            derivations[node.id].append(
                Derivation(
                    "copy",
                    document=node.duplicate_of,
                    evidence=node.duplicate_evidence,
                    score=node.duplicate_score,
                )
            )
            continue
        cited = node.cited
        if node.publisher and not node.own_page:
            outlet = _outlet(node.publisher.outlet)
            edge(key, outlet, "copy")
            derivations[node.id].append(
                Derivation(
                    "copy",
                    outlet=node.publisher.outlet,
                    evidence=f"published by {node.publisher.outlet} "
                    f"({node.publisher.source}: {node.publisher.evidence})",
                )
            )
            for a in cited:
                edge(outlet, _outlet(a.outlet), "cites")
        else:
            for a in cited:
                edge(key, _outlet(a.outlet), "cites")
        # Credited beside an outlet further along the chain (a news outlet beside an
        # agency, an institute beside a newspaper), an outlet relays it: the chain ends
        # there and counts once.
        named = {a.outlet: node.relay_ranks.get(a.outlet, 1) for a in cited}
        top = max(named.values(), default=1)
        for relay in sorted(o for o, r in named.items() if r < top):
            for end in sorted(o for o, r in named.items() if r == top):
                edge(_outlet(relay), _outlet(end), "cites")
        first_credit: dict[str, Attribution] = {}
        for a in cited:
            first_credit.setdefault(a.outlet, a)
        # One edge per credited outlet, with its first credit as the evidence quote.
        for a in first_credit.values():
            derivations[node.id].append(_citation(a))
        grounded[node.id] = bool(node.publisher or cited)
        credited[node.id] = bool(cited or (node.publisher and not node.own_page))

    main = _relay_to_institution(nodes, edge)
    if main:
        _quoted_institutions(nodes, main, out, derivations, rank)

    def leads_to_outlet(doc_id: str) -> bool:
        node = by_id[doc_id]
        while node.duplicate_of and node.duplicate_of in by_id:
            node = by_id[node.duplicate_of]
        return grounded.get(node.id, False)

    for node in nodes:
        if node.duplicate_of or grounded.get(node.id):
            continue
        target = _rewrite_target(node, by_id, rank, leads_to_outlet)
        if target:
            edge(_doc(node.id), _doc(target.other), "rewrite")
            if target.rewrite:
                evidence = (
                    f"{target.matched} sentences ({target.coverage:.0%} of the text) "
                    f"align with document {target.other}"
                )
                score = target.coverage
            else:
                evidence = (
                    f"retells {target.retold} sentences ({target.retold_coverage:.0%} of "
                    f"the text) of document {target.other}"
                )
                score = target.retold_coverage
            derivations[node.id].append(
                Derivation(
                    "rewrite", document=target.other, evidence=evidence, score=round(score, 3)
                )
            )

    def leads_to_credit(doc_id: str) -> bool:
        seen = {_doc(doc_id)}
        stack = [_doc(doc_id)]
        while stack:
            key = stack.pop()
            if key.startswith("doc:") and credited.get(key[4:], False):
                return True
            for target, _relation in out.get(key, ()):
                if target not in seen and target.startswith("doc:"):
                    seen.add(target)
                    stack.append(target)
        return False

    for node in nodes:
        key = _doc(node.id)
        if node.duplicate_of or credited.get(node.id) or out.get(key):
            continue
        source = _retold_source(node, nodes, rank, leads_to_credit)
        if source is None:
            continue
        other, shared = source
        relation: Relation = "translation" if _other_language(node, other) else "rewrite"
        edge(key, _doc(other.id), relation)
        derivations[node.id].append(
            Derivation(
                relation,
                document=other.id,
                evidence=(
                    "credits no source; shares "
                    + ", ".join(describe(a) for a in shared[:8])
                    + f" with document {other.id}, which leads to a credited outlet"
                ),
            )
        )

    origins = _origins(nodes, by_id, out)
    edges = tuple((s, t, r) for s, targets in out.items() for t, r in targets)
    return StoryGraph({k: tuple(v) for k, v in derivations.items()}, origins, edges)


def _relay_to_institution(
    nodes: Sequence[DocumentNode], edge: Callable[[str, str, str], None]
) -> str | None:
    """Within one story, news outlets and agencies relay the institution it credits.

    A story is one report. When its documents credit an institution whose own
    reports others retell (rank 2 in `provenance.relay_ranks`: an institute, a
    ministry, a court) beside news outlets, the outlets retell that institution's
    report, even when no single document names both: the chain counts once, at the
    institution. With several such institutions, each outlet relays the one the most
    documents credit (the first credited on a tie). Returns that institution, the
    story's main one (None when the story credits none).
    """
    credits: dict[str, int] = {}  # outlet -> documents crediting it, in first-credit order
    ranks: dict[str, int] = {}
    for node in nodes:
        for outlet in dict.fromkeys(a.outlet for a in node.cited):
            credits[outlet] = credits.get(outlet, 0) + 1
            ranks[outlet] = node.relay_ranks.get(outlet, 1)
    top = max(ranks.values(), default=0)
    if top < INSTITUTION_RANK:
        return None
    institutions = [o for o in credits if ranks[o] == top]
    end = max(institutions, key=lambda o: (credits[o], -institutions.index(o)))
    for outlet in credits:
        if ranks[outlet] < top:
            edge(_outlet(outlet), _outlet(end), "cites")
    return end


def _quoted_institutions(
    nodes: Sequence[DocumentNode],
    main: str,
    out: dict[str, list[tuple[str, str]]],
    derivations: dict[str, list[Derivation]],
    rank: dict[str, int],
) -> None:
    """Another institution a retelling of the story's report credits is quoted inside it.

    A story is one report, credited to its main institution (`_relay_to_institution`).
    A document that credits only other institutions (a ministry's reward offer quoted
    in a prosecutor's case) yet shares firm anchors (`regroup.firm`: figures, dates,
    names) with the documents that lead to the main one (they credit it, or a news
    outlet or agency that relays it) retells that report: it points to the one of
    them it shares the most anchors with, and its credits stay in its derived-from
    list as quotes, not as origins. Without such anchors the other institution stays
    an origin of its own.
    """

    def leads_to_main(node: DocumentNode) -> bool:
        return any(
            a.outlet == main or node.relay_ranks.get(a.outlet, 1) < INSTITUTION_RANK
            for a in node.cited
        )

    told_by = [n for n in nodes if not n.duplicate_of and leads_to_main(n)]
    if not told_by:
        return
    told = frozenset().union(*(n.anchors for n in told_by))
    for node in nodes:
        cited = {a.outlet for a in node.cited}
        if node.duplicate_of or not cited or leads_to_main(node):
            continue
        if node.publisher and not node.own_page:
            continue  # a copy of an outlet's page: that outlet credits them
        shared = sorted(node.anchors & told)
        if not firm(shared, names=True):
            continue
        other = max(told_by, key=lambda n: (len(node.anchors & n.anchors), -rank[n.id]))
        key = _doc(node.id)
        quoted = {_outlet(o) for o in cited}
        out[key] = [(t, r) for t, r in out.get(key, []) if t not in quoted]
        relation: Relation = "translation" if _other_language(node, other) else "rewrite"
        out[key].append((_doc(other.id), relation))
        derivations[node.id].append(
            Derivation(
                relation,
                document=other.id,
                evidence=(
                    f"quotes {', '.join(sorted(cited))} inside a retelling of the report "
                    f"of {main}: shares "
                    + ", ".join(describe(a) for a in shared[:8])
                    + f" with the documents that lead to it, the most with document {other.id}"
                ),
            )
        )


def _other_language(a: DocumentNode, b: DocumentNode) -> bool:
    """Whether the two are in different languages (by script where one is not known)."""
    if a.language and b.language:
        return a.language != b.language
    return bool(a.script and b.script and a.script != b.script)


def _retold_source(
    node: DocumentNode,
    nodes: Sequence[DocumentNode],
    rank: dict[str, int],
    leads_to_outlet: Callable[[str], bool],
) -> tuple[DocumentNode, list[str]] | None:
    """The document leading to an outlet that shares the most anchors with `node`."""
    best: tuple[int, int, DocumentNode, list[str]] | None = None
    for other in nodes:
        if other.id == node.id or not leads_to_outlet(other.id):
            continue
        shared = sorted(node.anchors & other.anchors)
        if len(shared) < MIN_SHARED_ANCHORS:
            continue
        candidate = (len(shared), -rank[other.id], other, shared)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return (best[2], best[3]) if best else None


def _rewrite_target(
    node: DocumentNode,
    by_id: dict[str, DocumentNode],
    rank: dict[str, int],
    leads_to_outlet: Callable[[str], bool],
) -> AlignmentEdge | None:
    usable = [a for a in node.alignments if (a.rewrite or a.retells) and a.other in by_id]
    to_outlets = [a for a in usable if leads_to_outlet(a.other)]
    if to_outlets:
        return max(to_outlets, key=lambda a: (a.matched, a.coverage, -rank[a.other]))
    earlier = [a for a in usable if rank[a.other] < rank[node.id]]
    if earlier:
        return max(earlier, key=lambda a: (a.matched, a.coverage, -rank[a.other]))
    return None


def _origins(
    nodes: Sequence[DocumentNode],
    by_id: dict[str, DocumentNode],
    out: dict[str, list[tuple[str, str]]],
) -> tuple[Origin, ...]:
    members: dict[str, dict[str, None]] = {}  # origin name -> documents, in ingest order
    roots_of: dict[str, list[str]] = {}
    for node in nodes:
        key = _doc(node.id)
        # A copy reaches what its original reaches; most floods are copies of one text.
        original = out.get(key, [("", "")])[0]
        if len(out.get(key, ())) == 1 and original[1] == "copy" and original[0] in roots_of:
            roots = roots_of[original[0]]
        else:
            roots = _roots(key, out)
        roots_of[key] = roots
        for root in roots:
            members.setdefault(_origin_name(root, by_id), {}).setdefault(node.id, None)
    return tuple(Origin(outlet=name, documents=tuple(docs)) for name, docs in members.items())


def _roots(start: str, out: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Nodes without a way out reachable from `start`."""
    roots: list[str] = []
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        targets = [t for t, _ in out.get(node, ())]
        if not targets:
            roots.append(node)
        for target in reversed(targets):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    if not roots:
        # Only outlets citing each other in a circle: one of them (the first by name,
        # so every document in the circle picks the same) stands for the circle.
        outlets = sorted(n for n in seen if n.startswith("outlet:"))
        roots = outlets[:1] or [start]
    return roots


def _origin_name(root: str, by_id: dict[str, DocumentNode]) -> str:
    kind, _, name = root.partition(":")
    if kind == "outlet":
        return name
    node = by_id[name]
    if node.publisher:
        return node.publisher.outlet
    return node.label or UNKNOWN_OUTLET.format(document=name)


def _citation(a: Attribution) -> Derivation:
    return Derivation("cites", outlet=a.outlet, evidence=a.quote, start=a.start, end=a.end)


def _doc(document_id: str) -> str:
    return f"doc:{document_id}"


def _outlet(name: str) -> str:
    return f"outlet:{name}"
