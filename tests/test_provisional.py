"""People and places the gazetteer lacks become provisional entities (invented names and sentences)."""

from __future__ import annotations

import pytest

from .rule_helpers import ENT, extract

PROV = ENT + "provisional/"


def _people(text: str, lang: str = "en") -> set[str]:
    x = extract(text, lang)
    return {info.labels[lang] for iri, info in x.provisional.items() if "Person" in info.types}


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Health Minister Petra Voloshyna visited the hospital on Monday.", "en", "Petra Voloshyna"),
        ("Gubernur Rostov Ivan Lebedko mengatakan dua drone jatuh.", "id", "Ivan Lebedko"),
        ("Wakil Ketua Dewan Keamanan Rusia Pavel Grishin kembali mengancam Barat.", "id", "Pavel Grishin"),
        ("Taras Melnyk, governor of the Sumy region, said two people were hurt.", "en", "Taras Melnyk"),
        ("Olena Savchuk, an adviser to the president, denied the report.", "en", "Olena Savchuk"),
        ("Kepala administrasi militer kota itu, Bohdan Tkach, mengatakan tiga orang tewas.", "id", "Bohdan Tkach"),
    ],
)
def test_a_name_beside_a_title_is_a_provisional_person(text: str, lang: str, name: str) -> None:
    assert name in _people(text, lang)


def test_another_first_name_before_a_known_surname_is_another_person() -> None:
    x = extract("Oleksiy Kuleba, governor of the Kyiv region, said a facility was hit.")
    assert ENT + "dmytro-kuleba" not in x.mentions
    assert PROV + "person/oleksiy-kuleba" in x.mentions


def test_the_family_name_alone_later_names_the_same_person() -> None:
    x = extract("Taras Melnyk, governor of the Sumy region, spoke on Monday. Melnyk said a missile killed two people.")
    (c,) = x.casualties
    assert c.reporter == PROV + "person/taras-melnyk"


def test_the_person_before_an_apposition_is_the_speaker() -> None:
    x = extract("Olena Savchuk, an adviser to Ukraine's president, denied any involvement in the attack.")
    (d,) = [e for e in x.events if e.cls.endswith("Denial")]
    assert d.speaker == PROV + "person/olena-savchuk"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Melansir dari Al Jazeera, Presiden Ukraina, Volodymyr Zelenskyy menyebut serangan itu teror.", "id"),
        ("Rusia merebut desa itu pada Hari Minggu, dengan kepala NATO memperkirakan perang panjang.", "id"),
        ("The governor said two people were hurt in the attack.", "en"),
        ("Perintah Putin menyiagakan pasukan nuklir.", "id"),
    ],
)
def test_no_person_without_a_name_beside_a_title(text: str, lang: str) -> None:
    assert _people(text, lang) == set()


def test_people_are_not_located_in_the_place_named_after_them() -> None:
    x = extract("Foreign Minister Anna Kovac arrived in Kyiv on Tuesday.")
    (info,) = [i for i in x.provisional.values() if "Person" in i.types]
    assert info.located_in == []


def test_a_name_described_as_a_town_is_a_provisional_settlement_in_its_region() -> None:
    x = extract("Shelling killed a man in Zelenyi Hai, a small village in the Zaporizhzhia region, on Sunday.")
    info = x.provisional[PROV + "settlement/zelenyi-hai"]
    assert info.located_in == [ENT + "zaporizhzhia-oblast"]


def test_a_name_before_a_region_noun_is_a_provisional_region_named_with_the_noun() -> None:
    x = extract("A missile hit a warehouse in the Pivdennyi district on Thursday.")
    assert PROV + "region/pivdennyi-district" in x.provisional


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Eight people were hurt, Russia's Federal Forestry Agency said.", "en", "Federal Forestry Agency"),
        ("Juru bicara Dewan Pengawas Energi Rusia menolak berkomentar.", "id", "Dewan Pengawas Energi Rusia"),
        ("Perwakilan Komite Perikanan Rusia tiba di lokasi.", "id", "Komite Perikanan Rusia"),
    ],
)
def test_a_capitalised_name_with_an_organisation_head_is_a_provisional_body(text: str, lang: str, name: str) -> None:
    x = extract(text, lang)
    assert name in {i.labels[lang] for i in x.provisional.values() if "Organisation" in i.types}


def test_a_known_generic_body_is_no_provisional_body() -> None:
    x = extract("Kementerian Pertahanan mengatakan dua drone ditembak jatuh.", "id")
    assert not [i for i in x.provisional.values() if "Organisation" in i.types]
