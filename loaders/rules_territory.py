"""Captures of territory and the territorial claims a speaker makes about them.

A capture trigger ("merebut", "captured", "recaptured") that is not negated ("gagal merebut", "failed to
take"), hypothetical, adjectival ("the occupied territories") or threatened names the places taken:
the list of places that starts within five words after it, up to a subordinate clause ("since ...");
not a country, and not a reference point ("sebuah desa dekat Sievierodonetsk" does not say that
Sievierodonetsk was taken). "Recaptured it" takes the place named before in the sentence. With a
speaker, each place is also a territorial claim by the speaker; "more than 190 settlements" gives one
claim with a count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .claim_status import (
    claim_of,
    claimant_of_denied,
    confirms,
    denial_before,
    later_denials,
    restate,
    set_status,
    withdrawals,
)
from .classes import CAPTURE, TERRITORIAL
from .facts import CLAIMED, CONFIRMED, DENIED, REPORTED, EventFact
from .places import event_places, search_end
from .quantities import number_ending_before
from .view import LEX, Mention

if TYPE_CHECKING:
    from .rules import SentenceRules


def captures(r: SentenceRules) -> None:
    sv, lex = r.sv, r.lex
    for t in sv.of("trigger"):
        if str(t.value) != CAPTURE:
            continue
        a, b = sv.clause_of(t.first)
        if r.negated(t.first, a) or r.modal(t.first, a) or r.in_threat(t.first):
            continue
        if sv.cue_before(t.first, "cue:DemonstrativeBefore", 0, a) is not None or _adjectival(r, t.first):
            continue  # "the occupied territories", "the partly occupied Luhansk region": an adjective
        if sv.cue_before(t.first, "cue:Infinitive", 0, a) is not None:
            continue  # "efforts to capture the city", "upaya untuk merebut": not done
        if _passive(r, t.first) and any(tok.lower in _SINCE for tok in sv.tokens[t.last : b]):
            continue  # "has been partially occupied since 2022", "dikuasai ... sebelum invasi": a state, not an event
        claimant = r.speaker.iri if r.speaker else None
        forces = next(  # the nearest before the verb: "Ukraine's army denied ... that Russian troops had captured"
            (
                m
                for m in reversed(sv.mentions)
                if a <= m.first < t.first and lex.entities[m.iri].body_kind == LEX + "ArmedForces"
            ),
            None,
        )
        agent = forces.iri if forces else None
        if _passive(r, t.first):  # "dikuasai pasukan Rusia", "was captured by Russian troops": the agent follows
            after = r.actor_after(t.last + int(sv.cue_at(t.last, "cue:AgentCue") is not None), b, gap=1)
            agent = after.iri if after is not None else None
        if agent is None:
            subj = r.subject_before(t.first, a)
            agent = subj.iri if subj and subj.iri != claimant else None
        if agent is None and claimant:
            state = lex.state_of(claimant)
            agent = lex.body_of(state, LEX + "ArmedForces") if state else claimant
        date = r.date_near(t.first, a, b)
        status = CLAIMED if claimant else REPORTED
        denial = denial_before(r, t.first)
        if denial is not None and (r.speaker is None or r.lex.state_of(r.speaker.iri) != lex.state_of(agent)):
            status, claimant = DENIED, claimant_of_denied(r, denial, agent)  # the denier claims nothing
        elif confirms(r, agent):
            status, claimant = CONFIRMED, None
        # a counted claim: "more than 190 settlements"
        noun = next((n for n in sv.of("cue:SettlementNoun") if t.last <= n.first <= t.last + 5 and n.last <= b), None)
        if noun is not None:
            num = number_ending_before(sv.tokens, sv.matches, noun.first, set())
            if num is not None:
                qual = sv.cue_before(num[1], "qualifier", 1, t.last)
                region = next(iter(sv.places(noun.last, min(b, noun.last + 3))), None)
                if claimant:
                    r.speech(
                        TERRITORIAL,
                        t,
                        claimant,
                        claimed_place=region.iri if region else None,
                        count=num[0],
                        count_qualifier=str(qual.value) if qual else None,
                        date=date,
                        status=CLAIMED,
                    ).add_evidence(r.ev(t.first, noun.last))
                continue
        places = _taken(r, t.first, t.last, b)
        named = {p.iri for p in places}
        claimed: list[Mention] = []
        for p in places:
            if any(p.iri in lex.ancestors(o) for o in named if o != p.iri):
                continue  # a container named for context ("in the Kharkiv region")
            if p.iri not in {c.iri for c in claimed}:
                claimed.append(p)
        for p in claimed:
            earlier = next((e for e in r.out.events if e.cls == CAPTURE and e.place == p.iri), None)
            if earlier is not None and status in (DENIED, CONFIRMED):
                set_status(r, earlier, status)  # the capture claimed before, now denied or confirmed
                earlier.add_evidence(r.ev(t.first, p.last))
                continue
            if earlier is not None and earlier.status in (CLAIMED, DENIED, CONFIRMED) and claimant:
                restate(r, earlier, claimant, r.ev(t.first, p.last))  # the same claim stated again
                continue
            capture = EventFact(
                CAPTURE,
                [r.ev(t.first, p.last)],
                place=p.iri,
                date=date,
                status=status,
                agents=[agent] if agent else [],
            )
            r.out.events.append(capture)
            prior = claim_of(r, p.iri) if status in (DENIED, CONFIRMED) else None
            if prior is not None:
                set_status(r, capture, status)
            elif claimant:
                r.speech(
                    TERRITORIAL,
                    t,
                    claimant,
                    claimed_place=p.iri,
                    about=capture,
                    date=date,
                    status=status if status == DENIED else CLAIMED,
                ).add_evidence(r.ev(p.first, p.last))
    later_denials(r)
    withdrawals(r)


_SINCE = {"since", "sejak", "sebelum", "before"}
_SETTLEMENT_NOUNS = ("cue:CityNoun", "cue:VillageNoun", "cue:SettlementTypeNoun")


def _definite_object(r: SentenceRules, i: int) -> Mention | None:
    """'the town', 'the village', 'kota tersebut', 'desa itu' as the capture's object, with no name after it."""
    sv = r.sv
    while i < len(sv.tokens) and sv.tokens[i].text in "\"'\u201c\u201d":
        i += 1
    the = i < len(sv.tokens) and sv.tokens[i].lower == "the"
    j = i + int(the)
    noun = next((m for m in sv.matches if m.first == j and m.kind in _SETTLEMENT_NOUNS), None)
    if noun is None or sv.entity_at(noun.last) is not None:
        return None
    if not the and sv.cue_at(noun.last, "cue:DemonstrativeAfter") is None:
        return None
    iri = r.disc.last_settlement(r.idx)
    return Mention(iri, noun.first, noun.last, noun.text) if iri else None


