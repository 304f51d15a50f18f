"""A fast OWL RL subset: the constructs the ontology uses, compiled once into per-predicate plans.

owlrl stays the reference semantics (graph/infer.py). This engine produces the same instance-level
entailments for the constructs ConflictKG's ontology uses -- rdfs:subClassOf, rdfs:subPropertyOf,
rdfs:domain, rdfs:range, owl:inverseOf, owl:TransitiveProperty (and owl:SymmetricProperty,
owl:equivalentClass, owl:equivalentProperty, by rewriting them to the former) -- and refuses a
schema (or data carrying schema axioms) that uses anything else with a consequence on instances
(restrictions, property chains, owl:sameAs, keys, cardinalities), so that it can never silently
differ from owlrl. tests/test_inference.py proves the two give identical closures on the fixtures;
benchmarks/inference.py measures both.

Why it is fast: with only these constructs, no rule has more than one instance triple in its body
except transitivity. So the schema compiles, per predicate, into the list of predicates (and
directions) its triples are copied to, and the classes its subjects and objects get. The data are
grouped by predicate into sets of (subject, object) pairs, each rule is then one C-level set
operation over a whole predicate instead of one Python step per triple, and only transitive
predicates need a fixpoint (their new pairs are copied on until nothing grows). Types come last:
no supported rule derives a property from a type.

The engine (graph/ruleplan.py) works on string keys, whose hashing and comparison are plain C string
operations: this module turns rdflib terms into keys (see :func:`key`) and back; graph/storeinfer.py
uses N-Triples lines, which already are keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .infer import DROP_PREDICATES, DROP_TYPES
from .ruleplan import Plan, derived, saturate

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
#: Predicates and classes that make a triple a schema axiom: when data carries one, it joins the schema.
SCHEMA_PREDICATES = {
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    OWL.inverseOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
} | UNSUPPORTED
SCHEMA_TYPES = {OWL.TransitiveProperty, OWL.SymmetricProperty} | UNSUPPORTED
#: Things whose every instance owlrl types implicitly: a class above them would type everything.
_UNIVERSAL = {OWL.Thing, RDFS.Resource}


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
        self.schema = schema
        sub_class: dict[Node, set[Node]] = {}
        sub_prop: dict[Node, set[Node]] = {}
        for s, o in schema.subject_objects(RDFS.subClassOf):
            sub_class.setdefault(s, set()).add(o)
        for s, o in schema.subject_objects(OWL.equivalentClass):
            sub_class.setdefault(s, set()).add(o)
            sub_class.setdefault(o, set()).add(s)
        for s, o in schema.subject_objects(RDFS.subPropertyOf):
            sub_prop.setdefault(s, set()).add(o)
        for s, o in schema.subject_objects(OWL.equivalentProperty):
            sub_prop.setdefault(s, set()).add(o)
            sub_prop.setdefault(o, set()).add(s)
        self.supers = _closure(sub_class)
        self.super_props = _closure(sub_prop)
        self.inverse: dict[Node, set[Node]] = {}
        for s, o in schema.subject_objects(OWL.inverseOf):
            self.inverse.setdefault(s, set()).add(o)
            self.inverse.setdefault(o, set()).add(s)
        for p in schema.subjects(RDF.type, OWL.SymmetricProperty):
            self.inverse.setdefault(p, set()).add(p)
        self.transitive = set(schema.subjects(RDF.type, OWL.TransitiveProperty))
        self.domain: dict[Node, set[Node]] = {}
        self.range: dict[Node, set[Node]] = {}
        for p, c in schema.subject_objects(RDFS.domain):
            self.domain.setdefault(p, set()).add(c)
        for p, c in schema.subject_objects(RDFS.range):
            self.range.setdefault(p, set()).add(c)
        self._refuse_meta_modelling()
        self.plan = self.encoded(key)
        self._triples = list(schema)  # iterating an rdflib graph costs ~2 µs a triple: once only
        self._rows: dict[Callable[[Node], str], list[tuple[str, str, str]]] = {}
        self.terms = {
            k: t
            for triple, keys in zip(self._triples, self.rows(key), strict=True)
            for k, t in zip(keys, triple, strict=True)
        }

    def rows(self, encode: Callable[[Node], str]) -> list[tuple[str, str, str]]:
        """The schema's own triples as keys (computed once per encoder: per-article inference reuses them)."""
        if encode not in self._rows:
            self._rows[encode] = [(encode(s), encode(p), encode(o)) for s, p, o in self._triples]
        return self._rows[encode]

    def _refuse_meta_modelling(self) -> None:
        """Axioms about rdf:type or the schema vocabulary itself would derive types or schema from data."""
        props = set(self.super_props) | set(self.inverse) | set(self.transitive) | set(self.domain) | set(self.range)
        for targets in [*self.super_props.values(), *self.inverse.values()]:
            props |= targets
        meta = props & (SCHEMA_PREDICATES | SCHEMA_TYPES | {RDF.type})
        meta |= {c for c in _UNIVERSAL if self.supers.get(c, {c}) != {c}}
        if meta:
            raise UnsupportedSchema(
                f"the fast reasoner does not reason about {', '.join(sorted(str(m) for m in meta))}; use owlrl"
            )

    def types_of(self, cls: Node) -> set[Node]:
        return self.supers.get(cls, {cls})

    def props_of(self, p: Node) -> set[Node]:
        return self.super_props.get(p, {p})

    def reach(self, p: Node) -> set[tuple[Node, bool]]:
        """Where a triple of ``p`` is copied to: (q, False) for s q o, (q, True) for o q s."""
        seen = {(p, False)}
        todo = [(p, False)]
        while todo:
            q, flipped = todo.pop()
            steps = [(r, flipped) for r in self.props_of(q)] + [(r, not flipped) for r in self.inverse.get(q, ())]
            for step in steps:
                if step not in seen:
                    seen.add(step)
                    todo.append(step)
        seen.discard((p, False))
        return seen

    def encoded(self, enc: Callable[[Node], str]) -> Plan:
        """The plan with every term passed through ``enc`` (for engines that use another term type)."""

        def classes(of: dict[Node, set[Node]], p: Node) -> frozenset[str]:
            return frozenset(enc(d) for c in of.get(p, ()) for d in self.types_of(c))

        props = set(self.super_props) | set(self.inverse)
        reach = {enc(p): tuple(sorted(((enc(q), f) for q, f in self.reach(p)), key=repr)) for p in props}
        return Plan(
            rdf_type=enc(RDF.type),
            reach={p: r for p, r in reach.items() if r},
            transitive=frozenset(enc(p) for p in self.transitive),
            supers={enc(c): frozenset(enc(d) for d in ds if d != c) for c, ds in self.supers.items() if len(ds) > 1},
            subject_types={enc(p): classes(self.domain, p) for p in self.domain},
            object_types={enc(p): classes(self.range, p) for p in self.range},
            drop_predicates=frozenset(enc(p) for p in DROP_PREDICATES),
            drop_types=frozenset(enc(c) for c in DROP_TYPES),
            schema_predicates=frozenset(enc(p) for p in SCHEMA_PREDICATES),
            schema_types=frozenset(enc(c) for c in SCHEMA_TYPES),
        )

    def with_axioms(self, axioms: Iterable[Triple]) -> CompiledSchema:
        """This schema plus schema axioms found in the data (owlrl reasons with those too)."""
        merged = Graph()
        for t in self.schema:
            merged.add(t)
        for t in axioms:
            merged.add(t)
        return CompiledSchema(merged)


