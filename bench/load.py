"""Load test of the web UI over a large store: requests/s, p50/p99 per page, errors, memory.

    python bench/load.py                       # 20,000 documents, 60 s of load
    python bench/load.py --documents 2000 --seconds 20

Builds (once, then reuses) a store of N made-up documents through the real pipeline
(ingest, clean, link, extract, reconcile): short local-news notes in a few story
families, so the store has stories, quotes and search terms. Then starts `indicia
serve` on it as a separate process bound to 127.0.0.1 only, and drives it from a few
client threads for a bounded time and a bounded number of requests, page by page:
index, story, document, search (and their JSON twins), and the exports (dossier.json
streamed, claims.csv), asked a tenth as often as a page. It reports, per page, the
requests, requests/s, p50 and p99 latency and errors, how long the first page took
(the server loads the dossier then), and the server's resident memory after warm-up,
at its peak during the load and after it. Loopback only; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from results import write_section  # noqa: E402

_TOPICS = (
    ("cannery", "where managers kept their passports"),
    ("ferry", "where crews worked sixteen hours a day"),
    ("orchard", "where pickers owed recruiters a fee"),
    ("quarry", "where labourers were locked in at night"),
    ("bakery", "where wages were withheld for months"),
)
# Words for the sentences that make each story its own: a pile of 20,000 documents holds
# thousands of stories, each copied a few times, not five stories copied 4,000 times.
# Each story has names of its own (made from syllables, as people, firms and places are
# in real reports) among common words.
_WORDS = [
    "harbour",
    "council",
    "tender",
    "lorry",
    "warehouse",
    "contract",
    "inspector",
    "ledger",
    "shift",
    "canteen",
    "dormitory",
    "permit",
    "broker",
    "fence",
    "gate",
    "yard",
    "supervisor",
    "overtime",
    "badge",
    "roster",
    "payslip",
    "deposit",
    "visa",
    "agency",
    "clinic",
    "union",
    "petition",
    "hearing",
    "magistrate",
    "lawyer",
    "witness",
    "statement",
    "landlord",
    "minibus",
    "checkpoint",
    "curfew",
    "uniform",
    "helmet",
    "freezer",
    "conveyor",
    "spoke",
    "wrote",
    "told",
    "showed",
    "signed",
    "refused",
    "paid",
    "owed",
    "lost",
    "found",
    "kept",
    "moved",
    "returned",
]
_SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ten",
    "sul",
    "var",
    "do",
    "bre",
    "ni",
    "lo",
    "fa",
    "zu",
    "pe",
    "gor",
    "an",
    "tis",
    "hu",
    "mel",
    "yo",
    "ras",
]
_COPIES = 8  # documents per story: the origin and its rewrites


def _names(story: int) -> list[str]:
    rng = random.Random(f"names-{story}")
    return ["".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize() for _ in range(10)]


_SEARCHES = ("passports", "wages", "ferry", "recruiters")


def _note(i: int, rng: random.Random) -> str:
    """Document i: a copy of story i // _COPIES, in that story's own words and names."""
    story = i // _COPIES
    words = random.Random(story)  # the same story sentences in every copy
    thing, finding = _TOPICS[story % len(_TOPICS)]
    names = _names(story)
    lines = [
        f"{names[2]} said the {thing} at {names[1]} was one {finding}, and {names[3]} agreed.",
        *(
            " ".join(
                words.choice(names) if k % 3 else words.choice(_WORDS) for k in range(14)
            ).capitalize()
            + "."
            for _ in range(4)
        ),
        f"{names[4]} counted {words.randint(20, 900)} workers there in"
        f" {words.randint(2015, 2025)}; {words.randint(2, 40)} spoke to {names[5]}.",
    ]
    if i % _COPIES:  # a rewrite: one of the middle sentences left out
        del lines[1 + rng.randrange(4)]
    lines.append(f"Copy {i % _COPIES + 1} of the report on {names[0]}.")
    return f"{names[0]} {thing} inquiry, {names[1]}\n\n" + " ".join(lines) + "\n"


