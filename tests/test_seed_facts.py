"""The seed article's 14 facts, end to end: file -> extraction -> SHACL -> store -> stored queries."""

from __future__ import annotations

from rdflib.term import Node

from conflictkg import api
from conflictkg.graph.store import Store

ENT = "https://w3id.org/conflictkg/id/"


def rows(store: Store, name: str, **params: str) -> list[dict[str, str]]:
    result = api.query(store, name, params, lang="en")
    return [{k: str(v) for k, v in r.items()} for r in result.rows]


def col(store: Store, name: str, var: str, **params: str) -> set[str]:
    return {r[var] for r in rows(store, name, **params) if var in r}


def kazan_strike(store: Store) -> str:
    found = {r["event"] for r in rows(store, "attacks") if r.get("placeLabel") == "Kazan"}
    assert len(found) == 1, found
    return found.pop()


def test_1_drone_strike_on_kazan(seed_store: Store) -> None:
    r = [x for x in rows(seed_store, "attacks") if x.get("placeLabel") == "Kazan"]
    assert {x["eventType"] for x in r} == {"drone strike"}
    assert {x["date"] for x in r} == {"2024-12-21"}
    assert {x["agentLabel"] for x in r} == {"Ukraine"}
    assert {x["agentStatus"] for x in r} == {"alleged"}
    assert {x["weaponLabel"] for x in r} == {"drone"}


def test_2_russia_accuses_ukraine(seed_store: Store) -> None:
    event = kazan_strike(seed_store)
    acc = [r for r in rows(seed_store, "attributions") if r["kind"] == "accusation"]
    assert [(r["actorLabel"], r["targetLabel"], r["event"]) for r in acc] == [("Russia", "Ukraine", event)]


def test_3_ukraine_has_not_claimed(seed_store: Store) -> None:
    event = kazan_strike(seed_store)
    nc = [r for r in rows(seed_store, "attributions") if r["kind"] == "not-claimed"]
    assert [(r["actorLabel"], r["event"]) for r in nc] == [("Ukraine", event)]
    assert "targetLabel" not in nc[0]


def test_4_two_casualty_reports(seed_store: Store) -> None:
    event = kazan_strike(seed_store)
    reports = {
        (r["casualtyType"], r["count"], r["sourceKind"])
        for r in rows(seed_store, "casualty-reports")
        if r["event"] == event
    }
    assert reports == {("injured", "0", "official"), ("injured", "3", "media")}


def test_5_conflicting_reports(seed_store: Store) -> None:
    event = kazan_strike(seed_store)
    conflicts = rows(seed_store, "conflicting-reports")
    assert [(r["event"], r["aspect"]) for r in conflicts] == [(event, "casualties: injured")]
    assert set(conflicts[0]["values"].split("; ")) == {"0 (official)", "3 (media)"}


def test_6_putin_threatens_ukraine_on_sunday(seed_store: Store) -> None:
    r = [x for x in rows(seed_store, "threats") if x.get("targetLabel") == "Ukraine"]
    assert len(r) == 1
    assert r[0]["speakerLabel"] == "Vladimir Putin"
    assert r[0]["date"] == "2024-12-22"
    assert r[0]["channelLabel"] == "video address"


def test_7_earlier_threat_against_central_kyiv(seed_store: Store) -> None:
    r = [x for x in rows(seed_store, "threats") if x.get("targetLabel") == "Kyiv"]
    assert len(r) == 1
    assert r[0]["speakerLabel"] == "Vladimir Putin"
    assert r[0]["weaponLabel"] == "hypersonic ballistic missile"
    assert "date" not in r[0]  # "sebelumnya": before the article, not guessed


def test_8_earlier_russian_missile_strike_on_kyiv(seed_store: Store) -> None:
    r = [x for x in rows(seed_store, "attacks") if x.get("placeLabel") == "Kyiv"]
    assert [(x["eventType"], x["agentLabel"]) for x in r] == [("missile strike", "Russia")]


