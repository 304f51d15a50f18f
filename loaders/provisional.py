"""Names the gazetteer lacks become provisional entities, with their surface form.

- A person: a run of two or three capitalised words (a first and a last name)
  - after a role or title, possibly past the office's place or body ("Gubernur Rostov Vasily Golubev",
    "British Foreign Secretary David Lammy", "Wakil Ketua Dewan Keamanan Rusia Dmitry Medvedev");
  - before an apposition that opens with a role or title ("Andriy Raikovych, governor of ...",
    "Mykhailo Podolyak, an adviser to ...");
  - after an apposition that ends with one ("Kepala administrasi militer kota itu, Oleksandr Vilkul,").
  A known family name preceded by another first name is another person ("Oleksiy Kuleba" is not
  Dmytro Kuleba). Later in the article, the family name alone names the same person.
- A place: a capitalised run after a settlement or region noun ("the village of X", "desa X") or "near".

Runs never include words already read as a known entity, and a run of more than three words is a
body or a title, not a name.
"""

from __future__ import annotations

from .classes import CAPTURE
from .view import Mention, SentenceView

_PLACE_CUES = {"cue:VillageNoun": "Settlement", "cue:CityNoun": "Settlement", "cue:SettlementTypeNoun": "Settlement"}
_TITLE_KINDS = ("role", "cue:TitleNoun")
_ARTICLES = {"a", "an", "the", "seorang", "sang"}
_AND = {"and", "dan", "serta"}
_QUOTES = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"}
_SKIP_WORDS = {"of", "the", "for", "to", "an", "a", "untuk", "itu"}
_NOT_NAMES = {"the", "a", "an", "in", "on", "of", "and", "yang", "di", "dan", "pada", "said", "kata", "but", "as"}


def is_name(word: str) -> bool:
    return word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha() and word.lower() not in _NOT_NAMES


def provisional_entities(v: SentenceView) -> None:
    covered = {i for m in v.mentions for i in range(m.first, m.last)}
    titles = [m for m in v.matches if m.kind in _TITLE_KINDS]
    title_tokens = {i for m in titles for i in range(m.first, m.last)}
    found: list[tuple[str, int, int]] = []
    _other_first_names(v, covered, title_tokens, found)
    for t in titles:
        run = _run_after_title(v, t.last, covered | title_tokens)
        if run is not None:
            found.append(("Person", *run))
    cue_tokens = {i for m in v.matches for i in range(m.first, m.last)}
    for a, b in _runs(v, covered | title_tokens):
        if b - a not in (2, 3) or any(x[1] <= a < x[2] for x in found) or cue_tokens & set(range(a, b)):
            continue  # "pada Hari Minggu": a name holds no cue word
        if _apposition_after(v, b) or _apposition_before(v, a):
            found.append(("Person", a, b))
    for m in v.matches:
        kind = _PLACE_CUES.get(m.kind) or ("Region" if m.kind == "cue:RegionNoun" else None)
        if kind is None and m.kind == "cue:LocativePreposition" and m.text.lower() in ("near", "dekat"):
            kind = "Settlement"
        if kind is not None:
            found.extend((kind, *run) for run in _place_runs(v, m.last, covered))
    for t in v.matches:  # "captured Tabaivka", "merebut Krasnohorivka": the object of a capture is a place
        if t.kind == "trigger" and str(t.value) == CAPTURE:
            found.extend(("Settlement", *run) for run in _place_runs(v, _object_start(v, t.last), covered))
    found.extend(_described_places(v, covered | title_tokens))
    found.extend(_bodies(v, covered))
    _known_surnames(v, covered, found)
    for kind, a, b in sorted(set(found), key=lambda x: (x[1], x[2])):
        if kind == "Organisation":  # "Dewan Keamanan Rusia": the state named inside the body's name is part of it
            v.mentions = [
                m for m in v.mentions if not (a <= m.first and m.last <= b and v.lex.entities[m.iri].is_state)
            ]
        if any(m.first < b and a < m.last for m in v.mentions):
            continue  # overlapping an entity already read (or a name found twice)
        container = None
        if kind != "Person":  # "the village of X in the Y region", "X, a small village in the Y region"
            reach = 9 if b < len(v.tokens) and v.tokens[b].text == "," else 4
            container = next((x.iri for x in v.mentions if b <= x.first <= b + reach and v._is(x.iri, "place")), None)
        iri = v.lex.add_provisional(kind, v.text(a, b), v.lang, container)
        v.mentions.append(Mention(iri, a, b, v.text(a, b)))
    v.mentions.sort(key=lambda x: (x.first, x.last))


