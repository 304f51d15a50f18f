"""The embedded store: idempotent loads, atomic replacement, reference reloads, locking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from conflictkg import api
from conflictkg.graph.store import ARTICLE_PREFIX, Store, StoreError, inferred_graph_for

from .conftest import DEMO_ARTICLE


def snapshot(store: Store) -> list[str]:
    return list(store.dump_nquads())


def test_loading_the_same_article_twice_changes_nothing(tmp_path: Path) -> None:
    store = api.open_store(tmp_path / "s")
    first = api.load(store, [DEMO_ARTICLE])
    before = snapshot(store)
    second = api.load(store, [DEMO_ARTICLE])
    assert [o.status for o in first] == ["loaded"] and [o.status for o in second] == ["unchanged"]
    assert snapshot(store) == before


def test_a_new_article_gets_its_own_graphs_and_the_others_stay(tmp_path: Path) -> None:
    store = api.open_store()
    api.load(store, [DEMO_ARTICLE])
    (seed_graph,) = store.article_graphs()
    seed_quads = list(store.dump_nquads([seed_graph]))
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps(
            {
                "id": "other",
                "language": "en",
                "date_published": "2024-03-01",
                "text": "A Russian missile strike hit Odesa on Friday, killing 3 people.",
            }
        ),
        encoding="utf-8",
    )
    (outcome,) = api.load(store, [other])
    assert outcome.status == "loaded" and outcome.graph != seed_graph
    assert set(store.article_graphs()) == {seed_graph, outcome.graph}
    assert inferred_graph_for(outcome.graph) in store.graph_names()
    assert list(store.dump_nquads([seed_graph])) == seed_quads


def test_replace_is_all_or_nothing(tmp_path: Path) -> None:
    store = api.open_store()
    g = Graph()
    g.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("v")))
    name = ARTICLE_PREFIX + "test"
    store.replace_graphs({name: g})
    bad = Graph()
    bad.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("new")))
    with pytest.raises(SyntaxError):  # an update the engine rejects leaves the old graph in place
        store._ox.update(f"DROP SILENT GRAPH <{name}> ; INSERT DATA {{ GRAPH <{name}> {{ <urn:x:a> <urn:x:p> }} }}")
    assert [str(o) for o in store.graph(name).objects()] == ["v"]


def test_rejected_article_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conflictkg.graph import validate as v

    store = api.open_store()
    before = snapshot(store)
    failing = v.Report(
        checked=["x"], findings=[v.Finding("x", "f", "", "", "s", "MinCountConstraintComponent", "Violation", "broken")]
    )
    monkeypatch.setattr(v, "validate_graph", lambda *a, **k: failing)
    (o,) = api.load(store, [DEMO_ARTICLE])
    assert o.status == "rejected" and snapshot(store) == before


def test_reference_is_reloaded_only_when_the_packaged_files_change(tmp_path: Path) -> None:
    path = tmp_path / "s"
    store = Store(path)
    assert store.ensure_reference() is False
    n = len(store)
    store.replace_graphs({"https://w3id.org/conflictkg/graph/meta": Graph()})  # as if made by an older version
    assert store.ensure_reference() is True and len(store) == n


def test_a_locked_store_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s"
    first = Store(path)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(path)
    del first


def test_reference_inference_has_transitive_containment(seed_store: Store) -> None:
    _, found = seed_store.select(
        "SELECT ?area WHERE { GRAPH <https://w3id.org/conflictkg/graph/inferred/reference> "
        "{ <https://w3id.org/conflictkg/id/kazan> <https://w3id.org/conflictkg/ontology#locatedIn> ?area } }"
    )
    assert {str(r["area"]) for r in found} >= {"https://w3id.org/conflictkg/id/russia"}


def test_article_inference_adds_superclasses_and_superproperties(seed_store: Store) -> None:
    ckg = "https://w3id.org/conflictkg/ontology#"
    _, found = seed_store.select(
        f"SELECT ?e WHERE {{ GRAPH ?g {{ ?e a <{ckg}Attack> }} "
        f"FILTER(STRSTARTS(STR(?g), 'https://w3id.org/conflictkg/graph/inferred/article/')) }}"
    )
    assert found  # DroneStrike -> Attack lives in the inferred graph, not the asserted one
    _, speakers = seed_store.select(
        f"SELECT ?t WHERE {{ ?t a <{ckg}Threat> ; <{ckg}hasAgent> <https://w3id.org/conflictkg/id/vladimir-putin> }}"
    )
    assert len(speakers) == 2  # ckg:speaker is a sub-property of ckg:hasAgent


def test_wkt_coordinates_compare_as_virtuoso_keeps_them() -> None:
    """Virtuoso stores float32: a decimal on a rounding half must compare equal to its float32 form."""
    from conflictkg.graph.normalise import canonical_wkt

    assert canonical_wkt("POINT(158.6275 53.0639)") == canonical_wkt("POINT(158.62750244140625 53.06389999)")
    assert canonical_wkt("POINT(30.5234 50.4501)") != canonical_wkt("POINT(30.5334 50.4501)")
