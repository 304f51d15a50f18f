"""Synthetic conflict-event graphs of a chosen size, for speed measurements only (never quality).

Each event has a type from the ontology, a place from a four-level containment chain taken from the
gazetteer, an agent, a speaker or weapon, a date and an evidence node, shaped like loader output.
"""

from __future__ import annotations

import random

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from conflictkg import ontology

CKG = Namespace("https://w3id.org/conflictkg/ontology#")
ENT = "https://w3id.org/conflictkg/id/"
EVENT_TYPES = [CKG.DroneStrike, CKG.MissileStrike, CKG.Shelling, CKG.Threat, CKG.CaptureOfTerritory, CKG.Accusation]


def gazetteer_ids() -> tuple[list[URIRef], list[URIRef]]:
    g = ontology.load(ontology.GAZETTEER_FILE)
    places = sorted({s for s in g.subjects(RDF.type, CKG.Settlement) if isinstance(s, URIRef)})
    actors = sorted(
        {s for s in g.subjects(RDF.type, CKG.State) if isinstance(s, URIRef)}
        | {s for s in g.subjects(RDF.type, CKG.Person) if isinstance(s, URIRef)}
    )
    return places, actors


def synthetic_graph(n_triples: int, seed: int = 1) -> Graph:
    """About ``n_triples`` asserted triples (each event contributes 12)."""
    rnd = random.Random(seed)
    places, actors = gazetteer_ids()
    g = Graph()
    n_events = max(1, n_triples // 12)
    for i in range(n_events):
        art = URIRef(f"{ENT}article/{i // 20:012x}")
        e = URIRef(f"{art}/event/e{i}")
        ev = URIRef(f"{art}/evidence/{i}")
        cls = EVENT_TYPES[i % len(EVENT_TYPES)]
        g.add((e, RDF.type, cls))
        g.add((e, CKG.reportedIn, art))
        g.add((e, CKG.evidence, ev))
        g.add((e, CKG.date, Literal(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date)))
        if cls in (CKG.Threat, CKG.Accusation):
            g.add((e, CKG.speaker, rnd.choice(actors)))
        else:
            g.add((e, CKG.hasAgent, rnd.choice(actors)))
        g.add((e, CKG.hasPlace, rnd.choice(places)))
        g.add((e, CKG.epistemicStatus, CKG.Reported))
        g.add((ev, RDF.type, CKG.Evidence))
        g.add((ev, CKG.inArticle, art))
        g.add(
            (
                ev,
                URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex"),
                Literal(i % 1000, datatype=XSD.integer),
            )
        )
        g.add((art, RDF.type, CKG.Article))
    return g
