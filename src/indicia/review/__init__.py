"""review: a reviewer's decisions on the findings, kept with an audit trail.

Findings are candidates until a person decides. A decision names what it applies
to, who made it, when and why, and what the pipeline said before it (`overrode`);
it is kept in the store's `review_decisions` table, never replaced or deleted, and
undone by marking it undone. Decisions are applied when the dossier is built, on
top of whatever the stages produced, so they survive a re-run and `--recompute`:

- accept_candidate / reject_candidate: a sanctions candidate (by its id);
- reject_quote: a quote ("DOCUMENT:START:END"), taken out of every indicator
  finding and figure it supports; a finding left with no quote is dropped;
- reject_indicator: an indicator finding ("STORY:CODE");
- exclude_document: a document, whose quotes then support nothing and whose
  mentions leave the entities;
- merge_entities: an entity (by name) folded into another (`value`);
- split_entities: one spelling (`value` "alias:NAME") or one document's mentions
  (`value` "document:ID") taken out of an entity into an entity of its own, with
  its mentions; a sanctions candidate whose quotes all went with it goes too;
- set_origin: a story's origin set to an outlet (`value`);
- split_story: a document (`value`) moved out of its story into a story of its
  own, with its quotes in the indicator findings and figures;
- merge_stories: a story folded into another (`value`): its documents, origins and
  indicator findings join it; its figures are listed beside the other story's, not
  reconciled with them.

Independent sources are counted again over the origins left after a split or merge,
never raised above what the stages found for each part. A decision whose target a
later run no longer produces is listed as not applied, never silently dropped.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from indicia.errors import ConfigError
from indicia.records import ReviewDecision, to_dict
from indicia.store import Store

ACTIONS = {
    "accept_candidate": "accepted the sanctions candidate",
    "reject_candidate": "rejected the sanctions candidate",
    "reject_quote": "rejected the quote",
    "reject_indicator": "rejected the indicator finding",
    "exclude_document": "excluded the document",
    "merge_entities": "merged the entity into another",
    "split_entities": "split a spelling or a document's mentions out of the entity",
    "set_origin": "set the story's origin",
    "split_story": "moved the document out of its story",
    "merge_stories": "merged the story into another",
}
_NEEDS_VALUE = {"merge_entities", "split_entities", "set_origin", "split_story", "merge_stories"}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def decide(
    store: Store,
    dossier: dict[str, Any],
    action: str,
    target: str,
    reviewer: str,
    reason: str,
    value: str | None = None,
    at: str | None = None,
) -> ReviewDecision:
    """Record a decision on a target the current dossier holds; ConfigError if it holds none."""
    if action not in ACTIONS:
        raise ConfigError(f"unknown review action {action!r}; one of {', '.join(ACTIONS)}")
    if not reviewer.strip() or not reason.strip():
        raise ConfigError("a decision needs a reviewer and a reason")
    if (action in _NEEDS_VALUE) != bool(value):
        raise ConfigError(f"{action} {'needs' if action in _NEEDS_VALUE else 'takes no'} value")
    overrode = _current(dossier, action, target, value)
    made_at = at or _now()
    digest = hashlib.sha256(
        "\x00".join([action, target, value or "", reviewer, made_at]).encode()
    ).hexdigest()[:16]
    decision = ReviewDecision(
        id=digest,
        action=action,
        target=target,
        reviewer=reviewer.strip(),
        reason=reason.strip(),
        made_at=made_at,
        value=value,
        overrode=overrode,
    )
    store.add_decision(decision)
    return decision


def undo(store: Store, decision_id: str, reviewer: str, reason: str) -> None:
    if not reviewer.strip() or not reason.strip():
        raise ConfigError("undoing a decision needs a reviewer and a reason")
    if not store.undo_decision(decision_id, reviewer.strip(), reason.strip(), _now()):
        raise ConfigError(f"no decision {decision_id!r} in force to undo")


def _current(dossier: dict[str, Any], action: str, target: str, value: str | None) -> str:
    """What the dossier says now about the target: the `overrode` of a new decision."""
    if action in ("accept_candidate", "reject_candidate"):
        for c in (dossier.get("screening") or {}).get("candidates", []):
            if c["id"] == target:
                return f"status {c['status']}, score {c['score']:.2f} for {c['entry']['name']!r}"
        raise ConfigError(f"no sanctions candidate {target!r} in this dossier")
    if action == "reject_quote":
        document, start, end = _quote_target(target)
        for finding in [*dossier["indicators"], *dossier["claims"]]:
            for ev in finding["evidence"]:
                if (ev["document"], ev["start"], ev["end"]) == (document, start, end):
                    return f"quote {ev['quote']!r} supports findings"
        raise ConfigError(f"no quote {target!r} supports a finding in this dossier")
    if action == "reject_indicator":
        story, _, code = target.partition(":")
        for finding in dossier["indicators"]:
            if finding["story"] == story and finding["code"] == code:
                return f"{code} found in {len(finding['evidence'])} quotes"
        raise ConfigError(f"no indicator finding {target!r} (STORY:CODE) in this dossier")
    if action == "exclude_document":
        for d in dossier["documents"]:
            if d["id"] == target:
                return f"document status {d['status']}"
        raise ConfigError(f"no document {target!r} in this dossier")
    if action == "merge_entities":
        names = {e["name"] for e in dossier["entities"]}
        missing = [n for n in (target, value or "") if n not in names]
        if missing or target == value:
            raise ConfigError(f"cannot merge: no entity named {', '.join(missing) or target!r}")
        return f"{target!r} and {value!r} were separate entities"
    if action == "split_entities":
        return _split_entity_overrode(dossier, target, value or "")
    if action in ("split_story", "merge_stories"):
        return _story_overrode(dossier, action, target, value or "")
    for story in dossier["stories"]:  # set_origin
        if story["id"] == target:
            origins = ", ".join(o["outlet"] for o in story["origins"]) or "none"
            return f"origins: {origins}"
    raise ConfigError(f"no story {target!r} in this dossier")


def _quote_target(target: str) -> tuple[str, int, int]:
    document, _, span = target.partition(":")
    start, _, end = span.partition(":")
    if not (start.isdigit() and end.isdigit()):
        raise ConfigError(f"a quote is DOCUMENT:START:END, not {target!r}")
    return document, int(start), int(end)


def apply_decisions(dossier: dict[str, Any], decisions: list[ReviewDecision]) -> None:
    """Apply the decisions in force to a dossier dict, in the order they were made.

    Undone decisions are listed too (the audit trail), and applied to nothing.
    """
    applied: list[dict[str, Any]] = []
    for decision in decisions:
        entry = to_dict(decision)
        entry["applied"] = decision.undone_at is None and _apply(dossier, decision)
        applied.append(entry)
    dossier["review"] = {"decisions": applied}


def _apply(dossier: dict[str, Any], d: ReviewDecision) -> bool:
    if d.action in ("accept_candidate", "reject_candidate"):
        for c in (dossier.get("screening") or {}).get("candidates", []):
            if c["id"] == d.target:
                c["status"] = "accepted" if d.action == "accept_candidate" else "rejected"
                c["decision"] = d.id
                return True
        return False
    if d.action == "reject_quote":
        document, start, end = _quote_target(d.target)
        return _drop_evidence(
            dossier, lambda ev: (ev["document"], ev["start"], ev["end"]) == (document, start, end)
        )
    if d.action == "reject_indicator":
        story, _, code = d.target.partition(":")
        before = len(dossier["indicators"])
        dossier["indicators"] = [
            f for f in dossier["indicators"] if (f["story"], f["code"]) != (story, code)
        ]
        return len(dossier["indicators"]) < before
    if d.action == "exclude_document":
        return _exclude(dossier, d)
    if d.action == "merge_entities":
        return _merge(dossier, d.target, d.value or "")
    if d.action == "split_entities":
        return _split_entity(dossier, d.target, d.value or "", d.id)
    if d.action == "split_story":
        return _split_story(dossier, d.target, d.value or "", d.id)
    if d.action == "merge_stories":
        return _merge_stories(dossier, d.target, d.value or "", d.id)
    for story in dossier["stories"]:  # set_origin
        if story["id"] == d.target:
            story["origins_found"] = story["origins"]
            story["origins"] = [{"outlet": d.value, "documents": [], "decision": d.id}]
            story["independent_sources"] = 1
            return True
    return False


def _drop_evidence(dossier: dict[str, Any], gone: Any) -> bool:
    changed = False
    for key in ("indicators", "claims"):
        kept = []
        for finding in dossier[key]:
            evidence = [ev for ev in finding["evidence"] if not gone(ev)]
            changed |= len(evidence) < len(finding["evidence"])
            finding["evidence"] = evidence
            if evidence:  # nothing is claimed that no quote supports
                kept.append(finding)
        dossier[key] = kept
    return changed


def _exclude(dossier: dict[str, Any], d: ReviewDecision) -> bool:
    found = False
    for document in dossier["documents"]:
        if document["id"] == d.target:
            document["excluded"] = {"decision": d.id, "reason": d.reason}
            found = True
    if not found:
        return False
    _drop_evidence(dossier, lambda ev: ev["document"] == d.target)
    kept = []
    for entity in dossier["entities"]:
        entity["documents"] = [x for x in entity["documents"] if x != d.target]
        entity["mentions"] = [m for m in entity.get("mentions", []) if m["document"] != d.target]
        if entity["documents"]:
            kept.append(entity)
    dossier["entities"] = kept
    for c in (dossier.get("screening") or {}).get("candidates", []):
        c["evidence"] = [ev for ev in c["evidence"] if ev["document"] != d.target]
    return True


def _merge(dossier: dict[str, Any], source: str, into: str) -> bool:
    entities = {e["name"]: e for e in dossier["entities"]}
    if source not in entities or into not in entities or source == into:
        return False
    gone, kept = entities[source], entities[into]
    kept["aliases"] = sorted({*kept["aliases"], *gone["aliases"], gone["name"]} - {kept["name"]})
    kept["documents"] = list(dict.fromkeys([*kept["documents"], *gone["documents"]]))
    kept["mentions"] = [*kept.get("mentions", []), *gone.get("mentions", [])]
    dossier["entities"] = [e for e in dossier["entities"] if e["name"] != source]
    for c in (dossier.get("screening") or {}).get("candidates", []):
        if c["entity"] == source:
            c["entity"] = into
    return True


# ------------------------------------------------------------- entity splits


def _surface_key(text: str) -> str:
    """A spelling compared as the entity stage lists aliases: spaces collapsed, no
    leading "the", case folded (any script: casefold is a no-op where case is none)."""
    bare = " ".join(text.split())
    if bare[:4].casefold() == "the ":
        bare = bare[4:]
    return bare.casefold()


def _parse_split(value: str) -> tuple[str, str]:
    kind, _, what = value.partition(":")
    if kind not in ("alias", "document") or not what.strip():
        raise ConfigError(f"a split is alias:NAME or document:ID, not {value!r}")
    return kind, what.strip()


def _split_parts(
    entity: dict[str, Any], kind: str, what: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entity's mentions that leave with the split, and those that stay."""
    mentions = entity.get("mentions", [])
    if kind == "alias":
        key = _surface_key(what)
        moved = [m for m in mentions if _surface_key(m["quote"]) == key]
    else:
        moved = [m for m in mentions if m["document"] == what]
    return moved, [m for m in mentions if m not in moved]


