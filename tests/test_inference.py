"""The fast reasoner gives exactly owlrl's (filtered) entailments on every fixture, through each of its
entry points (rdflib triples, N-Triples text, a graph of the Oxigraph store), and refuses schemas and
data it does not implement."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.term import Node

from conflictkg import ontology
from conflictkg.graph import fastinfer, infer, storeinfer
from conflictkg.graph.terms import from_ox, to_ox
from conflictkg.loaders import RuleExtractor, read_articles, to_graph

from .conftest import DEMO_ARTICLE

HERE = Path(__file__).resolve().parent
SCHEMA = ontology.load(ontology.ONTOLOGY_FILE)
COMPILED = fastinfer.CompiledSchema(SCHEMA)
Triple = tuple[Node, Node, Node]


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
ex:e ckg:locatedIn ex:f . ex:f ckg:locatedIn ex:e . ex:s ckg:atWarWith ex:u .
"""

#: Every supported construct, in the combinations where a per-triple shortcut would go wrong: chains of
#: sub-properties and inverses, a symmetric property, transitivity through an inverse, cycles, literal
#: values of object properties (owlrl lets them reach subject position), equivalences, a schema
#: individual that the data describes, and an axiom stated in the data itself.
EDGE_SCHEMA = """
@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <urn:x:> .
ex:part a owl:TransitiveProperty ; rdfs:domain ex:Part ; rdfs:range ex:Whole .
ex:has owl:inverseOf ex:part ; rdfs:range ex:Piece .
ex:hasDirect rdfs:subPropertyOf ex:has ; rdfs:domain ex:Assembly .
ex:near a owl:SymmetricProperty ; rdfs:domain ex:Place .
ex:links owl:equivalentProperty ex:joins . ex:joins rdfs:range ex:Node ; owl:inverseOf ex:joinedBy .
ex:joinedBy rdfs:domain ex:Hub .
ex:Part owl:equivalentClass ex:Component . ex:Component rdfs:subClassOf ex:Thing2 .
ex:Whole rdfs:subClassOf ex:Thing2 . ex:Reported a ex:Status . ex:Status rdfs:subClassOf ex:Label .
"""
EDGE_DATA = """
@prefix ex: <urn:x:> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:a ex:part ex:b . ex:b ex:part ex:c . ex:c ex:part ex:a . ex:w ex:hasDirect ex:x . ex:x ex:part ex:y .
ex:k ex:has "a literal" . ex:m ex:part "also one" . ex:n ex:near ex:o . ex:o ex:near ex:q .
ex:l1 ex:links ex:l2 . ex:l2 ex:joins "7" . ex:Reported ex:note "described by the data" .
ex:Sub rdfs:subClassOf ex:Piece . ex:i a ex:Sub . _:b ex:part ex:a . ex:a ex:near _:c .
"""


def edge_fixtures() -> list[tuple[str, Graph, Graph]]:
    schema = Graph().parse(data=EDGE_SCHEMA, format="turtle")
    small = Graph().parse(data="<urn:x:p> <http://www.w3.org/2000/01/rdf-schema#domain> <urn:x:C> .", format="turtle")
    axiom = (
        "<urn:x:A> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <urn:x:B> . <urn:x:i> a <urn:x:A> ; <urn:x:p> 0 ."
    )
    return [
        ("edge cases", Graph().parse(data=EDGE_DATA, format="turtle"), schema),
        ("axiom in the data, vocabulary not in the schema", Graph().parse(data=axiom, format="turtle"), small),
    ]


def ntriples(triples: set[Triple] | Graph) -> str:
    return "".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n" for s, p, o in triples)


def parse_lines(lines: list[str]) -> set[Triple]:
    text = "\n".join(lines).encode("utf-8")
    return {
        (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
        for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    }


def all_cases() -> list[tuple[str, Graph, Graph]]:
    return [(name, data, SCHEMA) for name, data in fixtures()] + edge_fixtures()


_REFERENCES: dict[str, set[Triple]] = {}


def owlrl_closure(name: str, data: Graph, schema: Graph) -> set[Triple]:
    """owlrl's closure of a fixture, computed once for the tests that compare with it (owlrl is slow)."""
    if name not in _REFERENCES:
        _REFERENCES[name] = set(infer.closure(data, schema))
    return _REFERENCES[name]


@pytest.mark.parametrize(("name", "data", "schema"), all_cases(), ids=lambda x: x if isinstance(x, str) else "")
def test_fast_path_equals_owlrl(name: str, data: Graph, schema: Graph) -> None:
    reference = owlrl_closure(name, data, schema)
    fast = set(fastinfer.closure(data, schema))
    assert reference, name
    assert fast == reference, (sorted(reference - fast)[:5], sorted(fast - reference)[:5])


@pytest.mark.parametrize(("name", "data", "schema"), all_cases(), ids=lambda x: x if isinstance(x, str) else "")
def test_ntriples_path_equals_owlrl(name: str, data: Graph, schema: Graph) -> None:
    reference = owlrl_closure(name, data, schema)
    lines = storeinfer.closure_ntriples(ntriples(data), fastinfer.CompiledSchema(schema))
    assert len(lines) == len(set(lines)) == len(reference), name
    assert parse_lines(lines) == reference


@pytest.mark.parametrize(("name", "data", "schema"), all_cases(), ids=lambda x: x if isinstance(x, str) else "")
def test_store_path_equals_owlrl(name: str, data: Graph, schema: Graph) -> None:
    """In the store, data are Oxigraph's canonical form (trap 1 in rdf-engines.md): owlrl gets the same."""
    store = ox.Store()
    source, target = "urn:x:graph/asserted", "urn:x:graph/inferred"
    store.load(ntriples(data).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(source))
    stored = Graph()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(source)):
        stored.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    count = storeinfer.infer_graph(store, [source], target, fastinfer.CompiledSchema(schema))
    inferred = {
        (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(target))
    }
    same_data = set(stored) == set(data)
    assert inferred == (owlrl_closure(name, data, schema) if same_data else set(infer.closure(stored, schema)))
    assert count == len(inferred)


