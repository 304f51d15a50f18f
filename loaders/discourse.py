"""Article-level memory that the rules share: who spoke last, which events exist, and merging.

Merging rule (within one article): an attack mention is the same event as an earlier one when the
classes are compatible (equal, or one is the generic ckg:Attack), the places are compatible (either
missing, equal, or one contains the other), the dates do not differ, and the agents do not
conflict (agents of one state never conflict). A new, non-anaphoric mention merges only on positive
evidence: a shared place (equal or contained) or the same day; or when the earlier event has neither
place nor date yet (it was waiting for its details). An anaphoric mention ("the attack", "serangan
itu") refers to the most recent compatible event. The merged event keeps the most specific class,
place and date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .classes import ATTACK
from .dates import DateValue
from .facts import EventFact, Evidence
from .lexicon import Lexicon

CKG = "https://w3id.org/conflictkg/ontology#"


@dataclass
class Discourse:
    lex: Lexicon
    events: list[EventFact] = field(default_factory=list)
    speakers: list[tuple[int, str]] = field(default_factory=list)  # (sentence index, actor)
    last_speech: dict[str, tuple[int, EventFact]] = field(default_factory=dict)
    last_attack: EventFact | None = None
    last_group: list[EventFact] = field(default_factory=list)  # the events of the last attack mention
    jurisdiction: dict[str, str] = field(default_factory=dict)  # office holder -> the place of the office
    settlements: list[tuple[int, str]] = field(default_factory=list)  # (sentence index, settlement named)
    denials: dict[str, EventFact] = field(default_factory=dict)  # state of the denier -> event denied
    anchored: set[int] = field(default_factory=set)  # events a mention anchored (a day, a place, a count)
    parts: dict[int, list[EventFact]] = field(default_factory=dict)  # a regional event -> its local attacks
    _recency: dict[int, int] = field(default_factory=dict)
    _clock: int = 0

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

    def last_settlement(self, sentence: int, window: int = 3) -> str | None:
        for idx, iri in reversed(self.settlements):
            if sentence - window <= idx < sentence:
                return iri
        return None

    # -------------------------------------------------------------- attacks
    def touch(self, event: EventFact) -> None:
        self._clock += 1
        self._recency[id(event)] = self._clock
        self.last_attack = event

    def add_attack(self, new: EventFact) -> EventFact:
        """Merge ``new`` into an earlier attack it is positively the same as, or keep it as a new event."""
        for old in self.by_recency():
            if self.compatible(old, new) and self._same(old, new):
                self.merge(old, new)
                self.touch(old)
                return old
        self.events.append(new)
        self.touch(new)
        return new

    def by_recency(self) -> list[EventFact]:
        return sorted(self.events, key=lambda e: -self._recency.get(id(e), 0))

    def resolve(self, probe: EventFact, anchored_only: bool = False, since: int | None = None) -> EventFact | None:
        """The most recent event an anaphoric mention with these details can refer to (anchored ones first);
        ``since``: only events mentioned in that sentence or later."""
        ranked = sorted(self.by_recency(), key=lambda e: (id(e) not in self.anchored, e.place is None))
        for e in ranked:
            if anchored_only and id(e) not in self.anchored:
                continue
            if since is not None and max(v.sentence for v in e.evidence) < since:
                continue
            if self.compatible(e, probe):
                return e
        return None

    def _same(self, old: EventFact, new: EventFact) -> bool:
        if id(old) not in self.anchored and old.place is None and (old.date is None or not old.date.resolved):
            return True  # the earlier mention was waiting for its details
        if old.place and new.place:
            return True  # compatible() already checked containment
        if (
            old.place
            and new.place is None
            and old.cls == new.cls
            and old.status == new.status
            and self._near(old, new, 2)
        ):
            # "its missile strike on Sumy ..." then "the two ballistic missiles that struck the city centre" (but an
            # interception a speaker claims, "shot down six of seven drones", may be another wave)
            return True
        if old.date is None or new.date is None:
            return False
        return old.date.precision == new.date.precision == "day" and old.date.date == new.date.date

    @staticmethod
    def _near(old: EventFact, new: EventFact, window: int) -> bool:
        last = max(v.sentence for v in old.evidence)
        return 0 <= new.first.sentence - last <= window

    def _class_ok(self, a: str, b: str) -> bool:
        return (
            a == b
            or (a == ATTACK and self.lex.is_subclass(b, ATTACK))
            or (b == ATTACK and self.lex.is_subclass(a, ATTACK))
        )

    def place_ok(self, a: str | None, b: str | None) -> bool:
        if not a or not b or a == b:
            return True
        return a in self.lex.ancestors(b) or b in self.lex.ancestors(a)

    def agents_ok(self, a: list[str], b: list[str]) -> bool:
        if not a or not b or set(a) & set(b):
            return True
        sa = {self.lex.state_of(x) or x for x in a}
        sb = {self.lex.state_of(x) or x for x in b}
        return bool(sa & sb)

    def compatible(self, old: EventFact, new: EventFact) -> bool:
        if not self.lex.is_subclass(old.cls, ATTACK) or not self._class_ok(old.cls, new.cls):
            return False
        if not self.place_ok(old.place, new.place):
            return False
        if dates_conflict(old.date, new.date):
            return False
        return self.agents_ok(old.agents, new.agents)

    def merge(self, old: EventFact, new: EventFact, reference: bool = False) -> None:
        """Fold ``new`` into ``old``. A reference ("the attack", "these strikes") adds evidence and fills in what
        the event lacks (a place only where it has none or a country), never a more specific type."""
        if old.cls == ATTACK and not reference:
            old.cls = new.cls
        deeper = (
            new.place is not None and old.place is not None and self.lex.depth(new.place) > self.lex.depth(old.place)
        )
        country = old.place is not None and "Country" in self.lex.types(old.place)
        if new.place and (not old.place or (deeper and (not reference or country))):
            old.place = new.place
        if new.date and new.date.resolved and (old.date is None or finer(new.date, old.date)):
            old.date = new.date
        for a in new.agents:
            if a not in old.agents and not (old.agents and self.agents_ok(old.agents, [a])):
                old.agents.append(a)
        if not old.agents:
            old.agents.extend(new.agents)
        for w in new.weapons:
            if w not in old.weapons:
                old.weapons.append(w)
        if old.weapon_count is None:
            old.weapon_count = new.weapon_count
        for ev in new.evidence:
            old.add_evidence(ev)

    def refer(self, evidence: Evidence) -> EventFact | None:
        """Resolve an anaphoric event noun with no details of its own to the last attack."""
        if self.last_attack is not None:
            self.last_attack.add_evidence(evidence)
        return self.last_attack

    def drop(self, event: EventFact) -> None:
        self.events = [e for e in self.events if e is not event]
        self.last_group = [e for e in self.last_group if e is not event]
        if self.last_attack is event:
            self.last_attack = self.by_recency()[0] if self.events else None


def finer(new: DateValue, old: DateValue) -> bool:
    """True when ``new`` says more than ``old`` (resolved against unresolved, a day against a week)."""
    if not old.resolved:
        return True
    return _rank(new.precision) < _rank(old.precision)


def dates_conflict(a: DateValue | None, b: DateValue | None) -> bool:
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
    if coarse.precision == "week":
        return not (0 <= (fine.date - coarse.date).days < 7)
    return False


def _rank(precision: str | None) -> int:
    return {"day": 0, "week": 1, "month": 2, "year": 3}.get(precision or "", 4)