def _split_entity_overrode(dossier: dict[str, Any], name: str, value: str) -> str:
    kind, what = _parse_split(value)
    entity = next((e for e in dossier["entities"] if e["name"] == name), None)
    if entity is None:
        raise ConfigError(f"no entity named {name!r} in this dossier")
    moved, kept = _split_parts(entity, kind, what)
    if not moved:
        where = f"spelled {what!r}" if kind == "alias" else f"in document {what!r}"
        raise ConfigError(f"no mention of {name!r} is {where}: nothing to split out")
    if not kept:
        raise ConfigError(f"every mention of {name!r} would leave it: nothing would remain")
    return f"{name!r} held {len(entity['mentions'])} mentions, {len(moved)} of them {value}"


def _spelling(mentions: list[dict[str, Any]]) -> str:
    """The most used spelling of these mentions (ties: the first in order)."""
    counts: dict[str, int] = {}
    for m in mentions:
        bare = " ".join(m["quote"].split())
        counts[bare] = counts.get(bare, 0) + 1
    return max(counts, key=lambda s: counts[s])


def _aliases(
    mentions: list[dict[str, Any]], name: str, earlier: list[str], gone: set[str]
) -> list[str]:
    surfaces = {" ".join(m["quote"].split()) for m in mentions}
    kept = {a for a in earlier if _surface_key(a) not in gone}
    return sorted(a for a in surfaces | kept if _surface_key(a) != _surface_key(name))


