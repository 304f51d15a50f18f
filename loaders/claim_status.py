"""Whether a capture claimed by one side is denied or confirmed by the other.

- Denied in the same sentence: a denial before the capture word ("Ukraine's military rejected a claim
  by Moscow that Russian troops had captured Tabaivka", "membantah klaim bahwa pasukan Rusia merebut
  X"). The capture is denied; so is the claim: the article's earlier claim of that place, else a claim
  by the side named after "claim by" (or the capturing side's state). The denier claims nothing.
- Denied later: a denial of "the claim" / "klaim tersebut" with no capture word denies the latest
  claims of the other side within three sentences, and their captures.
- Confirmed: the losing side says its troops withdrew from the place ("withdrew from", "mundur dari"),
  or a speaker of the losing side confirms the capture ("acknowledged that Russian forces had taken X",
  "mengakui"). An earlier claimed capture of the place and its claims become confirmed (a capture the
  article merely reports stays reported: only a claim is confirmed); without one, the withdrawal
  reports a capture by the other side's armed forces.
A denial about territory is not an attribution statement (who is responsible for an event), so
loaders/rules_speech.py leaves such denials to this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .classes import CAPTURE, DENIAL, TERRITORIAL
from .facts import CLAIMED, CONFIRMED, DENIED, REPORTED, EventFact, Evidence
from .places import event_places
from .view import LEX

if TYPE_CHECKING:
    from .lexicon import Match
    from .rules import SentenceRules


def denial_before(r: SentenceRules, i: int) -> Match | None:
    """A denial word earlier in the sentence than token ``i``, not negated."""
    for t in r.sv.of("trigger"):
        if str(t.value) == DENIAL and t.last <= i and not r.negated(t.first, r.sv.clause_of(t.first)[0]):
            return t
    return None


def about_territory(r: SentenceRules, t: Match) -> bool:
    """The denial at ``t`` is about a capture: a capture word follows, or it denies "the claim" and the
    article's latest claims are territorial."""
    sv = r.sv
    if any(str(c.value) == CAPTURE and c.first > t.first for c in sv.of("trigger")):
        return True
    return bool(sv.cue_in(t.last, min(len(sv.tokens), t.last + 4), "cue:ClaimNoun")) and bool(_recent_claims(r))


def confirms(r: SentenceRules, agent: str | None) -> bool:
    """The sentence's speaker, of the other side than the capturing ``agent``, confirms ("acknowledged")."""
    verbs = r.sv.of("cue:ConfirmVerb")
    if agent is None or not verbs:
        return False
    who = r.speaker or r.subject_before(verbs[0].first, 0)
    side = r.lex.state_of(who.iri) if who is not None else None
    return side is not None and side != r.lex.state_of(agent)


def claim_of(r: SentenceRules, place: str) -> EventFact | None:
    return next(
        (e for e in reversed(r.out.events) if e.cls == TERRITORIAL and e.claimed_place == place),
        None,
    )


def set_status(r: SentenceRules, capture: EventFact, status: str) -> None:
    """The capture and every claim about it, or about its place, take ``status``."""
    capture.status = status
    for e in r.out.events:
        if e.cls == TERRITORIAL and (e.about is capture or (capture.place and e.claimed_place == capture.place)):
            e.status = status
            if e.about is not None:
                e.about.status = status


def restate(r: SentenceRules, capture: EventFact, claimant: str, ev: Evidence) -> None:
    """The claim of a capture already denied (or confirmed) is reported after the denial: the same claim,
    now with its precise claimant ("a claim by Moscow" is the defence ministry's)."""
    capture.add_evidence(ev)
    side = r.lex.state_of(claimant)
    for e in r.out.events:
        if e.cls == TERRITORIAL and e.about is capture and r.lex.state_of(e.speaker) == side:
            if e.speaker == side and claimant != side:
                e.speaker, e.agents = claimant, [claimant]
            e.add_evidence(ev)


def claimant_of_denied(r: SentenceRules, t: Match, agent: str | None) -> str | None:
    """'a claim by Moscow': the actor after the agent cue following the claim noun, else the agent's state."""
    sv = r.sv
    for noun in sv.cue_in(t.last, len(sv.tokens), "cue:ClaimNoun"):
        cue = next((c for c in sv.of("cue:AgentCue") if noun.last <= c.first <= noun.last + 1), None)
        if cue is not None:
            m = r.actor_after(cue.last, len(sv.tokens), gap=1)
            if m is not None:
                return r.lex.state_of(m.iri) or m.iri
            place = sv.entity_at(cue.last)  # "a claim by Moscow": the capital stands for its state
            info = r.lex.entities.get(place.iri) if place is not None else None
            if info is not None and info.capital_of:
                return info.capital_of
    return r.lex.state_of(agent) if agent else None


def later_denials(r: SentenceRules) -> None:
    sv = r.sv
    if any(str(c.value) == CAPTURE for c in sv.of("trigger")):
        return
    falsity = [  # "The claim is false": a denial without a denial verb
        f for f in sv.of("cue:FalsityCue") if sv.cue_in(max(0, f.first - 3), f.first, "cue:ClaimNoun")
    ]
    for t in [*sv.of("trigger"), *falsity]:
        if t.kind == "trigger" and (str(t.value) != DENIAL or not about_territory(r, t)):
            continue
        if t.kind != "trigger" and not _recent_claims(r):
            continue
        denier = r.subject_before(t.first, 0) or r.speaker
        side = r.lex.state_of(denier.iri) if denier is not None else None
        for claim in _recent_claims(r):
            if side is None or r.lex.state_of(claim.speaker) != side:
                claim.status = DENIED
                if claim.about is not None:
                    claim.about.status = DENIED
                claim.add_evidence(r.ev(t.first, t.last))


def withdrawals(r: SentenceRules) -> None:
    """'Ukrainian forces withdrew from Avdiivka': the other side's capture of the place, confirmed."""
    sv, lex = r.sv, r.lex
    for w in sv.of("cue:WithdrawalVerb"):
        a, b = sv.clause_of(w.first)
        if r.negated(w.first, a) or r.modal(w.first, a):
            continue
        places = [p for p in event_places(r, w.last, min(b, w.last + 6)) if "Country" not in lex.types(p.iri)]
        subj = r.subject_before(w.first, a) or r.speaker
        side = lex.state_of(subj.iri) if subj is not None else None
        enemy = lex.enemy_of(side)
        if not places or enemy is None:
            continue
        place = places[0]
        earlier = next(
            (e for e in reversed(r.out.events) if e.cls == CAPTURE and e.place == place.iri),
            None,
        )
        if earlier is not None:
            if earlier.status == CLAIMED:  # only a claim can be confirmed; a reported capture stays reported
                set_status(r, earlier, CONFIRMED)
            earlier.add_evidence(r.ev(w.first, place.last))
            continue
        r.out.events.append(
            EventFact(
                CAPTURE,
                [r.ev(w.first, place.last)],
                place=place.iri,
                date=r.date_near(w.first, a, b),
                status=REPORTED,
                agents=[lex.body_of(enemy, LEX + "ArmedForces") or enemy],
            )
        )


def _recent_claims(r: SentenceRules) -> list[EventFact]:
    return [e for e in r.out.events if e.cls == TERRITORIAL and e.speaker is not None and r.idx - e.first.sentence <= 3]
