"""Benchmark sanctions screening: our matcher beside rapidfuzz and nomenklatura, same run.

Run from the repository root (needs ../shared and the `bench` extra; nomenklatura rows
need `pip install nomenklatura`, left out of the extras because it pins scikit-learn):

    .venv/bin/python bench/screen.py             # prints the tables, writes RESULTS.md
    .venv/bin/python bench/screen.py --no-write  # prints only
    .venv/bin/python bench/screen.py --sample 200  # a quicker subsample of the queries

The labelled set, built here from ../shared/benchdata/sanctions each run (nothing
copied into the repository):

- the list: the OFAC SDN snapshot (people and organisations), plus the 683 UN-listed
  persons of yente's untreated query set as entries of their own (name, nationality,
  year of birth);
- positives: yente's treated names (row i is a perturbed spelling of untreated row i:
  typos, swapped letters, reshuffled parts), each expected to find untreated row i;
  and script forms derived here: each North Korean person in Hangul (each romanised
  syllable mapped back to the Hangul syllable whose Revised romanisation has the same
  Korean key) and each person in Cyrillic (a fixed Latin-to-Cyrillic table); no Chinese
  forms (Hanzi cannot be derived from a romanisation);
- negatives: the people and organisations our entity stage finds in the seeds and in
  the 123 pages of news-pile-dev; a name that equals a list name exactly (after
  normalisation) is dropped from the negatives, since it is listed; every other
  candidate for a negative counts as a false positive, so precision is a lower bound
  (a real listed person written differently counts against us).

A candidate is correct when it is the expected row, or a list entry whose normalised
name parts equal the expected row's in any order (the same person on both lists:
"DJOUADI, Yahia" on the SDN list, "YAHIA DJOUADI" on the UN list). Precision is over all
candidates returned at the method's threshold; recall over the positives.

Methods, on the same queries and list:
- indicia: `indicia.screen` at its shipped threshold (rigour-based parts, keys, blocking);
- rapidfuzz Jaro-Winkler: best list name by `JaroWinkler.normalized_similarity` over the
  whole list (ASCII-folded, lowercased, parts sorted), threshold 0.90, and the
  threshold that gives its best F1 on this set (tuned on the test set: an upper bound);
- nomenklatura LogicV2 (yente's default matcher) at its default 0.70, scoring the 10
  best rapidfuzz candidates of each query (scoring all 15,000 entries per query would
  take hours).

Speed: queries per second on one core for the same queries (process time); list
loading and indexing apart; cost against list size with the SDN list and ten copies of
it (ids changed, names kept: each name bucket grows tenfold, the worst case).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
SHARED = REPO.parent / "shared"
SANCTIONS = SHARED / "benchdata" / "sanctions"
SDN = SANCTIONS / "ofac_sdn_2024-05-03.csv"
UNTREATED = SANCTIONS / "name-variants" / "yente_positives_un_untreated.csv"
TREATED = SANCTIONS / "name-variants" / "yente_positives_un_treated.csv"

from indicia.records import Entity, ListEntry  # noqa: E402
from indicia.screen import DEFAULT_THRESHOLD, read_list  # noqa: E402
from indicia.screen.lists import SanctionsList, country_code  # noqa: E402
from indicia.screen.names import korean_key, name_parts  # noqa: E402
from indicia.screen.screener import ListIndex, screen_entities  # noqa: E402
from results import write_section  # noqa: E402

COMMAND = ".venv/bin/python bench/screen.py"


@dataclass(frozen=True)
class Query:
    name: str
    type: str
    expected: str | None  # entry id, None for a negative
    kind: str  # perturbed | hangul | cyrillic | negative


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _un_entries(rows: Sequence[dict[str, str]]) -> list[ListEntry]:
    entries = []
    for i, row in enumerate(rows):
        code = country_code(row["nationality"]) if row["nationality"] else None
        entries.append(
            ListEntry(
                list_name="UN (yente untreated)",
                entry_id=f"UN-{i}",
                name=row["full_name"],
                type="person",
                countries=(code,) if code else (),
                birth_dates=(row["date_of_birth"],) if row["date_of_birth"] else (),
            )
        )
    return entries


def _hangul_table() -> dict[str, str]:
    from rigour.text import ascii_text

    table: dict[str, str] = {}
    for code in range(0xAC00, 0xD7A4):
        syllable = chr(code)
        table.setdefault(korean_key(ascii_text(syllable)), syllable)
    return table


def _to_hangul(name: str, table: dict[str, str]) -> str | None:
    words = []
    for word in name.replace(",", " ").split():
        syllables = []
        for part in word.split("-"):
            found = table.get(korean_key(part.casefold()))
            if found is None:
                return None
            syllables.append(found)
        words.append("".join(syllables))
    return " ".join(words)


_CYRILLIC = [
    ("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
    ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
    ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "й"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "к"), ("j", "дж"), ("q", "к"), ("w", "в"),
    ("x", "кс"),
]  # fmt: skip


def _to_cyrillic(name: str) -> str:
    out = []
    for word in name.replace(",", " ").split():
        lower, i, built = word.casefold(), 0, ""
        while i < len(lower):
            for latin, cyr in _CYRILLIC:
                if lower.startswith(latin, i):
                    built += cyr
                    i += len(latin)
                    break
            else:
                built += lower[i]
                i += 1
        out.append(built.capitalize())
    return " ".join(out)


def _negatives(exact_listed: set[str]) -> list[Query]:
    from indicia.extract.entities import find_entities
    from indicia.extract.sentences import split_sentences
    from indicia.records import CleanDocument

    texts = sorted((SHARED / "seeds").glob("*.txt")) + sorted(
        (SHARED / "benchdata" / "news-pile-dev").glob("*.txt")
    )
    found: dict[tuple[str, str], None] = {}
    for path in texts:
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in find_entities(CleanDocument(path.name, text), split_sentences(text), "rules"):
            if m.type in ("person", "organisation") and not m.role:
                found[(m.name, m.type)] = None
    return [
        Query(name, kind, None, "negative")
        for name, kind in found
        if " ".join(sorted(name_parts(name, kind))) not in exact_listed
    ]


def build_set() -> tuple[SanctionsList, list[Query], dict[str, str]]:
    sdn = read_list(SDN)
    untreated, treated = _rows(UNTREATED), _rows(TREATED)
    un = _un_entries(untreated)
    listed = SanctionsList("SDN + UN", str(SDN), [*sdn.entries, *un])
    _log("lists read")
    # the same person on both lists: the same name parts, in any order
    keys = {e.entry_id: " ".join(sorted(name_parts(e.name, e.type))) for e in listed.entries}
    queries = [
        Query(row["full_name"], "person", f"UN-{i}", "perturbed") for i, row in enumerate(treated)
    ]
    table = _hangul_table()
    for i, row in enumerate(untreated):
        if row["nationality"] == "kp" and (hangul := _to_hangul(row["full_name"], table)):
            queries.append(Query(hangul, "person", f"UN-{i}", "hangul"))
        queries.append(Query(_to_cyrillic(row["full_name"]), "person", f"UN-{i}", "cyrillic"))
    _log("positives derived")
    queries += _negatives(set(keys.values()))
    return listed, queries, keys


Matcher = Callable[[Query], list[str]]  # entry ids at or above the threshold


def _ours(index: ListIndex, threshold: float) -> Matcher:
    def match(q: Query) -> list[str]:
        entity = Entity(q.name, q.type)
        return [c.entry.entry_id for c in screen_entities([entity], index, threshold)]

    return match


def _folded(name: str) -> str:
    from rigour.text import ascii_text

    parts = "".join(c if c.isalnum() else " " for c in ascii_text(name).casefold()).split()
    return " ".join(sorted(parts))


class _Rapidfuzz:
    def __init__(self, entries: Sequence[ListEntry]) -> None:
        self.ids: list[str] = []
        self.types: list[str] = []
        self.names: list[str] = []
        for e in entries:
            for n in (e.name, *e.aliases):
                self.ids.append(e.entry_id)
                self.types.append(e.type)
                self.names.append(_folded(n))

    def top(self, q: Query, limit: int) -> list[tuple[str, float]]:
        from rapidfuzz import process
        from rapidfuzz.distance import JaroWinkler

        hits = process.extract(
            _folded(q.name), self.names, scorer=JaroWinkler.normalized_similarity, limit=limit * 3
        )
        best: dict[str, float] = {}
        for _, score, i in hits:
            if self.types[i] == q.type and self.ids[i] not in best:
                best[self.ids[i]] = score
        return sorted(best.items(), key=lambda kv: -kv[1])[:limit]

    def matcher(self, threshold: float) -> Matcher:
        return lambda q: [i for i, s in self.top(q, 1) if s >= threshold]


def _nomenklatura(rf: _Rapidfuzz, entries: dict[str, ListEntry]) -> Matcher | None:
    try:
        from followthemoney import model
        from nomenklatura.matching import LogicV2, ScoringConfig
    except ImportError:
        return None
    config = ScoringConfig.defaults()
    proxies: dict[str, object] = {}
    serial = itertools.count()

    def proxy(entry: ListEntry) -> object:
        if entry.entry_id not in proxies:
            p = model.make_entity("Person" if entry.type == "person" else "Organization")
            p.id = f"e{entry.entry_id}"
            p.add("name", [entry.name, *entry.aliases])
            proxies[entry.entry_id] = p
        return proxies[entry.entry_id]

    def match(q: Query) -> list[str]:
        query = model.make_entity("Person" if q.type == "person" else "Organization")
        # nomenklatura caches the names it parses by entity id: each query needs its own.
        query.id = f"query-{next(serial)}"
        query.add("name", q.name)
        found = []
        for entry_id, _ in rf.top(q, 10):
            if LogicV2.compare(query, proxy(entries[entry_id]), config).score >= 0.7:
                found.append(entry_id)
        return found

    return match


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    found: int = 0
    positives: int = 0
    seconds: float = 0.0
    queries: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 0.0


def _evaluate(match: Matcher, queries: Sequence[Query], keys: dict[str, str]) -> dict[str, Score]:
    scores = {k: Score() for k in ("perturbed", "hangul", "cyrillic", "negative", "all")}
    for q in queries:
        started = time.process_time()
        ids = match(q)
        spent = time.process_time() - started
        expected_key = keys.get(q.expected) if q.expected else None
        correct = [i for i in ids if i == q.expected or keys.get(i) == expected_key]
        for name in (q.kind, "all"):
            s = scores[name]
            s.seconds += spent
            s.queries += 1
            s.tp += len(correct) if q.expected else 0
            s.fp += len(ids) - (len(correct) if q.expected else 0)
            if q.expected:
                s.positives += 1
                s.found += bool(correct)
    return scores


def _scaling(listed: SanctionsList, sample: Sequence[Query]) -> list[tuple[str, int, float, float]]:
    rows = []
    for label, copies in (("SDN + UN", 1), ("10 x (SDN + UN)", 10)):
        entries = [
            replace(e, entry_id=f"{e.entry_id}#{k}") if k else e
            for k in range(copies)
            for e in listed.entries
        ]
        started = time.process_time()
        index = ListIndex.build([SanctionsList("x", "x", entries)])
        build = time.process_time() - started
        match = _ours(index, DEFAULT_THRESHOLD)
        started = time.process_time()
        for q in sample:
            match(q)
        per_second = len(sample) / max(time.process_time() - started, 1e-9)
        rows.append((label, len(entries), build, per_second))
    return rows


def _best_f1(rf: _Rapidfuzz, queries: Sequence[Query], keys: dict[str, str]) -> float:
    tops = [(q, rf.top(q, 1)) for q in queries]
    best_t, best_f = 0.9, -1.0
    for t in [x / 100 for x in range(80, 100)]:
        tp = fp = found = pos = 0
        for q, top in tops:
            ids = [i for i, s in top if s >= t]
            expected_key = keys.get(q.expected) if q.expected else None
            correct = [i for i in ids if i == q.expected or keys.get(i) == expected_key]
            tp += len(correct)
            fp += len(ids) - len(correct)
            if q.expected:
                pos += 1
                found += bool(correct)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = found / pos
        f = 2 * p * r / (p + r) if p + r else 0.0
        if f > best_f:
            best_t, best_f = t, f
    return best_t


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--sample", type=int, default=0, help="screen a random subsample")
    parser.add_argument("--no-nomenklatura", action="store_true", help="leave its rows out")
    args = parser.parse_args()

    started = time.process_time()
    listed, queries, keys = build_set()
    _log(f"labelled set built: {len(queries)} queries")
    if args.sample:
        queries = random.Random(7).sample(queries, min(args.sample, len(queries)))
    load = time.process_time() - started
    started = time.process_time()
    index = ListIndex.build([listed])
    build = time.process_time() - started
    _log("indexed")

    rf = _Rapidfuzz(listed.entries)
    rf_t = _best_f1(rf, queries, keys)
    methods: list[tuple[str, Matcher]] = [
        (f"indicia (shipped threshold {DEFAULT_THRESHOLD:.2f})", _ours(index, DEFAULT_THRESHOLD)),
        ("rapidfuzz Jaro-Winkler, 0.90", rf.matcher(0.90)),
        (f"rapidfuzz Jaro-Winkler, best-F1 {rf_t:.2f}", rf.matcher(rf_t)),
    ]
    nk = (
        None if args.no_nomenklatura else _nomenklatura(rf, {e.entry_id: e for e in listed.entries})
    )
    if nk is not None:
        methods.append(("nomenklatura LogicV2, 0.70 (on rapidfuzz top 10)", nk))

    counts = {k: sum(q.kind == k for q in queries) for k in ("perturbed", "hangul", "cyrillic")}
    negatives = sum(q.expected is None for q in queries)
    lines = [
        "Labelled set (built each run from ../shared/benchdata/sanctions, see the script's "
        f"docstring): {counts['perturbed']} perturbed spellings (yente treated), "
        f"{counts['hangul']} Hangul and {counts['cyrillic']} Cyrillic forms derived from the "
        f"untreated names, {negatives} names found in the seeds and news-pile-dev pages as "
        f"negatives; list: {len(listed.entries)} entries (OFAC SDN 2024-05-03 people and "
        "organisations + the 683 untreated UN persons).",
        "",
        "| method | P | R | R perturbed | R Hangul | R Cyrillic | FP on negatives "
        "| queries/s (one core) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, match in methods:
        if name.startswith("nomenklatura"):
            match(queries[0])  # its first call loads its models: not a per-query cost
        s = _evaluate(match, queries, keys)
        _log(f"scored {name}")
        a = s["all"]
        lines.append(
            f"| {name} | {a.precision:.3f} | {a.recall:.3f} | {s['perturbed'].recall:.3f} "
            f"| {s['hangul'].recall:.3f} | {s['cyrillic'].recall:.3f} | {s['negative'].fp} "
            f"| {a.queries / max(a.seconds, 1e-9):.0f} |"
        )
        print(lines[-1], flush=True)
    lines += [
        "",
        f"Reading the lists took {load:.1f}s CPU; indexing them for indicia {build:.1f}s.",
        "",
        "Cost against list size (indicia, 200 queries from the set, CPU time):",
        "",
        "| list | entries | index build (s) | queries/s |",
        "|---|---|---|---|",
    ]
    sample = random.Random(11).sample(queries, min(200, len(queries)))
    for label, n, seconds, per_second in _scaling(listed, sample):
        lines.append(f"| {label} | {n} | {seconds:.1f} | {per_second:.0f} |")
    lines += ["", f"Command: `{COMMAND}`" + (f" --sample {args.sample}" if args.sample else "")]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section("screen", "## Sanctions screening (bench/screen.py)\n\n" + text)


if __name__ == "__main__":
    main()
