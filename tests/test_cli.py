"""The command line: exit codes CI can use, formats, help, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conflictkg.cli import main

from .conftest import DEMO_ARTICLE


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "store")
    assert main(["load", "--store", path, "--quiet", str(DEMO_ARTICLE)]) == 0
    return path


def test_validate_exit_codes(store_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--store", store_dir]) == 0
    assert "conforms" in capsys.readouterr().out
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix ckg: <https://w3id.org/conflictkg/ontology#> .\n<urn:x:t> a ckg:Threat .\n", encoding="utf-8"
    )
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Violation" in out and "urn:x:t" in out
    assert main(["validate", str(tmp_path / "missing.ttl")]) == 2
    assert capsys.readouterr().err.startswith("conflictkg: error:")


def test_validate_json_and_junit(store_dir: str, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["validate", "--store", store_dir, "--format", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["conforms"] is True and len(doc["checked"]) == 1
    xml = tmp_path / "r.xml"
    assert main(["validate", "--store", store_dir, "--format", "junit", "-o", str(xml)]) == 0
    import xml.etree.ElementTree as ET

    suite = ET.parse(xml).getroot()
    assert suite.tag == "testsuite" and suite.get("tests") == "1" and suite.get("failures") == "0"


def test_queries_lists_name_then_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queries"]) == 0
    lines = capsys.readouterr().out.splitlines()
    names = [line.split()[0] for line in lines]
    assert {
        "actors",
        "events",
        "attacks",
        "threats",
        "territorial-claims",
        "attributions",
        "casualty-reports",
        "conflicting-reports",
        "events-in",
    } <= set(names)
    assert all(len(line.split(None, 1)) == 2 for line in lines)


def test_query_json_is_sparql_results(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "events-in", "--store", store_dir, "--param", "place=Tatarstan", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["head"]["vars"][0] == "event"
    (row,) = doc["results"]["bindings"]
    assert row["event"]["type"] == "uri" and row["date"] == {
        "type": "literal",
        "value": "2024-12-21",
        "datatype": "http://www.w3.org/2001/XMLSchema#date",
    }


def test_query_table_and_csv(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "threats", "--store", store_dir]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["threat", "speakerLabel", "targetLabel"] and "(2 rows)" in out
    assert main(["query", "attacks", "--store", store_dir, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("event,eventType,placeLabel,date,agentLabel")


def test_query_errors_are_one_line(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "no-such-query", "--store", store_dir]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no stored query named 'no-such-query'" in err
    assert main(["query", "events-in", "--store", store_dir]) == 2
    assert "needs --param place=" in capsys.readouterr().err
    assert main(["query", "attacks", "--store", store_dir, "--param", "bogus=1"]) == 2


def test_parameters_cannot_change_the_query(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    evil = 'x") } } SELECT * WHERE { ?s ?p ?o } #'
    assert main(["query", "events-in", "--store", store_dir, "--param", f"place={evil}", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"]["bindings"] == []


def test_load_reports_bad_records_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "ok"}\n{"id": "b"}\n', encoding="utf-8")
    # the rest goes on, and the exit code says something was wrong
    assert main(["load", "--store", str(tmp_path / "s"), str(bad)]) == 1
    assert f"{bad}:2: field 'text'" in capsys.readouterr().err
    # --strict stops at the first bad record, as an error
    assert main(["load", "--strict", "--store", str(tmp_path / "t"), str(bad)]) == 2
    assert f"{bad}:2: field 'text'" in capsys.readouterr().err


def test_export_is_deterministic_across_processes(store_dir: str, tmp_path: Path) -> None:
    outputs = []
    for fmt in ("nq", "ttl", "jsonld", "nt", "trig"):
        files = []
        for i in range(2):
            out = tmp_path / f"{fmt}{i}"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "conflictkg.cli",
                    "export",
                    "--store",
                    store_dir,
                    "--quiet",
                    "--format",
                    fmt,
                    "-o",
                    str(out),
                    "--no-reference",
                ],
                check=True,
                env={"PYTHONHASHSEED": str(i + 1), "PATH": ""},
            )
            files.append(out.read_bytes())
        assert files[0] == files[1], fmt
        outputs.append(files[0])
    nq_lines = outputs[0].decode().splitlines()
    assert nq_lines == sorted(nq_lines) and len(nq_lines) > 400


def test_help_teaches(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in ("load", "validate", "queries", "query", "export", "Exit codes"):
        assert word in out


def test_merge_command(store_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge", "--store", store_dir]) == 0
    assert "merged event(s)" in capsys.readouterr().err  # one article: nothing to merge, but the graph is built
