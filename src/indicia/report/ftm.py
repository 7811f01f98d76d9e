"""The dossier as FollowTheMoney entities, for Aleph and the ftm tools.

One JSON object per line, each an entity of the followthemoney model, built with
the library so that every property is one the model has and every value is
cleaned by its type:

- each document read is an `Article` (title, author, publisher, date, URL,
  language, the cleaned text as `bodyText`, places it names as
  `locationMentioned`);
- each person and organisation is a `Person` or `Organization` (its name and
  aliases), and each mention of it a `Mention` linking the Article to it, with
  the surface as written;
- each accepted sanctions match is a `Sanction` on that entity (the list, the
  entry's programs and id, and the reviewer's reason as `reason`); candidates
  not accepted are not exported, since a candidate is no finding;
- each indicator finding and each figure is a `Note` on the Article of its
  first quote (FtM has no schema for either): its name says what it is, its
  description gives the quotes with their document and offsets.

It writes what the dossier holds after review decisions, nothing more.
`write_entities_csv` gives the same entities as one CSV row each, with every
mention's offsets and the entity's screening candidates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_DATASET = "indicia"


def ftm_entities(dossier: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The dossier's documents, entities, mentions, sanctions and findings as FtM dicts."""
    from followthemoney import model

    def make(schema: str, *key: str) -> Any:
        proxy = model.make_entity(schema)
        proxy.make_id(_DATASET, schema, *key)
        return proxy

    articles: dict[str, Any] = {}
    places: dict[str, list[str]] = {}
    for entity in dossier["entities"]:
        if entity["type"] == "place":
            for document in entity["documents"]:
                places.setdefault(document, []).append(entity["name"])
    for document in dossier["documents"]:
        if document["status"] != "ok" or document.get("excluded"):
            continue
        article = make("Article", document["id"])
        article.add("title", document.get("title"))
        article.add("author", document.get("author"))
        article.add("publisher", document.get("outlet"))
        article.add("publishedAt", document.get("published"))
        article.add("sourceUrl", document.get("url"))
        article.add("language", document.get("language"))
        article.add("fileName", Path(document["source_path"]).name)
        article.add("contentHash", document.get("raw_sha256"))
        article.add("bodyText", document.get("text"))
        article.add("locationMentioned", places.get(document["id"], []))
        articles[document["id"]] = article

    parties: dict[str, Any] = {}
    mentions: list[Any] = []
    for entity in dossier["entities"]:
        if entity["type"] == "place":
            continue
        schema = "Person" if entity["type"] == "person" else "Organization"
        party = make(schema, entity["name"])
        party.add("name", entity["name"])
        party.add("alias", entity["aliases"])
        parties[entity["name"]] = party
        for m in entity.get("mentions", []):
            if m["document"] not in articles:
                continue
            mention = make("Mention", entity["name"], m["document"], str(m["start"]))
            mention.add("name", m["quote"])
            mention.add("document", articles[m["document"]].id)
            mention.add("resolved", party.id)
            mention.add("detectedSchema", schema)
            mentions.append(mention)

    sanctions = []
    for c in (dossier.get("screening") or {}).get("candidates", []):
        if c["status"] != "accepted" or c["entity"] not in parties:
            continue
        entry = c["entry"]
        sanction = make("Sanction", c["id"])
        sanction.add("entity", parties[c["entity"]].id)
        sanction.add("authority", entry["list_name"])
        sanction.add("authorityId", entry["entry_id"])
        sanction.add("program", entry.get("programs", []))
        sanction.add("summary", f"listed as {entry['name']!r}; match score {c['score']:.2f}")
        reasons = [
            d["reason"]
            for d in (dossier.get("review") or {}).get("decisions", [])
            if d["target"] == c["id"] and d["applied"]
        ]
        sanction.add("reason", reasons)
        sanctions.append(sanction)

    notes = []
    for kind, findings in (("indicator", dossier["indicators"]), ("figure", dossier["claims"])):
        for finding in findings:
            evidence = [ev for ev in finding["evidence"] if ev["document"] in articles]
            if not evidence:
                continue
            name = finding["label"] if kind == "indicator" else _figure_name(finding)
            note = make("Note", kind, finding["story"], name, *(_where(ev) for ev in evidence))
            note.add("name", f"{kind}: {name}")
            note.add("entity", articles[evidence[0]["document"]].id)
            note.add(
                "description",
                "\n".join(f"{ev['quote']} ({_where(ev)})" for ev in evidence),
            )
            notes.append(note)

    for proxy in [*articles.values(), *parties.values(), *mentions, *sanctions, *notes]:
        data: dict[str, Any] = proxy.to_dict()
        data["datasets"] = [_DATASET]
        yield data


def _where(evidence: dict[str, Any]) -> str:
    return f"{evidence['document']}:{evidence['start']}:{evidence['end']}"


def _figure_name(claim: dict[str, Any]) -> str:
    def number(x: Any) -> str:
        return f"{x:g}" if isinstance(x, (int, float)) else str(x)

    if claim.get("value") is not None:
        value = number(claim["value"])
    elif claim.get("low") is not None or claim.get("high") is not None:
        value = "-".join(number(x) for x in (claim.get("low"), claim.get("high")) if x is not None)
    else:
        value = "?"
    qualifier = f"{claim['qualifier']} " if claim.get("qualifier") else ""
    return f"{claim['measure']}: {qualifier}{value} {claim.get('unit') or ''}".strip()


def write_ftm(dossier: dict[str, Any], path: Path) -> int:
    """Write the FtM entities as JSON lines to `path`; return how many."""
    count = 0
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for data in ftm_entities(dossier):
            out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    tmp.replace(path)
    return count


def entities_csv(dossier: dict[str, Any]) -> str:
    """Every person, organisation and place as one CSV row: names, mentions with their
    offsets, stories, and screening candidates with their status."""
    import csv
    import io

    stories = {d["id"]: d.get("story") for d in dossier["documents"]}
    screened: dict[str, list[str]] = {}
    for c in (dossier.get("screening") or {}).get("candidates", []):
        screened.setdefault(c["entity"], []).append(
            f"{c['entry']['list_name']} {c['entry']['entry_id']} {c['entry']['name']}"
            f" ({c['score']:.2f}, {c['status']})"
        )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["name", "type", "aliases", "role", "country", "documents", "stories", "mentions",
         "mention_offsets", "screening_candidates"]
    )  # fmt: skip
    for e in dossier["entities"]:
        mentions = e.get("mentions", [])
        writer.writerow(
            [
                e["name"],
                e["type"],
                "; ".join(e["aliases"]),
                e.get("role") or "",
                e.get("country") or "",
                len(e["documents"]),
                "; ".join(sorted({s for d in e["documents"] if (s := stories.get(d))})),
                len(mentions),
                "; ".join(_where(m) for m in mentions),
                "; ".join(screened.get(e["name"], [])),
            ]
        )
    return out.getvalue()


def write_entities_csv(dossier: dict[str, Any], path: Path) -> int:
    """Write `entities_csv` to `path`; return how many entities it lists."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as out:
        out.write(entities_csv(dossier))
    tmp.replace(path)
    return len(dossier["entities"])


__all__ = ["entities_csv", "ftm_entities", "write_entities_csv", "write_ftm"]
