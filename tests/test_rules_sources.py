"""Rules added for the held-out evaluation: possessive agents, one-person counts, unnamed official speakers.

Every sentence here is invented for the test; none is copied from an article.
"""

from __future__ import annotations

import datetime as dt

from .rule_helpers import CKG, ENT, attacks, extract


def _casualties(text: str, lang: str = "en") -> list[tuple[str, int, str, str | None]]:
    x = extract(text, lang)
    return [
        (c.casualty_type.removeprefix(CKG), c.count, c.source_kind, c.reporter and c.reporter.removeprefix(ENT))
        for c in x.casualties
    ]


def test_possessive_actor_is_the_agent() -> None:
    (a,) = attacks(extract("Russia's overnight barrage of drone attacks on Kyiv damaged two schools."))
    assert a.agents == [ENT + "russia"]


def test_possessive_after_said_is_not_the_speaker() -> None:
    x = extract("Officials in the Belgorod region said Ukraine's shelling of the town killed two people.")
    (a,) = attacks(x)
    assert a.agents == [ENT + "ukraine"]
    assert not [e for e in x.events if e.cls.endswith("ResponsibilityClaim")]


def test_indefinite_person_counts_one_after_the_verb() -> None:
    got = _casualties("A Russian drone hit a bus in Kherson on Monday, killing a 45-year-old woman and injuring three.")
    assert ("Killed", 1, "UnattributedSource", None) in got
    assert ("Injured", 3, "UnattributedSource", None) in got


def test_indefinite_person_counts_one_before_the_verb() -> None:
    got = _casualties("A man was wounded when Russian artillery shelled Nikopol on Sunday.")
    assert [g[:2] for g in got] == [("Injured", 1)]


def test_seorang_with_a_person_noun_counts_one() -> None:
    got = _casualties("Seorang pria tewas dalam serangan drone Rusia di Kherson pada Minggu.", "id")
    assert [g[:2] for g in got] == [("Killed", 1)]


def test_an_article_without_a_person_noun_is_not_a_count() -> None:
    got = _casualties("The Russian shelling of Kherson on Monday wounded a number of people.")
    assert not any(g[1] == 1 for g in got)


def test_unnamed_governor_makes_the_figure_official() -> None:
    got = _casualties("Four people were killed in a Russian missile strike on Sumy, the regional governor said.")
    assert got == [("Killed", 4, "OfficialSource", None)]


def test_unnamed_body_after_kata_makes_the_figure_official() -> None:
    got = _casualties("Tiga warga tewas akibat serangan rudal Rusia di Sumy, kata pemerintah kota.", "id")
    assert got == [("Killed", 3, "OfficialSource", None)]


def test_a_body_far_from_the_speech_verb_does_not_count() -> None:
    text = "Five people were killed in a Russian strike near the ministry building in Kyiv, witnesses said."
    assert [g[2] for g in _casualties(text)] == ["UnattributedSource"]


def test_unnamed_officials_warning_is_not_the_possessor_s_threat() -> None:
    x = extract("Moscow could hit Ukraine's power plants again this winter, officials warned.")
    assert not [e for e in x.events if e.cls.endswith("Threat")]


def test_demonym_before_officials_makes_the_state_the_subject() -> None:
    x = extract("Ukrainian officials accused Russia of shelling Kherson.")
    (acc,) = [e for e in x.events if e.cls.endswith("Accusation")]
    assert (acc.speaker, acc.attributed_to) == (ENT + "ukraine", ENT + "russia")


def test_side_two_plain_words_before_the_event_noun_is_the_agent() -> None:
    (a,) = attacks(extract("A Russian cluster munition attack on Kharkiv wounded six people."))
    assert a.agents == [ENT + "russia"]


def test_side_two_plain_words_after_the_event_noun_is_the_agent() -> None:
    (a,) = attacks(extract("Serangan bom luncur Rusia menghantam kota Kherson pada Senin.", "id"))
    assert a.agents == [ENT + "russia"]


def test_a_verb_between_noun_and_actor_stops_the_agent_search() -> None:
    (a,) = attacks(extract("The attack on Kherson was condemned by Ukraine on Monday."))
    assert a.agents != [ENT + "ukraine"]


def test_other_and_ages_are_no_counts() -> None:
    got = _casualties("A man was killed and four other people were wounded when a missile hit a house in Sumy.")
    assert ("Injured", 4) in [g[:2] for g in got]
    got = _casualties("Dua pria berusia 50 dan 48 tahun tewas ketika bom Rusia menghantam kota Sumy.", "id")
    assert [g[:2] for g in got] == [("Killed", 2)]


