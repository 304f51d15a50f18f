"""The curation overlay (graph/curation.py) on articles written for these tests, and the example file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from conflictkg import api
from conflictkg.graph import validate
from conflictkg.graph.curation import (
    CKG,
    CURATION_GRAPH,
    apply_curation,
    curation_problems,
    load_curation,
    stale_decisions,
)
from conflictkg.graph.merge import MERGED_GRAPH, merge_events
from conflictkg.loaders import Article, RuleExtractor, read_articles, to_graph

ROOT = Path(__file__).resolve().parents[1]
ENT = "https://w3id.org/conflictkg/id/"
PREFIXES = "@prefix cur: <https://w3id.org/conflictkg/curation#> . @prefix ent: <https://w3id.org/conflictkg/id/> .\n"


def article_graph(text: str, lang: str = "en") -> Graph:
    art = Article(id="t", text=text, language=lang, date_published=dt.date(2024, 5, 11))
    return to_graph(RuleExtractor().extract(art))


def curation(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def events(g: Graph, cls: str) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.type, CKG[cls]) if isinstance(s, URIRef))


def conforms(g: Graph) -> bool:
    return validate.validate_graph(g, "test").conforms


def test_same_entity_links_a_provisional_village_to_the_gazetteer() -> None:
    g = article_graph("Russian shelling hit the village of Zorianka in the Donetsk region on Monday.")
    provisional = URIRef(ENT + "provisional/settlement/zorianka")
    assert (None, CKG.hasPlace, provisional) in g
    cur = curation(f"[] a cur:SameEntity ; cur:provisional <{provisional}> ; cur:entity ent:udachne .")
    out = apply_curation(g, cur)
    assert (None, CKG.hasPlace, URIRef(ENT + "udachne")) in out and (provisional, None, None) not in out
    assert (None, None, provisional) not in out and (URIRef(ENT + "udachne"), CKG.linked, None) not in out
    assert (URIRef(ENT + "udachne"), CKG.evidence, None) in out  # where it was mentioned stays
    assert (None, CKG.hasPlace, provisional) in g  # a pure function: the input is unchanged
    assert conforms(out)


def test_same_event_joins_two_events_of_one_article_and_repoints_their_casualties() -> None:
    g = article_graph("A drone strike hit Sumy on Monday. A missile strike hit Sumy on Tuesday, killing two people.")
    drone, missile = events(g, "DroneStrike"), events(g, "MissileStrike")
    assert len(drone) == len(missile) == 1
    cur = curation(f"[] a cur:SameEvent ; cur:event <{drone[0]}> , <{missile[0]}> .")
    out = apply_curation(g, cur)
    keep, gone = sorted([drone[0], missile[0]])
    assert (gone, None, None) not in out and (None, None, gone) not in out
    assert len(set(out.objects(keep, CKG.evidence))) == 2 and len(set(out.objects(keep, RDF.type))) == 1
    assert (None, CKG.reportsOn, keep) in out
    assert conforms(out)


def test_rejected_event_goes_with_its_casualty_reports_and_unused_evidence() -> None:
    g = article_graph("A missile strike hit Odesa on Friday, killing three people. Shelling hit Kherson on Friday.")
    (strike,) = events(g, "MissileStrike")
    out = apply_curation(g, curation(f"[] a cur:Rejected ; cur:node <{strike}> ."))
    assert (strike, None, None) not in out and not events(out, "CasualtyReport")
    assert events(out, "Shelling") and len(out) < len(g)
    used = set(out.objects(None, CKG.evidence))
    assert all(ev in used for ev in out.subjects(RDF.type, CKG.Evidence))
    assert conforms(out)


def test_decisions_survive_re_extraction() -> None:
    text = "A missile strike hit Odesa on Friday. Shelling hit Kherson on Friday."
    (strike,) = events(article_graph(text), "MissileStrike")
    cur = curation(f"[] a cur:Rejected ; cur:node <{strike}> .")
    assert isomorphic(apply_curation(article_graph(text), cur), apply_curation(article_graph(text), cur))
    assert not events(apply_curation(article_graph(text), cur), "MissileStrike")


def test_malformed_and_stale_decisions_are_reported_and_skipped() -> None:
    g = article_graph("Shelling hit Kherson on Friday.")
    cur = curation(
        "[] a cur:SameEvent ; cur:event ent:only-one .\n"
        f"[] a cur:SameEntity ; cur:provisional <{ENT}provisional/settlement/x> .\n"
        f"[] a cur:Rejected ; cur:node <{ENT}article/none/event/x> ."
    )
    assert len(curation_problems(cur)) == 2
    assert isomorphic(apply_curation(g, cur), g)
    assert len(stale_decisions(cur, [g])) == 3  # none of them is about a node of this graph


def test_cross_article_same_event_is_applied_by_the_merge_step(tmp_path: Path) -> None:
    texts = {"a": "A drone strike hit Sumy on Friday.", "b": "A drone strike hit Kherson on Friday."}
    for name, text in texts.items():
        doc = {"id": name, "language": "en", "date_published": "2024-05-11", "text": text}
        (tmp_path / f"{name}.json").write_text(json.dumps(doc), encoding="utf-8")
    store = api.open_store()
    api.load(store, sorted(tmp_path.glob("*.json")))
    assert merge_events(store) == 0  # different places: the rule keeps them apart
    strikes = sorted(str(r["event"]) for r in api.query(store, "attacks").rows)
    cur = curation(f"[] a cur:SameEvent ; cur:event <{strikes[0]}> , <{strikes[1]}> .")
    store.replace_graphs({CURATION_GRAPH: cur})
    assert merge_events(store) == 1
    rows = api.query(store, "merged-events").rows
    assert {str(r["report"]) for r in rows} == set(strikes) and "curator" in str(rows[0]["reasons"])
    assert len(store.graph(MERGED_GRAPH)) > 0


def test_example_file_rejects_the_demo_pledge_and_the_result_validates() -> None:
    cur = load_curation(ROOT / "curation" / "example.ttl")
    assert curation_problems(cur) == []
    (article,) = read_articles(ROOT / "demo" / "kazan-drone-attack.id.json")
    g = to_graph(RuleExtractor().extract(article))
    out = apply_curation(g, cur)
    assert events(g, "Pledge") and not events(out, "Pledge")
    assert conforms(out)
    vocab = Graph().parse(ROOT / "curation" / "vocabulary.ttl")
    used = {p for p in cur.predicates() if str(p).startswith("https://w3id.org/conflictkg/curation#")}
    assert used <= set(vocab.subjects())


def test_load_applies_curation_before_storing(tmp_path: Path) -> None:
    from conflictkg import api

    root = Path(__file__).resolve().parents[1]
    store = api.open_store()
    (outcome,) = api.load(
        store, [root / "demo" / "kazan-drone-attack.id.json"], curation=root / "curation" / "example.ttl"
    )
    assert outcome.status == "loaded"
    pledges = api.query(store, "events").rows
    assert not [r for r in pledges if str(r["eventType"]) == "pledge"]  # the rejected pledge is not stored
    assert [r for r in pledges if str(r["eventType"]) == "drone strike"]  # the rest is
