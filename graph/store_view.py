"""The asserted data of a whole store (every article graph, ontology and gazetteer) read in place.

Store-wide validation must see one graph: the union of the asserted graphs, without the inferred
graphs (inference hides violations), the lexicon, the mappings or the meta graph. Oxigraph can be
given that list as the default graph, but it then looks every triple pattern up once per listed
graph: 140 s for 48k triples in 200 articles, hours at 1M. Copying the asserted quads into a
scratch store costs more than validating them (decoding 1M quads from RocksDB takes ~20 s).

So the checks run on the union of all graphs, which Oxigraph reads from its indexes directly, and
only where the other graphs could change an answer do they say where a triple comes from. A census
(one scan of the excluded graphs, ~0.3 s for the 330k inferred quads of a 1M-triple store) lists the
predicates, and the classes of ``rdf:type``, that occur outside the asserted graphs; a pattern on
any other predicate reads the same triples in the union as in the asserted graphs. A pattern on a
listed ("dirty") predicate is written ``GRAPH ?g { ... } FILTER(<?g is asserted>)``. Class tests
(``rdf:type/rdfs:subClassOf*``) become a VALUES list of the asserted sub-classes of the class.
Duplicates (a triple in two graphs) are harmless: every compiled check is DISTINCT or counts
DISTINCT values.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS

from conflictkg import ontology

from .compiled_checks import Dialect, Path
from .store import ARTICLE_PREFIX, REFERENCE_GRAPHS, Store

_TYPE = f"<{RDF.type}>"
_SUBCLASS = f"<{RDFS.subClassOf}>"
REFERENCE = (REFERENCE_GRAPHS[ontology.ONTOLOGY_FILE], REFERENCE_GRAPHS[ontology.GAZETTEER_FILE])


class UnsupportedView(ValueError):
    """A check that cannot be written against the asserted graphs in place (e.g. ``p*`` on an inferred ``p``)."""


def asserted(var: str) -> str:
    """A SPARQL expression: the graph ``var`` is an asserted graph (same rule as :func:`asserted_graphs`)."""
    names = ", ".join(f"<{g}>" for g in REFERENCE)
    return f"(STRSTARTS(STR({var}), {_string(ARTICLE_PREFIX)}) || {var} IN ({names}))"


def asserted_graphs(store: Store) -> list[Any]:
    """The article graphs, the ontology and the gazetteer: the data pyshacl would get, as one graph."""
    return [ox.NamedNode(g) for g in store.graph_names() if g.startswith(ARTICLE_PREFIX) or g in REFERENCE]


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _n3(term: Any) -> str:
    return f"<{term.value}>" if isinstance(term, ox.NamedNode) else str(term)


class AssertedView(Dialect):
    """A :class:`Dialect` whose queries, run with :meth:`query`, see exactly the store's asserted data.

    ``census=False`` treats every predicate as dirty (slower, same answers: the tests use it).
    """

    def __init__(self, store: Store, census: bool = True):
        self.ox: Any = store._ox
        self.graphs = asserted_graphs(store)
        self._fresh = itertools.count()
        self.everything_dirty = not census
        self.dirty_predicates: set[str] = set()
        self.dirty_classes: set[str] = set()
        self.unasserted_classes: set[str] = set()  # no asserted rdf:type of them: dropped from class tests
        if census:
            self._census()
        self._subclasses = self._subclass_map()

    def close(self) -> None:
        """Let go of the store (its on-disk lock is released when the last reference to it goes)."""
        self.ox = None

    # -------------------------------------------------------------- reading

    def query(self, sparql: str) -> list[Any]:
        """Run a query written in this dialect (the default graph is the union of all graphs)."""
        return list(self.ox.query(sparql, use_default_graph_as_union=True))

    def _census(self) -> None:
        """Predicates and classes found outside the asserted graphs; classes asserted nowhere are noted too."""
        excluded = f"{{ SELECT ?g WHERE {{ GRAPH ?g {{}} FILTER(!{asserted('?g')}) }} }}"
        rows = self.ox.query(  # without the union option the plain pattern reads the real default graph
            f"SELECT ?p ?c (COUNT(*) AS ?n) WHERE {{ {{ {excluded} GRAPH ?g {{ ?s ?p ?o }} }} UNION {{ ?s ?p ?o }} "
            f"BIND(IF(?p = {_TYPE}, ?o, ?none) AS ?c) }} GROUP BY ?p ?c"
        )
        outside: dict[str, int] = {}
        for row in rows:
            self.dirty_predicates.add(_n3(row["p"]))
            if row["c"] is not None:
                outside[_n3(row["c"])] = int(row["n"].value)
        self.dirty_classes = set(outside)
        iris = " ".join(c for c in outside if c.startswith("<"))
        if iris:  # a class typed only by inference has as many rdf:type quads in all graphs as outside
            everywhere = self.query(
                f"SELECT ?c (COUNT(*) AS ?n) WHERE {{ VALUES ?c {{ {iris} }} ?s {_TYPE} ?c }} GROUP BY ?c"
            )
            total = {_n3(r["c"]): int(r["n"].value) for r in everywhere}
            self.unasserted_classes = {c for c in outside if c.startswith("<") and total.get(c, 0) == outside[c]}

    def _subclass_map(self) -> dict[str, set[str]]:
        """Direct sub-classes in the asserted data: class -> {sub-class} (terms as N3)."""
        pattern = self.triple("?sub", Path("iri", _SUBCLASS), "?sup")
        out: dict[str, set[str]] = {}
        for row in self.query(f"SELECT DISTINCT ?sub ?sup WHERE {{ {pattern} }}"):
            out.setdefault(_n3(row["sup"]), set()).add(_n3(row["sub"]))
        return out

    def subclasses(self, cls: str) -> list[str]:
        """``cls`` and every class below it by asserted ``rdfs:subClassOf`` (what ``rdfs:subClassOf*`` reaches)."""
        seen, todo = {cls}, [cls]
        while todo:
            for sub in self._subclasses.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        if any(c.startswith("_:") for c in seen):
            raise UnsupportedView(f"a blank node is a sub-class of {cls}")
        return sorted(seen)

    # -------------------------------------------------------------- the dialect

    def clean(self, predicates: Iterable[str]) -> bool:
        """True when no excluded graph holds a triple with any of these predicates."""
        return not self.everything_dirty and not any(p in self.dirty_predicates for p in predicates)

    def _var(self, stem: str) -> str:
        return f"?_{stem}{next(self._fresh)}"

    def instance(self, var: str, cls: str, bound: bool = False) -> str:
        classes = [c for c in self.subclasses(cls) if c not in self.unasserted_classes] or ["<urn:x-conflictkg:none>"]
        t = self._var("t")
        dirty = _TYPE in self.dirty_predicates and any(c in self.dirty_classes for c in classes)
        if self.everything_dirty or dirty:
            g = self._var("g")
            pattern, test = f"GRAPH {g} {{ {var} {_TYPE} {t} }}", f" && {asserted(g)}"
        else:
            pattern, test = f"{var} {_TYPE} {t} .", ""
        if bound:  # look the node's types up, then test them
            return f"{pattern} FILTER({t} IN ({', '.join(classes)}){test})"
        return f"VALUES {t} {{ {' '.join(classes)} }} {pattern}" + (f" FILTER({test[4:]})" if test else "")

    def triple(self, subject: str, path: Path, obj: str) -> str:
        if self.clean(path.predicates()):
            return f"{subject} {path.sparql} {obj} ."
        return self._expand(subject, path, obj)

    def _expand(self, subject: str, path: Path, obj: str) -> str:
        if path.kind == "iri":
            if self.clean([path.iri]):
                return f"{subject} {path.iri} {obj} ."
            g = self._var("g")
            return f"{{ GRAPH {g} {{ {subject} {path.iri} {obj} }} FILTER({asserted(g)}) }}"
        if path.kind == "inverse":
            return self._expand(obj, path.parts[0], subject)
        if path.kind == "sequence":
            nodes = [subject] + [self._var("n") for _ in path.parts[1:]] + [obj]
            steps = zip(nodes, path.parts, nodes[1:], strict=False)
            return "{ " + " ".join(self._expand(a, p, b) for a, p, b in steps) + " }"
        if path.kind == "alternative":
            return "{ " + " UNION ".join("{ " + self._expand(subject, p, obj) + " }" for p in path.parts) + " }"
        raise UnsupportedView(f"{path.sparql}: a repeated path over a predicate that inference also writes")
