"""Validation at corpus scale, with the same verdicts as pyshacl (graph/validate.py).

Two paths, both running the shapes compiled to SPARQL (:mod:`.shapes_sparql`) inside Oxigraph:

- :class:`ArticleValidator` checks one article graph before it is stored, as ``conflictkg load``
  does: the article goes into a scratch in-memory Oxigraph store that already holds the ontology
  and gazetteer (the same data graph pyshacl gets), the checks run, the article is cleared.
- :func:`validate_store` checks the asserted data of the whole store at once (every article graph
  plus the ontology and gazetteer as one data graph, inferred graphs left out: inference hides
  violations). It finds what no per-article check can: a constraint broken or met only across
  articles, e.g. a provisional entity typed in one article and used as an agent in another. It
  reads the store in place (:mod:`.store_view`), proves most checks clear by counting
  (:mod:`.screens`) and runs the rest exactly, on two threads (:mod:`.store_checks`).
  :func:`validate_store_pyshacl` is the reference: pyshacl on the same union.

Oxigraph stores typed literals in canonical form (``"5"^^xsd:int`` reads back as
``"5"^^xsd:integer``, ``"1.50"`` as ``"1.5"``), which would change ``sh:datatype`` and
``sh:pattern`` verdicts. So an article graph holding any literal whose stored form could differ
from what was written is validated by pyshacl instead (:func:`unfaithful_literal` says why); the
loaders never write such literals, so in practice the compiled path runs. The store-wide path sees
only stored (canonical) literals; their datatypes were checked when each article was loaded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal
from rdflib.term import Node

from conflictkg import ontology, shapes

from . import store_checks
from . import validate as _validate
from .compiled_checks import Check, message
from .shapes_sparql import compile_shapes
from .store import ARTICLE_PREFIX, Store
from .store_checks import Row, rows
from .store_view import AssertedView, asserted_graphs
from .terms import from_ox, ntriples
from .validate import Finding, Report

_SCRATCH = ox.NamedNode("urn:conflictkg:validate:article")
_REFERENCE = ox.NamedNode("urn:conflictkg:validate:reference")
_NO_VALUE = ("MinCountConstraintComponent", "MaxCountConstraintComponent")
_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")


def unfaithful_literal(data: Graph) -> Literal | None:
    """A literal that Oxigraph would store in another form than written (None: all are faithful)."""
    for o in set(data.objects()):
        if not isinstance(o, Literal) or o.datatype is None or o.datatype in (XSD.string, RDF.langString):
            continue
        lexical = str(o)
        if o.datatype == XSD.integer and _INTEGER.fullmatch(lexical):
            continue
        if o.datatype == XSD.boolean and lexical in ("true", "false"):
            continue
        if o.datatype == XSD.date and _valid_date(lexical):
            continue
        return o
    return None


def _valid_date(lexical: str) -> bool:
    try:
        return len(lexical) == 10 and dt.date.fromisoformat(lexical).isoformat() == lexical
    except ValueError:
        return False


def _finding(check: Check, row: Row, graph: str, lang: str) -> Finding:
    this, raw = row
    focus = from_ox(this)
    value: Node | None = focus if check.value_is_focus else None
    if not check.value_is_focus and check.component not in _NO_VALUE and raw is not None:
        value = from_ox(raw)
    return Finding(
        graph=graph,
        focus=str(focus),
        path=check.path,
        value="" if value is None else str(value),
        shape=check.shape,
        component=check.component,
        severity=check.severity,
        message=message(check, lang),
    )


def _sort(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.graph, f.severity, f.focus, f.path, f.component, f.value))


def run_checks(
    store: Any, checks: Iterable[Check], graph: str, lang: str = "en", **query_options: Any
) -> list[Finding]:
    """Run compiled checks on a pyoxigraph store; ``query_options`` choose the default graph."""
    findings = []
    for check in checks:
        for row in rows(store, check.sparql, **query_options):
            findings.append(_finding(check, row, graph, lang))
    return _sort(findings)


class ArticleValidator:
    """Validates one article graph at a time; reusable, not thread-safe (one per process)."""

    #: Oxigraph's in-memory store keeps removed quads as history (MVCC), so a scratch store that is
    #: filled and cleared for every article gets slower and bigger (5x after 1,000 articles);
    #: it is rebuilt from the reference text after this many articles.
    RECYCLE = 25

    def __init__(self, shapes_graph: Graph | None = None):
        self.shapes_graph = shapes_graph if shapes_graph is not None else shapes.load()
        self.checks = compile_shapes(self.shapes_graph)
        reference = ontology.load(ontology.ONTOLOGY_FILE, ontology.GAZETTEER_FILE)
        self._reference = ntriples(reference).encode()
        self._ox: Any = None
        self._used = 0
        self.fallbacks = 0  # articles handed to pyshacl because of an unfaithful literal

    def _scratch(self) -> Any:
        if self._ox is None or self._used >= self.RECYCLE:
            self._ox = ox.Store()
            self._ox.load(self._reference, format=ox.RdfFormat.N_TRIPLES, to_graph=_REFERENCE)
            self._used = 0
        self._used += 1
        return self._ox

    def validate(self, data: Graph, name: str = "", lang: str = "en", nt: str | None = None) -> Report:
        """Same findings as :func:`conflictkg.graph.validate.validate_graph` (``nt``: ``data`` as N-Triples)."""
        if unfaithful_literal(data) is not None:
            self.fallbacks += 1
            return _validate.validate_graph(data, name, lang, self.shapes_graph)
        text = nt if nt is not None else ntriples(data)
        store = self._scratch()
        store.load(text.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=_SCRATCH)
        try:
            findings = run_checks(store, self.checks, name, lang, use_default_graph_as_union=True)
        finally:
            store.remove_graph(_SCRATCH)
        return Report(checked=[name], findings=findings)


def validate_store(
    store: Store,
    lang: str = "en",
    shapes_graph: Graph | None = None,
    *,
    workers: int = 2,
    screens: bool = True,
    census: bool = True,
) -> Report:
    """Validate the store's asserted data as one graph (all articles + ontology + gazetteer).

    Each finding names the article graph that states its focus node (the first one, when several
    do), else the store's path. ``workers``: queries run at once; ``screens=False`` runs every check
    exactly and ``census=False`` reads every predicate graph by graph (both: slower, same findings).
    """
    checks = compile_shapes(shapes_graph if shapes_graph is not None else shapes.load())
    view = AssertedView(store, census=census)
    try:
        results = store_checks.run(view, checks, workers, screens)
    finally:
        view.close()
    where = str(store.path or "store")
    raw: list[Finding] = []
    for check, found in zip(checks, results, strict=True):
        raw.extend(_finding(check, row, where, lang) for row in found)
    return _owned(store, raw, where)


def asserted_union(store: Store) -> Graph:
    """The store's asserted data as one rdflib graph: what :func:`validate_store` validates."""
    union = Graph()
    for name in asserted_graphs(store):
        union += store.graph(name.value)
    return union


