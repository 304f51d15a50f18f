"""Attack events: each attack mention's agent, place, date and weapons, anaphora and anchoring.

- Agent: given by the pattern; for a verb trigger the subject before it; else an actor right after the
  trigger or its weapon ("serangan rudal Rusia"), after an agent cue ("yang dilakukan Ukraina"), a
  demonym right before ("Russian missile attack"), the enemy of the speaker's state for an enemy noun
  ("musuh melancarkan serangan"), or the subject for "serangannya".
- Place: see places.py; the deepest place after the trigger, else one before it (not a country), else
  "the city" named last, else the jurisdiction of the speaker (the mayor of Kyiv speaks of Kyiv).
- A plural mention naming several places ("strikes in Kharkiv, Kherson and Odesa") is one event per
  place; a singular one ignores the examples after "including".
- Anaphora: a demonstrative before or after the event word ("the Russian attack", "serangan terbaru
  itu"), or a possessive ("its strike", which the speaker thereby claims), refers to the most recent
  compatible event and only fills in what it lacks.
- Anchoring: an event needs a day, a place (a settlement for a generic word), a weapon count, a
  casualty count in its clause, or to be the object of an interception verb ("repelled an attack");
  a campaign word ("hundreds of", "relentless") anchors only by a day. An unanchored generic mention
  refers back to a compatible event or is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attack_mentions import AttackMention, attack_mentions, weapon_verb
from .classes import ACCUSATION, ATTACK, PLEDGE, RESP_CLAIM, THREAT
from .dates import DateValue
from .facts import CLAIMED, EventFact, Evidence
from .lexicon import Match
from .places import after_inclusion, coordinated, definite_settlement, event_places, listed, search_end
from .quantities import number_at
from .view import PREPOSITIONS, Mention

if TYPE_CHECKING:
    from .rules import SentenceRules

__all__ = ["AttackMention", "anchored", "attack_events", "find_threat_scopes"]


def find_threat_scopes(r: SentenceRules) -> None:
    sv = r.sv
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
        r.threat_scopes.append((t.first, end))


def anaphor(r: SentenceRules, am: AttackMention, a: int) -> str | None:
    """'plain' for "the attack" / "serangan itu", 'possessive' for "its strike", else None."""
    sv = r.sv
    if sv.cue_before(am.first, "cue:PossessiveDeterminer", 0, a) is not None:
        return "possessive"
    after = next((m for m in sv.of("cue:DemonstrativeAfter") if am.last <= m.first <= am.last + 2), None)
    if after is not None and _modifiers(r, am.last, after.first):
        return "plain"
    before = sv.cue_before(am.first, "cue:DemonstrativeBefore", 2, a)
    if before is not None and sv.cue_at(before.first, "cue:Complementizer"):
        if before.last < am.first or am.agent is not None:
            before = None  # "said that Russian forces killed": a conjunction, not "that attack"
    if before is not None and _modifiers(r, before.last, am.first):
        return "plain"
    return None


def _modifiers(r: SentenceRules, a: int, b: int) -> bool:
    """Words between a demonstrative and its noun: adjectives or names, no punctuation, number or preposition."""
    for i in range(a, b):
        t = r.sv.tokens[i]
        if not t.text.isalpha() or r.sv.is_word(i, *PREPOSITIONS) or number_at(r.sv.tokens, r.sv.matches, i):
            return False
    return True


def plural(r: SentenceRules, am: AttackMention) -> bool:
    word = r.sv.tokens[am.last - 1].text
    if "-" in word and len(set(word.lower().split("-"))) == 1:
        return True  # "serangan-serangan"
    return r.sv.lang == "en" and word.endswith("s") and not word.endswith("ss")


_CAMPAIGN_AFTER = {"throughout", "sepanjang", "waves of", "gelombang"}


def attack_events(r: SentenceRules) -> None:
    sv = r.sv
    for am in attack_mentions(r):
        a, b = sv.clause_of(am.first)
        if r.in_threat(am.first) or r.negated(am.first, a) or r.modal(am.first, a):
            continue
        if am.first >= 3 and [t.lower for t in sv.tokens[am.first - 4 : am.first - 1]][-3:] == ["one", "of", "the"]:
            continue  # "one of the deadliest attacks of the year": a comparison, not a report
        infinitive = sv.cue_before(am.first, "cue:Infinitive", 0, a)
        if infinitive is not None and not sv.tokens[am.first].lower.endswith("s"):
            continue  # "to strike missile launchers": not done
        ev = r.ev(am.first, am.last)
        kind = anaphor(r, am, a)
        facts = build(r, am, a, b, ev, kind is not None)
        if kind is not None and refer_back(r, am, facts, kind):
            continue
        condemned = any(
            str(t.value) == ACCUSATION and a <= t.first and am.first - 6 <= t.last <= am.first for t in sv.of("trigger")
        )
        if condemned and refer_back(r, am, build(r, am, a, b, ev, True, True), "plain", anchored_only=True):
            continue  # "to condemn Russia's latest wave of attacks": the attacks already reported
        campaign = sv.cue_before(am.first, "cue:CampaignCue", 3, a) is not None or any(
            c.text.lower() in _CAMPAIGN_AFTER for c in sv.cue_in(am.last, min(b, am.last + 8), "cue:CampaignCue")
        )  # "struck Kyiv with waves of missiles throughout May"
        group: list[EventFact] = []
        for fact in facts:
            ref = None
            if anchored(r, fact, am, a, b, campaign):
                merged = r.disc.add_attack(fact)
                r.disc.anchored.add(id(merged))
            elif am.generic or campaign or (fact.date is not None and not fact.date.resolved):
                ref = None if campaign else r.disc.resolve(fact, anchored_only=True)
                if ref is None:
                    continue  # a campaign-level "attacks on Russian territory" is not one event
            else:  # a typed mention with no details: an attack just reported, or one whose details follow
                ref = r.disc.resolve(fact, anchored_only=True, since=r.idx - 3)
                merged = ref or r.disc.add_attack(fact)
            if ref is not None:
                r.disc.merge(ref, fact, reference=True)
                r.anaphoric.add(id(ref))
                merged = ref
            r.attacks.append((am, merged))
            group.append(merged)
        if group:
            r.disc.last_group = group


def refer_back(
    r: SentenceRules, am: AttackMention, facts: list[EventFact], kind: str, anchored_only: bool = False
) -> bool:
    refs: list[EventFact] = []
    disc, lex = r.disc, r.lex
    if len(facts) > 1 and _split_referent(r, am, facts):
        return True
    for fact in facts:
        if kind == "possessive" and r.speaker is not None:
            fact.agents = [r.speaker.iri]  # "its strike": the speaker's side did it
        original = fact.place
        country = fact.place if fact.place and "Country" in lex.types(fact.place) else None
        if country:  # "the attacks ... in Ukraine": a country names the referent only if it has no place
            fact.place = None
            named = next((m for m in r.sv.mentions if m.iri == country and m.first >= am.last), None)
            preps = [
                m
                for m in r.sv.matches
                if m.kind in ("cue:LocativePreposition", "cue:ContainmentPreposition")
                and named is not None
                and named.first - 4 <= m.last <= named.first
                and not any(t.text == "," for t in r.sv.tokens[m.last : named.first])
            ]
            if not preps:
                country = None  # "kepemimpinan Rusia": a side, not a place
        if fact.place is None and r.speaker is not None:  # the governor of Belgorod speaks of the Belgorod attack
            fact.place = r.disc.jurisdiction.get(r.speaker.iri)
        group = disc.last_group if plural(r, am) and fact.place is None else []
        if len(group) > 1 and all(disc.compatible(e, fact) for e in group):
            found = list(group)  # "the attacks on Tuesday morning": every event of the last mention
        else:
            ref = disc.resolve(fact, anchored_only=anchored_only)
            found = [ref] if ref is not None else []
        if not found and original is not None:
            fact.place = original  # nothing to refer to: the mention is read as a new one
        for ref in found:
            disc.merge(ref, fact, reference=True)
            if country and ref.place is None:
                ref.place = country
            r.attacks.append((am, ref))
            r.anaphoric.add(id(ref))
            refs.append(ref)
    if not refs:
        return False
    for ref in reversed(refs):
        disc.touch(ref)
    if kind == "possessive" and r.speaker is not None and not plural(r, am):
        for ref in refs:
            if not ref.agents:
                ref.agents.append(r.speaker.iri)
            trigger = Match("trigger", RESP_CLAIM, am.first, am.last, 0, 0, "")
            r.speech(RESP_CLAIM, trigger, r.speaker.iri, attributed_to=r.speaker.iri, about=ref, status=CLAIMED)
    return True


def _split_referent(r: SentenceRules, am: AttackMention, facts: list[EventFact]) -> bool:
    """'The assault affected ... the regions of Sumy and Kharkiv': the event referred to was one attack per place."""
    disc, lex = r.disc, r.lex
    probe = EventFact(facts[0].cls, list(facts[0].evidence), agents=list(facts[0].agents))
    ref = disc.resolve(probe)
    if ref is None or any(f.place is None or f.place == ref.place for f in facts):
        return False
    if ref.place is not None and not all(ref.place in lex.ancestors(f.place or "") for f in facts):
        return False
    for f in facts:
        sub = EventFact(ref.cls, f.evidence, agents=list(ref.agents), place=f.place, date=ref.date)
        sub.weapons = list(ref.weapons)
        disc.events.append(sub)
        disc.anchored.add(id(sub))
        disc.parts.setdefault(id(ref), []).append(sub)
        r.attacks.append((am, sub))
        r.anaphoric.add(id(sub))
    ref.evidence.extend(e for e in facts[0].evidence[:1] if e not in ref.evidence)
    return True


def build(
    r: SentenceRules, am: AttackMention, a: int, b: int, ev: Evidence, anaphoric: bool, attached: bool = False
) -> list[EventFact]:
    """The event(s) one mention reports; ``attached``: only a date written next to the event word counts."""
    sv, lex = r.sv, r.lex
    agent = find_agent(r, am, a, b)
    fact = EventFact(am.cls, [ev], agents=[agent.iri] if agent else [])
    nxt = next((m.first for m in attack_mentions_after(r, am.last)), b)
    stop = search_end(r, am.last, min(b, nxt))
    places = [p for p in event_places(r, am.first, stop) if agent is None or p.first != agent.first]
    examples = after_inclusion(r, places)
    several = coordinated(r, listed(r, places))
    split = (anaphoric or plural(r, am)) and sv.cue_before(am.first, "cue:CampaignCue", 3, a) is None
    split = split and len(several) >= 2
    if split:
        places = several
    else:  # "across 10 regions of Ukraine, including the capital, Kyiv": the examples are not the place
        places = [p for p in places if p not in examples] or places
    if not places and not anaphoric:  # "the city of Odesa reports a Russian missile attack": a place before it
        # (not a country: a state named before the trigger is usually an actor, "Russia blamed Ukraine")
        places = [
            p
            for p in event_places(r, a, am.first)
            if (agent is None or p.first != agent.first) and "Country" not in lex.types(p.iri)
        ]
    near = r.date_near(am.first, a, stop, skip=(stop, b) if stop < b else (0, 0))
    fact.date = r.earlier(a, b) or (attached_date(r, am) if attached else near)
    for w in [*am.weapons, *sv.of("weapon")]:
        if w is am.weapon or w in am.weapons or (am.first <= w.first < am.last + 3 and w.last <= b):
            if str(w.value) not in fact.weapons:
                fact.weapons.append(str(w.value))
            for start in range(max(a, w.first - 3), w.first):
                num = number_at(sv.tokens, sv.matches, start)
                if num and num[1] == w.first and fact.weapon_count is None:
                    fact.weapon_count = num[0]
    if split:
        out = []
        for p in several:
            one = EventFact(fact.cls, [ev, r.ev(p.first, p.last)], agents=list(fact.agents), place=p.iri)
            one.date, one.weapons = fact.date, list(fact.weapons)
            out.append(one)
        return out
    if places:
        fact.place = max(places, key=lambda p: (lex.depth(p.iri), -abs(p.first - am.first))).iri
    elif not anaphoric:
        fact.place = definite_settlement(r, a, b) or _jurisdiction(r)
    return [fact]


def attack_mentions_after(r: SentenceRules, i: int) -> list[Match]:
    """Attack words from token ``i`` on (the weapon's own verb, "missiles struck", excluded: it is the same mention)."""
    return [
        t
        for t in r.sv.of("trigger")
        if t.first >= i and r.lex.is_subclass(str(t.value), ATTACK) and not weapon_verb(r.sv, t)
    ]


def attached_date(r: SentenceRules, am: AttackMention) -> DateValue | None:
    """A date written right next to an event word ("the attacks on Tuesday morning", "serangan hari Senin")."""
    for d in r.dates:
        if not d.value.citation and (am.last <= d.first <= am.last + 2 or am.first - 2 <= d.last <= am.first):
            return d.value
    return None


def _adjective(r: SentenceRules, i: int) -> bool:
    """A word that may stand between an event noun and its agent: not a preposition, verb cue or number."""
    sv = r.sv
    if not sv.tokens[i].text.replace("-", "").isalpha() or sv.is_word(i, *PREPOSITIONS):
        return False
    return not any(m.first <= i < m.last for m in sv.matches if not m.kind.startswith("cue:Demonstrative"))


def _possessor(r: SentenceRules, first: int, a: int) -> Mention | None:
    """ "Russia's overnight barrage of drone attacks": an actor in the possessive before the event noun,
    with only modifiers (and "of") between."""
    sv, i = r.sv, first
    while (
        i > a
        and first - i <= 5
        and (_adjective(r, i - 1) or sv.tokens[i - 1].lower == "of" or sv.cue_at(i - 1, "cue:DayPart") is not None)
    ):
        i -= 1
    for j in range(i, first + 1):
        if j - 3 >= a and sv.tokens[j - 1].lower == "s" and sv.tokens[j - 2].text in ("'", "\u2019"):
            m = next((m for m in sv.mentions if m.last == j - 2), None)
            if m is not None and r.lex.entities[m.iri].is_actor:
                return m
    return None


def _capital_at(r: SentenceRules, i: int) -> Mention | None:
    m = r.sv.entity_at(i)
    info = r.lex.entities.get(m.iri) if m is not None else None
    if m is None or info is None or not info.capital_of:
        return None
    return Mention(info.capital_of, m.first, m.last, m.text)


def _jurisdiction(r: SentenceRules) -> str | None:
    return r.disc.jurisdiction.get(r.speaker.iri) if r.speaker is not None else None


def find_agent(r: SentenceRules, am: AttackMention, a: int, b: int) -> Mention | None:
    sv, lex = r.sv, r.lex
    if am.agent is not None:
        return am.agent
    makers = {m.first for c in sv.of("cue:MakerCue") for m in sv.mentions if c.last <= m.first <= c.last + 1}
    support = sv.cue_before(am.first, "cue:SupportVerb", 3, a)  # "Pasukan Rusia melakukan serangan"
    if am.verbal or (support is not None and _modifiers(r, support.last, am.first)):
        said = [  # "Ukrainian officials say the missiles that struck ...": the subject is not the speaker
            v.last
            for v in sv.matches
            if v.kind in ("cue:SpeechVerbAfter", "cue:Complementizer") and a <= v.last <= (support or am).first
        ]
        subject = r.subject_before((support or am).first, max([a, *said]))
        if subject is not None or am.verbal:
            return subject
    head = am.weapon.last if am.weapon is not None and am.weapon.first >= am.last - 1 else am.last
    for i in (head, am.last):
        m = r.actor_after(i, b)
        j = i
        while m is None and j < min(len(sv.tokens), i + 2) and _adjective(r, j) and sv.tokens[j].text.islower():
            j += 1  # "serangan besar-besaran Ukraina", "serangan bom udara Rusia"
            m = r.actor_after(j, b) or _capital_at(r, j)
        m = m or _capital_at(r, i)  # "serangan Moskow": the capital stands for its state
        if m is not None and m.first not in makers:
            return m
    for cue in sv.of("cue:AgentCue"):  # "serangan rudal yang dilakukan Ukraina", "drone ... milik Rusia"
        if am.last <= cue.first <= am.last + 6 and cue.last <= b:
            if sv.cue_in(am.last, cue.first, "cue:PassiveAuxiliary") or any(
                am.last <= t.first < cue.first for t in sv.of("trigger")
            ):
                continue  # "the attack ... was condemned by Ukraine": "by" belongs to another verb
            m = r.actor_after(cue.last, b, gap=1)
            if m is not None:
                return m
    m = next((m for m in sv.mentions if m.last == am.first and lex.entities[m.iri].is_actor), None)
    if m is None:  # "a Russian glide bomb attack": up to two lower-case words between side and noun
        m = next(
            (
                m
                for m in sv.mentions
                if am.first - 3 <= m.last < am.first
                and m.last >= a
                and lex.entities[m.iri].is_actor
                and all(_adjective(r, k) and sv.tokens[k].text.islower() for k in range(m.last, am.first))
            ),
            None,
        )
    if m is not None:
        return m
    m = _possessor(r, am.first, a)
    if m is not None:
        return m
    enemy = sv.cue_before(am.first, "cue:EnemyNoun", 2, a)
    if enemy is not None:
        state = lex.state_of(r.speaker.iri) if r.speaker else r.disc.recent_state(r.idx + 1)
        foe = lex.enemy_of(state)
        if foe is not None:
            return Mention(foe, enemy.first, enemy.last, enemy.text)
    if sv.tokens[am.first].lower.endswith("nya"):
        return r.subject_before(am.first, a)
    return None


def anchored(r: SentenceRules, fact: EventFact, am: AttackMention, a: int, b: int, campaign: bool) -> bool:
    sv = r.sv
    d = fact.date
    if d is not None and d.precision == "day" and not d.period and not d.citation:
        return True
    if campaign:
        return False
    if am.anchored or fact.weapon_count is not None:
        return True
    end = len(sv.tokens)  # "... 12 serangan, namun semuanya dipukul mundur": the next clause may say so
    repelled = sv.cue_in(am.last, end, "cue:InterceptVerb") and not any(am.last <= w.first for w in sv.of("weapon"))
    if sv.cue_before(am.first, "cue:InterceptVerb", 3, a) or repelled:
        return True  # "menggagalkan serangan", "23 serangan ... dipukul mundur": it happened, and was repelled
    counted = [c for c in sv.of("casualty") if am.last <= c.first < b]
    if any(number_at(sv.tokens, sv.matches, c.last) or r.negated(c.first, a) for c in counted):
        return True  # "a Russian attack killed one person"
    if fact.place is None:
        return False
    if not am.generic:
        return True
    return bool(r.lex.entities[fact.place].types & {"Settlement", "Facility"})
