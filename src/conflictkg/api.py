"""The Python API for notebooks and scripts; the ``conflictkg`` command is a thin layer over it.

>>> from conflictkg import api
>>> store = api.open_store("my-store")                      # or api.open_store() in memory
>>> api.load(store, ["article.json"])                      # doctest: +SKIP
>>> rows = api.query(store, "attacks", lang="en").rows      # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from rdflib import Graph

from conflictkg.graph import validate as _validate
from conflictkg.graph.export import export as _export
from conflictkg.graph.queries import QueryResult, StoredQuery, run_query, stored_queries
from conflictkg.graph.store import ARTICLE_PREFIX, Store
from conflictkg.graph.validate import Report
from conflictkg.ingest import load_iter
from conflictkg.loaders import Extractor
from conflictkg.worker import LoadOutcome, Options

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
    validator: str = "pyshacl",
    workers: int = 1,
    batch_size: int = 64,
    strict: bool = True,
    curation: str | Path | None = None,
) -> list[LoadOutcome]:
    """Extract, validate, infer and store each article, each one entirely or not at all.

    An article whose content hash is already stored is left alone ("unchanged"). With
    ``validate``, an article whose graph violates the shapes is not stored ("rejected").
    ``reasoner`` is "fast" (the compiled OWL RL subset, identical entailments) or "owlrl" (the
    reference implementation, about 100 times slower); ``validator`` is "pyshacl" (the reference)
    or "fast" (the shapes compiled to SPARQL in Oxigraph, same findings, about 25 times faster).
    ``workers`` > 1 extracts in that many processes; articles are written ``batch_size`` at a time,
    one transaction per batch. With ``strict`` (the default here), bad input raises
    :class:`conflictkg.loaders.ArticleError` (after committing what was done before it); without it,
    a bad record is an outcome with status "bad" and the load goes on. For a corpus too large to
    keep the list of outcomes, iterate :func:`conflictkg.ingest.load_iter` instead. ``curation`` is a
    Turtle file of curator decisions applied to each article graph before validation (docs/curation.md).
    """
    text = Path(curation).read_text(encoding="utf-8") if curation is not None else None
    options = Options(validate=validate, validator=validator, reasoner=reasoner, extractor=extractor, curation=text)
    outcomes = []
    for outcome in load_iter(
        store,
        paths,
        lang=lang,
        published=published,
        url=url,
        options=options,
        workers=workers,
        batch_size=batch_size,
        strict=strict,
    ):
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
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


def query(
    store: Store,
    name: str,
    params: dict[str, str] | None = None,
    lang: str = "en",
    *,
    limit: int | None = None,
    offset: int | None = None,
) -> QueryResult:
    """Run a stored query. ``limit``/``offset`` page a paginated query (``#+ pagination: true``):
    the rows come in the query's order, ``offset`` rows skipped, at most ``limit`` returned; both are
    checked to be non-negative integers (:class:`conflictkg.graph.queries.QueryError` if not, or if
    the query is not paginated). Without them, every row.
    """
    return run_query(store, name, params, lang, limit=limit, offset=offset)


def export(store: Store, fmt: str, out: TextIO, *, reference: bool = True, inferred: bool = False) -> int:
    return _export(store, fmt, out, reference=reference, inferred=inferred)


def article_graph_names(store: Store) -> list[str]:
    return [g for g in store.graph_names() if g.startswith(ARTICLE_PREFIX)]
