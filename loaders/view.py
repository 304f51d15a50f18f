"""One sentence as the rules see it: tokens, lexicon matches, resolved entity mentions, clauses."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from .lexicon import Lexicon, Match
from .text import Sentence

CKG = "https://w3id.org/conflictkg/ontology#"
LEX = "https://w3id.org/conflictkg/lexicon#"
_CLAUSE_CONJ = {
    "dan",
    "tetapi",
    "namun",
    "meski",
    "meskipun",
    "sementara",
    "sedangkan",
    "padahal",
    "and",
    "but",
    "while",
    "although",
    "though",
    "whereas",
    "as",
}
_SUBORDINATORS = {
    "meskipun",
    "walaupun",
    "meski",
    "although",
    "though",
    "while",
    "after",
    "setelah",
    "sementara",
    "when",
    "ketika",
    "saat",
}
_OPEN_Q = '“"«'
_CLOSE_Q = '”"»'


@dataclass(frozen=True)
class Mention:
    iri: str
    first: int
    last: int
    text: str
    generic: bool = False  # resolved from a generic noun ("Kementerian Pertahanan")


def _is_name(word: str) -> bool:
    return word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha() and word.lower() not in _NOT_NAMES


PREPOSITIONS = (
    "cue:LocativePreposition",
    "cue:ContainmentPreposition",
    "cue:InstrumentPreposition",
    "cue:AgentCue",
    "cue:Preposition",
)
_NOT_VERBS = (*PREPOSITIONS, "cue:RelativePronoun", "cue:RegionNoun", "cue:SettlementTypeNoun", "cue:ListConjunction")
_CLAUSE_START = ("cue:Complementizer", "cue:ListConjunction", "cue:ClauseConjunction")
_NOT_NAMES = {"the", "a", "an", "in", "on", "of", "and", "yang", "di", "dan", "pada", "said", "kata"}


class SentenceView:
    def __init__(self, sentence: Sentence, lexicon: Lexicon, lang: str = "en"):
        self.lang = lang
        self.s = sentence
        self.lex = lexicon
        self.tokens = sentence.tokens
        self.matches = lexicon.match(self.tokens)
        self.mentions: list[Mention] = []
        self.consumed: set[int] = set()  # tokens of an entity read as part of a generic body
        self.clauses = self._clauses()
        self.quotes = self._quotes()
        self._resolve_entities()
        self._capitals()
        self._provisional()

    # ------------------------------------------------------------------ basics
    def of(self, kind: str) -> list[Match]:
        return [m for m in self.matches if m.kind == kind]

    def cue_at(self, i: int, kind: str) -> Match | None:
        for m in self.matches:
            if m.first == i and m.kind == kind:
                return m
        return None

    def cue_before(self, i: int, kind: str, window: int, lo: int = 0) -> Match | None:
        """A cue of ``kind`` ending within ``window`` tokens before token ``i`` (not before ``lo``)."""
        best = None
        for m in self.matches:
            if m.kind == kind and m.last <= i and m.last >= i - window and m.first >= lo:
                best = m
        return best

    def is_word(self, i: int, *kinds: str) -> bool:
        """Token ``i`` is (part of) a cue of one of ``kinds``."""
        return any(m.kind in kinds and m.first <= i < m.last for m in self.matches)

    def cue_in(self, a: int, b: int, kind: str) -> list[Match]:
        return [m for m in self.matches if m.kind == kind and m.first >= a and m.last <= b]

    def text(self, a: int, b: int) -> str:
        if a >= b:
            return ""
        return self.s.text[self.tokens[a].start - self.s.start : self.tokens[b - 1].end - self.s.start]

    def clause_of(self, i: int) -> tuple[int, int]:
        for a, b in self.clauses:
            if a <= i < b:
                return a, b
        return 0, len(self.tokens)

    def in_quote(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.quotes)

    # ------------------------------------------------------------------ structure
    def _clauses(self) -> list[tuple[int, int]]:
        toks = self.tokens
        cuts = [0]
        depth = 0
        for i, t in enumerate(toks):
            if t.text in _OPEN_Q:
                depth += 1
            elif t.text in _CLOSE_Q:
                depth = max(0, depth - 1)
            if depth:
                continue
            if t.text == ";":
                cuts.append(i + 1)
            elif t.text == "," and i + 1 < len(toks) and toks[i + 1].lower in _CLAUSE_CONJ:
                cuts.append(i + 1)
        if toks and toks[0].lower in _SUBORDINATORS:
            for i, t in enumerate(toks):
                if t.text == ",":
                    cuts.append(i + 1)
                    break
        # a trailing attribution (", officials in Kyiv said." / ", kata gubernur.") is a clause of its own,
        # so that its words (the speaker's city) do not become the event's place
        speech = {m.first for m in self.matches if m.kind in ("cue:SpeechVerbAfter", "cue:SpeechVerbBefore")}
        commas = [i for i, t in enumerate(toks) if t.text == "," and not self._inside_quote(i)]
        if commas:
            last = commas[-1]
            content = {m.first for m in self.matches if m.kind in ("trigger", "casualty", "weapon")}
            if len(toks) - last <= 10 and any(last < i for i in speech) and not any(last < i for i in content):
                cuts.append(last + 1)
        bounds = [*sorted(set(cuts)), len(toks)]
        return [(a, b) for a, b in pairwise(bounds) if b > a]

    def _inside_quote(self, i: int) -> bool:
        depth = 0
        for t in self.tokens[:i]:
            if t.text in _OPEN_Q:
                depth += 1
            elif t.text in _CLOSE_Q:
                depth = max(0, depth - 1)
        return depth > 0

    def _quotes(self) -> list[tuple[int, int]]:
        spans, start = [], None
        for i, t in enumerate(self.tokens):
            if t.text in "“«" or (t.text == '"' and start is None):
                start = i + 1
            elif (t.text in "”»" or t.text == '"') and start is not None:
                if i - start > 3:
                    spans.append((start, i))
                start = None
        return spans

    # ------------------------------------------------------------------ entities
    def _resolve_entities(self) -> None:
        groups: dict[tuple[int, int], list[Match]] = {}
        for m in self.matches:
            if m.kind in ("entity", "demonym"):
                groups.setdefault((m.first, m.last), []).append(m)
        spans = sorted(groups)
        for span in spans:
            cands = sorted({str(m.value) for m in groups[span]})
            iri = cands[0] if len(cands) == 1 else self._disambiguate(span, cands, spans, groups)
            if iri:
                self.mentions.append(Mention(iri, span[0], span[1], self.text(*span)))

    def _disambiguate(
        self,
        span: tuple[int, int],
        cands: list[str],
        spans: list[tuple[int, int]],
        groups: dict[tuple[int, int], list[Match]],
    ) -> str | None:
        first = span[0]
        lex = self.lex
        capital = {i for m in self.of("cue:CapitalNoun") for i in range(m.first, m.last)}
        found: list[tuple[int, Match, set[str]]] = []
        for kind, wanted in (
            ("cue:VillageNoun", {"village"}),
            ("cue:CityNoun", {"city", "town"}),
            ("cue:RegionNoun", {"Region"}),
            ("cue:SettlementTypeNoun", {"Settlement"}),
        ):
            cue = self.cue_before(first, kind, 4)
            if cue is not None and (cue.first in capital or not self._list_between(cue.last, first)):
                cue = None  # "the Belgorod region, four drones over Bryansk": the noun does not reach past the comma
            if cue is not None:
                found.append((first - cue.last, cue, wanted))
            if kind == "cue:RegionNoun":  # "the Kursk and Bryansk regions", "Kharkiv region"
                after = next((m for m in self.matches if m.kind == kind and span[1] <= m.first <= span[1] + 3), None)
                between = range(span[1], after.first) if after is not None else range(0)
                other = [i for i in between if not self._list_item(i)]
                if after is not None and (not other or (len(other) == 1 and not self.is_word(other[0], *_NOT_VERBS))):
                    found.append((after.first - span[1], after, wanted))
        for _, cue, wanted in sorted(found, key=lambda x: x[0]):  # the nearest cue decides
            if cue is not None:
                hits = [
                    c for c in cands if c in lex.entities and wanted & (lex.entities[c].notes | lex.entities[c].types)
                ]
                if len(hits) == 1:
                    return hits[0]
        # a container named elsewhere in the sentence
        others = {str(m.value) for s in spans if s != span for m in groups[s] if len(groups[s]) == 1}
        hits = [c for c in cands if set(lex.ancestors(c)) & others]
        if len(hits) == 1:
            return hits[0]
        # a bare name shared by a city and its region is the city ("wilayah X" / "X region" name the region)
        hits = [c for c in cands if "Settlement" in lex.entities[c].types]
        if len(hits) == 1 and all("Region" in lex.entities[c].types for c in cands if c not in hits):
            return hits[0]
        # the one whose preferred name is exactly what is written
        surface = self.text(*span)
        hits = [c for c in cands if c in lex.entities and surface in lex.entities[c].labels.values()]
        if len(hits) == 1:
            return hits[0]
        return None  # ambiguous: left unresolved rather than guessed

    def _list_between(self, a: int, b: int) -> bool:
        """Tokens a..b are nothing, or (when they cross a comma) only a list of names: 'wilayah Bryansk, Smolensk'."""
        if not any(t.text in ",;" for t in self.tokens[a:b]):
            return True
        return all(self._list_item(i) for i in range(a, b))

    def _list_item(self, i: int) -> bool:
        t = self.tokens[i]
        return t.text == "," or _is_name(t.text) or self.is_word(i, "cue:ListConjunction")

    def _capitals(self) -> None:
        """'Ukraine's capital' / 'ibu kota Rusia' name the state's capital; a capital that starts a clause and is
        followed by a verb ('Moskow mengklaim', 'Washington expanded') stands for its state (metonymy)."""
        lex = self.lex
        capital_of = {info.capital_of: iri for iri, info in lex.entities.items() if info.capital_of}
        added: list[Mention] = []
        for cue in self.of("cue:CapitalNoun"):
            after = self.entity_at(cue.last)
            before = next((m for m in self.mentions if m.last == cue.first), None)  # "the Russian capital"
            if before is None and cue.first >= 2 and self.tokens[cue.first - 2].text in "'’":  # "Ukraine's capital"
                before = next((m for m in self.mentions if m.last == cue.first - 2), None)
            for state in (after, before):
                if state is None or state.iri not in capital_of:
                    continue
                if after is not None and after is not state and "Settlement" in lex.types(after.iri):
                    break  # "the capital, Kyiv" names it already
                first, last = min(cue.first, state.first), max(cue.last, state.last)
                added.append(Mention(capital_of[state.iri], first, last, self.text(first, last), generic=True))
                self.consumed.update(range(state.first, state.last))
                break
        for m in list(self.mentions):
            info = lex.entities.get(m.iri)
            if info is None or not info.capital_of or m.last >= len(self.tokens):
                continue
            nxt, prev = self.tokens[m.last], self.tokens[m.first - 1] if m.first else None
            starts = prev is None or prev.text in ",;:-–—" or self.is_word(m.first - 1, *_CLAUSE_START)
            if starts and nxt.text.isalpha() and nxt.text.islower() and not self.is_word(m.last, *_NOT_VERBS):
                added.append(Mention(info.capital_of, m.first, m.last, m.text))
        if added:
            self.mentions = sorted([*self.mentions, *added], key=lambda x: (x.first, x.last))

    def _provisional(self) -> None:
        """Names the gazetteer lacks become provisional entities (loaders/provisional.py)."""
        from .provisional import provisional_entities

        provisional_entities(self)

    def possessive(self, m: Mention) -> bool:
        """ "Ukraine's": the mention is followed by an English possessive 's."""
        t = self.tokens
        return m.last + 1 < len(t) and t[m.last].text in ("'", "\u2019") and t[m.last + 1].lower == "s"

    def is_modifier(self, m: Mention) -> bool:
        """A demonym used as an adjective ("Russian attack") names a side, not a speaker."""
        return any(x.kind == "demonym" and x.first == m.first and x.last == m.last for x in self.matches)

    def entity_at(self, i: int) -> Mention | None:
        for m in self.mentions:
            if m.first == i:
                return m
        return None

    def actors(self, a: int = 0, b: int | None = None) -> list[Mention]:
        b = len(self.tokens) if b is None else b
        return [m for m in self.mentions if a <= m.first < b and self._is(m.iri, "actor")]

    def places(self, a: int = 0, b: int | None = None) -> list[Mention]:
        b = len(self.tokens) if b is None else b
        return [
            m
            for m in self.mentions
            if a <= m.first < b
            and self._is(m.iri, "place")
            and (m.first not in self.consumed or m.generic)
            and not self.is_modifier(m)
        ]

    def _is(self, iri: str, what: str) -> bool:
        info = self.lex.entities.get(iri)
        if info is None:
            return False
        return info.is_actor if what == "actor" else info.is_place

    def add_generic(self, iri: str, first: int, last: int) -> Mention:
        m = Mention(iri, first, last, self.text(first, last), generic=True)
        self.mentions = [x for x in self.mentions if not (first <= x.first < last)] + [m]
        self.mentions.sort(key=lambda x: (x.first, x.last))
        self.consumed.update(range(first, last))
        return m
