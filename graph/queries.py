"""Stored SPARQL queries: one .rq file each in the ``conflictkg.queries`` package.

Each file opens with grlc-style ``#+ key: value`` header lines::

    #+ summary: Attacks with their place, date, agent and weapon
    #+ tags: events, attacks
    #+ param: place | string | Tatarstan | a place label in any language, or a place IRI
    #+ order: date

A ``param`` line gives name | type | example | description. Types: ``string``, ``iri``,
``language``, ``integer``. Parameters are bound as variables (Oxigraph substitutions, SEP-0007),
never pasted into the query text. Every query also receives ``?lang``, the label language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from .store import Store

QUERY_PACKAGE = "conflictkg.queries"
PARAM_TYPES = ("string", "iri", "language", "integer")


class QueryError(ValueError):
    """Unknown query, bad parameter or a query that the engine rejects."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: str
    description: str


@dataclass(frozen=True)
class StoredQuery:
    name: str
    summary: str
    text: str
    tags: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    ordered: bool = False
    path: str = ""


@dataclass
class QueryResult:
    query: StoredQuery
    variables: list[str]
    rows: list[dict[str, Node]] = field(default_factory=list)


def parse_header(name: str, text: str, path: str = "") -> StoredQuery:
    summary, params, ordered = "", [], False
    tags: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].strip().partition(":")
        key, value = key.strip(), value.strip()
        if key == "summary":
            summary = value
        elif key == "tags":
            tags = tuple(t.strip() for t in value.split(",") if t.strip())
        elif key == "param":
            bits = [b.strip() for b in value.split("|")]
            if len(bits) != 4 or bits[1] not in PARAM_TYPES:
                raise QueryError(
                    f"{path or name}:{number}: param line needs 'name | type | example | description' "
                    f"with type one of {', '.join(PARAM_TYPES)}"
                )
            params.append(Param(*bits))
        elif key == "order":
            ordered = True
    if not summary:
        raise QueryError(f"{path or name}: missing '#+ summary:' header line")
    return StoredQuery(name, summary, text, tags, tuple(params), ordered, path)


def stored_queries(subdir: str = "") -> list[StoredQuery]:
    """All stored queries (``subdir='qc'`` for the quality-control queries)."""
    root = files(QUERY_PACKAGE)
    folder = root.joinpath(subdir) if subdir else root
    out = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out.append(
                parse_header(
                    name, entry.read_text(encoding="utf-8"), f"queries/{subdir + '/' if subdir else ''}{entry.name}"
                )
            )
    return out


def get_query(name: str) -> StoredQuery:
    for q in stored_queries():
        if q.name == name:
            return q
    known = ", ".join(q.name for q in stored_queries())
    raise QueryError(f"no stored query named '{name}' (known: {known})")


def bind(query: StoredQuery, params: dict[str, str], lang: str) -> dict[str, Node]:
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise QueryError(
            f"query '{query.name}' has no parameter {', '.join(unknown)} (it takes: {', '.join(declared) or 'none'})"
        )
    missing = sorted(set(declared) - set(params))
    if missing:
        p = declared[missing[0]]
        raise QueryError(f"query '{query.name}' needs --param {p.name}=... ({p.type}, e.g. {p.example})")
    out: dict[str, Node] = {"lang": Literal(lang)}
    for name, value in params.items():
        kind = declared[name].type
        if kind == "iri":
            if not value.startswith(("http://", "https://", "urn:")):
                raise QueryError(f"parameter {name}: expected an IRI, got {value!r}")
            out[name] = URIRef(value)
        elif kind == "integer":
            try:
                out[name] = Literal(int(value), datatype=XSD.integer)
            except ValueError:
                raise QueryError(f"parameter {name}: expected an integer, got {value!r}") from None
        else:
            out[name] = Literal(value)
    return out


def run_query(store: Store, name: str, params: dict[str, str] | None = None, lang: str = "en") -> QueryResult:
    query = get_query(name)
    bindings = bind(query, params or {}, lang)
    try:
        variables, rows = store.select(query.text, bindings)
    except SyntaxError as exc:
        raise QueryError(f"{query.path}: {exc}") from None
    return QueryResult(query, variables, rows)


# ------------------------------------------------------------------ output


def term_json(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        d: dict[str, str] = {"type": "literal", "value": str(term)}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype and str(term.datatype) != str(XSD.string):
            d["datatype"] = str(term.datatype)
        return d
    return {"type": "bnode", "value": str(term)}


def as_sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    doc: dict[str, Any] = {
        "head": {"vars": result.variables},
        "results": {"bindings": [{k: term_json(v) for k, v in row.items()} for row in result.rows]},
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)


def cell(term: Node | None) -> str:
    if term is None:
        return ""
    return str(term)


def as_csv(result: QueryResult) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow([cell(row.get(v)) for v in result.variables])
    return buf.getvalue()


def as_table(result: QueryResult, width: int = 60) -> str:
    """A readable fixed-width table; long cells are cut with an ellipsis."""

    def short(s: str) -> str:
        s = " ".join(s.split())
        return s if len(s) <= width else s[: width - 1] + "…"

    header = result.variables
    body = [[short(cell(row.get(v))) for v in header] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    line = "  ".join(h.ljust(widths[i]) for i, h in enumerate(header))
    rule = "  ".join("-" * w for w in widths)
    rows = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in body]
    count = f"({len(body)} row{'s' if len(body) != 1 else ''})"
    return "\n".join([line.rstrip(), rule, *rows, count])