def _runs(v: SentenceView, blocked: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised name-like words outside ``blocked``."""
    out, i, n = [], 0, len(v.tokens)
    while i < n:
        if i in blocked or not is_name(v.tokens[i].text):
            i += 1
            continue
        j = i
        while j < n and j not in blocked and is_name(v.tokens[j].text):
            j += 1
        out.append((i, j))
        i = j
    return out


def _run_after_title(v: SentenceView, start: int, blocked: set[int]) -> tuple[int, int] | None:
    """The name after a title, past the office's place or body ("Gubernur Rostov", "Dewan Keamanan Rusia")."""
    i, end = start, min(len(v.tokens), start + 9)
    while i < end:
        tok = v.tokens[i]
        if i in blocked or tok.lower in _SKIP_WORDS:
            i += 1
            continue
        if not is_name(tok.text):
            return None  # "the governor said": no name
        j = i
        while j < len(v.tokens) and j not in blocked and is_name(v.tokens[j].text):
            j += 1
        if j < len(v.tokens) and j in blocked and v.tokens[j].text[:1].isupper():
            i = j  # "Dewan Keamanan Rusia ...": words of a body ending in a known name; go on
            continue
        return (i, j) if 2 <= j - i <= 3 else None
    return None


def _apposition_after(v: SentenceView, b: int) -> bool:
    """'NAME, governor of ...', 'NAME, an adviser to ...': a lower-case title right after the comma (or its
    article). A capitalised one ("Al Jazeera, Presiden Ukraina, Volodymyr Zelenskyy") titles the next name."""
    toks = v.tokens
    if b >= len(toks) or toks[b].text != ",":
        return False
    first = b + 2 if b + 1 < len(toks) and toks[b + 1].lower in _ARTICLES else b + 1
    return any(m.kind in _TITLE_KINDS and m.first == first and toks[m.first].text.islower() for m in v.matches)


def _apposition_before(v: SentenceView, a: int) -> bool:
    """'Kepala administrasi militer kota itu, NAME, mengatakan': a title within six words before the comma."""
    toks = v.tokens
    if a == 0 or toks[a - 1].text != ",":
        return False
    return any(a - 8 <= m.last <= a - 1 for m in v.matches if m.kind in _TITLE_KINDS)


def _place_runs(v: SentenceView, start: int, covered: set[int]) -> list[tuple[int, int]]:
    """The names after a place noun: one, or a list ("desa Borysivka, Ohirtseve dan Pylna")."""
    toks, out = v.tokens, list[tuple[int, int]]()
    if start < len(toks) and toks[start].lower in ("of", "the"):
        start += 1
    while True:
        end = start
        while end < len(toks) and is_name(toks[end].text) and end not in covered and end - start < 3:
            end += 1
        if end == start:
            return out
        out.append((start, end))
        nxt = end
        if nxt < len(toks) and toks[nxt].text == ",":
            nxt += 1
        if nxt < len(toks) and toks[nxt].lower in _AND:
            nxt += 1
        if nxt == end or nxt >= len(toks) or nxt in covered:
            return out
        start = nxt


def _described_places(v: SentenceView, blocked: set[int]) -> list[tuple[str, int, int]]:
    """'in Stepnohirsk, a small town in ...', 'di Vovchansk, sebuah kota ...': a name the next words describe
    as a settlement; 'the Vyshhorod district': a name before a region noun (the noun is part of the name)."""
    toks, out = v.tokens, list[tuple[str, int, int]]()
    settlement = {m.first for m in v.matches if m.kind in _PLACE_CUES}
    regions = {m.first: m for m in v.matches if m.kind == "cue:RegionNoun"}
    for a, b in _runs(v, blocked):
        if b - a > 3:
            continue
        if b + 1 < len(toks) and toks[b].text == "," and toks[b + 1].lower in _ARTICLES | {"sebuah"}:
            if any(j in settlement for j in range(b + 2, min(len(toks), b + 6))):
                out.append(("Settlement", a, b))
                continue
        noun = regions.get(b)
        if noun is not None and a > 0 and toks[a - 1].lower == "the" and toks[noun.first].text.islower():
            out.append(("Region", a, noun.last))
    return out


def _bodies(v: SentenceView, covered: set[int]) -> list[tuple[str, int, int]]:
    """'Russia's Emergency Situations Ministry' (English: the head noun ends the name), 'Kementerian Situasi
    Darurat Rusia', 'Dewan Keamanan Rusia' (Indonesian: it starts the name, and a state named right after
    belongs to it). Head nouns are matched capitalised only."""
    toks, out = v.tokens, list[tuple[str, int, int]]()
    heads = [m for m in v.matches if m.kind == "cue:OrganisationHead" and toks[m.first].text[:1].isupper()]
    other = {
        i
        for m in v.matches
        if m.kind not in ("cue:OrganisationHead", "cue:OfficialBodyNoun", "entity", "demonym")
        for i in range(m.first, m.last)
    }
    for h in heads:
        if any(i in covered for i in range(h.first, h.last)):
            continue
        if v.lang == "id":
            j = h.last
            while j < len(toks) and j not in covered and is_name(toks[j].text):
                j += 1
            state = next((m for m in v.mentions if m.first == j and v.lex.entities[m.iri].is_state), None)
            if state is not None:
                j = state.last
            if j - h.first >= 2 and j > h.last and not other & set(range(h.last, j)):
                out.append(("Organisation", h.first, j))  # not "Kementerian Pertahanan": a known generic body
        else:
            i = h.first
            while i > 0 and (i - 1) not in covered and is_name(toks[i - 1].text) and h.first - i < 4:
                i -= 1
            if i < h.first and not other & set(range(i, h.first)):
                out.append(("Organisation", i, h.last))
    return out


def _object_start(v: SentenceView, i: int) -> int:
    """Past quotation marks and "control of" after a capture verb."""
    toks = v.tokens
    place_nouns = {
        j for m in v.matches if m.kind in _PLACE_CUES or m.kind == "cue:RegionNoun" for j in range(m.first, m.last)
    }
    while i < len(toks) and (
        toks[i].text in _QUOTES or toks[i].lower in ("control", "of", "the", "kendali", "atas") or i in place_nouns
    ):
        i += 1
    return i


def _other_first_names(v: SentenceView, covered: set[int], titles: set[int], found: list[tuple[str, int, int]]) -> None:
    """'Oleksiy Kuleba': a one-word person name after a first name that is not the known person's."""
    for m in list(v.mentions):
        if m.last - m.first != 1 or m.first == 0 or "Person" not in v.lex.types(m.iri):
            continue
        prev = m.first - 1
        word = v.tokens[prev].text
        if prev == 0 and (m.last >= len(v.tokens) or v.tokens[m.last].text != ","):
            continue  # "Perintah Putin ...": a capital opening a sentence is a name only before an apposition
        if prev in covered or prev in titles or not is_name(word) or any(x.first <= prev < x.last for x in v.matches):
            continue
        if any(label.split()[0] == word for label in v.lex.entities[m.iri].labels.values()):
            continue
        v.mentions.remove(m)
        covered.difference_update(range(m.first, m.last))
        found.append(("Person", prev, m.last))


def _known_surnames(v: SentenceView, covered: set[int], found: list[tuple[str, int, int]]) -> None:
    """The family name alone of a provisional person named earlier in the article ("Raikovych said")."""
    surnames: dict[str, str] = {}
    for iri, info in v.lex.provisional.items():
        if "Person" in info.types:
            for label in info.labels.values():
                surnames.setdefault(label.split()[-1], iri)
    taken = {i for _, a, b in found for i in range(a, b)}
    for i, tok in enumerate(v.tokens):
        if tok.text in surnames and i not in covered and i not in taken:
            if i > 0 and is_name(v.tokens[i - 1].text) and (i - 1) not in covered:
                continue  # another first name: another person
            v.mentions.append(Mention(surnames[tok.text], i, i + 1, tok.text))
            covered.add(i)
