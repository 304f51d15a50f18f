"""Corpus-scale figures in one table, each against the plain design-card library in the same run.

    .venv/bin/python benchmarks/bench.py [--sizes 1000 10000] [--quick]

Rows: end-to-end ingest (``conflictkg load``, all cores) in articles/s per core and peak memory, vs the
plain path (pyshacl + owlrl, one process: measured on a sample, extrapolated per article); validation
(shapes compiled to SPARQL in Oxigraph vs plain pyshacl, same graphs, same findings); OWL RL inference
(fast path vs owlrl vs reasonable, same graph); every stored query's median latency (Oxigraph vs rdflib,
same data); Dask extraction speed-up from one worker to two. Synthetic corpus (benchmarks/corpus.py):
speed only. No thresholds. --quick shrinks every size for a smoke run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import write
from queries_scale import base_store, median_time, rdflib_dataset, run_ox, run_rdflib
from synthetic import synthetic_graph

from conflictkg import api, ontology
from conflictkg.graph import fastinfer, infer
from conflictkg.graph.queries import stored_queries
from conflictkg.graph.validate import validate_graph
from conflictkg.graph.validate_scale import ArticleValidator
from conflictkg.loaders import RuleExtractor, read_articles, to_graph

Row = tuple[str, str, str, str]
LOAD = """
import resource, sys, time
from conflictkg.cli import main
t0 = time.perf_counter()
code = main(["load", "--store", sys.argv[1], "--quiet", sys.argv[2]])
dt = time.perf_counter() - t0
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(dt, peak // 1024, code)
"""


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def ingest_rows(sizes: list[int], sample: int, tmp: Path) -> list[Row]:
    cores = len(os.sched_getaffinity(0))
    plain_store = api.open_store()
    corpus = tmp / "sample.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        write(sample, out, seed=11)
    t_plain = timed(lambda: api.load(plain_store, [corpus], validator="pyshacl", reasoner="owlrl"))
    plain_rate = sample / t_plain
    rows = []
    for n in sizes:
        corpus = tmp / f"corpus-{n}.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            write(n, out, seed=5)
        done = subprocess.run(
            [sys.executable, "-c", LOAD, str(tmp / f"store-{n}"), str(corpus)], capture_output=True, text=True
        )
        seconds, peak, code = done.stdout.split()
        rate = n / float(seconds) / cores
        rows.append(
            (
                f"ingest {n} articles (end to end, {cores} workers)",
                f"{rate:.1f} art/s/core, peak {peak} MiB",
                f"{plain_rate:.2f} art/s/core (pyshacl+owlrl, {sample}-article sample)",
                f"{rate / plain_rate:.0f}x" + ("" if code == "0" else f" (exit {code})"),
            )
        )
    return rows


def validation_row(n: int, tmp: Path) -> Row:
    corpus = tmp / "validate.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        write(n, out, seed=13)
    ex = RuleExtractor()
    graphs = [to_graph(ex.extract(a)) for a in read_articles(corpus)]
    v = ArticleValidator()
    t_fast = timed(lambda: [v.validate(g) for g in graphs])
    same = True

    def plain() -> None:
        nonlocal same
        for g in graphs:
            ours, ref = v.validate(g), validate_graph(g)
            same &= {(f.focus, f.component, f.path, f.value) for f in ours.findings} == {
                (f.focus, f.component, f.path, f.value) for f in ref.findings
            }

    t_plain = timed(plain) - t_fast
    return (
        f"validate {n} article graphs",
        f"{t_fast * 1000 / n:.1f} ms/article (SPARQL in Oxigraph)",
        f"{t_plain * 1000 / n:.0f} ms/article (pyshacl)",
        f"{t_plain / t_fast:.0f}x, same findings: {same}",
    )


def inference_rows(size: int) -> list[Row]:
    schema = ontology.load(ontology.ONTOLOGY_FILE)
    g = synthetic_graph(size)
    compiled = fastinfer.CompiledSchema(schema)
    t_fast = timed(lambda: fastinfer.closure_triples(set(g), schema, compiled=compiled))
    t_owlrl = timed(lambda: infer.closure(g, schema))
    rows = [(f"infer {len(g)} triples", f"{t_fast:.2f} s (fast path)", f"{t_owlrl:.1f} s (owlrl)", "")]
    rows[0] = (*rows[0][:3], f"{t_owlrl / t_fast:.0f}x")
    try:
        import reasonable

        def run_reasonable() -> None:
            r = reasonable.PyReasoner()
            r.from_graph(schema + g)
            r.reason()

        t_r = timed(run_reasonable)
        rows.append(("  ... reasonable (Rust OWL RL)", f"{t_r:.2f} s (reasonable)", f"{t_owlrl:.1f} s (owlrl)", ""))
        rows[-1] = (*rows[-1][:3], f"{t_owlrl / t_r:.0f}x; fast path vs reasonable {t_r / t_fast:.1f}x")
    except ImportError:
        rows.append(("  ... reasonable", "not installed", "", ""))
    return rows


def query_rows(articles: int, tmp: Path, large: Path | None) -> list[Row]:
    """Each stored query on the same small store in both engines (rdflib takes minutes on some queries
    beyond that), and on the large store the ingest step built, in Oxigraph only."""
    store = base_store(articles, tmp / "queries")
    ds = rdflib_dataset(store)
    big = api.open_store(large) if large is not None and large.exists() else None
    rows = []
    for q in stored_queries():
        t_ox, n_ox = median_time(lambda q=q: run_ox(store, q.name), 3)
        t_rd, n_rd = median_time(lambda q=q: run_rdflib(ds, q.name), 1)
        at_scale = ""
        if big is not None:
            t_big, n_big = median_time(lambda q=q: run_ox(big, q.name), 1)
            at_scale = f"; {t_big * 1000:.0f} ms, {n_big} rows at {len(big) / 1e6:.1f}M quads"
        rows.append(
            (
                f"query {q.name}",
                f"{t_ox * 1000:.1f} ms (Oxigraph){at_scale}",
                f"{t_rd * 1000:.0f} ms (rdflib, {len(store) // 1000}k quads)",
                f"{t_rd / max(t_ox, 1e-9):.0f}x" + ("" if n_ox == n_rd else f" ROWS DIFFER {n_ox}/{n_rd}"),
            )
        )
    if big is not None:
        big.close()
    return rows


def dask_row(n: int, tmp: Path) -> Row:
    from dask.distributed import LocalCluster

    from conflictkg.distributed import extract

    corpus = tmp / "dask.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        write(n, out, seed=17)
    warm = tmp / "warm.jsonl"
    with warm.open("w", encoding="utf-8") as out:
        write(8, out, seed=19)
    times = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
            # every worker builds its pipeline (lexicon, shapes) on its first task: not part of the figure
            list(extract([warm], tmp / f"warm{workers}", address=c.scheduler_address, partition_size=1))
            times[workers] = timed(
                lambda c=c, w=workers: list(
                    extract([corpus], tmp / f"shards{w}", address=c.scheduler_address, partition_size=25)
                )
            )
    return (
        f"dask extract {n} articles",
        f"{n / times[2]:.1f} art/s (2 workers)",
        f"{n / times[1]:.1f} art/s (1 worker)",
        f"{times[1] / times[2]:.2f}x speed-up",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    q = args.quick
    sizes = [50, 200] if q else args.sizes
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        steps: list[Callable[[], list[Row]]] = [
            lambda: ingest_rows(sizes, 5 if q else 20, tmp),
            lambda: [validation_row(10 if q else 100, tmp)],
            lambda: inference_rows(2000 if q else 20000),
            lambda: query_rows(5 if q else 10, tmp, tmp / f"store-{max(sizes)}"),
            lambda: [dask_row(40 if q else 400, tmp)],
        ]
        for step in steps:
            t0 = time.perf_counter()
            got = step()
            rows += got
            print(f"... {got[0][0]}: {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    machine = f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}"
    print(f"ConflictKG corpus-scale benchmark ({machine}; synthetic corpus, speed only)")
    widths = [max(len(r[i]) for r in [*rows, ("step", "ConflictKG", "plain library", "ratio")]) for i in range(4)]
    for r in [("step", "ConflictKG", "plain library", "ratio"), tuple("-" * w for w in widths), *rows]:
        print("  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())


if __name__ == "__main__":
    main()
