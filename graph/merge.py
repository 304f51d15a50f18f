"""Cross-article merging: the same attack reported by several articles becomes one canonical event.

Rule (docs/extraction.md, "Merging across articles"): two attack reports from different articles are
the same event when
- their types agree (equal, or one of them is the generic ``ckg:Attack``);
- both name a place and the places overlap (equal, or one contains the other by ``ckg:locatedIn``);
- both are dated and the dates agree: within one day when both are day-precise, else the day falls
  in the coarser period (week, month, year) of the other;
- their agents do not conflict (none given, a shared agent, or agents of the same state).

Reports are clustered deterministically (events in IRI order; a report joins the first cluster whose
every member it matches and which holds no report from its own article). A curator's decision that
events are one (``cur:SameEvent``, stored with the curation overlay, see graph/curation.py) makes a
cluster of its own, whatever the rule says. Each cluster of two or more
reports gets a canonical node ``https://w3id.org/conflictkg/id/merged/event/<hash of the member IRIs>``
typed with the members' most specific common type, with ``ckg:mergedFrom`` each report,
``ckg:mergeReason`` literals saying why, and the evidence and articles of every report. The
per-article event nodes are left as they are, so details on which the sources disagree (casualty
counts, agents) stay side by side. The merged graph is rebuilt from the store as a whole each time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from .store import ARTICLE_PREFIX, GRAPH, Store

CKG = Namespace("https://w3id.org/conflictkg/ontology#")
MERGED_GRAPH = GRAPH + "merged"
MERGED_NS = "https://w3id.org/conflictkg/id/merged/event/"
_DAY, _WEEK, _MONTH, _YEAR = (f"http://www.w3.org/2006/time#unit{u}" for u in ("Day", "Week", "Month", "Year"))

_REPORTS = f"""
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?g ?event ?type ?place ?date ?precision ?agent ?article ?evidence WHERE {{
  GRAPH ?g {{ ?event a ?type ; ckg:reportedIn ?article . }}
  FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}"))
  ?type rdfs:subClassOf* ckg:Attack .
  GRAPH ?g {{
    OPTIONAL {{ ?event ckg:hasPlace ?place }}
    OPTIONAL {{ ?event ckg:date ?date . OPTIONAL {{ ?event ckg:datePrecision ?precision }} }}
    OPTIONAL {{ ?event ckg:hasAgent ?agent }}
    OPTIONAL {{ ?event ckg:evidence ?evidence }}
  }}
}}
"""

_CONTAINMENT = """
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
SELECT DISTINCT ?place ?container WHERE { ?place ckg:locatedIn ?container }
"""

_STATES = """
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
SELECT DISTINCT ?actor ?state WHERE {
  { ?actor a ckg:State . BIND(?actor AS ?state) } UNION { ?actor ckg:affiliatedWith ?state . ?state a ckg:State }
}
"""

_CURATED = """
PREFIX cur: <https://w3id.org/conflictkg/curation#>
SELECT DISTINCT ?decision ?event WHERE { ?decision a cur:SameEvent ; cur:event ?event }
"""

_GENERIC = "https://w3id.org/conflictkg/ontology#Attack"


@dataclass
class Report:
    """One article's attack event, as the merge rule sees it."""

    iri: str
    graph: str
    types: set[str] = field(default_factory=set)
    place: str | None = None
    date: dt.date | None = None
    precision: str | None = None
    agents: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)

    @property
    def type(self) -> str:
        """The most specific asserted type (the generic Attack only when it is the only one)."""
        specific = sorted(t for t in self.types if t != _GENERIC)
        return specific[0] if specific else _GENERIC


class _World:
    """Containment and state affiliation, read from the store once."""

    def __init__(self, store: Store):
        self.parents: dict[str, set[str]] = defaultdict(set)
        for row in store.select(_CONTAINMENT)[1]:
            self.parents[str(row["place"])].add(str(row["container"]))
        self.states: dict[str, set[str]] = defaultdict(set)
        for row in store.select(_STATES)[1]:
            self.states[str(row["actor"])].add(str(row["state"]))

    def ancestors(self, place: str) -> set[str]:
        seen: set[str] = set()
        todo = list(self.parents.get(place, ()))
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(self.parents.get(x, ()))
        return seen

    def side(self, actor: str) -> set[str]:
        return self.states.get(actor) or {actor}


def read_reports(store: Store) -> list[Report]:
    reports: dict[str, Report] = {}
    for row in store.select(_REPORTS)[1]:
        iri = str(row["event"])
        rep = reports.setdefault(iri, Report(iri, str(row["g"])))
        rep.types.add(str(row["type"]))
        rep.articles.add(str(row["article"]))
        if "place" in row:
            rep.place = str(row["place"])
        if "date" in row:
            rep.date = _as_date(row["date"])
            rep.precision = str(row["precision"]) if "precision" in row else _DAY
        if "agent" in row:
            rep.agents.add(str(row["agent"]))
        if "evidence" in row:
            rep.evidence.add(str(row["evidence"]))
    return [reports[k] for k in sorted(reports)]


def _as_date(node: Node) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(node)[:10])
    except ValueError:
        return None


