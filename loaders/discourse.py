"""Article-level memory that the rules share: who spoke last, which events exist, and merging.

Merging rule (within one article): an attack mention is the same event as an earlier one when the
classes are compatible (equal, or one is the generic ckg:Attack), the places are compatible (either
missing, equal, or one contains the other), the dates do not differ, and the agents do not
conflict. The merged event keeps the most specific class, place and date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import DateValue
from .facts import EventFact, Evidence
from .lexicon import Lexicon

CKG = "https://w3id.org/conflictkg/ontology#"
ATTACK = CKG + "Attack"


@dataclass
class Discourse:
    lex: Lexicon
    events: list[EventFact] = field(default_factory=list)
    speakers: list[tuple[int, str]] = field(default_factory=list)  # (sentence index, actor)
    last_speech: dict[str, tuple[int, EventFact]] = field(default_factory=dict)
    last_attack: EventFact | None = None

    # -------------------------------------------------------------- speakers
    def note_speaker(self, sentence: int, actor: str) -> None:
        self.speakers.append((sentence, actor))

    def recent_speaker(self, sentence: int, window: int = 3) -> str | None:
        for idx, actor in reversed(self.speakers):
            if sentence - window <= idx < sentence:
                return actor
        return None

    def recent_state(self, sentence: int, window: int = 3) -> str | None:
        """The state of the most recent speaker within ``window`` sentences before this one."""
        for idx, actor in reversed(self.speakers):
            if sentence - window <= idx < sentence:
                state = self.lex.state_of(actor)
                if state:
                    return state
        return None

    def note_speech(self, sentence: int, act: EventFact) -> None:
        if act.speaker:
            self.last_speech[act.speaker] = (sentence, act)

    def speech_of(self, speaker: str, sentence: int, window: int, cls: str | None = None) -> EventFact | None:
        found = self.last_speech.get(speaker)
        if found is None or sentence - found[0] > window:
            return None
        if cls is not None and found[1].cls != cls:
            return None
        return found[1]

    # -------------------------------------------------------------- attacks
    def add_attack(self, new: EventFact) -> EventFact:
        """Merge ``new`` into a compatible earlier attack, or keep it as a new event."""
        for old in reversed(self.events):
            if self._compatible(old, new):
                self._merge(old, new)
                self.last_attack = old
                return old
        self.events.append(new)
        self.last_attack = new
        return new

    def _class_ok(self, a: str, b: str) -> bool:
        return (
            a == b
            or (a == ATTACK and self.lex.is_subclass(b, ATTACK))
            or (b == ATTACK and self.lex.is_subclass(a, ATTACK))
        )

    def _compatible(self, old: EventFact, new: EventFact) -> bool:
        if not self.lex.is_subclass(old.cls, ATTACK) or not self._class_ok(old.cls, new.cls):
            return False
        if old.place and new.place and old.place != new.place:
            if old.place not in self.lex.ancestors(new.place) and new.place not in self.lex.ancestors(old.place):
                return False
        if _dates_conflict(old.date, new.date):
            return False
        if old.agents and new.agents and not set(old.agents) & set(new.agents):
            return False
        return True

    def _merge(self, old: EventFact, new: EventFact) -> None:
        if old.cls == ATTACK:
            old.cls = new.cls
        if new.place and (not old.place or self.lex.depth(new.place) > self.lex.depth(old.place)):
            old.place = new.place
        if new.date and new.date.resolved and (old.date is None or not old.date.resolved):
            old.date = new.date
        for a in new.agents:
            if a not in old.agents:
                old.agents.append(a)
        for w in new.weapons:
            if w not in old.weapons:
                old.weapons.append(w)
        if old.weapon_count is None:
            old.weapon_count = new.weapon_count
        for ev in new.evidence:
            old.add_evidence(ev)

    def refer(self, evidence: Evidence) -> EventFact | None:
        """Resolve an anaphoric event noun ("serangan itu", "the attack") to the last attack."""
        if self.last_attack is not None:
            self.last_attack.add_evidence(evidence)
        return self.last_attack


def _dates_conflict(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return False
    if (a.date is None) != (b.date is None):
        return True  # "in recent weeks" or "earlier" is not the Friday of the other mention
    if a.date is None or b.date is None:
        return False
    if a.precision == b.precision:
        return a.date != b.date
    coarse, fine = (a, b) if _rank(a.precision) > _rank(b.precision) else (b, a)
    assert coarse.date is not None and fine.date is not None
    if coarse.precision == "year":
        return coarse.date.year != fine.date.year
    if coarse.precision == "month":
        return (coarse.date.year, coarse.date.month) != (fine.date.year, fine.date.month)
    return False


def _rank(precision: str | None) -> int:
    return {"day": 0, "week": 1, "month": 2, "year": 3}.get(precision or "", 4)
