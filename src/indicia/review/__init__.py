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
- set_origin: a story's origin set to an outlet (`value`).

A decision whose target a later run no longer produces is listed as not applied,
never silently dropped. Splitting entities or stories is not offered yet.
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
    "set_origin": "set the story's origin",
}
_NEEDS_VALUE = {"merge_entities", "set_origin"}


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


__all__ = ["ACTIONS", "apply_decisions", "decide", "undo"]