def _split_entity(dossier: dict[str, Any], name: str, value: str, decision: str) -> bool:
    try:
        kind, what = _parse_split(value)
    except ConfigError:
        return False
    entities = dossier["entities"]
    position = next((n for n, e in enumerate(entities) if e["name"] == name), None)
    if position is None:
        return False
    entity = entities[position]
    moved, kept = _split_parts(entity, kind, what)
    if not moved or not kept:
        return False
    taken = {_surface_key(m["quote"]) for m in moved} - {_surface_key(m["quote"]) for m in kept}
    new_name = what if kind == "alias" else _spelling(moved)
    kept_name = entity["name"]
    if _surface_key(new_name) == _surface_key(kept_name):
        if kind == "alias":
            kept_name = _spelling(kept)  # the name itself leaves: the rest keep theirs
        else:
            new_name = f"{new_name} [{what[:8]}]"  # one name, told apart by its document
    names = {e["name"] for e in entities} - {entity["name"]}
    if new_name in names or kept_name in names:
        return False  # the split would give a name another entity has: merge instead
    split = {
        "name": new_name,
        "type": entity["type"],
        "aliases": _aliases(moved, new_name, [], set()),
        "documents": list(dict.fromkeys(m["document"] for m in moved)),
        "mentions": moved,
        "role": None,
        "country": None,
        "split_from": entity["name"],
        "decision": decision,
    }
    for c in (dossier.get("screening") or {}).get("candidates", []):
        if c["entity"] != entity["name"]:
            continue
        spans = {(ev["document"], ev["start"], ev["end"]) for ev in c["evidence"]}
        leaving = {(m["document"], m["start"], m["end"]) for m in moved}
        c["entity"] = new_name if spans and spans <= leaving else kept_name
    entity["aliases"] = _aliases(kept, kept_name, entity["aliases"], taken)
    entity["name"] = kept_name
    entity["documents"] = list(dict.fromkeys(m["document"] for m in kept))
    entity["mentions"] = kept
    entities.insert(position + 1, split)
    return True


