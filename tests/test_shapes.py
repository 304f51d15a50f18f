"""SHACL shapes test suite in the style of the W3C SHACL test suite.

Fixtures live in ``tests/shapes``:

- ``valid/*.ttl``: complete article graphs that must produce no validation result at all.
- ``invalid/NAME.ttl``: a valid graph with one deliberate fault, next to ``invalid/NAME.expected.ttl``, the
  ``sh:ValidationReport`` it must produce.

A result is compared as (focus node, owning node shape, constraint component, result path, severity). The
property shapes in ``shapes/article.ttl`` are blank nodes, so an expected report names the node shape that
owns the property shape, and the validator's ``sh:sourceShape`` is mapped to that node shape through the
shapes graph. Paths that are blank nodes (``sh:alternativePath`` and friends) are compared structurally.
``sh:conforms`` follows :attr:`conflictkg.graph.validate.Report.conforms`: false if and only if there is a
violation (warnings alone conform, as the validator runs with ``allow_warnings``).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from conflictkg import ontology, shapes
from conflictkg.graph.validate import Finding, Report, validate_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
CKS = Namespace("https://w3id.org/conflictkg/shapes#")
CKG = Namespace("https://w3id.org/conflictkg/ontology#")
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

FIXTURES = Path(__file__).parent / "shapes"
EXPECTED_SUFFIX = ".expected.ttl"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted(p for p in (FIXTURES / "invalid").glob("*.ttl") if not p.name.endswith(EXPECTED_SUFFIX))
MIN_INVALID_PER_SHAPE = 2

# Fixtures whose expected report states the intended behaviour, which shapes/article.ttl does not produce yet.
# They run as strict xfails, so fixing the shape turns them into failures until the entry is removed here.
KNOWN_SHAPE_PROBLEMS: dict[str, str] = {}


class Result(NamedTuple):
    """One validation result, reduced to what the expected reports pin down."""

    focus: str
    shape: str
    component: str
    path: str | None
    severity: str


# ------------------------------------------------------------------ helpers


@cache
def shapes_graph() -> Graph:
    """The shapes, loaded once so that blank-node property shapes keep the same identity in every report."""
    return shapes.load()


def node_shapes() -> set[URIRef]:
    g = shapes_graph()
    return {s for s in g.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}


def expected_path(invalid: Path) -> Path:
    return invalid.with_name(invalid.name[: -len(".ttl")] + EXPECTED_SUFFIX)


def parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


@cache
def prefixes() -> NamespaceManager:
    """Prefixes for readable results in assertion messages (``shapes.load()`` copies triples, not prefixes)."""
    g = Graph(bind_namespaces="none")
    for prefix, namespace in (("sh", SH), ("cks", CKS), ("ckg", CKG), ("nif", NIF), ("schema", SCHEMA)):
        g.bind(prefix, namespace)
    return g.namespace_manager


def qname(node: Node) -> str:
    return prefixes().normalizeUri(node) if isinstance(node, URIRef) else node.n3()


def path_text(g: Graph, path: Node) -> str:
    """A SHACL property path as SPARQL property-path text, so that blank-node paths compare by structure."""
    if isinstance(path, URIRef):
        return qname(path)
    if not isinstance(path, BNode):
        raise ValueError(f"not a SHACL path: {path!r}")
    if (path, RDF.first, None) in g:
        return "(" + " / ".join(path_text(g, p) for p in Collection(g, path)) + ")"
    for kind, template in (
        (SH.alternativePath, None),
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = g.value(path, kind)
        if inner is None:
            continue
        if template is None:
            return "(" + " | ".join(path_text(g, p) for p in Collection(g, inner)) + ")"
        return template.format(path_text(g, inner))
    raise ValueError(f"not a SHACL path: {path!r}")


def owning_node_shape(shape: Node) -> URIRef:
    """The named node shape a source shape belongs to (itself, or the owner of a property or SPARQL shape)."""
    g = shapes_graph()
    seen: set[Node] = set()
    while not (isinstance(shape, URIRef) and (shape, RDF.type, SH.NodeShape) in g):
        if shape in seen:
            raise ValueError(f"cycle while looking for the node shape owning {shape!r}")
        seen.add(shape)
        owners = {s for p in (SH.property, SH.sparql) for s in g.subjects(p, shape)}
        if len(owners) != 1:
            raise ValueError(f"{shape!r} is owned by {len(owners)} shapes, expected exactly one")
        shape = owners.pop()
    return shape


def shapes_node(text: str) -> Node:
    """The term a finding's string stands for: a blank node of the shapes graph if there is one, else an IRI."""
    bnode = BNode(text)
    return bnode if (bnode, None, None) in shapes_graph() else URIRef(text)


