"""OWL RL inference at 10k, 100k and 1M asserted triples: owlrl (the reference) vs the fast path.

    .venv/bin/python benchmarks/inference.py [--sizes 10000 100000 1000000] [--owlrl-max 100000]

owlrl is run only up to --owlrl-max triples (it needs about 100 s per 100k triples here); above that
its column says "skipped". Where both run, the closures are compared and must be identical.
Synthetic data (benchmarks/synthetic.py): for speed only.
"""

from __future__ import annotations

import argparse
import resource
import time

from synthetic import synthetic_graph

from conflictkg import ontology
from conflictkg.graph import fastinfer, infer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--owlrl-max", type=int, default=100_000)
    args = parser.parse_args()
    schema = ontology.load(ontology.ONTOLOGY_FILE)
    compiled = fastinfer.CompiledSchema(schema)
    print(f"{'target':>9} {'asserted':>9} {'inferred':>9} {'fast s':>8} {'owlrl s':>9} {'ratio':>7}  same")
    for size in args.sizes:
        g = synthetic_graph(size)
        data = set(g)
        t0 = time.perf_counter()
        fast = fastinfer.closure_triples(data, schema, compiled=compiled)
        t_fast = time.perf_counter() - t0
        if size <= args.owlrl_max:
            t0 = time.perf_counter()
            ref = set(infer.closure(g, schema))
            t_ref = time.perf_counter() - t0
            ratio = f"{t_ref / t_fast:>6.0f}x"
            print(f"{size:>9} {len(data):>9} {len(fast):>9} {t_fast:>8.2f} {t_ref:>9.2f} {ratio}  {ref == fast}")
        else:
            print(f"{size:>9} {len(data):>9} {len(fast):>9} {t_fast:>8.2f} {'skipped':>9} {'':>7}  -")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
