"""make docs: every stored query and every ontology term appears in the generated documentation."""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, URIRef

from conflictkg import api, ontology
from conflictkg.docs import build, queries_markdown
from conflictkg.graph.queries import stored_queries


def test_every_query_is_documented() -> None:
    md = queries_markdown()
    for q in [*api.queries(), *stored_queries("qc")]:
        assert f"### {q.name}\n\n{q.summary}" in md
        for p in q.params:
            assert f"parameter `{p.name}` ({p.type})" in md


def test_every_ontology_term_is_documented(tmp_path: Path) -> None:
    paths = build(tmp_path)
    page = (tmp_path / "ontology.html").read_text(encoding="utf-8")
    g = ontology.load(ontology.ONTOLOGY_FILE)
    terms = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(ontology.CKG))
    }
    assert len(terms) > 80
    missing = sorted(str(t) for t in terms if str(t).split("#")[-1] not in page)
    assert missing == []
    assert all(p.stat().st_size > 1000 for p in paths)