def test_the_office_s_jurisdiction_and_a_capital_as_subject_are_no_event_places() -> None:
    (a,) = attacks(extract("Gubernur Sumy Ivan Petrenko menyebut desa Myropillia digempur dengan rudal.", "id"))
    assert a.place != ENT + "sumy"
    assert not attacks(extract("Moskow tampaknya menghidupkan kembali taktik serangan jarak jauh.", "id"))


def test_a_capital_after_accused_stands_for_its_state() -> None:
    x = extract("The ministry's spokesman Ivan Sorokin said the raid was planned abroad. He accused Kyiv of the raid.")
    (acc,) = [e for e in x.events if e.cls.endswith("Accusation")]
    assert acc.attributed_to == ENT + "ukraine"


def test_a_participle_after_a_comma_takes_the_speaker_as_subject() -> None:
    text = "Kremlin spokesman Dmitry Peskov told reporters the army hits only military sites, rejecting the reports."
    x = extract(text)
    (d,) = [e for e in x.events if e.cls.endswith("#Denial")]
    assert d.speaker == ENT + "dmitry-peskov"


def test_a_day_earlier_is_the_day_before_the_sentence_s_date_and_a_statement_date_is_not_the_event_s() -> None:
    (a,) = attacks(extract("The ministry said on Thursday that its drone strike on Sumy a day earlier hit a depot."))
    assert a.date is not None and a.date.date == dt.date(2024, 6, 12)  # Thursday is 13 June


def test_the_subject_of_a_verbal_trigger_does_not_cross_a_speech_verb() -> None:
    x = extract("Ukrainian officials say the two missiles that struck Sumy on Sunday killed 30 people.")
    (a,) = attacks(x)
    assert a.agents != [ENT + "ukraine"]
    assert not [e for e in x.events if e.cls.endswith("ResponsibilityClaim")]


def test_one_of_the_deadliest_attacks_is_a_comparison() -> None:
    assert len(attacks(extract("A missile strike hit Sumy on Sunday, one of the deadliest attacks of the year."))) == 1


def test_a_follow_up_mention_without_place_is_the_same_event() -> None:
    x = extract("A Russian missile strike hit Sumy on Sunday. The two missiles that struck the centre killed 30.")
    (a,) = attacks(x)
    assert [(c.count, c.event) for c in x.casualties] == [(30, a)]


def test_a_nya_speech_verb_takes_the_last_speaker_and_a_quote_condemns_the_enemy() -> None:
    text = (
        "Presiden Volodymyr Zelensky mengatakan serangan itu menewaskan tiga orang. "
        '"Rusia kembali melancarkan serangan brutal di kota kami," tulisnya.'
    )
    x = extract(text, "id")
    accs = [e for e in x.events if e.cls.endswith("Accusation")]
    assert [(a.speaker, a.attributed_to) for a in accs] == [(ENT + "volodymyr-zelenskyy", ENT + "russia")]


def test_blame_without_harm_is_no_accusation() -> None:
    x = extract("Presiden Volodymyr Zelensky menuding Putin tidak menginginkan perdamaian.", "id")
    assert not [e for e in x.events if e.cls.endswith("Accusation")]


def test_a_condemnation_pointing_back_accuses_the_attack_s_side_not_a_third_party() -> None:
    text = (
        "A Russian missile strike killed 20 people in Sumy on Sunday, President Volodymyr Zelenskyy said. "
        '"Only barbaric scum can do something like this," he said, and invited U.S. President Donald Trump to visit.'
    )
    accs = [e for e in extract(text).events if e.cls.endswith("Accusation")]
    assert {a.attributed_to for a in accs} == {ENT + "russia"}


def test_a_toll_update_gives_the_count_and_its_date_is_not_the_attack_s() -> None:
    (c,) = _casualties("The death toll from the Russian missile strike on Dnipro rose to 45 on Tuesday.")[:1]
    assert c[:2] == ("Killed", 45)
    (a,) = attacks(extract("The death toll from the Russian missile strike on Dnipro rose to 45 on Tuesday."))
    assert a.date is None or a.date.text != "Tuesday"


def test_a_month_with_last_year_is_that_month_of_last_year() -> None:
    (a,) = attacks(extract("Pasukan Ukraina menyerbu Kursk dalam serangan kilat pada Agustus tahun lalu.", "id"))
    assert a.date is not None and (a.date.date, a.date.precision) == (dt.date(2023, 8, 1), "month")


def test_a_nationwide_toll_is_a_running_total() -> None:
    got = _casualties("The 44 people killed nationwide in Monday's missile attacks were mourned on Tuesday.")
    assert got == []


def test_hours_earlier_is_the_same_day_and_a_capital_that_came_under_attack_is_the_place() -> None:
    (a,) = attacks(extract("Hours earlier, Kyiv had come under Russian drone attack yet again."))
    assert a.place == ENT + "kyiv" and a.date is not None and a.date.date == dt.date(2024, 6, 14)