# -------------------------------------------------------- story splits, merges


def _story_overrode(dossier: dict[str, Any], action: str, target: str, value: str) -> str:
    stories = {s["id"]: s for s in dossier["stories"]}
    story = stories.get(target)
    if story is None:
        raise ConfigError(f"no story {target!r} in this dossier")
    if action == "split_story":
        if value not in story["documents"]:
            raise ConfigError(f"story {target!r} holds no document {value!r}")
        if len(story["documents"]) < 2:
            raise ConfigError(f"story {target!r} holds only that document: nothing to split")
        return f"document {value} was one of the {len(story['documents'])} of story {target}"
    if value not in stories or value == target:
        raise ConfigError(f"cannot merge: no other story {value!r} in this dossier")
    return f"{target!r} and {value!r} were separate stories"


def _file_name(document: dict[str, Any]) -> str:
    path = str(document.get("source_path") or document.get("id") or "")
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _origin_keys(story: dict[str, Any]) -> dict[str, str]:
    """Document -> the origin it traces to in this story (its own id when none)."""
    keys: dict[str, str] = {}
    for origin in story["origins"]:
        for document in origin["documents"]:
            keys.setdefault(document, "origin:" + origin["outlet"].casefold())
    return keys


def _recount(item: dict[str, Any], story: dict[str, Any], ceiling: int) -> None:
    """Independent sources of a finding or figure over the story's origins as they are
    now: never more than the stages found (`ceiling`), never less than one."""
    keys = _origin_keys(story)
    origins = {keys.get(ev["document"], ev["document"]) for ev in item["evidence"]}
    item["independent_sources"] = max(1, min(ceiling, len(origins)))


