"""Threat targets after a modal, threat nouns, alerts to residents, pledges of retribution (invented text)."""

from __future__ import annotations

from conflictkg.loaders.facts import EventFact

from .rule_helpers import ENT, extract


def _threats(text: str, lang: str = "en") -> list[EventFact]:
    return [e for e in extract(text, lang).events if e.cls.endswith("#Threat")]


def test_the_actor_after_the_modal_is_the_target() -> None:
    (t,) = _threats("Putin warned that Russia would treat NATO as a party to the war if it sent jets.")
    assert t.targets == [ENT + "nato"]


def test_a_threat_noun_needs_its_holder() -> None:
    assert _threats("Sejumlah kota menaikkan tingkat ancaman teror pada Senin.", "id") == []
    (t,) = _threats("Ancaman Putin itu dikecam banyak pihak.", "id")
    assert t.speaker == ENT + "vladimir-putin"


def test_a_warning_to_residents_is_an_alert_not_a_threat() -> None:
    assert _threats("Mayor Vitali Klitschko warned residents to stay in shelters.") == []
    assert _threats("Gubernur itu memperingatkan warga agar tetap di tempat perlindungan.", "id") == []


def test_a_pledge_of_retribution_is_a_threat_against_the_named_side() -> None:
    (t,) = _threats("Zelensky bersumpah Rusia akan menerima balasan atas serangan itu.", "id")
    assert (t.speaker, t.targets) == (ENT + "volodymyr-zelenskyy", [ENT + "russia"])


def test_a_quoted_promise_of_punishment_is_a_threat() -> None:
    (t,) = _threats('"The attackers will be punished," Putin said on Monday.')
    assert t.speaker == ENT + "vladimir-putin"


def test_a_threat_noun_as_the_object_of_a_verb_is_the_subject_s_threat() -> None:
    (t,) = _threats("Presiden Rusia Vladimir Putin kembali melontarkan ancaman.", "id")
    assert t.speaker == ENT + "vladimir-putin"


def test_western_countries_are_a_collective_target() -> None:
    (t,) = _threats("Putin warned Western nations on Friday against sending troops.")
    assert t.targets == [ENT + "western-countries"]
    (t,) = _threats("Putin mengancam negara-negara Barat dengan senjata nuklir.", "id")
    assert t.targets == [ENT + "western-countries"]
