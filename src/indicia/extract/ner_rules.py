"""Rule-based named-entity recognition: the fallback that needs no model.

Two passes over word tokens: first the gazetteer (longest known name wins,
demonyms such as "North Korean" block a span without becoming entities), then
runs of capitalised words the gazetteer did not claim, typed by cues:

- organisation: the run holds a cue word ("Kookmin University", "Ministry of
  Unification"), or is a short acronym ("NGO") where no other cue applies;
- place: a cue word in the run ("Yida Camp"), a lower-case cue after it
  ("Donetsk region") or before it ("the town of Bilozerske"), or a lone name
  after a locative preposition ("in Bilozerske");
- person: a title or role before it ("Professor Kang", "security adviser
  Sergei Shoigu"), a naming cue ("a worker named Tae", "identified as Jin"),
  a speech verb after it ("Jin said"), an appositive ("Jin, one escapee"), or
  two to four name-shaped words with no other cue ("Kim Seung-chul").

A lone capitalised word with none of these cues is left out: at a sentence
start it is usually an ordinary word. Inside headings (Title Case lines) only
gazetteer names are kept. Pseudonyms used as first names ("Tae") are persons
when a naming cue introduces them. Junk filtering, alias merging and metonymy
happen afterwards in `extract.entities`, the same for this path and spaCy's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indicia.extract.ner_gazetteer import (
    EntityType,
    Gazetteer,
    Hit,
    RawMention,
    Token,
    heading_lines,
    in_any,
    iter_sentence_starts,
    key,
    next_words,
    previous_words,
    tokens,
)
from indicia.records import Span

_NAME_WORD = re.compile(r"(?:[A-Z][a-z]+(?:['’][A-Z]?[a-z]+)?|Mc[A-Z][a-z]+|[A-Z]\.?)")
_APPOSITIVE = re.compile(r",\s+(?:a|an|one|the)\s+((?:[\w-]+\s+){0,2}?[\w-]+)\b")
_ACRONYM = re.compile(r"[A-Z]{2,5}")


def rule_mentions(text: str, sentences: Sequence[Span], gaz: Gazetteer) -> list[RawMention]:
    """Candidate mentions in `text`: gazetteer names plus typed capitalised runs."""
    toks = tokens(text)
    hits = gaz.find(text, toks)
    hit_at: dict[int, int] = {}  # token index -> index into hits
    hit_index = 0
    for t, token in enumerate(toks):
        while hit_index < len(hits) and hits[hit_index].end <= token.start:
            hit_index += 1
        if hit_index < len(hits) and hits[hit_index].start <= token.start < hits[hit_index].end:
            hit_at[t] = hit_index
    absorbed: set[int] = set()
    found: list[RawMention] = []
    headings = heading_lines(text)
    starts = set(iter_sentence_starts(text, sentences))
    for run in _capitalised_runs(text, toks, hit_at, gaz):
        following = run[-1] + 1
        if following in hit_at and hits[hit_at[following]].known.type is None:
            continue  # a modifier of a nationality word ("Upper Korean"): not a name
        run, absorbed_hits = _absorb_neighbours(text, toks, run, hit_at, hits, gaz)
        mentions = _classify(text, toks, run, gaz, headings, starts)
        if mentions and absorbed_hits:
            absorbed.update(absorbed_hits)
        found.extend(mentions)
    for h, hit in enumerate(hits):
        if hit.known.type is not None and h not in absorbed:
            found.append(RawMention(hit.start, hit.end, hit.known.type, "gazetteer"))
    return sorted(found, key=lambda m: (m.start, -m.end))


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _ends_sentence(token: Token) -> bool:
    # "Russia." ends a run; an initial ("J.") or an abbreviation ("U.N.") does not
    return token.text.endswith(".") and len(token.text) > 2 and "." not in token.text[:-1]


def _capitalised_runs(
    text: str, toks: Sequence[Token], hit_at: dict[int, int], gaz: Gazetteer
) -> list[list[int]]:
    runs: list[list[int]] = []
    i = 0
    while i < len(toks):
        if i in hit_at or not _is_capitalised(toks[i]):
            i += 1
            continue
        run = [i]
        j = i
        while j + 1 < len(toks) and j + 1 not in hit_at:
            if _ends_sentence(toks[j]) and key(toks[j].text) not in gaz.titles:
                break
            k = j + 1
            sep = text[toks[j].end : toks[k].start]
            if sep in ("-", "‐", "‑") or (sep in (" ", "\u00a0") and _is_capitalised(toks[k])):
                run.append(k)
                j = k
                continue
            if (
                sep == " "
                and toks[k].text.lower() in gaz.connectors
                and k + 1 < len(toks)
                and k + 1 not in hit_at
                and text[toks[k].end : toks[k + 1].start] == " "
                and _is_capitalised(toks[k + 1])
            ):
                run.extend((k, k + 1))
                j = k + 1
                continue
            break
        runs.append(run)
        i = j + 1
    return runs


def _absorb_neighbours(
    text: str,
    toks: Sequence[Token],
    run: list[int],
    hit_at: dict[int, int],
    hits: Sequence[Hit],
    gaz: Gazetteer,
) -> tuple[list[int], set[int]]:
    """Grow an organisation run over a known name it is built on.

    "University of Seoul", "Russian Defence Ministry": the gazetteer claimed
    "Seoul" and "Russian", but with an organisation cue in the run the whole
    phrase is the name.
    """
    if not any(toks[k].text.rstrip(".") in gaz.organisation_cues for k in run):
        return run, set()
    absorbed: set[int] = set()
    before = run[0] - 1
    if before in hit_at and text[toks[before].end : toks[run[0]].start] == " ":
        h = hit_at[before]
        absorbed.add(h)
        run = [t for t, hi in hit_at.items() if hi == h] + run
    after = run[-1] + 1
    if (
        after + 1 in hit_at
        and after < len(toks)
        and toks[after].text.lower() in ("of", "for")
        and text[toks[run[-1]].end : toks[after].start] == " "
    ):
        h = hit_at[after + 1]
        absorbed.add(h)
        run = [*run, after, *sorted(t for t, hi in hit_at.items() if hi == h)]
    return sorted(run), absorbed


def _strip_leading(toks: Sequence[Token], run: list[int], gaz: Gazetteer) -> tuple[list[int], bool]:
    """Drop sentence-initial function words and titles; say whether a title was seen."""
    titled = False
    while run:
        first = toks[run[0]].text
        if len(run) >= 2 and key(f"{first} {toks[run[1]].text}") in gaz.titles:
            run, titled = run[2:], True
        elif key(first) in gaz.titles or key(first.rstrip(".")) in gaz.titles:
            run, titled = run[1:], True
        elif first.rstrip(".") in gaz.stop_capitalised or first.lower() in gaz.connectors:
            run = run[1:]
        else:
            break
    while run and toks[run[-1]].text.lower() in gaz.connectors:
        run = run[:-1]
    return run, titled


def _classify(
    text: str,
    toks: Sequence[Token],
    run: list[int],
    gaz: Gazetteer,
    headings: Sequence[Span],
    starts: set[int],
) -> list[RawMention]:
    run, titled = _strip_leading(toks, run, gaz)
    if not run:
        return []
    start, end = toks[run[0]].start, _end_of(toks[run[-1]])
    if in_any(headings, start, end):
        return []
    parts = _split_at_connectors(toks, run, gaz)
    organisation = _organisation_from(toks, parts, gaz)
    if organisation is not None:
        # "Ada Kowalczyk of Dunmore University": the name before the cue part is its own
        org_start = toks[parts[organisation][0]].start
        mentions = [RawMention(org_start, end, "organisation", "rules")]
        parts = parts[:organisation]
    elif len(run) >= 2 and any(toks[k].text.rstrip(".") in gaz.place_cues for k in run):
        return [RawMention(start, end, "place", "rules")]
    else:
        mentions = []
    for part in parts:
        part, part_titled = _strip_leading(toks, part, gaz)
        if not part:
            continue
        kind = _classify_part(text, toks, part, gaz, starts, titled or part_titled)
        if kind is not None:
            mentions.append(RawMention(toks[part[0]].start, _end_of(toks[part[-1]]), kind, "rules"))
    return mentions


def _organisation_from(
    toks: Sequence[Token], parts: Sequence[list[int]], gaz: Gazetteer
) -> int | None:
    """Index of the part where an organisation name starts, if the run holds a cue.

    The name runs from the first part with a cue word to the end of the run:
    "Ministry of Labour and Welfare", "Royal Bank of Scotland".
    """
    for index, part in enumerate(parts):
        words = [toks[k].text.rstrip(".") for k in part]
        if any(w in gaz.organisation_cues for w in words):
            whole = sum(len(p) for p in parts[index:])
            return index if whole >= 2 else None
    return None


def _split_at_connectors(toks: Sequence[Token], run: list[int], gaz: Gazetteer) -> list[list[int]]:
    parts: list[list[int]] = [[]]
    for k in run:
        if toks[k].text.lower() in gaz.connectors and not _is_capitalised(toks[k]):
            parts.append([])
        else:
            parts[-1].append(k)
    return [p for p in parts if p]


def _end_of(token: Token) -> int:
    return token.end - 1 if _ends_sentence(token) else token.end


def _classify_part(
    text: str,
    toks: Sequence[Token],
    part: list[int],
    gaz: Gazetteer,
    starts: set[int],
    titled: bool,
) -> EntityType | None:
    start, end = toks[part[0]].start, _end_of(toks[part[-1]])
    before = previous_words(text, start, 3)
    after = next_words(text, end, 1)
    if after and after[0] in gaz.place_after:
        return "place"
    if any(" ".join(before[-2:]).endswith(cue) for cue in gaz.place_before):
        return "place"
    introduced = titled or (before and before[-1] in gaz.role_nouns)
    named = any(" ".join(before).endswith(cue) for cue in gaz.naming_cues)
    if introduced or named or _appositive_role(text, end, gaz):
        return "person"
    # "as Jin said" names a person; a sentence-initial "Staff said" does not
    if _speaks(after, gaz) and start not in starts:
        return "person"
    words = [toks[k].text for k in part]
    if len(part) >= 2:
        return "person" if _name_shaped(text, toks, part) and len(words) <= 5 else None
    word = words[0]
    at_start = start in starts
    if _ACRONYM.fullmatch(word) and word not in gaz.not_acronyms:
        return "organisation"
    if not at_start and before and before[-1] in gaz.locative_before:
        return "place"
    return None


def _speaks(after: Sequence[str], gaz: Gazetteer) -> bool:
    return bool(after) and after[0] in gaz.speech_verbs


def _appositive_role(text: str, end: int, gaz: Gazetteer) -> bool:
    match = _APPOSITIVE.match(text, end)
    return match is not None and any(w in gaz.role_nouns for w in match.group(1).split())


def _name_shaped(text: str, toks: Sequence[Token], part: Sequence[int]) -> bool:
    for position, k in enumerate(part):
        word = toks[k].text.rstrip(".") if position == len(part) - 1 else toks[k].text
        joined = position > 0 and text[toks[part[position - 1]].end : toks[k].start] != " "
        if joined and word.isalpha():
            continue  # the lower-case half of a hyphenated given name ("Seung-chul")
        if not _NAME_WORD.fullmatch(word):
            return False
    return True
