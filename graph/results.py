"""SPARQL results and RDF as bytes, in the format chosen by content negotiation."""

from __future__ import annotations

import json
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .export import PREFIXES as EXPORT_PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PREFIXES = {
    **EXPORT_PREFIXES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}

# ------------------------------------------------------------------ content negotiation

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
}
HTML_TYPE = "text/html"
_ALIASES = {
    "json": "json",
    "srj": "json",
    "application/json": "json",
    "xml": "xml",
    "srx": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "ttl": "turtle",
    "turtle": "turtle",
    "nt": "ntriples",
    "ntriples": "ntriples",
    "n-triples": "ntriples",
    "text/plain": "ntriples",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "html": "html",
}
_GRAPH_FOR_JSON = {"json": "jsonld", "xml": "turtle"}


def accepted(accept: str | None) -> list[str]:
    """Media types of an Accept header, best first (q=0 dropped; ties keep their order)."""
    if not accept:
        return []
    weighted = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            weighted.append((-q, position, media.lower()))
    return [media for _, _, media in sorted(weighted)]


def choose(options: dict[str, str], fmt: str | None, accept: str | None, default: str) -> str | None:
    """The key of ``options`` asked for by ``format`` (a name or media type), else by Accept.

    ``None`` when ``format`` names something these options do not offer (a 406).
    """
    if fmt:
        name = _ALIASES.get(fmt.lower(), fmt.lower())
        if name not in options:
            name = _GRAPH_FOR_JSON.get(name, name)
        if name in options:
            return name
        for key, media in options.items():
            if media == fmt.lower():
                return key
        return None
    for media in accepted(accept):
        for key, offered in options.items():
            if media == offered:
                return key
        if media in _ALIASES and _ALIASES[media] in options:
            return _ALIASES[media]
        if media in ("*/*", "application/*", "text/*") and (media == "*/*" or options[default].startswith(media[:-1])):
            return default
    return default


# ------------------------------------------------------------------ serialising results

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def term_json(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _term_xml(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _term_csv(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    value = str(getattr(term, "value", term))
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


Rows = list[tuple[Term | None, ...]]


def serialise_solutions(fmt: str, variables: list[str], rows: Rows) -> bytes:
    """SELECT results in a SPARQL 1.1 results format (W3C JSON, XML, CSV, TSV)."""
    if fmt == "json":
        bindings = [{v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
        parts.append("</head>\n<results>")
        for row in rows:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            )
            parts.append(f"<result>{cells}</result>")
        parts.append("</results>\n</sparql>\n")
        return "\n".join(parts).encode("utf-8")
    if fmt == "csv":
        lines = [",".join(variables)] + [",".join(_term_csv(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    lines = ["\t".join("?" + v for v in variables)] + [
        "\t".join("" if t is None else str(t) for t in row) for row in rows
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialise_boolean(fmt: str, value: bool) -> bytes:
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{text}</boolean></sparql>\n"
        ).encode()
    return (text + "\n").encode()


def serialise_triples(fmt: str, triples: Iterable[ox.Triple]) -> bytes:
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    prefixes = PREFIXES if fmt == "turtle" else None
    out = ox.serialize(list(triples), format=rdf_format[fmt], prefixes=prefixes)
    return out or b""