def key(term: Node) -> str:
    """An rdflib term as the engine's string key: N-Triples for IRIs and blank nodes, and for literals a
    string that is equal exactly when rdflib's literals are (language tags compared in lower case).

    Plain strings hash and compare in C; rdflib terms compare through Python methods, which made the
    per-triple engine spend most of its time in ``__eq__``.
    """
    if isinstance(term, URIRef):
        return "".join(("<", term, ">"))
    if isinstance(term, BNode):
        return "".join(("_:", term))
    if not isinstance(term, Literal):
        raise TypeError(f"not an RDF term: {term!r}")
    if term.language:
        return f'"{term}"@{term.language.lower()}'
    return f'"{term}"^^<{term.datatype}>' if term.datatype is not None else f'"{term}"'


def _iri(k: str) -> Node:
    """The IRI of a key, for the schema vocabulary of axioms found in the data (their predicates)."""
    if k[0] != "<":
        raise UnsupportedSchema(f"unexpected term {k} in a schema axiom of the data")
    return URIRef(k[1:-1])


def closure(
    data: Graph, schema: Graph, keep_subjects: Iterable[Node] | None = None, compiled: CompiledSchema | None = None
) -> Graph:
    """The same filtered entailments as :func:`conflictkg.graph.infer.closure`, computed fast."""
    out = Graph()
    for t in closure_triples(data, schema, keep_subjects, compiled):
        out.add(t)
    return out


