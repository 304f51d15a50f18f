"""Speech acts about responsibility: accusations, claims of responsibility, denials; and remarks.

- Triggers: "menyalahkan", "blamed", "condemns" (accusation; the accuser is the subject, the accused the
  next actor or the agent of the attack condemned), "claimed responsibility" (or, negated, the report
  that the actor has not claimed it), "membantah", "denied".
- A condemnation word in what a speaker says ("a terrorist country", "aggression and brutality",
  "teror") is an accusation by the speaker against the other side named in the sentence, or the agent
  of the attack the sentence speaks of; a word for the perpetrators ("terrorists") names the speaker's
  enemy (``ckg:atWarWith``) when nobody is named.
- After an actor denied an attack, its side's statement that another actor targeted or used the weapon
  ("pasukan Ukraina pasti menargetkan stasiun tersebut") is a counter-accusation about that attack.
- An accusation needs an accuser; the same actor accusing the same side again, or denying again, is
  the same statement (one fact, more evidence).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .claim_status import about_territory
from .classes import ACCUSATION, ATTACK, DENIAL, NO_CLAIM, RESP_CLAIM
from .facts import CLAIMED, EventFact
from .lexicon import Match
from .view import Mention

if TYPE_CHECKING:
    from .rules import SentenceRules


def attributions(r: SentenceRules) -> None:
    sv = r.sv
    for t in sv.of("trigger"):
        cls = str(t.value)
        if cls not in (ACCUSATION, RESP_CLAIM, DENIAL):
            continue
        if cls == DENIAL and about_territory(r, t):
            continue  # "rejected a claim that Russian troops had captured X": loaders/claim_status.py
        if cls == DENIAL and _disputes_figure(r, t):
            continue  # "membantah klaim Rusia bahwa serangan itu menewaskan 600 tentara": a disputed toll
        a, b = sv.clause_of(t.first)
        subj = r.subject_before(t.first, a) or r.speaker
        if sv.tokens[t.first].lower.endswith("ing") and t.first > 0 and sv.tokens[t.first - 1].text == ",":
            subj = r.speaker or subj  # "Peskov told reporters that ..., rejecting suggestions": the speaker rejects
        target_event = r.attack_after(t.last, b) or r.attack_after(a, b)
        if cls == ACCUSATION:
            if subj is None:
                continue  # "we gather to condemn ...": nobody named accuses
            if target_event is None and not _about_harm(r):
                continue  # "menuding Putin tidak menginginkan perdamaian": blame, but not for harm done
            accused = r.actor_after(t.last, b, gap=3, exclude=subj.iri) or _capital_state(r, t.last, b)
            if accused is None and target_event is not None and target_event.agents:
                # "condemns the wave of Russian strikes": the accused is the attack's agent
                agent = target_event.agents[0]
                accused = Mention(agent, t.first, t.last, agent)
            if accused is None:
                continue  # "condemned the attacks by others": the shapes require the accused (ckg:attributedTo)
            if r.lex.state_of(accused.iri) == r.lex.state_of(subj.iri) and r.lex.state_of(subj.iri) is not None:
                continue  # a side accusing itself is a misread subject (and the shapes forbid it)
            act = statement(r, cls, t, subj.iri, accused.iri, target_event)
            if target_event is not None and accused is not None and not target_event.agents:
                target_event.agents.append(accused.iri)
            act.date = r.date_near(t.first, a, b)
        elif cls == RESP_CLAIM and r.negated(t.first, a):
            if subj is None:
                continue
            fact = EventFact(NO_CLAIM, [r.ev(t.first, t.last)], attributed_to=subj.iri, about=target_event)
            r.out.events.append(fact)
        else:
            if subj is None:
                continue
            statement(r, cls, t, subj.iri, subj.iri, target_event)
            if cls == DENIAL and target_event is not None:
                r.disc.denials[r.lex.state_of(subj.iri) or subj.iri] = target_event
    own_side_claims(r)
    condemnations(r)
    counter_accusations(r)


_HARM_WORDS = {
    "war", "conflict", "invasion", "crime", "crimes", "attack", "civilians", "targeting", "targeted", "shield",
    "perang", "konflik", "invasi", "kejahatan", "sipil", "membidik", "menyasar", "tameng",
}  # fmt: skip


def _points_back(r: SentenceRules) -> bool:
    """'something like this', 'seperti ini', 'such an attack': the words refer to what was just reported."""
    toks = [t.lower for t in r.sv.tokens]
    return any(w in toks for w in ("this", "ini", "such", "semacam")) or "seperti ini" in " ".join(toks)


def _about_harm(r: SentenceRules) -> bool:
    """The sentence speaks of harm: an attack word, a casualty, a condemnation word, or war and crime."""
    sv = r.sv
    kinds = ("casualty", "cue:CondemnationWord", "cue:PerpetratorNoun", "cue:RetaliationVerb", "weapon")
    if any(m.kind in kinds for m in sv.matches):
        return True
    if any(r.lex.is_subclass(str(t.value), ATTACK) for t in sv.of("trigger")):
        return True
    return any(t.lower in _HARM_WORDS for t in sv.tokens)


def _disputes_figure(r: SentenceRules, t: Match) -> bool:
    """A denial of a claim whose content is a casualty figure, not who is responsible."""
    sv = r.sv
    claim = sv.cue_in(t.last, min(len(sv.tokens), t.last + 3), "cue:ClaimNoun")
    return bool(claim) and any(c.first > claim[0].last for c in sv.of("casualty"))


def _capital_state(r: SentenceRules, i: int, b: int) -> Mention | None:
    """'accused Kyiv of ...': a capital right after the verb stands for its state."""
    m = r.sv.entity_at(i) if i < b else None
    info = r.lex.entities.get(m.iri) if m is not None else None
    if m is None or info is None or not info.capital_of:
        return None
    return Mention(info.capital_of, m.first, m.last, m.text)


def statement(
    r: SentenceRules, cls: str, t: Match, speaker: str, attributed: str | None, about: EventFact | None
) -> EventFact:
    """A new attribution statement, or the same actor's earlier one about the same side (and event)."""
    r.disc.note_speaker(r.idx, speaker)  # "Zelenskyy condemned ... '...,' he said": he is the accuser
    for e in r.out.events:
        if e.cls != cls or e.speaker != speaker or e.attributed_to != attributed:
            continue
        if cls == RESP_CLAIM and e.about is not about:
            continue
        if about is None or e.about is None or e.about is about:
            e.add_evidence(r.ev(t.first, t.last))
            e.about = e.about or about
            return e
    return r.speech(cls, t, speaker, attributed_to=attributed, about=about, status=CLAIMED)


