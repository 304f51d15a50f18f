"""``conflictkg serve``: the read-only SPARQL 1.1 Protocol endpoint, its guards, the query page
and the linked-data descriptions; on the seed store, in this process and as a command. (What is
read from a request before anything runs, the SPARQL tokenizer and Accept parsing: tests/test_serve_text.py.)
"""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import SKOS, Graph, Literal, URIRef

from conflictkg import api
from conflictkg.graph.normalise import differences
from conflictkg.graph.remote import Endpoint
from conflictkg.graph.serve import (
    LIMIT_HEADER,
    TRUNCATED_HEADER,
    SparqlServer,
    make_server,
)
from conflictkg.graph.store import Store, StoreError

from .conftest import DEMO_ARTICLE
from .servers import local_and_remote, separators_of, start_serve, stop

WAIT = "urn:conflictkg:test:wait"
KAZAN = "https://w3id.org/conflictkg/id/kazan"
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@dataclass
class Running:
    server: SparqlServer
    url: str
    release: threading.Event


def _run(store: Store, **options: Any) -> Iterator[Running]:
    release = threading.Event()

    def wait(_: Any) -> Any:  # an extension function that blocks until the test ends
        release.wait()
        return ox.Literal("released")

    server = make_server(store, quiet=True, custom_functions={ox.NamedNode(WAIT): wait}, **options)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Running(server, server.url, release)
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def served(seed_store: Store) -> Iterator[Running]:
    yield from _run(seed_store)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8")


