"""Compare SPARQL results across engines (pyoxigraph, the Oxigraph server, Virtuoso).

Engines agree on the answers but not on how they write them down. Once normalised, the same
data gives the same bindings; the differences smoothed over here were measured (see
``shared/reference/triple-stores.md``):

- Virtuoso writes every datatyped literal as ``"type": "typed-literal"``;
- an explicit ``xsd:string`` datatype is the plain literal (RDF 1.1);
- numbers: ``3.0`` vs ``3``, decimal vs double after arithmetic, precision of AVG and division,
  so all numeric types compare as one family, rounded to 12 significant digits;
- booleans: Virtuoso writes stored booleans as ``1``/``0`` and gives the value of a boolean
  expression (``BIND(NOT EXISTS {...} AS ?b)``) as ``xsd:integer`` 1/0, so booleans compare as the
  numbers 1 and 0;
- dateTimes: trailing zeros in fractions, ``+00:00`` vs ``Z``;
- ``geo:wktLiteral``: Virtuoso 7.2 stores it as its own ``virtrdf:Geometry`` with single-precision
  coordinates (``POINT(37.74 48.14)`` comes back as ``POINT(37.740001678467 48.139999389648)``),
  so WKT compares with coordinates rounded to 6 significant digits;
- blank node labels are arbitrary; language tags are case-insensitive;
- row order without ``ORDER BY`` is arbitrary, so results compare as multisets;
- the order inside a ``GROUP_CONCAT`` is unspecified (engines, and one engine on data loaded in
  another order, differ), so such values compare as sorted lists (:func:`concat_separators`).
"""

from __future__ import annotations

import json
import re
import struct
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
WKT_TYPES = frozenset(
    ("http://www.opengis.net/ont/geosparql#wktLiteral", "http://www.openlinksw.com/schemas/virtrdf#Geometry")
)
_WKT_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_DATETIME = re.compile(r"^(?P<main>-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d)(?P<frac>\.\d+)?(?P<tz>Z|[+-]\d\d:\d\d)?$")

_GROUP_CONCAT = re.compile(
    r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?;\s*SEPARATOR\s*=\s*(?P<q>[\"'])(?P<sep>.*?)(?P=q)\s*\)\s*AS\s*[?$](?P<var>\w+)",
    re.IGNORECASE | re.DOTALL,
)

Key = tuple[Any, ...]
Row = tuple[tuple[str, Key | None], ...]
Separators = Mapping[str, str]


def concat_separators(sparql: str) -> dict[str, str]:
    """Variables bound by ``GROUP_CONCAT(...; separator="s") AS ?v`` in a query: ``{v: s}``."""
    return {m["var"]: m["sep"] for m in _GROUP_CONCAT.finditer(sparql)}


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


def _float32(x: float) -> float:
    return float(struct.unpack("f", struct.pack("f", x))[0])


def canonical_wkt(value: str) -> str:
    """WKT with single spaces and coordinates as float32 at 6 significant digits.

    Virtuoso keeps coordinates as float32: rounding the decimal written in the data straight to 6 digits
    can land on the other side of a half ("158.6275" -> 158.627, while float32 158.62750244 -> 158.628), so
    both sides go through float32 first."""
    text = " ".join(value.split()).upper()
    return _WKT_NUMBER.sub(lambda m: f"{_float32(float(m.group())):.6g}", text)


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
        truth = {"true": 1.0, "1": 1.0, "false": 0.0, "0": 0.0}.get(value.strip())
        return ("num", truth) if truth is not None else ("lit", value, datatype, None)
    if datatype in WKT_TYPES:
        return ("wkt", canonical_wkt(value))
    if datatype == XSD + "dateTime":
        return ("lit", canonical_datetime(value), datatype, None)
    return ("lit", value, datatype, None)


def _unordered(term: Mapping[str, str] | None, separator: str | None) -> Mapping[str, str] | None:
    if term is None or not separator or term.get("type") not in ("literal", "typed-literal"):
        return term
    parts = str(term.get("value", "")).split(separator)
    return {**term, "value": separator.join(sorted(parts))}


def row_key(
    variables: Sequence[str], binding: Mapping[str, Mapping[str, str]], separators: Separators | None = None
) -> Row:
    seps = separators or {}
    return tuple((v, term_key(_unordered(binding.get(v), seps.get(v)))) for v in variables)


def bindings_of(doc: Mapping[str, Any]) -> tuple[list[str], list[Mapping[str, Mapping[str, str]]]]:
    """Variables and bindings of a SPARQL JSON results document."""
    return list(doc["head"]["vars"]), list(doc["results"]["bindings"])


def result_doc(result: QueryResult) -> dict[str, Any]:
    """A :class:`QueryResult` (local or remote) as a SPARQL JSON results document."""
    return {
        "head": {"vars": list(result.variables)},
        "results": {"bindings": [{k: term_json(v) for k, v in row.items()} for row in result.rows]},
    }


def multiset(
    doc: Mapping[str, Any], variables: Sequence[str] | None = None, separators: Separators | None = None
) -> Counter[Row]:
    own, bindings = bindings_of(doc)
    names = list(variables) if variables is not None else sorted(own)
    return Counter(row_key(names, b, separators) for b in bindings)


def differences(
    left: Mapping[str, Any], right: Mapping[str, Any], separators: Separators | None = None, limit: int = 5
) -> list[str]:
    """What differs between two results once normalised (empty when they match as multisets).

    ``separators`` names the GROUP_CONCAT variables (see :func:`concat_separators`).
    """
    lv, _ = bindings_of(left)
    rv, _ = bindings_of(right)
    if sorted(lv) != sorted(rv):
        return [f"variables differ: {lv} vs {rv}"]
    a, b = multiset(left, sorted(lv), separators), multiset(right, sorted(lv), separators)
    out = []
    for row in sorted((a - b).elements(), key=json.dumps)[:limit]:
        out.append(f"only left: {row}")
    for row in sorted((b - a).elements(), key=json.dumps)[:limit]:
        out.append(f"only right: {row}")
    return out


def same_results(left: Mapping[str, Any], right: Mapping[str, Any], separators: Separators | None = None) -> bool:
    return not differences(left, right, separators)
