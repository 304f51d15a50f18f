"""Threats and pledges: 'mengancam', 'warned', 'berjanji untuk membalas', and quoted future harm.

- A pledge with a harm word in its scope ("vowed to retaliate") is a threat; otherwise a pledge.
- Scope: to the next comma, "in response to", or a speech verb.
- Target: the actor or place right after the trigger ("mengancam Ukraina", "warned NATO"), else right
  after a target preposition in the scope ("terhadap", "against"), else within three words after a harm
  word ("membalas Drone Ukraina", "menargetkan pusat kota Kiev"). Not a place after a preposition of
  location ("konflik di Ukraina") and nothing inside a condition ("if they send troops into Ukraine").
- A warning that the other side will do something ("Rusia akan mencoba ...") is a forecast, not a threat.
- The same speaker's threat of the last two sentences, with no other target, is the same threat
  ("He warned that ..." after "Putin warned ..."); so is a bare "Putin threatened," and a quotation of
  future harm by the speaker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .classes import PLEDGE, THREAT
from .facts import EventFact
from .view import Mention

if TYPE_CHECKING:
    from .lexicon import Match
    from .rules import SentenceRules

_SKIP = ("cue:Infinitive", "cue:Modality", "cue:DemonstrativeBefore", "cue:Complementizer")


def _target(r: SentenceRules, lo: int, hi: int, exclude: str) -> Mention | None:
    sv, lex = r.sv, r.lex
    side = lex.state_of(exclude)
    cond = next((c.first for c in sv.of("cue:ConditionCue") if lo <= c.first < hi), hi)
    hi = min(hi, cond)  # what a condition names is the threat's condition, not its target

    def at(i: int) -> Mention | None:
        while i < hi and sv.is_word(i, *_SKIP):
            i += 1
        m = next((m for m in sv.mentions if m.first == i and m.iri != exclude), None)
        if m is None or sv.is_modifier(m) or sv.cue_before(m.first, "cue:ContainmentPreposition", 1, lo):
            return None
        if side is not None and (m.iri == side or lex.state_of(m.iri) == side):
            return None  # not the speaker's own side
        return m if lex.entities[m.iri].is_actor or lex.entities[m.iri].is_place else None

    found = at(lo)
    for modal in sv.of("cue:Modality"):  # "warned that Russia would consider NATO ...": after the modal verb
        if found is None and lo <= modal.first < hi:
            found = next((m for k in range(modal.last + 1, min(hi, modal.last + 4)) if (m := at(k))), None)
    for prep in sv.of("cue:LocativePreposition"):
        if found is None and lo <= prep.first < hi and not sv.cue_at(prep.first, "cue:ContainmentPreposition"):
            found = at(prep.last)
    for harm in sv.of("cue:RetaliationVerb"):
        if found is None and lo <= harm.first < hi:
            found = next((m for m in sv.mentions if harm.last <= m.first <= harm.last + 3 and m.first < hi), None)
            if found is not None and (found.iri == exclude or sv.is_modifier(found)):
                found = None
    return found


_NOUNS = {"threat", "threats", "ancaman"}


def _holder(r: SentenceRules, t: Match) -> Mention | None:
    """Whose threat a threat noun is: the actor right after it (after "from", "dari", "oleh" too) or a
    possessive before it."""
    sv = r.sv
    i = t.last + int(t.last < len(sv.tokens) and sv.tokens[t.last].lower in ("from", "by", "dari", "oleh"))
    after = next((m for m in sv.actors(i, i + 1) if not sv.is_modifier(m)), None)
    if after is not None:
        return after
    own = next((m for m in sv.actors(max(0, t.first - 4), t.first) if m.last + 2 == t.first and sv.possessive(m)), None)
    if own is not None:
        return own
    prev = sv.tokens[t.first - 1] if t.first > 0 else None
    if prev is not None and prev.text.isalpha() and prev.text.islower() and prev.lower not in _NOUN_MODIFIERS:
        verbs = ("cue:SpeechVerbAfter", "cue:SpeechVerbBefore")
        if not any(m.first <= t.first - 1 < m.last and m.kind not in verbs for m in sv.matches):  # "menebar ancaman"
            return r.subject_before(t.first, sv.clause_of(t.first)[0])
    return None


_NOUN_MODIFIERS = {"tingkat", "level", "the", "a", "an", "of", "terror", "teror", "security", "keamanan"}


def _alert(r: SentenceRules, t: int) -> bool:
    """'warned residents to stay in shelters', 'memperingatkan warga': an alert to people, not a threat."""
    sv = r.sv
    i = t + int(t < len(sv.tokens) and sv.tokens[t].lower in ("the", "its", "his", "her", "para"))
    return sv.cue_at(i, "cue:PersonNoun") is not None or (i < len(sv.tokens) and sv.tokens[i].lower in _PEOPLE)


_PEOPLE = {"residents", "people", "citizens", "civilians", "warga", "penduduk", "masyarakat", "rakyat"}


def _forecast(r: SentenceRules, t: int, speaker: str) -> bool:
    """'warned that Russia will try to strengthen its attacks': the other side's future acts."""
    sv, lex = r.sv, r.lex
    side = lex.state_of(speaker)
    for m in sv.actors(t + 1, len(sv.tokens)):  # right after the verb is whom the speaker warns
        other = side is not None and lex.state_of(m.iri) not in (None, side)
        if other and sv.cue_in(m.last, m.last + 3, "cue:Modality"):
            return True
    return False


