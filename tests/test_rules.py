"""Each extraction rule on sentences written for these tests (none is copied from the dev set)."""

from __future__ import annotations

import datetime as dt

from conflictkg.loaders import Article, Extraction, RuleExtractor
from conflictkg.loaders.facts import EventFact

CKG = "https://w3id.org/conflictkg/ontology#"
ENT = "https://w3id.org/conflictkg/id/"


def extract(text: str, lang: str = "id", published: dt.date | None = dt.date(2023, 3, 12)) -> Extraction:
    return RuleExtractor().extract(Article(id="t", text=text, language=lang, date_published=published))


def of(x: Extraction, cls: str) -> list[EventFact]:
    return [e for e in x.events if e.cls == CKG + cls]


def test_weapon_with_hit_verb_is_a_typed_attack_with_agent_place_date_and_count() -> None:
    x = extract("Pada Kamis malam, empat drone Rusia menghantam gudang di kota Odesa.")
    (e,) = of(x, "DroneStrike")
    assert e.agents == [ENT + "russia"] and e.place == ENT + "odesa"
    assert e.date is not None and (e.date.date, e.date.precision) == (dt.date(2023, 3, 9), "day")
    assert e.weapon_count == 4 and e.weapons == [ENT + "weapon-drone"]


def test_english_demonym_before_the_trigger_is_the_agent() -> None:
    x = extract("A Russian missile attack hit Dnipro on Monday.", lang="en")
    (e,) = of(x, "MissileStrike")
    assert e.agents == [ENT + "russia"] and e.place == ENT + "dnipro"
    assert e.date is not None and e.date.date == dt.date(2023, 3, 6)


def test_negated_and_hypothetical_attacks_are_not_events() -> None:
    x = extract("Tidak ada serangan rudal di Lviv. Rusia berencana melakukan serangan udara ke Kyiv.")
    assert not [e for e in x.events if e.cls.endswith(("Strike", "Attack"))]
    y = extract("Russia could launch a missile strike on Kyiv.", lang="en")
    assert not of(y, "MissileStrike")


def test_anaphor_refers_to_the_last_attack_and_mentions_merge() -> None:
    x = extract(
        "Serangan drone menghantam kota Sumy. Drone Rusia itu menabrak sebuah sekolah di Sumy pada hari Jumat. "
        "Tiga orang tewas dalam serangan tersebut."
    )
    (e,) = of(x, "DroneStrike")
    assert e.place == ENT + "sumy" and e.date is not None and e.date.date == dt.date(2023, 3, 10)
    assert len({ev.sentence for ev in e.evidence}) == 3
    (c,) = x.casualties
    assert (c.event, c.casualty_type, c.count) == (e, CKG + "Killed", 3)


def test_generic_campaign_attacks_without_anchor_are_left_out() -> None:
    x = extract("Ukraina meningkatkan serangannya ke wilayah Rusia dalam beberapa bulan terakhir.")
    assert not [e for e in x.events if e.cls.endswith(("Strike", "Attack"))]


def test_accusation_links_accuser_accused_and_event() -> None:
    x = extract("Ukraina menuduh Rusia atas serangan rudal di Kharkiv.")
    (acc,) = of(x, "Accusation")
    (strike,) = of(x, "MissileStrike")
    assert (acc.speaker, acc.attributed_to, acc.about) == (ENT + "ukraine", ENT + "russia", strike)
    assert strike.agents == [ENT + "russia"] and strike.agent_status == "Alleged"


def test_not_claimed_and_claimed_responsibility() -> None:
    x = extract(
        "A drone strike hit Belgorod on Sunday. Ukraine has not claimed responsibility for the attack.", lang="en"
    )
    (nc,) = of(x, "NoResponsibilityClaim")
    (strike,) = of(x, "DroneStrike")
    assert nc.attributed_to == ENT + "ukraine" and nc.about is strike
    y = extract("Serangan drone menghantam Belgorod. Ukraina mengaku bertanggung jawab atas serangan itu.")
    (rc,) = of(y, "ResponsibilityClaim")
    assert rc.speaker == ENT + "ukraine" and rc.about is of(y, "DroneStrike")[0]


def test_threat_with_target_weapon_and_earlier() -> None:
    x = extract("Zelensky sebelumnya mengancam akan menyerang Belgorod dengan rudal jelajah.")
    (t,) = of(x, "Threat")
    assert t.speaker == ENT + "volodymyr-zelenskyy" and t.targets == [ENT + "belgorod"]
    assert t.weapons == [ENT + "weapon-cruise-missile"]
    assert t.date is not None and t.date.date is None and t.date.before == dt.date(2023, 3, 12)
    assert not of(x, "Attack") and not of(x, "MissileStrike")  # the threatened strike did not happen


def test_pledge_of_retaliation_is_a_threat_and_other_pledges_are_pledges() -> None:
    x = extract("Partai Demokrat berjanji untuk membalas Rusia. Partai Republik berjanji untuk menurunkan pajak.")
    (t,) = of(x, "Threat")
    (p,) = of(x, "Pledge")
    assert t.targets == [ENT + "russia"] and p.speaker == ENT + "republican-party"


