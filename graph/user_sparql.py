"""What a shape author's SPARQL constraint (``sh:sparql``) reads, and a faster way to write it.

Store-wide validation (graph/store_checks.py) cannot rewrite such a query's patterns the way it
rewrites the compiled checks, so it needs to know, from rdflib's parse of the SELECT:

- which predicates and ``rdf:type`` classes it reads, to decide whether the union of all graphs
  answers it as the asserted graphs would (:func:`analyse`);
- whether it is monotone (no OPTIONAL, MINUS, NOT EXISTS, aggregate, LIMIT or GRAPH), so that its
  answers on more triples are a superset of its answers on fewer.

It also offers the same query with every triple pattern of its main graph pattern wrapped in
``{ SELECT DISTINCT ... { t } }``, which store-wide validation runs instead. Two reasons:

- duplicates: the union of graphs yields a triple once per graph that holds it, and a join of k
  patterns multiplies those copies. On a store of 75 shape fixtures sharing IRIs the evidence-span
  constraint took 3.9 s for 20k quads; wrapped, 1 ms. DISTINCT on one triple pattern keeps its
  meaning (a graph is a set of triples), so the rewritten query means what the author wrote;
- speed: Oxigraph joins two triple patterns by looking the second up once per solution of the
  first (~15 µs a lookup on disk) and joins sub-selects by hashing: the evidence-span constraint at
  1M triples takes 1.05 s instead of 3.4 s.

A query with EXISTS or NOT EXISTS keeps the author's text: with one, Oxigraph's plan for the
sub-selects was slower (the event-date constraint: 0.7 s against 0.3 s at 1M), and the duplicates
that hurt are those of long joins. Property paths are left alone (DISTINCT would change how often a
path matches). rdflib writes the query back (``translateAlgebra``); the rewrite is used only if
rdflib writes the unmodified query back to the same algebra, else the author's text runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rdflib import RDF, URIRef, Variable
from rdflib.paths import InvPath, MulPath, NegatedPath
from rdflib.paths import Path as RdflibPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import BGP, Join, Project, ToMultiSet, translateAlgebra
from rdflib.plugins.sparql.algebra import triples as algebra_triples
from rdflib.plugins.sparql.parserutils import CompValue

# algebra that can lose an answer when triples are added (GRAPH: the union has named graphs pyshacl's data lacks)
_NON_MONOTONE = {"LeftJoin", "Minus", "Group", "AggregateJoin", "Slice", "Graph", "ServiceGraphPattern",
                 "Builtin_EXISTS", "Builtin_NOTEXISTS"}  # fmt: skip
_EXISTS = ("Builtin_EXISTS", "Builtin_NOTEXISTS")


@dataclass(frozen=True)
class Analysis:
    """What a SPARQL query reads (N3 terms), whether it is monotone, and its hash-join form ("" if none)."""

    predicates: frozenset[str]
    classes: frozenset[str]
    any_predicate: bool  # a variable (or negated) predicate
    any_class: bool  # rdf:type with a variable object, or inside a property path
    monotone: bool
    hashed: str


@lru_cache(maxsize=256)
def analyse(prefixes: str, select: str) -> Analysis:
    """Parse with rdflib (not thread-safe: call from one thread) and collect what the query reads."""
    query = prepareQuery(f"{prefixes}\n{select}")
    predicates: set[str] = set()
    classes: set[str] = set()
    flags = {"any_predicate": False, "any_class": False, "monotone": True}

    def path_iris(p: Any) -> None:
        if isinstance(p, URIRef):
            predicates.add(p.n3())
            flags["any_class"] |= p == RDF.type
        elif isinstance(p, NegatedPath):
            flags["any_predicate"] = True
        elif isinstance(p, InvPath):
            path_iris(p.arg)
        elif isinstance(p, MulPath):
            path_iris(p.path)
        else:
            for part in p.args:
                path_iris(part)

    def walk(node: Any) -> None:
        if isinstance(node, CompValue):
            if node.name in _NON_MONOTONE or node.name.startswith("Aggregate_"):
                flags["monotone"] = False
            found: Any = dict.get(node, "triples") or [] if node.name in ("BGP", "TriplesBlock") else []
            if node.name == "TriplesBlock":  # inside EXISTS rdflib keeps the parse tree
                found = algebra_triples(found)
            for _, p, o in found:
                if isinstance(p, Variable):
                    flags["any_predicate"] = True
                elif isinstance(p, RdflibPath):
                    path_iris(p)
                else:
                    predicates.add(p.n3())
                    if p == RDF.type and isinstance(o, URIRef):
                        classes.add(o.n3())
                    elif p == RDF.type:
                        flags["any_class"] = True
            for value in node.values():
                walk(value)
        elif isinstance(node, list | tuple):
            for value in node:
                walk(value)

    walk(query.algebra)
    hashed = _hashed(f"{prefixes}\n{select}")
    return Analysis(frozenset(predicates), frozenset(classes), **flags, hashed=hashed)


def _hashed(text: str) -> str:
    try:  # parse afresh each time: rdflib's translateAlgebra rewrites the EXISTS parts it meets in place
        original = prepareQuery(text).algebra
        if _has_exists(original):
            return ""  # measured: Oxigraph's plan for EXISTS beside sub-selects is slower (0.7 s against 0.3 s)
        if prepareQuery(translateAlgebra(prepareQuery(text))).algebra != original:
            return ""
        rewritten = prepareQuery(text)
        rewritten.algebra = _wrap(rewritten.algebra)
        return str(translateAlgebra(rewritten))
    except Exception:  # rdflib cannot write this query back: keep the author's text
        return ""


def _wrap(node: Any) -> Any:
    if isinstance(node, CompValue):
        if node.name in _EXISTS:
            return node
        if node.name == "BGP" and node.triples:
            parts = [_sub_select(t) for t in node.triples]
            out = parts[0]
            for part in parts[1:]:
                out = Join(out, part)
            return out
        for key, value in list(node.items()):
            node[key] = _wrap(value)
        return node
    if isinstance(node, list):
        return [_wrap(x) for x in node]
    return node


def _has_exists(node: Any) -> bool:
    """Whether a query or an expression holds EXISTS / NOT EXISTS."""
    if isinstance(node, CompValue):
        return node.name in _EXISTS or any(_has_exists(v) for v in node.values())
    if isinstance(node, list | tuple):
        return any(_has_exists(v) for v in node)
    return False


def _sub_select(triple: tuple[Any, Any, Any]) -> Any:
    variables = list(dict.fromkeys(t for t in triple if isinstance(t, Variable)))
    inner = Project(BGP([triple]), variables)
    if not isinstance(triple[1], RdflibPath):  # a path can match twice through two nodes: keep its multiplicity
        inner = CompValue("Distinct", p=inner)
    return ToMultiSet(inner)