def http(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> Reply:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return Reply(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as e:
        return Reply(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())


def get(running: Running, query: str, accept: str | None = None, **params: str) -> Reply:
    qs = urllib.parse.urlencode({"query": query, **params})
    return http(running.url + "sparql?" + qs, headers={"Accept": accept} if accept else {})


def post_form(running: Running, **form: str) -> Reply:
    return http(
        running.url + "sparql",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


def solutions(body: bytes, results_format: Any) -> list[Any]:
    """Parse SELECT results with pyoxigraph (which proves them well-formed)."""
    parsed = ox.parse_query_results(body, results_format)
    assert isinstance(parsed, ox.QuerySolutions)
    return list(parsed)


# ------------------------------------------------------------------ the endpoint


@pytest.mark.parametrize("name", [q.name for q in api.queries()])
def test_stored_queries_through_sparqlwrapper_equal_local(served: Running, seed_store: Store, name: str) -> None:
    local, remote = local_and_remote(seed_store, Endpoint(served.url + "sparql"), name)
    assert differences(local, remote, separators_of(name)) == []


@pytest.mark.parametrize(
    ("how", "content_type", "results_format"),
    [
        ({"format": "json"}, "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ({"format": "xml"}, "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ({"format": "tsv"}, "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ({"format": "csv"}, "text/csv", ox.QueryResultsFormat.CSV),
        ({"accept": "application/sparql-results+xml"}, "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ({"accept": "text/tab-separated-values"}, "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ({"accept": "text/csv"}, "text/csv", ox.QueryResultsFormat.CSV),
        ({"accept": "text/html,*/*;q=0.8"}, "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ({}, "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_select_formats(
    served: Running, seed_store: Store, how: dict[str, str], content_type: str, results_format: Any
) -> None:
    query = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
    accept = how.get("accept")
    reply = get(served, query, accept, **({"format": how["format"]} if "format" in how else {}))
    assert reply.status == 200
    assert reply.headers["content-type"].startswith(content_type)
    want = len(seed_store.select(query)[1])
    if results_format == ox.QueryResultsFormat.CSV:
        rows = list(csv.reader(io.StringIO(reply.text())))
        assert rows[0] == ["s", "label"] and len(rows) - 1 == want
    else:
        assert len(solutions(reply.body, results_format)) == want


def test_values_are_escaped_in_every_format(served: Running) -> None:
    tricky = 'a "quoted", tab\tand\nnew line <b>&amp;'
    values = f'{json.dumps(tricky)} "Київ"@uk "3.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    query = f"SELECT ?x ?l ?n WHERE {{ VALUES (?x ?l ?n) {{ ({values}) }} }}"
    for fmt, results_format in (("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML)):
        (solution,) = solutions(get(served, query, format=fmt).body, results_format)
        assert solution["x"] == ox.Literal(tricky)
        assert solution["l"] == ox.Literal("Київ", language="uk")
        assert solution["n"].value == "3.5"
    (row,) = solutions(get(served, query, format="tsv").body, ox.QueryResultsFormat.TSV)
    assert row["x"] == ox.Literal(tricky)
    rows = list(csv.reader(io.StringIO(get(served, query, format="csv").text(), newline="")))
    assert rows[1] == [tricky, "Київ", "3.5"]


def test_post_forms_and_direct_query(served: Running, seed_store: Store) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    want = str(seed_store.select(query)[1][0]["n"])
    reply = post_form(served, query=query)
    assert json.loads(reply.body)["results"]["bindings"][0]["n"]["value"] == want
    reply = http(served.url + "sparql", data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert json.loads(reply.body)["results"]["bindings"][0]["n"]["value"] == want


def test_ask(served: Running) -> None:
    assert json.loads(get(served, f"ASK {{ <{KAZAN}> ?p ?o }}").body)["boolean"] is True
    reply = get(served, "ASK { <urn:nothing> ?p ?o }", "application/sparql-results+xml")
    assert bool(ox.parse_query_results(reply.body, ox.QueryResultsFormat.XML)) is False


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        (None, ox.RdfFormat.TURTLE),
    ],
)
def test_construct_and_describe_formats(served: Running, accept: str | None, rdf_format: Any) -> None:
    construct = f"CONSTRUCT {{ <{KAZAN}> ?p ?o }} WHERE {{ <{KAZAN}> ?p ?o }}"
    reply = get(served, construct, accept)
    assert reply.status == 200 and reply.headers["content-type"].startswith(rdf_format.media_type)
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(reply.body, rdf_format)}
    assert (
        ox.NamedNode(KAZAN),
        ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
        ox.Literal("Kazan", language="en"),
    ) in triples
    described = get(served, f"DESCRIBE <{KAZAN}>", accept)
    assert described.status == 200
    assert len(list(ox.parse(described.body, rdf_format))) >= len(triples)


def test_syntax_error_is_400(served: Running) -> None:
    reply = get(served, "SELECT WHERE {")
    assert reply.status == 400 and "syntax" in reply.text()
    assert http(served.url + "sparql").status == 400  # no query at all


# ------------------------------------------------------------------ the guards


def test_updates_are_refused(served: Running, seed_store: Store) -> None:
    before = len(seed_store)
    update = f"INSERT DATA {{ GRAPH <urn:g> {{ <{KAZAN}> <urn:p> 'x' }} }}"
    replies = [
        post_form(served, update=update),
        http(served.url + "sparql", data=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        get(served, update),
        http(served.url + "sparql?" + urllib.parse.urlencode({"update": update})),
        post_form(served, query="PREFIX x: <urn:x> DROP ALL"),
    ]
    for reply in replies:
        assert reply.status == 403 and "read-only" in reply.text()
    assert http(served.url + "sparql", data=b"<a:b> <a:c> <a:d> .", method="PUT").status == 405
    assert http(served.url + "sparql", method="DELETE").status == 405
    assert len(seed_store) == before


def test_service_is_refused_but_the_word_in_a_string_is_not(served: Running) -> None:
    reply = get(served, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert reply.status == 400 and "SERVICE" in reply.text()
    reply = get(served, 'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/sparql>" AS ?x) }')
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"][0]["x"]["value"].startswith("SERVICE")


def test_result_limit_is_said_in_a_header(seed_store: Store) -> None:
    for running in _run(seed_store, limit=5):
        reply = get(running, ALL_TRIPLES)
        assert len(json.loads(reply.body)["results"]["bindings"]) == 5
        assert reply.headers[TRUNCATED_HEADER.lower()] == "true"
        assert reply.headers[LIMIT_HEADER.lower()] == "5"
        construct = get(running, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
        assert len(construct.text().splitlines()) == 5 and construct.headers[TRUNCATED_HEADER.lower()] == "true"
        small = get(running, "SELECT ?x WHERE { VALUES ?x { 1 2 3 } }")
        assert len(json.loads(small.body)["results"]["bindings"]) == 3
        assert TRUNCATED_HEADER.lower() not in small.headers


def test_slow_query_answers_503(seed_store: Store) -> None:
    """The query waits (an extension function blocks until the test ends): no timing involved."""
    for running in _run(seed_store, timeout=0.2, workers=1):
        slow = f"SELECT ?x WHERE {{ BIND(<{WAIT}>(1) AS ?x) }}"
        reply = get(running, slow)
        assert reply.status == 503 and "did not finish" in reply.text()
        # the timed-out query still holds the only worker: the next query is turned away, not queued
        busy = get(running, "ASK {}")
        assert busy.status == 503 and "too many queries" in busy.text()
        running.release.set()


# ------------------------------------------------------------------ page and linked data


def test_query_page_is_offline(served: Running) -> None:
    page = http(served.url, headers={"Accept": "text/html"})
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    text = page.text()
    assert 'src="http' not in text and 'href="http' not in text and "//cdn" not in text
    for name in ("app.js", "style.css"):
        asset = http(served.url + "static/" + name)
        assert asset.status == 200 and b"http://" not in asset.body and b"https://" not in asset.body
    catalogue = json.loads(http(served.url + "queries.json").body)
    assert [q["name"] for q in catalogue["queries"]] == [q.name for q in api.queries()]
    events_in = next(q for q in catalogue["queries"] if q["name"] == "events-in")
    assert events_in["summary"] and "VALUES" in events_in["bound"] and "Tatarstan" in events_in["bound"]
    assert http(served.url + "static/../../store.py").status == 404


@pytest.mark.parametrize(
    ("accept", "fmt", "content_type"),
    [
        ("text/html,application/xhtml+xml,*/*;q=0.8", None, "text/html"),
        ("text/turtle", None, "text/turtle"),
        ("application/ld+json", None, "application/ld+json"),
        (None, "jsonld", "application/ld+json"),
        (None, None, "text/turtle"),
    ],
)
def test_entity_iri_is_dereferenceable(served: Running, accept: str | None, fmt: str | None, content_type: str) -> None:
    url = served.url + "id/kazan" + (f"?format={fmt}" if fmt else "")
    reply = http(url, headers={"Accept": accept} if accept else {})
    assert reply.status == 200 and reply.headers["content-type"].startswith(content_type)
    assert reply.headers["vary"] == "Accept"
    if content_type == "text/html":
        assert "<h1>Kazan</h1>" in reply.text()
        assert 'href="/id/tatarstan"' in reply.text()  # objects under the base IRI link to their own pages
        assert "Republic of Tatarstan" in reply.text()  # labels of the objects come along
        return
    rdf_format = ox.RdfFormat.JSON_LD if "json" in content_type else ox.RdfFormat.TURTLE
    triples = list(ox.parse(reply.body, rdf_format))
    subjects = {t.subject.value for t in triples}
    assert KAZAN in subjects
    assert subjects <= {KAZAN} | {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)}


def test_unknown_iri_is_404_and_ontology_is_described(served: Running) -> None:
    assert http(served.url + "id/no-such-place").status == 404
    ontology = http(served.url + "ontology", headers={"Accept": "text/turtle"})
    assert ontology.status == 200
    subjects = {t.subject.value for t in ox.parse(ontology.body, ox.RdfFormat.TURTLE)}
    assert "https://w3id.org/conflictkg/ontology#Attack" in subjects


# ------------------------------------------------------------------ the command


def test_serve_command(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with api.open_store(store_dir) as store:
        api.load(store, [DEMO_ARTICLE])
    served = start_serve(store_dir, tmp_path, "--limit", "3")
    try:
        assert served.url.startswith("http://127.0.0.1:")
        reply = http(served.url + "sparql?" + urllib.parse.urlencode({"query": ALL_TRIPLES}))
        assert reply.status == 200 and reply.headers[TRUNCATED_HEADER.lower()] == "true"
        with pytest.raises(StoreError):  # the server holds the on-disk store
            api.open_store(store_dir)
    finally:
        stop(served.process)
    assert served.process.returncode == 0, served.log.read_text()
    with api.open_store(store_dir) as store:  # released on exit
        assert store.article_graphs()


def test_entity_html_escapes_text_and_links_no_scripts() -> None:
    store = api.open_store()
    thing = "https://w3id.org/conflictkg/id/test-thing"
    graph = Graph()
    graph.add((URIRef(thing), SKOS.prefLabel, Literal("<script>alert(1)</script>", lang="en")))
    graph.add((URIRef(thing), URIRef("https://w3id.org/conflictkg/ontology#note"), URIRef("javascript:alert(2)")))
    store.replace_graphs({"https://w3id.org/conflictkg/graph/article/test": graph})
    for running in _run(store):
        page = http(running.url + "id/test-thing", headers={"Accept": "text/html"}).text()
        assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert 'href="javascript:' not in page and "javascript:alert(2)" in page