def closure_triples(
    data: Iterable[Triple],
    schema: Graph,
    keep_subjects: Iterable[Node] | None = None,
    compiled: CompiledSchema | None = None,
) -> set[Triple]:
    """:func:`closure` on plain triples (no rdflib graph is built: faster on large data)."""
    cs = compiled or CompiledSchema(schema)
    terms: dict[str, Node] = dict(cs.terms)  # results name classes and properties the data may not

    def rows() -> Iterator[tuple[str, str, str]]:
        """Keys of each triple; IRIs (most terms) inline, as a call per term cost a third of the time.

        Only subjects and objects are recorded: an inferred triple's predicate or class is always one
        the schema names (a sub-property, an inverse, a transitive property, a domain or range class).
        """
        uri = URIRef
        for s, p, o in data:
            ks = "".join(("<", s, ">")) if type(s) is uri else key(s)
            ko = "".join(("<", o, ">")) if type(o) is uri else key(o)
            terms[ks] = s
            terms[ko] = o
            yield ks, "".join(("<", p, ">")) if type(p) is uri else key(p), ko

    keep = {key(t) for t in keep_subjects} if keep_subjects is not None else None
    new_pairs, new_members = infer_rows([rows()], cs, keep, lambda k: terms[k] if k in terms else _iri(k))
    rdf_type = RDF.type
    out = {(terms[s], terms[p], terms[o]) for p, ps in new_pairs.items() for s, o in ps}
    out.update((terms[s], rdf_type, terms[c]) for c, ss in new_members.items() for s in ss)
    return out


def infer_rows(
    chunks: Iterable[Iterable[tuple[str, str, str]]],
    compiled: CompiledSchema,
    keep: set[str] | None,
    term: Callable[[str], Node],
    schema_key: Callable[[Node], str] = key,
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, set[str]]]:
    """:func:`derived` for data given as key triples (see :func:`key`) in chunks, grouped here in one pass.

    ``keep`` defaults to the data's IRI subjects. Schema axioms found in the data join the schema
    (``term`` turns their keys back into rdflib terms); the schema's own triples are added to the
    data, keyed with ``schema_key``, since owlrl reasons over both.
    """
    cs = compiled
    plan = cs.plan
    rdf_type = plan.rdf_type
    by_pred: dict[str, set[tuple[str, str]]] = {}
    types: dict[str, set[str]] = {}
    #: each distinct subject once: the rows' repeated copies of it are dropped (a quarter less memory)
    subjects: dict[str, str] = {}
    first = subjects.setdefault
    for chunk in chunks:
        for s, p, o in chunk:
            s = first(s, s)
            if p == rdf_type:
                if o in types:
                    types[o].add(s)
                else:
                    types[o] = {s}
            elif p in by_pred:
                by_pred[p].add((s, o))
            else:
                by_pred[p] = {(s, o)}
    if plan.carries_schema(by_pred, types):
        axioms = [(term(s), term(p), term(o)) for p in by_pred.keys() & plan.schema_predicates for s, o in by_pred[p]]
        axioms += [(term(s), RDF.type, term(c)) for c in types.keys() & plan.schema_types for s in types[c]]
        cs = cs.with_axioms(axioms)
        plan = cs.plan
    for s, p, o in cs.rows(schema_key):
        if p == rdf_type:
            types.setdefault(o, set()).add(s)
        else:
            by_pred.setdefault(p, set()).add((s, o))
    if keep is None:
        keep = {s for s in subjects if s[0] == "<"}
    return derived(plan, by_pred, types, keep)


__all__ = [
    "CompiledSchema",
    "Plan",
    "UnsupportedSchema",
    "closure",
    "closure_triples",
    "derived",
    "infer_rows",
    "key",
    "saturate",
]