def _period(d: dt.date, precision: str | None) -> tuple[dt.date, dt.date]:
    if precision == _WEEK:
        return d, d + dt.timedelta(days=6)
    if precision == _MONTH:
        nxt = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return d.replace(day=1), nxt - dt.timedelta(days=1)
    if precision == _YEAR:
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    return d, d


def reasons(a: Report, b: Report, world: _World) -> list[str] | None:
    """Why ``a`` and ``b`` are one event, or None when the rule says they are not."""
    if a.graph == b.graph:
        return None
    if a.type != b.type and _GENERIC not in (a.type, b.type):
        return None
    kind = "same type" if a.type == b.type else "one report has the generic type ckg:Attack"
    if a.place is None or b.place is None:
        return None
    if a.place == b.place:
        where = f"same place <{a.place}>"
    elif a.place in world.ancestors(b.place) or b.place in world.ancestors(a.place):
        where = f"places overlap: <{a.place}> and <{b.place}> (one contains the other)"
    else:
        return None
    if a.date is None or b.date is None:
        return None
    if a.precision == b.precision == _DAY:
        if abs((a.date - b.date).days) > 1:
            return None
        when = f"dates within one day: {a.date.isoformat()} and {b.date.isoformat()}"
    else:
        (a0, a1), (b0, b1) = _period(a.date, a.precision), _period(b.date, b.precision)
        if a1 < b0 or b1 < a0:
            return None
        when = f"dates overlap: {a.date.isoformat()} and {b.date.isoformat()} at their precisions"
    if a.agents and b.agents and not a.agents & b.agents:
        sides_a = set().union(*(world.side(x) for x in a.agents))
        sides_b = set().union(*(world.side(x) for x in b.agents))
        if not sides_a & sides_b:
            return None
        who = "agents of the same state"
    elif a.agents & b.agents:
        who = "a shared agent"
    else:
        who = "no conflicting agent"
    return [kind, where, when, who]


def curated(store: Store, reports: list[Report]) -> list[tuple[list[Report], list[str]]]:
    """Clusters that curators decided on (cur:SameEvent), among the reports in the store."""
    by_iri = {r.iri: r for r in reports}
    decisions: dict[str, list[Report]] = defaultdict(list)
    for row in store.select(_CURATED)[1]:
        if str(row["event"]) in by_iri:
            decisions[str(row["decision"])].append(by_iri[str(row["event"])])
    out: list[tuple[list[Report], list[str]]] = []
    taken: set[str] = set()
    for members in sorted((sorted(m, key=lambda r: r.iri) for m in decisions.values()), key=lambda m: m[0].iri):
        members = [m for m in members if m.iri not in taken]
        if len(members) > 1:
            taken.update(m.iri for m in members)
            out.append((members, ["a curator decided that these reports are one event (cur:SameEvent)"]))
    return out


def clusters(
    reports: list[Report], world: _World, fixed: list[tuple[list[Report], list[str]]] | None = None
) -> list[tuple[list[Report], list[str]]]:
    """Complete-link clusters of reports, in a deterministic order, with the reasons of their links."""
    found: list[tuple[list[Report], list[str]]] = [(list(m), list(w)) for m, w in fixed or []]
    done = {r.iri for members, _ in found for r in members}
    for rep in reports:
        if rep.iri in done:
            continue
        for members, why in found:
            links = [reasons(rep, m, world) for m in members]
            if all(link is not None for link in links):
                for m, link in zip(members, links, strict=True):
                    assert link is not None
                    why.append(f"{_short(rep.iri)} ~ {_short(m.iri)}: " + "; ".join(link))
                members.append(rep)
                break
        else:
            found.append(([rep], []))
    return [(members, why) for members, why in found if len(members) > 1]


def _short(iri: str) -> str:
    return iri.rsplit("/", 3)[-3] + "/" + iri.rsplit("/", 1)[-1] if iri.count("/") >= 3 else iri


def merged_iri(members: list[Report]) -> URIRef:
    digest = hashlib.sha256("\n".join(sorted(m.iri for m in members)).encode()).hexdigest()[:16]
    return URIRef(MERGED_NS + digest)


def merged_graph(store: Store) -> Graph:
    """The canonical merged events of everything in the store (not written)."""
    world = _World(store)
    reports = read_reports(store)
    g = Graph()
    g.bind("ckg", CKG)
    for members, why in clusters(reports, world, curated(store, reports)):
        node = merged_iri(members)
        types = {m.type for m in members} - {_GENERIC} or {_GENERIC}
        (common,) = sorted(types)[:1]
        g.add((node, RDF.type, URIRef(common)))
        for m in members:
            g.add((node, CKG.mergedFrom, URIRef(m.iri)))
            for art in sorted(m.articles):
                g.add((node, CKG.reportedIn, URIRef(art)))
            for ev in sorted(m.evidence):
                g.add((node, CKG.evidence, URIRef(ev)))
        for reason in why:
            g.add((node, CKG.mergeReason, Literal(reason)))
    return g


def merge_events(store: Store) -> int:
    """Rebuild the merged graph (https://w3id.org/conflictkg/graph/merged) from the store; returns the number
    of canonical merged events. Deterministic: the same store always gives the same graph."""
    g = merged_graph(store)
    store.replace_graphs({MERGED_GRAPH: g})
    return len(set(g.subjects(RDF.type, None)))