def actual_result(f: Finding) -> Result:
    g = shapes_graph()
    return Result(
        focus=f.focus,
        shape=qname(owning_node_shape(shapes_node(f.shape))),
        component=qname(SH[f.component]),
        path=path_text(g, shapes_node(f.path)) if f.path else None,
        severity=qname(SH[f.severity]),
    )


def expected_report(path: Path) -> tuple[bool, set[Result]]:
    g = parse(path)
    reports = list(g.subjects(RDF.type, SH.ValidationReport))
    assert len(reports) == 1, f"{path.name}: expected exactly one sh:ValidationReport, found {len(reports)}"
    conforms = g.value(reports[0], SH.conforms)
    assert isinstance(conforms, Literal), f"{path.name}: sh:conforms is missing"
    results: set[Result] = set()
    n = 0
    for r in g.objects(reports[0], SH.result):
        n += 1
        focus, shape = g.value(r, SH.focusNode), g.value(r, SH.sourceShape)
        component, severity = g.value(r, SH.sourceConstraintComponent), g.value(r, SH.resultSeverity)
        assert isinstance(focus, URIRef), f"{path.name}: a result has no IRI sh:focusNode"
        assert isinstance(shape, URIRef), f"{path.name}: a result has no IRI sh:sourceShape"
        assert isinstance(component, URIRef), f"{path.name}: a result has no sh:sourceConstraintComponent"
        assert isinstance(severity, URIRef), f"{path.name}: a result has no sh:resultSeverity"
        result_path = g.value(r, SH.resultPath)
        results.add(
            Result(
                focus=str(focus),
                shape=qname(shape),
                component=qname(component),
                path=None if result_path is None else path_text(g, result_path),
                severity=qname(severity),
            )
        )
    assert len(results) == n, f"{path.name}: duplicate results"
    return bool(conforms.toPython()), results


def run(data_file: Path) -> Report:
    return validate_graph(parse(data_file), name=data_file.name, shapes_graph=shapes_graph())


def describe(report: Report) -> str:
    return "\n".join(f"{f.severity} {f.focus} {f.path} {f.component}: {f.message}" for f in report.findings)


# ------------------------------------------------------------------ fixtures against the shapes


