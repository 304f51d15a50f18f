"""The SHACL shapes compiled to SPARQL SELECT queries, for Oxigraph to run.

pyshacl stays the reference (graph/validate.py). It re-parses every SPARQL-based constraint once
per focus node with rdflib's pure-Python parser, which is most of its 0.6 s per article; the same
checks written as SPARQL and run by Oxigraph take a few milliseconds. Like the fast reasoner, this
compiler implements only the SHACL Core constructs that ``shapes/article.ttl`` uses and refuses a
shapes graph that uses anything else (:class:`UnsupportedShape`), so it can never silently check
less than pyshacl. tests/test_scale_validation.py proves both give the same results on every
fixture in tests/shapes and on the dev articles.

Each :class:`Check` is one constraint: a SELECT of ``?this`` (the focus node) and, where there is
one, ``?value``. Focus nodes are found as SHACL defines them (``rdf:type/rdfs:subClassOf*`` for
``sh:targetClass``), over whatever the query's default graph is.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
_INSTANCE = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
_IGNORED = {SH.name, SH.description, SH.order, SH.group, RDFS.label, RDFS.comment}
_NODE_KEYS = {
    RDF.type,
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.targetNode,
    SH.property,
    SH.sparql,
    SH.severity,
    SH["or"],
    SH.message,
    SH.declare,
} | _IGNORED
_PROPERTY_KEYS = {
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH.datatype,
    SH.pattern,
    SH.flags,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH.lessThan,
    SH["class"],
    SH["in"],
    SH["or"],
    SH.severity,
    SH.message,
} | _IGNORED
_COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}


class UnsupportedShape(ValueError):
    """The shapes use a SHACL construct this compiler does not implement: validate with pyshacl."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint and what a result of it reports."""

    sparql: str
    shape: str  # sh:sourceShape as pyshacl gives it: the property shape, or the node shape
    component: str  # e.g. "MinCountConstraintComponent"
    path: str  # the sh:path node as text ("" for node-level constraints)
    severity: str  # "Violation", "Warning" or "Info"
    messages: tuple[tuple[str, str], ...]  # (language, text)
    value_is_focus: bool = False  # node-level constraints report the focus node as sh:value


def _n3(term: Node) -> str:
    if isinstance(term, BNode):
        raise UnsupportedShape(f"a blank node where a constant is expected: {term!r}")
    return term.n3()


def sparql_path(g: Graph, path: Node) -> str:
    """A SHACL property path as a SPARQL property path."""
    if isinstance(path, URIRef):
        return f"<{path}>"
    if (path, RDF.first, None) in g:
        return "(" + "/".join(sparql_path(g, p) for p in Collection(g, path)) + ")"
    for kind, template in (
        (SH.inversePath, "^({})"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = g.value(path, kind)
        if inner is not None:
            return template.format(sparql_path(g, inner))
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(g, p) for p in Collection(g, alternatives)) + ")"
    raise UnsupportedShape(f"not a SHACL path: {path!r}")


def _keys(g: Graph, node: Node, allowed: set[URIRef], what: str) -> None:
    extra = sorted(str(p) for p in set(g.predicates(node, None)) - allowed)
    if extra:
        raise UnsupportedShape(f"{what} {node} uses {', '.join(extra)}, which the SPARQL compiler does not implement")


def _int(n: Node) -> int:
    if not isinstance(n, Literal) or not isinstance(n.toPython(), int):
        raise UnsupportedShape(f"expected an integer, got {n!r}")
    return int(n.toPython())


def _severity(g: Graph, shape: Node) -> str:
    sev = g.value(shape, SH.severity)
    return "Violation" if sev is None else str(sev).rsplit("#", 1)[-1]


def _messages(g: Graph, node: Node) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((m.language or "", str(m)) for m in g.objects(node, SH.message) if isinstance(m, Literal)))


