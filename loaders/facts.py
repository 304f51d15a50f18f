"""What an extractor finds in an article, before it is mapped to RDF.

These plain records are the interface between an extractor (rules today; spaCy or a language
model later) and :mod:`conflictkg.loaders.mapping`, which alone knows how they become triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .articles import Article
from .dates import DateValue
from .lexicon import EntityInfo
from .text import Sentence

REPORTED, CLAIMED, ALLEGED, DENIED, CONFIRMED = "Reported", "Claimed", "Alleged", "Denied", "Confirmed"


@dataclass(frozen=True)
class Evidence:
    sentence: int
    start: int
    end: int
    quote: str


@dataclass(eq=False)
class EventFact:
    """An event or speech act. ``cls`` is the ontology class IRI."""

    cls: str
    evidence: list[Evidence]
    agents: list[str] = field(default_factory=list)
    place: str | None = None
    date: DateValue | None = None
    weapons: list[str] = field(default_factory=list)
    weapon_count: int | None = None
    targets: list[str] = field(default_factory=list)
    status: str = REPORTED
    agent_status: str | None = None
    # speech acts and attribution statements
    speaker: str | None = None
    attributed_to: str | None = None
    about: EventFact | None = None
    channel: str | None = None
    content: str | None = None
    claimed_place: str | None = None
    count: int | None = None
    count_qualifier: str | None = None

    @property
    def first(self) -> Evidence:
        return min(self.evidence, key=lambda e: (e.start, e.end))

    def add_evidence(self, ev: Evidence) -> None:
        if ev not in self.evidence:
            self.evidence.append(ev)


@dataclass(eq=False)
class CasualtyFact:
    event: EventFact
    casualty_type: str
    count: int
    evidence: list[Evidence]
    qualifier: str | None = None
    source_kind: str = "UnattributedSource"
    reporter: str | None = None


@dataclass(frozen=True)
class RoleFact:
    person: str
    role: str
    organisation: str | None
    evidence: Evidence


@dataclass
class Extraction:
    article: Article
    language: str
    sentences: list[Sentence]
    extractor: str
    events: list[EventFact] = field(default_factory=list)
    casualties: list[CasualtyFact] = field(default_factory=list)
    roles: list[RoleFact] = field(default_factory=list)
    mentions: dict[str, list[Evidence]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    provisional: dict[str, EntityInfo] = field(default_factory=dict)
