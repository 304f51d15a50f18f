"""Which places named near an event word are where it happened.

- a place right after a heading cue ("menuju Moskow", "heading for Kyiv") is a destination: left out;
- a place after a direction cue ("southeast of Zaporizhzhia", "di timur laut Moskow") is a reference
  point: the event is in the place that contains it;
- a state right after a maker cue ("buatan Iran") made the weapon: left out;
- a demonym ("Ukrainian city") is an adjective, never a place (see SentenceView.places).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .view import Mention

if TYPE_CHECKING:
    from .rules import SentenceRules


_LIST_WORDS = (
    "cue:ListConjunction",
    "cue:LocativePreposition",
    "cue:ContainmentPreposition",
    "cue:Preposition",
    "cue:DemonstrativeBefore",
    "cue:InclusionCue",
)


def search_end(r: SentenceRules, a: int, b: int) -> int:
    """Where the places of an event word end: at a subordinate clause ('..., after the Kremlin ended a deal')."""
    depth = 0
    for i in range(a, b):
        text = r.sv.tokens[i].text
        if text in "–—(":
            depth = 1 - depth if text in "–—" else depth + 1
        elif text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and r.sv.cue_at(i, "cue:Subordinator"):
            return i
    return b


def _parenthetical(r: SentenceRules, i: int) -> bool:
    depth = 0
    for t in r.sv.tokens[:i]:
        if t.text in "–—":
            depth = 1 - depth
    return depth == 1


def event_places(r: SentenceRules, a: int, b: int) -> list[Mention]:
    sv, lex = r.sv, r.lex
    out: list[Mention] = []
    seen: set[str] = set()
    for p in sv.places(a, b):
        if _parenthetical(r, p.first) or p.iri in seen:
            continue  # "southwest of the Russian capital, Moscow": the apposition names the same place
        seen.add(p.iri)
        if sv.cue_before(p.first, "cue:HeadingCue", 1) or sv.cue_before(p.first, "cue:MakerCue", 1):
            continue
        target = any(t.lower == "under" for t in sv.tokens[p.last : p.last + 3])  # "Kyiv had come under attack"
        if not target and any(
            m.first == p.first and m.last == p.last and m.iri != p.iri and lex.entities[m.iri].is_state
            for m in sv.mentions
        ):
            continue  # "Moskow tampaknya ...": the capital stands for its state, it is no place of the event
        if any(m.kind == "cue:SpeechVerbBefore" and m.last == p.first for m in sv.matches):
            continue  # "According to Moscow, two drones struck ...": the source, not the place
        if any(m.kind == "role" and m.last == p.first for m in sv.matches):
            continue  # "Gubernur Donetsk Vadym Filashkin": the office's jurisdiction, not where the event was
        direction = sv.cue_before(p.first, "cue:RelativeDirection", 3)
        if direction is not None and not any(t.text in ",;." for t in sv.tokens[direction.last : p.first]):
            container = next(iter(lex.entities[p.iri].located_in), None) if p.iri in lex.entities else None
            if container is not None:
                p = Mention(container, p.first, p.last, p.text, generic=True)
        out.append(p)
    return out


def after_inclusion(r: SentenceRules, places: list[Mention]) -> list[Mention]:
    """Places named after 'including' when a place was named before it: examples, not the event's place."""
    cue = next((c for c in r.sv.of("cue:InclusionCue") if places and places[0].first < c.first), None)
    if cue is None:
        return []
    return [p for p in places if p.first >= cue.last]


def listed(r: SentenceRules, places: list[Mention]) -> list[Mention]:
    """The places that form one list with the first ("on Kyiv and across Ukraine, including Lviv and Dnipro")."""
    out = places[:1]
    for p in places[1:]:
        between = range(out[-1].last, p.first)
        if not all(r.sv.tokens[i].text == "," or r.sv.is_word(i, *_LIST_WORDS) for i in between):
            break
        out.append(p)
    return out


def coordinated(r: SentenceRules, places: list[Mention]) -> list[Mention]:
    """The places of a list ("Kharkiv, Kherson, Nikolaev and Odesa"), containers named for context left out."""
    lex = r.lex
    named = {p.iri for p in places}
    out: list[Mention] = []
    for p in places:
        if any(p.iri in lex.ancestors(o) for o in named if o != p.iri):
            continue
        if p.iri not in {x.iri for x in out}:
            out.append(p)
    return out


def definite_settlement(r: SentenceRules, a: int, b: int) -> str | None:
    """'the central Ukrainian city' with no name: the settlement named last in the previous sentences."""
    sv = r.sv
    for noun in sv.of("cue:CityNoun"):
        if not (a <= noun.first < b) or sv.entity_at(noun.last) is not None:
            continue
        det = sv.cue_before(noun.first, "cue:DemonstrativeBefore", 4, a)
        if det is not None and any(t.text in ",;" for t in sv.tokens[det.last : noun.first]):
            det = None
        if det is None and sv.cue_at(noun.last, "cue:DemonstrativeAfter") is None:  # "kota itu"
            continue
        return r.disc.last_settlement(r.idx)
    return None