def test_9_10_mod_claims_lozova_and_krasna(seed_store: Store) -> None:
    r = rows(seed_store, "territorial-claims")
    mod = {x["placeLabel"]: x for x in r if x["claimantLabel"] == "Russian Ministry of Defence"}
    assert set(mod) == {"Lozova", "Sontsivka"}
    assert {x["status"] for x in mod.values()} == {"claimed"}
    assert {x["channelLabel"] for x in mod.values()} == {"Telegram"}
    assert "Krasna" in mod["Sontsivka"]["otherNames"]
    # the Lozova meant is the village in the north-east of Kharkiv region, not the city of Lozova
    places = {str(p) for p in _claimed_places(seed_store)}
    assert ENT + "lozova-kupiansk" in places and ENT + "lozova" not in places
    assert _located_in(seed_store, ENT + "lozova-kupiansk", ENT + "kharkiv-oblast")
    assert _located_in(seed_store, ENT + "sontsivka", ENT + "donetsk-oblast")


def test_11_more_than_190_settlements(seed_store: Store) -> None:
    r = [x for x in rows(seed_store, "territorial-claims") if "count" in x]
    assert len(r) == 1
    assert r[0]["count"] == "190"
    assert r[0]["claimantLabel"] == "Russian Armed Forces"
    assert r[0]["placeLabel"] == "Ukraine"
    assert r[0]["date"] == "2024-01-01" and r[0]["status"] == "claimed"


def test_12_actors_typed_with_wikidata(seed_store: Store) -> None:
    actors = {r["actorLabel"]: r for r in rows(seed_store, "actors")}
    expected = {
        "Vladimir Putin": ("Person", "Q7747"),
        "Donald Trump": ("Person", "Q22686"),
        "Russia": ("State", "Q159"),
        "Ukraine": ("State", "Q212"),
        "Republican Party": ("PoliticalParty", "Q29468"),
        "Russian Ministry of Defence": ("GovernmentBody", None),
    }
    for label, (kind, qid) in expected.items():
        assert actors[label]["actorType"] == kind
        if qid:
            assert actors[label]["wikidata"] == "http://www.wikidata.org/entity/" + qid
    roles = {(r["personLabel"], r["roleLabel"], r["inLabel"]) for r in rows(seed_store, "roles")}
    assert {("Vladimir Putin", "President", "Russia"), ("Donald Trump", "President-elect", "United States")} <= roles


def test_13_events_in_places_transitively(seed_store: Store) -> None:
    event = kazan_strike(seed_store)
    assert event in col(seed_store, "events-in", "event", place="Tatarstan")
    assert event in col(seed_store, "events-in", "event", place="Russia")
    assert event in col(seed_store, "events-in", "event", place="Rusia")  # a label in another language
    assert event in col(seed_store, "events-in", "event", place=ENT + "tatarstan")  # or an IRI
    donetsk = rows(seed_store, "events-in", place="Donetsk")
    assert {(r["eventType"], r["placeLabel"]) for r in donetsk} == {("capture of territory", "Sontsivka")}


def test_14_trump_takes_office_in_january_2025(seed_store: Store) -> None:
    r = [x for x in rows(seed_store, "events") if x["eventType"] == "taking office"]
    assert [(x["agentLabel"], x["date"], x["precision"]) for x in r] == [("Donald Trump", "2025-01-01", "month")]


def test_labels_follow_the_requested_language(seed_store: Store) -> None:
    result = api.query(seed_store, "attacks", {}, lang="id")
    places = {str(r["placeLabel"]) for r in result.rows}
    types = {str(r["eventType"]) for r in result.rows}
    assert "serangan drone" in types and "serangan rudal" in types
    assert "Kazan" in places


def _claimed_places(store: Store) -> list[Node]:
    _, found = store.select(
        "PREFIX ckg: <https://w3id.org/conflictkg/ontology#> "
        "SELECT ?p WHERE { ?c a ckg:TerritorialClaim ; ckg:claimedPlace ?p }"
    )
    return [r["p"] for r in found]


def _located_in(store: Store, place: str, area: str) -> bool:
    _, found = store.select(
        f"ASK {{ <{place}> <https://w3id.org/conflictkg/ontology#locatedIn>+ <{area}> }}".replace(
            "ASK", "SELECT (1 AS ?x) WHERE"
        )
    )
    return bool(found)
