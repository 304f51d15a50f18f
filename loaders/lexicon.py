"""The loader's lexicon, read from the ontology package's RDF (never hard-coded here).

Entity names come from the gazetteer's SKOS labels (matched case-sensitively, so that "AS" the
country is not "as" the word); trigger words and cues come from ``skos:hiddenLabel`` values in
lexicon.ttl (matched case-insensitively). Adding a word or a language is a data change.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import ChainMap, defaultdict
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from conflictkg.ontology import CKG, LEX, load

from .text import Token, tokenize

#: Cue categories are the lex: concepts of the lex:Cues scheme that carry hidden labels; each is
#: matched as kind "cue:<local name>" (see ontology/lexicon.ttl). Adding a category is a data change.
#: Categories whose members carry an rdf:value.
VALUED_CATEGORIES = (
    "NumberWord",
    "NumberMultiplier",
    "Weekday",
    "Month",
    "RelativeDay",
    "RelativeWeek",
    "RelativeMonth",
    "RelativeYear",
)
ENT_NS = "https://w3id.org/conflictkg/id/"
ACTOR_CLASSES = {"State", "Organisation", "ArmedForce", "GovernmentBody", "PoliticalParty", "Person", "Actor"}
PLACE_CLASSES = {"Place", "Country", "Region", "Settlement", "Facility"}


@dataclass
class EntityInfo:
    iri: str
    types: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)  # lang -> prefLabel
    located_in: list[str] = field(default_factory=list)
    affiliated_with: list[str] = field(default_factory=list)
    body_kind: str | None = None
    capital_of: str | None = None
    implies_event_type: str | None = None
    broader: list[str] = field(default_factory=list)
    notes: set[str] = field(default_factory=set)
    at_war_with: list[str] = field(default_factory=list)

    @property
    def is_actor(self) -> bool:
        return bool(self.types & ACTOR_CLASSES)

    @property
    def is_place(self) -> bool:
        return bool(self.types & PLACE_CLASSES)

    @property
    def is_state(self) -> bool:
        return "State" in self.types

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()), self.iri)


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    case_sensitive: bool
    kind: str  # "entity", "weapon", "role", "trigger", "cue:<Category>", "casualty", "qualifier", "channel", "demonym"
    value: str | int  # IRI, or a number for valued cues


@dataclass(frozen=True)
class Match:
    kind: str
    value: str | int
    first: int  # token index of the first token
    last: int  # token index after the last token
    start: int  # character offset in the article
    end: int
    text: str


def _local(iri: Node) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Lexicon:
    """Phrase tables and entity facts built from the reference RDF."""

    def __init__(self, graph: Graph):
        self.entities: MutableMapping[str, EntityInfo] = {}
        self.provisional: dict[str, EntityInfo] = {}
        self.trigger_languages: set[str] = set()
        self._phrases: list[Phrase] = []
        self.event_classes: dict[str, str] = {}  # class IRI -> broader class IRI
        self._read_entities(graph)
        self._read_cues(graph)
        self._index()

    # ----------------------------------------------------------------- reading
    def _entity(self, iri: Node) -> EntityInfo:
        key = str(iri)
        if key not in self.entities:
            self.entities[key] = EntityInfo(key)
        return self.entities[key]

    def _read_entities(self, g: Graph) -> None:
        typed = set(ACTOR_CLASSES | PLACE_CLASSES | {"WeaponType", "Role"})
        for s, o in g.subject_objects(RDF.type):
            if isinstance(s, URIRef) and str(o).startswith(str(CKG)) and _local(o) in typed:
                self._entity(s).types.add(_local(o))
        for iri, info in self.entities.items():
            s = URIRef(iri)
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for lit in g.objects(s, p):
                    if not isinstance(lit, Literal):
                        continue
                    if p == SKOS.prefLabel and lit.language:
                        info.labels[lit.language] = str(lit)
                    kind, cs = "entity", True
                    if "WeaponType" in info.types:
                        kind, cs = "weapon", False
                    elif "Role" in info.types:
                        kind, cs = "role", False
                    self._add(str(lit), cs, kind, iri)
            for lit in g.objects(s, CKG.demonym):
                self._add(str(lit), True, "demonym", iri)
            info.located_in = sorted(str(o) for o in g.objects(s, CKG.locatedIn))
            info.affiliated_with = sorted(str(o) for o in g.objects(s, CKG.affiliatedWith))
            info.broader = sorted(str(o) for o in g.objects(s, SKOS.broader))
            info.notes = {str(o) for o in g.objects(s, SKOS.note)}
            info.at_war_with = sorted(str(o) for o in g.objects(s, CKG.atWarWith))
            body = g.value(s, CKG.bodyKind)
            info.body_kind = str(body) if body is not None else None
            cap = g.value(s, CKG.capitalOf)
            info.capital_of = str(cap) if cap is not None else None
            ev = g.value(s, CKG.impliesEventType)
            info.implies_event_type = str(ev) if ev is not None else None

    def _read_cues(self, g: Graph) -> None:
        for cls in g.subjects(SKOS.inScheme, CKG.EventTypes):
            broader = g.value(cls, SKOS.broader)
            self.event_classes[str(cls)] = str(broader) if broader is not None else ""
            for lit in g.objects(cls, SKOS.hiddenLabel):
                self._add(str(lit), False, "trigger", str(cls))
                if isinstance(lit, Literal) and lit.language:
                    self.trigger_languages.add(lit.language)
        for concept in sorted(g.subjects(SKOS.inScheme, LEX.Cues), key=str):
            name = _local(concept)
            for lit in g.objects(concept, SKOS.hiddenLabel):
                self._add(str(lit), False, f"cue:{name}", str(g.value(concept, RDF.value) or concept))
        for name in VALUED_CATEGORIES:
            for member in g.subjects(CKG.lexicalCategory, LEX[name]):
                value = g.value(member, RDF.value)
                if value is None:
                    continue
                for lit in g.objects(member, SKOS.hiddenLabel):
                    self._add(
                        str(lit),
                        name not in ("NumberWord", "NumberMultiplier") and str(lit)[:1].isupper(),
                        f"cue:{name}",
                        int(str(value)),
                    )
        for cls, kind in ((CKG.CasualtyType, "casualty"), (CKG.CountQualifier, "qualifier"), (CKG.Channel, "channel")):
            for ind in g.subjects(RDF.type, cls):
                for lit in g.objects(ind, SKOS.hiddenLabel):
                    self._add(str(lit), False, kind, str(ind))

    def _add(self, label: str, case_sensitive: bool, kind: str, value: str | int) -> None:
        words = tuple(t.text for t in tokenize(label.strip()))
        if words:
            self._phrases.append(Phrase(words, case_sensitive, kind, value))

    def _index(self) -> None:
        self._by_first: dict[str, list[Phrase]] = defaultdict(list)
        self._by_first_folded: dict[str, list[Phrase]] = defaultdict(list)  # one-word entity names, for "RUSIA"
        self._prefix: list[Phrase] = []
        for ph in sorted(set(self._phrases), key=lambda p: (-len(p.words), p.kind, str(p.value), p.words)):
            first = _norm(ph.words[0])
            if len(ph.words) == 1 and first.endswith("*"):
                self._prefix.append(ph)
            else:
                self._by_first[first if ph.case_sensitive else first.lower()].append(ph)
                if ph.case_sensitive and len(ph.words) == 1 and len(first) >= 4 and not _shouted(first):
                    self._by_first_folded[first.lower()].append(ph)

    # ----------------------------------------------------------------- matching
    def match(self, tokens: list[Token]) -> list[Match]:
        """All phrase matches in the token list; longest wins within each kind.

        Typographic apostrophes match straight ones ("Russia’s" is "Russia's"), and a word written
        in capitals (a dateline's "RUSIA") matches an entity name case-insensitively.
        """
        found: dict[str, list[Match]] = defaultdict(list)
        for i, tok in enumerate(tokens):
            text = _norm(tok.text)
            cands = self._by_first.get(text, [])
            if text.lower() != text:
                cands = cands + self._by_first.get(text.lower(), [])
            if _shouted(text):
                cands = cands + self._by_first_folded.get(text.lower(), [])
            for ph in cands:
                n = len(ph.words)
                if i + n > len(tokens):
                    continue
                folded = ph.case_sensitive and _shouted(text)
                if all(_word_eq(ph.words[k], tokens[i + k], ph.case_sensitive and not folded) for k in range(n)):
                    found[ph.kind].append(self._mk(ph, tokens, i, i + n))
            for ph in self._prefix:
                stem = ph.words[0][:-1].lower()
                if tok.lower.startswith(stem) and tok.lower != stem:
                    found[ph.kind].append(self._mk(ph, tokens, i, i + 1))
        out: list[Match] = []
        for kind_matches in found.values():
            matches = sorted(set(kind_matches), key=lambda m: (m.first, -(m.last - m.first), str(m.value)))
            matches.sort(key=lambda m: (m.first, -(m.last - m.first), str(m.value)))
            taken: set[int] = set()
            spans: set[tuple[int, int]] = set()
            for m in matches:
                if any(t in taken for t in range(m.first, m.last)):
                    if (m.first, m.last) in spans:  # same words, another sense: keep the ambiguity
                        out.append(m)
                    continue
                taken.update(range(m.first, m.last))
                spans.add((m.first, m.last))
                out.append(m)
        out.sort(key=lambda m: (m.first, m.last, m.kind, str(m.value)))
        return out

    @staticmethod
    def _mk(ph: Phrase, tokens: list[Token], i: int, j: int) -> Match:
        return Match(ph.kind, ph.value, i, j, tokens[i].start, tokens[j - 1].end, " ".join(t.text for t in tokens[i:j]))

    def for_article(self) -> Lexicon:
        """A view whose entity table can take an article's provisional entities without changing this one."""
        view = copy.copy(self)
        view.provisional = {}
        view.entities = ChainMap(view.provisional, self.entities)
        return view

    def add_provisional(self, kind: str, surface: str, lang: str, container: str | None = None) -> str:
        """Register an entity the gazetteer lacks; its IRI depends only on its kind and name."""
        key = unicodedata.normalize("NFKD", surface).encode("ascii", "ignore").decode().lower()
        iri = f"{ENT_NS}provisional/{kind.lower()}/{re.sub(r'[^a-z0-9]+', '-', key).strip('-')}"
        info = self.entities.get(iri)
        if info is None:
            info = EntityInfo(iri, types={kind}, labels={lang: surface}, notes={"provisional"})
            self.provisional[iri] = info
        if container and container not in info.located_in:
            info.located_in = sorted([*info.located_in, container])
        return iri

    # ----------------------------------------------------------------- entity facts
    def ancestors(self, iri: str) -> list[str]:
        """Transitive containers of a place, nearest first."""
        seen: list[str] = []
        todo = list(self.entities.get(iri, EntityInfo(iri)).located_in)
        while todo:
            x = todo.pop(0)
            if x not in seen:
                seen.append(x)
                todo.extend(self.entities.get(x, EntityInfo(x)).located_in)
        return seen

    def types(self, iri: str) -> set[str]:
        info = self.entities.get(iri)
        return info.types if info else set()

    def depth(self, iri: str) -> int:
        return len(self.ancestors(iri))

    def state_of(self, iri: str | None) -> str | None:
        """The state an actor belongs to (a state is its own)."""
        if iri is None:
            return None
        info = self.entities.get(iri)
        if info is None:
            return None
        if info.is_state:
            return iri
        for a in info.affiliated_with:
            if self.entities.get(a, EntityInfo(a)).is_state:
                return a
        return None

    def enemy_of(self, state: str | None) -> str | None:
        """The one state the gazetteer says ``state`` is at war with (None when none or several)."""
        if state is None or state not in self.entities:
            return None
        enemies = self.entities[state].at_war_with
        return enemies[0] if len(enemies) == 1 else None

    def body_of(self, state: str, kind: str) -> str | None:
        """The state body of a kind (lex:DefenceMinistry ...) affiliated with a state."""
        for iri, info in sorted(self.entities.items()):
            if info.body_kind == kind and state in info.affiliated_with:
                return iri
        return None

    def weapon_event_type(self, iri: str) -> str | None:
        seen: set[str] = set()
        todo = [iri]
        while todo:
            x = todo.pop(0)
            if x in seen:
                continue
            seen.add(x)
            info = self.entities.get(x)
            if info is None:
                continue
            if info.implies_event_type:
                return info.implies_event_type
            todo.extend(info.broader)
        return None

    def is_subclass(self, cls: str, ancestor: str) -> bool:
        while cls:
            if cls == ancestor:
                return True
            cls = self.event_classes.get(cls, "")
        return False


def _norm(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _shouted(text: str) -> bool:
    """A word of four or more letters written in capitals ("RUSIA" in a dateline)."""
    return len(text) >= 4 and text.isalpha() and text.isupper()


def _word_eq(word: str, tok: Token, case_sensitive: bool) -> bool:
    text = _norm(tok.text)
    if word.endswith("*") and len(word) > 1:
        return text.lower().startswith(word[:-1].lower())
    return text == _norm(word) if case_sensitive else text.lower() == _norm(word).lower()


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon built from the packaged ontology, lexicon and gazetteer."""
    return Lexicon(load())
