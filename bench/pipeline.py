"""Benchmark the whole pipeline (ingest to dossier) on a mixed pile of real pages.

The pile: the HTML pages of benchdata/article-extraction and benchdata/trafilatura-eval,
then edited variants of them (a paragraph dropped, a made-up correction line added, a
marker so the bytes differ) until it holds the size asked for. It is generated at bench
time into bench/.pipeline/ (git-ignored). Each configuration runs `indicia` on it in a
fresh process (so peak RSS is its own), measured from outside:

- end to end on one worker, and on every core (the default): wall, CPU, documents per
  second per core (documents / CPU seconds), peak RSS (the largest process), store size;
- the Dask engine on a two-worker LocalCluster;
- the PostgreSQL store (a throwaway server started here) against the SQLite file;
- the incremental cost: 1% more documents added to a full store, then the report;
- the anchors, over the same pages in the same run: bare trafilatura (`extract`) and
  datasketch MinHash-LSH over its texts, pages per second on one core.

Growth exponents (log CPU ratio / log size ratio) are given between the sizes run.
Writes bench/RESULTS.md section "pipeline" with the command used.

Run: .venv/bin/python bench/pipeline.py [--sizes 1000,3000]
     [--configs one,all,dask,postgres,incremental]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import random
import resource
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PAGE_FOLDERS = (
    SHARED / "benchdata" / "article-extraction" / "html",
    SHARED / "benchdata" / "trafilatura-eval" / "html",
)
WORK = ROOT / "bench" / ".pipeline"
SEED = 20251201
CONFIGS = ("one", "all", "dask", "postgres", "incremental")


# ------------------------------------------------------------------ the pile


def load_pages() -> list[tuple[str, bytes]]:
    pages = []
    for folder in PAGE_FOLDERS:
        for path in sorted(folder.glob("*.html.gz")):
            with gzip.open(path) as unpacked:
                pages.append((path.name.removesuffix(".gz"), unpacked.read()))
    if not pages:
        sys.exit(f"no pages found under {', '.join(map(str, PAGE_FOLDERS))}")
    return pages


def variant(html: bytes, copy: int, rng: random.Random) -> bytes:
    """An edited copy: one paragraph dropped, a correction line added, a unique marker."""
    text = html.decode("utf-8", "replace")
    chunks = text.split("</p>")
    if len(chunks) > 4:
        del chunks[rng.randrange(1, len(chunks) - 1)]
    if len(chunks) > 2:
        at = rng.randrange(1, len(chunks) - 1)
        chunks.insert(
            at,
            f"<p>Correction {copy}: an earlier version of this page misstated a date, "
            f"which has now been fixed by the editors on day {rng.randint(1, 28)}.",
        )
    return ("</p>".join(chunks) + f"\n<!-- copy {copy} -->\n").encode("utf-8")


def build_pile(pages: list[tuple[str, bytes]], size: int, start: int = 0) -> Path:
    """Documents start .. start+size-1 of the endless pile, in their own folder."""
    folder = WORK / f"pile-{start}-{size}"
    if folder.exists() and len(list(folder.iterdir())) == size:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(start, start + size):
        name, html = pages[i % len(pages)]
        copy = i // len(pages)
        data = html if copy == 0 else variant(html, i, random.Random(SEED + i))
        (folder / f"{i:07d}-{name}").write_bytes(data)
    return folder


# -------------------------------------------------------------- one run, measured


def child(config: dict[str, Any]) -> dict[str, Any]:
    """Run in a fresh process: ingest + every stage + reports; measure this process tree."""
    from indicia.engine import EngineOptions, open_engine
    from indicia.pipeline import RunOptions, ingest_paths, process
    from indicia.report import write_reports
    from indicia.store import open_store

    cluster = None
    if config["engine"] == "dask":
        from distributed import LocalCluster

        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        engine_options = EngineOptions(kind="dask", scheduler=cluster.scheduler_address)
    else:
        engine_options = EngineOptions(workers=config["workers"])
    options = RunOptions(engine=engine_options)
    phases = []
    with open_store(config["db"]) as store, open_engine(engine_options) as engine:
        for corpus in config["corpora"]:
            wall, cpu = time.perf_counter(), _cpu()
            ingest_paths([corpus], store, options)
            process(store, options, engine=engine)
            write_reports(store, Path(config["out"]))
            phases.append({"wall": time.perf_counter() - wall, "cpu": _cpu() - cpu})
    if cluster is not None:
        cluster.close()
    return {"phases": phases, "rss_mb": _peak_rss_mb(), "cpu_total": _cpu()}


def _cpu() -> float:
    """CPU seconds of this process, its finished children and its live descendants
    (pool and Dask workers still running), read from /proc."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime + _live_descendants_cpu()


