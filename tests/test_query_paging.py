"""Paging of the listing queries (``#+ pagination: true``): pages are slices of the full ordered
result, and LIMIT/OFFSET, the only text the runner writes into a query, are checked integers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.term import Node

from conflictkg import api
from conflictkg.cli import main
from conflictkg.graph.queries import PAGE_MARKER, QueryError, StoredQuery, page_number, paged_text, parse_header
from conflictkg.graph.store import Store, bind_values

from .conftest import DEMO_ARTICLE

PAGINATED = [q for q in api.queries() if q.paginated]


def _params(q: StoredQuery) -> dict[str, str]:
    return {p.name: p.example for p in q.params}


def _rows(store: Store, q: StoredQuery, limit: int | None = None, offset: int | None = None) -> list[dict[str, Node]]:
    return api.query(store, q.name, _params(q), limit=limit, offset=offset).rows


@pytest.fixture(scope="module")
def articles_store(shared_articles: Path) -> Iterator[Store]:
    """The dev articles and the seed article: enough rows for several pages of every listing."""
    store = api.open_store()
    paths = [*sorted(shared_articles.glob("*.json")), DEMO_ARTICLE]
    api.load(store, paths, validator="fast", strict=False)
    yield store


def test_the_listing_queries_are_paginated() -> None:
    names = {q.name for q in PAGINATED}
    assert {"events", "attacks", "threats", "roles", "territorial-claims", "casualty-reports"} <= names
    assert "actors" not in names


@pytest.mark.parametrize("q", PAGINATED, ids=lambda q: q.name)
def test_pages_concatenate_to_the_ordered_result(articles_store: Store, q: StoredQuery) -> None:
    full = _rows(articles_store, q)
    assert full, f"{q.name}: no rows in the fixture store, so its paging is not tested"
    size = max(2, len(full) // 3 + 1)
    pages = [_rows(articles_store, q, limit=size, offset=n * size) for n in range(4)]
    assert [len(p) for p in pages] == [max(0, min(size, len(full) - n * size)) for n in range(4)]
    assert [row for page in pages for row in page] == full
    first, second = _rows(articles_store, q, limit=1), _rows(articles_store, q, limit=1, offset=1)
    assert first + second == full[:2]


@pytest.mark.parametrize("q", PAGINATED, ids=lambda q: q.name)
def test_empty_pages(seed_store: Store, q: StoredQuery) -> None:
    assert _rows(seed_store, q, limit=0) == []
    assert _rows(seed_store, q, offset=10_000) == []


def test_page_numbers_are_non_negative_integers() -> None:
    assert page_number(5) == 5 and page_number("12") == 12 and page_number(0) == 0
    for bad in (-1, "-3", "ten", "1.5", 2.0, True, None, "5; DROP ALL"):
        with pytest.raises(QueryError, match="non-negative integer"):
            page_number(bad)


def test_only_integers_are_written_at_the_marker() -> None:
    q = next(x for x in PAGINATED if x.name == "events")
    assert paged_text(q) == q.text
    text = paged_text(q, "7", 20)
    assert PAGE_MARKER not in text and text.count("LIMIT 7 OFFSET 20") == 1
    assert paged_text(q, offset=3).count("OFFSET 3") == 1 and "LIMIT" not in paged_text(q, offset=3)


@pytest.mark.parametrize("q", PAGINATED, ids=lambda q: q.name)
def test_parameters_are_bound_inside_the_paged_sub_select(q: StoredQuery) -> None:
    """bind_values puts the VALUES block at the first WHERE: in a paginated query that must lie in the
    group of the sub-select that is paged (its outer SELECTs are written without WHERE), so that
    the parameters and ?lang are in scope where the rows are picked."""
    text = bind_values(q.text, {"lang": Literal("xx"), **{p.name: Literal("x") for p in q.params}})
    marker = text.index(PAGE_MARKER)
    close = text.rindex("}", 0, text.rindex("ORDER BY", 0, marker))
    depth, opening = 0, close
    while depth or opening == close:
        depth += {"}": 1, "{": -1}.get(text[opening], 0)
        opening -= 1 if depth else 0
    assert opening < text.index("VALUES (") < close


@pytest.mark.parametrize("q", api.queries(), ids=lambda q: q.name)
def test_remote_clients_see_a_select(q: StoredQuery) -> None:
    """SPARQLWrapper takes the first keyword it finds outside whole-line comments (case-insensitive,
    and it skips only every other comment line) for the query form: a comment before SELECT with
    'adds' or 'loaded' in it would send the query as an update. Comments go after the SELECT."""
    from SPARQLWrapper import SPARQLWrapper

    wrapper = SPARQLWrapper("http://127.0.0.1/sparql")
    wrapper.setQuery(bind_values(q.text, {"lang": Literal("en")}))
    assert wrapper.queryType == "SELECT"


def test_api_rejects_bad_pages_and_unpaginated_queries(seed_store: Store) -> None:
    with pytest.raises(QueryError, match="non-negative integer"):
        api.query(seed_store, "events", limit=-1)
    with pytest.raises(QueryError, match="not paginated"):
        api.query(seed_store, "actors", limit=10)


def test_marker_and_header_must_agree() -> None:
    body = "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x\n#@page\n} }"
    assert parse_header("x", "#+ summary: s\n#+ pagination: true\n" + body).paginated
    with pytest.raises(QueryError, match="exactly one line"):
        parse_header("x", "#+ summary: s\n" + body)
    with pytest.raises(QueryError, match="exactly one line"):
        parse_header("x", "#+ summary: s\n#+ pagination: true\nSELECT ?x WHERE { ?x ?p ?o }")
    with pytest.raises(QueryError, match="'true' or 'false'"):
        parse_header("x", "#+ summary: s\n#+ pagination: yes\n" + body)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("paging") / "store")
    assert main(["load", "--store", path, "--quiet", str(DEMO_ARTICLE)]) == 0
    return path


def test_cli_pages(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "events", "--store", store_dir, "--format", "json"]) == 0
    full = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert main(["query", "events", "--store", store_dir, "--format", "json", "--limit", "2", "--offset", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["results"]["bindings"] == full[1:3]


@pytest.mark.parametrize("bad", ["-1", "x", "1.5"])
def test_cli_bad_limit_is_a_usage_error(store_dir: str, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["query", "events", "--store", store_dir, "--limit", bad])
    assert exc.value.code == 2
    assert "non-negative integer" in capsys.readouterr().err


def test_cli_limit_on_an_unpaginated_query(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "actors", "--store", store_dir, "--limit", "3"]) == 2
    assert "not paginated" in capsys.readouterr().err
