"""What ``conflictkg serve`` reads from a request before running anything: the SPARQL tokenizer that
finds a SERVICE clause or an update (graph/sparql_text.py) and Accept-header negotiation
(graph/results.py). Split from tests/test_serve.py, which runs the server itself.
"""

from __future__ import annotations

import pytest

from conflictkg.graph.serve import accepted, choose, keywords, operation, uses_service


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?x WHERE { BIND("SERVICE" AS ?x) }',
        "SELECT ?x WHERE { BIND('use SERVICE <http://example.org/> { }' AS ?x) }",
        'SELECT ?x WHERE { BIND("""a\nSERVICE <http://example.org/sparql> {}\n""" AS ?x) }',
        'SELECT ?x WHERE { BIND("say \\"SERVICE\\"" AS ?x) }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/sparql> { }",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
        "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:SERVICE ?service }",
    ],
)
def test_service_inside_strings_comments_iris_and_names_is_allowed(query: str) -> None:
    assert not uses_service(query)
    assert operation(query) == "query"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { FILTER(?a<?b) SERVICE<http://example.org/sparql>{ ?s ?p ?o } }",
        "SELECT * WHERE { BIND('x' AS ?y) SERVICE ?endpoint { ?s ?p ?o } }",
    ],
)
def test_service_clause_is_found(query: str) -> None:
    assert uses_service(query)


def test_operation_after_the_prologue() -> None:
    assert operation("PREFIX a: <http://a/> BASE <http://b/> ASK {}") == "query"
    assert operation("PREFIX a: <http://a/>\nINSERT DATA { a:x a:y a:z }") == "update"
    assert operation("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == "update"
    assert keywords("SELECT ?x { ?x <a:b> 'SELECT' }") == ["SELECT"]


def test_accept_header_parsing() -> None:
    assert accepted("text/html;q=0.5, application/sparql-results+json, */*;q=0.1") == [
        "application/sparql-results+json",
        "text/html",
        "*/*",
    ]
    results = {"json": "application/sparql-results+json", "csv": "text/csv"}
    assert choose(results, None, "text/csv;q=0.9, application/sparql-results+json", "json") == "json"
    assert choose(results, "csv", "application/sparql-results+json", "json") == "csv"
    assert choose(results, "rdfxml", None, "json") is None
