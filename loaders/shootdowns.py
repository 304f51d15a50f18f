"""Manned aircraft shot down: "Ukraine said it shot down a Russian Su-34 fighter jet".

An interception verb with a manned-aircraft noun in its clause (after the verb, or before it in the
passive: "a Russian helicopter was shot down") reports an attack on that aircraft, unlike a drone or
missile shot down, which reports an attack *by* the weapon's side (loaders/interceptions.py). The
attacker is the verb's subject (a pronoun is the recent speaker), else the sentence's speaker, else the
state at war with the aircraft's side; the aircraft's side is the state named just before the noun.
No attack is recorded when the attacker would be the aircraft's own side (a crash is not an attack).
The event is ckg:Attack (the ontology has no class for air-defence engagements), claimed when a
speaker reports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .classes import ATTACK
from .facts import CLAIMED, REPORTED, EventFact
from .places import event_places

if TYPE_CHECKING:
    from .rules import SentenceRules
    from .rules_attacks import AttackMention


def aircraft_shootdowns(rules: SentenceRules, mention_type: type[AttackMention]) -> None:
    sv, lex = rules.sv, rules.lex
    for v in sv.of("cue:InterceptVerb"):
        a, b = sv.clause_of(v.first)
        if rules.negated(v.first, a) or rules.modal(v.first, a):
            continue
        after = [n for n in sv.of("cue:MannedAircraftNoun") if v.last <= n.first <= v.last + 8 and n.last <= b]
        before = [
            n
            for n in sv.of("cue:MannedAircraftNoun")
            if a <= n.first and v.first - 6 <= n.last <= v.first and sv.cue_in(n.last, v.first, "cue:PassiveAuxiliary")
        ]
        if not after and not before:
            continue
        craft = (after or before)[0]
        side_m = next(
            (m for m in reversed(sv.mentions) if craft.first - 4 <= m.first < craft.first and lex.state_of(m.iri)),
            None,
        )
        side = lex.state_of(side_m.iri) if side_m is not None else None
        if before and side is None:
            continue  # "an An-26 transport plane had been destroyed": nobody's, by nobody
        subj = rules.subject_before(v.first, a) if not before else None
        attacker = subj.iri if subj is not None else (rules.speaker.iri if rules.speaker is not None else None)
        if attacker is None or (side_m is not None and attacker == side_m.iri):
            attacker = lex.enemy_of(side)
        if attacker is None or (side is not None and lex.state_of(attacker) == side):
            continue
        lo, hi = min(v.first, craft.first), max(v.last, craft.last)
        start = v.first if after else a  # "Kyiv said it shot down ...": the speaker is no place of the event
        places = [p for p in event_places(rules, start, b) if "Country" not in lex.types(p.iri)]
        fact = EventFact(
            ATTACK,
            [rules.ev(lo, hi)],
            agents=[attacker],
            place=places[0].iri if places else None,
            date=rules.date_near(v.first, a, b),
            status=CLAIMED if rules.speaker is not None else REPORTED,
        )
        merged = rules.disc.add_attack(fact)
        rules.disc.anchored.add(id(merged))
        rules.attacks.append((mention_type(lo, hi, ATTACK, False, None), merged))
