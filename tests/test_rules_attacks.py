"""Attack mentions, agents, anaphora, anchoring and interceptions: sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from conflictkg.loaders import Extraction

from .rule_helpers import CKG, ENT, attacks, extract


def kinds(x: Extraction) -> list[tuple[str, str | None]]:
    return sorted((e.cls.rsplit("#")[-1], e.place) for e in attacks(x))


# ---------------------------------------------------------------- mentions


def test_missile_and_drone_strikes_together_are_one_generic_attack() -> None:
    x = extract("Russian missile and drone strikes hit Zaporizhzhia on Tuesday.")
    assert kinds(x) == [("Attack", ENT + "zaporizhzhia")]
    assert attacks(x)[0].agents == [ENT + "russia"]


def test_coordinated_weapons_with_a_hit_verb_are_one_generic_attack() -> None:
    x = extract("On Monday, Russian rockets and drones struck an oil depot in Sumy.")
    assert kinds(x) == [("Attack", ENT + "sumy")]


def test_a_weapon_that_killed_people_reports_an_attack() -> None:
    x = extract("Russian missiles on Kherson killed five people on Wednesday.")
    assert kinds(x) == [("MissileStrike", ENT + "kherson")]


def test_a_passive_hit_verb_before_a_weapon_reports_an_attack_with_its_agent() -> None:
    x = extract("Gedung sekolah di kota Sumy dihantam rudal Rusia pada hari Kamis.", lang="id")
    (e,) = attacks(x)
    assert (e.cls, e.place, e.agents) == (CKG + "MissileStrike", ENT + "sumy", [ENT + "russia"])


def test_an_actor_using_a_weapon_is_the_agent() -> None:
    x = extract("Di daerah Odesa, Rusia menggunakan drone untuk menyerang pelabuhan pada hari Senin.", lang="id")
    (e,) = attacks(x)
    assert (e.cls, e.agents) == (CKG + "DroneStrike", [ENT + "russia"])


def test_forces_that_killed_people_carried_out_an_attack() -> None:
    x = extract("The governor said Russian forces killed four people in the Sumy region on Thursday.")
    (e,) = attacks(x)
    assert (e.cls, e.place, e.agents) == (CKG + "Attack", ENT + "sumy-oblast", [ENT + "russian-armed-forces"])


# ---------------------------------------------------------------- agents


def test_a_verb_trigger_takes_its_subject_as_agent_and_its_object_is_not() -> None:
    x = extract("Rusia membom Ukraina dengan rudal balistik, menargetkan kota Kharkiv pada hari Jumat.", lang="id")
    (e,) = attacks(x)
    assert (e.cls, e.place, e.agents) == (CKG + "MissileStrike", ENT + "kharkiv", [ENT + "russia"])


def test_an_agent_cue_names_the_attacker_and_a_maker_cue_does_not() -> None:
    x = extract("Serangan rudal yang dilakukan Rusia menghantam kota Dnipro pada hari Rabu.", lang="id")
    assert attacks(x)[0].agents == [ENT + "russia"]
    y = extract("Drone buatan Iran milik Rusia menabrak gedung di kota Dnipro pada hari Rabu.", lang="id")
    assert attacks(y)[0].agents == [ENT + "russia"]


def test_the_subject_of_a_support_verb_is_the_agent() -> None:
    x = extract("Pasukan Ukraina melancarkan serangan di kota Belgorod pada hari Minggu.", lang="id")
    assert attacks(x)[0].agents == [ENT + "armed-forces-of-ukraine"]


def test_the_enemy_is_the_other_side_of_the_speaker() -> None:
    x = extract(
        '"Pada pagi hari Senin, musuh melancarkan serangan di dekat kota Kupiansk," kata Kementerian Pertahanan Rusia.',
        lang="id",
    )
    assert attacks(x)[0].agents == [ENT + "ukraine"]


def test_a_capital_right_after_the_attack_word_is_its_state() -> None:
    x = extract("Serangan rudal menghantam kota Odesa. Dua orang tewas akibat serangan baru Moskow itu.", lang="id")
    (e,) = attacks(x)
    assert e.place == ENT + "odesa" and len(x.casualties) == 1


def test_an_adjective_may_stand_between_the_attack_word_and_its_agent() -> None:
    x = extract("Serangan besar-besaran Rusia menghantam kota Sumy pada hari Senin.", lang="id")
    assert attacks(x)[0].agents == [ENT + "russia"]


# ---------------------------------------------------------------- anaphora and merging


def test_the_attack_with_an_adjective_refers_back_but_said_that_does_not() -> None:
    x = extract("A missile strike hit Mykolaiv on Monday. The Russian attack damaged a school.")
    (e,) = attacks(x)
    assert len({v.sentence for v in e.evidence}) == 2
    y = extract(
        "A missile strike hit Mykolaiv on Monday. Officials said that Russian forces killed two people in Sumy."
    )
    assert kinds(y) == [("Attack", ENT + "sumy"), ("MissileStrike", ENT + "mykolaiv")]
    assert not [e for e in y.events if e.speaker]  # "said that Russian forces ...": they are not the speaker


def test_its_strike_is_the_speakers_claim_of_responsibility() -> None:
    x = extract("A missile strike hit a depot in Kherson on Monday. Russia said its strike destroyed Ukrainian tanks.")
    (e,) = attacks(x)
    (claim,) = [s for s in x.events if s.cls == CKG + "ResponsibilityClaim"]
    assert claim.speaker == ENT + "russia" and claim.about is e and e.agents == [ENT + "russia"]


def test_the_attacks_refers_to_every_event_of_the_last_mention_and_gives_their_day() -> None:
    x = extract("Russian missile strikes this week hit Sumy and Poltava. The attacks on Tuesday morning killed nobody.")
    dates = {e.place: e.date.date if e.date else None for e in attacks(x)}
    assert dates == {ENT + "sumy": dt.date(2024, 6, 11), ENT + "poltava": dt.date(2024, 6, 11)}


def test_the_speakers_jurisdiction_picks_the_attack_referred_to() -> None:
    x = extract(
        "Russia's defence ministry said it shot down three Ukrainian drones over the Kursk region and two over "
        "the Bryansk region. Alexander Bogomaz, the governor of Bryansk, said the Ukrainian attack injured two people."
    )
    (c,) = x.casualties
    assert c.event.place == ENT + "bryansk-oblast"


def test_the_attack_naming_regions_inside_the_country_is_one_attack_per_region() -> None:
    x = extract(
        "On Monday, Russian drones and missiles hit power plants in Ukraine. "
        "The assault cut electricity in the regions of Sumy and Poltava."
    )
    assert kinds(x) == [("Attack", ENT + "poltava-oblast"), ("Attack", ENT + "sumy-oblast")]


def test_attacks_a_speaker_condemns_are_the_attacks_already_reported() -> None:
    x = extract("A Russian missile strike hit Lviv on Tuesday. Poland today condemned Russia's latest attacks.")
    (e,) = attacks(x)
    assert e.date is not None and e.date.date == dt.date(2024, 6, 11)


def test_a_weapon_hit_with_no_detail_belongs_to_the_attack_just_reported() -> None:
    x = extract("A Russian missile strike hit Odesa on Friday. Rescuers died when another missile hit the site.")
    assert kinds(x) == [("MissileStrike", ENT + "odesa")]


def test_a_mention_with_no_detail_of_its_own_does_not_join_an_earlier_attack() -> None:
    x = extract(
        "A Russian drone strike hit Kyiv on Friday. Ukraine said its air defences shot down six of seven drones."
    )
    assert len(attacks(x)) == 2


# ---------------------------------------------------------------- anchoring


def test_many_attacks_are_a_campaign_not_an_event() -> None:
    assert attacks(extract("Russia has launched hundreds of drone strikes across Ukrainian cities.")) == []
    assert attacks(extract("The town of Vovchansk is in ruins after relentless shelling.")) == []


def test_an_attack_that_killed_people_is_an_event_even_in_a_region() -> None:
    x = extract("In the Sumy region, officials said a Russian attack killed two people.")
    assert kinds(x) == [("Attack", ENT + "sumy-oblast")]


def test_an_attack_that_was_repelled_happened() -> None:
    x = extract("Menurut Ukraina, musuh melakukan 12 serangan, namun semuanya dipukul mundur.", lang="id")
    assert len(attacks(x)) == 1


def test_a_summary_before_the_attacks_it_sums_is_not_an_event() -> None:
    x = extract(
        "Russian strikes killed five people in the Kharkiv region on Monday. Three people were killed in "
        "Kupiansk, and two were killed in Balakliia, the governor said."
    )
    assert kinds(x) == [("Attack", ENT + "balakliia"), ("Attack", ENT + "kupiansk")]
    assert sorted(c.count for c in x.casualties) == [2, 3]


def test_a_mention_that_never_gets_a_place_or_a_day_is_dropped() -> None:
    assert attacks(extract("Schools and hospitals have been bombed, the report said.")) == []


# ---------------------------------------------------------------- interceptions


def test_an_interception_of_weapons_already_reported_adds_their_place() -> None:
    x = extract(
        "Sebuah drone Ukraina ditembak jatuh pada hari Jumat. Drone itu dicegat di wilayah Belgorod.", lang="id"
    )
    (e,) = attacks(x)
    assert e.place == ENT + "belgorod-oblast" and e.agents == [ENT + "ukraine"]


def test_an_agent_cue_gives_the_side_and_a_maker_cue_does_not() -> None:
    x = extract("Ukraina mengatakan telah menembak jatuh 20 drone buatan Iran yang diluncurkan oleh Rusia.", lang="id")
    (e,) = attacks(x)
    assert e.agents == [ENT + "russia"] and e.weapon_count == 20


def test_a_count_before_a_style_adjective_and_mixed_weapons() -> None:
    x = extract("The ministry said it intercepted 14 Soviet-era drones and three missiles over the Tula region.")
    (e,) = attacks(x)
    assert e.cls == CKG + "Attack" and e.place == ENT + "tula-oblast"


def test_pounded_is_an_attack_verb_with_its_subject_as_agent() -> None:
    (a,) = attacks(extract("Russian forces pounded the Sumy region on Thursday, officials said."))
    assert (a.place, a.agents) == (ENT + "sumy-oblast", [ENT + "russian-armed-forces"])


def test_an_actor_struck_a_place_and_missiles_struck_one_mention() -> None:
    (a,) = attacks(extract("Russia struck Kharkiv with missiles on Monday."))
    assert (a.cls, a.place, a.agents) == (CKG + "MissileStrike", ENT + "kharkiv", [ENT + "russia"])
    (a,) = attacks(extract("Russian missiles struck a school in Kropyvnytskyi, a city in central Ukraine, on Monday."))
    assert a.place == ENT + "kropyvnytskyi"


def test_waves_of_strikes_throughout_a_month_are_a_campaign() -> None:
    assert attacks(extract("Moscow has struck Kyiv with waves of missiles and drones throughout May.")) == []


def test_according_to_a_capital_names_the_source_not_the_place() -> None:
    (a,) = attacks(extract("According to Moscow, two drones struck the bridge on Monday."))
    assert a.place != ENT + "moscow"