def test_quoted_future_harm_joins_the_speakers_threat_and_remarks_give_channel_and_date() -> None:
    x = extract(
        "Putin mengancam Ukraina. “Mereka akan menghadapi pembalasan yang keras,” kata Putin. "
        "Putin melontarkan komentar itu dalam pidato video pada hari Sabtu."
    )
    (t,) = of(x, "Threat")
    assert t.targets == [ENT + "ukraine"] and t.channel == CKG + "VideoAddress"
    assert t.date is not None and t.date.date == dt.date(2023, 3, 11)
    assert len({ev.sentence for ev in t.evidence}) == 3


def test_territorial_claims_per_place_with_generic_ministry_resolved_by_context() -> None:
    x = extract(
        "Rusia mengatakan pasukannya terus maju. Kementerian Pertahanan mengatakan dalam sebuah telegram "
        "bahwa pasukannya telah merebut desa Lozova di wilayah Kharkiv dan kota Kupiansk."
    )
    claims = of(x, "TerritorialClaim")
    assert {c.claimed_place for c in claims} == {ENT + "lozova-kupiansk", ENT + "kupiansk"}
    assert {c.speaker for c in claims} == {ENT + "russian-ministry-of-defence"}
    assert {c.channel for c in claims} == {CKG + "Telegram"}
    captures = of(x, "CaptureOfTerritory")
    assert {c.agents[0] for c in captures} == {ENT + "russian-armed-forces"} and {c.status for c in captures} == {
        "Claimed"
    }


def test_counted_claim_and_capital_metonymy() -> None:
    x = extract("Tentara Kyiv mengatakan mereka telah merebut sedikitnya 12 permukiman Rusia tahun lalu.")
    (c,) = of(x, "TerritorialClaim")
    assert (c.speaker, c.count, c.count_qualifier, c.claimed_place) == (
        ENT + "armed-forces-of-ukraine",
        12,
        CKG + "AtLeast",
        ENT + "russia",
    )
    assert c.date is not None and (c.date.date, c.date.precision) == (dt.date(2022, 1, 1), "year")


def test_planned_capture_is_not_a_claim() -> None:
    x = extract("Menurut Kremlin, pasukan Rusia berupaya untuk merebut Kupiansk.")
    assert not of(x, "TerritorialClaim") and not of(x, "CaptureOfTerritory")


def test_unresolvable_generic_body_is_left_out_with_a_message() -> None:
    x = extract("Kementerian Pertahanan mengatakan pasukannya telah merebut Kupiansk.")
    assert not of(x, "TerritorialClaim")
    assert x.messages


def test_casualty_sources_official_media_and_speaker() -> None:
    x = extract(
        "Serangan rudal menghantam Dnipro pada hari Selasa. Secara resmi dua orang tewas, "
        "dan laporan media menyebutkan lima orang tewas."
    )
    reports = {(c.count, c.source_kind) for c in x.casualties}
    assert reports == {(2, "OfficialSource"), (5, "MediaSource")}
    y = extract(
        "A missile strike hit Sumy on Tuesday, killing at least 7 people, Governor Oleh Syniehubov said.", lang="en"
    )
    (c,) = y.casualties
    assert (c.count, c.qualifier, c.source_kind, c.reporter) == (
        7,
        CKG + "AtLeast",
        "OfficialSource",
        ENT + "oleh-syniehubov",
    )


def test_roles_and_taking_office() -> None:
    x = extract("Presiden Amerika Serikat Joe Biden akan digantikan. Donald Trump dilantik pada bulan Januari.")
    assert {(r.person, r.role, r.organisation) for r in x.roles} == {
        (ENT + "joe-biden", ENT + "role-president", ENT + "united-states")
    }
    (t,) = of(x, "TakingOffice")
    assert t.agents == [ENT + "donald-trump"] and t.date is not None and t.date.date == dt.date(2023, 1, 1)


def test_ambiguous_place_without_cue_is_not_guessed() -> None:
    x = extract("Serangan drone menghantam Lozova pada hari Senin.")
    (e,) = of(x, "DroneStrike")
    assert e.place is None  # two places are called Lozova; nothing says which
    y = extract("Serangan drone menghantam kota Lozova pada hari Senin.")
    assert of(y, "DroneStrike")[0].place == ENT + "lozova"


def test_language_without_lexicon_gets_entities_but_no_events() -> None:
    x = extract("Le ministère russe affirme que des drones ont frappé Kazan samedi.", lang="fr")
    assert not x.events and ENT + "kazan" in x.mentions
    assert "no event lexicon for language 'fr'" in x.messages[0]


def test_language_is_detected_when_not_given() -> None:
    x = extract("Serangan rudal Rusia menghantam kota Kharkiv pada hari Minggu pagi, kata gubernur.", lang="")
    assert x.language == "id" and of(x, "MissileStrike")
