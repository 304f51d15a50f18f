"""Store-wide validation: the compiled checks run over a store's asserted graphs, screened, on two threads.

:func:`run` returns, for each compiled check, the (focus node, value) rows it reports on the union
of the asserted graphs, exactly as the plain check would on that union. The work, at 1M triples:

1. :class:`.store_view.AssertedView` takes a census of the graphs to leave out (~0.5 s);
2. the screens' counting queries (:mod:`.screens`) and the SPARQL-based constraints run on a
   thread pool (Oxigraph releases the GIL while it evaluates a query);
3. each check whose screen is not clear runs exactly, on the same pool.

A SPARQL-based constraint (``sh:sparql``) is written by the shape's author, so the view cannot
rewrite its patterns: when every predicate and class it reads is clean it runs on the union as it
is; when it reads a dirty one and is monotone (no negation, OPTIONAL or aggregate), its results on
the union are a superset, and each is confirmed by the same query with the row bound, on the
asserted graphs themselves; otherwise it runs on the asserted graphs themselves (exact, slow).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pyoxigraph as ox
from rdflib import RDF

from .compiled_checks import Check, render
from .screens import Screens
from .store import bind_values
from .store_view import AssertedView, UnsupportedView
from .terms import from_ox
from .user_sparql import Analysis, analyse

Row = tuple[Any, Any]  # (focus node, value or None), pyoxigraph terms


def is_dirty(view: AssertedView, r: Analysis) -> bool:
    """True when the union of all graphs could answer the query differently from the asserted graphs."""
    if view.everything_dirty or (r.any_predicate and view.dirty_predicates):
        return True
    type_iri = f"<{RDF.type}>"
    if any(p in view.dirty_predicates for p in r.predicates if p != type_iri):
        return True
    return type_iri in view.dirty_predicates and (r.any_class or any(c in view.dirty_classes for c in r.classes))


def rows(store: Any, sparql: str, **options: Any) -> list[Row]:
    """The (focus node, value) rows of a compiled check's query."""
    solutions = store.query(sparql, **options)
    names = {v.value for v in solutions.variables}
    return [(s["this"], s["value"] if "value" in names else None) for s in solutions]


def _probe(view: AssertedView, sparql: str) -> dict[str, float]:
    solutions = view.ox.query(sparql, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    (row,) = list(solutions)
    return {n: float(row[n].value) if row[n] is not None else math.nan for n in names}


class StoreRun:
    """One store-wide validation; :meth:`run` gives each check's rows."""

    def __init__(self, view: AssertedView, checks: list[Check], workers: int = 2, screens: bool = True):
        self.view, self.checks, self.workers, self.use_screens = view, checks, max(1, workers), screens

    def slow(self, check: Check) -> list[Row]:
        """The plain check with the asserted graphs as the default graph: exact, slow on many graphs."""
        return rows(self.view.ox, check.sparql, default_graph=self.view.graphs)

    def exact(self, check: Check) -> list[Row]:
        try:
            sparql = render(check, self.view)
        except UnsupportedView:
            return self.slow(check)
        return rows(self.view.ox, sparql, use_default_graph_as_union=True)

    def sparql_constraint(self, check: Check, r: Analysis) -> list[Row]:
        fast = dataclasses.replace(check, select=r.hashed) if r.hashed else check
        if not is_dirty(self.view, r):
            return self.exact(fast)
        if not r.monotone:
            return self.slow(check)
        confirmed = []
        for this, value in self.exact(fast):  # a superset: the constraint reads more triples in the union
            if any(isinstance(t, ox.BlankNode) for t in (this, value)):
                return self.slow(check)  # a blank node cannot be bound by name
            bindings = {"this": from_ox(this)} | ({} if value is None else {"value": from_ox(value)})
            query = bind_values(f"{check.prefixes}\n{check.select}", bindings)
            if list(self.view.ox.query(query, default_graph=self.view.graphs)):
                confirmed.append((this, value))
        return confirmed

    def run(self) -> list[list[Row]]:
        screens = Screens(self.view)
        if self.use_screens:
            screens.plan(self.checks)
        out: dict[int, list[Row]] = {}
        with ThreadPoolExecutor(self.workers) as pool:
            first: dict[int, Future[list[Row]]] = {
                i: pool.submit(self.sparql_constraint, c, analyse(c.prefixes, c.select))  # rdflib: one thread
                for i, c in enumerate(self.checks)
                if c.component == "SPARQLConstraintComponent"
            }
            order = sorted(screens.queries.items(), key=lambda kv: not kv[0].startswith("lessThan"))
            probes = {name: pool.submit(_probe, self.view, q) for name, q in order}
            results = {name: f.result() for name, f in probes.items()}
            rest = {
                i: pool.submit(self.exact, c)
                for i, c in enumerate(self.checks)
                if i not in first and not screens.clear(i, results)
            }
            for i, future in {**first, **rest}.items():
                out[i] = future.result()
        return [out.get(i, []) for i in range(len(self.checks))]


def run(view: AssertedView, checks: Iterable[Check], workers: int = 2, screens: bool = True) -> list[list[Row]]:
    """Each check's rows on the store's asserted graphs (``screens=False``: every check runs exactly)."""
    return StoreRun(view, list(checks), workers, screens).run()
