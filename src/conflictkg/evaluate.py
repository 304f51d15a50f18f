"""``conflictkg evaluate``: precision, recall and F1 of the extractor against gold annotations.

The gold format and the matching rules are in docs/gold-format.md. Predictions are the extractor's
output on the same article, turned into the same kinds of facts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from conflictkg.loaders import Extractor, RuleExtractor, read_articles
from conflictkg.loaders.articles import Article
from conflictkg.loaders.facts import EventFact, Extraction
from conflictkg.loaders.lexicon import ACTOR_CLASSES, EntityInfo, default_lexicon

CKG = "https://w3id.org/conflictkg/ontology#"
ENT = "https://w3id.org/conflictkg/id/"
KINDS = ("actor", "attack", "capture", "threat", "territorial_claim", "attribution", "casualty")
ATTACK_TYPES = {"Attack", "DroneStrike", "MissileStrike", "Shelling", "AirStrike", "GroundAssault"}
ATTRIBUTION = {
    "Accusation": "accusation",
    "ResponsibilityClaim": "responsibility-claim",
    "Denial": "denial",
    "NoResponsibilityClaim": "not-claimed",
}
ATTRIBUTES = {
    "attack": ("agent", "date"),
    "capture": ("agent", "status"),
    "threat": ("date",),
    "territorial_claim": ("status", "date"),
    "attribution": ("event",),
    "casualty": ("source", "reporter"),
}


class GoldError(ValueError):
    pass


@dataclass
class Fact:
    kind: str
    fields: dict[str, Any]
    sentence: str = ""
    id: str = ""


@dataclass
class ArticleResult:
    article: str
    gold: list[Fact]
    predicted: list[Fact]
    matches: list[tuple[Fact, Fact]] = field(default_factory=list)

    @property
    def misses(self) -> list[Fact]:
        matched = {id(g) for g, _ in self.matches}
        return [g for g in self.gold if id(g) not in matched]

    @property
    def false_positives(self) -> list[Fact]:
        matched = {id(p) for _, p in self.matches}
        return [p for p in self.predicted if id(p) not in matched]


def _slug(iri: str | None, provisional: dict[str, EntityInfo] | None = None) -> str | None:
    """The gold-style name of an entity: its gazetteer slug, or ``~surface`` for a provisional one."""
    if iri is None:
        return None
    if provisional is not None and iri in provisional:
        labels = provisional[iri].labels
        return "~" + next(iter(labels.values()), iri)
    return iri[len(ENT) :] if iri.startswith(ENT) else iri


GOLD_ACTOR_CLASSES = ACTOR_CLASSES - {"Actor"}  # the kinds docs/gold-format.md lists for `actor`
ENTITY_FIELDS = {"entity", "place", "agent", "speaker", "target", "claimant", "actor", "reporter"}


def _surface_key(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


@lru_cache(maxsize=4096)
def _linked_names(surface: str) -> frozenset[str]:
    """Gazetteer slugs whose names cover the whole of ``surface`` ("Nikopol" -> nikopol)."""
    from conflictkg.loaders.text import tokenize

    tokens = tokenize(surface)
    found = {
        _slug(str(m.value))
        for m in default_lexicon().match(tokens)
        if m.kind == "entity" and m.first == 0 and m.last == len(tokens)
    }
    return frozenset(x for x in found if x)


def same_entity(gold: Any, predicted: Any) -> bool:
    """Gold and predicted entity values agree.

    A gold ``~surface`` (an entity the gazetteer lacked when the gold was written) is met by a
    provisional entity with the same surface form (case and spacing aside) or by a gazetteer entity
    whose name is that surface form, so gold written against an older gazetteer stays valid as it grows."""
    if gold == predicted:
        return True
    if not isinstance(gold, str) or not isinstance(predicted, str) or not gold.startswith("~"):
        return False
    if predicted.startswith("~"):
        return _surface_key(gold[1:]) == _surface_key(predicted[1:])
    return predicted in _linked_names(gold[1:])


def date_text(e: EventFact) -> str | None:
    if e.date is None or e.date.date is None:
        return None
    d = e.date.date
    if e.date.precision == "week":  # an ISO interval: "last week" is seven days, not one of them
        return f"{d.isoformat()}/{(d + dt.timedelta(days=6)).isoformat()}"
    return {"day": d.isoformat(), "month": d.strftime("%Y-%m"), "year": str(d.year)}.get(e.date.precision or "", None)


def predicted_facts(x: Extraction) -> list[Fact]:
    """The extraction as gold-style facts."""
    lex = default_lexicon()
    sents = {s.index: s.text for s in x.sentences}

    def sentence_of(e: EventFact) -> str:
        return sents.get(e.first.sentence, "")

    prov = x.provisional

    def slug(iri: str | None) -> str | None:
        return _slug(iri, prov)

    out: list[Fact] = []
    for iri, evs in x.mentions.items():
        types = prov[iri].types if iri in prov else lex.types(iri)
        if types & GOLD_ACTOR_CLASSES:  # not a collective such as "Western countries" (plain ckg:Actor)
            out.append(Fact("actor", {"entity": slug(iri)}, sents.get(evs[0].sentence, "")))
    ids: dict[int, str] = {}
    for n, e in enumerate(x.events):
        ids[id(e)] = f"p{n}"
    for e in x.events:
        local = e.cls.rsplit("#", 1)[-1]
        f: dict[str, Any]
        if local in ATTACK_TYPES:
            kind, f = (
                "attack",
                {
                    "type": local,
                    "place": slug(e.place),
                    "date": date_text(e),
                    "agent": slug(e.agents[0]) if e.agents else None,
                },
            )
        elif local == "CaptureOfTerritory":
            kind, f = (
                "capture",
                {
                    "place": slug(e.place),
                    "agent": slug(e.agents[0]) if e.agents else None,
                    "status": e.status.lower(),
                    "date": date_text(e),
                },
            )
        elif local == "Threat":
            kind, f = (
                "threat",
                {"speaker": slug(e.speaker), "target": slug(e.targets[0]) if e.targets else None, "date": date_text(e)},
            )
        elif local == "TerritorialClaim":
            kind, f = (
                "territorial_claim",
                {
                    "claimant": slug(e.speaker),
                    "place": slug(e.claimed_place),
                    "count": e.count,
                    "status": e.status.lower(),
                    "date": date_text(e),
                },
            )
        elif local in ATTRIBUTION:
            actor = e.speaker if local != "NoResponsibilityClaim" else e.attributed_to
            target = e.attributed_to if local == "Accusation" else None
            kind, f = (
                "attribution",
                {
                    "subkind": ATTRIBUTION[local],
                    "actor": slug(actor),
                    "target": slug(target),
                    "event": ids.get(id(e.about)) if e.about is not None else None,
                },
            )
        else:
            continue
        out.append(Fact(kind, f, sentence_of(e), ids[id(e)]))
    for c in x.casualties:
        source = {"OfficialSource": "official", "MediaSource": "media"}.get(c.source_kind, "unattributed")
        out.append(
            Fact(
                "casualty",
                {
                    "event": ids.get(id(c.event)),
                    "type": c.casualty_type.rsplit("#", 1)[-1].lower(),
                    "count": c.count,
                    "source": source,
                    "reporter": slug(c.reporter),
                },
                sents.get(c.evidence[0].sentence, ""),
            )
        )
    return out


def _date_ok(gold: str | None, pred: str | None) -> bool:
    """Dates agree when equal, when either is unknown, or when a predicted week overlaps the gold day or
    month (the gold writes "last week" as the month when the week is not given)."""
    if gold is None or pred is None or gold == pred:
        return True
    if "/" in pred:
        start, end = pred.split("/")
        return start[: len(gold)] <= gold <= end[: len(gold)]
    return False


def key_match(g: Fact, p: Fact, event_map: dict[str, str]) -> bool:
    a, b = g.fields, p.fields

    def eq(name: str) -> bool:
        return same_entity(a.get(name), b.get(name))

    if g.kind == "actor":
        return eq("entity")
    if g.kind == "attack":
        types_ok = a["type"] == b["type"] or "Attack" in (a["type"], b["type"])
        return types_ok and eq("place") and _date_ok(a.get("date"), b.get("date"))
    if g.kind == "capture":
        return eq("place")
    if g.kind == "threat":
        return eq("speaker") and eq("target")
    if g.kind == "territorial_claim":
        return eq("claimant") and eq("place") and a.get("count") == b.get("count")
    if g.kind == "attribution":
        same = a.get("subkind") == b.get("subkind") and eq("actor")
        if a.get("subkind") == "accusation":
            same = same and eq("target")
        return bool(same)
    if g.kind == "casualty":
        return bool(
            a.get("event") is not None
            and event_map.get(a["event"]) == b.get("event")
            and a.get("type") == b.get("type")
            and a.get("count") == b.get("count")
        )
    return False


def match(gold: list[Fact], predicted: list[Fact]) -> list[tuple[Fact, Fact]]:
    pairs: list[tuple[Fact, Fact]] = []
    used: set[int] = set()
    event_map: dict[str, str] = {}
    for kind in KINDS:  # attacks and captures before the casualties and attributions that point at them
        for g in (f for f in gold if f.kind == kind):
            for p in predicted:
                if p.kind == kind and id(p) not in used and key_match(g, p, event_map):
                    pairs.append((g, p))
                    used.add(id(p))
                    if g.id and p.id:
                        event_map[g.id] = p.id
                    break
    return pairs


def load_gold(path: Path) -> tuple[str, list[Fact]]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    if not isinstance(doc, dict) or "article" not in doc or not isinstance(doc.get("facts"), list):
        raise GoldError(f"{path}: expected an object with 'article' and a list 'facts'")
    facts = []
    for n, f in enumerate(doc["facts"]):
        if not isinstance(f, dict) or f.get("kind") not in KINDS:
            raise GoldError(f"{path}: fact {n}: 'kind' must be one of {', '.join(KINDS)}")
        fields = {k: v for k, v in f.items() if k not in ("kind", "id", "evidence")}
        facts.append(Fact(f["kind"], fields, str(f.get("evidence", "")), str(f.get("id", ""))))
    return str(doc["article"]), facts


def evaluate(gold_dir: Path, articles_dir: Path, extractor: Extractor | None = None) -> list[ArticleResult]:
    ex = extractor or RuleExtractor()
    results = []
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise GoldError(f"{gold_dir}: no gold files (*.json)")
    for path in files:
        stem, gold = load_gold(path)
        source = articles_dir / f"{stem}.json"
        (article,) = read_articles(source)
        extraction = ex.extract(article)
        _fill_gold_sentences(article, gold)
        predicted = predicted_facts(extraction)
        results.append(ArticleResult(stem, gold, predicted, match(gold, predicted)))
    return results


def _fill_gold_sentences(article: Article, gold: list[Fact]) -> None:
    from conflictkg.loaders.text import split_sentences

    sents = split_sentences(article.text)
    for g in gold:
        hit = next((s.text for s in sents if g.sentence and g.sentence in s.text), None)
        g.sentence = hit or g.sentence


@dataclass
class Score:
    tp: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def scores(results: list[ArticleResult]) -> dict[str, Score]:
    out: dict[str, Score] = {k: Score() for k in KINDS}
    for r in results:
        for g in r.gold:
            out[g.kind].gold += 1
        for p in r.predicted:
            out[p.kind].predicted += 1
        for g, _ in r.matches:
            out[g.kind].tp += 1
    total = Score(
        sum(s.tp for s in out.values()), sum(s.gold for s in out.values()), sum(s.predicted for s in out.values())
    )
    out["overall"] = total
    return out


@dataclass
class WrongAttribute:
    """A matched fact whose attribute outside the match key differs from the gold."""

    article: str
    kind: str
    attribute: str
    gold: Any
    predicted: Any
    sentence: str


def attribute_checks(results: list[ArticleResult]) -> Iterator[tuple[str, WrongAttribute | None]]:
    """Yield ``(kind.attribute, None)`` for each right attribute and the mismatch for each wrong one.

    Only attributes the gold states are checked; an attribution's ``event`` is compared through the
    gold-to-prediction mapping of the matched events."""
    for r in results:
        id_map = {g.id: p.id for g, p in r.matches if g.id}
        for g, p in r.matches:
            for attr in ATTRIBUTES.get(g.kind, ()):
                want = g.fields.get(attr)
                if want is None:
                    continue
                got = p.fields.get(attr)
                shown = want
                if attr == "event":
                    want = id_map.get(want)
                name = f"{g.kind}.{attr}"
                same_date = attr == "date" and got is not None and _date_ok(want, got)
                if got == want or same_date or (attr in ENTITY_FIELDS and same_entity(want, got)):
                    yield name, None
                else:
                    yield name, WrongAttribute(r.article, g.kind, attr, shown, got, g.sentence or p.sentence)


def attribute_accuracy(results: list[ArticleResult]) -> dict[str, tuple[int, int]]:
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, wrong in attribute_checks(results):
        acc[name][1] += 1
        acc[name][0] += int(wrong is None)
    return {k: (v[0], v[1]) for k, v in sorted(acc.items())}


def wrong_attributes(results: list[ArticleResult]) -> list[WrongAttribute]:
    return [w for _, w in attribute_checks(results) if w is not None]


def report_text(results: list[ArticleResult], errors: bool = True) -> str:
    sc = scores(results)
    lines = [f"{'kind':<18} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for kind, s in sc.items():
        lines.append(
            f"{kind:<18} {s.gold:>5} {s.predicted:>5} {s.tp:>5} {s.precision:>6.2f} {s.recall:>6.2f} {s.f1:>6.2f}"
        )
    macro = sum(sc[k].f1 for k in KINDS) / len(KINDS)
    lines.append(f"{'macro F1':<18} {'':>5} {'':>5} {'':>5} {'':>6} {'':>6} {macro:>6.2f}")
    acc = attribute_accuracy(results)
    if acc:
        lines.append("")
        lines.append("attribute accuracy on matched facts:")
        for k, (ok, n) in acc.items():
            lines.append(f"  {k:<26} {ok:>3}/{n:<3} {ok / n:.2f}")
    if errors:
        for r in results:
            if not r.misses and not r.false_positives:
                continue
            lines.append("")
            lines.append(f"== {r.article}")
            for g in r.misses:
                lines.append(f"  MISS {g.kind} {_fields(g)}\n       | {g.sentence}")
            for p in r.false_positives:
                lines.append(f"  FP   {p.kind} {_fields(p)}\n       | {p.sentence}")
        wrong = wrong_attributes(results)
        if wrong:
            lines.append("")
            lines.append("== attributes wrong on matched facts")
            for w in wrong:
                lines.append(
                    f"  WRONG {w.kind}.{w.attribute} gold={w.gold} predicted={w.predicted} ({w.article})\n"
                    f"       | {w.sentence}"
                )
    return "\n".join(lines)


def _fields(f: Fact) -> str:
    return " ".join(f"{k}={v}" for k, v in f.fields.items() if v is not None)


def report_json(results: list[ArticleResult]) -> str:
    sc = scores(results)
    doc = {
        "scores": {
            k: {
                "gold": s.gold,
                "predicted": s.predicted,
                "tp": s.tp,
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
            }
            for k, s in sc.items()
        },
        "articles": [
            {
                "article": r.article,
                "misses": [{"kind": g.kind, **g.fields, "sentence": g.sentence} for g in r.misses],
                "false_positives": [{"kind": p.kind, **p.fields, "sentence": p.sentence} for p in r.false_positives],
            }
            for r in results
        ],
        "wrong_attributes": [asdict(w) for w in wrong_attributes(results)],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
