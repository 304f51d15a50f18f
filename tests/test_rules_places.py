"""Entities, places and dates: each rule on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from conflictkg.loaders import Extraction

from .rule_helpers import CKG, ENT, attacks, extract


def places(x: Extraction) -> list[str | None]:
    return sorted((e.place or "") for e in attacks(x))


def test_typographic_apostrophe_matches_the_gazetteer_spelling() -> None:
    x = extract("Ukraine’s air force said it downed nine drones overnight.")
    assert ENT + "ukrainian-air-force" in x.mentions


def test_a_capitalised_dateline_word_is_the_entity() -> None:
    x = extract("UKRAINA - Serangan drone menghantam kota Sumy pada hari Senin.", lang="id")
    assert ENT + "ukraine" in x.mentions


def test_a_region_noun_reaches_a_list_but_not_past_other_words() -> None:
    x = extract("Air defences destroyed three drones over the Kursk region, two drones over Belgorod on Friday.")
    assert places(x) == [ENT + "belgorod", ENT + "kursk-oblast"]
    y = extract("Rusia menembak jatuh drone Ukraina di wilayah Kursk, Belgorod dan Tula.", lang="id")
    assert places(y) == [ENT + "belgorod-oblast", ENT + "kursk-oblast", ENT + "tula-oblast"]


def test_the_nearest_place_noun_decides_and_a_capital_noun_is_not_a_city_noun() -> None:
    x = extract("Drone Ukraina ditembak jatuh di dekat ibu kota Rusia dan wilayah Kaluga.", lang="id")
    assert ENT + "kaluga-oblast" in places(x) and ENT + "kaluga" not in places(x)


def test_a_states_capital_and_a_capital_standing_for_its_state() -> None:
    x = extract("Russia fired missiles at Ukraine's capital on Monday, killing four people.")
    assert places(x) == [ENT + "kyiv"]
    y = extract("Moskow mengklaim telah merebut desa Serednie pada hari Jumat.", lang="id")
    (claim,) = [e for e in y.events if e.cls == CKG + "TerritorialClaim"]
    assert claim.speaker == ENT + "russia"


def test_a_demonym_is_never_the_place_and_the_city_is_the_one_named_before() -> None:
    x = extract("Residents of Sumy had felt safe. Then a missile strike hit the small Ukrainian city on Sunday.")
    assert places(x) == [ENT + "sumy"]
    y = extract("Officials in Kremenchuk buried the dead. A missile strike hit the central city on Sunday.")
    assert places(y) == [ENT + "kremenchuk"]


def test_a_destination_is_not_the_place_and_a_reference_point_gives_its_region() -> None:
    x = extract("Sebuah drone Ukraina yang menuju Kazan ditembak jatuh pada hari Sabtu.", lang="id")
    assert places(x) == [""]
    y = extract("A Ukrainian drone attack killed one person in a village northwest of Kursk on Friday.")
    assert places(y) == [ENT + "kursk-oblast"]


def test_examples_after_including_are_not_the_place_of_one_attack_but_split_a_plural_one() -> None:
    x = extract("The overnight assault on Friday hit several regions of Ukraine, including the capital, Kyiv.")
    assert places(x) == [ENT + "ukraine"]
    y = extract("Russian missile strikes on Friday hit Kharkiv and across Ukraine, including Sumy and Poltava.")
    assert len(places(y)) == 3 and ENT + "kharkiv" in places(y) and ENT + "sumy" in places(y)


def test_places_in_a_subordinate_clause_or_a_dash_parenthesis_are_not_the_events() -> None:
    x = extract("Russia stepped up its attacks on Kherson on Monday, after Poland hosted a summit in Warsaw.")
    assert places(x) == [ENT + "kherson"]
    y = extract("The drone attack on Tuesday – the biggest since Russia invaded – hit Sumy, officials said.")
    assert places(y) == [ENT + "sumy"]


def test_the_speakers_jurisdiction_places_an_attack_that_names_none() -> None:
    x = extract(
        "Mayor of Lviv Andriy Sadovyi spoke to reporters. Sadovyi said Monday's drone attack killed two people."
    )
    assert places(x) == [ENT + "lviv"]


def test_a_day_and_month_after_the_publication_date_is_of_the_year_before() -> None:
    x = extract("The missile strike on Odesa on 30 December killed five people.", published=dt.date(2024, 1, 3))
    (e,) = attacks(x)
    assert e.date is not None and e.date.date == dt.date(2023, 12, 30)


def test_from_one_night_into_the_next_morning_is_the_later_day() -> None:
    x = extract("The drone attack on Odesa from Tuesday into Wednesday injured four people.")
    (e,) = attacks(x)
    assert e.date is not None and e.date.date == dt.date(2024, 6, 12)


def test_last_night_is_the_day_of_the_report() -> None:
    x = extract("A drone strike hit Sumy last night.")
    (e,) = attacks(x)
    assert e.date is not None and e.date.date == dt.date(2024, 6, 14)


def test_a_date_after_a_citation_dates_the_report_not_the_event() -> None:
    x = extract(
        "Serangan drone menghantam kota Sumy pada hari Selasa, dilansir dari Reuters, Kamis (13/6/2024).", lang="id"
    )
    (e,) = attacks(x)
    assert e.date is not None and e.date.date == dt.date(2024, 6, 11)


def test_a_date_in_a_subordinate_clause_is_not_the_events() -> None:
    x = extract(
        "Serangan drone terbesar menghantam kota Sumy sejak Rusia menyerbu Ukraina pada bulan Februari.", lang="id"
    )
    (e,) = attacks(x)
    assert e.date is None
