"""Interception claims: "air defences shot down 29 drones over the Belgorod and Kursk regions".

An interception verb with a weapon in the same clause reports an attack by the weapon's side: the
state named next to the weapon ("Ukrainian drones", "drone Ukraina") or after an agent cue ("yang
diluncurkan oleh Rusia"), but not after a maker cue ("buatan Iran"); else the state the speaker's
state is at war with (``ckg:atWarWith``). One attack per region or settlement named after the verb
(up to the next attack word), or one without a place. The attack is claimed by the speaker.
A weapon already known ("the downed drones", "pesawat tanpa awak itu", "shot down ... during the
attack") refers back to the most recent compatible attack and only adds the place it names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .classes import ATTACK
from .facts import CLAIMED, REPORTED, EventFact
from .places import coordinated, event_places
from .quantities import number_ending_before
from .view import Mention

if TYPE_CHECKING:
    from .lexicon import Match
    from .rules import SentenceRules
    from .rules_attacks import AttackMention


def interceptions(rules: SentenceRules, mention_type: type[AttackMention]) -> None:
    sv, lex = rules.sv, rules.lex
    for v in sv.of("cue:InterceptVerb"):
        a, b = sv.clause_of(v.first)
        if rules.negated(v.first, a) or rules.modal(v.first, a):
            continue
        passive = sv.tokens[v.first].lower.startswith("di") or sv.cue_before(v.first, "cue:PassiveAuxiliary", 2, a)
        weapons = [  # before the verb only in the passive ("20 drones were shot down"), never its subject
            w  # ("a truck bomb destroyed the bridge" is the weapon at work, not one intercepted)
            for w in sv.of("weapon")
            if a <= w.first < b and abs(w.first - v.first) <= 8 and (w.first > v.first or passive)
        ]
        weapons = [w for w in weapons if lex.weapon_event_type(str(w.value))]
        if not weapons or any(am.first <= v.first < am.last for am, _ in rules.attacks):
            continue
        w = min(weapons, key=lambda x: abs(x.first - v.first))
        cls = lex.weapon_event_type(str(w.value)) or ""
        if len({lex.weapon_event_type(str(x.value)) for x in weapons if abs(x.first - w.first) <= 4}) > 1:
            cls = ATTACK  # "five Ukrainian drones and two rockets were intercepted"
        agent = _side(rules, w.first, w.last, b)
        if agent is None and rules.speaker is not None:
            agent = lex.enemy_of(lex.state_of(rules.speaker.iri))
        start = min(v.first, w.first)
        stop = next(
            (
                t.first
                for t in sv.of("trigger")
                if t.first > max(v.last, w.last) and lex.is_subclass(str(t.value), ATTACK)
            ),
            b,
        )
        places = [p for p in event_places(rules, start, min(b, stop)) if "Country" not in lex.types(p.iri)]
        places = coordinated(rules, places)
        style = {w.first - 1} if w.first and "-" in sv.tokens[w.first - 1].text else set()  # "27 Iranian-style drones"
        count = number_ending_before(sv.tokens, sv.matches, w.first, style)
        date = rules.date_near(v.first, a, b)
        if _known(rules, v, w, a, b):
            _refer(rules, mention_type, w, cls, agent, places)
            continue
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
                date=date,
                weapons=[str(w.value)],
                status=CLAIMED if rules.speaker else REPORTED,
            )
            if count is not None and len(places) <= 1:
                fact.weapon_count = count[0]
            if place is not None:
                seen.add(place.iri)
                fact.add_evidence(rules.ev(place.first, place.last))
            merged = rules.disc.add_attack(fact)
            rules.disc.anchored.add(id(merged))
            rules.attacks.append((mention_type(w.first, w.last, cls, False, w), merged))


def _known(rules: SentenceRules, v: Match, w: Match, a: int, b: int) -> bool:
    """The weapon is one already reported: 'the downed drones', 'five of the missiles', 'drone itu', or the
    sentence speaks of an attack already known ('during the attack', 'saat serangan berlangsung')."""
    sv = rules.sv
    first = min(v.first, w.first)
    if sv.cue_before(first, "cue:DemonstrativeBefore", 0, a) or sv.cue_before(w.first, "cue:DemonstrativeBefore", 0, a):
        return True
    if any(w.last <= m.first <= w.last + 2 for m in sv.of("cue:DemonstrativeAfter")):
        return True
    return any(am.first < b and a <= am.first and id(ev) in rules.anaphoric for am, ev in rules.attacks)


def _refer(
    rules: SentenceRules,
    mention_type: type[AttackMention],
    w: Match,
    cls: str,
    agent: str | None,
    places: list[Mention],
) -> None:
    probe = EventFact(cls, [rules.ev(w.first, w.last)], agents=[agent] if agent else [])
    ref = None
    named = places or [p for p in rules.sv.places() if "Country" not in rules.lex.types(p.iri)]
    for place in named:  # "Officials in Bryansk said ... from the downed drones": the Bryansk attack
        probe.place = place.iri
        ref = rules.disc.resolve(probe)
        if ref is not None:
            break
    if ref is None:
        probe.place = None
        ref = rules.disc.resolve(probe)
    if ref is None:
        return
    rules.disc.merge(ref, probe, reference=True)
    rules.disc.touch(ref)
    rules.anaphoric.add(id(ref))
    rules.attacks.append((mention_type(w.first, w.last, cls, False, w), ref))


def _side(rules: SentenceRules, first: int, last: int, b: int) -> str | None:
    """The state named right before or after a weapon ("Ukrainian aerial drones", "drone Ukraina"), or after an
    agent cue ("diluncurkan oleh Rusia"); a state after a maker cue ("buatan Iran") only made it."""
    sv, lex = rules.sv, rules.lex
    makers = {m.first for c in sv.of("cue:MakerCue") for m in sv.mentions if c.last <= m.first <= c.last + 1}
    states = [m for m in sv.mentions if m.first not in makers and lex.entities[m.iri].is_state]
    for m in states:  # "drone Ukraina" first: after the weapon
        if last <= m.first <= last + 1:
            return m.iri
    for m in states:  # "Ukrainian aerial drones", not "Rusia menembak jatuh drone": no verb between
        if first - 3 <= m.first < first and not sv.cue_in(m.last, first, "cue:InterceptVerb"):
            return m.iri
    for cue in sv.of("cue:AgentCue"):
        if last <= cue.first <= last + 6 and cue.last <= b:
            found = next((m for m in sv.actors(cue.last, min(b, cue.last + 2)) if m.first not in makers), None)
            if found is not None:
                return lex.state_of(found.iri) or found.iri
    enemy = next((e for e in sv.of("cue:EnemyNoun") if first - 2 <= e.first < first), None)
    if enemy is not None and rules.speaker is not None:
        return lex.enemy_of(lex.state_of(rules.speaker.iri))
    return None
