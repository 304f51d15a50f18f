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
``sh:targetClass``), over whatever the query's default graph is. A check also keeps its structure
(targets, path tree, bounds) for the store-wide validator, which writes it another way: the model
and its rendering are in :mod:`.compiled_checks`, this module reads the shapes graph.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .compiled_checks import _PATH_KINDS, PLAIN, SH, VALUE_TESTS, Check, Dialect, Member, Path, message, render

__all__ = [
    "PLAIN",
    "SH",
    "VALUE_TESTS",
    "Check",
    "Dialect",
    "Member",
    "Path",
    "UnsupportedShape",
    "compile_path",
    "compile_shapes",
    "message",
    "render",
    "sparql_path",
]

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


def _n3(term: Node) -> str:
    if isinstance(term, BNode):
        raise UnsupportedShape(f"a blank node where a constant is expected: {term!r}")
    return term.n3()


def compile_path(g: Graph, path: Node) -> Path:
    """A SHACL property path as a :class:`Path` tree."""
    if isinstance(path, URIRef):
        return Path("iri", f"<{path}>")
    if (path, RDF.first, None) in g:
        return Path("sequence", parts=tuple(compile_path(g, p) for p in Collection(g, path)))
    for key, kind, _ in _PATH_KINDS:
        inner = g.value(path, key)
        if inner is not None:
            return Path(kind, parts=(compile_path(g, inner),))
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return Path("alternative", parts=tuple(compile_path(g, p) for p in Collection(g, alternatives)))
    raise UnsupportedShape(f"not a SHACL path: {path!r}")


def sparql_path(g: Graph, path: Node) -> str:
    """A SHACL property path as a SPARQL property path."""
    return compile_path(g, path).sparql


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


def _targets(g: Graph, shape: Node) -> tuple[tuple[str, str], ...]:
    keys = (("class", SH.targetClass), ("subjectsOf", SH.targetSubjectsOf), ("objectsOf", SH.targetObjectsOf))
    out = [(kind, _n3(t)) for kind, key in keys for t in g.objects(shape, key)]
    return tuple(out + [("node", _n3(n)) for n in g.objects(shape, SH.targetNode)])


def _member(g: Graph, shape: Node) -> Member:
    """A member of an sh:or list, refused unless it is a conjunction of sh:class, sh:datatype and one path."""
    _keys(g, shape, {SH["class"], SH.path, SH.minCount, SH.datatype, RDF.type} | _IGNORED, "sh:or member")
    classes = tuple(_n3(c) for c in g.objects(shape, SH["class"]))
    path = g.value(shape, SH.path)
    if path is not None:
        n = g.value(shape, SH.minCount)
        if not (isinstance(n, Literal) and n.toPython() == 1) or classes:
            raise UnsupportedShape(f"sh:or member {shape}: only sh:path with sh:minCount 1 is implemented")
    datatypes = tuple(_n3(d) for d in g.objects(shape, SH.datatype))
    member = Member(classes, compile_path(g, path) if path is not None else None, datatypes)
    if not (member.classes or member.path or member.datatypes):
        raise UnsupportedShape(f"sh:or member {shape} states no constraint the compiler implements")
    return member


def _ors(g: Graph, shape: Node) -> list[tuple[Member, ...]]:
    return [tuple(_member(g, m) for m in Collection(g, lst)) for lst in g.objects(shape, SH["or"])]


def _value_tests(g: Graph, prop: Node) -> list[tuple[str, str]]:
    """(component, SPARQL expression true when ?value violates it) for each dialect-independent value test."""
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
            out.append(
                (name[0].upper() + name[1:] + "ConstraintComponent", f"!COALESCE(?value {op} {_n3(bound)}, false)")
            )
    for key, op in ((SH.minLength, "<"), (SH.maxLength, ">")):
        for n in g.objects(prop, key):
            name = str(key).rsplit("#", 1)[-1]
            component = name[0].upper() + name[1:] + "ConstraintComponent"
            out.append((component, f"isBlank(?value) || STRLEN(STR(?value)) {op} {_int(n)}"))
    for lst in g.objects(prop, SH["in"]):
        same = " || ".join(f"sameTerm(?value, {_n3(t)})" for t in Collection(g, lst)) or "false"
        out.append(("InConstraintComponent", f"!({same})"))
    return out