def _live_descendants_cpu() -> float:
    import os

    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    me, total = os.getpid(), 0.0
    for pid in times:
        ancestor = parents.get(pid)
        while ancestor and ancestor != me:
            ancestor = parents.get(ancestor)
        if ancestor == me:
            total += times[pid]
    return total


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def measure(config: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"run {config} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["store_mb"] = _store_mb(config["db"])
    return result


def _store_mb(db: str) -> float:
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as con:
            row = con.execute("SELECT pg_database_size(current_database())").fetchone()
        return float(row[0]) / 2**20 if row else 0.0
    return sum(Path(db + s).stat().st_size for s in ("", "-wal") if Path(db + s).exists()) / 2**20


# ------------------------------------------------------------------- anchors


def anchors(folder: Path) -> dict[str, float]:
    """Bare trafilatura and datasketch MinHash-LSH over the same pages, on one core."""
    import trafilatura
    from datasketch import MinHash, MinHashLSH

    paths = sorted(folder.iterdir())
    started = time.process_time()
    texts = [trafilatura.extract(p.read_bytes()) or "" for p in paths]
    extract_s = time.process_time() - started
    started = time.process_time()
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    for i, text in enumerate(texts):
        words = text.split()
        minhash = MinHash(num_perm=128)
        for k in range(max(1, len(words) - 4)):
            minhash.update(" ".join(words[k : k + 5]).encode("utf-8"))
        lsh.query(minhash)
        lsh.insert(str(i), minhash)
    lsh_s = time.process_time() - started
    return {"trafilatura": len(paths) / extract_s, "minhash_lsh": len(paths) / max(lsh_s, 1e-9)}


# ---------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--child")
    parser.add_argument("--no-write", action="store_true", help="print, do not write RESULTS.md")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    configs = [c for c in args.configs.split(",") if c]
    unknown = set(configs) - set(CONFIGS)
    if unknown:
        sys.exit(f"unknown configs {sorted(unknown)}; use {', '.join(CONFIGS)}")
    pages = load_pages()
    server = _postgres() if "postgres" in configs else None
    rows: list[dict[str, Any]] = []
    anchor_rows: list[tuple[int, dict[str, float]]] = []
    try:
        for size in sizes:
            pile = build_pile(pages, size)
            anchor_rows.append((size, anchors(pile)))
            for name in configs:
                rows.append(_run(name, size, pile, pages, server))
                print(json.dumps(rows[-1]), flush=True)
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.folder, ignore_errors=True)
    markdown = render(rows, anchor_rows, sizes, " ".join(shlex.quote(a) for a in sys.argv))
    print(markdown)
    if not args.no_write:
        from results import write_section

        write_section("pipeline", markdown)


