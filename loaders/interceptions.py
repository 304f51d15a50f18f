"""Interception claims: "air defences shot down 29 drones over the Belgorod and Kursk regions".

An interception verb with a weapon in the same clause reports an attack by the weapon's side: the
state named next to the weapon ("Ukrainian drones", "drone Ukraina"), else the state the speaker's
state is at war with (``ckg:atWarWith``). One attack per region or settlement named after the verb
(up to the next attack word), or one without a place. The attack is claimed by the speaker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .facts import CLAIMED, REPORTED, EventFact
from .quantities import number_ending_before
from .view import Mention

if TYPE_CHECKING:
    from .rules import AttackMention, SentenceRules


def interceptions(rules: SentenceRules, mention_type: type[AttackMention]) -> None:
    sv, lex = rules.sv, rules.lex
    for v in sv.of("cue:InterceptVerb"):
        a, b = sv.clause_of(v.first)
        if rules.negated(v.first, a) or rules.modal(v.first, a):
            continue
        weapons = [w for w in sv.of("weapon") if a <= w.first < b and abs(w.first - v.first) <= 8]
        weapons = [w for w in weapons if lex.weapon_event_type(str(w.value))]
        if not weapons:
            continue
        w = min(weapons, key=lambda x: abs(x.first - v.first))
        cls = lex.weapon_event_type(str(w.value)) or ""
        agent = _side(rules, w.first, w.last)
        if agent is None and rules.speaker is not None:
            agent = lex.enemy_of(lex.state_of(rules.speaker.iri))
        start = min(v.first, w.first)
        stop = next(
            (
                t.first
                for t in sv.of("trigger")
                if t.first > max(v.last, w.last)
                and lex.is_subclass(str(t.value), "https://w3id.org/conflictkg/ontology#Attack")
            ),
            b,
        )
        places = [p for p in sv.places(start, min(b, stop)) if "Country" not in lex.types(p.iri)]
        named = {p.iri for p in places}
        places = [p for p in places if not any(p.iri in lex.ancestors(o) for o in named if o != p.iri)]
        count = number_ending_before(sv.tokens, sv.matches, w.first, set())
        seen: set[str] = set()
        targets: list[Mention | None] = list(places) or [None]
        for place in targets:
            if place is not None and place.iri in seen:
                continue
            fact = EventFact(
                cls,
                [rules.ev(min(v.first, w.first), max(v.last, w.last))],
                agents=[agent] if agent else [],
                place=place.iri if place else None,
                date=rules.date_near(v.first, a, b),
                weapons=[str(w.value)],
                status=CLAIMED if rules.speaker else REPORTED,
            )
            if count is not None and len(places) <= 1:
                fact.weapon_count = count[0]
            if place is not None:
                seen.add(place.iri)
                fact.add_evidence(rules.ev(place.first, place.last))
            merged = rules.disc.add_attack(fact)
            rules.attacks.append((mention_type(w.first, w.last, cls, False, w), merged))


def _side(rules: SentenceRules, first: int, last: int) -> str | None:
    """The state named right before or after a weapon ("Ukrainian aerial drones", "drone Ukraina")."""
    for m in rules.sv.mentions:
        if (last <= m.first <= last + 1 or first - 3 <= m.first < first) and rules.lex.entities[m.iri].is_state:
            return m.iri
    return None