def _property_checks(g: Graph, node_shape: Node, prop: Node, targets: tuple[tuple[str, str], ...]) -> list[Check]:
    _keys(g, prop, _PROPERTY_KEYS, "property shape")
    path_node = g.value(prop, SH.path)
    if path_node is None:
        raise UnsupportedShape(f"property shape {prop} of {node_shape} has no sh:path")
    common = {
        "sparql": "",
        "shape": str(prop),
        "path": str(path_node),
        "severity": _severity(g, prop),
        "messages": _messages(g, prop),
        "targets": targets,
        "prop": compile_path(g, path_node),
    }
    checks = []
    for key, component in ((SH.minCount, "MinCount"), (SH.maxCount, "MaxCount")):
        for n in g.objects(prop, key):
            checks.append(Check(component=component + "ConstraintComponent", count=_int(n), **common))  # type: ignore[arg-type]
    for component, test in _value_tests(g, prop):
        checks.append(Check(component=component, test=test, **common))  # type: ignore[arg-type]
    for cls in g.objects(prop, SH["class"]):
        checks.append(Check(component="ClassConstraintComponent", classes=(_n3(cls),), **common))  # type: ignore[arg-type]
    for members in _ors(g, prop):
        checks.append(Check(component="OrConstraintComponent", members=members, **common))  # type: ignore[arg-type]
    for other in g.objects(prop, SH.lessThan):
        checks.append(Check(component="LessThanConstraintComponent", other=_n3(other), **common))  # type: ignore[arg-type]
    return checks


def _prefixes(g: Graph, constraint: Node) -> str:
    lines = []
    for holder in g.objects(constraint, SH.prefixes):
        for decl in g.objects(holder, SH.declare):
            lines.append(f"PREFIX {g.value(decl, SH.prefix)}: <{g.value(decl, SH.namespace)}>")
    return "\n".join(sorted(set(lines)))


def _sparql_checks(g: Graph, shape: Node, targets: tuple[tuple[str, str], ...]) -> list[Check]:
    checks = []
    for constraint in g.objects(shape, SH.sparql):
        _keys(g, constraint, {RDF.type, SH.message, SH.prefixes, SH.select} | _IGNORED, "SPARQL constraint")
        select = str(g.value(constraint, SH.select)).replace("$this", "?this")
        projected = select.split("WHERE", 1)[0]
        if "?this" not in projected or "$" in select or "?path" in projected:
            raise UnsupportedShape(f"SPARQL constraint {constraint}: only SELECT ?this [?value] is implemented")
        messages = _messages(g, constraint) or _messages(g, shape)
        checks.append(
            Check(
                "",
                str(shape),
                "SPARQLConstraintComponent",
                "",
                _severity(g, shape),
                messages,
                "?value" not in projected,
                targets,
                select=select,
                prefixes=_prefixes(g, constraint),
            )
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
            continue  # only used inside sh:or, where _member compiles it
        _keys(shapes, shape, _NODE_KEYS, "node shape")
        for prop in shapes.objects(shape, SH.property):
            checks.extend(_property_checks(shapes, shape, prop, targets))
        checks.extend(_sparql_checks(shapes, shape, targets))
        for members in _ors(shapes, shape):
            severity, messages = _severity(shapes, shape), _messages(shapes, shape)
            checks.append(
                Check("", str(shape), "OrConstraintComponent", "", severity, messages, True, targets, members=members)
            )
    return [_with_sparql(c) for c in checks]


def _with_sparql(check: Check) -> Check:
    fields = {k: getattr(check, k) for k in check.__dataclass_fields__}
    fields["sparql"] = render(check, PLAIN)
    return Check(**fields)
