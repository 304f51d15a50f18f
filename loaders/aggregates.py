"""Article-level clean-up of attack events once every sentence is read.

- A summary lead is not an event of its own: an attack with no place, or a region or country, whose
  place holds two or more later attacks of the same side and day ("eight killed in Dnipropetrovsk
  region" before "six in the Synelnykivsky area, two in Dnipro"), or which was split into local attacks
  by its casualty figures, is dropped with its (aggregate) casualty figures.
- A mention that never found a place, a date, a count or anything said about it is dropped.
"""

from __future__ import annotations

from .classes import ATTACK
from .discourse import Discourse, dates_conflict
from .facts import EventFact, Extraction


def _first(e: EventFact) -> int:
    return min(v.sentence for v in e.evidence)


def _inside(disc: Discourse, outer: EventFact, inner: EventFact) -> bool:
    lex = disc.lex
    if inner.place is None or inner is outer:
        return False
    if outer.place is not None and (outer.place == inner.place or outer.place not in lex.ancestors(inner.place)):
        return False
    return (
        _first(outer) <= _first(inner)
        and disc.agents_ok(outer.agents, inner.agents)
        and not dates_conflict(outer.date, inner.date)
        and (outer.cls == inner.cls or ATTACK in (outer.cls, inner.cls))
    )


def tidy_attacks(disc: Discourse, out: Extraction) -> None:
    lex = disc.lex
    attacks = [e for e in disc.events if lex.is_subclass(e.cls, ATTACK)]
    dropped: list[EventFact] = []
    for e in attacks:
        if e.weapon_count is not None or (e.place is not None and not lex.types(e.place) & {"Region", "Country"}):
            continue  # a count of weapons ("downed 27 drones") is a report of its own
        inner = [x for x in attacks if _inside(disc, e, x)]
        if len(inner) >= 2 or disc.parts.get(id(e)):
            dropped.append(e)
    said = {id(x.about) for x in out.events if x.about is not None} | {id(c.event) for c in out.casualties}
    for e in attacks:
        if e in dropped or id(e) in disc.anchored or id(e) in said:
            continue
        if e.place is None and (e.date is None or not e.date.resolved) and e.weapon_count is None:
            dropped.append(e)  # never anchored: "hospitals have been bombed"
    if not dropped:
        return
    gone = {id(e) for e in dropped}
    disc.events = [e for e in disc.events if id(e) not in gone]
    out.casualties = [c for c in out.casualties if id(c.event) not in gone]
    for x in out.events:
        if x.about is not None and id(x.about) in gone:
            x.about = None
