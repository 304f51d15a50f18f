"""Golden results: the seed article's graph (compared by isomorphism) and every stored query's
bindings on it (compared as multisets: row order is not part of the contract).

After an intended change, run tests/golden/regenerate.py and review the diff.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from conflictkg import api
from conflictkg.graph.queries import as_sparql_json
from conflictkg.graph.store import Store
from conflictkg.loaders import RuleExtractor, read_articles, to_graph

from .conftest import DEMO_ARTICLE

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_seed_article_graph_is_isomorphic_to_golden() -> None:
    (article,) = read_articles(DEMO_ARTICLE)
    got = to_graph(RuleExtractor().extract(article))
    want = Graph().parse(GOLDEN / "kazan-drone-attack.article.ttl")
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        extra = sorted(" ".join(x.n3() for x in t) for t in only_got)[:10]
        missing = sorted(" ".join(x.n3() for x in t) for t in only_want)[:10]
        pytest.fail(f"graph differs from golden\nextra: {extra}\nmissing: {missing}")


GROUP_CONCAT_VARS = {"otherNames": ", ", "values": "; "}


def _bindings(doc: dict[str, object]) -> Counter[str]:
    """Bindings as a multiset; GROUP_CONCAT values are sorted, since their order is unspecified in SPARQL."""
    results = doc["results"]
    assert isinstance(results, dict)
    rows = []
    for b in results["bindings"]:
        for var, sep in GROUP_CONCAT_VARS.items():
            if var in b:
                b[var]["value"] = sep.join(sorted(b[var]["value"].split(sep)))
        rows.append(json.dumps(b, sort_keys=True))
    return Counter(rows)


@pytest.mark.parametrize("name", [q.name for q in api.queries()])
def test_stored_query_bindings_match_golden(seed_store: Store, name: str) -> None:
    golden = GOLDEN / "queries" / f"{name}.json"
    assert golden.exists(), f"no golden result for query {name}: run tests/golden/regenerate.py"
    q = next(x for x in api.queries() if x.name == name)
    result = api.query(seed_store, name, {p.name: p.example for p in q.params})
    got = json.loads(as_sparql_json(result))
    want = json.loads(golden.read_text(encoding="utf-8"))
    assert got["head"]["vars"] == want["head"]["vars"]
    assert _bindings(got) == _bindings(want)
