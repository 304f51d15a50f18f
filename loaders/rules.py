"""The rule-based extractor: lexicon matches and word order, read sentence by sentence.

Every rule is general: it keys on lexicon categories (data) and entity types from the gazetteer,
never on a particular name, place or date. docs/extraction.md describes each rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import DateExpr, DateValue, find_dates
from .discourse import ATTACK, CKG, Discourse
from .facts import ALLEGED, CLAIMED, REPORTED, CasualtyFact, EventFact, Evidence, Extraction, RoleFact
from .interceptions import interceptions
from .lexicon import Lexicon, Match
from .quantities import number_at, number_ending_before
from .view import LEX, Mention, SentenceView

THREAT, PLEDGE = CKG + "Threat", CKG + "Pledge"
ACCUSATION, RESP_CLAIM, DENIAL = CKG + "Accusation", CKG + "ResponsibilityClaim", CKG + "Denial"
NO_CLAIM, TERRITORIAL = CKG + "NoResponsibilityClaim", CKG + "TerritorialClaim"
CAPTURE, TAKING_OFFICE = CKG + "CaptureOfTerritory", CKG + "TakingOffice"
GENERIC_BODY_CUES = (
    "cue:DefenceMinistryNoun",
    "cue:ForeignMinistryNoun",
    "cue:GeneralStaffNoun",
    "cue:AirForceNoun",
    "cue:ArmedForcesNoun",
)
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}


@dataclass
class AttackMention:
    first: int
    last: int
    cls: str
    generic: bool
    weapon: Match | None


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

    # ================================================================== helpers
    def ev(self, a: int, b: int) -> Evidence:
        sv = self.sv
        b = max(b, a + 1)
        start, end = sv.tokens[a].start, sv.tokens[min(b, len(sv.tokens)) - 1].end
        return Evidence(self.idx, start, end, self.out.article.text[start:end])

    def sentence_ev(self) -> Evidence:
        return self.ev(0, len(self.sv.tokens))

    def negated(self, i: int, lo: int) -> bool:
        return self.sv.cue_before(i, "cue:Negation", 3, lo) is not None

    def modal(self, i: int, lo: int) -> bool:
        return self.sv.cue_before(i, "cue:Modality", 5, lo) is not None

    def date_near(self, i: int, a: int, b: int) -> DateValue | None:
        """The temporal expression nearest token ``i`` within [a, b), else the sentence's only one."""
        inside = [d for d in self.dates if a <= d.first < b]
        pool = inside or (self.dates if len(self.dates) == 1 else [])
        if not pool:
            return None
        best: DateExpr = min(pool, key=lambda d: min(abs(d.first - i), abs(d.last - i)))
        return best.value

    def earlier(self, a: int, b: int) -> DateValue | None:
        cue = self.sv.cue_in(a, b, "cue:EarlierCue")
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
        cands = [m for m in self.sv.actors(a, i) if m.last <= i]
        if cands:
            return cands[-1]
        pron = self.sv.cue_before(i, "cue:Pronoun", 3, a)
        if pron is not None:
            prev = self.disc.recent_speaker(self.idx + 1, 3)
            if prev:
                return Mention(prev, pron.first, pron.last, pron.text)
        return None

    def in_threat(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.threat_scopes)

    # ================================================================== steps
    def entities_only(self) -> None:
        """For languages without an event lexicon: entity mentions only."""
        for m in self.sv.mentions:
            self.out.mentions.setdefault(m.iri, []).append(self.ev(m.first, m.last))

    def run(self) -> None:
        self.resolve_bodies(possessive=False)
        self.find_speaker()
        self.resolve_bodies(possessive=True)
        self.entities_only()
        self.roles()
        self.find_threat_scopes()
        self.attack_events()
        interceptions(self, AttackMention)
        self.attributions()
        self.threats_and_pledges()
        self.remarks()
        self.captures()
        self.casualties()
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
                for m in (nxt, prev):
                    if m is None:
                        continue
                    info = self.lex.entities.get(m.iri)
                    if info and (info.is_state or info.capital_of):
                        state = m.iri if info.is_state else info.capital_of
                        first, last = min(first, m.first), max(last, m.last)
                        break
                if state is None:
                    state = self.disc.recent_state(self.idx)
            elif possessive and self.speaker is not None:
                state = self.lex.state_of(self.speaker.iri)
            elif not possessive:
                continue  # "pasukannya": wait until the sentence's speaker is known
            if state is None:
                if possessive:
                    self.out.messages.append(f"sentence {self.idx}: could not tell whose '{g.text}' is meant; left out")
                continue
            body = self.lex.body_of(state, kind)
            if body is not None:
                sv.add_generic(body, first, last)

    def find_speaker(self) -> None:
        sv = self.sv
        found: Mention | None = None
        # "X said" first: the word after "said" is as often the start of what was said ("said the Russian attack")
        for cue in sv.of("cue:SpeechVerbAfter"):
            cands = [
                m
                for m in sv.actors(max(0, cue.first - 6), cue.first)
                if m.last >= cue.first - 2 and not sv.is_modifier(m)
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
                found = next((m for m in sv.actors(cue.last, cue.last + 3) if not sv.is_modifier(m)), None)
                if found:
                    break
        if found is None:
            # a generic body resolved only by the possessive/discourse pass may still speak
            return
        self.speaker = found
        self.disc.note_speaker(self.idx, found.iri)

    def roles(self) -> None:
        sv = self.sv
        for r in sv.of("role"):
            person = next(
                (m for m in sv.mentions if r.last <= m.first <= r.last + 3 and "Person" in self.lex.types(m.iri)),
                None,
            )
            if person is None:
                continue
            org = next((m.iri for m in sv.mentions if r.last <= m.first < person.first and m.iri != person.iri), None)
            if org is None:
                prev = next((m for m in sv.mentions if m.last in (r.first, r.first - 1) and m.iri != person.iri), None)
                org = prev.iri if prev else self.lex.state_of(person.iri)
            fact = RoleFact(person.iri, str(r.value), org, self.ev(min(r.first, person.first), person.last))
            if not any(
                (x.person, x.role, x.organisation) == (fact.person, fact.role, fact.organisation)
                for x in self.out.roles
            ):
                self.out.roles.append(fact)

    # ------------------------------------------------------------------ attacks
    def find_threat_scopes(self) -> None:
        sv = self.sv
        for t in sv.of("trigger"):
            if str(t.value) not in (THREAT, PLEDGE):
                continue
            _, b = sv.clause_of(t.first)
            end = b
            for i in range(t.last, b):
                tok = sv.tokens[i].text
                if tok in (",", ";") and not sv.in_quote(i):
                    end = i
                    break
                if any(m.first == i for m in sv.matches if m.kind in ("cue:ResponseCue", "cue:SpeechVerbBefore")):
                    end = i
                    break
            self.threat_scopes.append((t.first, end))

    def attack_mentions(self) -> list[AttackMention]:
        sv = self.sv
        found: list[AttackMention] = []
        triggers = [t for t in sv.of("trigger") if self.lex.is_subclass(str(t.value), ATTACK)]
        for t in triggers:
            cls, generic, weapon = str(t.value), str(t.value) == ATTACK, None
            if generic:
                _, b = sv.clause_of(t.first)
                w = next((w for w in sv.of("weapon") if t.last <= w.first <= t.last + 3 and w.last <= b), None)
                if w is not None and self.lex.weapon_event_type(str(w.value)):
                    cls, generic, weapon = self.lex.weapon_event_type(str(w.value)) or cls, False, w
            found.append(AttackMention(t.first, t.last, cls, generic, weapon))
        for w in sv.of("weapon"):
            if any(t.first <= w.first < t.last for t in triggers):
                continue
            _, b = sv.clause_of(w.first)
            hit = next((h for h in sv.of("cue:HitVerb") if w.last <= h.first <= w.last + 4 and h.last <= b), None)
            implied = self.lex.weapon_event_type(str(w.value))
            if hit is not None and implied:
                found.append(AttackMention(w.first, w.last, implied, False, w))
        found.sort(key=lambda m: m.first)
        return found

    def attack_events(self) -> None:
        sv = self.sv
        for am in self.attack_mentions():
            a, b = sv.clause_of(am.first)
            if self.in_threat(am.first) or self.negated(am.first, a) or self.modal(am.first, a):
                continue
            infinitive = sv.cue_before(am.first, "cue:Infinitive", 0, a)
            if infinitive is not None and not sv.tokens[am.first].lower.endswith("s"):
                continue  # "to strike missile launchers": not done
            ev = self.ev(am.first, am.last)
            anaphoric = (
                sv.cue_at(am.last, "cue:DemonstrativeAfter") is not None
                or sv.cue_before(am.first, "cue:DemonstrativeBefore", 0, a) is not None
            )
            if anaphoric and (
                am.generic or (self.disc.last_attack is not None and self.disc.last_attack.cls == am.cls)
            ):
                ref = self.disc.refer(ev)
                if ref is not None:
                    self.attacks.append((am, ref))
                continue
            fact = EventFact(am.cls, [ev])
            head = am.weapon.last if am.weapon is not None and am.weapon.first >= am.last - 1 else am.last
            agent = self.actor_after(head, b) or self.actor_after(am.last, b)
            if agent is None:
                agent = next((m for m in sv.mentions if m.last == am.first and self.lex.entities[m.iri].is_actor), None)
            if agent is None and sv.tokens[am.first].lower.endswith("nya"):
                agent = self.subject_before(am.first, a)
            if agent is not None:
                fact.agents.append(agent.iri)
            places = [p for p in sv.places(am.first, b) if agent is None or p.first != agent.first]
            if not places:  # "the city of Odesa reports a Russian missile attack": a place before the trigger
                # (not a country: a state named before the trigger is usually an actor, "Russia blamed Ukraine")
                places = [
                    p
                    for p in sv.places(a, am.first)
                    if (agent is None or p.first != agent.first) and "Country" not in self.lex.types(p.iri)
                ]
            if places:
                fact.place = max(places, key=lambda p: (self.lex.depth(p.iri), -abs(p.first - am.first))).iri
            fact.date = self.earlier(a, b) or self.date_near(am.first, a, b)
            for w in sv.of("weapon"):
                if w is am.weapon or (am.first <= w.first < am.last + 3 and w.last <= b):
                    if str(w.value) not in fact.weapons:
                        fact.weapons.append(str(w.value))
                    for start in range(max(a, w.first - 3), w.first):
                        num = number_at(sv.tokens, sv.matches, start)
                        if num and num[1] == w.first and fact.weapon_count is None:
                            fact.weapon_count = num[0]
            if am.generic and not self._anchored(fact):
                continue  # a campaign-level "attacks on Russian territory" is not one event
            self.attacks.append((am, self.disc.add_attack(fact)))

    def _anchored(self, fact: EventFact) -> bool:
        if fact.date is not None and fact.date.precision == "day":
            return True
        if fact.place is None:
            return False
        types = self.lex.entities[fact.place].types
        return bool(types & {"Settlement", "Facility"})

    def attack_after(self, i: int, b: int) -> EventFact | None:
        for am, fact in self.attacks:
            if i <= am.first < b:
                return fact
        return None

    # ------------------------------------------------------------------ speech acts
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

    def attributions(self) -> None:
        sv = self.sv
        for t in sv.of("trigger"):
            cls = str(t.value)
            if cls not in (ACCUSATION, RESP_CLAIM, DENIAL):
                continue
            a, b = sv.clause_of(t.first)
            subj = self.subject_before(t.first, a) or self.speaker
            target_event = self.attack_after(t.last, b) or self.attack_after(a, b)
            if cls == ACCUSATION:
                accused = self.actor_after(t.last, b, gap=3, exclude=subj.iri if subj else None)
                if accused is None and target_event is not None and target_event.agents:
                    # "condemns the wave of Russian strikes": the accused is the attack's agent
                    agent = target_event.agents[0]
                    accused = Mention(agent, t.first, t.last, agent)
                act = self.speech(
                    cls,
                    t,
                    subj.iri if subj else None,
                    attributed_to=accused.iri if accused else None,
                    about=target_event,
                    status=CLAIMED,
                )
                if target_event is not None and accused is not None and not target_event.agents:
                    target_event.agents.append(accused.iri)
                act.date = self.date_near(t.first, a, b)
            elif cls == RESP_CLAIM and self.negated(t.first, a):
                if subj is None:
                    continue
                fact = EventFact(NO_CLAIM, [self.ev(t.first, t.last)], attributed_to=subj.iri, about=target_event)
                self.out.events.append(fact)
            else:
                if subj is None:
                    continue
                self.speech(cls, t, subj.iri, attributed_to=subj.iri, about=target_event, status=CLAIMED)
        self.own_side_claims()

    def own_side_claims(self) -> None:
        """A speaker reporting an attack by its own side ("our air force destroyed ...") claims it."""
        if self.speaker is None:
            return
        side = self.lex.state_of(self.speaker.iri)
        for am, fact in self.attacks:
            if not fact.agents or any(e.cls == RESP_CLAIM and e.about is fact for e in self.out.events):
                continue
            agent = fact.agents[0]
            if agent == self.speaker.iri or (side is not None and self.lex.state_of(agent) == side):
                trigger = Match("trigger", RESP_CLAIM, am.first, am.last, 0, 0, "")
                self.speech(
                    RESP_CLAIM, trigger, self.speaker.iri, attributed_to=self.speaker.iri, about=fact, status=CLAIMED
                )

    def threats_and_pledges(self) -> None:
        sv = self.sv
        for t in sv.of("trigger"):
            cls = str(t.value)
            if cls not in (THREAT, PLEDGE):
                continue
            a, b = sv.clause_of(t.first)
            if self.negated(t.first, a):
                continue
            scope = next(((x, y) for x, y in self.threat_scopes if x == t.first), (t.last, b))
            lo, hi = t.last, scope[1]
            if cls == PLEDGE and sv.cue_in(lo, hi, "cue:RetaliationVerb"):
                cls = THREAT
            subj = self.subject_before(t.first, a) or self.speaker
            if subj is None:
                continue
            target = self.actor_after(lo, hi, gap=hi - lo, exclude=subj.iri)
            if target is None:
                places = sv.places(lo, hi)
                target = places[0] if places else None
            weapons = [
                str(w.value)
                for w in sv.of("weapon")
                if lo <= w.first < hi and sv.cue_before(w.first, "cue:InstrumentPreposition", 2, lo) is not None
            ]
            content = sv.text(lo, hi).strip() or None
            date = self.earlier(a, b) or self.date_near(t.first, a, b)
            if cls == THREAT and target is None and not weapons and hi - lo <= 1:
                prior = self.disc.speech_of(subj.iri, self.idx, 3, THREAT)
                if prior is not None:  # "Putin threatened, ..." refers back to a threat already reported
                    prior.add_evidence(self.ev(t.first, t.last))
                    continue
            act = self.speech(cls, t, subj.iri, content=content, date=date, weapons=weapons)
            if target is not None:
                act.targets.append(target.iri)
        # a quoted future statement of harm is a threat; near an earlier threat by the same speaker it is that threat
        if self.speaker is not None:
            for qa, qb in sv.quotes:
                if not sv.cue_in(qa, qb, "cue:RetaliationVerb") or not sv.cue_in(qa, qb, "cue:Modality"):
                    continue
                ev = self.ev(qa, qb)
                prior = self.disc.speech_of(self.speaker.iri, self.idx, 3, THREAT)
                if prior is not None:
                    prior.add_evidence(ev)
                    prior.content = prior.content or ev.quote
                else:
                    act = EventFact(THREAT, [ev], speaker=self.speaker.iri, agents=[self.speaker.iri], content=ev.quote)
                    self.out.events.append(act)
                    self.disc.note_speech(self.idx, act)

    def remarks(self) -> None:
        """'Putin made the remarks by video link on Sunday': channel and date for earlier remarks."""
        sv = self.sv
        for r in sv.of("cue:RemarksAnaphor"):
            subj = self.subject_before(r.first, 0) or self.speaker
            if subj is None:
                continue
            prior = self.disc.speech_of(subj.iri, self.idx, 3)
            if prior is None:
                continue
            prior.add_evidence(self.sentence_ev())
            ch = sv.of("channel")
            if ch and prior.channel is None:
                prior.channel = str(ch[0].value)
            date = self.date_near(r.first, 0, len(sv.tokens))
            if date is not None and (prior.date is None or not prior.date.resolved):
                prior.date = date

    # ------------------------------------------------------------------ territory
    def captures(self) -> None:
        sv = self.sv
        for t in sv.of("trigger"):
            if str(t.value) != CAPTURE:
                continue
            a, b = sv.clause_of(t.first)
            if self.negated(t.first, a) or self.modal(t.first, a) or self.in_threat(t.first):
                continue
            claimant = self.speaker.iri if self.speaker else None
            forces = next(
                (
                    m
                    for m in sv.mentions
                    if m.generic
                    and a <= m.first < t.first
                    and self.lex.entities[m.iri].body_kind == LEX + "ArmedForces"
                ),
                None,
            )
            agent = forces.iri if forces else None
            if agent is None:
                subj = self.subject_before(t.first, a)
                agent = subj.iri if subj and subj.iri != claimant else None
            if agent is None and claimant:
                state = self.lex.state_of(claimant)
                agent = self.lex.body_of(state, LEX + "ArmedForces") if state else claimant
            date = self.date_near(t.first, a, b)
            status = CLAIMED if claimant else REPORTED
            # a counted claim: "more than 190 settlements"
            noun = next(
                (n for n in sv.of("cue:SettlementNoun") if t.last <= n.first <= t.last + 5 and n.last <= b), None
            )
            if noun is not None:
                num = number_ending_before(sv.tokens, sv.matches, noun.first, set())
                if num is not None:
                    qual = sv.cue_before(num[1], "qualifier", 1, t.last)
                    region = next(iter(sv.places(noun.last, min(b, noun.last + 3))), None)
                    if claimant:
                        self.speech(
                            TERRITORIAL,
                            t,
                            claimant,
                            claimed_place=region.iri if region else None,
                            count=num[0],
                            count_qualifier=str(qual.value) if qual else None,
                            date=date,
                            status=CLAIMED,
                        ).add_evidence(self.ev(t.first, noun.last))
                    continue
            places = sv.places(t.last, b)
            named = {p.iri for p in places}
            claimed: list[Mention] = []
            for p in places:
                if any(p.iri in self.lex.ancestors(o) for o in named if o != p.iri):
                    continue  # a container named for context ("in the Kharkiv region")
                if p.iri not in {c.iri for c in claimed}:
                    claimed.append(p)
            for p in claimed:
                capture = EventFact(
                    CAPTURE,
                    [self.ev(t.first, p.last)],
                    place=p.iri,
                    date=date,
                    status=status,
                    agents=[agent] if agent else [],
                )
                self.out.events.append(capture)
                if claimant:
                    self.speech(
                        TERRITORIAL, t, claimant, claimed_place=p.iri, about=capture, date=date, status=CLAIMED
                    ).add_evidence(self.ev(p.first, p.last))

    # ------------------------------------------------------------------ casualties
    def casualties(self) -> None:
        sv = self.sv
        person_nouns = {i for m in sv.of("cue:PersonNoun") for i in range(m.first, m.last)}
        for c in sv.of("casualty"):
            a, b = sv.clause_of(c.first)
            num = number_ending_before(sv.tokens, sv.matches, c.first, person_nouns)
            lo = num[1] if num else c.first
            if num is None:  # "killing at least 7 people"
                start = c.last
                qual_after = next((q for q in sv.of("qualifier") if q.first == c.last), None)
                if qual_after is not None:
                    start = qual_after.last
                after = number_at(sv.tokens, sv.matches, start) if start < len(sv.tokens) else None
                if after is not None:
                    num, lo = (after[0], start, after[1]), start
            if num is None:
                if self.negated(c.first, a):
                    num, lo = (0, c.first, c.first), c.first
                else:
                    continue
            qual = sv.cue_before(lo, "qualifier", 1, a)
            event = self.attack_after(a, b) or self.attack_after(0, len(sv.tokens))
            if event is None and self.disc.last_attack is not None:
                last = max(e.sentence for e in self.disc.last_attack.evidence)
                event = self.disc.last_attack if self.idx - last <= 2 else None
            if event is None:
                continue
            kind, reporter = "UnattributedSource", None
            if sv.cue_in(a, b, "cue:OfficialCue"):
                kind = "OfficialSource"
            elif sv.cue_in(a, b, "cue:MediaCue"):
                kind = "MediaSource"
            elif self.speaker is not None:
                kind, reporter = "OfficialSource", self.speaker.iri
            fact = CasualtyFact(
                event,
                str(c.value),
                num[0],
                [self.ev(min(lo, c.first), max(c.last, num[2]))],
                str(qual.value) if qual else None,
                kind,
                reporter,
            )
            dup = next(
                (
                    x
                    for x in self.out.casualties
                    if x.event is event
                    and x.casualty_type == fact.casualty_type
                    and x.count == fact.count
                    and x.source_kind == fact.source_kind
                ),
                None,
            )
            if dup is not None:
                dup.evidence.extend(e for e in fact.evidence if e not in dup.evidence)
            else:
                self.out.casualties.append(fact)

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