def _split_story(dossier: dict[str, Any], story_id: str, document_id: str, decision: str) -> bool:
    stories = dossier["stories"]
    position = next((n for n, s in enumerate(stories) if s["id"] == story_id), None)
    if position is None:
        return False
    story = stories[position]
    documents = {d["id"]: d for d in dossier["documents"]}
    if document_id not in story["documents"] or len(story["documents"]) < 2:
        return False
    new_id = f"{story_id}-split-{document_id[:12]}"
    if any(s["id"] == new_id for s in stories):
        return False
    document = documents.get(document_id) or {}
    cited = [
        e["outlet"]
        for e in document.get("derived_from", [])
        if e.get("outlet") and not e.get("document")
    ]
    # as the linker names them: the outlets it cites, else its own (or its file's)
    own = document.get("outlet") or "unknown outlet: " + _file_name(document)
    outlets = list(dict.fromkeys(cited)) or [own]
    new_story = {
        "id": new_id,
        "title": str(document.get("title") or story["title"]),
        "documents": [document_id],
        "origins": [{"outlet": o, "documents": [document_id]} for o in outlets],
        "independent_sources": 1,
        "split_from": story_id,
        "decision": decision,
    }
    before = len(story["origins"])
    story["documents"] = [d for d in story["documents"] if d != document_id]
    origins = []
    for origin in story["origins"]:
        left = [d for d in origin["documents"] if d != document_id]
        if left or document_id not in origin["documents"]:
            origins.append({**origin, "documents": left})
    story["origins"] = origins
    story["independent_sources"] = max(1, story["independent_sources"] - (before - len(origins)))
    stories.insert(position + 1, new_story)
    if document:
        document["story"] = new_id

    def moved(ev: dict[str, Any]) -> bool:
        return bool(ev["document"] == document_id)

    findings = []
    for finding in dossier["indicators"]:
        if finding["story"] != story_id or not any(moved(ev) for ev in finding["evidence"]):
            findings.append(finding)
            continue
        ceiling = finding["independent_sources"]
        rest = [ev for ev in finding["evidence"] if not moved(ev)]
        if rest:
            findings.append({**finding, "evidence": rest})
            _recount(findings[-1], story, ceiling)
        leaving = [ev for ev in finding["evidence"] if moved(ev)]
        findings.append({**finding, "story": new_id, "evidence": leaving, "independent_sources": 1})
    dossier["indicators"] = findings

    claims = []
    for claim in dossier["claims"]:
        if claim["story"] != story_id or not any(moved(ev) for ev in claim["evidence"]):
            claims.append(claim)
            continue
        ceiling = claim["independent_sources"]
        rest = [ev for ev in claim["evidence"] if not moved(ev)]
        leaving = [ev for ev in claim["evidence"] if moved(ev)]
        if rest:
            claims.append({**claim, "evidence": rest})
            _recount(claims[-1], story, ceiling)
            claims.append(
                {**claim, "id": f"{claim['id']}-{document_id[:8]}", "story": new_id,
                 "evidence": leaving, "independent_sources": 1, "conflicts": []}
            )  # fmt: skip
        else:
            claims.append({**claim, "story": new_id, "independent_sources": 1})
    story_of = {c["id"]: c["story"] for c in claims}
    for claim in claims:
        if claim["story"] not in (story_id, new_id):
            continue
        # a disagreement is between figures of one story, shown by quotes of that story
        ours = claim["story"] == new_id
        claim["conflicts"] = [
            {**x, "evidence": [e for e in x.get("evidence", []) if moved(e) == ours]}
            for x in claim["conflicts"]
            if story_of.get(x.get("claim") or "", claim["story"]) == claim["story"]
        ]
    dossier["claims"] = claims
    return True


def _merge_stories(dossier: dict[str, Any], source_id: str, into_id: str, decision: str) -> bool:
    stories = {s["id"]: s for s in dossier["stories"]}
    source, into = stories.get(source_id), stories.get(into_id)
    if source is None or into is None or source_id == into_id:
        return False
    into["documents"] = list(dict.fromkeys([*into["documents"], *source["documents"]]))
    by_outlet = {o["outlet"].casefold(): o for o in into["origins"]}
    shared = 0
    for origin in source["origins"]:
        same = by_outlet.get(origin["outlet"].casefold())
        if same is None:
            into["origins"].append(origin)
            by_outlet[origin["outlet"].casefold()] = origin
        else:
            shared += 1
            same["documents"] = list(dict.fromkeys([*same["documents"], *origin["documents"]]))
    into["independent_sources"] = max(
        1, into["independent_sources"] + source["independent_sources"] - shared
    )
    into.setdefault("merged", []).append({"story": source_id, "decision": decision})
    dossier["stories"] = [s for s in dossier["stories"] if s["id"] != source_id]
    for document in dossier["documents"]:
        if document.get("story") == source_id:
            document["story"] = into_id
    own = {f["code"]: f for f in dossier["indicators"] if f["story"] == into_id}
    findings = []
    for finding in dossier["indicators"]:
        if finding["story"] != source_id:
            findings.append(finding)
            continue
        same = own.get(finding["code"])
        if same is None:
            finding["story"] = into_id
            findings.append(finding)
            continue
        quotes = {(e["document"], e["start"], e["end"]): e for e in same["evidence"]}
        for ev in finding["evidence"]:
            quotes.setdefault((ev["document"], ev["start"], ev["end"]), ev)
        floor = max(same["independent_sources"], finding["independent_sources"])
        ceiling = same["independent_sources"] + finding["independent_sources"]
        same["evidence"] = [quotes[k] for k in sorted(quotes)]
        same["methods"] = sorted({*same.get("methods", []), *finding.get("methods", [])})
        same["confidence"] = max(same.get("confidence", 0.0), finding.get("confidence", 0.0))
        _recount(same, into, ceiling)
        same["independent_sources"] = max(same["independent_sources"], floor)
    dossier["indicators"] = findings
    for claim in dossier["claims"]:
        if claim["story"] == source_id:
            claim["story"] = into_id  # beside the other story's figures, not reconciled
    return True


__all__ = ["ACTIONS", "apply_decisions", "decide", "undo"]
