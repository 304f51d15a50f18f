"""The rule-based extractor: lexicon matches and word order, read sentence by sentence.

Every rule is general: it keys on lexicon categories (data) and entity types from the gazetteer,
never on a particular name, place or date. docs/extraction.md describes each rule. This module holds
the per-sentence state and the shared helpers; the rules themselves live in ``rules_attacks``,
``rules_speech``, ``rules_territory``, ``rules_casualties`` and ``interceptions``.
"""

from __future__ import annotations

from .aggregates import tidy_attacks
from .classes import ACCUSATION, DENIAL, NO_CLAIM, RESP_CLAIM, TAKING_OFFICE
from .dates import DateExpr, DateValue, find_dates
from .discourse import Discourse
from .facts import ALLEGED, CLAIMED, REPORTED, EventFact, Evidence, Extraction, RoleFact
from .interceptions import interceptions
from .lexicon import Lexicon, Match
from .rules_attacks import AttackMention, attack_events, find_threat_scopes
from .rules_casualties import casualties
from .rules_speech import attributions, remarks
from .rules_territory import captures
from .rules_threats import threats_and_pledges
from .shootdowns import aircraft_shootdowns
from .view import Mention, SentenceView

GENERIC_BODY_CUES = (
    "cue:DefenceMinistryNoun",
    "cue:ForeignMinistryNoun",
    "cue:GeneralStaffNoun",
    "cue:AirForceNoun",
    "cue:ArmedForcesNoun",
    "cue:InteriorMinistryNoun",
)
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}


