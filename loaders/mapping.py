"""Map an :class:`~conflictkg.loaders.facts.Extraction` to RDF in the article's named graph.

IRIs derive from content only: the article IRI from its content hash, every other node from the
article IRI plus the text spans (and, for events, the class and participants) it was read from.
The same article therefore always gives the same triples.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlparse

from rdflib import RDF, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef

from conflictkg.ontology import CKG, ENT

from .facts import CasualtyFact, EventFact, Evidence, Extraction, RoleFact

SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
TIME = Namespace("http://www.w3.org/2006/time#")
GRAPH_BASE = "https://w3id.org/conflictkg/graph/"
PRECISION = {"day": TIME.unitDay, "week": TIME.unitWeek, "month": TIME.unitMonth, "year": TIME.unitYear}
SPEECH_CLASSES = {
    CKG[c] for c in ("Threat", "Accusation", "ResponsibilityClaim", "Denial", "TerritorialClaim", "Pledge")
}


def article_key(extraction: Extraction) -> str:
    return extraction.article.content_hash[:16]


def article_iri(extraction: Extraction) -> URIRef:
    return ENT[f"article/{article_key(extraction)}"]


def graph_iri(extraction: Extraction) -> URIRef:
    return URIRef(f"{GRAPH_BASE}article/{article_key(extraction)}")


def _kebab(iri: str) -> str:
    local = iri.rsplit("#", 1)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", "-", local).lower()


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:12]


class _Mapper:
    def __init__(self, x: Extraction):
        self.x = x
        self.g = Graph()
        for prefix, ns in (("ckg", CKG), ("ent", ENT), ("nif", NIF), ("schema", SCHEMA), ("time", TIME)):
            self.g.bind(prefix, ns)
        self.art = article_iri(x)
        self.event_iris: dict[int, URIRef] = {}

    def node(self, kind: str, key: str) -> URIRef:
        return URIRef(f"{self.art}/{kind}/{key}")

    def evidence(self, subject: URIRef, evs: list[Evidence]) -> None:
        g = self.g
        for e in sorted(set(evs), key=lambda e: (e.start, e.end)):
            n = self.node("evidence", f"{e.start}-{e.end}")
            g.add((subject, CKG.evidence, n))
            g.add((n, RDF.type, CKG.Evidence))
            g.add((n, CKG.inArticle, self.art))
            g.add((n, CKG.inSentence, self.node("sentence", str(e.sentence))))
            g.add((n, NIF.beginIndex, Literal(e.start, datatype=XSD.integer)))
            g.add((n, NIF.endIndex, Literal(e.end, datatype=XSD.integer)))
            g.add((n, NIF.anchorOf, Literal(e.quote)))
        g.add((subject, CKG.reportedIn, self.art))

    def article(self) -> None:
        g, a, x = self.g, self.art, self.x
        art = x.article
        g.add((a, RDF.type, CKG.Article))
        g.add((a, CKG.articleId, Literal(art.id)))
        g.add((a, CKG.contentHash, Literal(art.content_hash)))
        g.add((a, CKG.extractor, Literal(x.extractor)))
        g.add((a, SCHEMA.inLanguage, Literal(x.language)))
        if art.date_published:
            g.add((a, SCHEMA.datePublished, Literal(art.date_published.isoformat(), datatype=XSD.date)))
        if art.url:
            ok = urlparse(art.url).scheme in ("http", "https") and not re.search(r"[\s<>\"{}|\\^`]", art.url)
            g.add((a, SCHEMA.url, URIRef(art.url) if ok else Literal(art.url)))
        if art.headline:
            g.add((a, SCHEMA.headline, Literal(art.headline)))
        if art.publisher:
            g.add((a, SCHEMA.publisher, Literal(art.publisher)))
        for s in x.sentences:
            n = self.node("sentence", str(s.index))
            g.add((n, RDF.type, CKG.Sentence))
            g.add((n, CKG.inArticle, a))
            g.add((n, CKG.sentenceIndex, Literal(s.index, datatype=XSD.integer)))
            g.add((n, NIF.beginIndex, Literal(s.start, datatype=XSD.integer)))
            g.add((n, NIF.endIndex, Literal(s.end, datatype=XSD.integer)))
            g.add((n, NIF.anchorOf, Literal(s.text)))
        for iri in x.mentions:
            g.add((a, CKG.mentions, URIRef(iri)))
        for iri, info in sorted(x.provisional.items()):
            # an entity the gazetteer lacks: typed, named as written, marked unlinked, with its evidence
            n = URIRef(iri)
            (kind,) = sorted(info.types)
            g.add((n, RDF.type, CKG[kind]))
            for lang, label in sorted(info.labels.items()):
                g.add((n, SKOS.prefLabel, Literal(label, lang=lang)))
                g.add((n, CKG.surfaceForm, Literal(label)))
            g.add((n, CKG.linked, Literal(False)))
            for container in info.located_in:
                g.add((n, CKG.locatedIn, URIRef(container)))
            evs = x.mentions.get(iri, [])
            if evs:
                self.evidence(n, evs[:1])

    def event_iri(self, e: EventFact) -> URIRef:
        if id(e) not in self.event_iris:
            spans = sorted((v.start, v.end) for v in e.evidence)
            key = _digest(e.cls, spans, e.place, e.claimed_place, e.targets, e.attributed_to)
            self.event_iris[id(e)] = self.node("event", f"{_kebab(e.cls)}-{key}")
        return self.event_iris[id(e)]

    def event(self, e: EventFact) -> None:
        g = self.g
        n = self.event_iri(e)
        cls = URIRef(e.cls)
        g.add((n, RDF.type, cls))
        self.evidence(n, e.evidence)
        if cls in SPEECH_CLASSES:
            if e.speaker:
                g.add((n, CKG.claimant if cls == CKG.TerritorialClaim else CKG.speaker, URIRef(e.speaker)))
        else:
            for a in e.agents:
                g.add((n, CKG.hasAgent, URIRef(a)))
        if e.place:
            g.add((n, CKG.hasPlace, URIRef(e.place)))
        for t in e.targets:
            g.add((n, CKG.hasTarget, URIRef(t)))
        for w in e.weapons:
            g.add((n, CKG.weapon, URIRef(w)))
        if e.weapon_count is not None:
            g.add((n, CKG.weaponCount, Literal(e.weapon_count, datatype=XSD.integer)))
        if e.date is not None:
            d = e.date
            if d.date is not None and d.precision:
                g.add((n, CKG.date, Literal(d.date.isoformat(), datatype=XSD.date)))
                g.add((n, CKG.datePrecision, PRECISION[d.precision]))
            else:
                g.add((n, CKG.dateStatus, CKG.DateUnresolved))
            g.add((n, CKG.dateText, Literal(d.text)))
            if d.before is not None:
                g.add((n, CKG.before, Literal(d.before.isoformat(), datatype=XSD.date)))
        g.add((n, CKG.epistemicStatus, CKG[e.status]))
        if e.agent_status:
            g.add((n, CKG.agentStatus, CKG[e.agent_status]))
        if e.attributed_to:
            g.add((n, CKG.attributedTo, URIRef(e.attributed_to)))
        if e.about is not None:
            g.add((n, CKG.aboutEvent, self.event_iri(e.about)))
        if e.channel:
            g.add((n, CKG.channel, URIRef(e.channel)))
        if e.content:
            g.add((n, CKG.content, Literal(e.content)))
        if e.claimed_place:
            g.add((n, CKG.claimedPlace, URIRef(e.claimed_place)))
        if e.count is not None:
            g.add((n, CKG["count"], Literal(e.count, datatype=XSD.integer)))
        if e.count_qualifier:
            g.add((n, CKG.countQualifier, URIRef(e.count_qualifier)))

    def casualty(self, c: CasualtyFact) -> None:
        g = self.g
        first = min(c.evidence, key=lambda v: (v.start, v.end))
        n = self.node("casualty", f"{_kebab(c.casualty_type)}-{first.start}-{first.end}")
        g.add((n, RDF.type, CKG.CasualtyReport))
        self.evidence(n, c.evidence)
        g.add((n, CKG.reportsOn, self.event_iri(c.event)))
        g.add((n, CKG.casualtyType, URIRef(c.casualty_type)))
        g.add((n, CKG["count"], Literal(c.count, datatype=XSD.integer)))
        if c.qualifier:
            g.add((n, CKG.countQualifier, URIRef(c.qualifier)))
        g.add((n, CKG.sourceKind, CKG[c.source_kind]))
        if c.reporter:
            g.add((n, CKG.reportedBy, URIRef(c.reporter)))

    def role(self, r: RoleFact) -> None:
        g = self.g
        n = self.node("role", _digest(r.person, r.role, r.organisation))
        g.add((n, RDF.type, CKG.RoleHolding))
        self.evidence(n, [r.evidence])
        g.add((n, CKG.holder, URIRef(r.person)))
        g.add((n, CKG.role, URIRef(r.role)))
        if r.organisation:
            g.add((n, CKG.roleIn, URIRef(r.organisation)))
        if self.x.article.date_published:
            g.add((n, CKG.asOf, Literal(self.x.article.date_published.isoformat(), datatype=XSD.date)))


def to_graph(extraction: Extraction) -> Graph:
    """The triples of one article (without a graph name)."""
    m = _Mapper(extraction)
    m.article()
    for e in extraction.events:
        m.event(e)
    for c in extraction.casualties:
        m.casualty(c)
    for r in extraction.roles:
        m.role(r)
    return m.g


def to_dataset(extraction: Extraction) -> Dataset:
    """The article's triples in its named graph."""
    ds = Dataset()
    g = ds.graph(graph_iri(extraction))
    for t in to_graph(extraction):
        g.add(t)
    return ds
