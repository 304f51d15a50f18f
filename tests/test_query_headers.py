"""Every stored query has a grlc-style header, parses, and declares what it binds."""

from __future__ import annotations

import re

import pytest

from conflictkg import api
from conflictkg.graph.queries import QueryError, parse_header
from conflictkg.graph.store import bind_values

REQUIRED_VARS = {
    "actors": ["actor", "actorLabel", "actorType", "wikidata"],
    "events": ["event", "eventType", "date", "precision", "placeLabel", "agentLabel", "sentence"],
    "attacks": ["event", "eventType", "placeLabel", "date", "agentLabel", "weaponLabel", "sentence"],
    "threats": ["threat", "speakerLabel", "targetLabel", "date", "sentence"],
    "territorial-claims": ["claim", "claimantLabel", "placeLabel", "date", "status", "count", "sentence"],
    "attributions": ["statement", "kind", "actorLabel", "targetLabel", "event", "sentence"],
    "casualty-reports": ["event", "casualtyType", "count", "reporterLabel", "sourceKind", "sentence"],
    "conflicting-reports": ["event"],
    "events-in": ["event"],
}


@pytest.mark.parametrize("q", api.queries(), ids=lambda q: q.name)
def test_header_and_variables(q: api.StoredQuery) -> None:
    assert q.summary and q.tags
    select = re.search(r"SELECT(.*?)WHERE", q.text, re.S)
    assert select is not None
    projected = re.findall(
        r"\?(\w+)(?=[\s)])", select.group(1).split(" AS ")[0] if "(" not in select.group(1) else select.group(1)
    )
    for var in REQUIRED_VARS.get(q.name, []):
        assert var in projected, f"{q.name} must return ?{var}"
    for p in q.params:
        assert f"?{p.name}" in q.text and p.example and p.description


def test_bad_header_is_reported_with_file_and_line() -> None:
    with pytest.raises(QueryError, match=r"queries/x.rq:2: param line"):
        parse_header("x", "#+ summary: s\n#+ param: place | colour | red | what", "queries/x.rq")
    with pytest.raises(QueryError, match="missing '#\\+ summary:'"):
        parse_header("x", "SELECT * WHERE {}", "queries/x.rq")


def test_values_binding_escapes_literals() -> None:
    from rdflib import Literal

    q = bind_values("SELECT ?x WHERE { ?x ?p ?place }", {"place": Literal('a" } DROP ALL #')})
    assert 'VALUES (?place) { ("a\\" } DROP ALL #") }' in q
