"""English patterns, each on a sentence written for this test."""

from __future__ import annotations

import datetime as dt

from conflictkg.loaders import Article, Extraction, RuleExtractor

CKG = "https://w3id.org/conflictkg/ontology#"
ENT = "https://w3id.org/conflictkg/id/"


def extract(text: str) -> Extraction:
    return RuleExtractor().extract(Article(id="t", text=text, language="en", date_published=dt.date(2023, 6, 2)))


def attacks(x: Extraction) -> list[tuple[str, str | None]]:
    return [(e.cls.rsplit("#")[-1], e.place) for e in x.events if e.cls.endswith(("Strike", "Attack", "Shelling"))]


def test_place_named_before_the_trigger() -> None:
    x = extract("The mayor of the port city of Mykolaiv said a missile strike Thursday damaged a school.")
    assert attacks(x) == [("MissileStrike", ENT + "mykolaiv")]


def test_trailing_attribution_is_not_the_place() -> None:
    x = extract("Drones hit a power plant in the Sumy region overnight, officials in Kyiv said.")
    assert attacks(x) == [("DroneStrike", ENT + "sumy-oblast")]


def test_infinitive_strike_is_not_an_event_but_plural_attacks_are() -> None:
    assert attacks(extract("Ukraine asked for permission to strike airfields in Russia.")) == []
    x = extract("Air defences are needed in response to attacks on Kharkiv on Wednesday.")
    assert attacks(x) == [("Attack", ENT + "kharkiv")]


def test_such_attacks_refers_back() -> None:
    x = extract("A drone strike hit Odesa on Monday. Such attacks have become common, the mayor said.")
    assert attacks(x) == [("DroneStrike", ENT + "odesa")]
    assert len(x.events[0].evidence) == 2


def test_country_before_the_trigger_is_an_actor_not_the_place() -> None:
    x = extract("Russia blamed Ukraine for a drone attack that damaged a refinery.")
    assert attacks(x) == [("DroneStrike", None)]


def test_names_next_to_cues_become_provisional_entities() -> None:
    x = extract("Russian shelling hit the village of Novoselivka in the Donetsk region, Governor Ivan Petrenko said.")
    kinds = {(sorted(i.types)[0], next(iter(i.labels.values()))) for i in x.provisional.values()}
    assert kinds == {("Settlement", "Novoselivka"), ("Person", "Ivan Petrenko")}
    village = next(i for i in x.provisional.values() if "Settlement" in i.types)
    assert village.located_in == [ENT + "donetsk-oblast"]
    assert attacks(x) == [("Shelling", village.iri)]
    (c,) = [e for e in x.events if e.cls.endswith("Shelling")]
    assert c.agents == [ENT + "russia"]


def test_provisional_entities_do_not_leak_between_articles() -> None:
    first = extract("Drones struck the village of Zelenyi Hai on Monday.")
    second = extract("Officials met in Kyiv.")
    assert first.provisional and not second.provisional


def test_interception_claims_give_one_attack_per_region_by_the_other_side() -> None:
    x = extract(
        "The defence ministry of Russia said air defences shot down 12 Ukrainian drones over the Kursk and "
        "Bryansk regions on Friday."
    )
    got = sorted((e.place or "", e.agents[0], e.cls.rsplit("#")[-1]) for e in x.events if e.cls.endswith("Strike"))
    assert got == [
        (ENT + "bryansk-oblast", ENT + "ukraine", "DroneStrike"),
        (ENT + "kursk-oblast", ENT + "ukraine", "DroneStrike"),
    ]


def test_interception_without_named_side_uses_the_speakers_enemy() -> None:
    x = extract("Ukraine's air force said it downed 20 drones overnight.")
    (e,) = [e for e in x.events if e.cls.endswith("DroneStrike")]
    assert e.agents == [ENT + "russia"] and e.weapon_count == 20


def test_condemning_attacks_accuses_their_agent_and_own_side_attacks_are_claimed() -> None:
    x = extract("Poland condemned a Russian missile strike on Lviv on Monday.")
    (acc,) = [e for e in x.events if e.cls.endswith("Accusation")]
    assert (acc.speaker, acc.attributed_to) == (ENT + "poland", ENT + "russia")
    y = extract("Russian missiles struck a depot in Kherson, the Russian Defence Ministry said.")
    claims = [e for e in y.events if e.cls.endswith("ResponsibilityClaim")]
    assert [c.speaker for c in claims] == [ENT + "russian-ministry-of-defence"]