def _run(
    name: str, size: int, pile: Path, pages: list[tuple[str, bytes]], server: Any
) -> dict[str, Any]:
    run_dir = WORK / f"run-{name}-{size}"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    config: dict[str, Any] = {
        "corpora": [str(pile)],
        "db": str(run_dir / "store.db"),
        "out": str(run_dir / "out"),
        "workers": None,
        "engine": "local",
    }
    if name == "one":
        config["workers"] = 1
    elif name == "dask":
        config["engine"] = "dask"
    elif name == "postgres":
        config["db"] = server.new_database()
    elif name == "incremental":
        extra = build_pile(pages, max(1, size // 100), start=size)
        config["corpora"].append(str(extra))
    result = measure(config)
    return {"config": name, "size": size, **result}


def _postgres() -> Any:
    sys.path.insert(0, str(ROOT / "tests"))
    import tempfile

    from pg_server import Server, find_bindir

    bindir = find_bindir()
    if bindir is None:
        sys.exit(
            "the postgres config needs PostgreSQL's initdb and pg_ctl (apt-get install postgresql)"
        )
    import os

    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    server = Server(Path(tempfile.mkdtemp(prefix="indicia-pg-")), bindir, run_as)
    server.start()
    return server


LABELS = {
    "one": "local, 1 worker, SQLite",
    "all": "local, every core (default), SQLite",
    "dask": "dask LocalCluster, 2 workers, SQLite",
    "postgres": "local, every core, PostgreSQL",
    "incremental": "every core, SQLite: full run, then +1% documents",
}


def render(
    rows: list[dict[str, Any]],
    anchor_rows: list[tuple[int, dict[str, float]]],
    sizes: list[int],
    command: str,
) -> str:
    import os

    cores = len(os.sched_getaffinity(0))
    lines = [
        "## Pipeline end to end (bench/pipeline.py)",
        "",
        f"Mixed pile of real pages and edited variants; {cores} cores, machine shared with "
        "other jobs (wall times vary with load; CPU seconds less so).",
        "",
        "| run | documents | wall s | CPU s | docs/s per core | docs/s wall | peak RSS MB "
        "| store MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        first = row["phases"][0]
        lines.append(
            f"| {LABELS[row['config']]} | {row['size']:,} | {first['wall']:.1f} | "
            f"{first['cpu']:.1f} | {row['size'] / first['cpu']:.1f} | "
            f"{row['size'] / first['wall']:.1f} | {row['rss_mb']:.0f} | {row['store_mb']:.0f} |"
        )
    lines += ["", "| anchor (one core, same pages) | documents | pages/s |", "|---|---|---|"]
    for size, found in anchor_rows:
        lines.append(f"| bare trafilatura `extract` | {size:,} | {found['trafilatura']:.1f} |")
        lines.append(
            f"| datasketch MinHash-LSH (128 perms, word 5-grams) | {size:,} | "
            f"{found['minhash_lsh']:.1f} |"
        )
    notes = []
    by = {(r["config"], r["size"]): r for r in rows}
    for size in sizes:
        one, every = by.get(("one", size)), by.get(("all", size))
        if one and every:
            speedup = one["phases"][0]["wall"] / every["phases"][0]["wall"]
            notes.append(
                f"- {size:,} documents: every core is {speedup:.2f}x one worker in wall time."
            )
        inc = by.get(("incremental", size))
        if inc and len(inc["phases"]) == 2:
            full, more = inc["phases"]
            notes.append(
                f"- {size:,} documents: adding 1% more and reporting cost {more['cpu']:.1f} CPU s, "
                f"{100 * more['cpu'] / full['cpu']:.1f}% of the full run's {full['cpu']:.1f}."
            )
    for name in CONFIGS:
        measured = sorted((s, by[(name, s)]["phases"][0]["cpu"]) for s in sizes if (name, s) in by)
        for (n1, c1), (n2, c2) in itertools.pairwise(measured):
            notes.append(
                f"- growth exponent of CPU, {LABELS[name]}, {n1:,} to {n2:,}: "
                f"{math.log(c2 / c1) / math.log(n2 / n1):.2f}"
            )
    if notes:
        lines += ["", *notes]
    lines += ["", f"Command: `{command}`"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