def threats_and_pledges(r: SentenceRules) -> None:
    sv = r.sv
    for t in sv.of("trigger"):
        cls = str(t.value)
        if cls not in (THREAT, PLEDGE):
            continue
        a, b = sv.clause_of(t.first)
        if r.negated(t.first, a):
            continue
        scope = next(((x, y) for x, y in r.threat_scopes if x == t.first), (t.last, b))
        lo, hi = t.last, scope[1]
        if cls == PLEDGE and sv.cue_in(lo, hi, "cue:RetaliationVerb"):
            cls = THREAT
        if sv.tokens[t.first].lower in _NOUNS:
            subj = _holder(r, t)  # "ancaman Putin", "Putin's threat"; not "tingkat ancaman teror"
        else:
            subj = r.subject_before(t.first, a) or r.speaker
        if subj is None or (cls == THREAT and (_forecast(r, t.last, subj.iri) or _alert(r, t.last))):
            continue
        if r.speaker is None:
            r.disc.note_speaker(r.idx, subj.iri)  # "Putin warned ... He warned that ...": he is Putin
        target = _target(r, lo, hi, subj.iri)
        weapons = [
            str(w.value)
            for w in sv.of("weapon")
            if lo <= w.first < hi and sv.cue_before(w.first, "cue:InstrumentPreposition", 2, lo) is not None
        ]
        content = sv.text(lo, hi).strip() or None
        date = r.earlier(a, b) or r.date_near(t.first, a, b)
        if cls == THREAT:
            bare = target is None and not weapons and hi - lo <= 1
            prior = r.disc.speech_of(subj.iri, r.idx, 3 if bare else 2, THREAT)
            if prior is not None and (bare or target is None or not prior.targets):
                prior.add_evidence(r.ev(t.first, t.last))  # the threat already reported, said again
                if target is not None:
                    prior.targets.append(target.iri)
                prior.weapons.extend(w for w in weapons if w not in prior.weapons)
                continue
        act = r.speech(cls, t, subj.iri, content=content, date=date, weapons=weapons)
        if target is not None:
            act.targets.append(target.iri)
    quoted_threats(r)


def quoted_threats(r: SentenceRules) -> None:
    """A quoted future statement of harm is a threat; near an earlier threat by the same speaker it is that threat."""
    sv = r.sv
    if r.speaker is None:
        return
    for qa, qb in sv.quotes:
        if not sv.cue_in(qa, qb, "cue:RetaliationVerb") or not sv.cue_in(qa, qb, "cue:Modality"):
            continue
        ev = r.ev(qa, qb)
        prior = r.disc.speech_of(r.speaker.iri, r.idx, 3, THREAT)
        if prior is not None:
            prior.add_evidence(ev)
            prior.content = prior.content or ev.quote
        else:
            act = EventFact(THREAT, [ev], speaker=r.speaker.iri, agents=[r.speaker.iri], content=ev.quote)
            r.out.events.append(act)
            r.disc.note_speech(r.idx, act)
