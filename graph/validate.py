"""SHACL validation with pyshacl, and reports as text, JSON and JUnit XML.

Validation runs on asserted data with the ontology and gazetteer mixed in (so that ``sh:class``
sees gazetteer types and sub-classes) and before inference, which would hide errors: once every
agent is inferred to be an Actor, a shape on agents cannot fail.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from pyshacl import validate as pyshacl_validate
from rdflib import RDF, Graph, Literal, Namespace
from rdflib.term import Node

from conflictkg import ontology, shapes

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Finding:
    graph: str
    focus: str
    path: str
    value: str
    shape: str
    component: str
    severity: str  # "Violation", "Warning", "Info"
    message: str


@dataclass
class Report:
    checked: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def extend(self, other: Report) -> None:
        self.checked.extend(other.checked)
        self.findings.extend(other.findings)


@lru_cache(maxsize=1)
def _reference() -> Graph:
    return ontology.load(ontology.ONTOLOGY_FILE, ontology.GAZETTEER_FILE)


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


def _message(results: Graph, r: Node, lang: str, shapes_graph: Graph) -> str:
    msgs = list(results.objects(r, SH.resultMessage))
    if not any(isinstance(m, Literal) and m.language for m in msgs):
        # pyshacl drops the language tags of SPARQL-based constraints' messages: read them from the shapes
        constraint = results.value(r, SH.sourceConstraint)
        if constraint is not None:
            msgs = list(shapes_graph.objects(constraint, SH.message)) or msgs
    for m in msgs:
        if isinstance(m, Literal) and m.language == lang:
            return str(m)
    for m in msgs:
        if isinstance(m, Literal) and m.language in (None, "en"):
            return str(m)
    return str(msgs[0]) if msgs else ""


def validate_graph(data: Graph, name: str = "", lang: str = "en", shapes_graph: Graph | None = None) -> Report:
    """Validate one graph of asserted triples against the article shapes.

    The reference data is copied in by hand: pyshacl mixes ``ont_graph`` in only when it runs
    inference, and inference must not run here.
    """
    shapes_graph = shapes_graph if shapes_graph is not None else shapes.load()
    mixed = Graph()
    for t in _reference():
        mixed.add(t)
    for t in data:
        mixed.add(t)
    _conforms, results, _text_report = pyshacl_validate(
        mixed,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    assert isinstance(results, Graph)
    report = Report(checked=[name])
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = _text(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        report.findings.append(
            Finding(
                graph=name,
                focus=_text(results.value(r, SH.focusNode)),
                path=_text(results.value(r, SH.resultPath)),
                value=_text(results.value(r, SH.value)),
                shape=_text(results.value(r, SH.sourceShape)),
                component=_text(results.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
                severity=severity,
                message=_message(results, r, lang, shapes_graph),
            )
        )
    report.findings.sort(key=lambda f: (f.graph, f.severity, f.focus, f.path, f.component, f.value))
    return report


# ------------------------------------------------------------------ output


def as_text(report: Report) -> str:
    lines = []
    for f in report.findings:
        where = f" {f.path.rsplit('#', 1)[-1]}" if f.path else ""
        val = f" = {f.value}" if f.value else ""
        lines.append(f"{f.severity}: {f.focus}{where}{val}: {f.message} [{f.component}; graph {f.graph}]")
    n_v, n_w = len(report.violations), len(report.findings) - len(report.violations)
    verdict = "conforms" if report.conforms else "does not conform"
    lines.append(f"{len(report.checked)} graph(s) checked: {verdict} ({n_v} violation(s), {n_w} warning(s))")
    return "\n".join(lines)


def as_json(report: Report) -> str:
    return json.dumps(
        {"conforms": report.conforms, "checked": report.checked, "findings": [asdict(f) for f in report.findings]},
        indent=2,
        ensure_ascii=False,
    )


def as_junit(report: Report) -> str:
    """One test case per graph checked; each violation is a failure, warnings go to system-out."""
    cases = []
    for name in report.checked:
        mine = [f for f in report.findings if f.graph == name]
        body = ""
        for f in mine:
            text = escape(f"{f.focus} {f.path} {f.value}: {f.message} [{f.component}]")
            if f.severity == "Violation":
                body += f"<failure type={quoteattr(f.component)} message={quoteattr(f.message)}>{text}</failure>"
            else:
                body += f"<system-out>{f.severity}: {text}</system-out>"
        cases.append(f'  <testcase classname="conflictkg.validate" name={quoteattr(name)}>{body}</testcase>')
    failures = sum(
        1 for name in report.checked if any(f.graph == name and f.severity == "Violation" for f in report.findings)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="conflictkg-shacl" tests="{len(report.checked)}" '
        f'failures="{failures}" errors="0">\n' + "\n".join(cases) + "\n</testsuite>\n"
    )
