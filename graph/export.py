"""Deterministic exports: the same store content gives byte-identical files.

N-Triples and N-Quads are written as sorted lines. Turtle, TriG and JSON-LD go through rdflib
with triples added in sorted order; the data has no blank nodes, so nothing is relabelled.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from rdflib import Dataset, Graph

from .store import ARTICLE_PREFIX, INFERRED_ARTICLE_PREFIX, INFERRED_REFERENCE, REFERENCE_GRAPHS, Store

FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")
PREFIXES = {
    "ckg": "https://w3id.org/conflictkg/ontology#",
    "ent": "https://w3id.org/conflictkg/id/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "time": "http://www.w3.org/2006/time#",
    "wd": "http://www.wikidata.org/entity/",
}


def select_graphs(store: Store, *, reference: bool = True, inferred: bool = False) -> list[str]:
    names = []
    for name in store.graph_names():
        if name.startswith(ARTICLE_PREFIX):
            names.append(name)
        elif reference and name in REFERENCE_GRAPHS.values():
            names.append(name)
        elif inferred and (name == INFERRED_REFERENCE or name.startswith(INFERRED_ARTICLE_PREFIX)):
            names.append(name)
    return names


def _canonical(value: Any) -> Any:
    """JSON-LD with every array sorted: rdflib's order follows hash order, which varies by process.

    The graphs hold no @list values, so array order carries no meaning and sorting is safe.
    """
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def export(store: Store, fmt: str, out: TextIO, *, reference: bool = True, inferred: bool = False) -> int:
    """Write the selected graphs in ``fmt``; returns the number of statements written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    names = select_graphs(store, reference=reference, inferred=inferred)
    lines = list(store.dump_nquads(names))
    if fmt == "nq":
        out.write("".join(line + "\n" for line in lines))
        return len(lines)
    if fmt == "nt":
        triples = sorted({line.rsplit(" ", 2)[0] + " ." for line in lines})
        out.write("".join(t + "\n" for t in triples))
        return len(triples)
    ds = Dataset()
    ds.parse(data="\n".join(lines), format="nquads")
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    if fmt == "trig":
        out.write(ds.serialize(format="trig"))
        return len(lines)
    if fmt == "jsonld":
        doc = json.loads(ds.serialize(format="json-ld"))
        out.write(json.dumps(_canonical(doc), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return len(lines)
    merged = Graph()
    for prefix, ns in PREFIXES.items():
        merged.bind(prefix, ns)
    for s, p, o, _g in sorted(ds.quads()):
        merged.add((s, p, o))
    out.write(merged.serialize(format="turtle"))
    return len(merged)
