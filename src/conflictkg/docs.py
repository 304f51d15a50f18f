"""Documentation builder behind ``make docs``: the ontology as HTML (pyLODE) and the stored queries.

    python -m conflictkg.docs docs/html

Writes ``ontology.html`` (pyLODE's OntPub profile; pyLODE is in the ``docs`` and ``test`` extras)
and ``queries.html`` / ``queries.md`` (every stored and QC query, from its ``#+`` header, with its
text). tests/test_docs.py fails when a query or an ontology term is missing from them.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from conflictkg.graph.queries import StoredQuery, stored_queries
from conflictkg.ontology import ONTOLOGY_FILE, files_path


def queries_markdown(queries: list[StoredQuery] | None = None) -> str:
    lines = ["# Stored queries", "", "Run one with `conflictkg query NAME`; list them with `conflictkg queries`.", ""]
    groups = [
        ("Questions", queries if queries is not None else stored_queries()),
        ("Quality control", stored_queries("qc")),
    ]
    for title, qs in groups:
        lines += [f"## {title}", ""]
        for q in qs:
            lines += [f"### {q.name}", "", q.summary, ""]
            if q.tags:
                lines += [f"Tags: {', '.join(q.tags)}", ""]
            for p in q.params:
                lines.append(f"- parameter `{p.name}` ({p.type}), e.g. `{p.example}`: {p.description}")
            if q.params:
                lines.append("")
            body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#+"))
            lines += ["```sparql", body.strip(), "```", ""]
    return "\n".join(lines)


def queries_html(markdown_text: str) -> str:
    out = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>ConflictKG stored queries</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto}pre{background:#f4f4f4;padding:1em;"
        "overflow:auto}</style></head><body>",
    ]
    in_code = False
    for line in markdown_text.splitlines():
        if line.startswith("```"):
            out.append("</pre>" if in_code else "<pre>")
            in_code = not in_code
        elif in_code:
            out.append(html.escape(line))
        elif line.startswith("### "):
            name = html.escape(line[4:])
            out.append(f"<h3 id='{name}'>{name}</h3>")
        elif line.startswith("## "):
            out.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.startswith("# "):
            out.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def ontology_html() -> str:
    from pylode import OntPub

    return str(OntPub(ontology=str(files_path(ONTOLOGY_FILE))).make_html())


def build(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    md = queries_markdown()
    written = [target / "queries.md", target / "queries.html", target / "ontology.html"]
    written[0].write_text(md, encoding="utf-8")
    written[1].write_text(queries_html(md), encoding="utf-8")
    written[2].write_text(ontology_html(), encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    for path in build(Path(args[0] if args else "docs/html")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
