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

from .classes import CAPTURE, TERRITORIAL
from .facts import CLAIMED, REPORTED, EventFact
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
        if sv.cue_before(t.first, "cue:DemonstrativeBefore", 0, a) is not None:
            continue  # "the occupied territories": an adjective
        claimant = r.speaker.iri if r.speaker else None
        forces = next(
            (
                m
                for m in sv.mentions
                if m.generic and a <= m.first < t.first and lex.entities[m.iri].body_kind == LEX + "ArmedForces"
            ),
            None,
        )
        agent = forces.iri if forces else None
        if agent is None:
            subj = r.subject_before(t.first, a)
            agent = subj.iri if subj and subj.iri != claimant else None
        if agent is None and claimant:
            state = lex.state_of(claimant)
            agent = lex.body_of(state, LEX + "ArmedForces") if state else claimant
        date = r.date_near(t.first, a, b)
        status = CLAIMED if claimant else REPORTED
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
            capture = EventFact(
                CAPTURE,
                [r.ev(t.first, p.last)],
                place=p.iri,
                date=date,
                status=status,
                agents=[agent] if agent else [],
            )
            r.out.events.append(capture)
            if claimant:
                r.speech(
                    TERRITORIAL, t, claimant, claimed_place=p.iri, about=capture, date=date, status=CLAIMED
                ).add_evidence(r.ev(p.first, p.last))


def _taken(r: SentenceRules, first: int, last: int, b: int) -> list[Mention]:
    sv, lex = r.sv, r.lex
    end = search_end(r, last, b)
    near = {p.first for p in sv.places(last, end) if sv.cue_before(p.first, "cue:RelativeDirection", 3, last)}
    cands = [
        p
        for p in event_places(r, last, end)
        if "Country" not in lex.types(p.iri) and p.first not in near and not p.generic
    ]
    if cands and cands[0].first - last <= 5:
        return cands
    pron = sv.cue_at(last, "cue:Pronoun")
    if not cands and pron is not None:  # "Ukraine recaptured it"
        before = [p for p in sv.places(0, first) if "Country" not in lex.types(p.iri)]
        return before[-1:]
    return []