def _targets(g: Graph, shape: Node) -> str:
    """A sub-select of the shape's focus nodes, or "" for a shape without targets."""
    parts = [f"{{ ?this {_INSTANCE} {_n3(c)} }}" for c in g.objects(shape, SH.targetClass)]
    parts += [f"{{ ?this {_n3(p)} [] }}" for p in g.objects(shape, SH.targetSubjectsOf)]
    parts += [f"{{ [] {_n3(p)} ?this }}" for p in g.objects(shape, SH.targetObjectsOf)]
    parts += [f"{{ VALUES ?this {{ {_n3(n)} }} }}" for n in g.objects(shape, SH.targetNode)]
    if not parts:
        return ""
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _condition(g: Graph, shape: Node, var: str) -> str:
    """A SPARQL boolean expression: ``var`` conforms to the small shape (a member of an sh:or list)."""
    _keys(g, shape, {SH["class"], SH.path, SH.minCount, SH.datatype, RDF.type} | _IGNORED, "sh:or member")
    parts = []
    for cls in g.objects(shape, SH["class"]):
        parts.append(f"EXISTS {{ {var} {_INSTANCE} {_n3(cls)} }}")
    path = g.value(shape, SH.path)
    if path is not None:
        n = g.value(shape, SH.minCount)
        if not (isinstance(n, Literal) and n.toPython() == 1) or set(g.objects(shape, SH["class"])):
            raise UnsupportedShape(f"sh:or member {shape}: only sh:path with sh:minCount 1 is implemented")
        parts.append(f"EXISTS {{ {var} {sparql_path(g, path)} [] }}")
    for dt in g.objects(shape, SH.datatype):
        parts.append(f"(isLiteral({var}) && DATATYPE({var}) = {_n3(dt)})")
    if not parts:
        raise UnsupportedShape(f"sh:or member {shape} states no constraint the compiler implements")
    return "(" + " && ".join(parts) + ")"


def _or(g: Graph, shape: Node, var: str) -> list[str]:
    return [
        "(" + " || ".join(_condition(g, member, var) for member in Collection(g, lst)) + ")"
        for lst in g.objects(shape, SH["or"])
    ]


def _value_filters(g: Graph, prop: Node) -> list[tuple[str, str]]:
    """(component, SPARQL filter that holds when ?value violates it) for each value-level constraint."""
    out: list[tuple[str, str]] = []
    for dt in g.objects(prop, SH.datatype):
        out.append(("DatatypeConstraintComponent", f"!(isLiteral(?value) && DATATYPE(?value) = {_n3(dt)})"))
    for pattern in g.objects(prop, SH.pattern):
        flags = g.value(prop, SH.flags)
        extra = f", {Literal(str(flags)).n3()}" if flags is not None else ""
        test = f"REGEX(STR(?value), {Literal(str(pattern)).n3()}{extra})"
        out.append(("PatternConstraintComponent", f"isBlank(?value) || !{test}"))
    for key, op in _COMPARISONS.items():
        for bound in g.objects(prop, key):
            name = str(key).rsplit("#", 1)[-1]
            component = name[0].upper() + name[1:] + "ConstraintComponent"
            out.append((component, f"!COALESCE(?value {op} {_n3(bound)}, false)"))
    for key, op in ((SH.minLength, "<"), (SH.maxLength, ">")):
        for n in g.objects(prop, key):
            name = str(key).rsplit("#", 1)[-1]
            component = name[0].upper() + name[1:] + "ConstraintComponent"
            out.append((component, f"isBlank(?value) || STRLEN(STR(?value)) {op} {_int(n)}"))
    for cls in g.objects(prop, SH["class"]):
        out.append(("ClassConstraintComponent", f"NOT EXISTS {{ ?value {_INSTANCE} {_n3(cls)} }}"))
    for lst in g.objects(prop, SH["in"]):
        same = " || ".join(f"sameTerm(?value, {_n3(t)})" for t in Collection(g, lst)) or "false"
        out.append(("InConstraintComponent", f"!({same})"))
    for cond in _or(g, prop, "?value"):
        out.append(("OrConstraintComponent", f"!{cond}"))
    return out


