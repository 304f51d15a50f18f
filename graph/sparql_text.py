"""Just enough SPARQL tokenising to tell a query from an update and to find SERVICE clauses
(outside strings, comments and IRIs)."""

from __future__ import annotations

import re

# ------------------------------------------------------------------ a small SPARQL tokenizer

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w:%.-]|\\.)*)
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
UPDATE_WORDS = frozenset("INSERT DELETE LOAD CLEAR CREATE DROP COPY MOVE ADD WITH".split())
QUERY_WORDS = frozenset("SELECT CONSTRUCT DESCRIBE ASK".split())


def keywords(sparql: str) -> list[str]:
    """The bare words of a query, upper-cased, outside strings, comments, IRIs and prefixed names.

    ``<`` opens an IRI only when an IRI reference follows (else it is the less-than operator),
    as in the SPARQL grammar. Oxigraph reads ``\\u`` escapes only inside strings, as this does.
    """
    return [m.group().upper() for m in _TOKEN.finditer(sparql) if m.lastgroup == "word"]


def operation(sparql: str) -> str:
    """``query``, ``update`` or ``unknown``, from the first keyword after the prologue."""
    for word in keywords(sparql):
        if word in ("PREFIX", "BASE"):
            continue
        if word in QUERY_WORDS:
            return "query"
        if word in UPDATE_WORDS:
            return "update"
        return "unknown"
    return "unknown"


def uses_service(sparql: str) -> bool:
    return "SERVICE" in keywords(sparql)
