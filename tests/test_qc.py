"""OBO-style quality control: every queries/qc/*-violation.rq returns no rows on the reference data,
and each one does fire on data made to break it (so an empty result means something)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflictkg import ontology
from conflictkg.graph.queries import StoredQuery, stored_queries
from conflictkg.graph.terms import ntriples

QC = stored_queries("qc")

BROKEN = """
@prefix ckg: <https://w3id.org/conflictkg/ontology#> .
@prefix ent: <https://w3id.org/conflictkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ckg:Orphan a owl:Class ; rdfs:label "orphan"@en .
ckg:Strike2 a owl:Class , skos:Concept ; skos:inScheme ckg:EventTypes ; rdfs:subClassOf ckg:Attack .
ent:nowhere a ckg:Settlement ; skos:prefLabel "Nowhere"@en , "Nowhere City"@en ; ckg:locatedIn ent:not-defined .
"""
EXPECTED_HITS = {
    "term-label-violation": "Orphan",
    "orphan-class-violation": "Orphan",
    "unmapped-event-type-violation": "Strike2",
    "place-containment-violation": "nowhere",
    "duplicate-preflabel-violation": "nowhere",
    "broken-reference-violation": "nowhere",
}


def store_with(extra: str = "") -> ox.Store:
    g = ontology.load()
    if extra:
        g.parse(data=extra, format="turtle")
    store = ox.Store()
    store.load(ntriples(g).encode(), format=ox.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def reference() -> ox.Store:
    return store_with()


@pytest.fixture(scope="module")
def broken() -> ox.Store:
    return store_with(BROKEN)


def rows(store: ox.Store, q: StoredQuery) -> list[str]:
    return [" ".join(str(t) for t in sol if t is not None) for sol in store.query(q.text)]


def test_the_qc_queries_are_there() -> None:
    assert {q.name for q in QC} == set(EXPECTED_HITS)
    assert all(q.name.endswith("-violation") for q in QC)


@pytest.mark.parametrize("q", QC, ids=lambda q: q.name)
def test_reference_data_has_no_violations(reference: ox.Store, q: StoredQuery) -> None:
    assert rows(reference, q) == []


@pytest.mark.parametrize("q", QC, ids=lambda q: q.name)
def test_each_qc_query_fires_on_broken_data(broken: ox.Store, q: StoredQuery) -> None:
    found = rows(broken, q)
    assert any(EXPECTED_HITS[q.name] in r for r in found), found
