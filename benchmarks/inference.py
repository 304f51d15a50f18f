"""OWL RL inference at ~8k, ~84k and ~1M asserted triples: the project's fast paths vs owlrl and reasonable.

    .venv/bin/python benchmarks/inference.py [--sizes 10000 100000 1200000] [--owlrl-max 100000]

Each engine runs in a child process of its own, so that each peak RSS is its own. Inputs are the
synthetic graphs of benchmarks/synthetic.py (``--sizes`` are its targets: ~0.84 asserted triples
each), written once as N-Triples into ``--workdir`` and reused. Timed, per engine:

- ``nt``: graph/storeinfer.closure_ntriples, from reading the N-Triples file to the inferred lines;
- ``store``: graph/storeinfer.infer_graph, the data already in an in-memory Oxigraph graph, the
  inferred triples written to another graph (what a store-wide inference would do);
- ``rdflib``: graph/fastinfer.closure_triples on a set of rdflib triples (the loaders' API);
- ``owlrl``: graph/infer.closure, the reference, only up to ``--owlrl-max`` (about 100 s per 100k
  triples); above, its time is extrapolated linearly from the largest size measured, marked ``~``;
- ``reasonable`` (if installed): ``load_file`` of the schema and data, then ``reason()``. Its output is
  filtered like owlrl's (data subjects, no schema-level triples) and its ``xsd:string`` literals made
  plain again (trap 3 in ../shared/reference/rdf-engines.md) before comparing.

``same`` compares every engine's closure with the first one's (owlrl's where it ran), as sets of
canonical N-Triples lines. ``--repeat N`` runs each engine N times and keeps the fastest (on a shared
machine other people's load only ever adds time). Synthetic data: for speed only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

HERE = Path(__file__).resolve().parent
ENGINES = ["nt", "store", "rdflib", "owlrl", "reasonable"]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Triple = tuple[Node, Node, Node]


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # not Linux: the best there is


def rss_now() -> int:
    """Resident set size of this process now, in MiB."""
    return _status("VmRSS")


def rss_peak() -> int:
    """Peak resident set size, in MiB: VmHWM, not ru_maxrss, which a child inherits from the parent it forked from."""
    return _status("VmHWM")


# ---------------------------------------------------------------------------------------------- inputs
def data_file(size: int, workdir: Path) -> Path:
    """The synthetic graph of ``size`` as N-Triples, generated once per version of synthetic.py."""
    version = hashlib.sha256((HERE / "synthetic.py").read_bytes()).hexdigest()[:8]
    path = workdir / f"synthetic-{size}-{version}.nt"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        from synthetic import synthetic_graph

        from conflictkg.graph.terms import to_ox

        text = "".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n" for s, p, o in synthetic_graph(size))
        path.with_suffix(".tmp").write_text(text, encoding="utf-8")
        path.with_suffix(".tmp").rename(path)
    return path


def schema_file(workdir: Path) -> Path:
    """The ontology as N-Triples, named .ttl because reasonable's load_file refuses .nt names."""
    from conflictkg import ontology
    from conflictkg.graph.terms import to_ox

    path = workdir / "schema.ttl"
    schema = ontology.load(ontology.ONTOLOGY_FILE)
    path.write_text("".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n" for s, p, o in schema), encoding="utf-8")
    return path


def canonical(lines: list[str] | str) -> set[str]:
    text = lines if isinstance(lines, str) else "\n".join(lines)
    return {str(t) for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}


# ---------------------------------------------------------------------------------------------- engines
def run_engine(engine: str, data: Path, schema_ttl: Path, out: Path) -> dict[str, float]:
    """Run one engine on one input (in a child process); write its closure to ``out``; return figures."""
    from conflictkg import ontology
    from conflictkg.graph import fastinfer, infer, storeinfer
    from conflictkg.graph.terms import from_ox, to_ox

    schema = ontology.load(ontology.ONTOLOGY_FILE)
    compiled = fastinfer.CompiledSchema(schema)

    def rdflib_triples() -> set[Triple]:
        return {
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
            for t in ox.parse(path=str(data), format=ox.RdfFormat.N_TRIPLES)
        }

    def as_lines(triples: Iterable[Triple]) -> list[str]:
        return [f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in triples]

    lines: list[str]
    if engine == "nt":
        before = rss_now()
        t0 = time.perf_counter()
        lines = storeinfer.closure_ntriples(data.read_text(encoding="utf-8"), compiled)
        seconds, peak = time.perf_counter() - t0, rss_peak()
    elif engine == "store":
        store = ox.Store()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:bench:asserted"))
        before = rss_now()
        t0 = time.perf_counter()
        storeinfer.infer_graph(store, ["urn:bench:asserted"], "urn:bench:inferred", compiled)
        seconds, peak = time.perf_counter() - t0, rss_peak()
        dump = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode("urn:bench:inferred"))
        lines = (dump or b"").decode("utf-8").splitlines()
    elif engine == "rdflib":
        triples = rdflib_triples()
        before = rss_now()
        t0 = time.perf_counter()
        result = fastinfer.closure_triples(triples, schema, compiled=compiled)
        seconds, peak = time.perf_counter() - t0, rss_peak()
        lines = as_lines(result)
    elif engine == "owlrl":
        graph = Graph()
        for t in rdflib_triples():
            graph.add(t)
        before = rss_now()
        t0 = time.perf_counter()
        closed = infer.closure(graph, schema)
        seconds, peak = time.perf_counter() - t0, rss_peak()
        lines = as_lines(closed)
    elif engine == "reasonable":
        import reasonable  # type: ignore[import-untyped]

        before = rss_now()
        t0 = time.perf_counter()
        reasoner = reasonable.PyReasoner()
        reasoner.load_file(str(schema_ttl))
        reasoner.load_file(str(data.with_suffix(".ttl")))
        raw = reasoner.reason()
        seconds, peak = time.perf_counter() - t0, rss_peak()
        lines = as_lines(reasonable_filtered(raw, rdflib_triples(), schema))
    else:
        raise SystemExit(f"unknown engine {engine}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"seconds": seconds, "inferred": len(lines), "rss_before": before, "rss_peak": peak}


def reasonable_filtered(raw: list[Triple], data: set[Triple], schema: Graph) -> set[Triple]:
    """reasonable's full closure cut down to what graph/infer.py keeps, with plain literals made plain."""
    from rdflib import BNode, Literal, URIRef

    from conflictkg.graph.infer import DROP_PREDICATES, DROP_TYPES

    def plain(term: Node) -> Node:
        if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == XSD_STRING:
            return Literal(str(term), lang=term.language)
        return term

    keep = {t[0] for t in data if isinstance(t[0], URIRef)}
    asserted = data | set(schema)
    out: set[Triple] = set()
    for s, p, o in raw:
        t = (s, p, plain(o))
        if s in keep and not isinstance(o, BNode) and p not in DROP_PREDICATES and t not in asserted:
            if not (str(p) == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and o in DROP_TYPES):
                out.add(t)
    return out


# ---------------------------------------------------------------------------------------------- driver
def child(engine: str, data: Path, schema_ttl: Path, workdir: Path, repeat: int) -> dict[str, float] | None:
    """The engine's figures, each run in a fresh process; with ``repeat`` > 1 the fastest run's time
    (the machine is shared: the others' load only ever adds time) and the highest peak RSS."""
    out = workdir / f"closure-{engine}-{data.stem}.nt"
    cmd = [sys.executable, __file__, "--child", engine, str(data), str(schema_ttl), str(out)]
    runs = []
    for _ in range(repeat):
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(f"  {engine} failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return None
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    figures: dict[str, float] = min(runs, key=lambda r: r["seconds"])
    figures["rss_peak"] = max(r["rss_peak"] for r in runs)
    figures["closure"] = hash(frozenset(canonical(out.read_text(encoding="utf-8"))))
    out.unlink()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_200_000])
    parser.add_argument("--owlrl-max", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per engine and size (owlrl: 1); the fastest counts")
    parser.add_argument("--engines", nargs="+", default=ENGINES, choices=ENGINES)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/conflictkg-bench-inference"))
    parser.add_argument("--child", nargs=4, metavar=("ENGINE", "DATA", "SCHEMA", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, data, schema_ttl, out = args.child
        print(json.dumps(run_engine(engine, Path(data), Path(schema_ttl), Path(out))))
        return
    try:
        import reasonable  # noqa: F401
    except ImportError:
        args.engines = [e for e in args.engines if e != "reasonable"]
        print("reasonable is not installed: pip install reasonable==0.4.4 to compare with it")
    args.workdir.mkdir(parents=True, exist_ok=True)
    schema_ttl = schema_file(args.workdir)
    load = os.getloadavg()[0]
    print(f"load average at start {load:.2f}; wall-clock seconds, fastest of {args.repeat} run(s) (owlrl: 1)")
    header = f"{'asserted':>9} {'inferred':>8} " + " ".join(f"{e + ' s':>12}" for e in args.engines)
    print(header + f" {'owlrl/nt':>9} {'reas./nt':>8}  same  peak RSS MiB (" + "/".join(args.engines) + ")")
    owlrl_rate: float | None = None
    for size in args.sizes:
        data = data_file(size, args.workdir)
        ttl = data.with_suffix(".ttl")
        if not ttl.exists():
            ttl.symlink_to(data.name)
        asserted = sum(1 for _ in data.open("rb"))
        figures: dict[str, dict[str, float] | None] = {}
        for engine in args.engines:
            if engine == "owlrl" and size > args.owlrl_max:
                continue
            repeat = 1 if engine == "owlrl" else args.repeat
            figures[engine] = child(engine, data, schema_ttl, args.workdir, repeat)
        print(row(asserted, args.engines, figures, owlrl_rate))
        owl = figures.get("owlrl")
        if owl:
            owlrl_rate = owl["seconds"] / asserted
    print(f"load average at end {os.getloadavg()[0]:.2f}")


def row(
    asserted: int, engines: list[str], figures: dict[str, dict[str, float] | None], owlrl_rate: float | None
) -> str:
    ran = {e: f for e, f in figures.items() if f}
    first = next(iter(ran.values()), None)
    inferred = int(first["inferred"]) if first else 0
    cells = []
    for e in engines:
        f = figures.get(e)
        if f:
            cells.append(f"{f['seconds']:>12.2f}")
        elif e == "owlrl" and owlrl_rate is not None and e not in figures:
            cells.append(f"{'~' + format(owlrl_rate * asserted, '.0f'):>12}")
        else:
            cells.append(f"{'-':>12}")
    nt = ran.get("nt")
    owl = ran.get("owlrl")
    t_owl = owl["seconds"] if owl else (owlrl_rate * asserted if owlrl_rate else None)
    reas = ran.get("reasonable")
    r_owl = f"{t_owl / nt['seconds']:>8.0f}x" if nt and t_owl else f"{'-':>9}"
    r_reas = f"{reas['seconds'] / nt['seconds']:>7.1f}x" if nt and reas else f"{'-':>8}"
    reference = (owl or first or {}).get("closure")
    same = all(f["closure"] == reference for f in ran.values()) if ran else False
    rss = "/".join(str(int(f["rss_peak"])) if (f := figures.get(e)) else "-" for e in engines)
    return f"{asserted:>9} {inferred:>8} " + " ".join(cells) + f" {r_owl} {r_reas}  {same!s:5} {rss}"


if __name__ == "__main__":
    main()
