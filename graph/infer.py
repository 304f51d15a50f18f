"""OWL RL inference with owlrl, kept to the entailments the stored queries need.

Where it runs: once for the reference data (ontology + gazetteer) when the store is created or the
packaged reference files change, and once per article when it is loaded, over the ontology's
schema plus that article only. Each closure goes to its own named graph
(``graph/inferred/reference`` and ``graph/inferred/article/<key>``), so replacing an article
replaces its entailments too, and asserted and inferred triples never mix.

owlrl also derives a great deal nobody queries (``owl:sameAs`` of every node with itself, typing
as ``owl:Thing``, facts about literals, schema-level axioms). Those are dropped; what is kept are
instance-level triples about the data's own nodes: types from sub-classes, domains and ranges,
sub-property and inverse values, and transitive containment.
"""

from __future__ import annotations

from collections.abc import Iterable

import owlrl
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

DROP_PREDICATES = {
    OWL.sameAs,
    OWL.differentFrom,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    OWL.inverseOf,
}
DROP_TYPES = {
    OWL.Thing,
    RDFS.Resource,
    OWL.NamedIndividual,
    RDFS.Class,
    OWL.Class,
    RDF.Property,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDFS.Datatype,
    RDFS.Literal,
    OWL.TransitiveProperty,
}


def closure(data: Graph, schema: Graph, keep_subjects: Iterable[Node] | None = None) -> Graph:
    """The instance-level entailments of ``data`` under ``schema`` that are not already stated."""
    work = Graph()
    for t in schema:
        work.add(t)
    for t in data:
        work.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    keep = set(keep_subjects) if keep_subjects is not None else {s for s in data.subjects() if isinstance(s, URIRef)}
    out = Graph()
    for s, p, o in work:
        if s not in keep or isinstance(s, (BNode, Literal)) or isinstance(o, BNode):
            continue
        if p in DROP_PREDICATES or (p == RDF.type and o in DROP_TYPES):
            continue
        if (s, p, o) in data or (s, p, o) in schema:
            continue
        out.add((s, p, o))
    return out
