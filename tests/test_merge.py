"""Cross-article merging (graph/merge.py): articles written for these tests, loaded into an in-memory store."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import RDF, URIRef

from conflictkg import api
from conflictkg.graph.merge import CKG, MERGED_GRAPH, MERGED_NS, merge_events
from conflictkg.graph.store import Store


def store_with(tmp_path: Path, articles: dict[str, tuple[str, str, str]]) -> Store:
    """articles: id -> (language, publication date, text)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, (lang, published, text) in articles.items():
        doc = {"id": name, "language": lang, "date_published": published, "text": text}
        (tmp_path / f"{name}.json").write_text(json.dumps(doc), encoding="utf-8")
    store = api.open_store()
    outcomes = api.load(store, sorted(tmp_path.glob("*.json")))
    assert {o.status for o in outcomes} == {"loaded"}
    return store


def merged(store: Store) -> dict[str, set[str]]:
    g = store.graph(MERGED_GRAPH)
    return {str(n): {str(o) for o in g.objects(n, CKG.mergedFrom)} for n in set(g.subjects(CKG.mergedFrom, None))}


def test_two_reports_of_one_strike_become_one_event_with_both_reports_and_reasons(tmp_path: Path) -> None:
    store = store_with(
        tmp_path,
        {
            "en-report": ("en", "2024-05-11", "A Russian drone strike hit Kharkiv on Friday, killing two people."),
            "id-report": ("id", "2024-05-11", "Serangan drone Rusia menghantam kota Kharkiv pada hari Jumat."),
            "other": ("en", "2024-05-11", "A Russian missile strike hit Odesa on Friday."),
        },
    )
    assert merge_events(store) == 1
    ((node, members),) = merged(store).items()
    assert node.startswith(MERGED_NS) and len(members) == 2
    g = store.graph(MERGED_GRAPH)
    assert (URIRef(node), RDF.type, CKG.DroneStrike) in g
    reasons = [str(o) for o in g.objects(URIRef(node), CKG.mergeReason)]
    assert len(reasons) == 1 and "same type" in reasons[0] and "within one day" in reasons[0]
    assert len(set(g.objects(URIRef(node), CKG.reportedIn))) == 2 and set(g.objects(URIRef(node), CKG.evidence))
    rows = api.query(store, "merged-events").rows
    assert {str(r["report"]) for r in rows} == members and {str(r["placeLabel"]) for r in rows} == {"Kharkiv"}


def test_place_containment_and_the_generic_type_merge_but_conflicts_do_not(tmp_path: Path) -> None:
    store = store_with(
        tmp_path,
        {
            "city": ("en", "2024-05-11", "A Russian drone strike hit Kharkiv on Friday."),
            "region": ("en", "2024-05-12", "Russian forces attacked the Kharkiv region on Friday, killing one person."),
            "far-day": ("en", "2024-05-20", "A Russian drone strike hit Kharkiv on Monday."),
            "other-side": ("en", "2024-05-11", "A Ukrainian drone strike hit Kharkiv on Friday."),
            "other-type": ("en", "2024-05-11", "Russian shelling hit Kharkiv on Friday."),
        },
    )
    assert merge_events(store) == 1
    ((_, members),) = merged(store).items()
    assert len(members) == 2  # the city report and the regional report; not a week later, other side or type
    rows = api.query(store, "merged-events").rows
    assert {str(r["placeLabel"]) for r in rows} == {"Kharkiv", "Kharkiv Oblast"}
    assert "one contains the other" in str(rows[0]["reasons"]) and "generic type" in str(rows[0]["reasons"])


def test_conflicting_casualty_figures_stay_on_the_reports(tmp_path: Path) -> None:
    store = store_with(
        tmp_path,
        {
            "low": ("en", "2024-05-11", "A Russian missile strike hit Sumy on Friday, killing three people."),
            "high": ("en", "2024-05-11", "A Russian missile strike hit Sumy on Friday, killing five people."),
        },
    )
    assert merge_events(store) == 1
    ((node, members),) = merged(store).items()
    counts = {str(r["event"]): str(r["count"]) for r in api.query(store, "casualty-reports").rows}
    assert {counts[m] for m in members} == {"3", "5"}
    assert not set(store.graph(MERGED_GRAPH).objects(URIRef(node), CKG["count"]))


def test_merging_is_deterministic_and_rebuilt_from_the_store(tmp_path: Path) -> None:
    texts = {
        "one": ("en", "2024-05-11", "A Russian drone strike hit Kharkiv on Friday."),
        "two": ("id", "2024-05-11", "Serangan drone Rusia menghantam kota Kharkiv pada hari Jumat."),
    }
    first = store_with(tmp_path / "a", texts)
    second = store_with(tmp_path / "b", texts)
    merge_events(first)
    merge_events(second)
    assert merged(first) == merged(second)
    merge_events(first)  # running it again replaces the graph, it does not add to it
    assert len(first.graph(MERGED_GRAPH)) == len(second.graph(MERGED_GRAPH))


def test_dates_more_than_a_day_apart_are_different_events(tmp_path: Path) -> None:
    store = store_with(
        tmp_path,
        {
            "friday": ("en", "2024-05-11", "A Russian drone strike hit Kharkiv on Friday."),
            "wednesday": ("en", "2024-05-11", "A Russian drone strike hit Kharkiv on Wednesday."),
        },
    )
    assert merge_events(store) == 0
    assert merged(store) == {}