class SentenceRules:
    """Applies the rules to one sentence, updating the article's discourse and extraction."""

    def __init__(self, sv: SentenceView, lex: Lexicon, disc: Discourse, out: Extraction):
        self.sv, self.lex, self.disc, self.out = sv, lex, disc, out
        self.idx = sv.s.index
        self.pub = out.article.date_published
        self.dates = find_dates(sv.tokens, sv.matches, self.pub)
        self.speaker: Mention | None = None
        self.attacks: list[tuple[AttackMention, EventFact]] = []
        self.threat_scopes: list[tuple[int, int]] = []
        self.anaphoric: set[int] = set()  # events this sentence only refers back to

    # ================================================================== helpers
    def ev(self, a: int, b: int) -> Evidence:
        sv = self.sv
        b = max(b, a + 1)
        start, end = sv.tokens[a].start, sv.tokens[min(b, len(sv.tokens)) - 1].end
        return Evidence(self.idx, start, end, self.out.article.text[start:end])

    def sentence_ev(self) -> Evidence:
        return self.ev(0, len(self.sv.tokens))

    def negated(self, i: int, lo: int, window: int = 3) -> bool:
        """A negation cue shortly before token ``i`` (not one inside a name: "pesawat tanpa awak")."""
        sv = self.sv
        names = {j for m in sv.matches if m.kind in ("weapon", "entity") for j in range(m.first, m.last)}
        return any(
            m.kind == "cue:Negation" and lo <= m.first and i - window <= m.last <= i and m.first not in names
            for m in sv.matches
        )

    def modal(self, i: int, lo: int) -> bool:
        return self.sv.cue_before(i, "cue:Modality", 5, lo) is not None

    def date_near(self, i: int, a: int, b: int, skip: tuple[int, int] = (0, 0)) -> DateValue | None:
        """The temporal expression nearest token ``i`` within [a, b), else the sentence's only one (never one in
        ``skip``, a subordinate clause: "... sejak Moskow menginvasi negara itu pada Februari lalu")."""
        own = [d for d in self.dates if not d.value.citation and not skip[0] <= d.first < skip[1]]
        update = [u.last for u in self.sv.of("cue:TollUpdateCue")]
        own = [d for d in own if not any(u <= d.first for u in update) or d.first < i]  # "rose to 30 on Sunday"
        inside = [d for d in own if a <= d.first < b]
        statement = [d for d in inside if self._dates_statement(d, i)]
        if len(statement) < len(inside):  # "said on Monday that its strike ... a day earlier": Monday dates the saying
            inside = [d for d in inside if d not in statement]
        pool = inside or (own if len(own) == 1 else [])
        if not pool:
            return None
        best: DateExpr = min(pool, key=lambda d: min(abs(d.first - i), abs(d.last - i)))
        return best.value

    def _dates_statement(self, d: DateExpr, i: int) -> bool:
        """A date right after a speech verb that comes before token ``i`` dates the statement."""
        return (
            any(v.last <= d.first <= v.last + 1 and v.last <= i for v in self.sv.of("cue:SpeechVerbAfter"))
            and d.last <= i
        )

    def earlier(self, a: int, b: int) -> DateValue | None:
        cue = [
            c  # "a day earlier" is a date of its own (loaders/dates.py), not a vague "earlier"
            for c in self.sv.cue_in(a, b, "cue:EarlierCue")
            if not any(d.first <= c.first < d.last and d.value.resolved for d in self.dates)
        ]
        if cue:
            return DateValue(None, None, cue[0].text, before=self.pub)
        return None

    def actor_after(self, i: int, b: int, gap: int = 0, exclude: str | None = None) -> Mention | None:
        for m in self.sv.actors(i, min(b, i + gap + 1)):
            if m.iri != exclude:
                return m
        return None

    def subject_before(self, i: int, a: int) -> Mention | None:
        """The actor nearest before token ``i`` within its clause, or a pronoun's referent."""
        sv = self.sv
        cands = [m for m in sv.actors(a, i) if m.last <= i]
        unnamed = [  # "..., officials warned": an unnamed speaker nearer than any named actor
            m.first
            for m in sv.matches
            if m.kind in ("cue:OfficialNoun", "cue:OfficialBodyNoun") and i - 2 <= m.last <= i and m.first >= a
        ]
        if unnamed and (not cands or cands[-1].last < unnamed[-1]):
            return None  # but "Russian officials accused": the demonym right before makes the state the subject
        if cands:
            head = self._apposition_head(cands, i)
            return head or cands[-1]
        pron = self.sv.cue_before(i, "cue:Pronoun", 3, a)
        if pron is not None:
            prev = self.disc.recent_speaker(self.idx + 1, 3)
            if prev:
                return Mention(prev, pron.first, pron.last, pron.text)
        return None

    def _skip_inserted_date(self, i: int) -> int:
        """Back over a date set off by commas or brackets just before token ``i``."""
        toks = self.sv.tokens
        j = i
        while j > 0 and (toks[j - 1].text in ",()" or any(d.first <= j - 1 < d.last for d in self.dates)):
            j -= 1
        return j if j < i and any(d.first >= j and d.last <= i for d in self.dates) else i

    def _apposition_head(self, cands: list[Mention], i: int) -> Mention | None:
        """'Mykhailo Podolyak, an adviser to Ukraine's president, denied': the person before the apposition."""
        toks = self.sv.tokens
        if i == 0 or toks[i - 1].text != ",":
            return None
        for m in cands:
            if m.last < i - 1 and toks[m.last].text == "," and "Person" in self.lex.types(m.iri):
                if not any(t.text == "," for t in toks[m.last + 1 : i - 1]):
                    return m
        return None

    def in_threat(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.threat_scopes)

    def attack_after(self, i: int, b: int) -> EventFact | None:
        for am, fact in self.attacks:
            if i <= am.first < b:
                return fact
        return None

    def speech(self, cls: str, t: Match, speaker: str | None, **kw: object) -> EventFact:
        act = EventFact(cls, [self.ev(t.first, t.last)], speaker=speaker, **kw)  # type: ignore[arg-type]
        if speaker:
            act.agents.append(speaker)
        if act.channel is None:
            ch = self.sv.of("channel")
            act.channel = str(ch[0].value) if ch else None
        self.out.events.append(act)
        self.disc.note_speech(self.idx, act)
        return act

    # ================================================================== steps
    def entities_only(self) -> None:
        """For languages without an event lexicon: entity mentions only."""
        for m in self.sv.mentions:
            self.out.mentions.setdefault(m.iri, []).append(self.ev(m.first, m.last))
            if "Settlement" in self.lex.types(m.iri) and not self.sv.is_modifier(m):
                self.disc.settlements.append((self.idx, m.iri))

    def run(self) -> None:
        self.resolve_bodies(possessive=False)
        self.find_speaker()
        self.resolve_bodies(possessive=True)
        self.entities_only()
        self.roles()
        find_threat_scopes(self)
        attack_events(self)
        interceptions(self, AttackMention)
        aircraft_shootdowns(self, AttackMention)
        attributions(self)
        threats_and_pledges(self)
        remarks(self)
        captures(self)
        casualties(self)
        self.taking_office()

    # ------------------------------------------------------------------ actors
    def resolve_bodies(self, possessive: bool) -> None:
        sv = self.sv
        for g in sv.matches:
            if g.kind not in GENERIC_BODY_CUES or any(m.first < g.last and g.first < m.last for m in sv.mentions):
                continue
            kind = str(g.value)
            is_poss = g.text.lower().endswith("nya") or (
                g.first > 0 and sv.tokens[g.first - 1].lower in _POSSESSIVE_PRONOUNS
            )
            state, first, last = None, g.first, g.last
            if not is_poss:
                nxt = sv.entity_at(g.last)
                prev = next((m for m in sv.mentions if m.last == g.first), None)
                if prev is None and g.first >= 2 and sv.tokens[g.first - 2].text in "'’":  # "Russia's defense ministry"
                    prev = next((m for m in sv.mentions if m.last == g.first - 2), None)
                for m in (nxt, prev):
                    if m is None:
                        continue
                    info = self.lex.entities.get(m.iri)
                    if info and (info.is_state or info.capital_of):
                        state = m.iri if info.is_state else info.capital_of
                        first, last = min(first, m.first), max(last, m.last)
                        break
                if state is None and self._body_position(g.first):
                    state = self.disc.recent_state(self.idx)
            elif possessive and self.speaker is not None:
                state = self.lex.state_of(self.speaker.iri)
            elif possessive:  # no speaker: the subject's ("Zelensky memuji angkatan udaranya")
                subj = next(iter(reversed(sv.actors(sv.clause_of(g.first)[0], g.first))), None)
                state = self.lex.state_of(subj.iri) if subj is not None else None
            else:
                continue  # "pasukannya": wait until the sentence's speaker is known
            if state is None:
                if possessive:
                    self.out.messages.append(f"sentence {self.idx}: could not tell whose '{g.text}' is meant; left out")
                continue
            body = self.lex.body_of(state, kind)
            if body is not None:
                sv.add_generic(body, first, last)

    def _body_position(self, i: int) -> bool:
        """A body noun read from context must stand as a noun ("The military said", "Menurut Kementerian
        Pertahanan"), not as an adjective ("a military target", "special military operation")."""
        sv = self.sv
        if i == 0 or not sv.tokens[i - 1].text.isalpha():
            return True
        if sv.is_word(i - 1, "cue:DemonstrativeBefore", "cue:SpeechVerbBefore", "cue:Complementizer"):
            return True
        return sv.tokens[i - 1].text[:1].isupper()

    def find_speaker(self) -> None:
        sv = self.sv
        found: Mention | None = None
        # "X said" first: the word after "said" is as often the start of what was said ("said the Russian attack")
        for cue in sv.of("cue:SpeechVerbAfter"):
            at = self._skip_inserted_date(cue.first)  # "Kementerian Pertahanan Rusia, Sabtu (11/5/2024), menyatakan"
            cands = [
                m
                for m in sv.actors(max(0, at - 6), at)
                if m.last >= at - 2 and (not sv.is_modifier(m) or sv.cue_at(m.last, "cue:OfficialNoun"))
            ]
            if not cands and cue.first >= 2 and sv.tokens[cue.first - 1].text == ",":
                # "Serhiy Lysak, the governor of the Dnipropetrovsk region, said": the subject before the apposition
                cands = [
                    m
                    for m in sv.actors(max(0, cue.first - 14), cue.first - 2)
                    if m.last < len(sv.tokens) and sv.tokens[m.last].text == "," and "Person" in self.lex.types(m.iri)
                ]
            if cands:
                found = cands[-1]
                break
            pron = sv.cue_before(cue.first, "cue:Pronoun", 2)
            if pron is not None:
                prev = self.disc.recent_speaker(self.idx, 3)
                if prev:
                    found = Mention(prev, pron.first, pron.last, pron.text)
                    break
        if found is None:
            for cue in sv.of("cue:SpeechVerbBefore"):  # "kata Putin", "according to the ministry"
                if sv.cue_at(cue.last, "cue:Complementizer"):
                    continue  # "said that Russian forces ...": what was said, not who said it
                found = next(
                    (m for m in sv.actors(cue.last, cue.last + 3) if not sv.is_modifier(m) and not sv.possessive(m)),
                    None,
                )  # "said Ukraine's shelling ...": a possessor begins what was said
                if found:
                    break
        if found is None and sv.of("cue:SpeechVerbPronoun"):  # '"...," tulisnya': the last speaker wrote it
            prev = self.disc.recent_speaker(self.idx, 3)
            cue = sv.of("cue:SpeechVerbPronoun")[0]
            if prev:
                found = Mention(prev, cue.first, cue.last, cue.text)
        if found is None:
            # a generic body resolved only by the possessive/discourse pass may still speak
            return
        self.speaker = found
        self.disc.note_speaker(self.idx, found.iri)

    def roles(self) -> None:
        """'Presiden Rusia Vladimir Putin', 'Walikota Kyiv Vitali Klichko', and the apposition 'Serhiy Lysak, the
        governor of the Dnipropetrovsk region': a role held in an organisation, or an office for a place (its
        jurisdiction, remembered for the article: the mayor of Kyiv speaks of Kyiv)."""
        sv, lex = self.sv, self.lex
        for r in sv.of("role"):
            person = next(
                (m for m in sv.mentions if r.last <= m.first <= r.last + 3 and "Person" in lex.types(m.iri)),
                None,
            )
            org: str | None = None
            if person is None:  # "Serhiy Lysak, the governor of the Dnipropetrovsk region"
                person = next(
                    (
                        m
                        for m in sv.mentions
                        if r.first - 4 <= m.last < r.first
                        and "Person" in lex.types(m.iri)
                        and sv.tokens[m.last].text == ","
                    ),
                    None,
                )
                if person is None:
                    continue
                org = next((m.iri for m in sv.places(r.last, r.last + 4)), None)
            if org is None:
                org = next(
                    (m.iri for m in sv.mentions if r.last <= m.first < person.first and m.iri != person.iri), None
                )
            if org is None:
                prev = next((m for m in sv.mentions if m.last in (r.first, r.first - 1) and m.iri != person.iri), None)
                org = prev.iri if prev else lex.state_of(person.iri)
            if org is not None and lex.entities[org].is_place and not lex.entities[org].is_state:
                self.disc.jurisdiction[person.iri] = org  # an office for a place: its jurisdiction, not an actor
                org = None
            fact = RoleFact(person.iri, str(r.value), org, self.ev(min(r.first, person.first), person.last))
            if not any(
                (x.person, x.role, x.organisation) == (fact.person, fact.role, fact.organisation)
                for x in self.out.roles
            ):
                self.out.roles.append(fact)

    # ------------------------------------------------------------------ politics
    def taking_office(self) -> None:
        sv = self.sv
        for t in sv.of("trigger"):
            if str(t.value) != TAKING_OFFICE:
                continue
            a, b = sv.clause_of(t.first)
            if self.negated(t.first, a):
                continue
            persons = [m for m in sv.mentions if "Person" in self.lex.entities[m.iri].types and a <= m.first < b]
            if not persons:
                continue
            person = min(persons, key=lambda m: (0 if m.last <= t.first else 1, abs(m.first - t.first)))
            fact = EventFact(
                TAKING_OFFICE, [self.ev(t.first, t.last)], agents=[person.iri], date=self.date_near(t.last, a, b)
            )
            self.out.events.append(fact)


def finish(disc: Discourse, out: Extraction) -> None:
    """Article-level steps after every sentence: attack events join the output, agent status."""
    tidy_attacks(disc, out)
    out.events[:0] = disc.events
    for event in disc.events:
        if not event.agents:
            continue
        about = [e for e in out.events if e.about is event]
        if any(e.cls == RESP_CLAIM and e.speaker in event.agents for e in about):
            event.agent_status = CLAIMED
        elif any(e.cls in (ACCUSATION, NO_CLAIM, DENIAL) for e in about):
            event.agent_status = ALLEGED
        else:
            event.agent_status = REPORTED
