"""A synthetic benchmark corpus: N news-like articles in Indonesian and English, as .jsonl.

    .venv/bin/python benchmarks/corpus.py 10000 -o /tmp/corpus-10k.jsonl [--seed 1]

SYNTHETIC, FOR SPEED ONLY: the articles recombine sentence templates written for this file with
names taken from the gazetteer (conflictkg.ontology), random dates and numbers. They read like
wire copy but state nothing true; they must never be used to judge extraction quality (the gold
set in tests/gold is for that). Every extractor path is exercised: attacks (drone, missile,
shelling, air strike) with agent, place, date and weapon count; interceptions; threats; territorial
claims (a named village, a number of settlements); accusations, claims of responsibility and
"has not claimed"; casualty counts from officials, media and unattributed; roles. Each article
draws 6 to 10 of the templates, so articles differ in size and content (and so in content hash).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from rdflib import SKOS, Graph, Literal, URIRef

from conflictkg import ontology

CKG = ontology.CKG
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
ANGKA = ["dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]

# {A}/{B}: attacker and attacked state; {city}: a city of B; {town2}: another; {village}, {region}: B's;
# {n}, {m}: numbers; {k}: a number word; {day}: weekday; {date}: a written date; {who}: a spokesperson.
TEMPLATES_ID = [
    "Serangan rudal {A} menghantam sebuah blok apartemen di kota {city} pada {day} ({date}).",
    "Pada {day} pagi, {k} drone {A} menabrak bangunan tempat tinggal di kota {city}.",
    "Serangan drone {A} menghantam fasilitas industri di kota {town2} pada {date}.",
    "Penembakan artileri {A} menghantam pasar di kota {town2} pada {day} ({date}).",
    "Sedikitnya {n} orang tewas dan {m} orang terluka akibat serangan itu, kata {who}.",
    "Tidak ada korban luka yang dilaporkan secara resmi dalam serangan itu.",
    "Laporan media menyebutkan {m} orang terluka akibat jendela pecah.",
    "{B} menyalahkan {A} atas serangan drone yang menghantam kota {city}.",
    "{A} belum mengaku bertanggung jawab atas serangan tersebut.",
    "{leaderA} mengancam akan menargetkan pusat kota {capB} dengan rudal balistik hipersonik.",
    "Kementerian Pertahanan {A} mengatakan dalam sebuah telegram bahwa pasukannya telah merebut desa {village} "
    "di wilayah {region}.",
    "Tentara {A} mengatakan mereka telah merebut lebih dari {n} pemukiman {B} tahun ini.",
    "Presiden {Bname} {leaderB} mengatakan negaranya akan membalas serangan tersebut.",
    "Kementerian Pertahanan {B} mengatakan {n} drone {A} ditembak jatuh di atas wilayah {region}.",
    "{A} membantah telah menyerang kota {city}.",
]
TEMPLATES_EN = [
    "A {Adj} missile attack on {city} on {day} killed {n} people and injured {m} others, the regional governor said.",
    "On {day} morning, {k} {Adj} drones hit residential buildings in {city}.",
    "{Adj} shelling hit a market in {town2} on {date}, killing at least {n} people.",
    "A {Adj} air strike hit the centre of {town2} on {date}.",
    "Media reports said {m} people were injured by broken glass.",
    "No injuries were officially reported in the attack.",
    "{B} blamed {A} for the drone attack on {city}.",
    "{A} has not claimed responsibility for the attack.",
    "{leaderA} threatened to strike {capB} with hypersonic ballistic missiles.",
    "The {Adj} Defence Ministry said on Telegram that its forces had captured the village of {village} in the "
    "{region} region.",
    "The {Adj} army said it had taken control of more than {n} {BAdj} settlements this year.",
    "{BAdj} President {leaderB} said his country would respond to the attack.",
    "The {BAdj} air force said it shot down {n} {Adj} drones over the {region} region.",
    "{A} denied attacking {city}.",
]


@dataclass(frozen=True)
class Side:
    """One warring state as the templates need it."""

    name_id: str
    name_en: str
    adjective: str
    leader: str
    capital: str
    cities: tuple[str, ...]
    villages: tuple[tuple[str, str], ...]  # (village, region)


def _label(g: Graph, node: URIRef, lang: str) -> str:
    for o in g.objects(node, SKOS.prefLabel):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    raise KeyError(f"{node} has no {lang} label")


def sides() -> tuple[Side, Side]:
    """Russia and Ukraine with cities, villages (with their region) and leaders from the gazetteer."""
    g = ontology.load(ontology.GAZETTEER_FILE)
    names: dict[str, int] = {}
    for o in g.objects(None, SKOS.prefLabel):
        names[str(o)] = names.get(str(o), 0) + 1
    for o in g.objects(None, SKOS.altLabel):
        names[str(o)] = names.get(str(o), 0) + 1
    out = []
    for key, adj, leader in (("russia", "Russian", "vladimir-putin"), ("ukraine", "Ukrainian", "volodymyr-zelenskyy")):
        state = URIRef(ontology.ENT + key)
        cities, villages = [], []
        for s in sorted(g.subjects(CKG.locatedIn, None)):
            if (s, None, CKG.Settlement) not in g or not isinstance(s, URIRef):
                continue
            region = g.value(s, CKG.locatedIn)
            if region is None or (region, CKG.locatedIn, state) not in g:
                continue
            label, note = _label(g, s, "en"), str(g.value(s, SKOS.note) or "")
            if names.get(label, 0) > 4 or label != _label(g, s, "id"):  # ambiguous or translated names: skip
                continue
            if note == "city":
                cities.append(label)
            elif note == "village" and isinstance(region, URIRef):
                villages.append((label, _label(g, region, "en")))
        capital = next(c for c in g.subjects(CKG.capitalOf, state) if isinstance(c, URIRef))
        person = URIRef(ontology.ENT + leader)
        out.append(
            Side(
                _label(g, state, "id"),
                _label(g, state, "en"),
                adj,
                _label(g, person, "en"),
                _label(g, capital, "en"),
                tuple(cities),
                tuple(villages) or (("Metyolkine", "Luhansk"),),
            )
        )
    return out[0], out[1]


def article(i: int, rnd: random.Random, pair: tuple[Side, Side]) -> dict[str, str]:
    a, b = pair if rnd.random() < 0.6 else (pair[1], pair[0])
    lang = "id" if i % 2 == 0 else "en"
    published = dt.date(2022, 3, 1) + dt.timedelta(days=rnd.randrange(1200))
    when = published - dt.timedelta(days=rnd.randrange(1, 6))
    village, region = rnd.choice(b.villages or a.villages)
    cities = b.cities or a.cities
    values = {
        "A": a.name_id if lang == "id" else a.name_en,
        "B": b.name_id if lang == "id" else b.name_en,
        "Adj": a.adjective,
        "BAdj": b.adjective,
        "Bname": b.name_id,
        "leaderA": a.leader,
        "leaderB": b.leader,
        "capB": b.capital,
        "city": rnd.choice(cities),
        "town2": rnd.choice(cities),
        "village": village,
        "region": region,
        "n": str(rnd.randrange(2, 300)),
        "m": str(rnd.randrange(1, 60)),
        "k": rnd.choice(ANGKA if lang == "id" else NUMBERS),
        "day": (HARI if lang == "id" else DAYS)[when.weekday()],
        "date": f"{when.day} {(BULAN if lang == 'id' else MONTHS)[when.month - 1]} {when.year}",
        "who": rnd.choice(["wali kota setempat", "gubernur wilayah", "pejabat setempat"]),
    }
    templates = TEMPLATES_ID if lang == "id" else TEMPLATES_EN
    chosen = [templates[0] if rnd.random() < 0.5 else templates[1], *rnd.sample(templates[2:], rnd.randrange(5, 10))]
    text = "\n".join(t.format(**values) for t in chosen)
    return {
        "id": f"synthetic-{i:08d}",
        "language": lang,
        "date_published": published.isoformat(),
        "headline": chosen[0].format(**values)[:80],
        "publisher": "ConflictKG synthetic benchmark corpus (not news)",
        "text": text,
    }


def generate(n: int, seed: int = 1) -> Iterator[dict[str, str]]:
    rnd = random.Random(seed)
    pair = sides()
    for i in range(n):
        yield article(i, rnd, pair)


def write(n: int, out: TextIO, seed: int = 1) -> None:
    for record in generate(n, seed):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("-o", "--output", help="a .jsonl file (default: stdout)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            write(args.n, out, args.seed)
    else:
        write(args.n, sys.stdout, args.seed)


if __name__ == "__main__":
    main()
