"""Casualty reports: a count of killed, injured or missing, its source, and the attack it is about.

- The count: a number right before the casualty word (skipping "people", "were", "dilaporkan"), or
  right after it ("killing at least 7"), but not a measure ("50 kilometers"); a negation gives 0;
  "no casualties" / "tak ada korban" gives 0 killed and 0 injured.
- A running total ("since the invasion", "from 1 to 9 October") is not the toll of one event.
- The source: an official cue, a media cue, else the sentence's speaker (official, the reporter), else an
  unnamed office or body as the speaker ("the regional governor said": official, no reporter).
- The event: an attack in the clause, else in the sentence, else the latest attack whose place matches
  a place the sentence names (or the speaker's jurisdiction), else the last attack within three
  sentences. "Killed in PLACE" with PLACE inside a regional attack's place is a separate attack there,
  of the same kind, side and day ("six killed in the Synelnykivsky area, two in Dnipro").
- An unattributed figure equal to an attributed one for the same event is the same figure.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .facts import CasualtyFact, EventFact
from .lexicon import Match
from .places import event_places
from .quantities import number_at, number_ending_before

if TYPE_CHECKING:
    from .rules import SentenceRules

_RANK = {"UnattributedSource": 0, "MediaSource": 1, "OfficialSource": 2}
KILLED, INJURED = "https://w3id.org/conflictkg/ontology#Killed", "https://w3id.org/conflictkg/ontology#Injured"


def casualties(r: SentenceRules) -> None:
    sv = r.sv
    skip = {
        i
        for m in sv.matches
        if m.kind in ("cue:PersonNoun", "cue:SingularPersonNoun", "cue:PassiveAuxiliary")
        for i in range(m.first, m.last)
    }
    skip |= {i for i, t in enumerate(sv.tokens) if t.lower in _OTHER} | _ages(r)
    reports: list[tuple[int, int, str, int, int]] = []  # (first, last, type, count, clause start)
    used: set[int] = set()  # number tokens already read as one casualty word's count
    kinds = sv.of("casualty")
    for c in kinds:
        a, _ = sv.clause_of(c.first)
        if any(o.first in (c.last + 1, c.first - 2) and o.value != c.value for o in kinds) and any(
            sv.is_word(i, "cue:ListConjunction") for i in (c.first - 1, c.last)
        ):
            continue  # "78 people killed or injured": one figure for two kinds of casualty
        num = number_ending_before(sv.tokens, sv.matches, _skip_subset(r, c.first, skip), skip)
        if num is not None and num[1] in used:
            num = None
        lo = num[1] if num else c.first
        if num is None:  # "killing at least 7 people"
            start = c.last
            qual_after = next((q for q in sv.of("qualifier") if q.first == c.last), None)
            if qual_after is not None:
                start = qual_after.last
            after = number_at(sv.tokens, sv.matches, start) if start < len(sv.tokens) else None
            if after is not None and sv.cue_at(after[1], "cue:UnitNoun") is None:
                num, lo = (after[0], start, after[1]), start
                used.update(range(start, after[1]))
        if num is None:  # "the death toll ... rose to 30", "jumlah korban meninggal ... bertambah menjadi 30 orang"
            up = next((u for u in sv.of("cue:TollUpdateCue") if c.last <= u.first <= c.last + 20), None)
            after_up = None
            if up is not None and up.last < len(sv.tokens):
                after_up = number_at(sv.tokens, sv.matches, up.last)
            if up is not None and after_up is not None:
                num, lo = (after_up[0], up.last, after_up[1]), c.first
                used.update(range(up.last, after_up[1]))
        if num is None:
            one = _indefinite_one(r, c.first, c.last, a)  # "killed a woman", "a man was injured"
            if one is not None:
                num, lo = (1, *one), min(one[0], c.first)
        if num is None:
            if r.negated(c.first, a, window=2):
                num, lo = (0, c.first, c.first), c.first
            else:
                continue
        reports.append((lo, max(c.last, num[2]), str(c.value), num[0], a))
    for n in sv.of("cue:CasualtyNoun"):  # "tak ada korban", "no casualties": nobody killed or injured
        a, _ = sv.clause_of(n.first)
        if r.negated(n.first, a, window=1) and not any(x[0] <= n.first < x[1] for x in reports):
            reports += [(n.first, n.last, KILLED, 0, a), (n.first, n.last, INJURED, 0, a)]
    for lo, hi, ctype, count, a in reports:
        _report(r, lo, hi, ctype, count, a)


_OFFICIAL = ("role", "cue:OfficialNoun", "cue:OfficialBodyNoun")
_OTHER = {"other", "more", "further", "lain", "lainnya"}  # "four other people", "dua orang lainnya"


def _ages(r: SentenceRules) -> set[int]:
    """Tokens of an age ("berusia 50 dan 48 tahun", "aged 60"): numbers there are no counts."""
    toks, out = r.sv.tokens, set[int]()
    for i, t in enumerate(toks):
        if t.lower in ("berusia", "aged", "umur"):
            j = i + 1
            while j < len(toks) and j - i <= 6 and (toks[j].text.isdigit() or toks[j].lower in _AGE_WORDS):
                j += 1
            out.update(range(i, j))
    return out


_AGE_WORDS = {"dan", "and", "tahun", "years", "year", "old", "-", ","}


def _official_speaker(r: SentenceRules) -> bool:
    """An unnamed official speaks: "the regional governor said", "officials said", "kata gubernur setempat".

    The office or body must stand right before a speaker-precedes verb (at most four words, none of
    them a verb or clause break) or right after a speaker-follows one."""
    sv = r.sv
    for cue in sv.of("cue:SpeechVerbAfter"):
        for m in sv.matches:
            if m.kind in _OFFICIAL and cue.first - 4 <= m.last <= cue.first:
                if not any(t.text in (",", ";") for t in sv.tokens[m.last : cue.first]):
                    return True
    for cue in sv.of("cue:SpeechVerbBefore"):
        if sv.cue_at(cue.last, "cue:Complementizer"):
            continue
        if any(m.kind in _OFFICIAL and cue.last <= m.first <= cue.last + 2 for m in sv.matches):
            return True
    return False


def _indefinite_one(r: SentenceRules, first: int, last: int, a: int) -> tuple[int, int] | None:
    """The span of "a/an [modifiers] <one-person noun>" right after or right before a casualty word.

    After: "killing a 60-year-old woman"; before: "A woman was killed" (only a passive auxiliary or a
    qualifier between). Modifiers are lower-case words, digits and hyphens, at most six tokens."""
    sv = r.sv
    nouns = sv.of("cue:SingularPersonNoun")

    def noun_after_article(i: int) -> Match | None:
        if i >= len(sv.tokens) or sv.tokens[i].lower not in ("a", "an"):
            return None
        for n in nouns:
            between = sv.tokens[i + 1 : n.first]
            if n.first > i and len(between) <= 6 and all(_modifier(t.text) for t in between):
                return n
        return None

    start = last
    qual = next((q for q in sv.of("qualifier") if q.first == last), None)
    if qual is not None:
        start = qual.last
    n = noun_after_article(start)
    if n is not None:
        return start, n.last
    k = first
    while k > a and (sv.cue_at(k - 1, "cue:PassiveAuxiliary") or sv.cue_at(k - 1, "qualifier")):
        k -= 1
    noun = next((n for n in nouns if n.last == k), None)
    if noun is None:
        return None
    for i in range(max(a, noun.first - 7), noun.first):
        if noun_after_article(i) is noun:
            return i, noun.last
    return None


def _modifier(word: str) -> bool:
    bare = word.replace("-", "")
    return word == "-" or word.isdigit() or (bare.isalpha() and word.islower())


def _skip_subset(r: SentenceRules, end: int, skip: set[int]) -> int:
    """'six people, including two children, were killed': the count is before the subset named after 'including'."""
    sv = r.sv
    k = end
    while k > 0 and (k - 1) in skip:
        k -= 1
    if k > 0 and sv.tokens[k - 1].text == ",":
        cue = next(
            (c for c in sv.of("cue:InclusionCue") if c.last < k - 1 and sv.tokens[c.first - 1].text == ","), None
        )
        if cue is not None and not any(t.text == "," for t in sv.tokens[cue.last : k - 1]):
            return cue.first - 1
    return end


def _report(r: SentenceRules, lo: int, hi: int, ctype: str, count: int, a: int) -> None:
    sv = r.sv
    _, b = sv.clause_of(lo)
    if sv.cue_in(a, b, "cue:CumulativeCue") or any(d.value.period for d in r.dates if a <= d.first < b):
        return  # a running total, not the toll of one event
    qual = sv.cue_before(lo, "qualifier", 1, a)
    per_mention = Counter(id(am) for am, _ in r.attacks if a <= am.first < b)
    if any(n > 1 for n in per_mention.values()):
        return  # "missiles on Kyiv and Kharkiv killed 18": a total over the attacks of one mention
    event = _event(r, lo, hi, a, b)
    if event is None:
        return
    subgroup = sv.cue_in(lo, hi + 2, "cue:SubgroupNoun")
    if subgroup and any(x.event is event and x.casualty_type == ctype and x.count > count for x in r.out.casualties):
        return  # "nine children were injured" after "injured 65": a part of the figure
    kind, reporter = "UnattributedSource", None
    if sv.cue_in(a, b, "cue:OfficialCue"):
        kind = "OfficialSource"
    elif sv.cue_in(a, b, "cue:MediaCue"):
        kind = "MediaSource"
    elif r.speaker is not None:
        kind, reporter = "OfficialSource", r.speaker.iri
    elif _official_speaker(r):
        kind = "OfficialSource"
    fact = CasualtyFact(event, ctype, count, [r.ev(lo, hi)], str(qual.value) if qual else None, kind, reporter)
    for x in r.out.casualties:
        if x.event is not event or x.casualty_type != ctype or x.count != count:
            continue
        same_source = x.source_kind == kind and x.reporter == reporter
        if same_source or "UnattributedSource" in (x.source_kind, kind):
            if _RANK[kind] > _RANK[x.source_kind] or (kind == x.source_kind and reporter and not x.reporter):
                x.source_kind, x.reporter = kind, reporter
            x.evidence.extend(e for e in fact.evidence if e not in x.evidence)
            return
    r.out.casualties.append(fact)


def _event(r: SentenceRules, lo: int, hi: int, a: int, b: int) -> EventFact | None:
    sv, disc = r.sv, r.disc
    named = [p for p in event_places(r, hi, b) if "Country" not in r.lex.types(p.iri)]
    clause = [ev for am, ev in r.attacks if a <= am.first < b]
    if len(clause) > 1 and named:  # "strikes on Kyiv and Kharkiv killed ...": the one the figure names
        clause = [ev for ev in clause if disc.place_ok(ev.place, named[0].iri)] or clause
    event = clause[0] if clause else next((ev for _, ev in r.attacks), None)
    if event is None:
        places = [p.iri for p in named or event_places(r, 0, len(sv.tokens))]
        if r.speaker is not None and r.speaker.iri in disc.jurisdiction:
            places.append(disc.jurisdiction[r.speaker.iri])
        for place in places:
            event = next((e for e in disc.by_recency() if e.place and disc.place_ok(e.place, place)), None)
            if event is not None:
                break
    if event is None and disc.last_attack is not None:
        last = max(e.sentence for e in disc.last_attack.evidence)
        event = disc.last_attack if r.idx - last <= 3 else None
    if event is not None and named and not clause:
        event = _localised(r, event, named[0].iri, lo, hi)
    return event


def _localised(r: SentenceRules, event: EventFact, place: str, lo: int, hi: int) -> EventFact:
    """'Six were killed in the Synelnykivsky area' after a regional attack: the attack there."""
    disc, lex = r.disc, r.lex
    inside = event.place is None or (place != event.place and event.place in lex.ancestors(place))
    if not inside or (event.place is not None and "Settlement" in lex.types(event.place)):
        return event
    same = next((e for e in disc.events if e.place == place and disc.compatible(e, event)), None)
    if same is not None:
        return same
    sub = EventFact(event.cls, [r.ev(lo, hi)], agents=list(event.agents), place=place, date=event.date)
    sub.weapons = list(event.weapons)
    disc.events.append(sub)
    disc.anchored.add(id(sub))
    disc.parts.setdefault(id(event), []).append(sub)
    return sub
