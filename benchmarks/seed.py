"""Wall time of each step on the seed article, printed as a table.

    .venv/bin/python benchmarks/seed.py [--repeat 5]

Prints medians over the repeats: opening a fresh store (reference data + its inference), extracting,
validating, inferring and storing the article, and each stored query. Figures only; no thresholds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from conflictkg import api
from conflictkg.graph import fastinfer
from conflictkg.graph.infer import closure
from conflictkg.graph.validate import validate_graph
from conflictkg.loaders import RuleExtractor, read_articles, to_graph
from conflictkg.ontology import ONTOLOGY_FILE
from conflictkg.ontology import load as load_reference

DEMO = Path(__file__).resolve().parents[1] / "demo" / "kazan-drone-attack.id.json"


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    (article,) = read_articles(DEMO)
    extractor = RuleExtractor()
    extraction = extractor.extract(article)
    graph = to_graph(extraction)
    schema = load_reference(ONTOLOGY_FILE)
    rows: list[tuple[str, float, str]] = []
    rows.append(("open fresh store (reference + closure)", timed(api.open_store, 1), ""))
    rows.append(("extract (rules)", timed(lambda: extractor.extract(article), args.repeat), f"{len(graph)} triples"))
    rows.append(("map to RDF", timed(lambda: to_graph(extraction), args.repeat), ""))
    rows.append(("validate (pyshacl)", timed(lambda: validate_graph(graph), args.repeat), ""))
    inferred = closure(graph, schema)
    rows.append(
        ("infer (owlrl, reference)", timed(lambda: closure(graph, schema), args.repeat), f"{len(inferred)} triples")
    )
    rows.append(
        (
            "infer (fast path, used by load)",
            timed(lambda: fastinfer.closure(graph, schema), args.repeat),
            f"{len(fastinfer.closure(graph, schema))} triples",
        )
    )
    store = api.open_store()

    def load_fresh() -> None:
        s = api.open_store()
        api.load(s, [DEMO])

    api.load(store, [DEMO])
    rows.append(("load end to end (incl. fresh store)", timed(load_fresh, 1), ""))
    for q in api.queries():
        params = {p.name: p.example for p in q.params}
        n = len(api.query(store, q.name, params).rows)
        rows.append(
            (
                f"query {q.name}",
                timed(lambda q=q, params=params: api.query(store, q.name, params), args.repeat),
                f"{n} rows",
            )
        )
    width = max(len(r[0]) for r in rows)
    print(f"{'step'.ljust(width)}  median s  note")
    for name, secs, note in rows:
        print(f"{name.ljust(width)}  {secs:8.4f}  {note}")


if __name__ == "__main__":
    main()