def _property_checks(g: Graph, node_shape: Node, prop: Node, targets: str) -> list[Check]:
    _keys(g, prop, _PROPERTY_KEYS, "property shape")
    path_node = g.value(prop, SH.path)
    if path_node is None:
        raise UnsupportedShape(f"property shape {prop} of {node_shape} has no sh:path")
    path = sparql_path(g, path_node)
    common = {
        "shape": str(prop),
        "path": str(path_node),
        "severity": _severity(g, prop),
        "messages": _messages(g, prop),
    }
    checks = []
    for key, op, component in ((SH.minCount, "<", "MinCount"), (SH.maxCount, ">", "MaxCount")):
        for n in g.objects(prop, key):
            sparql = (
                f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ ?this {path} ?value }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) {op} {_int(n)})"
            )
            checks.append(Check(sparql, component=component + "ConstraintComponent", **common))  # type: ignore[arg-type]
    for component, violated in _value_filters(g, prop):
        sparql = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} ?this {path} ?value . FILTER({violated}) }}"
        checks.append(Check(sparql, component=component, **common))  # type: ignore[arg-type]
    for other in g.objects(prop, SH.lessThan):
        sparql = (
            f"SELECT DISTINCT ?this ?value WHERE {{ {targets} ?this {path} ?value . ?this {_n3(other)} ?other . "
            "FILTER(!COALESCE(?value < ?other, false)) }"
        )
        checks.append(Check(sparql, component="LessThanConstraintComponent", **common))  # type: ignore[arg-type]
    return checks


def _prefixes(g: Graph, constraint: Node) -> str:
    lines = []
    for holder in g.objects(constraint, SH.prefixes):
        for decl in g.objects(holder, SH.declare):
            lines.append(f"PREFIX {g.value(decl, SH.prefix)}: <{g.value(decl, SH.namespace)}>")
    return "\n".join(sorted(set(lines)))


def _sparql_checks(g: Graph, shape: Node, targets: str) -> list[Check]:
    checks = []
    for constraint in g.objects(shape, SH.sparql):
        _keys(g, constraint, {RDF.type, SH.message, SH.prefixes, SH.select} | _IGNORED, "SPARQL constraint")
        select = str(g.value(constraint, SH.select)).replace("$this", "?this")
        projected = select.split("WHERE", 1)[0]
        if "?this" not in projected or "$" in select or "?path" in projected:
            raise UnsupportedShape(f"SPARQL constraint {constraint}: only SELECT ?this [?value] is implemented")
        has_value = "?value" in projected
        sparql = (
            f"{_prefixes(g, constraint)}\nSELECT DISTINCT ?this {'?value ' if has_value else ''}"
            f"WHERE {{ {targets} {{ {select} }} }}"
        )
        messages = _messages(g, constraint) or _messages(g, shape)
        checks.append(
            Check(sparql, str(shape), "SPARQLConstraintComponent", "", _severity(g, shape), messages, not has_value)
        )
    return checks


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of every targeted node shape, as SPARQL; refuses what is not implemented."""
    checks: list[Check] = []
    for cls in (RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class")):
        if (None, RDF.type, cls) in shapes:
            raise UnsupportedShape("implicit class targets (a shape that is also a class) are not implemented")
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape)}
    for key in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
        node_shapes |= set(shapes.subjects(key, None))
    for shape in sorted(node_shapes, key=str):
        targets = _targets(shapes, shape)
        if not targets:
            continue  # only used inside sh:or, where _condition compiles it
        _keys(shapes, shape, _NODE_KEYS, "node shape")
        for prop in shapes.objects(shape, SH.property):
            checks.extend(_property_checks(shapes, shape, prop, targets))
        checks.extend(_sparql_checks(shapes, shape, targets))
        for cond in _or(shapes, shape, "?this"):
            sparql = f"SELECT DISTINCT ?this WHERE {{ {targets} FILTER(!{cond}) }}"
            checks.append(
                Check(
                    sparql,
                    str(shape),
                    "OrConstraintComponent",
                    "",
                    _severity(shapes, shape),
                    _messages(shapes, shape),
                    True,
                )
            )
    return checks


def message(check: Check, lang: str) -> str:
    """The check's message in ``lang``, else English or untagged, else any (as graph/validate.py does)."""
    for want in (lang, "en", ""):
        for tag, text in check.messages:
            if tag == want:
                return text
    return check.messages[0][1] if check.messages else ""
