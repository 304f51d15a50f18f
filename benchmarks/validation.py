"""Store-wide SHACL validation at ~100k and ~1M asserted triples: the compiled SPARQL checks
(``conflictkg validate --store``) against plain pyshacl on the same data.

    .venv/bin/python benchmarks/validation.py [--sizes 100000 1000000] [--pyshacl-sizes 100000]
                                              [--articles 200] [--repeat 3] [--max-load 1.5]

Builds one store through the real pipeline (synthetic corpus, benchmarks/corpus.py: for speed only)
and grows it by copying its article graphs under new article keys, as benchmarks/queries_scale.py
does (inferred graphs included, as ``conflictkg load`` writes them). "Triples" counts what validation
reads: the asserted article graphs plus ontology and gazetteer. Every measurement runs in a fresh
child process, so that its peak RSS is its own; the SPARQL time is the median of ``--repeat`` runs.
The pyshacl column times ``pyshacl.validate`` alone, on the union already built in memory (its
build time is printed apart); pyshacl takes ~2 ms a triple with these shapes (SPARQL-based
constraints are re-parsed for every focus node), so by default it runs at the smallest size only.
"Same findings" compares the two engines' findings as sets, field by field.

The machine may be shared: before each measurement the script waits (up to 10 minutes) for the
1-minute load average to fall under ``--max-load`` and prints the load it measured under.
Figures only; no thresholds.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from queries_scale import add_copies, article_nquads, base_store

from conflictkg.graph.store import ARTICLE_PREFIX, Store
from conflictkg.graph.store_view import REFERENCE

CHILD = r"""
import hashlib, json, resource, sys, time
from rdflib import BNode, Namespace
from conflictkg import shapes
from conflictkg.graph.store import Store
from conflictkg.graph.validate_scale import asserted_union, validate_store, validate_store_pyshacl

SH = Namespace("http://www.w3.org/ns/shacl#")
path, engine, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
store, shapes_graph = Store(path), shapes.load()
times, extra = [], {}
for _ in range(repeat):
    if engine == "sparql":
        t0 = time.perf_counter()
        report = validate_store(store, shapes_graph=shapes_graph)
        times.append(time.perf_counter() - t0)
    else:
        t0 = time.perf_counter()
        union = asserted_union(store)
        extra["build_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = validate_store_pyshacl(store, shapes_graph=shapes_graph, union=union)
        times.append(time.perf_counter() - t0)


def shape_name(shape):
    # property shapes are blank nodes, named differently by every parse: name them by what they say
    if shape.startswith("http"):
        return shape
    node = BNode(shape)
    owner = shapes_graph.value(None, SH.property, node)
    said = sorted((str(p), "[]" if isinstance(o, BNode) else str(o)) for p, o in shapes_graph.predicate_objects(node))
    return f"{owner} {hashlib.sha256(json.dumps(said).encode()).hexdigest()[:12]}"


fields = ("graph", "focus", "component", "path", "severity", "value", "message")
found = sorted({(shape_name(f.shape), *(getattr(f, k) for k in fields)) for f in report.findings})
digest = hashlib.sha256(json.dumps(found).encode()).hexdigest()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"times": times, "peak_mib": peak, "findings": len(found), "digest": digest,
                  "conforms": report.conforms, **extra}))
"""


def wait_for_quiet(max_load: float, patience: float = 600.0) -> float:
    """Wait until the 1-minute load average is under ``max_load`` (or ``patience`` runs out); return it."""
    deadline = time.monotonic() + patience
    load = os.getloadavg()[0]
    while load > max_load and time.monotonic() < deadline:
        print(f"  load {load:.2f} > {max_load}: waiting", file=sys.stderr, flush=True)
        time.sleep(20)
        load = os.getloadavg()[0]
    return load


def measure(store_dir: Path, engine: str, repeat: int, max_load: float) -> dict[str, Any]:
    load = wait_for_quiet(max_load)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(store_dir), engine, str(repeat)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["load"] = load
    result["seconds"] = statistics.median(result["times"])
    return result


def asserted_triples(store: Store) -> tuple[int, int]:
    """(triples in article graphs, triples in the asserted reference graphs), graph by graph."""
    out = []
    for test in (f"STRSTARTS(STR(?g), {ARTICLE_PREFIX!r})", f"?g IN ({', '.join(f'<{g}>' for g in REFERENCE)})"):
        graphs = f"{{ SELECT ?g WHERE {{ GRAPH ?g {{}} FILTER({test}) }} }}"
        (row,) = store._ox.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {graphs} GRAPH ?g {{ ?s ?p ?o }} }}")
        out.append(int(row["n"].value))
    return out[0], out[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="asserted triples")
    parser.add_argument("--pyshacl-sizes", type=int, nargs="*", default=None, help="default: the smallest size")
    parser.add_argument("--articles", type=int, default=200, help="articles loaded through the pipeline")
    parser.add_argument("--repeat", type=int, default=3, help="SPARQL runs per size (median)")
    parser.add_argument("--max-load", type=float, default=1.5, help="wait for a load average under this")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    pyshacl_sizes = set(args.pyshacl_sizes if args.pyshacl_sizes is not None else sizes[:1])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = base_store(args.articles, Path(tmp))
        text, (per_copy, reference) = article_nquads(store), asserted_triples(store)
        print(f"{args.articles} articles: {per_copy} triples ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        copies_done = 0
        for size in sizes:
            copies = max(0, math.ceil((size - reference) / per_copy) - 1)  # at least ``size`` triples
            if copies > copies_done:
                add_copies(store, text, copies - copies_done)
                copies_done = copies
            triples = sum(asserted_triples(store))
            quads = len(store)
            store.close()  # each measurement opens it in a child process
            print(f"{triples} asserted triples, {quads} quads: measuring", file=sys.stderr, flush=True)
            sparql = measure(Path(tmp) / "store", "sparql", args.repeat, args.max_load)
            plain = measure(Path(tmp) / "store", "pyshacl", 1, args.max_load) if size in pyshacl_sizes else None
            rows.append((triples, quads, sparql, plain))
            print(f"  sparql {sparql['seconds']:.2f} s" + (f", pyshacl {plain['seconds']:.1f} s" if plain else ""),
                  file=sys.stderr, flush=True)  # fmt: skip
            store = Store(Path(tmp) / "store")
        store.close()
    cores = len(os.sched_getaffinity(0))
    print(
        f"Store-wide SHACL validation ({platform.machine()}, {cores} cores, Python {platform.python_version()}; "
        "synthetic corpus, speed only)"
    )
    header = ("asserted triples", "quads", "SPARQL (validate --store)", "plain pyshacl", "ratio", "same findings")
    table = [header]
    for triples, quads, sparql, plain in rows:
        ours = f"{sparql['seconds']:.2f} s, peak {sparql['peak_mib']} MiB (load {sparql['load']:.1f})"
        if plain is None:
            theirs, ratio, same = "not run", "", ""
        else:
            theirs = (
                f"{plain['seconds']:.1f} s (+{plain['build_s']:.1f} s to build the graph), "
                f"peak {plain['peak_mib']} MiB (load {plain['load']:.1f})"
            )
            ratio = f"{plain['seconds'] / sparql['seconds']:.0f}x"
            agree = plain["digest"] == sparql["digest"]
            same = f"{agree} ({sparql['findings']} findings" + ("" if agree else f", pyshacl {plain['findings']}") + ")"
        table.append((f"{triples:,}", f"{quads:,}", ours, theirs, ratio, same))
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, r in enumerate(table):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
