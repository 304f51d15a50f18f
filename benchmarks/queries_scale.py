"""Every stored query on large stores: Oxigraph (the embedded store) vs rdflib in memory.

    .venv/bin/python benchmarks/queries_scale.py [--articles 200] [--copies 0 3 30] [--repeat 3]

Builds the data once through the real pipeline (synthetic corpus, benchmarks/corpus.py: for speed
only), then makes larger stores by copying the article graphs under new article keys (``--copies``:
how many extra copies; 200 articles x 30 copies is about 1.9M quads, x 300 about 19M). rdflib runs only
on the base data (``--articles``), the size it can take; its column and Oxigraph's at the same size give
the ratio. Rows must agree between the engines at the base size. Figures only; no thresholds.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from conflictkg import api
from conflictkg.graph.queries import bind, get_query, stored_queries
from conflictkg.graph.store import Store, bind_values

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def base_store(articles: int, folder: Path) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        write(articles, out, seed=3)
    store = api.open_store(folder / "store")
    api.load(store, [corpus], validator="fast", workers=2)
    return store


def article_nquads(store: Store) -> str:
    names = [g for g in store.graph_names() if "/article/" in g]
    return "".join(line + "\n" for line in store.dump_nquads(names))


def add_copies(store: Store, text: str, copies: int) -> None:
    """Copies of every article graph under fresh article keys (bulk loaded: this is set-up, not a measurement)."""
    for c in range(copies):
        prefix = f"{c + 1:04x}"
        renamed = re.sub(r"article/[0-9a-f]{4}", f"article/{prefix}", text)
        store._ox.bulk_load(renamed.encode(), format=ox.RdfFormat.N_QUADS)


def rdflib_dataset(store: Store) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(data="\n".join(store.dump_nquads()), format="nquads")
    return ds


def run_rdflib(ds: Dataset, name: str) -> int:
    q = get_query(name)
    params = {p.name: p.example for p in q.params}
    return len(list(ds.query(bind_values(q.text, bind(q, params, "en")))))


def run_ox(store: Store, name: str) -> int:
    q = get_query(name)
    return len(api.query(store, name, {p.name: p.example for p in q.params}).rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--copies", type=int, nargs="+", default=[0, 30])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-rdflib", action="store_true")
    args = parser.parse_args()
    names = [q.name for q in stored_queries()]
    with tempfile.TemporaryDirectory() as tmp:
        store = base_store(args.articles, Path(tmp))
        text = article_nquads(store)
        columns: dict[str, dict[str, Any]] = {}
        sizes = []
        if not args.no_rdflib:
            t0 = time.perf_counter()
            ds = rdflib_dataset(store)
            print(f"rdflib: {len(store)} quads parsed in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            columns["rdflib"] = {}
            for n in names:
                columns["rdflib"][n] = median_time(lambda n=n: run_rdflib(ds, n), 1)
                print(f"rdflib {n}: {columns['rdflib'][n][0]:.2f} s", file=sys.stderr, flush=True)
        done = 0
        for copies in sorted(args.copies):
            t0 = time.perf_counter()
            add_copies(store, text, copies - done) if copies > done else None
            print(f"{len(store)} quads ({time.perf_counter() - t0:.0f} s to copy)", file=sys.stderr, flush=True)
            done = max(done, copies)
            label = f"oxigraph {len(store) / 1e6:.2f}M"
            sizes.append(label)
            columns[label] = {}
            for n in names:
                columns[label][n] = median_time(lambda n=n: run_ox(store, n), args.repeat)
                t, rows = columns[label][n]
                print(f"{label} {n}: {t * 1000:.1f} ms, {rows} rows", file=sys.stderr, flush=True)
        first = sizes[0]
        header = f"{'query':<20}" + "".join(f"{c:>22}" for c in columns) + "   rdflib/oxigraph same size"
        print(header)
        for n in names:
            cells = "".join(f"{columns[c][n][0] * 1000:>12.1f} ms {columns[c][n][1]!s:>6}r" for c in columns)
            ratio = ""
            if "rdflib" in columns:
                r, o = columns["rdflib"][n], columns[first][n]
                ratio = f"{r[0] / max(o[0], 1e-9):>8.0f}x  rows {'agree' if r[1] == o[1] else 'DIFFER'}"
            print(f"{n:<20}{cells}   {ratio}")


if __name__ == "__main__":
    main()
