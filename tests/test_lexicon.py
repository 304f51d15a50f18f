"""The lexicon is data: a new name or trigger in RDF changes what the loader finds, without code."""

from __future__ import annotations

import datetime as dt

from rdflib import Graph

from conflictkg import ontology
from conflictkg.loaders import Article, RuleExtractor
from conflictkg.loaders.lexicon import Lexicon

EXTRA = """
@prefix ckg: <https://w3id.org/conflictkg/ontology#> .
@prefix ent: <https://w3id.org/conflictkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ent:kazan skos:altLabel "Qazan"@tt .
ckg:DroneStrike skos:hiddenLabel "dron hujumi"@uz .
"""


def test_adding_labels_in_rdf_extends_the_loader() -> None:
    text = "Qazan shahrida dron hujumi bo'ldi."
    article = Article(id="t", text=text, language="uz", date_published=dt.date(2024, 1, 1))
    before = RuleExtractor().extract(article)
    assert not before.events and not before.mentions
    g: Graph = ontology.load()
    g.parse(data=EXTRA, format="turtle")
    after = RuleExtractor(Lexicon(g)).extract(article)
    assert [e.cls.rsplit("#")[-1] for e in after.events] == ["DroneStrike"]
    assert "https://w3id.org/conflictkg/id/kazan" in after.mentions


def test_entity_names_are_case_sensitive_and_cues_are_not() -> None:
    from conflictkg.loaders.lexicon import default_lexicon
    from conflictkg.loaders.text import tokenize

    lex = default_lexicon()
    kinds = {(m.kind, m.text) for m in lex.match(tokenize("AS as SERANGAN RUDAL"))}
    assert ("entity", "AS") in kinds and ("entity", "as") not in kinds
    assert ("trigger", "SERANGAN RUDAL") in kinds
