"""Every stored query on large stores: Oxigraph (the embedded store) vs rdflib in memory.

    .venv/bin/python benchmarks/queries_scale.py [--articles 200] [--copies 0 3 30] [--repeat 3] [--page 100]

Builds the data once through the real pipeline (synthetic corpus, benchmarks/corpus.py: for speed
only), then makes larger stores by copying the article graphs under new article keys (``--copies``:
how many extra copies; 200 articles x 30 copies is about 1.9M quads, x 300 about 19M). rdflib runs only
on the base data (``--articles``), the size it can take; its column and Oxigraph's at the same size give
the ratio. Rows must agree between the engines at the base size. Each Oxigraph cell is the median of
``--repeat`` runs of the full result; paginated queries also get their first page (``--page`` rows,
``query --limit``). ``--baseline DIR`` also times the ``.rq`` files of DIR on the same stores, e.g. the
queries of an older commit (``git archive REV queries | tar -x -C DIR``), for before/after figures
measured under the same conditions. The load average is printed before and after: other work on the
machine shows in the figures. Figures only; no thresholds.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from conflictkg import api
from conflictkg.graph.queries import StoredQuery, bind, get_query, parse_header, stored_queries
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


def run_ox(store: Store, name: str, limit: int | None = None) -> int:
    q = get_query(name)
    return len(api.query(store, name, {p.name: p.example for p in q.params}, limit=limit).rows)


def run_text(store: Store, query: StoredQuery) -> int:
    """A query that is not packaged (--baseline), with its example parameters."""
    return len(store.select(query.text, bind(query, {p.name: p.example for p in query.params}, "en"))[1])


def baseline_queries(folder: str | None) -> dict[str, StoredQuery]:
    if folder is None:
        return {}
    return {
        f.stem: parse_header(f.stem, f.read_text(encoding="utf-8"), str(f)) for f in sorted(Path(folder).glob("*.rq"))
    }


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--copies", type=int, nargs="+", default=[0, 30])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--page", type=int, default=100, help="rows in the first page of paginated queries")
    parser.add_argument("--baseline", metavar="DIR", help="also time the .rq files of DIR (before/after)")
    parser.add_argument("--no-rdflib", action="store_true")
    args = parser.parse_args()
    names = [q.name for q in stored_queries()]
    paginated = {q.name for q in stored_queries() if q.paginated}
    baseline = baseline_queries(args.baseline)
    print(f"load average (1, 5, 15 min) at the start: {load_average()}", file=sys.stderr)
    # cells[size][query] = {"full": seconds, "rows": n, "page": seconds, "before": seconds}
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = base_store(args.articles, Path(tmp))
        text = article_nquads(store)
        if not args.no_rdflib:
            t0 = time.perf_counter()
            ds = rdflib_dataset(store)
            print(f"rdflib: {len(store)} quads parsed in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            cells["rdflib"] = {}
            for n in names:
                t, rows = median_time(partial(run_rdflib, ds, n), 1)
                cells["rdflib"][n] = {"full": t, "rows": rows}
                print(f"rdflib {n}: {t:.2f} s", file=sys.stderr, flush=True)
        done = 0
        for copies in sorted(args.copies):
            t0 = time.perf_counter()
            add_copies(store, text, copies - done) if copies > done else None
            print(f"{len(store)} quads ({time.perf_counter() - t0:.0f} s to copy)", file=sys.stderr, flush=True)
            done = max(done, copies)
            label = f"{len(store) / 1e6:.2f}M"
            cells[label] = {}
            for n in names:
                cell = cells[label][n] = {}
                cell["full"], cell["rows"] = median_time(partial(run_ox, store, n), args.repeat)
                if n in paginated:
                    cell["page"] = median_time(partial(run_ox, store, n, args.page), args.repeat)[0]
                if n in baseline:
                    cell["before"], before_rows = median_time(partial(run_text, store, baseline[n]), args.repeat)
                    cell["before_agrees"] = before_rows == cell["rows"]
                print(f"{label} {n}: {cell}", file=sys.stderr, flush=True)
    print(f"load average (1, 5, 15 min) at the end: {load_average()}", file=sys.stderr)
    print_table(cells, names, args.page)


def print_table(cells: dict[str, dict[str, dict[str, Any]]], names: list[str], page: int) -> None:
    """One line per query; per store size: before (with --baseline), full result, rows, first page."""
    sizes = [c for c in cells if c != "rdflib"]

    def ms(seconds: float | None) -> str:
        return "-" if seconds is None else f"{seconds * 1000:.0f}" if seconds >= 0.1 else f"{seconds * 1000:.1f}"

    header = "query".ljust(20)
    for size in sizes:
        header += f" | {size}: before, full, rows, first {page}"
    print(header + (" | rdflib at the base size, x Oxigraph full" if "rdflib" in cells else ""))
    for n in names:
        line = n.ljust(20)
        for size in sizes:
            c = cells[size][n]
            before = ms(c.get("before")) + ("" if c.get("before_agrees", True) else " (rows differ)")
            line += f" | {before} ms, {ms(c['full'])} ms, {c['rows']}, {ms(c.get('page'))} ms"
        if "rdflib" in cells:
            r, o = cells["rdflib"][n], cells[sizes[0]][n]
            agree = "rows agree" if r["rows"] == o["rows"] else "rows DIFFER"
            line += f" | {r['full']:.2f} s, {r['full'] / max(o['full'], 1e-9):.0f}x, {agree}"
        print(line)


if __name__ == "__main__":
    main()
