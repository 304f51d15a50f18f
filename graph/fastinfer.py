"""A fast OWL RL subset: the constructs the ontology uses, compiled once into lookup tables.

owlrl stays the reference semantics (graph/infer.py). This engine produces the same instance-level
entailments for the constructs ConflictKG's ontology uses -- rdfs:subClassOf, rdfs:subPropertyOf,
rdfs:domain, rdfs:range, owl:inverseOf, owl:TransitiveProperty (and owl:SymmetricProperty,
owl:equivalentClass, owl:equivalentProperty, by rewriting them to the former) -- and refuses a
schema that uses anything else with a consequence on instances (restrictions, property chains,
owl:sameAs, keys, cardinalities), so that it can never silently differ from owlrl.
tests/test_inference.py proves the two give identical closures on the fixtures;
benchmarks/inference.py measures both.

It runs semi-naively: each round applies every rule to the triples that are new since the last
round only, until nothing new appears.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .infer import DROP_PREDICATES, DROP_TYPES

Triple = tuple[Node, Node, Node]

#: Schema vocabulary this engine understands; anything else with instance-level consequences is refused.
UNSUPPORTED = {
    OWL.someValuesFrom,
    OWL.allValuesFrom,
    OWL.hasValue,
    OWL.propertyChainAxiom,
    OWL.hasKey,
    OWL.sameAs,
    OWL.maxCardinality,
    OWL.maxQualifiedCardinality,
    OWL.cardinality,
    OWL.intersectionOf,
    OWL.unionOf,
    OWL.oneOf,
    OWL.complementOf,
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
}


class UnsupportedSchema(ValueError):
    """The schema uses OWL constructs the fast path does not implement: use owlrl."""


def _closure(edges: dict[Node, set[Node]]) -> dict[Node, set[Node]]:
    """Reflexive-transitive closure of a small relation (the schema hierarchy)."""
    out: dict[Node, set[Node]] = {}
    for start in list(edges):
        seen = {start}
        todo = [start]
        while todo:
            x = todo.pop()
            for y in edges.get(x, ()):
                if y not in seen:
                    seen.add(y)
                    todo.append(y)
        out[start] = seen
    return out


class CompiledSchema:
    def __init__(self, schema: Graph):
        used = {p for p in schema.predicates()} | {o for o in schema.objects(None, RDF.type)}
        bad = sorted(str(x) for x in used & UNSUPPORTED)
        if bad:
            raise UnsupportedSchema(f"the fast reasoner does not implement {', '.join(bad)}; use owlrl")
        sub_class: dict[Node, set[Node]] = defaultdict(set)
        sub_prop: dict[Node, set[Node]] = defaultdict(set)
        for s, o in schema.subject_objects(RDFS.subClassOf):
            sub_class[s].add(o)
        for s, o in schema.subject_objects(OWL.equivalentClass):
            sub_class[s].add(o)
            sub_class[o].add(s)
        for s, o in schema.subject_objects(RDFS.subPropertyOf):
            sub_prop[s].add(o)
        for s, o in schema.subject_objects(OWL.equivalentProperty):
            sub_prop[s].add(o)
            sub_prop[o].add(s)
        self.supers = _closure(sub_class)
        self.super_props = _closure(sub_prop)
        self.inverse: dict[Node, set[Node]] = defaultdict(set)
        for s, o in schema.subject_objects(OWL.inverseOf):
            self.inverse[s].add(o)
            self.inverse[o].add(s)
        for p in schema.subjects(RDF.type, OWL.SymmetricProperty):
            self.inverse[p].add(p)
        self.transitive = set(schema.subjects(RDF.type, OWL.TransitiveProperty))
        self.domain: dict[Node, set[Node]] = defaultdict(set)
        self.range: dict[Node, set[Node]] = defaultdict(set)
        for p, c in schema.subject_objects(RDFS.domain):
            self.domain[p].add(c)
        for p, c in schema.subject_objects(RDFS.range):
            self.range[p].add(c)

    def types_of(self, cls: Node) -> set[Node]:
        return self.supers.get(cls, {cls})

    def props_of(self, p: Node) -> set[Node]:
        return self.super_props.get(p, {p})


def closure(
    data: Graph, schema: Graph, keep_subjects: Iterable[Node] | None = None, compiled: CompiledSchema | None = None
) -> Graph:
    """The same filtered entailments as :func:`conflictkg.graph.infer.closure`, computed fast."""
    out = Graph()
    for t in closure_triples(set(data), schema, keep_subjects, compiled):
        out.add(t)
    return out


def closure_triples(
    data: set[Triple],
    schema: Graph,
    keep_subjects: Iterable[Node] | None = None,
    compiled: CompiledSchema | None = None,
) -> set[Triple]:
    """:func:`closure` on plain triple sets (no rdflib graph is built: faster on large data)."""
    cs = compiled or CompiledSchema(schema)
    rdf_type = RDF.type
    schema_triples = set(schema)
    known: set[Triple] = data | schema_triples
    transitive_edges: dict[Node, dict[Node, set[Node]]] = {p: defaultdict(set) for p in cs.transitive}
    for s, p, o in known:
        if p in transitive_edges:
            transitive_edges[p][s].add(o)
    new: set[Triple] = set(data)
    derived: set[Triple] = set()
    types_of, props_of = cs.types_of, cs.props_of
    domain, range_, inverse = cs.domain, cs.range, cs.inverse
    fresh: set[Triple] = set()

    def emit(t: Triple) -> None:
        if t not in known:
            known.add(t)
            fresh.add(t)
            edges = transitive_edges.get(t[1])
            if edges is not None:
                edges[t[0]].add(t[2])

    while new:
        fresh.clear()
        for s, p, o in new:
            if p == rdf_type:
                for c in types_of(o):
                    emit((s, rdf_type, c))
                continue
            literal = isinstance(o, Literal)
            for q in props_of(p):
                emit((s, q, o))
                for c in domain.get(q, ()):
                    for d in types_of(c):
                        emit((s, rdf_type, d))
                if literal:
                    continue
                for c in range_.get(q, ()):
                    for d in types_of(c):
                        emit((o, rdf_type, d))
                for inv in inverse.get(q, ()):
                    emit((o, inv, s))
                edges = transitive_edges.get(q)
                if edges is not None:
                    for z in list(edges.get(o, ())):  # s q o, o q z -> s q z
                        emit((s, q, z))
                    for x, targets in list(edges.items()):  # x q s, s q o -> x q o
                        if s in targets:
                            emit((x, q, o))
        derived |= fresh
        new = set(fresh)
    keep = set(keep_subjects) if keep_subjects is not None else {t[0] for t in data if isinstance(t[0], URIRef)}
    return {
        (s, p, o)
        for s, p, o in derived
        if s in keep
        and not isinstance(o, BNode)
        and p not in DROP_PREDICATES
        and not (p == rdf_type and o in DROP_TYPES)
    }