def _passive(r: SentenceRules, i: int) -> bool:
    """'dikuasai', 'direbut' (Indonesian di- passive) or 'was captured'."""
    toks = r.sv.tokens
    return toks[i].lower.startswith("di") or (i > 0 and toks[i - 1].lower in ("was", "were", "been", "is", "are"))


def _adjectival(r: SentenceRules, i: int) -> bool:
    """A participle after an article, or after an adverb that follows one ("the partly occupied")."""
    toks = r.sv.tokens
    if i >= 1 and toks[i - 1].lower in ("the", "a", "an"):
        return True
    return i >= 2 and toks[i - 1].lower.endswith("ly") and toks[i - 2].lower in ("the", "a", "an")


def _taken(r: SentenceRules, first: int, last: int, b: int) -> list[Mention]:
    sv, lex = r.sv, r.lex
    referent = _definite_object(r, last)
    if referent is not None:  # "had 'liberated' the town in the Donetsk region": the town named before
        return [referent]
    end = search_end(r, last, b)
    for i in range(last, end - 1):  # "Tabaivka, which lies near the Luhansk region": not taken
        if sv.tokens[i].text == "," and sv.tokens[i + 1].lower in ("which", "who"):
            end = i
            break
    near = {p.first for p in sv.places(last, end) if sv.cue_before(p.first, "cue:RelativeDirection", 3, last)}
    cands = [
        p
        for p in event_places(r, last, end)
        if "Country" not in lex.types(p.iri) and p.first not in near and not p.generic
    ]
    if cands and cands[0].first - last <= 5:
        return cands
    pron = sv.cue_at(last, "cue:Pronoun")
    passive = _passive(r, first)
    if not cands and (pron is not None or passive):  # "Ukraine recaptured it", "Avdiivka kini dikuasai pasukan Rusia"
        a, _ = sv.clause_of(first)
        before = [p for p in sv.places(a if passive else 0, first) if "Country" not in lex.types(p.iri)]
        inner = [p for p in before if not any(p.iri in lex.ancestors(o.iri) for o in before if o is not p)]
        return inner[-1:]  # "mundur dari Avdiivka di wilayah Donetsk, ... kota tersebut kini dikuasai": Avdiivka
    return []
