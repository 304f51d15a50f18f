"""Casualty figures, speakers, attribution statements, threats and captures: sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from conflictkg.loaders import Article, Extraction, RuleExtractor
from conflictkg.loaders.facts import EventFact

CKG = "https://w3id.org/conflictkg/ontology#"
ENT = "https://w3id.org/conflictkg/id/"


def extract(text: str, lang: str = "en", published: dt.date | None = dt.date(2024, 6, 14)) -> Extraction:
    return RuleExtractor().extract(Article(id="t", text=text, language=lang, date_published=published))


def of(x: Extraction, cls: str) -> list[EventFact]:
    return [e for e in x.events if e.cls == CKG + cls]


def figures(x: Extraction) -> list[tuple[str, int]]:
    return sorted((c.casualty_type.rsplit("#")[-1], c.count) for c in x.casualties)


# ---------------------------------------------------------------- casualties


def test_a_count_before_an_auxiliary_and_not_a_distance() -> None:
    x = extract("A missile strike hit Sumy on Monday. Four people were killed about 20 kilometers away.")
    assert figures(x) == [("Killed", 4)]


def test_no_casualties_is_zero_killed_and_zero_injured_but_not_when_only_near_a_negation() -> None:
    x = extract("Serangan drone menghantam kota Sumy pada hari Senin. Tidak ada korban dalam serangan itu.", lang="id")
    assert figures(x) == [("Injured", 0), ("Killed", 0)]
    y = extract("A drone strike hit Sumy on Monday. We will not forget the casualties of this war.")
    assert figures(y) == []


def test_a_subset_after_including_and_a_count_already_used() -> None:
    x = extract("A missile strike hit Sumy on Monday. Seven people, including three children, were killed.")
    assert figures(x) == [("Killed", 7)]
    y = extract("A missile strike hit Sumy on Monday. It killed 12 people, including a teacher, injured dozens.")
    assert figures(y) == [("Killed", 12)]


def test_one_figure_for_two_kinds_of_casualty_and_a_smaller_subgroup_are_not_reported() -> None:
    x = extract(
        "A missile strike hit Sumy on Monday, killing 9 people and injuring 30. At least 39 were killed or injured."
    )
    assert figures(x) == [("Injured", 30), ("Killed", 9)]
    y = extract("A missile strike hit Sumy on Monday, injuring 30 people. Six children were among the injured.")
    assert figures(y) == [("Injured", 30)]


def test_a_running_total_is_not_the_toll_of_one_attack() -> None:
    x = extract("A drone strike hit Sumy on Monday. Since the invasion, 9,000 civilians have been killed.")
    assert figures(x) == []
    y = extract("A drone strike hit Sumy on Monday. From 1 to 10 June, the UN recorded 80 people killed.")
    assert figures(y) == []


def test_a_total_over_the_attacks_of_one_mention_is_not_reported() -> None:
    x = extract("Russian missile strikes on Sumy and Poltava on Monday killed 11 people.")
    assert len([e for e in x.events if e.cls.endswith("Strike")]) == 2 and figures(x) == []


def test_figures_in_named_places_inside_a_regional_attack_are_local_attacks() -> None:
    x = extract(
        "Russian shelling killed seven people in the Kharkiv region on Monday. "
        "Five were killed in the city of Kharkiv, and two others were killed in Balakliia, officials said."
    )
    places = sorted(c.event.place or "" for c in x.casualties)
    assert places == [ENT + "balakliia", ENT + "kharkiv"] and figures(x) == [("Killed", 2), ("Killed", 5)]


def test_an_unattributed_figure_equal_to_an_attributed_one_is_the_same_figure() -> None:
    x = extract(
        "Serangan rudal Rusia menghantam kota Lviv pada hari Selasa. Dua orang tewas. "
        "Wali Kota Lviv Andriy Sadovyi mengatakan dua orang tewas.",
        lang="id",
    )
    (c,) = x.casualties
    assert (c.count, c.source_kind, c.reporter) == (2, "OfficialSource", ENT + "andriy-sadovyi")


def test_the_attack_a_figure_is_about_is_the_one_in_the_place_it_names() -> None:
    x = extract(
        "Russian drones struck Sumy on Monday. Russian missiles hit Kherson on Monday. "
        "In Sumy, two people were injured."
    )
    (c,) = x.casualties
    assert c.event.place == ENT + "sumy"


# ---------------------------------------------------------------- speakers and bodies


def test_officials_of_a_state_and_a_person_before_an_apposition_speak() -> None:
    x = extract("Russian officials said a Ukrainian drone strike hit Kursk on Monday, killing one person.")
    assert x.casualties[0].source_kind == "OfficialSource"
    y = extract(
        "Ivan Fedorov, the governor of the Zaporizhzhia region, said a Russian drone strike hit Zaporizhzhia "
        "on Monday, killing Anna, 60."
    )
    assert ENT + "zaporizhzhia-oblast" in y.mentions


def test_a_states_possessive_body_and_the_interior_ministry() -> None:
    x = extract("Russia's defence ministry said on Monday it destroyed ten Ukrainian drones over the Kursk region.")
    assert ENT + "russian-ministry-of-defence" in x.mentions
    y = extract("Ukrainian officials said the strike hit Dnipro. The interior ministry said three people were injured.")
    assert ENT + "ukrainian-ministry-of-internal-affairs" in y.mentions


def test_a_body_noun_read_from_context_must_stand_as_a_noun() -> None:
    x = extract("Ukraine's air force said it downed drones. The military said the site was not a military target.")
    assert ENT + "armed-forces-of-ukraine" in x.mentions
    assert len(x.mentions[ENT + "armed-forces-of-ukraine"]) == 1  # "a military target" names nobody
    y = extract("Ukraine's air force said it downed drones. Officials called it a special military operation.")
    assert ENT + "armed-forces-of-ukraine" not in y.mentions


def test_a_possessive_body_without_a_speaker_belongs_to_the_subject() -> None:
    x = extract("Presiden Ukraina Volodymyr Zelensky memuji angkatan udaranya pada hari Minggu.", lang="id")
    assert ENT + "ukrainian-air-force" in x.mentions


def test_a_governor_in_apposition_holds_an_office_for_a_place_not_in_it() -> None:
    x = extract(
        "Oleh Syniehubov, the governor of the Kharkiv region, said a Russian drone strike hit Kharkiv on Monday."
    )
    assert [(r.person, r.organisation) for r in x.roles] == [(ENT + "oleh-syniehubov", None)]


# ---------------------------------------------------------------- attribution statements


def test_an_accusation_needs_an_accuser_and_one_actor_denying_twice_is_one_denial() -> None:
    x = extract("We gather today to condemn Russia's latest missile strikes on Odesa on Monday.")
    assert of(x, "Accusation") == []
    y = extract("Russia denied the attack on Sumy on Monday. Moscow's officials again denied the attack.")
    assert len(of(y, "Denial")) == 1


def test_condemnation_words_accuse_the_other_side() -> None:
    x = extract('"Russia is a terrorist state," Zelenskyy said.')
    (acc,) = of(x, "Accusation")
    assert (acc.speaker, acc.attributed_to) == (ENT + "volodymyr-zelenskyy", ENT + "russia")
    y = extract('"The world must stop the terrorists," Zelenskyy said.')
    assert [a.attributed_to for a in of(y, "Accusation")] == [ENT + "russia"]
    z = extract('"This is an aggressive response," Putin said.')
    assert of(z, "Accusation") == []


def test_after_a_denial_the_same_side_blaming_the_other_is_a_counter_accusation() -> None:
    x = extract(
        "A Tochka-U missile struck the station in Kramatorsk on Friday. Russia denied the strike. "
        "Russia said Ukrainian forces used the missile."
    )
    (acc,) = of(x, "Accusation")
    (strike,) = [e for e in x.events if e.cls == CKG + "MissileStrike"]
    assert (acc.speaker, acc.attributed_to, acc.about) == (ENT + "russia", ENT + "armed-forces-of-ukraine", strike)


def test_a_reference_to_an_attack_is_not_a_claim_of_it() -> None:
    x = extract("A Russian missile strike hit Odesa on Friday. The attack came after Russia said it downed drones.")
    assert of(x, "ResponsibilityClaim") == []


# ---------------------------------------------------------------- threats


def test_a_threats_target_is_its_object_not_a_place_of_location_or_a_condition() -> None:
    x = extract("Putin warned Poland on Monday that it would regret joining the mission.")
    assert [t.targets for t in of(x, "Threat")] == [[ENT + "poland"]]
    y = extract("Putin warned on Monday that the conflict in Ukraine had become global.")
    assert [t.targets for t in of(y, "Threat")] == [[]]
    z = extract("Putin warned Britain it would face retaliation if it sent troops into Ukraine.")
    assert [t.targets for t in of(z, "Threat")] == [[ENT + "united-kingdom"]]


def test_a_warning_about_what_the_other_side_will_do_is_a_forecast() -> None:
    x = extract("Zelenskyy warned that Russia will strike power plants again this winter.")
    assert of(x, "Threat") == []


def test_the_same_speakers_next_warning_continues_the_threat() -> None:
    x = extract("Putin warned the West on Monday. He warned that Russia could use its new missiles.")
    (t,) = of(x, "Threat")
    assert len({v.sentence for v in t.evidence}) == 2


# ---------------------------------------------------------------- captures


def test_a_capture_takes_its_object_not_a_place_near_it_nor_a_country() -> None:
    x = extract("Kementerian Pertahanan Rusia mengatakan pasukannya merebut sebuah desa dekat Pokrovsk.", lang="id")
    assert of(x, "CaptureOfTerritory") == []
    y = extract("Russia's defence ministry said its forces captured Udachne in Ukraine.")
    assert [c.place for c in of(y, "CaptureOfTerritory")] == [ENT + "udachne"]


def test_a_failed_capture_and_the_occupied_territories_are_not_captures() -> None:
    assert of(extract("Pasukan Rusia gagal merebut kota Kharkiv.", lang="id"), "CaptureOfTerritory") == []
    assert of(extract("Life in the occupied Kherson region is hard."), "CaptureOfTerritory") == []


def test_recaptured_it_takes_the_place_named_before() -> None:
    x = extract("Russia seized Kupiansk in 2022, but Ukraine recaptured it months later.")
    assert sorted((c.place, c.agents[0]) for c in of(x, "CaptureOfTerritory")) == [
        (ENT + "kupiansk", ENT + "russia"),
        (ENT + "kupiansk", ENT + "ukraine"),
    ]
