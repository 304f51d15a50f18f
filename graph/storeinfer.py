"""The fast reasoner on N-Triples text and on graphs of the Oxigraph store, without rdflib terms.

graph/fastinfer.py works on string keys; for rdflib input it first has to turn every term into one,
which is a large part of its time on large graphs. N-Triples lines, as Oxigraph writes them (and rdflib's
``nt`` serialiser does), already are those keys: ``<iri>``, ``_:label``, ``"lexical"^^<datatype>``.
So this path splits each line with one regular expression (in C), groups the pairs by predicate,
runs the same engine, and writes the inferred triples back as N-Triples for Oxigraph to load (in
Rust). On the 1M-triple benchmark (benchmarks/inference.py) it takes, from the file to the lines,
about half the time the rdflib path takes for the inference alone, its input already rdflib terms.

Terms are compared as written: the text must be N-Triples with one triple per line (``s p o .``,
single spaces, as both serialisers write it), so that one term is always spelled the same way.
Text from :meth:`pyoxigraph.Store.dump` is (in Oxigraph's canonical form, see trap 1 in
../shared/reference/rdf-engines.md); anything else is refused rather than misread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib.term import Node
from rdflib.util import from_n3

from .fastinfer import CompiledSchema, infer_rows, key
from .terms import to_ox

#: One N-Triples line: subject, predicate, object (which may contain spaces), then " .".
_LINE = re.compile(r"^([^\s#]\S*) (\S+) (.+) \.[ \t\r]*$", re.MULTILINE)


class NotLineNTriples(ValueError):
    """The text is not N-Triples written one triple per line with single spaces."""


def split_ntriples(text: str, chunk: int = 1 << 22) -> Iterator[list[tuple[str, str, str]]]:
    """(subject, predicate, object) strings of each line, a few MB of text at a time (so that the rows of
    the whole text never exist at once); refuses text in any other layout."""
    start, end_of_text = 0, len(text)
    while start < end_of_text:
        end = text.find("\n", min(start + chunk, end_of_text - 1))
        end = end_of_text if end < 0 else end + 1
        rows: list[tuple[str, str, str]] = _LINE.findall(text, start, end)
        if len(rows) != text.count("\n", start, end) + (text[end - 1] != "\n"):
            lines = text[start:end].splitlines()
            if len(rows) != sum(1 for line in lines if line.strip() and not line.lstrip().startswith("#")):
                raise NotLineNTriples("expected one 's p o .' triple per line, as Oxigraph or rdflib write N-Triples")
        yield rows
        start = end


def closure_ntriples(text: str, compiled: CompiledSchema, keep_subjects: Iterable[str] | None = None) -> list[str]:
    """The entailments of ``text`` (N-Triples) under the schema, as N-Triples lines without the final newline.

    The same triples as :func:`conflictkg.graph.fastinfer.closure` gives for the same data, with
    ``keep_subjects`` as N-Triples terms (``<iri>``); by default every IRI subject of the data.
    """
    keep = set(keep_subjects) if keep_subjects is not None else None
    new_pairs, new_members = infer_rows(split_ntriples(text), compiled, keep, _term, oxigraph_key)
    rdf_type = compiled.plan.rdf_type
    lines: list[str] = []
    for p, ps in new_pairs.items():
        middle = f" {p} "
        lines += [s + middle + o + " ." for s, o in ps]
    for c, ss in new_members.items():
        suffix = f" {rdf_type} {c} ."
        lines += [s + suffix for s in ss]
    return lines


def oxigraph_key(term: Node) -> str:
    """An rdflib term spelled as Oxigraph writes it in N-Triples (for the schema's own triples)."""
    return str(to_ox(term))


def _term(text: str) -> Node:
    """An N-Triples term as an rdflib term (for the rare schema axioms found in data)."""
    term = from_n3(text)
    if not isinstance(term, Node):
        raise NotLineNTriples(f"not an RDF term: {text}")
    return term


def infer_graph(store: ox.Store, sources: list[str], target: str, compiled: CompiledSchema) -> int:
    """Write the entailments of the union of the ``sources`` graphs into the ``target`` graph.

    Oxigraph writes the sources as N-Triples (in Rust) and loads the result back; only the grouped
    pairs live in Python. ``target`` is dropped, then filled in one transaction (the transactional
    loader: on a loaded 2-core machine it was faster than ``bulk_load`` for 0.7M triples in memory);
    if that fails, ``target`` stays empty and a re-run fills it. Returns the number of inferred triples.
    """
    text = "".join(
        (store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g)) or b"").decode("utf-8") for g in sources
    )
    lines = closure_ntriples(text, compiled)
    del text
    store.update(f"DROP SILENT GRAPH <{target}>")
    if lines:
        store.load(
            ("\n".join(lines) + "\n").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(target)
        )
    return len(lines)


__all__ = ["NotLineNTriples", "closure_ntriples", "infer_graph", "key", "split_ntriples"]
