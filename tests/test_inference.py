"""The fast reasoner gives exactly owlrl's (filtered) entailments on every fixture, and refuses
schemas it does not implement."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Graph

from conflictkg import ontology
from conflictkg.graph import fastinfer, infer
from conflictkg.loaders import RuleExtractor, read_articles, to_graph

from .conftest import DEMO_ARTICLE

HERE = Path(__file__).resolve().parent
SCHEMA = ontology.load(ontology.ONTOLOGY_FILE)


def fixtures() -> list[tuple[str, Graph]]:
    (article,) = read_articles(DEMO_ARTICLE)
    out = [
        ("seed article", to_graph(RuleExtractor().extract(article))),
        ("gazetteer", ontology.load(ontology.GAZETTEER_FILE)),
    ]
    for path in sorted((HERE / "shapes" / "valid").glob("*.ttl")):
        out.append((path.stem, Graph().parse(path)))
    sys.path.insert(0, str(HERE.parent / "benchmarks"))
    from synthetic import synthetic_graph

    out.append(("synthetic 3k", synthetic_graph(3000)))
    out.append(("containment chain", Graph().parse(data=CHAIN, format="turtle")))
    return out


CHAIN = """
@prefix ckg: <https://w3id.org/conflictkg/ontology#> .
@prefix ex: <urn:x:> .
ex:a ckg:locatedIn ex:b . ex:b ckg:locatedIn ex:c . ex:d ckg:contains ex:c .
ex:r ckg:holder ex:p ; ckg:role ex:president . ex:t a ckg:TerritorialClaim ; ckg:claimant ex:p .
"""


@pytest.mark.parametrize(("name", "data"), fixtures(), ids=lambda x: x if isinstance(x, str) else "")
def test_fast_path_equals_owlrl(name: str, data: Graph) -> None:
    reference = set(infer.closure(data, SCHEMA))
    fast = set(fastinfer.closure(data, SCHEMA))
    assert reference, name
    assert fast == reference, (sorted(reference - fast)[:5], sorted(fast - reference)[:5])


def test_unsupported_constructs_are_refused() -> None:
    schema = ontology.load(ontology.ONTOLOGY_FILE)
    schema.parse(
        data="""@prefix owl: <http://www.w3.org/2002/07/owl#> .
        <urn:x:C> owl:equivalentClass [ owl:onProperty <urn:x:p> ; owl:someValuesFrom <urn:x:D> ] .""",
        format="turtle",
    )
    with pytest.raises(fastinfer.UnsupportedSchema, match="someValuesFrom"):
        fastinfer.CompiledSchema(schema)
