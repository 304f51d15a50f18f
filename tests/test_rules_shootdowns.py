"""Manned aircraft shot down are attacks on the aircraft (invented sentences)."""

from __future__ import annotations

from .rule_helpers import ENT, attacks, extract


def test_shooting_down_a_fighter_is_an_attack_by_the_shooter() -> None:
    x = extract("Kyiv said its air force shot down a Russian Su-34 fighter jet over the Kharkiv region on Friday.")
    (a,) = attacks(x)
    assert a.cls.endswith("#Attack") and a.place == ENT + "kharkiv-oblast"
    assert a.date is not None and a.date.text == "Friday"


def test_passive_shootdown_takes_the_enemy_of_the_aircraft_side() -> None:
    (a,) = attacks(extract("A Russian attack helicopter was shot down over the Zaporizhzhia region on Sunday."))
    assert a.agents == [ENT + "ukraine"]


def test_indonesian_shootdown() -> None:
    x = extract("Militer Ukraina menembak jatuh sebuah helikopter Rusia di wilayah Kherson pada Senin.", "id")
    (a,) = attacks(x)
    assert a.agents == [ENT + "armed-forces-of-ukraine"] and a.place == ENT + "kherson-oblast"


def test_a_crash_or_a_denied_shootdown_is_no_attack() -> None:
    assert not attacks(extract("A Russian military transport plane crashed in the Belgorod region on Monday."))
    assert not attacks(extract("Ukraine did not shoot down the Russian bomber, the ministry said."))


def test_drones_shot_down_stay_attacks_by_the_drones_side() -> None:
    (a,) = attacks(extract("Russian air defences shot down 12 Ukrainian drones over the Kursk region on Monday."))
    assert a.cls.endswith("DroneStrike") and a.agents == [ENT + "ukraine"]


def test_a_weapon_that_is_the_subject_of_destroyed_is_no_interception() -> None:
    (a,) = attacks(extract("In October 2022, a truck bomb partially destroyed the bridge, Moscow said."))
    assert a.cls.endswith("#Attack") and a.agents == []


def test_the_state_after_the_weapon_is_its_side_not_the_shooter_before_the_verb() -> None:
    (a,) = attacks(extract("Pertahanan udara Rusia menembak jatuh drone Ukraina di wilayah Tula.", "id"))
    assert a.agents == [ENT + "ukraine"]
