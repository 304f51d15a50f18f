"""Rewrite the golden files from the current code: run it, then READ the diff before committing.

    .venv/bin/python tests/golden/regenerate.py

Golden files pin today's output of the seed article (the article graph, and every stored query's
bindings) so that a change in extraction or in a query shows up as a test failure to be reviewed.
"""

from __future__ import annotations

from pathlib import Path

from conflictkg import api
from conflictkg.graph.queries import as_sparql_json
from conflictkg.loaders import RuleExtractor, read_articles, to_graph

HERE = Path(__file__).resolve().parent
DEMO = HERE.parents[1] / "demo" / "kazan-drone-attack.id.json"


def main() -> None:
    (article,) = read_articles(DEMO)
    graph = to_graph(RuleExtractor().extract(article))
    (HERE / "kazan-drone-attack.article.ttl").write_text(graph.serialize(format="turtle"), encoding="utf-8")
    store = api.open_store()
    api.load(store, [DEMO])
    for q in api.queries():
        params = {p.name: p.example for p in q.params}
        result = api.query(store, q.name, params)
        (HERE / "queries" / f"{q.name}.json").write_text(as_sparql_json(result) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
