"""Where a sentence mentions an attack: trigger words and the weapon patterns around them.

Patterns (all keyed on lexicon categories):
- an attack trigger ("serangan rudal", "drone strike"); a generic one followed by a weapon takes the
  weapon's type; a typed one preceded by a weapon of another type ("missile and drone strikes") is a
  generic attack with both weapons;
- a weapon, or coordinated weapons, followed within four words by a hit verb or a casualty word
  ("enam drone Ukraina menabrak", "Russian missiles on Kyiv killed");
- a passive hit verb followed by a weapon ("dihantam rudal Rusia", "hit by a missile");
- an actor, a verb of use and a weapon ("Rusia menggunakan drone"): the actor is the agent;
- a state or armed force right before a casualty word with a count ("Russian forces killed three").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .classes import ATTACK
from .lexicon import Match
from .quantities import number_at
from .view import Mention, SentenceView

if TYPE_CHECKING:
    from .rules import SentenceRules


@dataclass
class AttackMention:
    first: int
    last: int
    cls: str
    generic: bool
    weapon: Match | None
    verbal: bool = False  # the trigger is a verb: its agent is the subject before it
    agent: Mention | None = None  # given by the pattern itself
    weapons: list[Match] = field(default_factory=list)
    anchored: bool = False  # the pattern says it happened (an attack that killed N)


def _weapon_groups(r: SentenceRules) -> list[list[Match]]:
    """Weapons in a row joined by 'and' or a comma ('drones and missiles'), each group left to right."""
    sv = r.sv
    groups: list[list[Match]] = []
    for w in sv.of("weapon"):
        if groups:
            prev = groups[-1][-1]
            between = sv.tokens[prev.last : w.first]
            if len(between) <= 2 and any(_joins(r, i) for i in range(prev.last, w.first)):
                groups[-1].append(w)
                continue
        groups.append([w])
    return groups


def _joins(r: SentenceRules, i: int) -> bool:
    return r.sv.tokens[i].text == "," or r.sv.is_word(i, "cue:ListConjunction")


def _mixed(r: SentenceRules, weapons: list[Match]) -> bool:
    return len({r.lex.weapon_event_type(str(w.value)) for w in weapons}) > 1


def weapon_verb(sv: SentenceView, t: Match) -> bool:
    """An attack verb that is also a hit verb, right after a weapon ("missiles struck"): the weapon-and-hit-verb
    reading below covers it ("drones attacked X" is not one: "attacked" is no hit verb, the trigger stays)."""
    return (
        sv.cue_at(t.first, "cue:AttackVerb") is not None
        and sv.cue_at(t.first, "cue:HitVerb") is not None
        and any(t.first - 2 <= w.last <= t.first for w in sv.of("weapon"))
    )


def attack_mentions(r: SentenceRules) -> list[AttackMention]:
    sv, lex = r.sv, r.lex
    found: list[AttackMention] = []
    craft = {i for n in sv.of("cue:MannedAircraftNoun") for i in range(n.first, n.last)}
    triggers = [  # "attack helicopter" names an aircraft, not an attack
        t for t in sv.of("trigger") if lex.is_subclass(str(t.value), ATTACK) and t.first not in craft
    ]
    used: set[int] = set()  # weapons (by first token) a mention already stands for
    for t in triggers:
        cls, generic, weapon, first, weapons = str(t.value), str(t.value) == ATTACK, None, t.first, []
        _, b = sv.clause_of(t.first)
        if generic and weapon_verb(sv, t):
            continue  # "two drones struck the bridge": the weapon and its verb, read below as one mention
        if generic:
            w = next((w for w in sv.of("weapon") if t.last <= w.first <= t.last + 3 and w.last <= b), None)
            if w is not None and lex.weapon_event_type(str(w.value)):
                cls, generic, weapon = lex.weapon_event_type(str(w.value)) or cls, False, w
                weapons = [w]
        else:
            before = next((w for w in sv.of("weapon") if t.first - 3 <= w.last < t.first), None)
            if before is not None and any(_joins(r, i) for i in range(before.last, t.first)):
                inside = next((w for w in sv.of("weapon") if t.first <= w.first < t.last), None)
                if lex.weapon_event_type(str(before.value)) != cls:  # "missile and drone strikes"
                    cls, first, weapons = ATTACK, before.first, [x for x in (before, inside) if x is not None]
        verb = sv.cue_at(t.first, "cue:AttackVerb")
        verbal = verb is not None and verb.last == t.last
        for w in [*weapons, *(w for w in sv.of("weapon") if t.first <= w.first < t.last)]:
            used.add(w.first)
        found.append(AttackMention(first, t.last, cls, generic, weapon, verbal, None, weapons))
    in_trigger = {i for t in triggers for i in range(t.first, t.last)}
    for group in _weapon_groups(r):
        if any(w.first in used or w.first in in_trigger for w in group):
            continue
        last = group[-1]
        _, b = sv.clause_of(last.first)
        stops = [h for h in sv.matches if h.kind in ("cue:HitVerb", "casualty")]
        hit = next((h for h in stops if last.last <= h.first <= last.last + 4 and h.last <= b), None)
        if hit is not None and not any(last.last <= i < hit.first for i in in_trigger):
            implied = lex.weapon_event_type(str(last.value))
            if implied:
                cls = ATTACK if _mixed(r, group) else implied
                use = next((v for v in sv.of("cue:InstrumentVerb") if v.last == group[0].first), None)
                actor = next((m for m in sv.actors(0, use.first) if m.last == use.first), None) if use else None
                found.append(AttackMention(group[0].first, last.last, cls, False, group[0], agent=actor, weapons=group))
                used.update(w.first for w in group)
    for v in sv.of("cue:PassiveHitVerb"):  # "dihantam rudal Rusia", "hit by a missile"
        w = next((w for w in sv.of("weapon") if v.last <= w.first <= v.last + 2 and w.first not in used), None)
        implied = lex.weapon_event_type(str(w.value)) if w is not None else None
        if w is not None and implied:
            found.append(AttackMention(w.first, w.last, implied, False, w, weapons=[w]))
            used.add(w.first)
    for v in sv.of("cue:InstrumentVerb"):  # "Rusia menggunakan drone"
        actor = next((m for m in sv.actors(max(0, v.first - 2), v.first) if m.last == v.first), None)
        w = next((w for w in sv.of("weapon") if v.last <= w.first <= v.last + 3 and w.first not in used), None)
        implied = lex.weapon_event_type(str(w.value)) if w is not None else None
        if actor is not None and w is not None and implied:
            found.append(AttackMention(w.first, w.last, implied, False, w, agent=actor, weapons=[w]))
            used.add(w.first)
    for c in sv.of("casualty"):  # "Russian forces killed three people"
        actor = next((m for m in sv.actors(0, c.first) if m.last == c.first), None)
        if actor is None or not (lex.entities[actor.iri].is_state or lex.entities[actor.iri].body_kind):
            continue
        if number_at(sv.tokens, sv.matches, c.last) is None or any(f.first <= c.first < f.last + 4 for f in found):
            continue
        found.append(AttackMention(actor.first, c.last, ATTACK, True, None, agent=actor, anchored=True))
    found.sort(key=lambda m: m.first)
    return found