@pytest.mark.parametrize("data_file", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_has_no_findings(data_file: Path) -> None:
    report = run(data_file)
    assert report.findings == [], describe(report)
    assert report.conforms


def invalid_params() -> list[object]:
    return [
        pytest.param(
            p,
            id=p.stem,
            marks=pytest.mark.xfail(raises=AssertionError, strict=True, reason=KNOWN_SHAPE_PROBLEMS[p.stem]),
        )
        if p.stem in KNOWN_SHAPE_PROBLEMS
        else pytest.param(p, id=p.stem)
        for p in INVALID
    ]


@pytest.mark.parametrize("data_file", invalid_params())
def test_invalid_fixture_matches_expected_report(data_file: Path) -> None:
    conforms, expected = expected_report(expected_path(data_file))
    assert expected, f"{data_file.name}: the expected report declares no result"
    report = run(data_file)
    actual = {actual_result(f) for f in report.findings}
    assert len(actual) == len(report.findings), describe(report)
    assert actual == expected, describe(report)
    assert report.conforms is conforms


# ------------------------------------------------------------------ the suite itself


def test_fixture_directories_are_populated() -> None:
    assert VALID, f"no valid fixtures in {FIXTURES / 'valid'}"
    assert INVALID, f"no invalid fixtures in {FIXTURES / 'invalid'}"


def test_every_invalid_fixture_has_an_expected_report_and_vice_versa() -> None:
    data = {p.name[: -len(".ttl")] for p in INVALID}
    reports = {p.name[: -len(EXPECTED_SUFFIX)] for p in (FIXTURES / "invalid").glob("*" + EXPECTED_SUFFIX)}
    assert data - reports == set(), "invalid fixtures without an expected report"
    assert reports - data == set(), "expected reports without a fixture"


def test_known_shape_problems_name_existing_fixtures() -> None:
    assert set(KNOWN_SHAPE_PROBLEMS) <= {p.stem for p in INVALID}


def test_every_node_shape_has_invalid_fixtures() -> None:
    named: dict[str, set[str]] = {qname(s): set() for s in node_shapes()}
    for data_file in INVALID:
        _conforms, results = expected_report(expected_path(data_file))
        for r in results:
            assert r.shape in named, f"{data_file.name}: {r.shape} is not a node shape in article.ttl"
            named[r.shape].add(data_file.stem)
    too_few = {shape: sorted(names) for shape, names in named.items() if len(names) < MIN_INVALID_PER_SHAPE}
    assert too_few == {}, f"node shapes with fewer than {MIN_INVALID_PER_SHAPE} invalid fixtures"


def test_valid_fixtures_cover_every_target_class() -> None:
    reference = ontology.load(ontology.ONTOLOGY_FILE)
    typed: set[Node] = set()
    for data_file in VALID:
        for cls in parse(data_file).objects(None, RDF.type):
            typed.update(c for c in reference.transitive_objects(cls, RDFS.subClassOf) if c is not None)
    targets = set(shapes_graph().objects(None, SH.targetClass))
    assert targets - typed == set(), "target classes with no instance in a valid fixture"


def literal(g: Graph, node: Node, prop: URIRef) -> Literal:
    value = g.value(node, prop)
    assert isinstance(value, Literal), f"{node} has no literal {prop}"
    return value


@pytest.mark.parametrize("data_file", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_offsets_match_text(data_file: Path) -> None:
    """Sentences and evidence in valid fixtures quote exactly the text their offsets select."""
    g = parse(data_file)
    for sentence in g.subjects(RDF.type, CKG.Sentence):
        text = str(literal(g, sentence, NIF.anchorOf))
        begin, end = literal(g, sentence, NIF.beginIndex).toPython(), literal(g, sentence, NIF.endIndex).toPython()
        assert len(text) == end - begin, sentence
    for evidence in g.subjects(RDF.type, CKG.Evidence):
        container = g.value(evidence, CKG.inSentence)
        assert container is not None, evidence
        offset = literal(g, container, NIF.beginIndex).toPython()
        begin, end = literal(g, evidence, NIF.beginIndex).toPython(), literal(g, evidence, NIF.endIndex).toPython()
        quoted = str(literal(g, container, NIF.anchorOf))[begin - offset : end - offset]
        assert quoted == str(literal(g, evidence, NIF.anchorOf)), evidence


def test_shapes_graph_is_valid_shacl() -> None:
    """article.ttl conforms to the SHACL-SHACL meta-shapes (pyshacl's bundled copy)."""
    meta = Graph().parse(
        data=files("pyshacl").joinpath("assets", "shacl-shacl.ttl").read_text(encoding="utf-8"), format="turtle"
    )
    assert len(meta) > 0
    conforms, _results, text = pyshacl_validate(shapes.load(), shacl_graph=meta, inference="none")
    assert conforms, text