def condemnations(r: SentenceRules) -> None:
    sv, lex = r.sv, r.lex
    if r.speaker is None:
        return
    speaker = r.speaker.iri
    side = lex.state_of(speaker)
    words = [*sv.of("cue:CondemnationWord"), *sv.of("cue:PerpetratorNoun")]
    if not words:
        return
    word = words[0]
    enemy = lex.enemy_of(side)
    others = [
        m
        for m in sv.actors()
        if m.iri != speaker and (side is None or lex.state_of(m.iri) != side) and m is not r.speaker
    ]
    foes = [m for m in others if enemy is not None and lex.state_of(m.iri) == enemy]
    event = next((ev for _, ev in r.attacks), None)
    recent = next(  # '"Only deranged scum can do this," he said, and invited U.S. President ...': the attack's side
        (e for e in r.disc.by_recency() if e.agents and lex.state_of(e.agents[0]) == enemy and enemy is not None),
        None,
    )
    accused: str | None = None
    if foes:
        accused = min(foes, key=lambda m: abs(m.first - word.first)).iri
    elif event is not None and event.agents and lex.state_of(event.agents[0]) != side:
        accused = event.agents[0]
    elif recent is not None and r.idx - max(v.sentence for v in recent.evidence) <= 2 and _points_back(r):
        accused, event = lex.state_of(recent.agents[0]) or recent.agents[0], recent
    elif others:
        accused = min(others, key=lambda m: abs(m.first - word.first)).iri
    elif sv.of("cue:PerpetratorNoun"):  # "deal with the terrorists": the enemy
        accused = lex.enemy_of(side)
    if accused is not None:
        statement(r, ACCUSATION, word, speaker, accused, event)


def counter_accusations(r: SentenceRules) -> None:
    """'Rusia menyatakan pasukan Ukraina pasti menargetkan stasiun tersebut', after Russia denied the strike."""
    sv, lex = r.sv, r.lex
    if r.speaker is None:
        return
    side = lex.state_of(r.speaker.iri) or r.speaker.iri
    denied = r.disc.denials.get(side)
    if denied is None:
        return
    verbs = [m for m in sv.matches if m.kind in ("cue:HitVerb", "cue:InstrumentVerb", "cue:AttackVerb")]
    for v in verbs:
        actor = next(
            (m for m in reversed(sv.actors(max(0, v.first - 4), v.first)) if lex.state_of(m.iri) not in (None, side)),
            None,
        )
        if actor is not None and actor.first > r.speaker.first:
            statement(r, ACCUSATION, v, r.speaker.iri, actor.iri, denied)
            return


def own_side_claims(r: SentenceRules) -> None:
    """A speaker reporting an attack by its own side ("our air force destroyed ...") claims it."""
    if r.speaker is None:
        return
    side = r.lex.state_of(r.speaker.iri)
    for am, fact in r.attacks:
        if id(fact) in r.anaphoric or not fact.agents:
            continue  # "the attack on Odesa comes after ...": a reference is not a report
        if any(e.cls == RESP_CLAIM and e.about is fact for e in r.out.events):
            continue
        agent = fact.agents[0]
        if agent == r.speaker.iri or (side is not None and r.lex.state_of(agent) == side):
            trigger = Match("trigger", RESP_CLAIM, am.first, am.last, 0, 0, "")
            r.speech(RESP_CLAIM, trigger, r.speaker.iri, attributed_to=r.speaker.iri, about=fact, status=CLAIMED)


def remarks(r: SentenceRules) -> None:
    """'Putin made the remarks by video link on Sunday': channel and date for earlier remarks."""
    sv = r.sv
    for m in sv.of("cue:RemarksAnaphor"):
        subj = r.subject_before(m.first, 0) or r.speaker
        if subj is None:
            continue
        prior = r.disc.speech_of(subj.iri, r.idx, 3)
        if prior is None:
            continue
        prior.add_evidence(r.sentence_ev())
        ch = sv.of("channel")
        if ch and prior.channel is None:
            prior.channel = str(ch[0].value)
        date = r.date_near(m.first, 0, len(sv.tokens))
        if date is not None and (prior.date is None or not prior.date.resolved):
            prior.date = date