def test_keep_subjects_limits_the_closure() -> None:
    data = Graph().parse(data=CHAIN, format="turtle")
    (a,) = [s for s in data.subjects() if str(s) == "urn:x:a"]
    reference = set(infer.closure(data, SCHEMA, keep_subjects=[a]))
    assert set(fastinfer.closure(data, SCHEMA, keep_subjects=[a])) == reference
    lines = storeinfer.closure_ntriples(ntriples(data), COMPILED, keep_subjects=["<urn:x:a>"])
    assert parse_lines(lines) == reference


def test_unsupported_constructs_are_refused() -> None:
    schema = ontology.load(ontology.ONTOLOGY_FILE)
    schema.parse(
        data="""@prefix owl: <http://www.w3.org/2002/07/owl#> .
        <urn:x:C> owl:equivalentClass [ owl:onProperty <urn:x:p> ; owl:someValuesFrom <urn:x:D> ] .""",
        format="turtle",
    )
    with pytest.raises(fastinfer.UnsupportedSchema, match="someValuesFrom"):
        fastinfer.CompiledSchema(schema)


@pytest.mark.parametrize(
    "axiom",
    [
        "<urn:x:p> rdfs:subPropertyOf rdf:type .",
        "<urn:x:p> owl:inverseOf rdfs:subClassOf .",
        "owl:Thing rdfs:subClassOf <urn:x:C> .",
    ],
)
def test_meta_modelling_is_refused(axiom: str) -> None:
    prefixes = (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . "
    )
    with pytest.raises(fastinfer.UnsupportedSchema):
        fastinfer.CompiledSchema(Graph().parse(data=prefixes + axiom, format="turtle"))


def test_unsupported_constructs_in_the_data_are_refused() -> None:
    """owlrl would rewrite every statement about both nodes: the fast path must not pretend otherwise."""
    data = Graph().parse(data="<urn:x:a> <http://www.w3.org/2002/07/owl#sameAs> <urn:x:b> .", format="turtle")
    with pytest.raises(fastinfer.UnsupportedSchema, match="sameAs"):
        fastinfer.closure(data, SCHEMA, compiled=COMPILED)
    with pytest.raises(fastinfer.UnsupportedSchema, match="sameAs"):
        storeinfer.closure_ntriples(ntriples(data), COMPILED)


@pytest.mark.parametrize("text", ["<urn:x:a>\t<urn:x:p> <urn:x:b> .\n", "<urn:x:a>  <urn:x:p> <urn:x:b> .\n"])
def test_ntriples_in_another_layout_is_refused(text: str) -> None:
    """Terms are compared as written, so only the one-line, single-space layout is accepted."""
    with pytest.raises(storeinfer.NotLineNTriples):
        storeinfer.closure_ntriples(text, COMPILED)


def test_comments_and_blank_lines_are_skipped() -> None:
    text = "# a comment\n\n<urn:x:r> <https://w3id.org/conflictkg/ontology#holder> <urn:x:p> .\n"
    assert "<urn:x:r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " in "\n".join(
        storeinfer.closure_ntriples(text, COMPILED)
    )


def test_chunks_split_at_line_ends() -> None:
    """The text is split a few MB at a time; no line may be cut or lost at a chunk's end."""
    text = ntriples(Graph().parse(data=CHAIN, format="turtle")).replace("\n", "\r\n", 1)
    whole = [row for chunk in storeinfer.split_ntriples(text) for row in chunk]
    for size in (1, 50, 97):
        assert [row for chunk in storeinfer.split_ntriples(text, chunk=size) for row in chunk] == whole
    assert len(whole) == len(text.splitlines())
