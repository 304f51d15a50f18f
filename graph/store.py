"""The embedded store: Oxigraph (pyoxigraph) on disk, one named graph per article.

Layout of the dataset (all graph IRIs under https://w3id.org/conflictkg/graph/):
- ``reference/ontology``, ``reference/lexicon``, ``reference/gazetteer``: the packaged data;
- ``inferred/reference``: OWL RL entailments of the ontology and gazetteer;
- ``article/<key>``: what one article states; ``inferred/article/<key>``: its entailments;
- ``meta``: the hash of the packaged reference files, to reload them when they change.

Writing one article is a single SPARQL update (drop the old graphs, insert the new ones), which
Oxigraph applies in one transaction: an article is stored entirely or not at all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from conflictkg import ontology

from .fastinfer import closure
from .terms import from_ox, ntriples

GRAPH = "https://w3id.org/conflictkg/graph/"
REFERENCE_GRAPHS = {
    ontology.ONTOLOGY_FILE: GRAPH + "reference/ontology",
    ontology.LEXICON_FILE: GRAPH + "reference/lexicon",
    ontology.GAZETTEER_FILE: GRAPH + "reference/gazetteer",
    ontology.MAPPINGS_FILE: GRAPH + "reference/mappings",
}
INFERRED_REFERENCE = GRAPH + "inferred/reference"
META = GRAPH + "meta"
ARTICLE_PREFIX = GRAPH + "article/"
INFERRED_ARTICLE_PREFIX = GRAPH + "inferred/article/"
_REF_HASH = "https://w3id.org/conflictkg/ontology#referenceHash"
_CKG = "https://w3id.org/conflictkg/ontology#"


def _quad_as_update(line: str) -> str:
    """One N-Quads line (graph term last, as the loaders' serialiser writes it) inside INSERT DATA."""
    body, _, graph = line.rstrip().removesuffix(" .").rpartition(" ")
    return f"GRAPH {graph} {{ {body} . }}"


def bind_values(sparql: str, bindings: dict[str, Node]) -> str:
    """Bind variables with a VALUES block at the start of the query's outer WHERE group.

    The values are RDF terms serialised by rdflib (IRIs checked, literals escaped), so a
    parameter can never change the query's structure. Oxigraph's own substitution would be
    neater, but it accepts only variables that the query projects; a VALUES block also works
    unchanged on any SPARQL 1.1 endpoint.
    """
    if not bindings:
        return sparql
    match = re.search(r"\bWHERE\s*\{", sparql, flags=re.IGNORECASE)
    if match is None:
        raise ValueError("query has no WHERE group to bind parameters in")
    names = sorted(bindings)
    block = "VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(bindings[n].n3() for n in names) + ") }"
    return sparql[: match.end()] + "\n  " + block + sparql[match.end() :]


class StoreError(RuntimeError):
    """The store cannot be opened or written (locked, not a store, disk error)."""


def reference_hash() -> str:
    h = hashlib.sha256()
    for name in ontology.REFERENCE_FILES:
        h.update(ontology.read_text(name).encode("utf-8"))
    return h.hexdigest()


def inferred_graph_for(article_graph: str) -> str:
    return INFERRED_ARTICLE_PREFIX + article_graph[len(ARTICLE_PREFIX) :]


