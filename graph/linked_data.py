"""Linked-data pages: the description of one IRI as HTML, Turtle or JSON-LD."""

from __future__ import annotations

import html
import urllib.parse

import pyoxigraph as ox

from .results import PREFIXES, Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREFLABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
OWL_ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# ------------------------------------------------------------------ linked data


def describe(oxstore: ox.Store, iri: str) -> list[ox.Triple]:
    """Triples with ``iri`` as subject, plus the labels of their objects (DESCRIBE-like).

    For an ontology IRI (``a owl:Ontology``) the terms of its hash namespace (``<iri>#...``) in
    the ontology's graph are described too, so that ``/ontology`` documents the vocabulary.
    """
    subject = ox.NamedNode(iri)
    seen: set[ox.Triple] = set()
    out: list[ox.Triple] = []

    def add(triple: ox.Triple) -> None:
        if triple not in seen:
            seen.add(triple)
            out.append(triple)

    subjects = [subject]
    ontology_graphs = [
        q.graph_name for q in oxstore.quads_for_pattern(subject, ox.NamedNode(RDF_TYPE), ox.NamedNode(OWL_ONTOLOGY))
    ]
    for graph in ontology_graphs:
        # str() of pyoxigraph terms is their escaped N-Triples form, safe to put in a query
        namespace = ox.Literal(iri + "#")
        rows = oxstore.query(
            f"SELECT DISTINCT ?s WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?s), {namespace})) }}"
        )
        assert isinstance(rows, ox.QuerySolutions)
        subjects += [row["s"] for row in rows if isinstance(row["s"], ox.NamedNode)]
    labels = (ox.NamedNode(SKOS_PREFLABEL), ox.NamedNode(RDFS_LABEL))
    for s in subjects:
        for q in oxstore.quads_for_pattern(s, None, None):
            add(ox.Triple(q.subject, q.predicate, q.object))
            if isinstance(q.object, ox.NamedNode | ox.BlankNode):
                for p in labels:
                    for lq in oxstore.quads_for_pattern(q.object, p, None):
                        add(ox.Triple(lq.subject, lq.predicate, lq.object))
    return out


def _label(triples: list[ox.Triple], node: Term, lang: str = "en") -> str | None:
    best: dict[str, str] = {}
    for t in triples:
        if t.subject == node and t.predicate.value in (SKOS_PREFLABEL, RDFS_LABEL) and isinstance(t.object, ox.Literal):
            best.setdefault(t.object.language or "", t.object.value)
    return best.get(lang) or best.get("en") or best.get("") or (next(iter(best.values())) if best else None)


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def local_path(iri: str, base_iri: str) -> str | None:
    """The server path that describes ``iri`` (``None`` when the IRI is not under the base)."""
    if not iri.startswith(base_iri) or len(iri) == len(base_iri):
        return None
    rest = iri[len(base_iri) :]
    path, _, fragment = rest.partition("#")
    return "/" + urllib.parse.quote(path, safe="/:@!$&'()*+,;=-._~%") + ("#" + fragment if fragment else "")


def render_html(iri: str, triples: list[ox.Triple], base_iri: str) -> bytes:
    """An HTML page describing ``iri`` (no script; links to the other formats and to local IRIs)."""

    def link(node: Term) -> str:
        if isinstance(node, ox.NamedNode):
            shown = _label(triples, node) or _compact(node.value)
            href = local_path(node.value, base_iri) or node.value
            if not href.startswith(("/", "http://", "https://")):  # no javascript: or data: links
                return f'<span title="{html.escape(node.value)}">{html.escape(shown)}</span>'
            return f'<a href="{html.escape(href)}" title="{html.escape(node.value)}">{html.escape(shown)}</a>'
        if isinstance(node, ox.Literal):
            extra = f' <span class="lang">@{html.escape(node.language)}</span>' if node.language else ""
            if not node.language and node.datatype.value != XSD_STRING:
                extra = f' <span class="dt">{html.escape(_compact(node.datatype.value))}</span>'
            return f"{html.escape(node.value)}{extra}"
        return html.escape(str(node))

    subjects: list[ox.NamedNode] = []
    for t in triples:
        if (
            isinstance(t.subject, ox.NamedNode)
            and t.subject not in subjects
            and (t.subject.value == iri or t.subject.value.startswith(iri + "#"))
        ):
            subjects.append(t.subject)
    title = _label(triples, ox.NamedNode(iri)) or _compact(iri)
    sections = []
    for s in subjects:
        rows = []
        for t in sorted(
            (t for t in triples if t.subject == s), key=lambda t: (_compact(t.predicate.value), str(t.object))
        ):
            rows.append(f"<tr><th>{link(t.predicate)}</th><td>{link(t.object)}</td></tr>")
        anchor = s.value.partition("#")[2]
        heading = f'<h2 id="{html.escape(anchor)}">{link(s)}</h2>' if s.value != iri else ""
        sections.append(f'{heading}<table class="describe">{"".join(rows)}</table>')
    path = local_path(iri, base_iri) or "/"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} · ConflictKG</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="alternate" type="text/turtle" href="{html.escape(path)}?format=ttl">
<link rel="alternate" type="application/ld+json" href="{html.escape(path)}?format=jsonld">
</head><body><header><a href="/">ConflictKG</a> · linked data</header><main>
<h1>{html.escape(title)}</h1><p class="iri"><code>{html.escape(iri)}</code> ·
<a href="{html.escape(path)}?format=ttl">Turtle</a> · <a href="{html.escape(path)}?format=jsonld">JSON-LD</a></p>
{"".join(sections)}</main></body></html>
"""
    return page.encode("utf-8")
