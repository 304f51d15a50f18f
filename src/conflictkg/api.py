"""The Python API for notebooks and scripts; the ``conflictkg`` command is a thin layer over it.

>>> from conflictkg import api
>>> store = api.open_store("my-store")                      # or api.open_store() in memory
>>> api.load(store, ["article.json"])                      # doctest: +SKIP
>>> rows = api.query(store, "attacks", lang="en").rows      # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from rdflib import Graph

from conflictkg.graph import fastinfer, infer
from conflictkg.graph import validate as _validate
from conflictkg.graph.export import export as _export
from conflictkg.graph.queries import QueryResult, StoredQuery, run_query, stored_queries
from conflictkg.graph.store import ARTICLE_PREFIX, Store, inferred_graph_for
from conflictkg.graph.validate import Report
from conflictkg.loaders import Extractor, RuleExtractor, graph_iri, read_articles, to_graph
from conflictkg.ontology import ONTOLOGY_FILE
from conflictkg.ontology import load as load_reference

__all__ = [
    "LoadOutcome",
    "Report",
    "Store",
    "StoredQuery",
    "export",
    "load",
    "open_store",
    "queries",
    "query",
    "validate_files",
    "validate_store",
]


@dataclass
class LoadOutcome:
    """What happened to one article."""

    source: str
    article_id: str
    graph: str
    status: str  # "loaded", "unchanged", "rejected"
    triples: int = 0
    inferred: int = 0
    seconds: float = 0.0
    findings: list[_validate.Finding] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def open_store(path: str | Path | None = None) -> Store:
    """Open (or create) an embedded store on disk; ``None`` gives an in-memory store."""
    return Store(path)


def load(
    store: Store,
    paths: Iterable[str | Path],
    *,
    lang: str | None = None,
    published: str | None = None,
    url: str | None = None,
    validate: bool = True,
    extractor: Extractor | None = None,
    progress: Callable[[LoadOutcome], None] | None = None,
    reasoner: str = "fast",
) -> list[LoadOutcome]:
    """Extract, validate, infer and store each article, each one entirely or not at all.

    An article whose content hash is already stored is left alone ("unchanged"). With
    ``validate``, an article whose graph violates the shapes is not stored ("rejected").
    ``reasoner`` is "fast" (the compiled OWL RL subset, identical entailments) or "owlrl" (the
    reference implementation, about 100 times slower).
    Bad input raises :class:`conflictkg.loaders.ArticleError` before anything is written.
    """
    ex = extractor or RuleExtractor()
    schema = load_reference(ONTOLOGY_FILE)
    if reasoner not in ("fast", "owlrl"):
        raise ValueError(f"unknown reasoner {reasoner!r}: use fast or owlrl")
    compiled = fastinfer.CompiledSchema(schema) if reasoner == "fast" else None
    known = store.article_graphs()
    outcomes = []
    for path in paths:
        for article in read_articles(path, lang=lang, published=published, url=url):
            t0 = time.perf_counter()
            extraction = ex.extract(article)
            gname = str(graph_iri(extraction))
            outcome = LoadOutcome(article.source, article.id, gname, "loaded", messages=list(extraction.messages))
            if known.get(gname) == article.content_hash:
                outcome.status = "unchanged"
            else:
                data = to_graph(extraction)
                outcome.triples = len(data)
                if validate:
                    report = _validate.validate_graph(data, gname)
                    outcome.findings = report.findings
                    if not report.conforms:
                        outcome.status = "rejected"
                if outcome.status == "loaded":
                    if compiled is not None:
                        inferred = fastinfer.closure(data, schema, compiled=compiled)
                    else:
                        inferred = infer.closure(data, schema)
                    outcome.inferred = len(inferred)
                    store.replace_graphs({gname: data, inferred_graph_for(gname): inferred})
                    known[gname] = article.content_hash
            outcome.seconds = time.perf_counter() - t0
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    store.flush()
    return outcomes


def validate_store(store: Store, lang: str = "en") -> Report:
    """Validate every article graph in the store."""
    report = Report()
    for gname in store.article_graphs():
        report.extend(_validate.validate_graph(store.graph(gname), gname, lang))
    return report


def validate_files(paths: Iterable[str | Path], lang: str = "en") -> Report:
    """Validate RDF files (any format rdflib reads; named graphs are merged)."""
    report = Report()
    for path in paths:
        g = Graph()
        g.parse(str(path))
        report.extend(_validate.validate_graph(g, str(path), lang))
    return report


def queries() -> list[StoredQuery]:
    return stored_queries()


def query(store: Store, name: str, params: dict[str, str] | None = None, lang: str = "en") -> QueryResult:
    return run_query(store, name, params, lang)


def export(store: Store, fmt: str, out: TextIO, *, reference: bool = True, inferred: bool = False) -> int:
    return _export(store, fmt, out, reference=reference, inferred=inferred)


def article_graph_names(store: Store) -> list[str]:
    return [g for g in store.graph_names() if g.startswith(ARTICLE_PREFIX)]