def validate_store_pyshacl(
    store: Store, lang: str = "en", shapes_graph: Graph | None = None, union: Graph | None = None
) -> Report:
    """The reference for :func:`validate_store`: pyshacl on the same union (slow; all of it in memory).

    ``union``: :func:`asserted_union` of the store, when the caller has it already.
    """
    where = str(store.path or "store")
    data = union if union is not None else asserted_union(store)
    return _owned(store, _validate.validate_graph(data, where, lang, shapes_graph).findings, where)


def _owned(store: Store, raw: list[Finding], where: str) -> Report:
    findings = []
    owner: dict[str, str] = {}
    for f in raw:
        if f.focus not in owner:
            owner[f.focus] = _owning_graph(store, f.focus) or where
        findings.append(Finding(owner[f.focus], *[getattr(f, k) for k in _FIELDS]))
    checked = [str(g.value) for g in asserted_graphs(store) if str(g.value).startswith(ARTICLE_PREFIX)]
    if any(f.graph == where for f in findings):
        checked.append(where)  # a focus node no article states (e.g. a gazetteer entry): reports list it too
    return Report(checked=checked, findings=_sort(findings))


_FIELDS = ("focus", "path", "value", "shape", "component", "severity", "message")


def _owning_graph(store: Store, focus: str) -> str | None:
    subject = ox.BlankNode(focus) if not focus.startswith(("http:", "https:", "urn:")) else ox.NamedNode(focus)
    for q in store._ox.quads_for_pattern(subject, None, None, None):
        name = str(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else ""
        if name.startswith(ARTICLE_PREFIX):
            return name
    return None
