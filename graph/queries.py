"""Stored SPARQL queries: one .rq file each in the ``conflictkg.queries`` package.

Each file opens with grlc-style ``#+ key: value`` header lines::

    #+ summary: Attacks with their place, date, agent and weapon
    #+ tags: events, attacks
    #+ param: place | string | Tatarstan | a place label in any language, or a place IRI
    #+ order: date
    #+ pagination: true

A ``param`` line gives name | type | example | description. Types: ``string``, ``iri``,
``language``, ``integer``. Parameters are bound as a VALUES block (:func:`.store.bind_values`),
never pasted into the query text. Every query also receives ``?lang``, the label language.

A query with ``pagination: true`` has one line ``#@page`` (a SPARQL comment, so the text runs
as it is) after the ORDER BY of the sub-select that picks its rows; :func:`paged_text` puts
``LIMIT``/``OFFSET`` there. SPARQL 1.1 cannot bind them as variables, so they are the only text
the runner writes into a query, and only as integers it has checked (:func:`page_number`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from .store import Store

QUERY_PACKAGE = "conflictkg.queries"
PARAM_TYPES = ("string", "iri", "language", "integer")
PAGE_MARKER = "#@page"


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
    paginated: bool = False


@dataclass
class QueryResult:
    query: StoredQuery
    variables: list[str]
    rows: list[dict[str, Node]] = field(default_factory=list)


def parse_header(name: str, text: str, path: str = "") -> StoredQuery:
    summary, params, ordered, paginated = "", [], False, False
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
        elif key == "pagination":
            if value not in ("true", "false"):
                raise QueryError(f"{path or name}:{number}: pagination is 'true' or 'false', not {value!r}")
            paginated = value == "true"
    if not summary:
        raise QueryError(f"{path or name}: missing '#+ summary:' header line")
    markers = sum(1 for line in text.splitlines() if line.strip() == PAGE_MARKER)
    if markers != (1 if paginated else 0) or (PAGE_MARKER in text) != paginated:
        raise QueryError(
            f"{path or name}: a query with '#+ pagination: true' has exactly one line '{PAGE_MARKER}', "
            "and no other query has one"
        )
    return StoredQuery(name, summary, text, tags, tuple(params), ordered, path, paginated)


def stored_queries(subdir: str = "") -> list[StoredQuery]:
    """All stored queries (``subdir='qc'`` for the quality-control queries)."""
    return list(_read_queries(subdir))


@cache
def _read_queries(subdir: str) -> tuple[StoredQuery, ...]:
    """Read and parse once per process: the files are package data (this saved 1.5 ms on every query)."""
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
    return tuple(out)


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


def page_number(value: object, what: str = "limit") -> int:
    """``value`` as a non-negative integer (an int, or text that int() reads), else :class:`QueryError`.

    This is what keeps LIMIT/OFFSET, the only text the runner writes into a query, to digits.
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise QueryError(f"{what} must be a non-negative integer, got {value!r}")
    try:
        number = int(value)
    except ValueError:
        raise QueryError(f"{what} must be a non-negative integer, got {value!r}") from None
    if number < 0:
        raise QueryError(f"{what} must be a non-negative integer, got {value!r}")
    return number


def paged_text(query: StoredQuery, limit: object = None, offset: object = None) -> str:
    """The query text with LIMIT/OFFSET at its page marker; unchanged when neither is given."""
    if limit is None and offset is None:
        return query.text
    if not query.paginated:
        raise QueryError(f"query '{query.name}' is not paginated: it takes no limit or offset")
    page = []
    if limit is not None:
        page.append(f"LIMIT {page_number(limit, 'limit')}")
    if offset is not None:
        page.append(f"OFFSET {page_number(offset, 'offset')}")
    lines = query.text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.strip() == PAGE_MARKER:
            indent = line[: len(line) - len(line.lstrip())]
            lines[i] = indent + " ".join(page) + "\n"
    return "".join(lines)


def run_query(
    store: Store,
    name: str,
    params: dict[str, str] | None = None,
    lang: str = "en",
    limit: int | None = None,
    offset: int | None = None,
) -> QueryResult:
    """Run a stored query; ``limit``/``offset`` page a paginated one (default: every row)."""
    query = get_query(name)
    bindings = bind(query, params or {}, lang)
    text = paged_text(query, limit, offset)
    try:
        variables, rows = store.select(text, bindings)
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
