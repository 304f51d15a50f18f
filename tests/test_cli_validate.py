"""``conflictkg validate --store DIR --engine sparql|pyshacl``: same verdicts, formats and exit codes.

Two stores, both loaded through ``conflictkg load`` from dev articles (so they hold inferred graphs,
the lexicon and the rest of what a real store holds): a clean one, and one with a fault that only
the union of its two article graphs has (a provisional person whose ``ckg:linked`` flag the two
articles state differently: ``sh:maxCount 1`` holds in each graph alone). Each graph alone conforms,
checked the way the loader checks an article, so only a store-wide check can find it.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal

from conflictkg.cli import main
from conflictkg.graph.store import ARTICLE_PREFIX, Store
from conflictkg.ontology import CKG, ENT

ARTICLES = ("kazan-drone-attack.id.json", "dnipropetrovsk-attacks-2024-07.en.json")
PERSON = ENT["provisional/person/test-cli"]


def _load(path: Path, shared_articles: Path) -> str:
    args = ["load", "--store", str(path), "--quiet", "-j", "1", *(str(shared_articles / a) for a in ARTICLES)]
    assert main(args) == 0
    return str(path)


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory: pytest.TempPathFactory, shared_articles: Path) -> str:
    return _load(tmp_path_factory.mktemp("clean") / "store", shared_articles)


def _with_the_person(g: Graph, linked: bool) -> Graph:
    """The article graph plus the provisional person, read from one of the article's own evidence spans."""
    evidence = sorted(g.subjects(RDF.type, CKG.Evidence))[0]
    out = Graph()
    out += g
    out.add((PERSON, RDF.type, CKG.Person))
    out.add((PERSON, CKG.linked, Literal(linked)))  # an older extractor wrote the flag the other way
    out.add((PERSON, CKG.surfaceForm, Literal("Test")))
    out.add((PERSON, CKG.evidence, evidence))
    return out


@pytest.fixture(scope="module")
def faulty_store(tmp_path_factory: pytest.TempPathFactory, shared_articles: Path) -> str:
    path = _load(tmp_path_factory.mktemp("faulty") / "store", shared_articles)
    with Store(path) as store:
        names = sorted(n for n in store.graph_names() if n.startswith(ARTICLE_PREFIX))
        store.replace_graphs({n: _with_the_person(store.graph(n), i == 0) for i, n in enumerate(names)})
    return path


def _json(args: list[str], tmp_path: Path, code: int) -> dict[str, object]:
    out = tmp_path / "report.json"
    assert main([*args, "--format", "json", "-o", str(out)]) == code
    doc: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return doc


def test_a_clean_store_conforms_with_both_engines(clean_store: str, tmp_path: Path) -> None:
    docs = [_json(["validate", "--store", clean_store, "--engine", e], tmp_path, 0) for e in ("sparql", "pyshacl")]
    assert docs[0] == docs[1]
    assert docs[0]["conforms"] is True and len(docs[0]["checked"]) == len(ARTICLES)  # type: ignore[arg-type]


def test_sparql_is_the_default_engine(clean_store: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--store", clean_store]) == 0
    assert "2 graph(s) checked: conforms" in capsys.readouterr().out


def test_a_fault_across_articles_is_found_by_both_engines(faulty_store: str, tmp_path: Path) -> None:
    sparql = _json(["validate", "--store", faulty_store], tmp_path, 1)
    reference = _json(["validate", "--store", faulty_store, "--engine", "pyshacl"], tmp_path, 1)
    assert sparql == reference
    (fault,) = [f for f in sparql["findings"] if f["severity"] == "Violation"]  # type: ignore[attr-defined]
    assert fault["focus"] == str(PERSON) and fault["component"] == "MaxCountConstraintComponent"
    assert str(fault["graph"]).startswith(ARTICLE_PREFIX)


def test_each_graph_of_the_fault_conforms_alone(faulty_store: str, tmp_path: Path) -> None:
    """Checked as the loader checks an article (one graph, with the ontology and gazetteer), both pass."""
    with Store(faulty_store) as store:
        graphs = [store.graph(n) for n in sorted(store.graph_names()) if n.startswith(ARTICLE_PREFIX)]
    for i, g in enumerate(graphs):
        path = tmp_path / f"alone-{i}.ttl"
        g.serialize(path, format="turtle")
        for engine in ("sparql", "pyshacl"):
            assert main(["validate", str(path), "--engine", engine]) == 0, (i, engine)


def test_junit_and_text_reports_of_the_fault(
    faulty_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xml = tmp_path / "r.xml"
    for engine in ("sparql", "pyshacl"):
        assert main(["validate", "--store", faulty_store, "--engine", engine, "--format", "junit", "-o", str(xml)]) == 1
        suite = ET.parse(xml).getroot()
        assert suite.get("tests") == str(len(ARTICLES)) and suite.get("failures") == "1"
    assert main(["validate", "--store", faulty_store, "--lang", "id"]) == 1
    out = capsys.readouterr().out
    assert f"Violation: {PERSON} linked" in out and "does not conform (1 violation(s)" in out


def test_files_with_either_engine_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix ckg: <https://w3id.org/conflictkg/ontology#> .\n<urn:x:t> a ckg:Threat .\n", encoding="utf-8"
    )
    texts = []
    for engine in ("sparql", "pyshacl"):
        assert main(["validate", str(bad), "--engine", engine]) == 1
        texts.append(capsys.readouterr().out)
    assert texts[0] == texts[1] and "urn:x:t" in texts[0]
    assert main(["validate", str(tmp_path / "missing.ttl")]) == 2
    assert capsys.readouterr().err.startswith("conflictkg: error:")
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--engine", "rdflib", str(bad)])
    assert exc.value.code == 2
