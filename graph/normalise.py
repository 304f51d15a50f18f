"""Compare SPARQL results across engines (pyoxigraph, the Oxigraph server, Virtuoso).

Engines agree on the answers but not on how they write them down. Once normalised, the same
data gives the same bindings; the differences smoothed over here were measured (see
``shared/reference/triple-stores.md``):

- Virtuoso writes every datatyped literal as ``"type": "typed-literal"``;
- an explicit ``xsd:string`` datatype is the plain literal (RDF 1.1);
- numbers: ``3.0`` vs ``3``, decimal vs double after arithmetic, precision of AVG and division,
  so all numeric types compare as one family, rounded to 12 significant digits;
- booleans: Virtuoso writes ``1``/``0``;
- dateTimes: trailing zeros in fractions, ``+00:00`` vs ``Z``;
- blank node labels are arbitrary; language tags are case-insensitive;
- row order without ``ORDER BY`` is arbitrary, so results compare as multisets.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from .queries import QueryResult, term_json

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = frozenset(
    XSD + t
    for t in (
        "integer decimal float double int long short byte nonNegativeInteger positiveInteger "
        "negativeInteger nonPositiveInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
)
_DATETIME = re.compile(r"^(?P<main>-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d)(?P<frac>\.\d+)?(?P<tz>Z|[+-]\d\d:\d\d)?$")

Key = tuple[Any, ...]
Row = tuple[tuple[str, Key | None], ...]


def canonical_datetime(value: str) -> str:
    """``2024-12-21T08:00:00.500+00:00`` -> ``2024-12-21T08:00:00.5Z``; other text unchanged."""
    m = _DATETIME.match(value.strip())
    if m is None:
        return value
    frac = (m["frac"] or "").rstrip("0")
    frac = "" if frac == "." else frac
    tz = m["tz"] or ""
    if tz in ("+00:00", "-00:00"):
        tz = "Z"
    return m["main"] + frac + tz


def term_key(term: Mapping[str, str] | None) -> Key | None:
    """A comparable key for one SPARQL JSON term (``None`` for an unbound variable)."""
    if term is None:
        return None
    kind, value = term.get("type"), str(term.get("value", ""))
    if kind == "bnode":
        return ("bnode",)
    if kind == "uri":
        return ("uri", value)
    lang, datatype = term.get("xml:lang"), term.get("datatype")
    if lang:
        return ("lit", value, None, lang.lower())
    if datatype in (None, XSD + "string"):
        return ("lit", value, None, None)
    if datatype in NUMERIC:
        try:
            return ("num", float(f"{Decimal(value.strip()):.12g}"))
        except (InvalidOperation, ValueError):
            return ("lit", value, datatype, None)
    if datatype == XSD + "boolean":
        return ("lit", {"1": "true", "0": "false"}.get(value.strip(), value.strip()), datatype, None)
    if datatype == XSD + "dateTime":
        return ("lit", canonical_datetime(value), datatype, None)
    return ("lit", value, datatype, None)


def row_key(variables: Sequence[str], binding: Mapping[str, Mapping[str, str]]) -> Row:
    return tuple((v, term_key(binding.get(v))) for v in variables)


def bindings_of(doc: Mapping[str, Any]) -> tuple[list[str], list[Mapping[str, Mapping[str, str]]]]:
    """Variables and bindings of a SPARQL JSON results document."""
    return list(doc["head"]["vars"]), list(doc["results"]["bindings"])


def result_doc(result: QueryResult) -> dict[str, Any]:
    """A :class:`QueryResult` (local or remote) as a SPARQL JSON results document."""
    return {
        "head": {"vars": list(result.variables)},
        "results": {"bindings": [{k: term_json(v) for k, v in row.items()} for row in result.rows]},
    }


def multiset(doc: Mapping[str, Any], variables: Sequence[str] | None = None) -> Counter[Row]:
    own, bindings = bindings_of(doc)
    names = list(variables) if variables is not None else sorted(own)
    return Counter(row_key(names, b) for b in bindings)


def differences(left: Mapping[str, Any], right: Mapping[str, Any], limit: int = 5) -> list[str]:
    """What differs between two results once normalised (empty when they match as multisets)."""
    lv, _ = bindings_of(left)
    rv, _ = bindings_of(right)
    if sorted(lv) != sorted(rv):
        return [f"variables differ: {lv} vs {rv}"]
    a, b = multiset(left, sorted(lv)), multiset(right, sorted(lv))
    out = []
    for row in sorted((a - b).elements(), key=json.dumps)[:limit]:
        out.append(f"only left: {row}")
    for row in sorted((b - a).elements(), key=json.dumps)[:limit]:
        out.append(f"only right: {row}")
    return out


def same_results(left: Mapping[str, Any], right: Mapping[str, Any]) -> bool:
    return not differences(left, right)
