"""Curation overlay: curators' decisions, kept in Turtle, applied to each article graph after extraction.

Vocabulary (``curation/vocabulary.ttl``, namespace ``https://w3id.org/conflictkg/curation#``, prefix cur:):

- ``[] a cur:SameEntity ; cur:provisional <.../provisional/settlement/x> ; cur:entity ent:y .``
  the provisional (unlinked) entity is the gazetteer entity: every reference to it is rewritten to the
  entity, and its own provisional description (type, labels, ``ckg:linked false``) is dropped, as the
  gazetteer describes the entity; where it was mentioned (``ckg:evidence``, ``ckg:reportedIn``) stays.
- ``[] a cur:SameEvent ; cur:event <e1>, <e2> .`` the events are one. Within one article graph they
  become the event whose IRI sorts first: the others' evidence, articles, agents, targets and weapons
  move to it, their other details fill only what it lacks, and references to them point to it. Events in
  different article graphs are joined by :func:`conflictkg.graph.merge.merge_events`, which reads these
  decisions from the store.
- ``[] a cur:Rejected ; cur:node <iri> .`` the extracted node is wrong: its triples, the references to
  it, the casualty reports that count its casualties and evidence no longer used are dropped.

A decision may carry ``dcterms:creator``, ``dcterms:created`` and ``rdfs:comment``. Extraction is
deterministic (IRIs come from the article's content and the text spans), so the same decisions apply
again after re-extraction; :func:`stale_decisions` lists the ones that no longer match anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.term import Node

CUR = Namespace("https://w3id.org/conflictkg/curation#")
CKG = Namespace("https://w3id.org/conflictkg/ontology#")
CURATION_GRAPH = "https://w3id.org/conflictkg/graph/curation"

#: Details of an event that hold one value; a merged-in event only fills them where they are missing.
_SINGLE = {
    RDF.type,
    CKG.hasPlace,
    CKG.date,
    CKG.datePrecision,
    CKG.dateStatus,
    CKG.dateText,
    CKG.before,
    CKG.weaponCount,
    CKG.epistemicStatus,
    CKG.agentStatus,
    CKG.speaker,
    CKG.claimant,
    CKG.attributedTo,
    CKG.aboutEvent,
    CKG.channel,
    CKG.content,
    CKG.claimedPlace,
    CKG["count"],
    CKG.countQualifier,
}
#: What stays of a provisional entity once it is linked: where it was mentioned.
_MENTION = {CKG.evidence, CKG.reportedIn}


class CurationError(ValueError):
    """A curation file that cannot be read."""


def load_curation(*paths: str | Path) -> Graph:
    """Read curation files (Turtle, or any format rdflib guesses from the extension)."""
    g = Graph()
    g.bind("cur", CUR)
    for path in paths:
        try:
            g.parse(str(path))
        except Exception as exc:  # rdflib raises several unrelated types for bad syntax
            raise CurationError(f"{path}: not a readable curation file ({exc})") from None
    return g


def _iris(curation: Graph, decision: Node, prop: URIRef) -> list[URIRef]:
    return sorted(o for o in curation.objects(decision, prop) if isinstance(o, URIRef))


def curation_problems(curation: Graph) -> list[str]:
    """Malformed decisions (they are skipped by :func:`apply_curation`)."""
    problems = []
    for d in sorted(curation.subjects(RDF.type, CUR.SameEntity), key=str):
        if len(_iris(curation, d, CUR.provisional)) != 1 or len(_iris(curation, d, CUR.entity)) != 1:
            problems.append(f"{d}: a cur:SameEntity needs exactly one cur:provisional and one cur:entity")
    for d in sorted(curation.subjects(RDF.type, CUR.SameEvent), key=str):
        if len(_iris(curation, d, CUR.event)) < 2:
            problems.append(f"{d}: a cur:SameEvent needs two or more cur:event")
    for d in sorted(curation.subjects(RDF.type, CUR.Rejected), key=str):
        if not _iris(curation, d, CUR.node):
            problems.append(f"{d}: a cur:Rejected needs a cur:node")
    return problems


def decision_nodes(curation: Graph) -> dict[Node, list[URIRef]]:
    """Each well-formed decision and the IRIs it is about."""
    out: dict[Node, list[URIRef]] = {}
    for cls, prop in ((CUR.SameEntity, CUR.provisional), (CUR.SameEvent, CUR.event), (CUR.Rejected, CUR.node)):
        for d in curation.subjects(RDF.type, cls):
            iris = _iris(curation, d, prop)
            if iris:
                out[d] = iris
    return out


def stale_decisions(curation: Graph, graphs: Iterable[Graph]) -> list[Node]:
    """Decisions none of whose IRIs occurs in any of ``graphs`` (after an extractor change, say)."""
    present: set[Node] = set()
    for g in graphs:
        present.update(g.subjects())
        present.update(o for o in g.objects() if isinstance(o, URIRef))
    return sorted((d for d, iris in decision_nodes(curation).items() if not present & set(iris)), key=str)


def _rewrite(g: Graph, old: URIRef, new: URIRef) -> None:
    for s, p, o in list(g.triples((None, None, old))):
        g.remove((s, p, o))
        g.add((s, p, new))


def _same_entity(g: Graph, provisional: URIRef, entity: URIRef) -> None:
    for s, p, o in list(g.triples((provisional, None, None))):
        g.remove((s, p, o))
        if p in _MENTION:
            g.add((entity, p, o))
    _rewrite(g, provisional, entity)


def _same_event(g: Graph, events: list[URIRef]) -> None:
    present = [e for e in events if (e, None, None) in g]
    if len(present) < 2:
        return
    keep, *others = present  # sorted: the first IRI stands for the event
    for other in others:
        for _, p, o in list(g.triples((other, None, None))):
            g.remove((other, p, o))
            if p not in _SINGLE or g.value(keep, p) is None:
                g.add((keep, p, o))
        _rewrite(g, other, keep)
    g.remove((keep, CKG.aboutEvent, keep))


def _reject(g: Graph, node: URIRef) -> None:
    dependents = set(g.subjects(CKG.reportsOn, node))  # a casualty count of a rejected event goes with it
    for n in {node, *dependents}:
        g.remove((n, None, None))
        g.remove((None, None, n))
    used = set(g.objects(None, CKG.evidence))
    for ev in list(g.subjects(RDF.type, CKG.Evidence)):
        if ev not in used:
            g.remove((ev, None, None))


def apply_curation(graph: Graph, curation: Graph) -> Graph:
    """The article graph with the curators' decisions applied (a new graph; ``graph`` is not changed).

    Order: links to gazetteer entities, then merged events, then rejections. Decisions about nodes
    the graph does not hold are ignored, so one curation file serves every article."""
    g = Graph()
    for prefix, ns in graph.namespaces():
        g.bind(prefix, ns, override=True)
    for t in graph:
        g.add(t)
    nodes = decision_nodes(curation)
    ok = {d for d in nodes if not any(str(d) in p for p in curation_problems(curation))}
    for d in sorted(curation.subjects(RDF.type, CUR.SameEntity), key=str):
        if d in ok:
            (provisional,) = _iris(curation, d, CUR.provisional)
            (entity,) = _iris(curation, d, CUR.entity)
            _same_entity(g, provisional, entity)
    for d in sorted(curation.subjects(RDF.type, CUR.SameEvent), key=str):
        if d in ok:
            _same_event(g, _iris(curation, d, CUR.event))
    for d in sorted(curation.subjects(RDF.type, CUR.Rejected), key=str):
        if d in ok:
            for node in _iris(curation, d, CUR.node):
                _reject(g, node)
    return g