def build_store(folder: Path, documents: int) -> Path:
    """A store of `documents` notes, made by the real pipeline; reused when present."""
    db = folder / f"load-{documents}.db"
    if db.exists():
        return db
    from indicia import open_store
    from indicia.pipeline import RunOptions, ingest_paths, process

    pile = folder / f"pile-{documents}"
    pile.mkdir(parents=True, exist_ok=True)
    rng = random.Random(documents)
    for i in range(documents):
        (pile / f"note-{i:06d}.txt").write_text(_note(i, rng), encoding="utf-8")
    partial = db.with_suffix(".partial")
    started = time.monotonic()
    with open_store(partial) as store:
        ingest_paths([str(pile)], store, RunOptions())
        process(store, RunOptions())
    partial.rename(db)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    built = (
        f"store built by the pipeline in {time.monotonic() - started:.0f} s, peak RSS"
        f" {own:.0f} MiB (largest worker process {workers:.0f} MiB)"
    )
    db.with_suffix(".built.txt").write_text(built, encoding="utf-8")
    print(built, flush=True)
    return db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _get(port: int, path: str, timeout: float = 120.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=60.0, help="load phase length")
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--folder", type=Path, default=Path("bench-load"))
    parser.add_argument("--no-results", action="store_true", help="leave RESULTS.md alone")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    db = build_store(args.folder, args.documents)

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "indicia.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        first_load = _warm_up(port, server)
        stories = json.loads(_get(port, "/stories.json")[1])
        story_ids = [s["id"] for s in _listed(stories, "stories")]
        documents = json.loads(_get(port, "/documents.json")[1])
        document_ids = [d["id"] for d in _listed(documents, "documents")]
        rss_before = _rss_kib(server.pid)
        if not story_ids or not document_ids:
            raise SystemExit("the store holds no story or no document to ask for")
        pages = {
            "index": lambda r: "/",
            "story": lambda r: f"/stories/{r.choice(story_ids)}",
            "document": lambda r: f"/documents/{r.choice(document_ids)}",
            "search": lambda r: f"/search?q={r.choice(_SEARCHES)}",
            "story.json": lambda r: f"/stories/{r.choice(story_ids)}.json",
            "document.json": lambda r: f"/documents/{r.choice(document_ids)}.json",
            "export dossier.json": lambda r: "/export/dossier.json",
            "export claims.csv": lambda r: "/export/claims.csv",
        }
        # an export is the whole dossier: asked for a tenth as often as a page
        weights = [1 if name.startswith("export") else 10 for name in pages]
        timings: dict[str, list[float]] = {name: [] for name in pages}
        errors: dict[str, int] = {name: 0 for name in pages}
        lock = threading.Lock()
        budget = [args.max_requests]
        stop_at = time.monotonic() + args.seconds

        def client(number: int) -> None:
            rng = random.Random(number)
            names = list(pages)
            while time.monotonic() < stop_at:
                with lock:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
                name = rng.choices(names, weights)[0]
                path = pages[name](rng)
                started = time.perf_counter()
                try:
                    status, _ = _get(port, path)
                    failed = status != 200
                except OSError:
                    failed = True
                elapsed = time.perf_counter() - started
                with lock:
                    timings[name].append(elapsed)
                    errors[name] += failed

        peak = [rss_before]
        loading = threading.Event()

        def watch() -> None:
            while not loading.wait(0.2):
                peak[0] = max(peak[0], _rss_kib(server.pid))

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        watcher = threading.Thread(target=watch)
        load_started = time.monotonic()
        watcher.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - load_started
        loading.set()
        watcher.join()
        rss_after = _rss_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)

    rows = [
        "| page | requests | req/s | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for name, samples in timings.items():
        if not samples:
            continue
        ordered = sorted(samples)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        rows.append(
            f"| {name} | {len(samples)} | {len(samples) / wall:.1f} |"
            f" {statistics.median(ordered) * 1000:.0f} | {p99 * 1000:.0f} | {errors[name]} |"
        )
    total = sum(len(s) for s in timings.values())
    summary = (
        f"{args.documents:,} documents, {args.clients} clients on loopback for {wall:.0f} s: "
        f"{total} requests, {total / wall:.1f} req/s, {sum(errors.values())} errors; "
        f"first page (loads the dossier) {first_load:.1f} s; server memory "
        f"{rss_before / 1024:.0f} MiB after warm-up, {peak[0] / 1024:.0f} MiB at its peak,"
        f" {rss_after / 1024:.0f} MiB after the load "
        f"(growth {(rss_after - rss_before) / 1024:+.0f} MiB)."
    )
    built = db.with_suffix(".built.txt")
    if built.exists():
        summary += f" The {built.read_text(encoding='utf-8').strip()}."
    table = "\n".join(rows)
    print(summary)
    print(table)
    if not args.no_results:
        command = (
            f"python bench/load.py --documents {args.documents} --seconds {args.seconds:g}"
            f" --clients {args.clients}"
        )
        write_section(
            "Web load",
            f"{summary}\n\n{table}\n\nMachine load varies (shared CPU): compare rows of one "
            f"run, not runs. Reproduce: `{command}`",
        )


def _listed(payload: object, key: str) -> list[dict[str, object]]:
    if isinstance(payload, dict):
        inner = payload.get(key, [])
        return inner if isinstance(inner, list) else []
    return payload if isinstance(payload, list) else []


def _warm_up(port: int, server: subprocess.Popen[bytes]) -> float:
    """Wait for the server to answer its first page; how long that page took."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            stderr = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"indicia serve exited: {stderr[-2000:]}")
        try:
            started = time.perf_counter()
            status, _ = _get(port, "/", timeout=600)
            if status == 200:
                return time.perf_counter() - started
        except OSError:
            time.sleep(0.2)
    raise SystemExit("indicia serve did not answer within 600 s")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
