"""Captures and territorial claims: lists of unknown villages, denials and confirmations (invented text)."""

from __future__ import annotations

from conflictkg.loaders.facts import EventFact

from .rule_helpers import ENT, extract

PROV = ENT + "provisional/settlement/"


def _events(text: str, lang: str = "en") -> list[EventFact]:
    return extract(text, lang).events


def _captures(text: str, lang: str = "en") -> list[tuple[str | None, str]]:
    return [(e.place, e.status) for e in _events(text, lang) if e.cls.endswith("CaptureOfTerritory")]


def _claims(text: str, lang: str = "en") -> list[tuple[str | None, str | None, str]]:
    return [(e.claimed_place, e.speaker, e.status) for e in _events(text, lang) if e.cls.endswith("TerritorialClaim")]


def test_a_list_of_unknown_villages_gives_one_capture_and_claim_each() -> None:
    text = "Kementerian Pertahanan Rusia, Senin (3/6/2024), menyatakan pasukannya merebut desa Zarichne, Hlyboke dan Lypky."  # noqa: E501
    assert [p for p, _ in _captures(text, "id")] == [PROV + "zarichne", PROV + "hlyboke", PROV + "lypky"]
    assert {s for _, s, _ in _claims(text, "id")} == {ENT + "russian-ministry-of-defence"}


def test_the_object_of_a_capture_verb_is_a_place_and_a_relative_clause_is_not_taken() -> None:
    text = "The Russian defence ministry said its forces had captured Zarichne, which lies near the Luhansk region."
    assert _captures(text) == [(PROV + "zarichne", "Claimed")]


def test_a_participle_after_the_article_is_no_capture() -> None:
    assert _captures("Shelling hit a market in the partly occupied Zaporizhzhia region on Monday.") == []


def test_a_denial_in_the_same_sentence_denies_capture_and_claim() -> None:
    text = "Ukraine's army denied a claim by Moscow that Russian troops had captured the village of Hlyboke."
    assert _captures(text) == [(PROV + "hlyboke", "Denied")]
    assert _claims(text) == [(PROV + "hlyboke", ENT + "russia", "Denied")]
    assert not [e for e in _events(text) if e.cls.endswith("#Denial")]  # not an attribution statement


def test_a_later_denial_of_the_claim_denies_the_earlier_claim() -> None:
    text = (
        "Kementerian Pertahanan Rusia mengatakan pasukannya merebut desa Lypky. "
        "Militer Ukraina membantah klaim tersebut."
    )
    assert _captures(text, "id") == [(PROV + "lypky", "Denied")]
    assert [c[2] for c in _claims(text, "id")] == ["Denied"]


def test_the_losing_side_acknowledging_confirms_the_claim() -> None:
    text = "Russia said it had captured Bilytske. Ukraine's army acknowledged that Russian forces had taken Bilytske."
    assert [s for _, s in _captures(text)] == ["Confirmed"]
    assert [c[2] for c in _claims(text)] == ["Confirmed"]


def test_a_withdrawal_reports_the_other_side_s_capture() -> None:
    x = extract("Pasukan Ukraina mundur dari Avdiivka pada Sabtu.", "id")
    (c,) = [e for e in x.events if e.cls.endswith("CaptureOfTerritory")]
    assert (c.place, c.agents, c.status) == (ENT + "avdiivka", [ENT + "russian-armed-forces"], "Reported")


def test_a_passive_capture_takes_the_place_before_and_the_agent_after() -> None:
    x = extract("Kota Avdiivka kini dikuasai pasukan Rusia.", "id")
    (c,) = [e for e in x.events if e.cls.endswith("CaptureOfTerritory")]
    assert (c.place, c.agents) == (ENT + "avdiivka", [ENT + "russian-armed-forces"])


def test_a_passive_state_since_a_date_is_no_capture() -> None:
    assert _captures("Refugees fled the region, which has been partly occupied since the invasion began.") == []
    assert _captures("Wilayah itu telah dikuasai oleh separatis sebelum invasi.", "id") == []


def test_a_passive_capture_takes_the_town_not_its_region() -> None:
    text = "Pasukan Ukraina mundur dari Avdiivka di wilayah Donetsk, sehingga kota itu kini dikuasai pasukan Rusia."
    assert [p for p, _ in _captures(text, "id")] == [ENT + "avdiivka"]


def test_a_claim_reported_after_its_denial_is_the_same_claim() -> None:
    text = (
        "Ukraine's army denied a claim by Moscow that Russian troops had captured the village of Hlyboke. "
        "Russia's defence ministry said its units had liberated Hlyboke. The claim is false, a Ukrainian officer said."
    )
    assert _captures(text) == [(PROV + "hlyboke", "Denied")]
    assert _claims(text) == [(PROV + "hlyboke", ENT + "russian-ministry-of-defence", "Denied")]


def test_the_town_as_a_capture_s_object_is_the_town_named_before_and_the_same_claim() -> None:
    text = (
        "Russia's defence ministry said on Sunday its forces had captured Toretsk. "
        "In a statement, the ministry said Russian troops had liberated the town in the Donetsk region."
    )
    assert _captures(text) == [(ENT + "toretsk", "Claimed")]
    assert len(_claims(text)) == 1


def test_rejecting_the_announcement_denies_the_claim() -> None:
    text = "Russia's defence ministry said its forces had captured Toretsk. Kyiv rejected the announcement."
    assert [s for _, s in _captures(text)] == ["Denied"]
    assert not [e for e in _events(text) if e.cls.endswith("#Denial")]


def test_efforts_to_capture_are_no_capture() -> None:
    assert _captures("Russia's efforts to capture the city of Toretsk have failed, Kyiv said.") == []


def test_denying_a_claimed_toll_is_no_attribution() -> None:
    text = "Ukraina membantah klaim Rusia bahwa serangan rudal di Kramatorsk menewaskan 600 tentaranya."
    assert not [e for e in _events(text, "id") if e.cls.endswith("#Denial")]
