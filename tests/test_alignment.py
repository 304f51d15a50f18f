"""The ontology plus the aligned vocabularies' axioms it relies on stays consistent under OWL RL,
with the gazetteer and real extracted data in it; and the check does catch a clash."""

from __future__ import annotations

import owlrl
from rdflib import RDF, Graph, Namespace, URIRef

from conflictkg import ontology
from conflictkg.loaders import RuleExtractor, read_articles, to_graph

from .conftest import DEMO_ARTICLE

ERR = Namespace("http://www.w3.org/2002/03owlt/testOntology#")
OWL_NOTHING = URIRef("http://www.w3.org/2002/07/owl#Nothing")


def problems(extra: Graph) -> list[str]:
    g = ontology.load(ontology.ONTOLOGY_FILE, ontology.GAZETTEER_FILE, ontology.MAPPINGS_FILE, "aligned-axioms.ttl")
    for t in extra:
        g.add(t)
    closure = owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False)
    closure.expand(g)
    errors = [
        str(o)
        for s in g.subjects(RDF.type, owlrl.Namespaces.ERRNS.ErrorMessage)
        for o in g.objects(s, owlrl.Namespaces.ERRNS.error)
    ]
    errors += [f"{s} is owl:Nothing" for s in g.subjects(RDF.type, OWL_NOTHING)]
    return errors


def test_ontology_gazetteer_and_seed_data_are_consistent() -> None:
    (article,) = read_articles(DEMO_ARTICLE)
    assert problems(to_graph(RuleExtractor().extract(article))) == []


def test_a_clash_is_reported() -> None:
    bad = Graph()
    ckg = Namespace("https://w3id.org/conflictkg/ontology#")
    node = URIRef("urn:x:both")
    bad.add((node, RDF.type, ckg.Evidence))  # a prov:Entity
    bad.add((node, RDF.type, ckg.DroneStrike))  # a prov:Activity, disjoint with prov:Entity
    assert problems(bad)