class Store:
    """A ConflictKG dataset in Oxigraph; ``path=None`` keeps it in memory."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else None
        try:
            self._ox: Any = None
            if self.path is None:
                self._ox = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from None
        self.ensure_reference()

    # ------------------------------------------------------------------ reference data
    def ensure_reference(self) -> bool:
        """Load (or reload) the packaged ontology, lexicon and gazetteer; True when it did."""
        wanted = reference_hash()
        if self._meta_hash() == wanted:
            return False
        schema = ontology.load(ontology.ONTOLOGY_FILE)
        gazetteer = ontology.load(ontology.GAZETTEER_FILE)
        graphs = {REFERENCE_GRAPHS[name]: ontology.load(name) for name in ontology.REFERENCE_FILES}
        graphs[INFERRED_REFERENCE] = closure(gazetteer, schema)
        meta = Graph()
        meta.add((URIRef(META), URIRef(_REF_HASH), Literal(wanted)))
        graphs[META] = meta
        self.replace_graphs(graphs)
        return True

    def _meta_hash(self) -> str | None:
        for q in self._ox.quads_for_pattern(ox.NamedNode(META), ox.NamedNode(_REF_HASH), None, ox.NamedNode(META)):
            return str(q.object.value)
        return None

    # ------------------------------------------------------------------ writing
    def replace_graphs(self, graphs: dict[str, Graph]) -> None:
        """Replace each named graph with the given triples, all in one transaction."""
        parts = []
        for name in sorted(graphs):
            parts.append(f"DROP SILENT GRAPH <{name}>")
        inserts = [f"GRAPH <{name}> {{\n{ntriples(g)}\n}}" for name, g in sorted(graphs.items()) if len(g)]
        update = " ;\n".join(parts)
        if inserts:
            update += " ;\nINSERT DATA {\n" + "\n".join(inserts) + "\n}"
        try:
            self._ox.update(update)
        except OSError as exc:
            raise StoreError(f"{self.path}: write failed, nothing was changed ({exc})") from None

    def remove_graphs(self, names: list[str]) -> None:
        self.replace_graphs({n: Graph() for n in names})

    # ------------------------------------------------------------------ bulk loading
    def stored_hashes(self, graphs: list[str]) -> dict[str, str]:
        """Article graph IRI -> stored content hash, for those of ``graphs`` that are in the store.

        One indexed lookup per batch of articles, so that a bulk load never holds the hashes of
        the whole store in memory.
        """
        if not graphs:
            return {}
        values = " ".join(f"<{g}>" for g in graphs)
        pattern = f"?a a <{_CKG}Article> ; <{_CKG}contentHash> ?h"
        rows = self._ox.query(f"SELECT ?g ?h WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ {pattern} }} }}")
        return {str(row["g"].value): str(row["h"].value) for row in rows}

    def write_nquads(self, nquads: str, replace: list[str] | None = None) -> None:
        """Add N-Quads in one transaction; the graphs named in ``replace`` are dropped first, in the same one.

        Without ``replace`` this is Oxigraph's transactional loader (about 20 µs a quad on disk);
        with it, the quads go through one SPARQL update, as :meth:`replace_graphs` does.
        """
        try:
            if not replace:
                self._ox.load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
                return
            parts = [f"DROP SILENT GRAPH <{g}>" for g in sorted(set(replace))]
            body = "\n".join(_quad_as_update(line) for line in nquads.splitlines() if line and line[0] != "#")
            self._ox.update(" ;\n".join(parts) + " ;\nINSERT DATA {\n" + body + "\n}")
        except OSError as exc:
            raise StoreError(f"{self.path}: write failed, nothing was changed ({exc})") from None

    # ------------------------------------------------------------------ reading
    def article_graphs(self) -> dict[str, str]:
        """Article graph IRI -> content hash."""
        out: dict[str, str] = {}
        rows = self._ox.query(
            "SELECT ?g ?h WHERE { GRAPH ?g { ?a a <https://w3id.org/conflictkg/ontology#Article> ; "
            "<https://w3id.org/conflictkg/ontology#contentHash> ?h } }"
        )
        for row in rows:
            g = str(row["g"].value)
            if g.startswith(ARTICLE_PREFIX):
                out[g] = str(row["h"].value)
        return dict(sorted(out.items()))

    def graph(self, name: str) -> Graph:
        g = Graph()
        for q in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def graph_names(self) -> list[str]:
        return sorted(str(g.value) for g in self._ox.named_graphs())

    def __len__(self) -> int:
        return len(self._ox)

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> tuple[list[str], list[dict[str, Node]]]:
        """Run a SELECT over the union of all graphs, with ``bindings`` as a VALUES block."""
        result: Any = self._ox.query(bind_values(sparql, bindings or {}), use_default_graph_as_union=True)
        variables = [v.value for v in result.variables]
        rows = []
        for sol in result:
            row: dict[str, Node] = {}
            for v in variables:
                term = sol[v]
                if term is not None:
                    row[v] = from_ox(term)
            rows.append(row)
        return variables, rows

    def dump_nquads(self, graphs: list[str] | None = None) -> Iterator[str]:
        """N-Quads lines of the given graphs (all by default), sorted."""
        names = graphs if graphs is not None else self.graph_names()
        lines: list[str] = []
        for name in names:
            for q in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(name)):
                lines.append(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .")
        yield from sorted(lines)

    @property
    def oxigraph(self) -> Any:
        """The underlying pyoxigraph store, for code that serialises pyoxigraph terms itself (serve, push)."""
        if self._ox is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._ox

    def flush(self) -> None:
        self._ox.flush()

    def close(self) -> None:
        """Flush and release the store's lock (the on-disk store is single-process)."""
        if self._ox is not None:
            if self.path is not None:
                self._ox.flush()
            self._ox = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
