"""Validation messages come in the requested language, for core and SPARQL-based constraints."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from conflictkg.graph.validate import validate_graph

INVALID = Path(__file__).resolve().parent / "shapes" / "invalid"


@pytest.mark.parametrize(
    "fixture", ["event-dated-after-article", "casualty-negative-count", "accusation-state-accuses-itself"]
)
def test_messages_follow_lang(fixture: str) -> None:
    path = INVALID / f"{fixture}.ttl"
    if not path.exists():
        pytest.fail(f"fixture {path} is missing")
    g = Graph().parse(path)
    en = {f.message for f in validate_graph(g, "x", "en").findings}
    idn = {f.message for f in validate_graph(g, "x", "id").findings}
    assert en and idn and en.isdisjoint(idn)
